package org.izhsim.network.synapse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pair STDP applied every step skips the synapses whose summed change is +0.0 once a whole update of this run has
 * clipped them: the spikes, weights and derivatives equal those of whole updates every step, bit for bit, with the
 * weights put outside [w_min, w_max] before each of two runs (the first update of a run is whole and clips them), for both weight dependences and pairings, 1 and 2 threads, and a period of 10 (pipelined at 2
 * threads).
 */
class StdpSkippedUpdateTest
{
    @ParameterizedTest(name = "{0}, {1}, period {2}, {3} threads")
    @CsvSource({
        "additive, all_to_all, 1, 1", "multiplicative, nearest, 1, 1", "additive, nearest, 1, 2",
        "multiplicative, all_to_all, 10, 2"})
    void skippingTheUnchangedSynapsesGivesTheWholeUpdatesSpikesAndWeights(final String dependence, final String pairing,
        final int period, final int threads) throws IOException
    {
        // spnet2006's network with pair STDP; its weights of 6 are doubled to 12, above w_max = 10, before the run.
        final String yaml = Files.readString(Path.of("..", "configs", "spnet2006.yaml"))
            .replace("plasticity: {rule: spnet2006, w_max: 10}", "plasticity: {rule: stdp, w_max: 10, a_plus: 0.1, " +
                "a_minus: 0.12, weight_dependence: " + dependence + ", pairing: " + pairing + ", period_ms: " + period + "}");
        assertTrue(yaml.contains("rule: stdp") && yaml.contains("weight: 6"), "the shipped config changed");
        final Result skipping = run(yaml, threads, false);
        final Result whole = run(yaml, threads, true);
        assertTrue(whole.steps().length > 1000, "spikes " + whole.steps().length);
        assertArrayEquals(whole.steps(), skipping.steps());
        assertArrayEquals(whole.neurons(), skipping.neurons());
        assertArrayEquals(whole.weights().weights(), skipping.weights().weights());
        assertArrayEquals(whole.weights().derivatives(), skipping.weights().derivatives());
    }

    private static void doubleWeights(final Network network)
    {
        final float[] weights = network.synapses().weights(0);
        for (int j = 0; j < weights.length; j++)
        {
            weights[j] *= 2;
        }
    }

    private record Result(int[] steps, int[] neurons, PlasticWeights weights)
    {
    }

    private static Result run(final String yaml, final int threads, final boolean whole)
    {
        try (Network network = Network.build(NetworkAssembler.builder(ExperimentLoader.parse(yaml, "stdp.yaml"))
            .seed(1).threads(threads)))
        {
            network.plasticity().wholeUpdatesOnly(whole);
            // Runs cut in pieces: each begins with a whole update. Before each the weights are changed from outside
            // (doubled: the plastic ones beyond w_max), as a checkpoint of a run with a higher w_max or the Java API
            // may; the config's own weights must lie within the bounds.
            doubleWeights(network);
            final SimulationResult first = network.run(700);
            doubleWeights(network);
            final SimulationResult second = network.run(800);
            return new Result(concat(first.spikeSteps(), second.spikeSteps()),
                concat(first.spikeNeurons(), second.spikeNeurons()),
                PlasticWeights.of(network.synapses(), network.plasticity()));
        }
    }

    private static int[] concat(final int[] a, final int[] b)
    {
        final int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
