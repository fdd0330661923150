package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;

/** spnet2006 with plasticity on: the same seed gives the same spikes, weights and derivatives for 1-4 threads. */
class SpnetDeterminismTest
{
    private static final int STEPS = 2500;

    @Test
    void spikesAndPlasticWeightsAreBitIdenticalForOneToFourThreadsAndOnARerun()
    {
        final Run reference = run(1);
        assertTrue(reference.spikes[0].length > 10_000, "the network is active");
        boolean changed = false;
        for (final float w : reference.weights.weights())
        {
            changed |= w != 6f;
        }
        assertTrue(changed, "two weight updates changed weights");
        for (final int threads : new int[] {2, 3, 4, 1})
        {
            final Run other = run(threads);
            assertArrayEquals(reference.spikes[0], other.spikes[0], threads + " threads: spike steps");
            assertArrayEquals(reference.spikes[1], other.spikes[1], threads + " threads: spike neurons");
            assertArrayEquals(reference.weights.sources(), other.weights.sources());
            assertArrayEquals(reference.weights.targets(), other.weights.targets());
            assertArrayEquals(reference.weights.delays(), other.weights.delays());
            assertArrayEquals(reference.weights.weights(), other.weights.weights(), threads + " threads: weights");
            assertArrayEquals(reference.weights.derivatives(), other.weights.derivatives(), threads + " threads: sd");
        }
    }

    private record Run(int[][] spikes, PlasticWeights weights)
    {
    }

    private static Run run(final int threads)
    {
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(5).threads(threads)))
        {
            final SimulationResult r = net.run(STEPS);
            return new Run(new int[][] {r.spikeSteps(), r.spikeNeurons()}, PlasticWeights.of(net.synapses(), net.plasticity()));
        }
    }
}
