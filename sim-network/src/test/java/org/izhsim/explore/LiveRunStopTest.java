package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Stop that arrives while a start is still being handled (its plan and its memory and disk checks, 0.2-0.4 s for
 * sparse10k) stops that run: it was answered {@code "stopping": true} and then forgotten, and the run went on to
 * its end (8 of 8 tries with stops sent 0-14 ms after the start). Here the stop is sent from inside the disk check.
 */
class LiveRunStopTest
{
    @TempDir
    Path out;

    @Test
    void aStopSentWhileTheStartIsCheckedStopsThatRun() throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"))
            .withDurationMs(60_000);
        final EventHub hub = new EventHub();
        final LiveRun live = new LiveRun(out, hub);
        final boolean[] answered = new boolean[1];
        live.usableSpace(folder ->
        {
            answered[0] = live.stop() == LiveRun.Stopped.STOPPING;
            return Long.MAX_VALUE / 2;
        });
        live.start(config, NetworkAssembler.builder(config), false);
        assertTrue(answered[0], "the stop was answered as stopping a run");
        LiveRunWait.untilEnded(live, "the run was not stopped");
        final String end = hub.history().stream().filter(e -> e.startsWith("event: end\n")).findFirst().orElseThrow();
        assertEquals("true", ExplorerApiTest.between(end, "\"stopped\":", ","), end);
        assertTrue(Double.parseDouble(ExplorerApiTest.field(end, "simulated_ms")) < 60_000, end);
        live.close(10_000);
    }

    /**
     * A Stop that came after the run had finished simulating, while it wrote its folder, was answered
     * {@code "stopping": true}: nothing was left to stop. It says that the run is being written now.
     */
    @Test
    void aStopWhileTheRunIsWrittenSaysSoNotStopping() throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"))
            .withDurationMs(20);
        final EventHub hub = new EventHub();
        final LiveRun live = new LiveRun(out, hub);
        final LiveRun.Stopped[] answered = new LiveRun.Stopped[1];
        live.whenWritingStarts(() -> answered[0] = live.stop());
        live.start(config, NetworkAssembler.builder(config), false);
        LiveRunWait.untilEnded(live, "the run did not end");
        assertEquals(LiveRun.Stopped.WRITING, answered[0]);
        final String end = hub.history().stream().filter(e -> e.startsWith("event: end\n")).findFirst().orElseThrow();
        assertEquals("false", ExplorerApiTest.between(end, "\"stopped\":", ","), "the run went to its end: " + end);
        live.close(10_000);
    }
}
