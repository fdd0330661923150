package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;

/**
 * What a reader of Izhikevich (2006) recognises after 600 s simulated, as the issue asks (2.7-3.2 s of test time at
 * 2 threads, which pipeline the plasticity, in a fresh-clone CI run; the 3600 s figures are in README): the
 * excitatory weights leave their common start of 6 for the two ends of [0, 10], few stay between, and the neurons
 * fire at a few Hz (the last 10 s: exc 3.6 Hz, inh 29 Hz with seed 1).
 */
class SpnetBehaviourTest
{
    @Test
    void excitatoryWeightsBecomeBimodalAndRatesStayAtAFewHz()
    {
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(1).threads(2).spikeCapacity(1 << 21)))
        {
            net.run(590_000);
            final SimulationResult last = net.run(10_000);
            int excitatory = 0;
            for (final int n : last.spikeNeurons())
            {
                excitatory += n < 800 ? 1 : 0;
            }
            final double excRate = excitatory / 800.0 / 10.0;
            final double inhRate = (last.spikeNeurons().length - excitatory) / 200.0 / 10.0;
            final float[] w = PlasticWeights.of(net.synapses(), net.plasticity()).weights();
            int low = 0;
            int middle = 0;
            int high = 0;
            for (final float x : w)
            {
                low += x < 2 ? 1 : 0;
                middle += x >= 3 && x <= 7 ? 1 : 0;
                high += x > 8 ? 1 : 0;
            }
            final String stats = String.format("exc %.2f Hz, inh %.2f Hz, w<2 %.3f, 3..7 %.3f, w>8 %.3f", excRate, inhRate,
                low / (double)w.length, middle / (double)w.length, high / (double)w.length);
            assertTrue(excRate > 1 && excRate < 20 && inhRate > 1 && inhRate < 80, stats);
            assertTrue(low > 0.15 * w.length && high > 0.35 * w.length, "two modes: " + stats);
            assertTrue(middle < low && middle < high, "a trough between them: " + stats);
        }
    }
}
