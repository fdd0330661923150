package org.izhsim.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.izhsim.core.InputException;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.ShortTermPlasticity;
import org.izhsim.network.build.SynapseModel;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.engine.Network;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;

/**
 * The Java API and the experiment files describe one network: what a config refuses, the builder's factories refuse
 * too, and the same choices (defaults included) make the same synapses.
 */
class ApiConfigParityTest
{
    /**
     * Each of these was refused by a config (a located line) and taken by the API, where it blew the network up
     * (STP U 1e-39, conductance fast 1e300, noise sd 1e300), pinned every weight at w_max (a_plus 1e39) or started the
     * rewarded synapse outside its bounds, to be clipped without a word.
     */
    @Test
    void theApiRefusesWhatAConfigRefuses()
    {
        final Map<String, Supplier<Object>> cases = Map.ofEntries(
            Map.entry("noise sd", () -> InputSpec.noise("p", 1e300)),
            Map.entry("uniform width", () -> InputSpec.uniform("p", 1e300)),
            Map.entry("w_max", () -> PlasticityRule.of(0, 1e39, 0.1, 0.12, 0.95, 0.95, 0.01, 0.9, 1000)),
            Map.entry("a_plus", () -> PlasticityRule.of(0, 10, 1e39, 0.12, 0.95, 0.95, 0.01, 0.9, 1000)),
            Map.entry("a_minus", () -> PlasticityRule.stdp(0.01, 1e39, 20, 20, 0, 10, false, false, 1)),
            Map.entry("w_max ", () -> PlasticityRule.stdp(0.01, 0.0105, 20, 20, 0, 1e39, false, false, 1)),
            Map.entry("baseline", () -> PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 0, 4, -1, 0.99, 10, 0.995, null)),
            Map.entry("initial_weight", () -> PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 0, 4, 0.002, 0.99, 10, 0.995,
                PlasticityRule.Reward.ofSynapse(0, 1, 20, 1001, 3000, 0.5, 5))),
            Map.entry("initial_weight ", () -> PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 1, 4, 0.002, 0.99, 10, 0.995,
                new PlasticityRule.Reward(0, 1, 20, 1001, 3000, 0.5, Double.POSITIVE_INFINITY))),
            Map.entry("U", () -> new ShortTermPlasticity(1e-39, 50, 750)),
            Map.entry("tau_u", () -> new ShortTermPlasticity(0.5, 1e12, 750)),
            Map.entry("tau_ms", () -> SynapseModel.exponential(1e12, SynapseModel.Decay.EXACT)),
            Map.entry("fast", () -> SynapseModel.conductance(SynapseModel.Receptors.CARLSIM, 1e300, 1)),
            Map.entry("e_ampa", () -> new SynapseModel.Receptors(5, 150, 6, 150, 1e300, 0, -70, -90,
                SynapseModel.Decay.CARLSIM)),
            // 1e30 is a float, and blew the network up (exit 3): a reversal potential lies within +-1000 mV.
            Map.entry("e_gaba_b", () -> new SynapseModel.Receptors(5, 150, 6, 150, 0, 0, -70, -1e30,
                SynapseModel.Decay.CARLSIM)));
        cases.forEach((what, factory) -> assertThrows(InputException.class, factory::get, what));
        // Their neighbours inside the bounds are taken.
        InputSpec.noise("p", 3e38);
        new ShortTermPlasticity(2.95e-39, 1e9, 1);
        new SynapseModel.Receptors(5, 150, 6, 150, 1000, 0, -70, -1000, SynapseModel.Decay.CARLSIM);
        PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 0, 4, 0, 0.99, 10, 0.995,
            PlasticityRule.Reward.ofSynapse(0, 1, 20, 1001, 3000, 0.5, 4));
        PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 0, 4, 0, 0.99, 10, 0.995,
            PlasticityRule.Reward.ofSynapse(0, 1, 20, 1001, 3000, 0.5, Double.NaN));
    }

    /**
     * A random rule's autapses: the builder allowed them unless told (8 of 500 synapses were autapses), a config leaves
     * them out; the same keys gave two networks. Both now take the rule's default and build the same synapses.
     */
    @Test
    void theSameChoicesMakeTheSameSynapsesThroughTheApiAndAConfig()
    {
        final NetworkBuilder api = new NetworkBuilder().seed(1).threads(1).population(PopulationSpec.of("p", 50))
            .projection(ProjectionSpec.from("p", "p").rule(ConnectionRule.fixedOutdegree(10))
                .weight(WeightRule.constant(1)).plasticity(PlasticityRule.spnet2006()));
        final String yaml = "name: t\nseed: 1\nthreads: 1\npopulations:\n  p: {size: 50, params: {a: 0.02, b: 0.2, " +
            "c: -65, d: 8}}\nprojections:\n  - {from: p, to: p, rule: fixed_outdegree, k: 10, weight: 1, " +
            "plasticity: {rule: spnet2006}}\n";
        final NetworkBuilder config = NetworkAssembler.builder(ExperimentLoader.parse(yaml, "t.yaml"));
        try (Network a = Network.build(api); Network b = Network.build(config))
        {
            final PlasticWeights wa = a.plasticWeights();
            final PlasticWeights wb = b.plasticWeights();
            assertEquals(500, wa.size());
            for (int k = 0; k < wa.size(); k++)
            {
                assertTrue(wa.sources()[k] != wa.targets()[k], "an autapse at " + k);
            }
            assertArrayEquals(wb.sources(), wa.sources());
            assertArrayEquals(wb.targets(), wa.targets());
        }
        // All-to-all keeps its diagonal (net.m's S), in both; asked for, a random rule's autapses are there.
        assertTrue(ProjectionSpec.from("p", "p").autapses());
        assertTrue(ProjectionSpec.from("p", List.of("p")).rule(ConnectionRule.fixedOutdegree(10)).autapses(true)
            .autapses());
        // k = n onto itself: refused by both (n - 1 candidates without autapses).
        assertThrows(InputException.class, () -> new NetworkBuilder().population(PopulationSpec.of("p", 20))
            .projection(ProjectionSpec.from("p", "p").rule(ConnectionRule.fixedOutdegree(20))).plan());
    }
}
