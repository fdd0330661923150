package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run whose network blows up is written as {@code sim run} writes one: the steps before the blow-up in its
 * folder with {@code "status": "failed"} and the error, and the page is told the neuron and step with the folder's
 * links (only a "failed" event was sent before, and nothing was kept).
 */
class LiveRunBlowUpTest
{
    @TempDir
    Path tmp;

    @Test
    void aBlownUpRunIsWrittenUpToTheBlowUpAndEndsWithItsMessage() throws Exception
    {
        blownUpRun("blowup.yaml");
    }

    /** A blow-up in the first step (t = 0) sent only a "failed" event and wrote nothing; sim run writes its folder. */
    @Test
    void aRunThatBlowsUpInItsFirstStepIsWrittenToo() throws Exception
    {
        blownUpRun("overflow-at-start.yaml");
    }

    private void blownUpRun(final String file) throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(
            Path.of(LiveRunBlowUpTest.class.getResource("/cli/" + file).toURI()));
        final EventHub hub = new EventHub();
        final LiveRun live = new LiveRun(tmp, hub);
        live.start(config, NetworkAssembler.builder(config), false);
        LiveRunWait.untilEnded(live, "the run did not end");
        live.close(10_000);
        final String end = hub.history().get(hub.history().size() - 1);
        assertTrue(end.startsWith("event: end\n"), end);
        // No number as a string: a first-step blow-up's real-time factor (wall / 0) went out as "Infinity", and the
        // page's toFixed on it threw, leaving it at "running 0 / 200 ms".
        assertTrue(!end.contains("\"Infinity\"") && !end.contains("\"NaN\""), end);
        final String error = ExplorerApiTest.field(end, "error");
        assertTrue(error != null && error.matches("numerical blow-up at t = \\d+ ms: neuron \\d+ \\(\\w+\\[\\d+]\\).*"),
            end);
        final List<Path> folders;
        try (Stream<Path> listing = Files.list(tmp))
        {
            folders = listing.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        assertEquals(1, folders.size(), folders.toString());
        assertTrue(end.contains("/files/" + folders.get(0).getFileName() + "/summary.json"), end);
        final String summary = Files.readString(folders.get(0).resolve("summary.json")).replace("\" : ", "\":");
        assertEquals("failed", ExplorerApiTest.field(summary, "status"), summary);
        assertEquals(error, ExplorerApiTest.field(summary, "error"), summary);
        assertEquals(ExplorerApiTest.field(end, "simulated_ms"), ExplorerApiTest.field(summary, "failed_at_ms"), summary);
        assertTrue(Files.size(folders.get(0).resolve("spikes.csv")) > 0);
    }

    /** A config named ".hidden" or "-dash" got a hidden folder, or one read as an option, whose files were not served. */
    @Test
    void aRunFolderNeverStartsWithADotOrADash()
    {
        assertEquals("_hidden", LiveRun.folderName(".hidden"));
        assertEquals("_dash", LiveRun.folderName("-dash"));
        assertEquals("_", LiveRun.folderName(".."));
        assertEquals("a_b", LiveRun.folderName("a..b"));
        assertEquals("a.b-c_d", LiveRun.folderName("a.b-c d"));
    }
}
