package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.output.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File and folder names the command line meets. Under a C locale (containers, cron) file names are ASCII: a run of an experiment named 'ünï' without --out ended
 * in an InvalidPathException and its stack trace (exit 1). One line now, exit 2, nothing made.
 */
class FileNamesOnTheCommandLineTest
{
    @Test
    void aNameTheLocalesFileNamesCannotHoldIsOneLine(@TempDir final Path dir) throws Exception
    {
        final Path config = dir.resolve("uni.yaml");
        Files.writeString(config, "name: ünï\npopulations:\n  e: {size: 1, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
            "duration_ms: 10\n", StandardCharsets.UTF_8);
        final ProcessBuilder builder = JavaProcess.builder(dir, Main.class, "run", config.toString());
        builder.environment().put("LANG", "C");
        builder.environment().put("LC_ALL", "C");
        builder.redirectErrorStream(true);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.waitFor(), output);
        assertTrue(output.contains("cannot be a folder name here: file names are in ") &&
            output.contains("give --out") && !output.contains("Exception"), output);
        assertFalse(Files.exists(dir.resolve("out")), "nothing made");
    }

    /** `sim validate -dash.yaml` said "Missing required parameter: 'FILE.yaml'" of a file that is there. */
    @Test
    void aFileNamedLikeAnOptionGetsAHint(@TempDir final Path dir) throws Exception
    {
        Files.writeString(dir.resolve("-dash.yaml"), "populations:\n  e: {size: 1, params: {a: 0.02, b: 0.2, c: -65, " +
            "d: 8}}\n");
        final ProcessBuilder builder = JavaProcess.builder(dir, Main.class, "validate", "-dash.yaml");
        builder.redirectErrorStream(true);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.waitFor(), output);
        assertTrue(output.contains("'-dash.yaml' was read as an option: name the file './-dash.yaml' or put it after " +
            "'--'"), output);
    }

    /**
     * Arguments after '--' are positional parameters: `validate -- -d.yaml extra` was told that '-d.yaml' had been read
     * as an option (it was read as the file), and `run -- small.yaml --quiet` that '--quiet' is an unknown option.
     */
    @Test
    void argumentsAfterDoubleDashAreNamedAsPositionalsNotOptions(@TempDir final Path dir) throws Exception
    {
        Files.writeString(dir.resolve("-d.yaml"), "populations:\n  e: {size: 1, params: {a: 0.02, b: 0.2, c: -65, " +
            "d: 8}}\n");
        final ProcessBuilder builder = JavaProcess.builder(dir, Main.class, "validate", "--", "-d.yaml", "extra");
        builder.redirectErrorStream(true);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.waitFor(), output);
        assertEquals("sim: Unmatched argument after '--' (there every argument is a positional parameter, not an " +
            "option): 'extra' (see 'sim validate --help')", output.strip());
        assertEquals("sim: Unmatched arguments after '--' (there every argument is a positional parameter, not an " +
            "option): '--quiet', '5' (see 'sim run --help')",
            CommandLineRun.of("run", "--", "small.yaml", "--quiet", "5").errorLine());
        assertEquals("sim: Unmatched argument after '--' (there every argument is a positional parameter, not an " +
            "option): '--out' (see 'sim gallery --help')", CommandLineRun.of("gallery", "--", "--out").errorLine());
        // Before '--' an unknown option is still one.
        assertEquals("sim: unknown option '--bogus' (see 'sim run --help')",
            CommandLineRun.of("run", "--bogus", "--", "small.yaml").errorLine());
        // A misspelt one is named with the option meant, its value not taken for a second unknown option (picocli's
        // "Unknown options: '--duratoin', '5'").
        assertEquals("sim: unknown option '--duratoin', did you mean '--duration'? (see 'sim run --help')",
            CommandLineRun.of("run", "small.yaml", "--duratoin", "5").errorLine());
        assertEquals("sim: unknown option '--curent', did you mean '--current'? (see 'sim neuron --help')",
            CommandLineRun.of("neuron", "--curent=5").errorLine());
        // One dash for two, and the start of one option's name.
        assertEquals("sim: unknown option '-duration', did you mean '--duration'? (see 'sim run --help')",
            CommandLineRun.of("run", "small.yaml", "-duration", "5").errorLine());
        assertEquals("sim: unknown option '--dur', did you mean '--duration'? (see 'sim run --help')",
            CommandLineRun.of("run", "small.yaml", "--dur", "5").errorLine());
    }
}
