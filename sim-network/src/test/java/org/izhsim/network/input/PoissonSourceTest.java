package org.izhsim.network.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.izhsim.core.InputException;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.InputSpec;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Poisson source populations ({@code model: poisson}): the spike trains of a Poisson process at the 1 ms step (rate,
 * exponential intervals, independent neurons), the same for any thread count, and delivered as any neuron's spikes.
 */
class PoissonSourceTest
{
    private static PopulationSpec rs(final String name, final int size)
    {
        return PopulationSpec.of(name, size).parameters(0.02, 0.2, -65, 8);
    }

    /**
     * 1000 sources at 20 Hz for 5 s: 100,000 spikes expected (sd 313); intervals geometric, P(ISI > 50 ms) =
     * 0.98^50 = 0.364, CV sqrt(1 - p) = 0.990; the counts of two halves of the population uncorrelated over 10 ms bins.
     */
    @Test
    void sourcesFireAsAPoissonProcessAtTheirRate()
    {
        final int n = 1000;
        final int steps = 5000;
        final double p = 0.02;
        try (Network net = Network.build(new NetworkBuilder().seed(7).threads(1)
            .population(PopulationSpec.of("in", n).poisson(20))))
        {
            final SimulationResult r = net.run(steps);
            final double expected = n * steps * p;
            final double sd = Math.sqrt(n * steps * p * (1 - p));
            assertEquals(expected, r.spikeCount(), 5 * sd, "spike count");
            final int[] last = new int[n];
            java.util.Arrays.fill(last, -1);
            long intervals = 0;
            long longOnes = 0;
            double sum = 0;
            double sumSq = 0;
            final int[][] bins = new int[2][steps / 10];
            for (int k = 0; k < r.spikeCount(); k++)
            {
                final int i = r.spikeNeuron(k);
                final int t = r.spikeStep(k);
                bins[i % 2][t / 10]++;
                if (last[i] >= 0)
                {
                    final int isi = t - last[i];
                    assertTrue(isi >= 1, "one spike per step at most");
                    intervals++;
                    longOnes += isi > 50 ? 1 : 0;
                    sum += isi;
                    sumSq += (double)isi * isi;
                }
                last[i] = t;
            }
            final double tail = (double)longOnes / intervals;
            assertEquals(Math.pow(1 - p, 50), tail, 0.01, "P(ISI > 50 ms)");
            final double mean = sum / intervals;
            assertEquals(1 / p, mean, 0.5, "mean ISI");
            final double cv = Math.sqrt(sumSq / intervals - mean * mean) / mean;
            assertEquals(Math.sqrt(1 - p), cv, 0.02, "ISI CV");
            assertTrue(Math.abs(correlation(bins[0], bins[1])) < 0.1, "the neurons fire independently: r = " +
                correlation(bins[0], bins[1]));
        }
    }

