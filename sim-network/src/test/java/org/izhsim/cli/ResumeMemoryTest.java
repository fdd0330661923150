package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume reads the checkpoint's state into arrays of its own beside the built network (to check it whole before
 * applying any of it), which the memory check left out: a --resume at the heap the check advised for the run ran out
 * of heap (exit 1). 4000 neurons with delays up to 1000 ms deliver through a 16 MB arrival ring, which the
 * checkpoint holds.
 */
class ResumeMemoryTest
{
    private static final Pattern ADVICE = Pattern.compile("SIM_JAVA_OPTS='(-Xmx(\\d+)m -Xmn64m -XX:\\+UseParallelGC)'");

    @TempDir
    Path tmp;

    @Test
    @Timeout(240)
    void theMemoryCheckCountsTheCheckpointAResumeReads() throws Exception
    {
        final Path config = Files.writeString(tmp.resolve("ring.yaml"), "name: ring\nduration_ms: 20\nthreads: 1\n" +
            "populations:\n  exc: {size: 4000, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {noise_sd: 5}}\n" +
            "projections:\n  - {from: exc, to: exc, rule: fixed_outdegree, k: 5, weight: 0.5, " +
            "delay_ms: {distribution: uniform_int, low: 1, high: 1000}}\n");
        final Path state = tmp.resolve("ring.state");
        final CommandLineRun saved = CommandLineRun.of("run", config.toString(), "--out", tmp.resolve("a").toString(),
            "--save-state", state.toString(), "--quiet");
        assertEquals(0, saved.exitCode(), saved.err());
        final long stateMib = Files.size(state) >> 20;
        assertTrue(stateMib >= 15, Files.size(state) + " bytes");

        final CommandLineRun plain = sim("-Xmx32m", "run", config.toString(), "--out", tmp.resolve("b").toString());
        final CommandLineRun resumed = sim("-Xmx32m", "run", config.toString(), "--out", tmp.resolve("c").toString(),
            "--resume", state.toString(), "--duration", "30");
        assertEquals(2, plain.exitCode(), plain.err());
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertTrue(resumed.errorLine().contains(" MB while the --resume checkpoint is read"), resumed.err());
        final int plainMib = advisedMib(plain);
        final int resumedMib = advisedMib(resumed);
        assertTrue(resumedMib - plainMib >= stateMib, plainMib + " MiB advised for the run, " + resumedMib +
            " for its resume of a " + stateMib + " MiB checkpoint");

        final Matcher advice = ADVICE.matcher(resumed.err());
        assertTrue(advice.find());
        final List<String> options = new ArrayList<>(List.of(advice.group(1).split(" ")));
        final CommandLineRun atAdvice = sim(options.get(0), "run", config.toString(), "--out",
            tmp.resolve("d").toString(), "--resume", state.toString(), "--duration", "30", "--quiet");
        assertEquals(0, atAdvice.exitCode(), advice.group(1) + ": " + atAdvice.err());
    }

    private static int advisedMib(final CommandLineRun refused)
    {
        final Matcher advice = ADVICE.matcher(refused.err());
        assertTrue(advice.find(), refused.err());
        return Integer.parseInt(advice.group(2));
    }

    /** {@code sim} in a JVM of the launcher's collector options and this heap. */
    private CommandLineRun sim(final String xmx, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", xmx,
            "-Xmn64m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), "org.izhsim.cli.Main"));
        command.addAll(List.of(args));
        return CommandLineRun.of(new ProcessBuilder(command).directory(tmp.toFile()).start());
    }
}
