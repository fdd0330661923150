package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.izhsim.core.InputException;
import org.izhsim.TestProcesses;
import org.izhsim.core.ProcessOwner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder never costs the user a file: every case runs in a throwaway folder whose canary files
 * (a fake checkout with .git, the experiment file, notes) must all survive.
 */
class OutputDirectoryTest
{
    private static final String MARKER = OutputMarker.FILE;

    @TempDir
    Path parent;

    /** Working folder and home of these tests: never the real ones, so a regression deletes only the temp dir. */
    private OutputDirectory.Places places;

    @BeforeEach
    void places() throws IOException
    {
        places = new OutputDirectory.Places(Files.createDirectories(parent.resolve("elsewhere/work")),
            Files.createDirectories(parent.resolve("elsewhere/home")), List.of());
    }

    private OutputDirectory create(final Path target)
    {
        return OutputDirectory.create(target, places);
    }

    static List<String> children(final Path dir) throws IOException
    {
        try (Stream<Path> s = Files.list(dir))
        {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A folder as a user keeps it: a checkout with .git, an experiment file, notes. */
    static Path userFolder(final Path dir) throws IOException
    {
        Files.createDirectories(dir.resolve(".git/refs"));
        Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(dir.resolve("cfg.yaml"), "name: x\n");
        Files.writeString(dir.resolve("notes.txt"), "my notes\n");
        return dir;
    }

    static void assertUserFolderIntact(final Path dir) throws IOException
    {
        assertEquals("ref: refs/heads/main\n", Files.readString(dir.resolve(".git/HEAD")));
        assertTrue(Files.isDirectory(dir.resolve(".git/refs")));
        assertEquals("name: x\n", Files.readString(dir.resolve("cfg.yaml")));
        assertEquals("my notes\n", Files.readString(dir.resolve("notes.txt")));
    }

    private void assertNoHiddenFolders() throws IOException
    {
        try (Stream<Path> s = Files.list(parent))
        {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                "no staging or set-aside folder left in " + parent);
        }
    }

    private void writeRun(final Path target, final String... files) throws IOException
    {
        try (OutputDirectory out = create(target))
        {
            for (final String file : files)
            {
                Files.createDirectories(out.resolve(file).getParent());
                Files.writeString(out.resolve(file), file);
            }
            out.commit();
        }
    }

    private OutputDirectory.Places placesOf(final String command)
    {
        return new OutputDirectory.Places(places.workingFolder(), places.home(), List.of(), places.mountPoint(),
            command);
    }

    private void writeRunOf(final String command, final Path target, final String file) throws IOException
    {
        try (OutputDirectory out = OutputDirectory.create(target, placesOf(command)))
        {
            Files.writeString(out.resolve(file), String.valueOf(command));
            out.commit();
        }
    }

    /**
     * `sim neuron --out` a folder of `sim bench` replaced an hour of peers' results, the folder being ours: a folder
     * records the command that wrote it, and another command's is refused. The same command, the Java API (no
     * command) and a folder of an older izhsim (no command recorded) replace it as before.
     */
    /**
     * A second Ctrl-C after a run saved its state said only that nothing was written to the output folder: the line
     * says what the run saved before it.
     */
    @Test
    void theLineOfAnAbandonedFolderSaysWhatTheRunSavedBeforeIt() throws Exception
    {
        final Path target = parent.resolve("o");
        try (OutputDirectory dir = create(target))
        {
            assertEquals("sim: stopped before the outputs were written; nothing was written to " + target +
                " (it is as it was)", StagingFolders.abandonedLine(dir));
            dir.abandonNote("; s.ckpt holds the state at t = 20 ms, saved before");
            assertEquals("sim: stopped before the outputs were written; nothing was written to " + target +
                " (it is as it was); s.ckpt holds the state at t = 20 ms, saved before", StagingFolders.abandonedLine(dir));
        }
    }

    @Test
    void aFolderAnotherCommandWroteIsNotReplaced() throws IOException
    {
        final Path target = parent.resolve("results");
        writeRunOf("sim bench", target, "bench.json");
        final InputException refused = assertThrows(InputException.class,
            () -> OutputDirectory.create(target, placesOf("sim neuron")));
        assertEquals("output folder '" + target + "' holds the outputs of 'sim bench', which 'sim neuron' does not " +
            "replace; nothing was deleted: choose another output folder (--out), e.g. a new one", refused.getMessage());
        assertEquals("sim bench", Files.readString(target.resolve("bench.json")));
        assertNoHiddenFolders();
        writeRunOf("sim bench", target, "bench.md");
        assertEquals(List.of(MARKER, "bench.md"), children(target));
        writeRunOf(null, target, "any.csv");
        assertEquals(List.of(MARKER, "any.csv"), children(target));
        writeRunOf("sim neuron", target, "trace.csv");
        assertEquals(List.of(MARKER, "trace.csv"), children(target), "no command recorded: replaced as before");
    }

    /** Writing into a committed folder failed as "cannot create .../.o1.tmp-823-.../spikes.csv" (the staging folder). */
    @Test
    void aCommittedFolderRefusesFurtherFilesByName() throws IOException
    {
        final Path target = parent.resolve("done");
        try (OutputDirectory out = create(target))
        {
            Files.writeString(out.resolve("a.csv"), "a");
            out.commit();
            assertEquals(target + " is already committed: its files are written before commit()",
                assertThrows(IllegalStateException.class, () -> out.resolve("b.csv")).getMessage());
        }
        assertEquals(List.of(MARKER, "a.csv"), children(target));
    }

    /**
     * Another command's run that commits into the target while this run runs: its folder is kept, and this run's
     * outputs beside it (the command is checked at the commit too, and again after the old folder is set aside).
     */
    @Test
    void anotherCommandsFolderThatAppearsDuringTheRunIsKeptAtCommit() throws IOException
    {
        final Path target = parent.resolve("results");
        final Path bench = parent.resolve("bench");
        writeRunOf("sim bench", bench, "bench.json");
        final InputException e = assertThrows(InputException.class, () ->
        {
            try (OutputDirectory out = OutputDirectory.create(target, placesOf("sim run")))
            {
                Files.writeString(out.resolve("spikes.csv"), "ours");
                // Another process's bench, finished into the target while this run ran.
                Files.move(bench, target);
                out.commit();
            }
        });
        assertTrue(e.getMessage().contains("holds the outputs of 'sim bench', which 'sim run' does not replace") &&
            e.getMessage().endsWith("kept in '" + parent.resolve("results.kept-1") + "'"), e.getMessage());
        assertEquals("sim bench", Files.readString(target.resolve("bench.json")));
        assertEquals("ours", Files.readString(parent.resolve("results.kept-1").resolve("spikes.csv")));
        assertNoHiddenFolders();
    }

    /** A feature's folder of a gallery was refused as holding 'spikes.csv' "not written by the simulator". */
    @Test
    void aFolderInsideAnOutputFolderIsNamedAsPartOfIt() throws IOException
    {
        final Path gallery = parent.resolve("gallery");
        writeRun(gallery, "tonic_spiking/spikes.csv", "features.png");
        final Path feature = gallery.resolve("tonic_spiking");
        assertEquals("output folder '" + feature + "' is part of the outputs in '" + gallery + "', which only a run " +
            "into '" + gallery + "' replaces; nothing was deleted: choose another output folder (--out), e.g. a new one",
            assertThrows(InputException.class, () -> create(feature)).getMessage());
        assertEquals("tonic_spiking/spikes.csv", Files.readString(feature.resolve("spikes.csv")));
    }

    /**
     * An empty folder named as the output is the user's: the run's folder replaces it (one rename), and its mode,
     * owner and group came back as this process's (a 555 folder came back 755, another user's came back ours).
     */
    @Test
    void anEmptyFolderKeepsItsModeAndOwnerWhenARunReplacesItAndWhenTheNextRunReplacesThat() throws IOException
    {
        final Path target = Files.createDirectory(parent.resolve("empty"));
        final java.util.Set<java.nio.file.attribute.PosixFilePermission> mode =
            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---");
        Files.setPosixFilePermissions(target, mode);
        final boolean root = "root".equals(System.getProperty("user.name"));
        java.nio.file.attribute.UserPrincipal nobody = null;
        if (root)
        {
            // Another user's folder, which root may fill.
            nobody = target.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(target, nobody);
        }
        writeRun(target, "a.txt");
        assertEquals(List.of(MARKER, "a.txt"), children(target));
        assertEquals(mode, Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
        if (nobody != null)
        {
            assertEquals(nobody, Files.getOwner(target, LinkOption.NOFOLLOW_LINKS));
        }
        // A second run replaces the first's output: the folder keeps them again (it came back 755 and ours).
        writeRun(target, "b.txt");
        assertEquals(List.of(MARKER, "b.txt"), children(target));
        assertEquals(mode, Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
        if (nobody != null)
        {
            assertEquals(nobody, Files.getOwner(target, LinkOption.NOFOLLOW_LINKS));
        }
        if (!root)
        {
            // A folder this user may not write into is refused, and stays as it was.
            final Path locked = Files.createDirectory(parent.resolve("locked"));
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            final InputException refused = assertThrows(InputException.class, () -> create(locked));
            assertTrue(refused.getMessage().contains("is an empty folder this user may not write into"),
                refused.getMessage());
        }
        assertNoHiddenFolders();
    }

    /**
     * An empty folder on a read-only file system is refused as that: root's 755 folder there was "an empty folder this
     * user may not write into (its mode or owner)". Root mounts a read-only tmpfs; another user checks a folder of mode
     * 555, which is its mode's.
     */
    @Test
    void anEmptyFolderOnAReadOnlyFileSystemIsSaidToBeOnOne() throws Exception
    {
        if (!"root".equals(System.getProperty("user.name")))
        {
            final Path locked = Files.createDirectory(parent.resolve("locked555"));
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            final InputException refused = assertThrows(InputException.class, () -> create(locked));
            assertTrue(refused.getMessage().endsWith("is an empty folder this user may not write into (its mode or " +
                "owner); nothing was deleted: make it writable, or choose another output folder (--out), e.g. a new one"),
                refused.getMessage());
            return;
        }
        final Path mount = Files.createDirectory(parent.resolve("ro"));
        run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
        try
        {
            // A folder inside it (the mount point itself is refused as one), then the file system made read-only.
            final Path existing = Files.createDirectory(mount.resolve("existing"));
            run("mount", "-o", "remount,ro", mount.toString());
            final InputException refused = assertThrows(InputException.class, () -> create(existing));
            assertEquals("output folder '" + existing + "' is an empty folder on a read-only file system; nothing was " +
                "deleted: choose another output folder (--out), e.g. a new one", refused.getMessage());
        }
        finally
        {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    private static void run(final String... command) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + said);
    }

    /** A name the file system refuses: the message named the 300-character path twice (the system's text repeats it). */
    @Test
    void aNameTooLongIsNamedOnceWithTheSystemsReason()
    {
        final Path target = parent.resolve("x".repeat(300));
        final String message = assertThrows(InputException.class, () -> create(target)).getMessage();
        assertEquals(1, message.split("x".repeat(300), -1).length - 1, message);
        assertTrue(message.contains("File name too long"), message);
    }

    @Test
    void filesAppearInTheTargetOnlyAtCommitWithTheMarkerListingThem() throws IOException
    {
        final Path target = parent.resolve("run");
        try (OutputDirectory out = create(target))
        {
            Files.writeString(out.resolve("a.txt"), "a");
            Files.createDirectories(out.resolve("sub"));
            Files.writeString(out.resolve("sub/b.csv"), "b");
            assertFalse(Files.exists(target));
            assertEquals(parent, out.path().getParent(), "staging is a sibling on the same file system");
            assertTrue(out.path().getFileName().toString().startsWith(".run.tmp-" + ProcessHandle.current().pid() + "-"));
            assertTrue(Files.readString(out.resolve(MARKER)).contains("pid " + ProcessHandle.current().pid()));
            out.commit();
        }
        assertEquals(List.of(".izhsim-output", "a.txt", "sub"), children(target));
        final List<String> marker = Files.readAllLines(target.resolve(MARKER));
        assertEquals("izhsim output folder v1", marker.get(0));
        final long time = Files.getLastModifiedTime(target.resolve("a.txt")).toMillis();
        final long timeB = Files.getLastModifiedTime(target.resolve("sub/b.csv")).toMillis();
        assertEquals(List.of("dir sub", "dirmode w sub", "file a.txt", "file sub/b.csv", "folder w",
            "stat 1 " + time + " w a.txt", "stat 1 " + timeB + " w sub/b.csv"),
            marker.stream().filter(l -> !l.startsWith("#") && !l.startsWith("izhsim")).sorted().toList());
        assertEquals(List.of("elsewhere", "run"), children(parent));
    }

    /**
     * Two runs into folders under the same missing parents both create them; if the other one fails and removes them
     * (they were empty, and it made them), this run creates them again rather than failing with "cannot write into"
     * (commit 5625bb1). The other run's clean-up is staged between this run's parents and its staging folder.
     */
    @Test
    void parentsRemovedByAnotherRunBeforeTheStagingFolderAreMadeAgain() throws IOException
    {
        final Path missing = parent.resolve("new");
        final Path target = missing.resolve("deeper/run");
        final int[] removals = {0};
        OutputDirectory.afterParents = () ->
        {
            if (removals[0]++ == 0)
            {
                try
                {
                    Files.delete(missing.resolve("deeper"));
                    Files.delete(missing);
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        };
        try (OutputDirectory out = create(target))
        {
            Files.writeString(out.resolve("a.txt"), "a");
            out.commit();
        }
        finally
        {
            OutputDirectory.afterParents = null;
        }
        assertEquals(1, removals[0]);
        assertEquals(List.of(".izhsim-output", "a.txt"), children(target));
    }

    @Test
    void closingWithoutCommitLeavesNothingBehind() throws IOException
    {
        final Path target = parent.resolve("run");
        assertThrows(IllegalStateException.class, () ->
        {
            try (OutputDirectory out = create(target))
            {
                Files.createDirectories(out.resolve("sub"));
                Files.writeString(out.resolve("sub/partial.csv"), "t_ms\n1\n");
                throw new IllegalStateException("the run failed half way");
            }
        });
        assertEquals(List.of("elsewhere"), children(parent));
    }

    /**
     * Two runs into one folder at once both committed, the later replacing the earlier's outputs without a word:
     * the second is refused while the first writes, leaving nothing of its own; once the first is done it may run.
     */
    @Test
    void aFolderAnotherRunIsWritingIsRefused() throws IOException
    {
        final Path target = parent.resolve("run");
        try (OutputDirectory first = create(target))
        {
            Files.writeString(first.resolve("spikes.csv"), "t_ms,neuron\n");
            final InputException refused = assertThrows(InputException.class, () -> create(target));
            assertEquals("output folder '" + target + "' is being written by another run (process " +
                ProcessHandle.current().pid() + "): wait for it to end or choose another --out", refused.getMessage());
            assertEquals(2, children(parent).size(), "the first run's staging folder and elsewhere: " + children(parent));
            first.commit();
        }
        assertEquals(List.of(MARKER, "spikes.csv"), children(target));
        writeRun(target, "again.txt");
        assertEquals(List.of(MARKER, "again.txt"), children(target));
    }

    @Test
    void commitReplacesItsOwnEarlierOutput() throws IOException
    {
        final Path target = parent.resolve("run");
        writeRun(target, "old.txt", "old-sub/old.csv");
        writeRun(target, "new.txt");
        assertEquals(List.of(MARKER, "new.txt"), children(target));
        assertEquals(List.of("elsewhere", "run"), children(parent), "no staging or old folder left");
    }

    @Test
    void anEmptyExistingFolderIsUsed() throws IOException
    {
        final Path target = Files.createDirectories(parent.resolve("run"));
        writeRun(target, "a.txt");
        assertEquals(List.of(MARKER, "a.txt"), children(target));
    }

    @Test
    void aFolderTheSimulatorDidNotWriteIsRefusedBeforeTheRunAndKept() throws IOException
    {
        final Path mine = userFolder(parent.resolve("project"));
        final InputException e = assertThrows(InputException.class, () -> create(mine));
        assertEquals("output folder '" + mine + "' holds '.git/', 'cfg.yaml', 'notes.txt' and was not written by " +
            "the simulator (no .izhsim-output marker); nothing was deleted: choose another output folder (--out), " +
            "e.g. a new one", e.getMessage());
        assertUserFolderIntact(mine);
        assertEquals(List.of(".git", "cfg.yaml", "notes.txt"), children(mine));
        assertNoHiddenFolders();
    }

    @Test
    void anOwnFolderWithAForeignFileIsRefusedAndNothingInItIsDeleted() throws IOException
    {
        final Path target = parent.resolve("run");
        writeRun(target, "spikes.csv", "sub/a.csv");
        Files.writeString(target.resolve("sub/my-analysis.py"), "print(1)\n");

        final InputException e = assertThrows(InputException.class, () -> create(target));
        assertEquals("output folder '" + target + "' holds 'sub/my-analysis.py', which the simulator did not write; " +
            "nothing was deleted: choose another output folder (--out), e.g. a new one", e.getMessage());
        assertEquals(List.of(MARKER, "spikes.csv", "sub"), children(target));
        assertEquals(List.of("a.csv", "my-analysis.py"), children(target.resolve("sub")));
        assertNoHiddenFolders();
    }

    /**
     * A file the simulator wrote and the user then edited is the user's work: a tester's own text in summary.json was
     * replaced by the next run into the folder without a word. Its size or modification time differ from the listing's,
     * and the folder is refused as a foreign file's would be; untouched, it is replaced as before. An older marker
     * without sizes and times is not compared.
     */
    @Test
    void anOwnFileChangedSinceTheRunWroteItIsNotReplaced() throws IOException
    {
        final Path target = parent.resolve("run");
        writeRun(target, "summary.json", "sub/a.csv");
        Files.writeString(target.resolve("summary.json"), "my notes on this run\n");
        final InputException e = assertThrows(InputException.class, () -> create(target));
        assertEquals("output folder '" + target + "' holds 'summary.json', which the simulator wrote but someone " +
            "changed since (its size or modification time differ; a copy that did not keep the files' times, cp -r " +
            "rather than cp -a, reads as changed); nothing was deleted: choose another output folder (--out), e.g. a " +
            "new one", e.getMessage());
        assertEquals("my notes on this run\n", Files.readString(target.resolve("summary.json")));

        // The same size, a later time: changed too.
        writeRun(parent.resolve("run2"), "sub/a.csv");
        final Path a = parent.resolve("run2").resolve("sub/a.csv");
        Files.writeString(a, "sub/b.csv");
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(a).toMillis() + 5000));
        assertTrue(assertThrows(InputException.class, () -> create(parent.resolve("run2"))).getMessage()
            .contains("holds 'sub/a.csv', which the simulator wrote but someone changed since"));

        // Made read-only (chmod 444): the user protects it; deleting it needs only the folder's permission.
        writeRun(parent.resolve("run4"), "spikes.csv");
        final Path kept = parent.resolve("run4").resolve("spikes.csv");
        Files.setPosixFilePermissions(kept, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        assertTrue(assertThrows(InputException.class, () -> create(parent.resolve("run4"))).getMessage()
            .contains("holds 'spikes.csv', which the simulator wrote but someone made read-only since;"));
        assertTrue(Files.exists(kept));
        Files.setPosixFilePermissions(kept, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        // The folder itself made read-only (chmod 555): the rerun moved it aside, could not empty it (as a user), and
        // left it hidden. Refused; put back writable, it is replaced.
        final Path locked = parent.resolve("run5");
        writeRun(locked, "spikes.csv");
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        assertEquals("output folder '" + locked + "' was made read-only since the simulator wrote it (its owner may not " +
            "write it): yours to keep; nothing was deleted: choose another output folder (--out), e.g. a new one",
            assertThrows(InputException.class, () -> create(locked)).getMessage());
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        writeRun(locked, "other.csv");
        assertEquals(List.of(MARKER, "other.csv"), children(locked));

        // A listed subfolder made read-only (a gallery's feature folder): its files were left in a hidden folder.
        final Path gallery = parent.resolve("run7");
        writeRun(gallery, "a/spikes.csv", "b/spikes.csv");
        Files.setPosixFilePermissions(gallery.resolve("a"), java.nio.file.attribute.PosixFilePermissions.fromString(
            "r-xr-xr-x"));
        assertEquals("output folder '" + gallery + "' holds the folder 'a/', which the simulator wrote but someone made " +
            "read-only since; nothing was deleted: choose another output folder (--out), e.g. a new one",
            assertThrows(InputException.class, () -> create(gallery)).getMessage());
        Files.setPosixFilePermissions(gallery.resolve("a"), java.nio.file.attribute.PosixFilePermissions.fromString(
            "rwxr-xr-x"));

        // The user's empty folder was 555: the output in its place takes that mode, and its marker says so; a rerun
        // replaces it (it was refused as "made read-only since").
        final Path chosen = Files.createDirectories(parent.resolve("run8"));
        Files.setPosixFilePermissions(chosen, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        writeRun(chosen, "x.csv");
        assertEquals("r-xr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(chosen)));
        assertTrue(Files.readAllLines(chosen.resolve(MARKER)).contains("folder r"));
        writeRun(chosen, "y.csv");
        assertEquals(List.of(MARKER, "y.csv"), children(chosen));

        // A marker of 2026-12-07's first hours: "stat SIZE TIME PATH" without the r|w, read as writable.
        final Path early = parent.resolve("run9");
        writeRun(early, "x.csv");
        final Path earlyMarker = early.resolve(MARKER);
        Files.write(earlyMarker, Files.readAllLines(earlyMarker).stream().filter(line -> !line.startsWith("folder ") &&
            !line.startsWith("dirmode ")).map(line -> line.replaceFirst("^(stat [0-9]+ [0-9]+) w ", "$1 ")).toList());
        assertTrue(Files.readString(earlyMarker).contains("stat 5 "), Files.readString(earlyMarker));
        writeRun(early, "z.csv");
        assertEquals(List.of(MARKER, "z.csv"), children(early));

        // Files the run itself wrote read-only (a umask of 0222): its own, replaced.
        final Path own = parent.resolve("run6");
        try (OutputDirectory out = create(own))
        {
            Files.writeString(out.resolve("spikes.csv"), "x");
            Files.setPosixFilePermissions(out.resolve("spikes.csv"),
                java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
            out.commit();
        }
        writeRun(own, "again.csv");
        assertEquals(List.of(MARKER, "again.csv"), children(own));

        // Untouched: replaced. A marker without "stat" lines (before 2026-12-07): replaced as before.
        writeRun(parent.resolve("run3"), "x.csv");
        writeRun(parent.resolve("run3"), "y.csv");
        assertEquals(List.of(MARKER, "y.csv"), children(parent.resolve("run3")));
        final Path marker = parent.resolve("run3").resolve(MARKER);
        Files.write(marker, Files.readAllLines(marker).stream().filter(line -> !line.startsWith("stat ")).toList());
        Files.writeString(parent.resolve("run3").resolve("y.csv"), "edited before markers had sizes");
        writeRun(parent.resolve("run3"), "z.csv");
        assertEquals(List.of(MARKER, "z.csv"), children(parent.resolve("run3")));
        assertNoHiddenFolders();
    }

    /**
     * A folder inside an earlier output (not one it lists) is refused: accepted, it made that output one that no rerun
     * could replace ("holds 'sub/', which the simulator did not write").
     */
    @Test
    void aFolderInsideAnEarlierOutputIsRefused() throws IOException
    {
        final Path target = parent.resolve("run");
        writeRun(target, "spikes.csv");
        assertEquals("output folder '" + target.resolve("sub") + "' is inside '" + target + "', the output folder of an " +
            "earlier run, which a rerun into it could then not replace; nothing was deleted: choose another output " +
            "folder (--out), e.g. a new one", assertThrows(InputException.class, () -> create(target.resolve("sub")))
            .getMessage());
        assertEquals(List.of(MARKER, "spikes.csv"), children(target));
        writeRun(target, "again.csv");
        assertEquals(List.of(MARKER, "again.csv"), children(target));
    }

    /**
     * An earlier output's file that cannot be deleted (immutable: chattr +i, as root on ext4) stays in the hidden folder
     * with the marker, and every other listed entry goes: the deletion stopped at the first failure, leaving files
     * nobody protected. Needs chattr and a file system that takes it (skipped elsewhere).
     */
    @Test
    void anUndeletableFileOfAnEarlierOutputLeavesOnlyItselfBehind() throws Exception
    {
        final Path target = parent.resolve("run");
        writeRun(target, "a.csv", "sub/b.csv", "z.csv");
        final Path stuck = target.resolve("a.csv");
        org.junit.jupiter.api.Assumptions.assumeTrue(chattr("+i", stuck), "chattr +i works here");
        try
        {
            writeRun(target, "new.csv");
            assertEquals(List.of(MARKER, "new.csv"), children(target));
            final List<Path> hidden;
            try (java.util.stream.Stream<Path> all = Files.list(parent))
            {
                hidden = all.filter(p -> p.getFileName().toString().startsWith(".run.old-")).toList();
            }
            assertEquals(1, hidden.size(), hidden.toString());
            assertEquals(List.of(MARKER, "a.csv"), children(hidden.get(0)), "only the immutable file, and the marker");
            chattr("-i", hidden.get(0).resolve("a.csv"));
        }
        finally
        {
            try (java.util.stream.Stream<Path> all = Files.walk(parent))
            {
                all.filter(p -> p.getFileName().toString().equals("a.csv")).forEach(p -> chattr("-i", p));
            }
        }
    }

    private static boolean chattr(final String flag, final Path file)
    {
        try
        {
            final Process process = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true)
                .start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void theWorkingFolderAndEveryFolderAboveItAreRefusedEvenIfEmpty() throws IOException
    {
        final Path work = places.workingFolder();
        final InputException is = assertThrows(InputException.class, () -> create(work));
        assertTrue(is.getMessage().startsWith("output folder '" + work + "' is the working folder; nothing was deleted"),
            is.getMessage());
        final InputException above = assertThrows(InputException.class, () -> create(work.getParent()));
        assertTrue(above.getMessage().contains("' contains the working folder;"), above.getMessage());
        assertTrue(Files.isDirectory(work));
        assertNoHiddenFolders();
    }

    @Test
    void theHomeFolderAndTheFileSystemRootAreRefused()
    {
        final InputException home = assertThrows(InputException.class, () -> create(places.home()));
        assertTrue(home.getMessage().contains("' is your home folder;"), home.getMessage());
        final InputException root = assertThrows(InputException.class, () -> create(Path.of("/")));
        assertEquals("output folder '/' is the file-system root; nothing was deleted: choose another output folder " +
            "(--out), e.g. a new one", root.getMessage());
    }

    /**
     * --out with an escape, a tab or a newline made a folder of that name and echoed it raw (a terminal colour escape
     * turned the terminal red), where a config's name: refuses those characters; a folder that exists already with
     * such a name (the user's own) is not the run's to judge.
     */
    @Test
    void aFolderToBeNamedWithControlCharactersIsRefused() throws IOException
    {
        for (final String name : new String[] {"o\u001b[31mred", "a\nb", "tab\there", "rtl\u202eexe"})
        {
            final Path target = parent.resolve(name).resolve("run");
            final InputException refused = assertThrows(InputException.class, () -> create(target));
            assertTrue(refused.getMessage().contains("' would make a folder named with control characters (a newline, " +
                "a tab, a terminal escape): give a plain name;"), refused.getMessage());
            assertFalse(Files.exists(parent.resolve(name)), name);
        }
        final Path own = Files.createDirectories(parent.resolve("mine\tfolder"));
        try (OutputDirectory dir = create(own.resolve("run")))
        {
            dir.commit();
        }
        assertTrue(Files.isDirectory(own.resolve("run")));
        assertNoHiddenFolders();
    }

    @Test
    void aFolderHoldingAnInputFileIsRefusedEvenWhenTheSimulatorWroteIt() throws IOException
    {
        final Path target = parent.resolve("run");
        writeRun(target, "spikes.csv");
        final Path config = target.resolve("cfg.yaml");
        Files.writeString(config, "name: x\n");
        final OutputDirectory.Places withInput = new OutputDirectory.Places(places.workingFolder(), places.home(),
            List.of(config));
        final InputException e = assertThrows(InputException.class, () -> OutputDirectory.create(target, withInput));
        assertTrue(e.getMessage().startsWith("output folder '" + target + "' contains the input file '" + config + "';"),
            e.getMessage());
        assertTrue(Files.exists(config));
        assertNoHiddenFolders();
    }

    /**
     * A folder through a symbolic link to nothing (dl -> nowhere, --out dl/x): the explorer took it at its start and at
     * each run's, ran each network whole and lost it at the write ("cannot create output folder 'dl/x/...': /tmp/dl").
     */
    @Test
    void aFolderThroughASymbolicLinkToNothingIsRefusedBeforeTheRun() throws IOException
    {
        final Path link = Files.createSymbolicLink(parent.resolve("dl"), parent.resolve("nowhere"));
        final Path target = link.resolve("x").resolve("run");
        final InputException e = assertThrows(InputException.class,
            () -> OutputDirectory.requireUsable(target, java.util.List.of(), "sim run"));
        assertEquals("output folder '" + target + "' cannot be made: '" + link + "' is a symbolic link to '" +
            parent.resolve("nowhere") + "', which does not exist; nothing was deleted: choose another output folder " +
            "(--out), e.g. a new one", e.getMessage());
        assertTrue(Files.isSymbolicLink(link) && !Files.exists(parent.resolve("nowhere")), "nothing made");
        // A chain is followed to its end, and a loop is called one (they were "a link to 'dl'" and "to 'loopB', which
        // does not exist").
        final Path chain = Files.createSymbolicLink(parent.resolve("dl2"), link);
        assertTrue(assertThrows(InputException.class, () -> OutputDirectory.requireUsable(chain.resolve("x"),
            java.util.List.of(), "sim run")).getMessage().contains("'" + chain + "' is a symbolic link (through '" +
            link + "') to '" + parent.resolve("nowhere") + "', which does not exist"));
        final Path loopA = parent.resolve("loopA");
        Files.createSymbolicLink(loopA, parent.resolve("loopB"));
        Files.createSymbolicLink(parent.resolve("loopB"), loopA);
        assertTrue(assertThrows(InputException.class, () -> OutputDirectory.requireUsable(loopA.resolve("x"),
            java.util.List.of(), "sim run")).getMessage().contains("'" + loopA + "' is a loop of symbolic links"));
        // Where a folder is made under the link's name anyway, the reason names the link, not its bare path.
        assertEquals("'" + link + "' is a symbolic link to '" + parent.resolve("nowhere") + "', which does not exist",
            IoFailures.reason(new java.nio.file.FileAlreadyExistsException(link.toString())));
    }

    @Test
    void aSymbolicLinkIsRefusedAndItsFolderKept() throws IOException
    {
        final Path mine = userFolder(parent.resolve("project"));
        final Path link = Files.createSymbolicLink(parent.resolve("link"), mine);
        final InputException e = assertThrows(InputException.class, () -> create(link));
        // Where it leads, said (the line named the link alone).
        assertTrue(e.getMessage().startsWith("output folder '" + link + "' is a symbolic link to '" + mine + "'; name " +
            "the folder itself"), e.getMessage());
        assertUserFolderIntact(mine);
        assertTrue(Files.isSymbolicLink(link));
    }

    /**
     * A file of the user's that appears in the target during the run: the target is kept as it is, and the finished
     * outputs are kept beside it as run.kept-1 (they were deleted with the staging folder: the run was lost).
     */
    @Test
    void aForeignFileThatAppearsDuringTheRunIsSeenAtCommitAndBothAreKept() throws IOException
    {
        final Path target = parent.resolve("run");
        writeRun(target, "spikes.csv");
        Files.createDirectories(parent.resolve("run.kept-1"));
        Files.writeString(parent.resolve("run.kept-1").resolve("mine.txt"), "an earlier folder of that name");
        final InputException e = assertThrows(InputException.class, () ->
        {
            try (OutputDirectory out = create(target))
            {
                Files.writeString(out.resolve("spikes.csv"), "new");
                Files.writeString(target.resolve("notes.txt"), "written while the run ran");
                out.commit();
            }
        });
        assertTrue(e.getMessage().endsWith("; the finished outputs are kept in '" + parent.resolve("run.kept-2") + "'"),
            e.getMessage());
        assertEquals(List.of(MARKER, "notes.txt", "spikes.csv"), children(target));
        assertEquals("spikes.csv", Files.readString(target.resolve("spikes.csv")), "the old output is untouched");
        assertEquals(List.of("mine.txt"), children(parent.resolve("run.kept-1")), "an existing name is not reused");
        assertEquals("new", Files.readString(parent.resolve("run.kept-2").resolve("spikes.csv")));
        assertNoHiddenFolders();
    }

    @Test
    void anEmptyTargetThatFillsDuringTheRunIsSeenAtCommitAndBothAreKept() throws IOException
    {
        final Path target = Files.createDirectories(parent.resolve("run"));
        assertThrows(InputException.class, () ->
        {
            try (OutputDirectory out = create(target))
            {
                Files.writeString(out.resolve("rates.csv"), "finished");
                Files.writeString(target.resolve("notes.txt"), "mine");
                out.commit();
            }
        });
        assertEquals(List.of("notes.txt"), children(target));
        assertEquals("finished", Files.readString(parent.resolve("run.kept-1").resolve("rates.csv")));
        assertNoHiddenFolders();
    }

    @Test
    void replacingOurFolderNeverFollowsALinkNorDeletesAnUnlistedEntry() throws IOException
    {
        final Path outside = userFolder(parent.resolve("project"));
        final Path old = parent.resolve("old");
        writeRun(old, "sub/a.csv", "b.csv");
        // Made behind our back: the listed folder 'sub' becomes a link to the user's folder.
        Files.delete(old.resolve("sub/a.csv"));
        Files.delete(old.resolve("sub"));
        Files.createSymbolicLink(old.resolve("sub"), outside);
        Files.writeString(old.resolve("unlisted.txt"), "keep");

        final OutputMarker.Listing listing = OutputMarker.readListing(old).orElseThrow();
        assertFalse(NoFollowDeletion.deleteListed(old, listing), "unlisted entries keep the folder");
        assertEquals(List.of(MARKER, "sub", "unlisted.txt"), children(old), "only the listed plain file b.csv went");
        assertTrue(Files.isSymbolicLink(old.resolve("sub")));
        assertUserFolderIntact(outside);

        NoFollowDeletion.deleteTree(old);
        assertFalse(Files.exists(old, LinkOption.NOFOLLOW_LINKS));
        assertUserFolderIntact(outside);
    }

    /**
     * A staging folder whose deletion was cut short (a second Ctrl-C while the first one's handler deleted it) kept
     * its files but had lost its marker, deleted first in directory order: the next run's sweep skips a folder that
     * names no owner, so it stayed for good. The marker goes last, whatever the directory's order.
     */
    @Test
    void aFoldersMarkerIsDeletedAfterItsOtherEntries()
    {
        final List<Path> entries = new java.util.ArrayList<>(List.of(Path.of("a.npy"), Path.of(MARKER), Path.of("b"),
            Path.of(".x"), Path.of("z.csv")));
        NoFollowDeletion.markerLast(entries);
        assertEquals(List.of(Path.of("a.npy"), Path.of("b"), Path.of(".x"), Path.of("z.csv"), Path.of(MARKER)), entries);
    }

    /**
     * Two runs into one target at once: both used to commit, the later replacing the earlier's output without a
     * word. Each now sees the other's staging folder once its own exists, so of two overlapping runs at least one is
     * refused (both, when they look at the same moment), and what is committed is one run's complete output.
     */
    @Test
    void twoRunsIntoOneTargetAtOnceLeaveAtMostOneCompleteOutputAndRefuseTheOther() throws Exception
    {
        final Path target = parent.resolve("run");
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try
        {
            for (int round = 0; round < 20; round++)
            {
                final CyclicBarrier created = new CyclicBarrier(2);
                final List<Future<Boolean>> runs = new ArrayList<>();
                for (final String name : List.of("a", "b"))
                {
                    runs.add(pool.submit(() ->
                    {
                        OutputDirectory out = null;
                        try
                        {
                            out = create(target);
                        }
                        catch (final InputException refused)
                        {
                            assertTrue(refused.getMessage().contains("is being written by another run"),
                                refused.getMessage());
                        }
                        // Both have tried before either commits: the two runs overlap.
                        created.await();
                        if (out == null)
                        {
                            return false;
                        }
                        try (OutputDirectory mine = out)
                        {
                            Files.writeString(mine.resolve(name + ".txt"), name);
                            mine.commit();
                        }
                        return true;
                    }));
                }
                int committed = 0;
                for (final Future<Boolean> run : runs)
                {
                    committed += run.get() ? 1 : 0;
                }
                assertTrue(committed <= 1, "round " + round + ": both overlapping runs committed");
                if (committed == 1)
                {
                    final List<String> files = children(target);
                    assertTrue(files.equals(List.of(MARKER, "a.txt")) || files.equals(List.of(MARKER, "b.txt")),
                        "one run's complete output: " + files);
                }
                assertTrue(List.of("elsewhere", "run").containsAll(children(parent)), "no staging folder left: " +
                    children(parent));
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void staleStagingFoldersOfDeadRunsAreSweptAndLiveOrForeignOnesKept() throws Exception
    {
        final long dead = TestProcesses.endedPid();
        final Process sleeping = TestProcesses.sleeping();
        try
        {
            final ProcessOwner me = ProcessOwner.thisProcess();
            final Path deadRun = staging("run", dead, new ProcessOwner(me.host(), me.boot(), dead));
            // The live ones write another target: one writing "run" would have this run refused.
            final Path liveRun = staging("busy", sleeping.pid(), new ProcessOwner(me.host(), me.boot(), sleeping.pid()));
            final Path ownRun = staging("other", me.pid(), me);
            final Path otherHost = staging("busy", dead, new ProcessOwner(me.host() + "-other", me.boot(), dead));
            final Path unmarked = Files.createDirectories(parent.resolve(".run.tmp-" + dead + "-000000000000cafe"));
            Files.writeString(unmarked.resolve("notes.txt"), "mine");
            final Path userHidden = userFolder(parent.resolve(".notes.tmp-" + dead + "-000000000000beef"));

            writeRun(parent.resolve("run"), "a.txt");

            assertFalse(Files.exists(deadRun), "a dead run's staging folder is swept");
            assertTrue(Files.exists(liveRun.resolve("part.csv")), "a live run's is not");
            assertTrue(Files.exists(ownRun.resolve("part.csv")), "nor this process's own");
            assertTrue(Files.exists(otherHost.resolve("part.csv")), "nor one of another host sharing the disk");
            assertEquals(List.of("notes.txt"), children(unmarked), "nor one without our marker");
            assertUserFolderIntact(userHidden);
            final InputException busy = assertThrows(InputException.class, () -> create(parent.resolve("busy")));
            assertTrue(busy.getMessage().contains("is being written by another run (process "), busy.getMessage());
        }
        finally
        {
            sleeping.destroy();
        }
    }

    private Path staging(final String target, final long pid, final ProcessOwner owner) throws IOException
    {
        final Path dir = Files.createDirectories(parent.resolve("." + target + ".tmp-" + pid + "-" +
            String.format(java.util.Locale.ROOT, "%016x", System.nanoTime())));
        OutputMarker.writeStaging(dir, owner);
        Files.writeString(dir.resolve("part.csv"), "t_ms\n");
        return dir;
    }

    @Test
    void aTargetThatIsAFileIsAOneLineInputError() throws IOException
    {
        final Path file = Files.writeString(parent.resolve("taken"), "x");
        final InputException e = assertThrows(InputException.class, () -> create(file));
        assertEquals("output folder '" + file + "' is a file", e.getMessage());
        final InputException below = assertThrows(InputException.class, () -> create(file.resolve("run")));
        assertTrue(below.getMessage().contains("which is a file"), below.getMessage());
        assertFalse(below.getMessage().contains("\n"));
        assertEquals(List.of("elsewhere", "taken"), children(parent));
        // A device or a pipe is said as such: /dev/null was "a file".
        if (Files.exists(Path.of("/dev/null")))
        {
            assertEquals("output folder '/dev/null' is not a folder but a device, pipe or socket",
                assertThrows(InputException.class, () -> create(Path.of("/dev/null"))).getMessage());
        }
    }

    @Test
    void aFileThatAppearsAtTheTargetDuringTheRunFailsTheCommitAndTheOutputsAreKeptBeside() throws IOException
    {
        final Path target = parent.resolve("run");
        assertThrows(InputException.class, () ->
        {
            try (OutputDirectory out = create(target))
            {
                Files.writeString(target, "someone else");
                out.commit();
            }
        });
        assertEquals(List.of("elsewhere", "run", "run.kept-1"), children(parent));
        assertEquals("someone else", Files.readString(target));
    }

    @Test
    void missingParentsCreatedForARunThatFailsAreRemovedAgainAndExistingOnesKept() throws IOException
    {
        Files.createDirectories(parent.resolve("kept"));
        final Path target = parent.resolve("kept/a/b/run");
        assertThrows(IllegalStateException.class, () ->
        {
            try (OutputDirectory out = create(target))
            {
                assertTrue(Files.isDirectory(parent.resolve("kept/a/b")));
                throw new IllegalStateException("the run failed half way");
            }
        });
        assertEquals(List.of(), children(parent.resolve("kept")));
    }

    @Test
    void aCreatedParentThatAnotherEntryUsesMeanwhileIsKept() throws IOException
    {
        final Path target = parent.resolve("a/b/run");
        try (OutputDirectory out = create(target))
        {
            Files.writeString(parent.resolve("a/notes.txt"), "mine");
        }
        assertEquals(List.of("notes.txt"), children(parent.resolve("a")));
    }

    /**
     * A 240-character name was refused with "File name too long": its hidden staging folder's name is longer. So were
     * names of 115 'é' (230 bytes) or 84 '日' (252 bytes), when the staging name's limit counted characters.
     */
    @ParameterizedTest
    @ValueSource(strings = {"r", "\u00e9", "\u65e5", "\ud83d\ude00"})
    void aTargetWithALongNameIsWrittenThroughAShorterStagingName(final String character) throws IOException
    {
        final int perCharacter = character.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        final Path target = parent.resolve(character.repeat(252 / perCharacter));
        try (OutputDirectory out = create(target))
        {
            assertTrue(out.resolve("x").getParent().getFileName().toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 255);
            Files.writeString(out.resolve("spikes.csv"), "t_ms,neuron\n");
            out.commit();
        }
        assertEquals("t_ms,neuron\n", Files.readString(target.resolve("spikes.csv")));
        assertNoHiddenFolders();
    }

    /**
     * Another user's earlier run was found out only at the end: in a folder with the sticky bit (/tmp) after the whole
     * run (exit 1), elsewhere as a hidden folder of undeletable files left beside the new one. The rule on the
     * attributes (the JVM under test runs as one user, so the real refusal was tried by hand as nobody).
     */
    @Test
    void anotherUsersEarlierRunIsRefusedBeforeTheRunWhenThisUserCannotReplaceIt()
    {
        final Path tmpLike = Path.of("/tmp");
        assertEquals(Optional.of("holds another user's earlier run in '/tmp', where only its owner may move it (the " +
            "folder's sticky bit)"), OutputDirectory.replaceProblem(65534, 0, 0, true, true, tmpLike));
        assertEquals(Optional.of("holds another user's earlier run, whose files this user may not delete"),
            OutputDirectory.replaceProblem(65534, 0, 65534, false, false, tmpLike));
        // One's own, root's way, a parent one owns, or a folder one may write in: replaced as before.
        assertEquals(Optional.empty(), OutputDirectory.replaceProblem(1000, 1000, 0, true, false, tmpLike));
        assertEquals(Optional.empty(), OutputDirectory.replaceProblem(0, 1000, 1000, true, false, tmpLike));
        assertEquals(Optional.empty(), OutputDirectory.replaceProblem(1000, 0, 1000, true, true, tmpLike));
        assertEquals(Optional.empty(), OutputDirectory.replaceProblem(1000, 0, 0, false, true, tmpLike));
    }

    @Test
    void missingParentsAreCreated() throws IOException
    {
        final Path target = parent.resolve("a/b/run");
        writeRun(target);
        assertTrue(Files.isDirectory(target));
        assertEquals(List.of("run"), children(parent.resolve("a/b")));
    }
}
