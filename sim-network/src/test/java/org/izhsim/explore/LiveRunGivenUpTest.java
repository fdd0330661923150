package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second Ctrl-C or SIGTERM ends the explorer while it stops a run and waits to write its folder: "explore: stopping
 * the run ... and writing its folder" was the last line, and no folder came. The exit's line says the run was given
 * up while it is live and unwritten, and nothing once its folder is written.
 */
class LiveRunGivenUpTest
{
    @TempDir
    Path out;

    @Test
    void aRunLiveAtTheExitIsSaidToBeGivenUpAndAWrittenOneIsNot() throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"))
            .withDurationMs(3_600_000);
        final LiveRun live = new LiveRun(out, new EventHub());
        assertNull(live.abandonedLine(), "no run");
        live.start(config, NetworkAssembler.builder(config), false);
        final long deadline = System.nanoTime() + 30_000_000_000L;
        String line = null;
        while (line == null && System.nanoTime() < deadline)
        {
            line = live.abandonedLine();
            Thread.sleep(10);
        }
        assertEquals("explore: the run of 'cortex2003' was given up before its folder was written (a second signal); " +
            "nothing was written to " + ExploreCommand.shown(out), line);
        live.close(60_000);
        assertNull(live.abandonedLine(), "its folder is written");
        assertTrue(live.isRunning() == false, "the run ended");
    }
}