    private static double correlation(final int[] x, final int[] y)
    {
        double mx = 0;
        double my = 0;
        for (int k = 0; k < x.length; k++)
        {
            mx += x[k];
            my += y[k];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int k = 0; k < x.length; k++)
        {
            sxy += (x[k] - mx) * (y[k] - my);
            sxx += (x[k] - mx) * (x[k] - mx);
            syy += (y[k] - my) * (y[k] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void rateZeroNeverFiresAndRate1000FiresEveryStep()
    {
        try (Network net = Network.build(new NetworkBuilder().seed(7).threads(1)
            .population(PopulationSpec.of("silent", 30).poisson(0))
            .population(PopulationSpec.of("busy", 20).poisson(1000))))
        {
            final SimulationResult r = net.run(100);
            assertArrayEquals(new long[] {0, 20 * 100}, r.populationSpikeCounts());
        }
    }

    /**
     * Every step a fixed target's input is the weight times the sources' spikes of the step before (delay 1), and a
     * source's v is 30 mV in the steps it fires, -65 otherwise: nothing is lost or added on the way.
     */
    @Test
    void aTargetReceivesEverySourceSpikeOnce()
    {
        final int steps = 400;
        try (Network net = Network.build(new NetworkBuilder().seed(2).threads(1)
            .population(PopulationSpec.of("in", 50).poisson(40))
            .population(rs("post", 1))
            .projection(ProjectionSpec.from("in", "post").rule(ConnectionRule.allToAll())
                .weight(WeightRule.constant(0.25)).delay(DelayRule.constant(1)))
            .recordTraces(0, 50)))
        {
            final SimulationResult r = net.run(steps);
            final int[] perStep = new int[steps];
            final boolean[] zeroFired = new boolean[steps];
            for (int k = 0; k < r.spikeCount(); k++)
            {
                if (r.spikeNeuron(k) < 50)
                {
                    perStep[r.spikeStep(k)]++;
                    zeroFired[r.spikeStep(k)] |= r.spikeNeuron(k) == 0;
                }
            }
            final float[] input = r.traces().input(1);
            final float[] v0 = r.traces().v(0);
            long events = 0;
            for (int t = 0; t < steps; t++)
            {
                assertEquals(t == 0 ? 0f : 0.25f * perStep[t - 1], input[t], 1e-5f, "input of step " + t);
                assertEquals(zeroFired[t] ? 30f : -65f, v0[t], 0f, "v of source 0 in step " + t);
                events += t == 0 ? 0 : perStep[t - 1];
            }
            assertEquals(events, r.synapticEvents());
            assertTrue(events > 500, "the sources fired: " + events);
        }
    }

    /** Sources driving plastic synapses: spikes and learnt weights the same for 1-4 threads. */
    @ParameterizedTest(name = "threads={0}")
    @ValueSource(ints = {2, 3, 4})
    void spikesAndWeightsDoNotDependOnTheThreads(final int threads)
    {
        final Object[] one = sourceDrivenRun(1);
        final Object[] many = sourceDrivenRun(threads);
        assertArrayEquals((int[])one[0], (int[])many[0], "spike steps");
        assertArrayEquals((int[])one[1], (int[])many[1], "spike neurons");
        assertArrayEquals((float[])one[2], (float[])many[2], "weights");
    }

    private static Object[] sourceDrivenRun(final int threads)
    {
        final NetworkBuilder builder = new NetworkBuilder().seed(5).noiseSeed(11).threads(threads)
            .population(rs("early", 7))
            .population(PopulationSpec.of("in", 150).poisson(15))
            .population(rs("post", 13))
            .input(InputSpec.noise("early", 3))
            .projection(ProjectionSpec.from("in", "post").rule(ConnectionRule.fixedOutdegree(10))
                .weight(WeightRule.uniform(0, 5)).delay(DelayRule.uniform(1, 4))
                .plasticity(PlasticityRule.stdp(0.05, 0.0525, 20, 20, 0, 5, false, false, 1)))
            .projection(ProjectionSpec.from("early", "post").rule(ConnectionRule.allToAll())
                .weight(WeightRule.constant(1)));
        try (Network net = Network.build(builder))
        {
            final SimulationResult r = net.run(3000);
            assertTrue(r.populationSpikeCounts()[2] > 100, "post fires: " + r.populationSpikeCounts()[2]);
            return new Object[] {r.spikeSteps(), r.spikeNeurons(),
                PlasticWeights.of(net.synapses(), net.plasticity()).weights()};
        }
    }

    /**
     * A streamed run counts the spilled spikes of chosen neurons apart ({@link Network#filedSpikes}, for the disk guard
     * of record.spike_populations): exactly the spikes of those neurons, over runs, and -1 when none are chosen.
     */
    @Test
    void aStreamedRunCountsTheChosenNeuronsSpikes(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path folder)
    {
        final NetworkBuilder builder = new NetworkBuilder().seed(4).threads(2)
            .population(PopulationSpec.of("in", 300).poisson(40))
            .population(rs("post", 20))
            .projection(ProjectionSpec.from("in", "post").rule(ConnectionRule.fixedIndegree(30))
                .weight(WeightRule.constant(2)));
        try (Network net = Network.build(builder).streamSpikesTo(folder, 64))
        {
            assertEquals(-1, net.filedSpikes(), "none counted apart");
            net.countFiledSpikes(new int[] {300, 320, 0, 10});
            long expected = 0;
            for (int run = 0; run < 2; run++)
            {
                final SimulationResult r = net.run(500);
                for (int k = 0; k < r.spikeCount(); k++)
                {
                    expected += r.spikeNeuron(k) < 10 || r.spikeNeuron(k) >= 300 ? 1 : 0;
                }
                assertEquals(expected, net.filedSpikes(), "after run " + run);
            }
            assertTrue(expected > 100, "the chosen neurons fired: " + expected);
        }
    }

    @Test
    void nothingMayReachASource()
    {
        final List<NetworkBuilder> refused = new ArrayList<>();
        refused.add(new NetworkBuilder().population(rs("a", 5)).population(PopulationSpec.of("in", 5).poisson(5))
            .projection(ProjectionSpec.from("a", "in").rule(ConnectionRule.allToAll()).weight(WeightRule.constant(1))));
        refused.add(new NetworkBuilder().population(PopulationSpec.of("in", 5).poisson(5))
            .input(InputSpec.dc("in", 3)));
        refused.add(new NetworkBuilder().population(rs("a", 5)).population(PopulationSpec.of("in", 5).poisson(5))
            .input(InputSpec.randomPick(List.of("a", "in"), 20, 1)));
        for (final NetworkBuilder b : refused)
        {
            final InputException e = assertThrows(InputException.class, b::plan);
            assertTrue(e.getMessage().contains("population 'in', a spike source (model: poisson) that only sends " +
                "spikes: nothing may reach it"), e.getMessage());
        }
        assertThrows(InputException.class, () -> PopulationSpec.of("in", 5).poisson(1000.5));
        assertThrows(InputException.class, () -> PopulationSpec.of("in", 5).poisson(-1));
        assertThrows(InputException.class, () -> PopulationSpec.of("in", 5).poisson(Double.NaN));
        final InputException e = assertThrows(InputException.class,
            () -> PopulationSpec.of("in", 5).poisson(5).c(r -> -50));
        assertEquals("population 'in' is a spike source (model: poisson): it has no parameter c", e.getMessage());
    }
}
