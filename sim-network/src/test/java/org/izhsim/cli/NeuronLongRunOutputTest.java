package org.izhsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sim neuron} of a run the trace check accepts, in a small heap, spiking at every step (a current of 1e30
 * clips v to the cutoff each step): the spike list is printed without first being built as one string. Built in
 * memory, the --json text of 880,001 spike times ran out of a 64 MB heap after the run (exit 1, a stack trace); on a
 * large heap the text list of a long enough run exceeds what one String can hold.
 */
class NeuronLongRunOutputTest
{
    @TempDir
    Path tmp;

    private Result neuron(final String... args) throws IOException, InterruptedException
    {
        return neuronWithHeap("-Xmx64m", args);
    }

    private Result neuronWithHeap(final String heap, final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
            "-cp", System.getProperty("java.class.path"), Main.class.getName(), "neuron"));
        command.addAll(List.of(args));
        final Path out = tmp.resolve("stdout");
        final Path err = tmp.resolve("stderr");
        final Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
            .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "sim neuron did not end within 2 minutes");
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err)
    {
    }

    @Test
    void jsonOfSpikesAtEveryStepOfALongRunIsStreamedNotBuiltInMemory() throws Exception
    {
        final Result run = neuron("--duration", "2.2e5", "--current", "1e30", "--json");

        assertEquals(0, run.exitCode(), run.err());
        // Spiking at every step is what these runs are for: the one line on stderr says so.
        assertTrue(run.err().startsWith("sim: warning: the neuron fired in every step for ") &&
            run.err().strip().lines().count() == 1, run.err());
        assertTrue(run.out().startsWith("{\"preset\":\"RS\""), run.out().substring(0, 100));
        assertTrue(run.out().endsWith(",220000.0],\"spike_count\":880001,\"first_spike_ms\":0.0," +
            "\"mean_rate_hz\":4000.0,\"mean_rate_spike_count\":880000}\n"), run.out().substring(run.out().length() - 200));
    }

    @Test
    void theTextSummaryOfALongRunListsItsFirstHundredSpikeTimes() throws Exception
    {
        // At dt = 0.1 most times print with 16 or more digits (89999.20000000001): 900,001 of them made one line of
        // megabytes on a terminal.
        final Result run = neuron("--dt", "0.1", "--duration", "9e4", "--current", "1e30");

        assertEquals(0, run.exitCode(), run.err());
        // Spiking at every step is what these runs are for: the one line on stderr says so.
        assertTrue(run.err().startsWith("sim: warning: the neuron fired in every step for ") &&
            run.err().strip().lines().count() == 1, run.err());
        final List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), "name, settings, count, spike times");
        assertTrue(lines.get(2).startsWith("  900001 spikes"), lines.get(2));
        assertTrue(lines.get(3).startsWith("  spike times (ms): 0 0.1 0.2 ") &&
            lines.get(3).endsWith(" 9.8 9.9 ... (900,001 in all; --json or --out lists them all)"), lines.get(3));
    }

    @Test
    void theFigureOfALongRunSpikingAtEveryStepFitsBesideItsTrace() throws Exception
    {
        // 2,000,001 steps: 61 MiB of trace, just under half of a 128 MB heap. The figure's three arrays of 8 bytes a
        // spike (peak times, v and u) did not fit beside it: OutOfMemoryError, exit 1, after the run.
        final Result run = neuronWithHeap("-Xmx128m", "--duration", "5e5", "--current", "1e30", "--json",
            "--out", tmp.resolve("long").toString());

        assertEquals(0, run.exitCode(), run.err());
        // Spiking at every step is what these runs are for: the one line on stderr says so.
        assertTrue(run.err().startsWith("sim: warning: the neuron fired in every step for ") &&
            run.err().strip().lines().count() == 1, run.err());
        assertTrue(run.out().contains("\"spike_count\":2000001,"), run.out().substring(run.out().length() - 100));
        assertTrue(Files.size(tmp.resolve("long/neuron.svg")) < 8_000_000, "bounded SVG");
    }
}
