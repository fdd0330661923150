package org.izhsim.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.build.ResolvedProjection;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.izhsim.output.ConnectionsCsv;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * record.connections and connections: each shipped network's synapses written as connections_K.csv and read back
 * in place of its rules (the same file, its projections' rule, k, p, weight, delay_ms and autapses replaced by
 * {@code connections}) fire the same spikes and, plastic, learn the same weights.
 */
class ConnectionsRoundTripTest
{
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cortex2003, 300, 1", "cortex2003_cond, 300, 2", "stp_demo, 300, 1", "spnet2006, 2100, 2",
        "dastdp2007, 2100, 3"})
    @SuppressWarnings("unchecked")
    void aNetworkReadBackFromItsConnectionsFilesRunsAsTheDrawnOne(final String name, final int steps,
        final int threads) throws Exception
    {
        final String text = Files.readString(Path.of("..", "configs", name + ".yaml"));
        final ExperimentConfig drawn = ExperimentLoader.parse(text, name + ".yaml");
        final NetworkPlan plan = NetworkAssembler.plan(drawn);
        final Map<String, Object> yaml = (Map<String, Object>)new Load(LoadSettings.builder().build())
            .loadFromString(text);
        final List<Object> projections = new ArrayList<>();
        for (final ResolvedProjection p : plan.projections())
        {
            final String file = ConnectionsCsv.fileName(p.index() + 1);
            ConnectionsCsv.write(dir.resolve(file), plan, p, 1.0);
            final Map<String, Object> item = new LinkedHashMap<>(
                (Map<String, Object>)((List<Object>)yaml.get("projections")).get(p.index()));
            for (final String key : List.of("rule", "k", "p", "weight", "delay_ms", "autapses"))
            {
                item.remove(key);
            }
            item.put("connections", file);
            projections.add(item);
        }
        yaml.put("projections", projections);
        if (plan.plasticity() != null && plan.plasticity().reward() != null)
        {
            // The rewarded synapse as the network starts it: at the reward's initial weight, not its drawn one.
            final PlasticityRule.Reward reward = plan.plasticity().reward();
            final String pair = reward.pre() + "," + reward.post() + ",";
            final List<String> lines = Files.readAllLines(dir.resolve(ConnectionsCsv.fileName(1)));
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(pair) &&
                line.endsWith("," + (float)reward.initialWeight())), pair + " at " + reward.initialWeight());
            // Without the reward's initial_weight in the file read back: the file's weight alone starts it.
            final Map<String, Object> item = (Map<String, Object>)projections.get(0);
            final Map<String, Object> plasticity = new LinkedHashMap<>((Map<String, Object>)item.get("plasticity"));
            final Map<String, Object> rewardMap = new LinkedHashMap<>((Map<String, Object>)plasticity.get("reward"));
            rewardMap.remove("initial_weight");
            plasticity.put("reward", rewardMap);
            item.put("plasticity", plasticity);
        }
        final Path given = Files.writeString(dir.resolve(name + "-given.yaml"),
            new Dump(DumpSettings.builder().build()).dumpToString(yaml));
        final ExperimentConfig read = ExperimentLoader.load(given);
        final Run expected = run(drawn, steps, threads);
        final Run actual = run(read, steps, threads);
        assertTrue(expected.spikes[0].length > 100, name + " fires: " + expected.spikes[0].length);
        assertArrayEquals(expected.spikes[0], actual.spikes[0], name + ": spike steps");
        assertArrayEquals(expected.spikes[1], actual.spikes[1], name + ": spike neurons");
        assertArrayEquals(expected.weights, actual.weights, name + ": plastic weights");
    }

    private record Run(int[][] spikes, float[] weights)
    {
    }

    private static Run run(final ExperimentConfig config, final int steps, final int threads)
    {
        try (Network net = Network.build(NetworkAssembler.builder(config).threads(threads)))
        {
            final SimulationResult r = net.run(steps);
            return new Run(new int[][] {r.spikeSteps(), r.spikeNeurons()}, net.plasticity() == null ? new float[0] :
                PlasticWeights.of(net.synapses(), net.plasticity()).weights());
        }
    }
}
