package org.izhsim.network;

import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.analysis.SpikeStatistics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java API example of README.md, verbatim but for the assertions: if this stops compiling, so does the
 * README's promise.
 */
class ReadmeExampleTest
{
    @Test
    void theReadmeNetworkRunsLikeThe2003Network()
    {
        Network network = Network.build(new NetworkBuilder()
            .seed(1)
            .population(PopulationSpec.of("exc", 800).parameters(0.02, 0.2, -65, 8)
                .c(r -> -65 + 15 * r * r).d(r -> 8 - 6 * r * r))
            .population(PopulationSpec.of("inh", 200).parameters(0.02, 0.25, -65, 2)
                .a(r -> 0.02 + 0.08 * r).b(r -> 0.25 - 0.05 * r))
            .projection(ProjectionSpec.from("exc", List.of("exc", "inh"))
                .weight(WeightRule.ofRandom(rand -> 0.5 * rand)).delay(DelayRule.constant(1)))
            .projection(ProjectionSpec.from("inh", List.of("exc", "inh"))
                .weight(WeightRule.ofRandom(rand -> -rand)).delay(DelayRule.constant(1)))
            .input(InputSpec.noise("exc", 5))
            .input(InputSpec.noise("inh", 2))
            .threads(2));
        SimulationResult result = network.run(1000);   // 1000 steps of 1 ms

        assertEquals(1_000_000, network.synapseCount());
        assertEquals(1000.0, result.simulatedMs());
        final double excRate = SpikeStatistics.meanRateHz(result, "exc");
        assertTrue(excRate > 3 && excRate < 15, "the 2003 network fires at a few Hz: " + excRate);
    }
}
