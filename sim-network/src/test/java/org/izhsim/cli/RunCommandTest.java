package org.izhsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCommandTest
{
    @TempDir
    Path tmp;

    @Test
    void writesEveryOutputAndTheyAgree() throws Exception
    {
        final Path out = tmp.resolve("small");
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--out", out.toString(), "--quiet");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("real-time factor"), run.out());
        try (Stream<Path> files = Files.list(out))
        {
            assertEquals(List.of(".izhsim-output", "config.yaml", "raster.png", "raster.svg", "rates.csv", "spike_ids.npy", "spike_times_ms.npy",
                "spikes.csv", "spikes.h5", "summary.json", "trace_input.npy", "trace_neurons.npy", "trace_times_ms.npy",
                "trace_v.npy", "traces.csv", "traces.png"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        final List<String> spikes = Files.readAllLines(out.resolve("spikes.csv"));
        assertEquals("t_ms,neuron,population", spikes.get(0));
        final int spikeCount = spikes.size() - 1;
        assertTrue(spikeCount > 100, "the noisy network fires: " + spikeCount);

        final String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"spikes\" : " + spikeCount + ","), summary);
        assertTrue(summary.contains("\"real_time_factor\" : "), summary);
        assertTrue(summary.contains("\"neurons\" : 200,"), summary);
        assertTrue(summary.contains("\"synapses\" : 10000,"), summary);
        assertTrue(summary.contains("\"p99\" : "), summary);

        final int[] ids = int32s(out.resolve("spike_ids.npy"));
        final double[] times = float64s(out.resolve("spike_times_ms.npy"));
        assertEquals(spikeCount, ids.length);
        assertEquals(spikeCount, times.length);
        for (int k = 0; k < spikeCount; k++)
        {
            final String[] row = spikes.get(k + 1).split(",");
            assertEquals(Double.parseDouble(row[0]), times[k]);
            assertEquals(Integer.parseInt(row[1]), ids[k]);
            assertEquals(ids[k] < 160 ? "exc" : "inh", row[2]);
        }

        final List<String> traces = Files.readAllLines(out.resolve("traces.csv"));
        assertEquals("t_ms,neuron,v,input", traces.get(0));
        assertEquals(1 + 300 * 2, traces.size(), "two traced neurons, 300 steps");
        assertTrue(traces.get(1).startsWith("0,0,") && traces.get(2).startsWith("0,170,"), traces.get(2));

        final List<String> rates = Files.readAllLines(out.resolve("rates.csv"));
        assertEquals("t_ms,exc_Hz,inh_Hz", rates.get(0));
        assertEquals(1 + 30, rates.size(), "300 ms in 10 ms bins");
    }

    /**
     * The summary's last line names the files to open first, each one written: the weight figure of a plastic
     * run among them (it named raster.png, spikes.csv, spikes.h5 and summary.json only, whatever the run wrote).
     */
    @Test
    void theLastLineNamesTheFilesToOpenFirstAmongThemThePlasticWeights() throws Exception
    {
        final Path plastic = tmp.resolve("plastic");
        final CommandLineRun spnet = CommandLineRun.of("run", Path.of("..", "configs", "spnet2006.yaml").toString(),
            "--duration", "200", "--out", plastic.toString(), "--quiet");
        assertEquals(0, spnet.exitCode(), spnet.err());
        assertEquals("  outputs: " + plastic + " (raster.png, weights.png, spikes.csv, spikes.h5, summary.json, ...)",
            lastLine(spnet.out()));

        final Path fixed = tmp.resolve("fixed");
        final CommandLineRun small = CommandLineRun.of("run", config().toString(), "--out", fixed.toString(), "--quiet");
        assertEquals(0, small.exitCode(), small.err());
        assertEquals("  outputs: " + fixed + " (raster.png, spikes.csv, spikes.h5, traces.csv, traces.png, summary.json, ...)",
            lastLine(small.out()));
        for (final Path dir : List.of(plastic, fixed))
        {
            final String line = lastLine(dir == plastic ? spnet.out() : small.out());
            for (final String file : line.substring(line.indexOf('(') + 1, line.indexOf(", ...")).split(", "))
            {
                assertTrue(Files.size(dir.resolve(file)) > 0, file);
            }
        }
    }

    private static String lastLine(final String text)
    {
        final List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void spikesAreIdenticalForOneAndTwoThreads() throws Exception
    {
        final Path one = tmp.resolve("one");
        final Path two = tmp.resolve("two");
        assertEquals(0, CommandLineRun.of("run", config().toString(), "--out", one.toString(), "--quiet", "--threads", "1").exitCode());
        assertEquals(0, CommandLineRun.of("run", config().toString(), "--out", two.toString(), "--quiet", "--threads", "2").exitCode());

        assertArrayEquals(Files.readAllBytes(one.resolve("spikes.csv")), Files.readAllBytes(two.resolve("spikes.csv")));
        assertArrayEquals(Files.readAllBytes(one.resolve("traces.csv")), Files.readAllBytes(two.resolve("traces.csv")));
    }

    @Test
    void configErrorIsOneLocatedLineWithExitCode2AndNoOutput() throws Exception
    {
        final Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(config()).replace("weight: \"-rand\"", "weigth: \"-rand\""));
        final Path out = tmp.resolve("out");

        final CommandLineRun run = CommandLineRun.of("run", bad.toString(), "--out", out.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.errorLine().matches("sim: " + java.util.regex.Pattern.quote(bad.toString()) +
            ":16:\\d+: unknown key 'weigth'.*did you mean 'weight'\\?"), run.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(tmp))
        {
            assertEquals(List.of(bad), files.toList(), "no temporary folder left behind");
        }
    }

    /**
     * A neuron parameter with a peak the grid of r misses (as the weight's above) was refused as its neurons were built
     * without the file's place.
     */
    @Test
    void aNeuronParameterRefusedAsItIsDrawnIsRefusedAtItsPopulation(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("pk.yaml");
        Files.writeString(file, "name: pk\nduration_ms: 1\npopulations:\n  exc: {size: 200000, params: {a: 0.02, " +
            "b: 0.2, c: -65, d: \"8 + 1e300*exp(-((r-0.50006103515625)*1e6)^2)\"}}\n");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.errorLine().startsWith("sim: " + file + ":4:15: parameter d of population 'exc' is Infinity " +
            "for its neuron "), run.errorLine());
    }

    /** A --set on a misspelt population added it: "missing required key 'params' in population 'exx'", no hint. */
    @Test
    void aSetThatAddsAMisspeltPopulationSaysSo() throws Exception
    {
        assertEquals("sim: --set populations.exx.size=1: missing required key 'params' in population 'exx'; the --set " +
            "added population 'exx', which the file lacks, did you mean 'exc'?", CommandLineRun.of("validate",
                Path.of("..", "configs", "cortex2003.yaml").toString(), "--set", "populations.exx.size=1").errorLine());
    }

    @Test
    void badOverridesAreNamed() throws Exception
    {
        assertEquals("sim: --threads must be a whole number >= 1 or auto (one per free core), got 'two'",
            CommandLineRun.of("run", config().toString(), "--threads", "two").errorLine());
        assertEquals("sim: --duration must be a finite number of ms > 0, got -1",
            CommandLineRun.of("run", config().toString(), "--duration", "-1").errorLine());
        assertEquals("sim: nothing.yaml: no such file",
            CommandLineRun.of("run", "nothing.yaml").errorLine());
    }

    /**
     * A weight expression with a peak too narrow for the check on 4097 values of r (validate passes it) is refused as
     * its synapses are drawn: the line named neither the file's place nor the --set it came from.
     */
    @Test
    void aWeightRefusedAsItIsDrawnIsRefusedAtItsPlace(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("peak.yaml");
        Files.writeString(file, "name: peak\nduration_ms: 10\npopulations:\n" +
            "  exc: {size: 200, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\nprojections:\n" +
            "  - {from: exc, to: exc, rule: all_to_all, weight: \"1e300*exp(-((rand-0.50006103515625)*1e7)^2)\"}\n");
        assertEquals(0, CommandLineRun.of("validate", file.toString()).exitCode(), "the r grid misses the peak");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.errorLine().startsWith("sim: " + file + ":6:52: the weight rule of projection 'exc->exc' gave "),
            run.errorLine());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void realtimeRunIsPacedToTheWallClockAndReportsDeadlines() throws Exception
    {
        final Path out = tmp.resolve("paced");
        final long start = System.nanoTime();
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--out", out.toString(), "--quiet",
            "--duration", "100", "--realtime", "--speed", "2", "--warmup", "0");
        final long wallNanos = System.nanoTime() - start;

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(wallNanos >= 50_000_000L, "100 ms at speed 2 cannot finish in under 50 ms: " + wallNanos);
        assertTrue(run.out().contains("paced at 2 x real time"), run.out());
        final String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"realtime\" : {"), summary);
        assertTrue(summary.contains("\"speed\" : 2.0"), summary);
        assertTrue(summary.contains("\"steps\" : 100,"), summary);
        assertTrue(summary.contains("\"missed_deadlines\" : "), summary);
        assertTrue(summary.contains("\"lateness_us\" : {"), summary);

        final Path free = tmp.resolve("free");
        assertEquals(0, CommandLineRun.of("run", config().toString(), "--out", free.toString(), "--quiet",
            "--duration", "100").exitCode());
        assertArrayEquals(Files.readAllBytes(free.resolve("spikes.csv")), Files.readAllBytes(out.resolve("spikes.csv")),
            "pacing changes when steps run, never what they compute");
        assertFalse(Files.readString(free.resolve("summary.json")).contains("realtime"));
    }

    @Test
    void warmupRunsACopyUntilTheJitSettlesAndLeavesTheSpikesAlone() throws Exception
    {
        final Path warm = tmp.resolve("warm");
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--out", warm.toString(),
            "--duration", "100", "--warmup", "50");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*warmed up the JIT on a copy: [0-9,]+ ms simulated in .*"), run.out());
        // Said before it begins too (sparse100k's 10 s warm-up under --realtime was silent until done).
        assertTrue(run.out().matches("(?s).*: warming up the JIT on a copy \\(at least [0-9,]+ ms of simulated time, then " +
            "until it settles\\) \\.\\.\\.\n.*warmed up the JIT on a copy: .*"), run.out());
        assertFalse(run.out().contains("a cold JVM"), run.out());
        assertTrue(Files.readString(warm.resolve("summary.json")).contains("\"jit_warmup_ms\" : 50,"));
        // The ms the copy ran, as the line says them (--realtime's 300 ms ran 97,200, which summary.json did not say).
        final java.util.regex.Matcher said = java.util.regex.Pattern.compile("warmed up the JIT on a copy: ([0-9,]+) ms")
            .matcher(run.out());
        assertTrue(said.find(), run.out());
        final String ran = said.group(1).replace(",", "");
        assertTrue(Long.parseLong(ran) >= 50, ran);
        assertTrue(Files.readString(warm.resolve("summary.json")).contains("\"jit_warmup_simulated_ms\" : " + ran + ","),
            Files.readString(warm.resolve("summary.json")));

        final Path cold = tmp.resolve("cold");
        final CommandLineRun coldRun = CommandLineRun.of("run", config().toString(), "--out", cold.toString(),
            "--duration", "100");
        assertTrue(coldRun.out().contains("(a cold JVM: these figures include JIT compilation"), coldRun.out());
        assertArrayEquals(Files.readAllBytes(cold.resolve("spikes.csv")), Files.readAllBytes(warm.resolve("spikes.csv")));
        assertEquals("sim: --warmup must be >= 0 ms, got -5",
            CommandLineRun.of("run", config().toString(), "--warmup", "-5").errorLine());
    }

    /**
     * --speed 1e-13 overflowed the pacer's nanosecond deadlines (a stack trace, exit 1), and 1e-4 left Ctrl-C
     * waiting 10 s for the step's deadline: speeds outside 0.001..1000 are refused.
     */
    @Test
    void speedNeedsRealtimeAndAValueFromAThousandthToAThousand() throws Exception
    {
        assertEquals("sim: --speed paces a run to the wall clock and needs --realtime",
            CommandLineRun.of("run", config().toString(), "--speed", "2").errorLine());
        for (final String bad : new String[] {"0", "-1", "1e-13", "0.0009", "1000.5", "1e308", "1e999"})
        {
            final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--realtime", "--speed", bad);
            assertEquals(2, run.exitCode(), run.err());
            assertEquals("sim: --speed must be between 0.001 (1 ms simulated per second) and 1000 (1 = real time), " +
                "got " + Double.parseDouble(bad), run.errorLine());
        }
        assertEquals(2, CommandLineRun.of("run", config().toString(), "--realtime", "--speed", "fast").exitCode());
        assertEquals(2, CommandLineRun.of("run", config().toString(), "--realtime", "--speed", "NaN").exitCode());
    }

    /** A paced run takes no snapshots between the first and last weights: weights_every_ms was dropped without a word. */
    @Test
    void aPacedPlasticRunSaysItsWeightSnapshotsAreNotTaken() throws Exception
    {
        final CommandLineRun run = CommandLineRun.of("run", Path.of("..", "configs", "spnet2006.yaml").toString(),
            "--out", tmp.resolve("paced").toString(), "--quiet", "--duration", "20", "--realtime", "--speed", "1000",
            "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("sim: warning: --realtime keeps only the initial and final weights: " +
            "record.weights_every_ms 10000 is not used (a paced run is not cut into parts)"), run.err());
    }

    @Test
    void validateDescribesAGoodFileAndLocatesABadOne() throws Exception
    {
        final CommandLineRun good = CommandLineRun.of("validate", config().toString());
        assertEquals(0, good.exitCode(), good.err());
        assertTrue(good.out().contains("valid experiment 'small': 200 neurons"), good.out());

        final Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(config()).replace("delay_ms: 1}", "delay_ms: -1}"));
        final CommandLineRun invalid = CommandLineRun.of("validate", bad.toString());
        assertEquals(2, invalid.exitCode());
        assertTrue(invalid.errorLine().startsWith("sim: " + bad + ":16:"), invalid.err());
        assertTrue(invalid.errorLine().contains("delay_ms"), invalid.err());
    }

    /** More worker threads than the JVM's cores: the run goes on, with one line on stderr saying so and why. */
    @Test
    void moreThreadsThanCoresRunWithAWarningNamingBoth() throws Exception
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        final int threads = cores + 1;
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("over").toString(),
            "--quiet", "--duration", "50", "--threads", Integer.toString(threads));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(RunCommand.oversubscription(threads, cores, null)), run.warnings());
        assertEquals(run.warnings().get(0) + "\n", run.err(), "the warning alone");
        assertTrue(run.warnings().get(0).startsWith("sim: warning: " + threads + " worker threads but this machine lets "
            + "the JVM use " + cores + " core"), run.err());

        final CommandLineRun fits = CommandLineRun.of("run", config().toString(), "--out", tmp.resolve("fits").toString(),
            "--quiet", "--duration", "50", "--threads", "1");
        assertEquals(0, fits.exitCode(), fits.err());
        assertEquals("", fits.err());
    }

    @Test
    void anOversubscribedRankIsToldHowToGiveItCores()
    {
        assertEquals(null, RunCommand.oversubscription(2, 2, "rank 0 of 2"));
        assertEquals("sim: warning: 2 worker threads but the launcher lets rank 0 of 2 use 1 core: each step waits for "
            + "every thread, so this runs slower than with 1; give each rank as many cores as threads (mpirun --map-by "
            + "slot:PE=2, or --bind-to none; srun --cpus-per-task=2) or use --threads 1",
            RunCommand.oversubscription(2, 1, "rank 0 of 2"));
    }

    /**
     * Population names may hold capitals (E, I, L23_exc: docs/config.md allows letters, digits and _), and validate took
     * them; the run then failed after simulating, on summary.json's "not snake_case" key, and wrote nothing.
     */
    @Test
    void populationNamesWithCapitalsAreWrittenToTheSummary() throws Exception
    {
        final String yaml = Files.readString(config()).replace("  exc:", "  E:").replace("  inh:", "  L23_Inh:")
            .replace("from: exc", "from: E").replace("from: inh", "from: L23_Inh").replace("[exc, inh]", "[E, L23_Inh]");
        final Path file = tmp.resolve("capitals.yaml");
        Files.writeString(file, yaml);
        final Path out = tmp.resolve("capitals");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        final String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"E\" : {") && summary.contains("\"L23_Inh\" : {"), summary);
        assertTrue(Files.readString(out.resolve("spikes.csv")).contains(",L23_Inh\n"));
    }

    private static Path config() throws URISyntaxException
    {
        return Path.of(RunCommandTest.class.getResource("/cli/small.yaml").toURI());
    }

    private static ByteBuffer npyData(final Path file) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        final int headerLength = bytes.getShort(8) & 0xFFFF;
        bytes.position(10 + headerLength);
        return bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int[] int32s(final Path file) throws IOException
    {
        final ByteBuffer data = npyData(file);
        final int[] values = new int[data.remaining() / 4];
        data.asIntBuffer().get(values);
        return values;
    }

    private static double[] float64s(final Path file) throws IOException
    {
        final ByteBuffer data = npyData(file);
        final double[] values = new double[data.remaining() / 8];
        data.asDoubleBuffer().get(values);
        return values;
    }
}
