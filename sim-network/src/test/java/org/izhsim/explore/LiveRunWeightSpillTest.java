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
 * A plastic live run keeps its weight snapshots in a file, as `sim run` does, not on the heap (4 bytes per plastic
 * synapse each: an hour of spnet2006 snapshot every second is 1.15 GB), and deletes the file once its folder is
 * written with the snapshots in weight_snapshots.npy.
 */
class LiveRunWeightSpillTest
{
    @TempDir
    Path out;

    @TempDir
    Path spillRoot;

    private List<Path> files(final Path folder) throws Exception
    {
        try (Stream<Path> walk = Files.walk(folder))
        {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /**
     * Whether the spill file is in {@link #spillRoot} now. Polled while the run may delete its folder: a walk that
     * meets the folder as it goes failed the test in CI (NoSuchFileException); that look counts as not seen.
     */
    private boolean spillSeen() throws Exception
    {
        try
        {
            return files(spillRoot).stream().anyMatch(f -> f.getFileName().toString().endsWith(".f32"));
        }
        catch (final java.io.UncheckedIOException ex)
        {
            if (ex.getCause() instanceof java.nio.file.NoSuchFileException)
            {
                return false;
            }
            throw ex;
        }
    }

    /**
     * An explorer killed with SIGKILL during a plastic run left its spill folder in the temporary folder for good (a
     * snapshot every weights_every_ms as long as the run lasted; four such folders were found in /tmp). An explorer's
     * start deletes those of explorers no longer alive, and leaves a live one's and any folder holding more.
     */
    @Test
    void anExplorerStartDeletesTheSpillFoldersOfDeadExplorersOnly() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        final long deadPid = gone.pid();
        final Path dead = Files.createDirectory(spillRoot.resolve("izhsim-live-weights-" + deadPid + "-123"));
        Files.write(dead.resolve(org.izhsim.output.WeightHistory.SPILL_FILE), new byte[4096]);
        final Path deadEmpty = Files.createDirectory(spillRoot.resolve("izhsim-live-weights-" + deadPid + "-456"));
        final Path alive = Files.createDirectory(spillRoot.resolve("izhsim-live-weights-" +
            ProcessHandle.current().pid() + "-789"));
        Files.write(alive.resolve(org.izhsim.output.WeightHistory.SPILL_FILE), new byte[16]);
        final Path holdsMore = Files.createDirectory(spillRoot.resolve("izhsim-live-weights-" + deadPid + "-1"));
        Files.write(holdsMore.resolve(org.izhsim.output.WeightHistory.SPILL_FILE), new byte[16]);
        Files.write(holdsMore.resolve("notes.txt"), new byte[16]);
        final Path noPid = Files.createDirectory(spillRoot.resolve("izhsim-live-weights-8813"));
        new LiveRun(out, new EventHub(), spillRoot);
        assertTrue(!Files.exists(dead) && !Files.exists(deadEmpty), "a dead explorer's folders are deleted");
        assertTrue(Files.exists(alive.resolve(org.izhsim.output.WeightHistory.SPILL_FILE)), "a live one's is kept");
        assertTrue(Files.exists(holdsMore.resolve("notes.txt")) &&
            Files.exists(holdsMore.resolve(org.izhsim.output.WeightHistory.SPILL_FILE)), "a folder holding more is kept");
        assertTrue(Files.isDirectory(noPid), "a folder without a pid (older explorers') is kept");
    }

    @Test
    void aPlasticLiveRunKeepsItsWeightSnapshotsInAFileItDeletesAtTheEnd() throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "spnet2006.yaml"))
            .withDurationMs(2_000);
        final LiveRun live = new LiveRun(out, new EventHub(), spillRoot);
        // Paced to real time: 2 s of wall time, in which the spill file is looked for.
        live.start(config, NetworkAssembler.builder(config), true);
        final long deadline = System.nanoTime() + 30_000_000_000L;
        boolean seen = false;
        while (live.isRunning())
        {
            assertTrue(System.nanoTime() < deadline, "the run did not end");
            seen |= spillSeen();
            Thread.sleep(20);
        }
        assertTrue(seen, "no weight snapshot file in " + spillRoot + " during the run");
        assertEquals(List.of(), files(spillRoot), "left behind");
        try (Stream<Path> listing = Files.list(spillRoot))
        {
            assertEquals(0, listing.count(), "the spill's folder is deleted too");
        }
        final List<Path> folders;
        try (Stream<Path> listing = Files.list(out))
        {
            folders = listing.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        assertEquals(1, folders.size(), folders.toString());
        // spnet2006 snapshots every 10 s: the start's and the end's, 80,000 float32 each after the .npy header.
        assertTrue(Files.size(folders.get(0).resolve("weight_snapshots.npy")) >= 2L * 80_000 * 4);
        live.close(10_000);
    }

    /**
     * The snapshots' file goes to the temporary folder, often another disk than the out folder's (a tmpfs in
     * memory): snapshots that it cannot hold are refused at the start, located at weights_every_ms, as sim run
     * refuses outputs that its out folder cannot hold. Here the temporary folder's disk stands in at 1 MB free.
     */
    @Test
    void snapshotsThatTheTemporaryFolderCannotHoldAreRefusedAtTheStart() throws Exception
    {
        final Path file = out.resolve("spnet.yaml");
        Files.writeString(file, Files.readString(Path.of("..", "configs", "spnet2006.yaml"))
            .replace("weights_every_ms: 10000", "weights_every_ms: 10"));
        final ExperimentConfig config = ExperimentLoader.load(file);
        final LiveRun live = new LiveRun(out, new EventHub(), spillRoot);
        live.usableSpace(folder -> folder.equals(spillRoot) ? 1_000_000L : Long.MAX_VALUE);
        final org.izhsim.core.InputException refused = org.junit.jupiter.api.Assertions.assertThrows(
            org.izhsim.core.InputException.class, () -> live.start(config, NetworkAssembler.builder(config), false));
        // 60 s every 10 ms: 6,001 snapshots of 80,000 weights, 1.9 GB.
        assertTrue(refused.getMessage().matches(java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: " +
            "spnet2006 over 60000 ms: its 6,001 weight snapshots need 1.9 GB in " +
            java.util.regex.Pattern.quote(spillRoot.toString()) + " until the run's folder is written, more than the " +
            "1 MB free there: .*"), refused.getMessage());
        assertTrue(!live.isRunning(), "a refused run must not run");
        assertEquals(List.of(file), files(out));
        live.close(10_000);
    }
}
