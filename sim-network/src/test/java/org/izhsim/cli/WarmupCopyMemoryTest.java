package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JIT warm-up's copy (--realtime, --warmup N) is built, run and dropped before the network is built, as sim
 * bench does: it was built beside the network, so the memory check asked for twice the network, and a heap on which
 * sim validate accepted the network refused sim run --realtime ("twice (the warm-up copy)").
 */
class WarmupCopyMemoryTest
{
    private static final String CONFIG = String.join("\n",
        "name: big",
        "duration_ms: 20",
        "threads: 1",
        "populations:",
        "  exc: {size: 16000, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {noise_sd: 5}}",
        "  inh: {size: 4000, params: {a: 0.1, b: 0.2, c: -65, d: 2}, input: {noise_sd: 2}}",
        "projections:",
        "  - {from: exc, to: [exc, inh], rule: fixed_outdegree, k: 1000, weight: 0.1, delay_ms: {distribution: " +
            "uniform_int, low: 1, high: 20}}",
        "  - {from: inh, to: [exc, inh], rule: fixed_outdegree, k: 1000, weight: -0.5}",
        "");

    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void aHeapThatHoldsTheNetworkOnceRunsItWithTheWarmupAndTheSameSpikes() throws IOException, InterruptedException
    {
        final Path config = Files.writeString(tmp.resolve("big.yaml"), CONFIG);
        // The heap validate names for the network (once): 120 MB of synapses, twice would not fit it.
        final Run refused = run(64, "validate", config.toString());
        final Matcher advice = Pattern.compile("-Xmx(\\d+)m -Xmn64m").matcher(refused.err());
        assertTrue(advice.find(), refused.err());
        final int heapMb = Integer.parseInt(advice.group(1));
        assertTrue(heapMb < 240, refused.err());
        assertEquals(0, run(heapMb, "validate", config.toString()).exit());

        final Run warm = run(heapMb, "run", config.toString(), "--realtime", "--out", tmp.resolve("warm").toString(),
            "--no-figures");
        assertEquals(0, warm.exit(), "-Xmx" + heapMb + "m: " + warm.err());
        assertFalse(warm.err().contains("OutOfMemoryError"), warm.err());
        assertTrue(warm.out().contains("warmed up the JIT on a copy"), warm.out());
        assertFalse(warm.out().contains("twice"), warm.out());
        final Run cold = run(heapMb, "run", config.toString(), "--warmup", "0", "--out", tmp.resolve("cold").toString(),
            "--no-figures");
        assertEquals(0, cold.exit(), cold.err());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("cold").resolve("spikes.csv")),
            Files.readAllBytes(tmp.resolve("warm").resolve("spikes.csv")), "the copy leaves the run's spikes alone");
    }

    private record Run(int exit, String out, String err)
    {
    }

    private static Run run(final int heapMb, final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heapMb + "m", "-Xmn64m",
            "-XX:+UseParallelGC", "-Xlog:disable", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "org.izhsim.cli.Main"));
        command.addAll(List.of(args));
        final Path out = Files.createTempFile("warmup-copy", ".out");
        try
        {
            final Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).start();
            final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the run ends");
            return new Run(process.exitValue(), Files.readString(out), err);
        }
        finally
        {
            Files.deleteIfExists(out);
        }
    }
}
