package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;

/**
 * configs/stdp_song2000.yaml as Song, Miller and Abbott (2000), Fig. 1, shows it: weights started uniform in
 * [0, w_max] part into two groups at the ends of the range under additive pair STDP driven by independent Poisson
 * inputs, and the neuron fires less as they do (about 0.7 s of test time).
 */
class StdpSong2000BehaviourTest
{
    private static final float W_MAX = 2.5f;

    @Test
    void poissonDrivenWeightsBecomeBimodal() throws Exception
    {
        try (Network net = Network.build(NetworkAssembler.plan(
            ExperimentLoader.load(Path.of("..", "configs", "stdp_song2000.yaml")))))
        {
            final double[] start = ends(PlasticWeights.of(net.synapses(), net.plasticity()).weights());
            final SimulationResult first = net.run(20_000);
            net.run(160_000);
            final SimulationResult last = net.run(20_000);
            final double[] end = ends(PlasticWeights.of(net.synapses(), net.plasticity()).weights());
            final String stats = String.format("lowest fifth %.3f -> %.3f, highest %.3f -> %.3f, post %d -> %d spikes " +
                "in 20 s", start[0], end[0], start[1], end[1], first.populationSpikeCounts()[1],
                last.populationSpikeCounts()[1]);
            // Uniform at the start: a fifth at each end.
            assertEquals(0.2, start[0], 0.07, stats);
            assertEquals(0.2, start[1], 0.07, stats);
            assertTrue(end[0] > 0.28 && end[1] > 0.28 && end[0] + end[1] > 0.6, "two groups at the ends: " + stats);
            assertTrue(last.populationSpikeCounts()[1] < first.populationSpikeCounts()[1], "rate falls: " + stats);
            // The inputs fire at their 15 Hz: 200 x 15 x 20 = 60,000 spikes in 20 s (sd 243).
            assertEquals(60_000, last.populationSpikeCounts()[0], 1_250, stats);
        }
    }

    /** The fractions of the weights in the lowest and the highest fifth of [0, w_max]. */
    private static double[] ends(final float[] w)
    {
        int low = 0;
        int high = 0;
        for (final float x : w)
        {
            low += x < 0.2f * W_MAX ? 1 : 0;
            high += x > 0.8f * W_MAX ? 1 : 0;
        }
        return new double[] {low / (double)w.length, high / (double)w.length};
    }
}
