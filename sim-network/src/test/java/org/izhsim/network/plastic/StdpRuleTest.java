package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pair STDP (Song, Miller and Abbott 2000) on one synapse between two neurons driven by constant currents, for
 * each weight dependence, pairing and update period: the weight after 1500 steps equals the one computed here
 * from the recorded spike times alone (depression by the post trace at arrival, potentiation by the pre trace
 * delay ms back at the post spike, traces added or reset at spikes, changes applied every period, clipped).
 */
class StdpRuleTest
{
    private static final int STEPS = 1500;
    private static final double A_PLUS = 0.05;
    private static final double A_MINUS = 0.06;
    private static final double TAU_PLUS = 16.8;
    private static final double TAU_MINUS = 33.7;
    private static final float W_MAX = 5f;

    @ParameterizedTest(name = "multiplicative={0} nearest={1} period={2} delay={3}")
    @CsvSource({"false,false,1,3", "true,true,1,2", "false,true,10,1", "true,false,7,4"})
    void weightFollowsTheSpikeTimes(final boolean multiplicative, final boolean nearest, final int period,
        final int delay)
    {
        final PlasticityRule rule = PlasticityRule.stdp(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 0, W_MAX, multiplicative,
            nearest, period);
        final NetworkBuilder builder = new NetworkBuilder().seed(3).threads(1)
            .population(PopulationSpec.of("pre", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("post", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .input(InputSpec.dc("pre", 12)).input(InputSpec.dc("post", 9))
            .projection(ProjectionSpec.from("pre", "post").rule(ConnectionRule.oneToOne())
                .delay(DelayRule.constant(delay)).weight(WeightRule.constant(2.5)).plasticity(rule));
        try (Network net = Network.build(builder))
        {
            final SimulationResult r = net.run(STEPS);
            final boolean[][] fired = new boolean[2][STEPS];
            for (int k = 0; k < r.spikeSteps().length; k++)
            {
                fired[r.spikeNeurons()[k]][r.spikeSteps()[k]] = true;
            }
            final float[] expected = expect(fired[0], fired[1], rule, delay);
            final PlasticWeights now = PlasticWeights.of(net.synapses(), net.plasticity());
            assertEquals(expected[0], now.weights()[0], 0f, "weight");
            assertEquals(expected[1], now.derivatives()[0], 0f, "changes not yet applied");
            assertTrue(expected[2] > 5 && expected[3] > 5, "pairs of both orders: " + expected[2] + ", " + expected[3]);
        }
    }

    /**
     * Two plastic sources with a fixed one between them: the plastic synapses of one block lie in two position
     * spans with a fixed synapse between them, whose derivatives are kept apart (the layout of every config
     * whose plastic populations are not adjacent). Each plastic weight follows its own pair's spike times.
     */
    @ParameterizedTest(name = "multiplicative={0} threads={1}")
    @CsvSource({"false,1", "true,1", "false,2", "true,3"})
    void plasticSourcesWithAFixedOneBetweenThemLearnIndependently(final boolean multiplicative, final int threads)
    {
        final int delay = 2;
        final PlasticityRule rule = PlasticityRule.stdp(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 0, W_MAX, multiplicative,
            false, 5);
        final NetworkBuilder builder = new NetworkBuilder().seed(3).threads(threads)
            .population(PopulationSpec.of("pre", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("fixed", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("pre2", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("post", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .input(InputSpec.dc("pre", 12)).input(InputSpec.dc("fixed", 11)).input(InputSpec.dc("pre2", 10))
            .input(InputSpec.dc("post", 9))
            .projection(ProjectionSpec.from("pre", "post").rule(ConnectionRule.oneToOne())
                .delay(DelayRule.constant(delay)).weight(WeightRule.constant(2.5)).plasticity(rule))
            .projection(ProjectionSpec.from("fixed", "post").rule(ConnectionRule.oneToOne())
                .delay(DelayRule.constant(delay)).weight(WeightRule.constant(0.5)))
            .projection(ProjectionSpec.from("pre2", "post").rule(ConnectionRule.oneToOne())
                .delay(DelayRule.constant(delay)).weight(WeightRule.constant(2.5)).plasticity(rule));
        try (Network net = Network.build(builder))
        {
            final SimulationResult r = net.run(STEPS);
            final boolean[][] fired = new boolean[4][STEPS];
            for (int k = 0; k < r.spikeSteps().length; k++)
            {
                fired[r.spikeNeurons()[k]][r.spikeSteps()[k]] = true;
            }
            final PlasticWeights now = PlasticWeights.of(net.synapses(), net.plasticity());
            assertEquals(2, now.size());
            for (int k = 0; k < 2; k++)
            {
                final float[] expected = expect(fired[2 * k], fired[3], rule, delay);
                assertEquals(2 * k, now.sources()[k]);
                assertEquals(expected[0], now.weights()[k], 0f, "weight of source " + 2 * k);
                assertEquals(expected[1], now.derivatives()[k], 0f, "changes not yet applied, source " + 2 * k);
                assertTrue(expected[2] > 5 && expected[3] > 5, "pairs of both orders: " + expected[2] + ", " +
                    expected[3]);
            }
        }
    }

    /**
     * A source with a plastic projection and a fixed one (an excitatory population whose synapses onto excitatory
     * cells learn and onto inhibitory ones do not; refused before as "make all projections of a source population
     * plastic or none"): the plastic weight follows its pair's spike times, the fixed synapse is not among the
     * plastic ones and delivers as in a network where nothing learns (its target fires the same spikes).
     */
    @ParameterizedTest(name = "threads={0}")
    @CsvSource({"1", "2", "3"})
    void aFixedProjectionBesideAPlasticOneFromTheSameSourceKeepsItsWeight(final int threads)
    {
        final int delay = 2;
        final PlasticityRule rule = PlasticityRule.stdp(A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, 0, W_MAX, false, false, 5);
        final SimulationResult fixed;
        try (Network net = Network.build(sourceWithTwoProjections(threads, delay, null, 15)))
        {
            fixed = net.run(STEPS);
        }
        try (Network net = Network.build(sourceWithTwoProjections(threads, delay, null, 0)))
        {
            assertEquals(0, spikesOf(net.run(STEPS), 2).length, "its target's current alone fires nothing");
        }
        try (Network net = Network.build(sourceWithTwoProjections(threads, delay, rule, 15)))
        {
            final SimulationResult r = net.run(STEPS);
            final boolean[][] fired = new boolean[3][STEPS];
            for (int k = 0; k < r.spikeSteps().length; k++)
            {
                fired[r.spikeNeurons()[k]][r.spikeSteps()[k]] = true;
            }
            final PlasticWeights now = PlasticWeights.of(net.synapses(), net.plasticity());
            assertEquals(1, now.size(), "only pre -> post is plastic");
            assertEquals(1, now.targets()[0]);
            final float[] expected = expect(fired[0], fired[1], rule, delay);
            assertEquals(expected[0], now.weights()[0], 0f, "weight");
            assertTrue(expected[0] != 2.5f && expected[2] > 5 && expected[3] > 5, "the plastic weight moved: " +
                expected[0]);
            assertArrayEquals(spikesOf(fixed, 2), spikesOf(r, 2), "the fixed synapse's target");
            assertTrue(spikesOf(r, 2).length >= 10, "the fixed synapse drives its target: " + spikesOf(r, 2).length);
        }
    }

    /** pre (neuron 0) onto post (1) with {@code rule} and onto other (2) fixed, both one to one, weights 2.5 and w. */
    private static NetworkBuilder sourceWithTwoProjections(final int threads, final int delay,
        final PlasticityRule rule, final double w)
    {
        final ProjectionSpec toPost = ProjectionSpec.from("pre", "post").rule(ConnectionRule.oneToOne())
            .delay(DelayRule.constant(delay)).weight(WeightRule.constant(2.5));
        return new NetworkBuilder().seed(3).threads(threads)
            .population(PopulationSpec.of("pre", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("post", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("other", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .input(InputSpec.dc("pre", 12)).input(InputSpec.dc("post", 9)).input(InputSpec.dc("other", 3))
            .projection(rule == null ? toPost : toPost.plasticity(rule))
            .projection(ProjectionSpec.from("pre", "other").rule(ConnectionRule.oneToOne())
                .delay(DelayRule.constant(delay + 1)).weight(WeightRule.constant(w)));
    }

    private static int[] spikesOf(final SimulationResult r, final int neuron)
    {
        return java.util.stream.IntStream.range(0, r.spikeSteps().length).filter(k -> r.spikeNeurons()[k] == neuron)
            .map(k -> r.spikeSteps()[k]).toArray();
    }

    /** {w, sd, potentiations, depressions} after STEPS steps. */
    private static float[] expect(final boolean[] source, final boolean[] target, final PlasticityRule rule,
        final int delay)
    {
        final boolean[][] fired = {source, target};
        final float aPlus = (float)rule.aPlus();
        final float aMinus = (float)rule.aMinus();
        final float[] x = new float[STEPS + 1];
        float y = 0f;
        float sd = 0f;
        float w = 2.5f;
        int potentiations = 0;
        int depressions = 0;
        for (int s = 0; s < STEPS; s++)
        {
            if (s - delay >= 0 && fired[0][s - delay])
            {
                sd -= rule.multiplicative() ? y * (w - 0f) : y;
                depressions += y > 0 ? 1 : 0;
            }
            y = (float)(y * rule.decayMinus());
            x[s + 1] = (float)(rule.decayPlus() * x[s]);
            if ((s + 1) % rule.periodMs() == 0)
            {
                w = Math.max(0f, Math.min(W_MAX, w + sd));
                sd = 0f;
            }
            if (fired[1][s])
            {
                y = rule.nearest() ? aMinus : y + aMinus;
                final float pre = s + 1 - delay >= 0 ? x[s + 1 - delay] : 0f;
                sd += rule.multiplicative() ? pre * (W_MAX - w) : pre;
                potentiations += pre > 0 ? 1 : 0;
            }
            if (fired[0][s])
            {
                x[s + 1] = rule.nearest() ? aPlus : x[s + 1] + aPlus;
            }
        }
        return new float[] {w, sd, potentiations, depressions};
    }
}
