package org.izhsim.config;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The network plan's checks, made after the file is read, point at the value of the key that is wrong where one is:
 * a reward's pre or post neuron or its synapse, a target listed twice, a plastic projection's weight or synapse type.
 * They pointed at the enclosing mapping (the reward's '{', the 'to' list, the plasticity mapping).
 */
class PlanErrorsAtTheKeyTest
{
    private static final String FILE = "x.yaml";
    private static final String POPULATIONS = "populations:\n" +
        "  exc: {size: 80, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
        "  inh: {size: 20, params: {a: 0.1, b: 0.2, c: -65, d: 2}}\n" +
        "  out: {size: 10, params: {a: 0.1, b: 0.2, c: -65, d: 2}}\n";
    /** Line 6: the plastic projection, after "projections:" on line 5. */
    private static final String PLASTIC = "  - {from: exc, to: [exc, inh], rule: fixed_outdegree, k: 10, weight: 1, " +
        "plasticity: {rule: dastdp2007, w_max: 4, reward: ";
    private static final String INH = "  - {from: inh, to: exc, rule: fixed_outdegree, k: 10, weight: -1}\n";

    private static String errorOf(final String yaml)
    {
        return assertThrows(InputException.class, () -> NetworkAssembler.plan(ExperimentLoader.parse(yaml, FILE)))
            .getMessage();
    }

    /** @return the file with {@code line} as line 6, the projection under test, and inh's projection after it. */
    private static String withProjection(final String line)
    {
        return POPULATIONS + "projections:\n" + line + "\n" + INH;
    }

    /** @return {@code x.yaml:6:C} where C is the column of {@code value} after {@code after} in {@code line}. */
    private static String at(final String line, final String after, final String value)
    {
        return FILE + ":6:" + (line.indexOf(value, line.indexOf(after)) + 1) + ": ";
    }

    @Test
    void aRewardsPreNeuronOutsideItsSourcesIsAtPre()
    {
        final String line = PLASTIC + "{pre: 90, synapse: 1}}}";
        assertEquals(at(line, "pre:", "90") + "the rewarded pair's pre neuron 90 is not one of its sources (neurons " +
            "0..79) in projection 'exc->exc+inh'", errorOf(withProjection(line)));
        final String byPost = PLASTIC + "{pre: 90, post: 3}}}";
        assertEquals(at(byPost, "pre:", "90") + "the rewarded pair's pre neuron 90 is not one of its sources (neurons " +
            "0..79) in projection 'exc->exc+inh'", errorOf(withProjection(byPost)));
    }

    @Test
    void aRewardsPostNeuronOutsideItsTargetsOrUnconnectedIsAtPost()
    {
        final String beyond = PLASTIC + "{pre: 0, post: 500}}}";
        assertEquals(at(beyond, "post:", "500") + "the rewarded pair's post neuron 500 is not one of its targets " +
            "(neurons 0..99) in projection 'exc->exc+inh'", errorOf(withProjection(beyond)));
        final String unconnected = PLASTIC + "{pre: 0, post: 0}}}";
        final String message = errorOf(withProjection(unconnected));
        assertEquals(at(unconnected, "post:", "0}") + "the rewarded pair 0 -> 0 is not a synapse",
            message.substring(0, message.indexOf(" of this network")));
    }

    @Test
    void aRewardsSynapseBeyondPresSynapsesIsAtSynapse()
    {
        final String line = PLASTIC + "{pre: 0, synapse: 11}}}";
        assertEquals(at(line, "synapse:", "11") + "the reward's synapse 11 of neuron 0 does not exist: it has 10 " +
            "synapses in this projection (its random connectivity, seed 1) in projection 'exc->exc+inh'", errorOf(withProjection(line)));
        final String indegree = PLASTIC.replace("fixed_outdegree", "fixed_indegree") + "{pre: 0, synapse: 1}}}";
        final String message = errorOf(withProjection(indegree));
        assertEquals(at(indegree, "synapse:", "1}"), message.substring(0, at(indegree, "synapse:", "1}").length()),
            message);
    }

    @Test
    void aRewardedPostNeuronThatIsNoSourceIsAtTheKeyNamingIt()
    {
        final String byPost = PLASTIC.replace("[exc, inh]", "[inh, out]") + "{pre: 0, post: 105}}}";
        final String message = errorOf(withProjection(byPost));
        assertEquals(at(byPost, "post:", "105") + "the reward watches its post neuron's spikes",
            message.substring(0, message.indexOf(", which are kept")), message);
    }

    /**
     * 530 written once and p07rs[0] once (the same neuron) were "traced neuron 530 is listed twice": the line names
     * the neuron's population and index and where its other entry is.
     */
    @Test
    void aTracedNeuronListedTwiceNamesItsPopulationAndItsOtherEntry()
    {
        assertEquals(FILE + ":5:42: traced neuron 82 (inh[2]) is listed twice: also at " + FILE + ":5:29",
            errorOf(POPULATIONS + "record: {traces: {neurons: ['inh[2]', 3, 82]}}\n"));
    }

    @Test
    void aTargetListedTwiceIsAtItsSecondMention()
    {
        final String line = "  - {from: exc, to: [inh, exc, inh], rule: all_to_all, weight: 1}";
        assertEquals(at(line, "exc, inh]", "inh") + "population 'inh' is listed twice as a target in projection " +
            "'exc->inh+exc+inh'", errorOf(withProjection(line)));
    }

    @Test
    void randomInputsPopulationListedTwiceIsAtItsSecondMention()
    {
        assertEquals(FILE + ":5:26: population 'exc' is listed twice in 'to' of random_input",
            errorOf(POPULATIONS + "random_input: {to: [exc, exc], amplitude: 20}\n"));
        assertEquals(FILE + ":5:20: populations [exc, out] are not consecutive in declaration order in random_input",
            errorOf(POPULATIONS + "random_input: {to: [exc, out], amplitude: 20}\n"));
    }

    @Test
    void aPlasticProjectionsWeightOutsideTheRuleIsAtWeight()
    {
        final String above = PLASTIC.replace("weight: 1", "weight: 5") + "{pre: 0, synapse: 1}}}";
        assertEquals(at(above, "weight:", "5") + "this projection's weights must lie in [w_min, w_max] = [0.0, 4.0], " +
            "the rule's bounds, but some are 5.0 (the first weight update would clip them) in projection " +
            "'exc->exc+inh'", errorOf(withProjection(above)));
        final String negative = "  - {from: inh, to: exc, rule: fixed_outdegree, k: 10, weight: -1, " +
            "plasticity: {rule: spnet2006}}";
        final String message = errorOf(POPULATIONS + "projections:\n" + negative + "\n");
        assertEquals(at(negative, "weight:", "-1") + "plasticity applies to excitatory synapses only",
            message.substring(0, message.indexOf(" (Izhikevich 2006)")));
    }

    /**
     * A weight rule's lowest value is what its weights can be, not a weight drawn: a normal distribution's bound read
     * "are negative (e.g. -1.487)"; and pair STDP's source is Song, Miller and Abbott (2000), not Izhikevich (2006).
     */
    @Test
    void aPlasticProjectionsNegativeWeightsAreSaidAsTheRuleCanGiveThemWithTheRulesSource()
    {
        final String normal = "  - {from: exc, to: inh, rule: fixed_outdegree, k: 10, weight: {distribution: normal, " +
            "mean: 5, sd: 1.5}, plasticity: {rule: stdp, w_max: 10}}";
        final String message = errorOf(POPULATIONS + "projections:\n" + normal + "\n");
        assertTrue(message.contains("plasticity applies to excitatory synapses only (Song, Miller and Abbott 2000), " +
            "but this projection's weights can be negative (down to -1.48"), message);
        final String constant = "  - {from: inh, to: exc, rule: fixed_outdegree, k: 10, weight: -1, " +
            "plasticity: {rule: dastdp2007}}";
        final String said = errorOf(POPULATIONS + "projections:\n" + constant + "\n");
        assertTrue(said.contains("(Izhikevich 2007), but this projection's weights are negative (-1.0)"), said);
    }

    @Test
    void plasticityOnAConductanceSynapseIsAtTheSynapseType()
    {
        final String line = "  - {from: exc, to: inh, rule: fixed_outdegree, k: 10, weight: 0.01, " +
            "synapse: {type: conductance}, plasticity: {rule: spnet2006}}";
        final String message = errorOf(POPULATIONS + "projections:\n" + line + "\n");
        assertEquals(at(line, "synapse:", "{type") + "plasticity needs synapse: current without stp",
            message.substring(0, message.indexOf(" (the plastic weights")));
        final String stp = "  - {from: exc, to: inh, rule: fixed_outdegree, k: 10, weight: 0.01, " +
            "stp: excitatory, plasticity: {rule: spnet2006}}";
        final String withStp = errorOf(POPULATIONS + "projections:\n" + stp + "\n");
        assertEquals(at(stp, "stp:", "excitatory") + "plasticity needs synapse: current without stp",
            withStp.substring(0, withStp.indexOf(" (the plastic weights")));
    }
}
