package org.izhsim.network;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.izhsim.network.analysis.SpikeStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java API examples of README.md, verbatim but for the assertions (and the second's paths: the tests run in
 * sim-network/): if this stops compiling, so does the README's promise.
 */
class ReadmeExampleTest
{
    @TempDir
    Path tmp;

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

    @Test
    void theReadmeExperimentFileRunsInPiecesWithItsWeightsAndACheckpoint() throws Exception
    {
        ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "spnet2006.yaml"));
        try (Network network = Network.build(NetworkAssembler.plan(config)))
        {
            SimulationResult first = network.run(1000);          // each run continues where the last one stopped
            SimulationResult second = network.run(1000);
            PlasticWeights weights = network.plasticWeights();   // a copy; null when no synapse is plastic
            network.saveState(tmp.resolve("spnet.ckpt"));        // restoreState on a network built alike resumes here

            assertEquals(1000, second.firstStep());
            assertTrue(first.spikeCount() > 0 && second.spikeCount() > 0);
            assertEquals(80_000, weights.size());
            assertTrue(Files.size(tmp.resolve("spnet.ckpt")) > 0);
        }
    }
}
