package org.izhsim.network.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;

/**
 * A plan is what {@code Network.build} reads: the ranges it hands out must be the caller's copies. Its int[][]
 * getters cloned the outer array only, so {@code plan.sourceWindows()[0][1] = 10} changed the plan itself and the
 * network built from it failed with an ArrayIndexOutOfBoundsException.
 */
class NetworkPlanCopiesTest
{
    private static NetworkBuilder plastic()
    {
        return new NetworkBuilder().seed(3)
            .population(PopulationSpec.of("exc", 400).parameters(0.02, 0.2, -65, 8))
            .population(PopulationSpec.of("inh", 100).parameters(0.1, 0.2, -65, 2))
            .projection(ProjectionSpec.from("exc", List.of("exc", "inh")).rule(ConnectionRule.fixedOutdegree(50))
                .weight(WeightRule.constant(6)).delay(DelayRule.uniform(1, 5)).plasticity(PlasticityRule.spnet2006()))
            .projection(ProjectionSpec.from("inh", "exc").rule(ConnectionRule.fixedOutdegree(50))
                .weight(WeightRule.constant(-5)))
            .input(InputSpec.noise("exc", 5)).input(InputSpec.noise("inh", 2))
            .threads(1);
    }

    @Test
    void writingIntoThePlansRangesLeavesThePlanAndItsNetworkAsTheyWere()
    {
        final NetworkPlan plan = plastic().plan();
        final int[][] ranges = plan.sourceRanges();
        final int[][] windows = plan.sourceWindows();
        final int[][] plasticSources = plan.plasticSources();
        plan.sourceRanges()[0][1] = 10;
        plan.sourceWindows()[0][1] = 10;
        plan.plasticSources()[0][1] = 10;
        assertArrayEquals(ranges, plan.sourceRanges());
        assertArrayEquals(windows, plan.sourceWindows());
        assertArrayEquals(plasticSources, plan.plasticSources());

        final SimulationResult expected;
        try (Network network = Network.build(plastic()))
        {
            expected = network.run(200);
        }
        try (Network network = Network.build(plan))
        {
            final SimulationResult result = network.run(200);
            assertEquals(expected.spikeCount(), result.spikeCount());
            assertArrayEquals(expected.spikeSteps(), result.spikeSteps());
            assertArrayEquals(expected.spikeNeurons(), result.spikeNeurons());
        }
    }
}
