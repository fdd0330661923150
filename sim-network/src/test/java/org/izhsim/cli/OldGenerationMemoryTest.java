package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network whose synapses sit in one large block (30 million in one thread's block) must fit the parallel
 * collector's old generation, the heap less -Xmn: estimated at 190 MB, it was accepted under -Xmx213m -Xmn64m and
 * ran out of heap while it was built, 3 runs of 3 (it needs 230-240 MB). Refused now naming the old generation and
 * the heap to give; that heap runs it.
 */
class OldGenerationMemoryTest
{
    private static final String CONFIG = String.join("\n",
        "name: oneblock",
        "duration_ms: 20",
        "threads: 1",
        "populations:",
        "  exc: {size: 24000, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {noise_sd: 5}}",
        "  inh: {size: 6000, params: {a: 0.1, b: 0.2, c: -65, d: 2}, input: {noise_sd: 2}}",
        "projections:",
        "  - {from: exc, to: [exc, inh], rule: fixed_outdegree, k: 1000, weight: {distribution: uniform, low: 0, " +
            "high: 0.5}, delay_ms: {distribution: uniform_int, low: 1, high: 20}}",
        "  - {from: inh, to: [exc, inh], rule: fixed_outdegree, k: 1000, weight: {distribution: uniform, low: -1, " +
            "high: 0}}",
        "");

    @TempDir
    Path tmp;

    @Test
    @Timeout(240)
    void aNetworkThatDoesNotFitTheOldGenerationIsRefusedAndTheHeapItNamesRunsIt() throws IOException,
        InterruptedException
    {
        final Path config = Files.writeString(tmp.resolve("oneblock.yaml"), CONFIG);
        final Run refused = run(config, 213, tmp.resolve("refused"));
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().startsWith("sim: " + config + ": oneblock needs about ") &&
            refused.err().contains("this JVM's old generation may still hold"), refused.err());
        assertFalse(Files.exists(tmp.resolve("refused")), "a refused run writes nothing");
        final Matcher advice = Pattern.compile("-Xmx(\\d+)m -Xmn64m").matcher(refused.err());
        assertTrue(advice.find(), refused.err());
        final int heapMb = Integer.parseInt(advice.group(1));
        assertTrue(heapMb > 213 && heapMb < 300, refused.err());
        final Run ran = run(config, heapMb, tmp.resolve("ran"));
        assertFalse(ran.err().contains("OutOfMemoryError"), ran.err());
        assertEquals(0, ran.exit(), "-Xmx" + heapMb + "m: " + ran.err());
        assertTrue(Files.exists(tmp.resolve("ran").resolve("summary.json")));
    }

    private record Run(int exit, String err)
    {
    }

    private static Run run(final Path config, final int heapMb, final Path out) throws IOException,
        InterruptedException
    {
        final Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heapMb + "m", "-Xmn64m",
            "-XX:+UseParallelGC", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "org.izhsim.cli.Main", "run", config.toString(),
            "--out", out.toString(), "--quiet")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the run ends");
        return new Run(process.exitValue(), err);
    }
}
