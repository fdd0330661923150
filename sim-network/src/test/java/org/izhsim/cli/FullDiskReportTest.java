package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.izhsim.output.JavaProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills while the outputs are written (simulated by a file-size limit on a second JVM: a write past it
 * fails with "File too large" as one on a full disk fails with "No space left on device") ends the command with
 * one line naming the output folder and the reason, exit code 1, no stack trace, and nothing left beside the
 * user's files: neither the output folder nor its hidden staging folder.
 */
class FullDiskReportTest
{
    /** KiB: below raster.png, trace.csv and features.png, above the marker and the smallest files. */
    private static final int LIMIT_KIB = 8;

    @TempDir
    Path tmp;

    private Path config;

    @BeforeEach
    void files() throws IOException, URISyntaxException
    {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell for ulimit -f");
        config = tmp.resolve("cfg.yaml");
        Files.copy(Path.of(FullDiskReportTest.class.getResource("/cli/small.yaml").toURI()), config);
        Files.writeString(tmp.resolve("notes.txt"), "my notes\n");
    }

    private CommandLineRun simWithFileSizeLimit(final String... args) throws Exception
    {
        return CommandLineRun.of(JavaProcess.startWithFileSizeLimit(tmp, LIMIT_KIB, Main.class, args));
    }

    private void assertOneLineAndNothingLeft(final CommandLineRun run, final String out) throws IOException
    {
        assertEquals(1, run.exitCode(), run.err());
        final String line = run.errorLine();
        assertTrue(line.startsWith("sim: writing the outputs to '" + out + "' failed: cannot write "), line);
        assertTrue(line.contains("File too large"), line);
        assertTrue(line.endsWith("; nothing was written there"), line);
        assertFalse(line.contains(".tmp-"), "names the output folder, not its staging folder: " + line);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        try (Stream<Path> s = Files.list(tmp))
        {
            assertEquals(List.of("cfg.yaml", "notes.txt"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                "neither the output folder nor a staging folder is left");
        }
        assertEquals("my notes\n", Files.readString(tmp.resolve("notes.txt")));
    }

    @Test
    void aRunWhoseDiskFillsReportsOneLineNamingTheOutputFolderAndLeavesNothing() throws Exception
    {
        assertOneLineAndNothingLeft(simWithFileSizeLimit("run", "cfg.yaml", "--out", "out", "--quiet"), "out");
    }

    @Test
    void aNeuronWhoseDiskFillsReportsOneLineNamingTheOutputFolderAndLeavesNothing() throws Exception
    {
        assertOneLineAndNothingLeft(simWithFileSizeLimit("neuron", "--preset", "tonic_bursting", "--out", "tb"), "tb");
    }

    @Test
    void aGalleryWhoseDiskFillsReportsOneLineNamingTheOutputFolderAndLeavesNothing() throws Exception
    {
        assertOneLineAndNothingLeft(simWithFileSizeLimit("gallery", "--out", "g"), "g");
    }
}
