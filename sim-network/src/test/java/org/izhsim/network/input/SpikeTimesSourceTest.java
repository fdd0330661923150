package org.izhsim.network.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.izhsim.core.InputException;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spike sources at given times ({@code model: spike_times}): they fire exactly then, repeated every period if asked,
 * for any thread count; and a pairing protocol built from them measures the pair STDP window the docs give.
 */
class SpikeTimesSourceTest
{
    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {1, 2, 3})
    void sourcesFireAtTheirTimesAndRepeat(final int threads)
    {
        try (Network net = Network.build(new NetworkBuilder().threads(threads)
            .population(PopulationSpec.of("once", 3).spikeTimes(new long[][] {{17, 0, 5}, {}, {3}}, 0))
            .population(PopulationSpec.of("again", 2).spikeTimes(new long[][] {{19}, {0, 4}}, 20))))
        {
            final SimulationResult r = net.run(50);
            // (step, neuron) in the order of the spike record: by step, then neuron.
            final int[][] expected = {{0, 0}, {0, 4}, {3, 2}, {4, 4}, {5, 0}, {17, 0}, {19, 3}, {20, 4}, {24, 4},
                {39, 3}, {40, 4}, {44, 4}};
            assertEquals(expected.length, r.spikeCount());
            for (int k = 0; k < expected.length; k++)
            {
                assertArrayEquals(expected[k], new int[] {r.spikeStep(k), r.spikeNeuron(k)}, "spike " + k);
            }
        }
    }

    /**
     * The pair STDP window (Bi and Poo 1998; Song et al. 2000) from a pairing protocol: a pre spike arriving in step
     * a (sent at 100, delay 1) and a post spike in step s (a strong drive sent at 100 + dt makes the neuron fire in
     * the step it arrives) change the weight by a_plus exp(-(s - a)/tau_plus) when a <= s and by -a_minus exp(-(a - s -
     * 1)/tau_minus) when a > s, as docs/config.md gives it.
     */
    @ParameterizedTest(name = "drive at +{0} ms")
    @CsvSource({"-30", "-12", "-2", "-1", "0", "1", "5", "20", "45"})
    void aPairingProtocolMeasuresTheStdpWindow(final int dt)
    {
        final double aPlus = 0.1;
        final double aMinus = 0.12;
        final double tauPlus = 17;
        final double tauMinus = 23;
        try (Network net = Network.build(new NetworkBuilder().threads(1)
            .population(PopulationSpec.of("pre", 1).spikeTimes(new long[][] {{100}}, 0))
            .population(PopulationSpec.of("drive", 1).spikeTimes(new long[][] {{100 + dt}}, 0))
            .population(PopulationSpec.of("post", 1).parameters(0.02, 0.2, -65, 8))
            .projection(ProjectionSpec.from("drive", "post").rule(ConnectionRule.allToAll())
                .weight(WeightRule.constant(200)))
            .projection(ProjectionSpec.from("pre", "post").rule(ConnectionRule.allToAll())
                .weight(WeightRule.constant(1)).plasticity(PlasticityRule.stdp(aPlus, aMinus, tauPlus, tauMinus, 0, 2,
                    false, true, 1)))))
        {
            final SimulationResult r = net.run(200);
            final int post = postSpike(r);
            assertEquals(100 + dt + 1, post, "the drive fires the neuron in the step it arrives");
            final int a = 101;
            final double expected = a <= post ? aPlus * Math.exp(-(post - a) / tauPlus) :
                -aMinus * Math.exp(-(a - post - 1) / tauMinus);
            final float w = PlasticWeights.of(net.synapses(), net.plasticity()).weights()[0];
            assertEquals(1 + expected, w, 1e-6, "weight after one pair, post - pre arrival = " + (post - a) + " ms");
        }
    }

    private static int postSpike(final SimulationResult r)
    {
        int step = -1;
        for (int k = 0; k < r.spikeCount(); k++)
        {
            if (r.spikeNeuron(k) == 2)
            {
                assertEquals(-1, step, "one post spike");
                step = r.spikeStep(k);
            }
        }
        return step;
    }

    /** A tester's times past the run's end were taken without a word, and 5.1 million times counted as nothing. */
    @Test
    void lateTimesAreNamedAndTheTimesCountInTheMemoryEstimate()
    {
        final long[][] many = new long[4][2500];
        for (int i = 0; i < 4; i++)
        {
            for (int k = 0; k < 2500; k++)
            {
                many[i][k] = 2L * k + i % 2;
            }
        }
        final org.izhsim.network.build.NetworkPlan few = new NetworkBuilder()
            .population(PopulationSpec.of("pre", 4).spikeTimes(new long[][] {{5, 150}, {99}, {100, 101}, {}}, 0))
            .population(PopulationSpec.of("again", 1).spikeTimes(new long[][] {{700}}, 1000)).plan();
        final org.izhsim.network.build.NetworkPlan lots = new NetworkBuilder()
            .population(PopulationSpec.of("pre", 4).spikeTimes(many, 0))
            .population(PopulationSpec.of("again", 1).spikeTimes(new long[][] {{700}}, 1000)).plan();
        assertEquals(java.util.List.of("population 'pre': 3 of its 5 spike times are at or after the run's end (100 " +
            "ms) and never fire"), few.spikeTimesOutside(0, 100), "a repeated time below its period fires whenever it comes");
        assertEquals(java.util.List.of(), few.spikeTimesOutside(0, 151));
        // A run resumed at 100 ms for 50: the times before its start do not fire in it either (5, 99).
        assertEquals(java.util.List.of("population 'pre': 3 of its 5 spike times are outside this resumed run's 100 " +
            ".. 150 ms and do not fire in it"), few.spikeTimesOutside(100, 150));
        assertEquals(24L * (10_000 - 5), lots.memory(100).neuronBytes() - few.memory(100).neuronBytes());
    }

    @Test
    void wrongTimesAreRefused()
    {
        assertThrows(InputException.class, () -> PopulationSpec.of("s", 2).spikeTimes(new long[][] {{1}}, 0));
        assertThrows(InputException.class, () -> PopulationSpec.of("s", 1).spikeTimes(new long[][] {{-1}}, 0));
        assertThrows(InputException.class, () -> PopulationSpec.of("s", 1).spikeTimes(new long[][] {{4, 4}}, 0));
        assertThrows(InputException.class, () -> PopulationSpec.of("s", 1).spikeTimes(new long[][] {{10}}, 10));
        assertThrows(InputException.class, () -> PopulationSpec.of("s", 1).spikeTimes(new long[][] {{1}}, -5));
        final InputException e = assertThrows(InputException.class,
            () -> PopulationSpec.of("s", 1).spikeTimes(new long[][] {{1}}, 0).poisson(3));
        assertEquals("population 's' is a spike source (model: spike_times) already", e.getMessage());
    }
}
