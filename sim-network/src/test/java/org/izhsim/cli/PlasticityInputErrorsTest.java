package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad plasticity, delay-split and random-input values in an experiment file: one line at file:line:column,
 * exit code 2, no output folder.
 */
class PlasticityInputErrorsTest
{
    @TempDir
    Path tmp;

    private static final String HEAD = String.join("\n",
        "populations:",
        "  exc: {size: 80, params: {a: 0.02, b: 0.2, c: -65, d: 8}}",
        "  inh: {size: 20, params: {a: 0.1, b: 0.2, c: -65, d: 2}}",
        "projections:",
        "");

    private String refused(final String body)
        throws Exception
    {
        final Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, HEAD + body + "\n");
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--duration", "10");
        assertEquals(2, run.exitCode(), run.err());
        assertFalse(Files.exists(out), "nothing written");
        final String line = run.errorLine();
        assertTrue(line.startsWith("sim: " + file + ":"), line);
        return line.substring(("sim: " + file + ":").length());
    }

    private static final String EXC = "  - {from: exc, to: [exc, inh], rule: fixed_outdegree, k: 20, weight: 6, " +
        "delay_ms: {distribution: even_split, low: 1, high: 20}, ";

    @Test
    void wrongTypeIsLocated() throws Exception
    {
        final String where = refused(EXC + "plasticity: {rule: spnet2006, w_max: ten}}");
        assertTrue(where.startsWith("5:") && where.contains("'w_max'"), where);
    }

    @Test
    void negativeTimeConstantIsLocated() throws Exception
    {
        final String where = refused(EXC + "plasticity: {rule: spnet2006, tau_plus_ms: -20}}");
        assertTrue(where.startsWith("5:") && where.contains("'tau_plus_ms' must be a time constant > 0 ms"), where);
        // Beyond 1e9 ms, as the synapses' and STP's time constants: 1e39 ran as a trace that never decays.
        for (final String plasticity : new String[] {"{rule: spnet2006, tau_plus_ms: 1e39}",
            "{rule: stdp, w_max: 10, tau_minus_ms: 1e39}"})
        {
            final String huge = refused(EXC + "plasticity: " + plasticity + "}");
            assertTrue(huge.startsWith("5:") && huge.contains("must be a time constant > 0 ms and at most 1e9 ms in " +
                "plasticity of projection"), huge);
        }
    }

    @Test
    void wMaxBelowWMinIsLocated() throws Exception
    {
        final String where = refused(EXC + "plasticity: {rule: spnet2006, w_min: 2, w_max: 1}}");
        assertTrue(where.startsWith("5:") && where.contains("'w_max' (1.0) must be >= 'w_min' (2.0)"), where);
    }

    /** A bound or amplitude beyond a float's range ran as infinity (w_max: no bound; a_plus: every weight at w_max). */
    @Test
    void aBoundOrAmplitudeBeyondTheFloatRangeIsRefusedAsAWeightIs() throws Exception
    {
        for (final String plasticity : new String[] {"{rule: spnet2006, w_max: 1e39}", "{rule: spnet2006, a_plus: 1e39}",
            "{rule: stdp, w_max: 3.5e38}", "{rule: stdp, w_max: 10, a_minus: 1e39}",
            "{rule: dastdp2007, w_max: 1e39, reward: {pre: 1, post: 2}}"})
        {
            final String where = refused(EXC + "plasticity: " + plasticity + "}");
            assertTrue(where.startsWith("5:") && where.contains("is outside the range a float holds (+-3.4e38) in " +
                "plasticity of projection"), where);
        }
    }

    /**
     * A reward pulse of 1e308 made the dopamine level Infinity: the run completed and saved a checkpoint that --resume
     * refused as corrupt. The pulse, the baseline and spnet2006's drift keep a float's range, as a_plus does.
     */
    @Test
    void aPulseBaselineOrDriftBeyondTheFloatRangeIsRefused() throws Exception
    {
        for (final String plasticity : new String[] {"{rule: dastdp2007, reward: {pre: 1, post: 2, pulse: 1e308}}",
            "{rule: dastdp2007, baseline: 1e39, reward: {pre: 1, post: 2}}", "{rule: spnet2006, drift: 1e39}"})
        {
            final String where = refused(EXC + "plasticity: " + plasticity + "}");
            assertTrue(where.startsWith("5:") && where.contains("is outside the range a float holds (+-3.4e38) in ") &&
                where.contains("plasticity of projection"), where);
        }
    }

    /** delay_max_ms: 1e39 named the int range (2147483647), not the reward's 100000 ms, nor where it was. */
    @Test
    void aRewardDelayOrWindowBeyondItsRangeNamesTheRangeAndTheReward() throws Exception
    {
        final String delay = refused(EXC + "plasticity: {rule: dastdp2007, reward: {pre: 1, post: 2, delay_max_ms: " +
            "1e39}}}");
        assertTrue(delay.startsWith("5:") && delay.contains("'delay_max_ms' (1e39) must be at most 100000 ms in reward " +
            "of plasticity of projection 'exc->exc+inh'"), delay);
        final String window = refused(EXC + "plasticity: {rule: dastdp2007, reward: {pre: 1, post: 2, window_ms: " +
            "1e39}}}");
        assertTrue(window.startsWith("5:") && window.contains("'window_ms' = 1e39 is out of range (at most 2147483647) " +
            "in reward of plasticity of projection 'exc->exc+inh'"), window);
    }

    /** A period beyond the int range was called "not a whole number" (1e12 is one). */
    @Test
    void aPeriodBeyondTheIntRangeIsNamedAsSuch() throws Exception
    {
        final String period = refused(EXC + "plasticity: {rule: spnet2006, period_ms: 1e12}}");
        assertTrue(period.startsWith("5:") && period.contains("'period_ms' must be a whole number of ms, at most " +
            "2147483647, in plasticity of projection 'exc->exc+inh', got 1e12"), period);
        final String every = refused(EXC + "plasticity: {rule: spnet2006}}\nrecord: {weights_every_ms: 1e12}");
        assertTrue(every.startsWith("6:") && every.contains("'weights_every_ms' must be a whole number of steps of " +
            "dt_ms = 1, at most 2147483647 ms, got 1e12"), every);
    }

    /** Snapshots of weights that do not learn: the key was ignored without a word. */
    @Test
    void weightSnapshotsWithoutPlasticityAreLocated() throws Exception
    {
        final String every = refused("  - {from: exc, to: inh, rule: fixed_outdegree, k: 10, weight: 1}\n" +
            "record: {weights_every_ms: 100}");
        assertTrue(every.startsWith("6:28: 'weights_every_ms' takes snapshots of plastic weights, and no projection " +
            "has 'plasticity'"), every);
    }

    @Test
    void stdpNegativeTimeConstantAndMissingWMaxAreLocated() throws Exception
    {
        final String tau = refused(EXC + "plasticity: {rule: stdp, w_max: 10, tau_minus_ms: -1}}");
        assertTrue(tau.startsWith("5:") && tau.contains("'tau_minus_ms' must be a time constant > 0 ms"), tau);
        final String wMax = refused(EXC + "plasticity: {rule: stdp, pairing: nearest}}");
        assertTrue(wMax.startsWith("5:") && wMax.contains("w_max"), wMax);
        final String pairing = refused(EXC + "plasticity: {rule: stdp, w_max: 10, pairing: closest}}");
        assertTrue(pairing.startsWith("5:") && pairing.contains("closest"), pairing);
    }

    @Test
    void plasticityOnAConductanceSynapseIsLocated() throws Exception
    {
        final String where = refused("  - {from: exc, to: inh, rule: fixed_outdegree, k: 10, weight: 0.01, " +
            "synapse: {type: conductance}, plasticity: {rule: spnet2006}}");
        assertTrue(where.startsWith("5:") && where.contains("plasticity needs synapse: current without stp"), where);
    }

    @Test
    void unknownRuleIsLocated() throws Exception
    {
        final String where = refused(EXC + "plasticity: {rule: spnet2007}}");
        assertTrue(where.startsWith("5:") && where.contains("spnet2007"), where);
    }

    @Test
    void plasticityOnAnInhibitorySourceIsLocated() throws Exception
    {
        final String where = refused(EXC + "plasticity: {rule: spnet2006}}\n" +
            "  - {from: inh, to: exc, rule: fixed_outdegree, k: 20, weight: -5, plasticity: {rule: spnet2006}}");
        assertTrue(where.startsWith("6:") && where.contains("excitatory synapses only"), where);
    }

    @Test
    void delaysSplitEvenlyNeedADivisibleOutdegree() throws Exception
    {
        final String where = refused("  - {from: exc, to: inh, rule: fixed_outdegree, k: 7, weight: 6, " +
            "delay_ms: {distribution: even_split, low: 1, high: 20}}");
        // At the distribution that asks for the split (it pointed at high: 20).
        assertTrue(where.startsWith("5:91:") && where.contains("k a multiple of the 20 delays"), where);
    }

    @Test
    void randomInputOfAnUnknownPopulationIsLocated() throws Exception
    {
        final String where = refused(EXC + "plasticity: {rule: spnet2006}}\nrandom_input: {to: [exc, inhh], amplitude: 20}");
        assertTrue(where.startsWith("6:") && where.contains("unknown population 'inhh'"), where);
    }

    /**
     * dastdp2007's reward names its synapse by post neuron or as pre's k-th synapse (daspnet.m's post(n1,syn)), one
     * of the two; a k beyond pre's synapses, or a target-centric rule (whose pre has no drawn list), is refused.
     */
    @Test
    void aRewardNamesItsSynapseByPostOrByItsRankOnce() throws Exception
    {
        final String da = EXC + "plasticity: {rule: dastdp2007, w_max: 4, reward: ";
        final String both = refused(da + "{pre: 1, post: 2, synapse: 1}}}");
        assertTrue(both.startsWith("5:") && both.contains("the reward names its synapse by 'post' (a neuron) or by " +
            "'synapse' (pre's k-th synapse, from 1), not both"), both);
        final String neither = refused(da + "{pre: 1}}}");
        assertTrue(neither.startsWith("5:") && neither.contains("and has neither"), neither);
        final String zero = refused(da + "{pre: 1, synapse: 0}}}");
        assertTrue(zero.startsWith("5:") && zero.contains("'synapse' must be > 0"), zero);
        final String beyond = refused(da + "{pre: 1, synapse: 21}}}");
        assertTrue(beyond.startsWith("5:") && beyond.contains("the reward's synapse 21 of neuron 1 does not exist: it " +
            "has 20 synapses in this projection (its random connectivity, seed 1)"), beyond);
        final String indegree = refused("  - {from: exc, to: [exc, inh], rule: fixed_indegree, k: 20, weight: 6, " +
            "plasticity: {rule: dastdp2007, w_max: 4, reward: {pre: 1, synapse: 1}}}");
        assertTrue(indegree.startsWith("5:") && indegree.contains("not fixed_indegree"), indegree);
    }
    /**
     * Plastic weights that start outside the rule's [w_min, w_max] (a weight of 6 under w_max 5, a reward's
     * initial_weight of 5 under w_max 4) were accepted and clipped by the first weight update without a word.
     */
    @Test
    void plasticWeightsThatStartOutsideTheRuleBoundsAreLocated() throws Exception
    {
        final String above = refused(EXC + "plasticity: {rule: stdp, w_max: 5}}");
        assertTrue(above.startsWith("5:") && above.contains("this projection's weights must lie in [w_min, w_max] = " +
            "[0.0, 5.0], the rule's bounds, but some are 6.0"), above);
        final String below = refused(EXC + "plasticity: {rule: spnet2006, w_min: 7}}");
        assertTrue(below.startsWith("5:") && below.contains("[w_min, w_max] = [7.0, 10.0]"), below);
        final String initial = refused("  - {from: exc, to: [exc, inh], rule: fixed_outdegree, k: 20, weight: 1, " +
            "plasticity: {rule: dastdp2007, w_max: 4, reward: {pre: 1, synapse: 1, initial_weight: 5}}}");
        assertTrue(initial.startsWith("5:") && initial.contains("'initial_weight' (5) must lie in [w_min, w_max] = " +
            "[0.0, 4.0] in reward of plasticity of projection"), initial);
    }

    /**
     * A rewarded post neuron whose population projects nowhere: the message gave the engine's reason (the spike
     * ring) and no way out.
     */
    @Test
    void aRewardedPostNeuronThatIsNoSourceSaysHowToMakeItOne() throws Exception
    {
        final String where = refused("  - {from: exc, to: inh, rule: fixed_outdegree, k: 20, weight: 1, " +
            "plasticity: {rule: dastdp2007, w_max: 4, reward: {pre: 1, synapse: 1}}}");
        assertTrue(where.startsWith("5:") && where.contains("the reward watches its post neuron's spikes, which are " +
            "kept only for neurons that are the source of some projection, and neuron ") &&
            where.contains("is the source of none: give its population a projection (one of weight 0 changes " +
            "nothing)"), where);
    }

    /**
     * dastdp2007 over two projections of one source population (exc to exc and exc to inh): the reward is named once,
     * on the projection that holds the synapse, and the other gives the same rule without one. Before, the reward
     * was required on every plastic projection and checked against each one's targets, so such a network could not
     * be written at all.
     */
    @Test
    void dastdp2007NamesItsRewardOnOneOfItsPlasticProjections() throws Exception
    {
        final String toExc = "  - {from: exc, to: exc, rule: fixed_outdegree, k: 16, weight: 1, " +
            "plasticity: {rule: dastdp2007, w_max: 4";
        final String toInh = "  - {from: exc, to: inh, rule: fixed_outdegree, k: 4, weight: 1, " +
            "plasticity: {rule: dastdp2007, w_max: 4";
        final String reward = ", reward: {pre: 0, synapse: 1, initial_weight: 0}}}";
        final Path file = tmp.resolve("two.yaml");
        Files.writeString(file, HEAD + toExc + reward + "\n" + toInh + "}}\n");
        final Path out = tmp.resolve("two");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--duration", "50",
            "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"rewarded_synapse\""),
            Files.readString(out.resolve("summary.json")));
        final String none = refused(toExc + "}}\n" + toInh + "}}");
        assertTrue(none.startsWith("5:") && none.contains("dastdp2007 needs a 'reward'"), none);
        final String twice = refused(toExc + reward + "\n" + toInh + reward);
        assertTrue(twice.startsWith("6:") && twice.contains("dastdp2007 rewards one synapse, named once"), twice);
        final String other = refused(toExc + reward + "\n" + toInh + ", a_plus: 0.2}}");
        assertTrue(other.startsWith("6:") && other.contains("must share one rule") && other.contains("reward 0 -> "),
            other);
        assertFalse(other.contains("Reward["), other);
    }
}
