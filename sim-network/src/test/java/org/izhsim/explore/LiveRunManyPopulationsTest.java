package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of many populations: each chunk carried every population's spike counts in 5 ms bins over the whole chunk,
 * and 1000 one-neuron populations at full speed (chunks of many seconds) made events of tens of MB; under -Xmx512m the
 * explorer ran out of memory in its own bookkeeping and the run was lost. A chunk's counts cover the last second (what
 * the page shows, as its raster does), in bins made wider for many populations.
 */
class LiveRunManyPopulationsTest
{
    @TempDir
    Path out;

    @Test
    void theChunksOfAThousandPopulationsStaySmallAndCountEverySpikeOfTheirLastSecond() throws Exception
    {
        final StringBuilder yaml = new StringBuilder("name: pops1k\nseed: 1\nduration_ms: 5000\npopulations:\n");
        for (int p = 0; p < 1000; p++)
        {
            yaml.append("  p").append(p).append(": {size: 1, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 10}}\n");
        }
        final ExperimentConfig config = ExperimentLoader.parse(yaml.toString(), "pops1k.yaml");
        final EventHub hub = new EventHub();
        final LiveRun live = new LiveRun(out, hub);
        live.start(config, NetworkAssembler.builder(config), false);
        LiveRunWait.untilEnded(live, "the run did not end");
        live.close(10_000);
        final List<String> chunks = hub.history().stream().filter(e -> e.startsWith("event: chunk\n")).toList();
        assertTrue(!chunks.isEmpty(), hub.history().toString().substring(0, 200));
        assertEquals(50, LiveRun.rateBinMs(1000));
        long lastSpikes = 0;
        for (final String chunk : chunks)
        {
            final String data = chunk.substring(chunk.indexOf('{'));
            assertTrue(data.length() < 400_000, "a chunk's event of " + data.length() + " characters");
            assertEquals("50", ExplorerApiTest.field(data, "bin_ms"));
            final long t0 = Long.parseLong(ExplorerApiTest.field(data, "t0"));
            final long steps = Long.parseLong(ExplorerApiTest.field(data, "steps"));
            final long shownFrom = Math.max(t0, t0 + steps - 1000);
            assertEquals(shownFrom / 50, Long.parseLong(ExplorerApiTest.field(data, "first_bin")), data.substring(0, 200));
            lastSpikes = Long.parseLong(ExplorerApiTest.field(data, "spikes_total"));
        }
        final String end = hub.history().get(hub.history().size() - 1);
        assertTrue(end.startsWith("event: end\n"), end);
        assertEquals(Long.parseLong(ExplorerApiTest.field(end.substring(end.indexOf('{')), "spikes")), lastSpikes);
    }
}
