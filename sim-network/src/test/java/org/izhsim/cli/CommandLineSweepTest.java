package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.service.DiskCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Found by a sweep of every option with hostile values (2026-12-06): each one line, the right one, exit 2. */
class CommandLineSweepTest
{
    @TempDir
    Path tmp;

    private static Path config() throws Exception
    {
        return Path.of(CommandLineSweepTest.class.getResource("/cli/small.yaml").toURI());
    }

    /** -V on a subcommand printed nothing (exit 0); only `sim --version` printed the version. */
    @Test
    void everySubcommandPrintsTheVersion()
    {
        for (final String command : new String[] {"run", "validate", "neuron", "gallery", "explore"})
        {
            final CommandLineRun run = CommandLineRun.of(command, "-V");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().startsWith("izhsim "), command + ": " + run.out());
        }
    }

    /** 2147483647 threads was "must be a whole number >= 1 or auto", which it is. */
    @Test
    void aThreadCountBeyondAnIntIsOverTheMaximum() throws Exception
    {
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--threads", "2147483647");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: --threads: threads 2147483647 exceeds the maximum of 1024 worker threads (auto: one per free " +
            "core)", run.errorLine());
        final Path file = tmp.resolve("t.yaml");
        Files.writeString(file, Files.readString(config()).replace("seed: 7", "seed: 7\nthreads: 99999999999"));
        final CommandLineRun validate = CommandLineRun.of("validate", file.toString());
        assertEquals(2, validate.exitCode(), validate.err());
        assertTrue(validate.errorLine().endsWith(": threads 99999999999 exceeds the maximum of 1024 worker threads " +
            "(auto: one per free core)"), validate.errorLine());
    }

    /**
     * A folder the run may not use was reported as a disk without space when its disk had none (--out /proc: "0 kB
     * free"): the folder is checked first. Here a folder of foreign files on a disk with no free byte.
     */
    @Test
    void anUnusableOutputFolderIsNamedBeforeTheDiskSpace() throws Exception
    {
        final Path out = tmp.resolve("theirs");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        RunCommand.usableSpace = folder -> 0;
        final CommandLineRun run;
        try
        {
            run = CommandLineRun.of("run", config().toString(), "--out", out.toString(), "--duration", "10");
        }
        finally
        {
            RunCommand.usableSpace = DiskCheck::usableSpace;
        }
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.errorLine().contains("holds 'notes.txt' and was not written by the simulator"), run.errorLine());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    /** A marker that cannot be read was called missing: "holds '.izhsim-output' ... (no .izhsim-output marker)". */
    @Test
    void anUnreadableMarkerIsNotCalledMissing() throws Exception
    {
        final Path out = tmp.resolve("odd");
        Files.createDirectories(out);
        Files.writeString(out.resolve(".izhsim-output"), "junk");
        Files.writeString(out.resolve("spikes.csv"), "");
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--out", out.toString(), "--duration",
            "10");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.errorLine().contains("(its .izhsim-output is not a marker this simulator wrote)"),
            run.errorLine());
        assertEquals("junk", Files.readString(out.resolve(".izhsim-output")));
    }

    /** explore --out "" started a server announcing "network runs are written to ; ...". */
    @Test
    void anEmptyExplorerOutputFolderIsRefused()
    {
        final CommandLineRun run = CommandLineRun.of("explore", "--out", "");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: explore --out is empty: give a folder for the network runs (default: out/explore)",
            run.errorLine());
    }

    /** A thread count above the neurons was lowered without a word (--threads 500 for 200 neurons ran 200). */
    @Test
    void aThreadCountAboveTheNeuronsIsSaidToBeLowered() throws Exception
    {
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--threads", "500", "--duration", "5",
            "--out", tmp.resolve("many").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("small: built 200 neurons and 10,000 synapses in ") &&
            run.out().contains(" s (200 threads; 500 asked, at most one per neuron)"), run.out());
        assertTrue(Files.readString(tmp.resolve("many").resolve("summary.json")).contains("\"threads\" : 200,"));
    }

    /**
     * A folder on a file system that holds no files (/proc) was refused as a disk with "0 kB free", the user told to
     * write rates in wider bins or run shorter; the explorer took it and refused every run so.
     */
    @Test
    void aFolderOnAFileSystemWithoutRoomIsNamedSo() throws Exception
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here");
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--out", "/proc/izhsim-run",
            "--duration", "10");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: output folder '/proc/izhsim-run' is on a file system that holds no files ('proc' at /proc, " +
            "size 0): name a folder on a disk", run.errorLine());
        // /proc itself, and sim neuron's --out, the same (a mount point to name a folder inside; "cannot write into").
        assertEquals("sim: output folder '/proc' is on a file system that holds no files ('proc' at /proc, size 0): " +
            "name a folder on a disk", CommandLineRun.of("run", config().toString(), "--out", "/proc").errorLine());
        assertEquals("sim: output folder '/proc/x' is on a file system that holds no files ('proc' at /proc, size 0): " +
            "name a folder on a disk", CommandLineRun.of("neuron", "--out", "/proc/x").errorLine());
        final CommandLineRun explore = CommandLineRun.of("explore", "--port", "0", "--out", "/proc");
        assertEquals(2, explore.exitCode(), explore.err());
        assertEquals("sim: explore --out '/proc' is on a file system that holds no files ('proc' at /proc, size 0): " +
            "name a folder on a disk", explore.errorLine());
    }
}
