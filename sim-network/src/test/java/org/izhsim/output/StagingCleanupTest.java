package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted runs leave no staging folder: SIGTERM runs the shutdown hook that deletes it; after a SIGKILL
 * the next run into the same parent sweeps it; a committed folder survives the hook.
 */
class StagingCleanupTest
{
    @TempDir
    Path parent;

    private Path startHolding(final Process process) throws IOException
    {
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        final String line = out.readLine();
        assertTrue(line != null && line.startsWith("staging "), "child said: " + line);
        final Path staging = Path.of(line.substring(8));
        assertTrue(Files.exists(staging.resolve("part.csv")));
        return staging;
    }

    @Test
    void sigtermDeletesTheUncommittedStagingFolder() throws Exception
    {
        Files.writeString(parent.resolve("canary.txt"), "keep");
        final Process child = JavaProcess.start(parent, HoldStagingOpen.class, "run", "wait");
        final Path staging = startHolding(child);
        child.destroy();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(staging), "the shutdown hook deleted " + staging);
        assertEquals(List.of("canary.txt"), OutputDirectoryTest.children(parent));
    }

    /**
     * An output folder asked for once the JVM's exit has begun (a Ctrl-C while sim run prepared; the signal's handler
     * calls System.exit while the main thread goes on) is refused: its staging folder, made after the exit's clean-up,
     * or before a clean-up was in place at all, was left behind with its marker (1 in 40 of a tester's tries).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"loaded", "cold"})
    void anOutputFolderAskedForWhileTheJvmExitsLeavesNoStagingFolder(final String when) throws Exception
    {
        Files.writeString(parent.resolve("canary.txt"), "keep");
        final Process child = JavaProcess.start(parent, MakeOutputWhileExiting.class, "late", when);
        final String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(130, child.exitValue());
        assertEquals("refused: the process is exiting (a signal): nothing more is written", said);
        assertEquals(List.of("canary.txt"), OutputDirectoryTest.children(parent));
    }

    /**
     * A folder being closed stays the exit's to wait for until it is deleted: deregistered first, an exit that began
     * meanwhile (a second Ctrl-C while an interrupted run cleaned up) found nothing to wait for, and the JVM halted
     * mid-deletion, leaving the staging folder with its marker (1 in 60 of a tester's tries). Once closed, the exit has
     * nothing to abandon.
     */
    @Test
    void aFolderBeingClosedIsTheExitsUntilItIsDeleted() throws Exception
    {
        final OutputDirectory out = OutputDirectory.create(parent.resolve("closing"));
        Files.writeString(out.resolve("part.csv"), "t_ms\n1\n");
        final boolean[] openWhileClosing = new boolean[1];
        OutputDirectory.duringClose = () -> openWhileClosing[0] = StagingFolders.isOpen(out);
        try
        {
            out.close();
        }
        finally
        {
            OutputDirectory.duringClose = null;
        }
        assertTrue(openWhileClosing[0], "registered while its folder is deleted");
        assertFalse(StagingFolders.isOpen(out), "deregistered once deleted");
        assertFalse(out.abandon(), "nothing left for the exit");
        assertEquals(List.of(), OutputDirectoryTest.children(parent));
    }

    /**
     * A process whose own line said that nothing was written exits with its staging folder deleted and no second
     * line: one Ctrl-C while sim run prepared printed "interrupted while the run was being prepared ...; nothing was
     * written" and "stopped before the outputs were written; nothing was written to DIR".
     */
    @Test
    void anExitWhoseLineWasSaidDeletesTheFolderWithoutASecondLine() throws Exception
    {
        final Process child = JavaProcess.start(parent, HoldStagingOpen.class, "run", "said");
        final Path staging = startHolding(child);
        final String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(130, child.exitValue());
        assertFalse(Files.exists(staging), "the exit deleted " + staging);
        assertFalse(err.contains("stopped before the outputs were written"), err);
    }

    @Test
    void afterSigkillTheNextRunSweepsTheDeadRunsStagingFolder() throws Exception
    {
        final Process child = JavaProcess.start(parent, HoldStagingOpen.class, "run", "wait");
        final Path staging = startHolding(child);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(staging), "no hook runs on SIGKILL");

        try (OutputDirectory out = OutputDirectory.create(parent.resolve("next")))
        {
            out.commit();
        }
        assertFalse(Files.exists(staging), "swept by the next run into " + parent);
        assertEquals(List.of("next"), OutputDirectoryTest.children(parent));
    }

    @Test
    void theHookLeavesACommittedFolderInPlace() throws Exception
    {
        final Process child = JavaProcess.start(parent, HoldStagingOpen.class, "run", "commit");
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(List.of("run"), OutputDirectoryTest.children(parent));
        assertEquals(List.of(".izhsim-output", "part.csv"), OutputDirectoryTest.children(parent.resolve("run")));
    }

    /**
     * A run killed between its staging marker's deletion and its folder's (or whose parent became read-only) left an
     * empty staging folder that no sweep removed; once its pid was reused, later runs into the target were refused as
     * "being written by another run". An empty one of a dead process goes now; one holding anything, or a live
     * process's, stays.
     */
    /**
     * A user's dated backup of an output, {@code .o.old-2026-12} (a copy with the output's marker), read as process
     * 2026's set-aside output: an unrelated run's sweep deleted it, and {@code .o.old-20261207-1}, a moved-aside
     * output, was moved back to its name and replaced. The program's hidden folders end in 16 hex digits; others stay.
     */
    @Test
    void aUsersBackupNamedLikeAHiddenFolderIsNotSwept() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        final long dead = gone.pid();
        final java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
            System.currentTimeMillis() - StagingFolders.EMPTY_STAGING_AGE_MS - 60_000);
        final java.util.List<Path> backups = new java.util.ArrayList<>();
        for (final String name : new String[] {".o.old-2026-12", ".o.old-" + dead + "-1", ".p.old-" + dead + "-abc",
            ".o.tmp-" + dead + "-ab", ".q.tmp-2026-0123456789abcde"})
        {
            final Path backup = Files.createDirectory(parent.resolve(name));
            try (OutputDirectory out = OutputDirectory.create(backup.resolveSibling("source-" + backups.size())))
            {
                Files.writeString(out.path().resolve("data.csv"), "1\n");
                out.commit();
            }
            Files.delete(backup);
            Files.move(backup.resolveSibling("source-" + backups.size()), backup);
            Files.setLastModifiedTime(backup, old);
            backups.add(backup);
        }
        try (OutputDirectory out = OutputDirectory.create(parent.resolve("o")))
        {
            out.commit();
        }
        for (final Path backup : backups)
        {
            assertEquals("1\n", Files.readString(backup.resolve("data.csv")), backup + " is the user's");
        }
        try (java.util.stream.Stream<Path> left = Files.list(parent))
        {
            assertEquals(backups.size() + 1, left.count(), "nothing moved back or added beside them");
        }
    }

    @Test
    void anEmptyStagingFolderOfADeadProcessIsSwept() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        final long dead = gone.pid();
        final Path empty = Files.createDirectory(parent.resolve(".o.tmp-" + dead + "-0000000000000abc"));
        final java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
            System.currentTimeMillis() - StagingFolders.EMPTY_STAGING_AGE_MS - 60_000);
        Files.setLastModifiedTime(empty, old);
        // Just made, as every run's folder is for a moment before its marker (maybe by another host): kept.
        final Path fresh = Files.createDirectory(parent.resolve(".o.tmp-" + dead + "-0000000000000abf"));
        final Path used = Files.createDirectory(parent.resolve(".o.tmp-" + dead + "-0000000000000abd"));
        Files.writeString(used.resolve("mine.txt"), "keep");
        Files.setLastModifiedTime(used, old);
        final Path live = Files.createDirectory(parent.resolve(".o.tmp-" + ProcessHandle.current().pid() +
            "-0000000000000abe"));
        Files.setLastModifiedTime(live, old);
        try (OutputDirectory out = OutputDirectory.create(parent.resolve("next")))
        {
            out.commit();
        }
        assertFalse(Files.exists(empty), "the dead process's empty staging folder is swept");
        assertEquals("keep", Files.readString(used.resolve("mine.txt")));
        assertTrue(Files.isDirectory(live), "a live process's is not");
        assertTrue(Files.isDirectory(fresh), "nor one just made");
    }

    /**
     * A run killed with its staging marker cut short (0 bytes) or already replaced by the finished listing (between the
     * listing and the rename into place) left a staging folder no sweep removed: a whole run's output in the second case.
     * Old ones of a dead process go now (their listed files, the marker, the folder); a fresh one stays.
     */
    @Test
    void aDeadRunsStagingFolderWithAnEmptyMarkerOrItsListingIsSwept() throws Exception
    {
        final long dead = deadPid();
        final java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
            System.currentTimeMillis() - StagingFolders.EMPTY_STAGING_AGE_MS - 60_000);
        final Path cut = Files.createDirectory(parent.resolve(".o.tmp-" + dead + "-0000000000000ab1"));
        Files.writeString(cut.resolve(OutputMarker.FILE), "");
        final Path listed = Files.createDirectory(parent.resolve(".o.tmp-" + dead + "-0000000000000ab2"));
        Files.writeString(listed.resolve("spikes.csv"), "t_ms\n");
        OutputMarker.writeListing(listed, "sim run");
        final Path fresh = Files.createDirectory(parent.resolve(".o.tmp-" + dead + "-0000000000000ab3"));
        Files.writeString(fresh.resolve(OutputMarker.FILE), "");
        for (final Path p : List.of(cut.resolve(OutputMarker.FILE), cut, listed.resolve(OutputMarker.FILE),
            listed.resolve("spikes.csv"), listed))
        {
            Files.setLastModifiedTime(p, old);
        }
        try (OutputDirectory out = OutputDirectory.create(parent.resolve("next")))
        {
            out.commit();
        }
        assertFalse(Files.exists(cut), "the cut marker's folder is swept");
        assertFalse(Files.exists(listed), "the finished but uncommitted output is swept");
        assertTrue(Files.exists(fresh.resolve(OutputMarker.FILE)), "one just made stays");
    }

    /**
     * A run killed after setting the earlier output aside and before renaming its own into place left the target
     * missing, and the next run's sweep deleted the set-aside output: the previous output was lost for good. It is
     * put back at its name now.
     */
    @Test
    void anOutputSetAsideByARunKilledBeforeItsRenameIsPutBack() throws Exception
    {
        final long dead = deadPid();
        final Path aside = Files.createDirectory(parent.resolve(".o.old-" + dead + "-0000000000000ab4"));
        Files.writeString(aside.resolve("spikes.csv"), "previous");
        OutputMarker.writeListing(aside, "sim run");
        try (OutputDirectory out = OutputDirectory.create(parent.resolve("next")))
        {
            out.commit();
        }
        assertFalse(Files.exists(aside));
        assertEquals("previous", Files.readString(parent.resolve("o").resolve("spikes.csv")));
    }

    /**
     * A set-aside earlier output beside a target that is there (a later run's) is swept: its listed files go, unless
     * the user changed or protected one since (a tester's edited and 444 files went without a word); then it stays.
     */
    @Test
    void aSetAsideOutputWithAFileTheUserChangedIsNotSwept() throws Exception
    {
        final long dead = deadPid();
        Files.createDirectory(parent.resolve("o"));
        final Path plain = Files.createDirectory(parent.resolve(".o.old-" + dead + "-0000000000000ab5"));
        Files.writeString(plain.resolve("spikes.csv"), "previous");
        OutputMarker.writeListing(plain, "sim run");
        final Path edited = Files.createDirectory(parent.resolve(".o.old-" + dead + "-0000000000000ab6"));
        Files.writeString(edited.resolve("spikes.csv"), "previous");
        OutputMarker.writeListing(edited, "sim run");
        Files.writeString(edited.resolve("spikes.csv"), "previous and my note");
        final Path locked = Files.createDirectory(parent.resolve(".o.old-" + dead + "-0000000000000ab7"));
        Files.writeString(locked.resolve("spikes.csv"), "previous");
        OutputMarker.writeListing(locked, "sim run");
        Files.setPosixFilePermissions(locked.resolve("spikes.csv"),
            java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        try (OutputDirectory out = OutputDirectory.create(parent.resolve("next")))
        {
            out.commit();
        }
        assertFalse(Files.exists(plain), "an untouched one is swept");
        assertEquals("previous and my note", Files.readString(edited.resolve("spikes.csv")));
        assertEquals("previous", Files.readString(locked.resolve("spikes.csv")));
    }

    private static long deadPid() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        return gone.pid();
    }
}
