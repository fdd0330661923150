package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --set KEY=VALUE} on the command line: run and validate read the same overridden experiment, a sweep needs
 * no edited copies, and a bad value is one line naming the override, exit 2, nothing written.
 */
class SetOptionTest
{
    @TempDir
    Path tmp;

    private static String config() throws Exception
    {
        return Path.of(SetOptionTest.class.getResource("/cli/small.yaml").toURI()).toString();
    }

    @Test
    void runAndValidateReadTheOverriddenValues() throws Exception
    {
        final String[] sets = {"--set", "populations.exc.size=140", "--set", "projections.#2.weight=-0.5*rand"};
        final CommandLineRun validate = CommandLineRun.of(concat(new String[] {"validate", config()}, sets));
        assertEquals(0, validate.exitCode(), validate.err());
        assertTrue(validate.out().contains("180 neurons"), validate.out());
        final Path out = tmp.resolve("o");
        final CommandLineRun run = CommandLineRun.of(concat(new String[] {"run", config(), "--quiet", "--duration",
            "50", "--out", out.toString()}, sets));
        assertEquals(0, run.exitCode(), run.err());
        final String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"neurons\" : 180"), summary);
    }

    @Test
    void aBadValueIsOneLineNamingTheOverrideAndWritesNothing() throws Exception
    {
        final Path out = tmp.resolve("o");
        final CommandLineRun run = CommandLineRun.of("run", config(), "--out", out.toString(), "--set",
            "populations.inh.size=0");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sim: --set populations.inh.size=0: 'size' must be > 0 in population 'inh', got 0",
            run.errorLine());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    /**
     * A check that spans several keys, one of them overridden, is located in the file: the line names the overrides in
     * effect (it pointed at a line the user had not changed, without a word of the --set).
     */
    @Test
    void aRefusalLocatedInTheFileNamesTheOverridesInEffect() throws Exception
    {
        final CommandLineRun run = CommandLineRun.of("validate", config(), "--set", "projections.#1.rule=all_to_all",
            "--set", "projections.#1.to=[exc, exc]");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.errorLine().startsWith("sim: " + config() + ":"), run.errorLine());
        assertTrue(run.errorLine().endsWith(" (in the file as changed by --set projections.#1.rule=all_to_all, --set " +
            "projections.#1.to=[exc, exc])"), run.errorLine());
    }

    private static String[] concat(final String[] a, final String[] b)
    {
        final String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
