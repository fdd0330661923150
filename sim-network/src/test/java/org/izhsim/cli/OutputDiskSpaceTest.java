package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.build.DiskEstimate;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.service.DiskCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outputs whose size the plan fixes (weight snapshots, final weights, traces) are estimated exactly, and a run
 * whose outputs cannot fit on the output folder's disk is refused before anything is built or written: a snapshot
 * every ms of spnet2006 for an hour filled a 76 GB disk and then failed with nothing written.
 */
class OutputDiskSpaceTest
{
    @TempDir
    Path tmp;

    /** spnet2006 with snapshots every {@code everyMs} and traces of two neurons (v and u). */
    private Path spnet(final int everyMs) throws IOException
    {
        final String yaml = Files.readString(Path.of("../configs/spnet2006.yaml"))
            .replace("weights_every_ms: 10000", "weights_every_ms: " + everyMs + "\n  traces: {neurons: [3, 900], " +
                "variables: [v, u]}");
        assertTrue(yaml.contains("weights_every_ms: " + everyMs), "the shipped config snapshots its weights");
        final Path config = tmp.resolve("spnet.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    /** The number of the first line of {@code file} that contains {@code text}. */
    private static int lineOf(final Path file, final String text) throws IOException
    {
        final List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).contains(text))
            {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    /** {@code sim run config --duration ms --out out --quiet}, in this JVM. */
    private static CommandLineRun run(final Path config, final String ms, final Path out)
    {
        return CommandLineRun.of("run", config.toString(), "--duration", ms, "--out", out.toString(), "--quiet");
    }

    /** The tests' small.yaml, copied into this test's folder. */
    private Path smallYaml() throws IOException, URISyntaxException
    {
        final Path config = tmp.resolve("small.yaml");
        Files.copy(Path.of(OutputDiskSpaceTest.class.getResource("/cli/small.yaml").toURI()), config);
        return config;
    }

    private static long size(final Path file) throws IOException
    {
        return Files.size(file);
    }

    @Test
    void theEstimateIsTheSizeOfTheWeightFilesAndBoundsTheTraces() throws IOException
    {
        final Path config = spnet(100);
        final Path out = tmp.resolve("out");
        // 350 ms: snapshots at 0, 100, 200, 300 and the end.
        final CommandLineRun run = run(config, "350", out);
        assertEquals(0, run.exitCode(), run.err());

        final ExperimentConfig loaded = ExperimentLoader.load(config).withDurationMs(350);
        final NetworkPlan plan = NetworkAssembler.plan(loaded);
        final DiskEstimate estimate = DiskEstimate.of(plan, loaded.steps(), 2);
        assertEquals(5, estimate.snapshots());
        assertEquals(5, (size(out.resolve("weight_snapshot_times_ms.npy")) - 128) / 8, "snapshots written");
        // The spill file the run appends to holds the same weights as weight_snapshots.npy without its header.
        assertEquals(2 * size(out.resolve("weight_snapshots.npy")), estimate.snapshotBytes());
        assertEquals(size(out.resolve("weights.npy")) + size(out.resolve("synapse_sources.npy")) +
            size(out.resolve("synapse_targets.npy")) + size(out.resolve("synapse_delays_ms.npy")) +
            size(out.resolve("synapse_projections.npy")), estimate.weightBytes());
        final long traces = size(out.resolve("traces.csv"));
        assertTrue(traces <= estimate.traceBytes() && traces > estimate.traceBytes() / 4,
            traces + " bytes of traces.csv against an estimate of " + estimate.traceBytes());
    }

    @Test
    void snapshotsThatCannotFitOnTheDiskAreRefusedBeforeAnythingIsWritten() throws IOException
    {
        final Path config = spnet(1);
        final Path out = tmp.resolve("out");
        // 2 x 2e9 snapshots x 80,000 weights x 4 bytes: 1.3 PB, more than any disk this test runs on.
        final CommandLineRun run = run(config, "2000000000", out);
        assertEquals(2, run.exitCode(), run.err());
        final String line = run.errorLine();
        assertTrue(line.startsWith("sim: " + config + ":" + lineOf(config, "weights_every_ms") + ":"), line);
        assertTrue(line.contains("2,000,000,001 weight snapshots"), line);
        // Their peak need, and what the file will take (the peak read as the files' size: 992 MB for 496 MB).
        assertTrue(line.matches(".*2,000,000,001 weight snapshots 1\\.3 PB, 640\\.0 TB in the end and as much again " +
            "until then in a temporary file,.*"), line);
        assertTrue(line.contains("free on the disk of " + out), line);
        try (Stream<Path> left = Files.list(tmp))
        {
            assertEquals(List.of(config), left.toList(), "nothing written: no output folder, no staging folder");
        }
    }

    /** Bytes of the regular files under {@code folder}, 0 once it is gone. */
    private static long bytesUnder(final Path folder)
    {
        try (Stream<Path> files = Files.walk(folder))
        {
            return files.filter(Files::isRegularFile).mapToLong(f ->
            {
                try
                {
                    return Files.size(f);
                }
                catch (final IOException gone)
                {
                    return 0;
                }
            }).sum();
        }
        catch (final IOException | java.io.UncheckedIOException gone)
        {
            return 0;
        }
    }

    @Test
    void aRunWhoseSpikesFillTheDiskStopsWhileItsOutputsStillFit() throws IOException, URISyntaxException
    {
        // small.yaml without its traces: spikes are then the outputs that grow (about 900 per simulated second).
        final Path config = tmp.resolve("small.yaml");
        Files.writeString(config, Files.readString(Path.of(OutputDiskSpaceTest.class.getResource("/cli/small.yaml")
            .toURI())).replaceAll("(?m)^  traces: .*\\n", ""));
        assertTrue(!Files.readString(config).contains("traces"), "no traces");
        final Path out = tmp.resolve("out");
        // A disk of 40 MB that this folder alone fills: the guard's fixed part (8 MB of figures and the like, two
        // buffers of 65,536 spikes) leaves about 21 MB for spikes, some 290,000 of them.
        final long disk = 40_000_000L;
        RunCommand.usableSpace = folder -> disk - bytesUnder(tmp);
        final CommandLineRun run;
        try
        {
            // One thread (threads: auto for 200 neurons), so two buffers.
            run = run(config, "1000000", out);
        }
        finally
        {
            RunCommand.usableSpace = DiskCheck::usableSpace;
        }
        assertEquals(1, run.exitCode(), run.err());
        final java.util.regex.Matcher stopped = java.util.regex.Pattern.compile(
            "sim: stopped at t = (\\d+) ms: the disk of the outputs had .* free, less than the outputs of the run so " +
            "far need \\(about .*\\); wrote " + java.util.regex.Pattern.quote(out.toString())).matcher(run.errorLine());
        assertTrue(stopped.matches(), run.errorLine());
        final long stoppedAt = Long.parseLong(stopped.group(1));
        assertTrue(stoppedAt > 0 && stoppedAt < 1_000_000, run.errorLine());
        final String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"status\" : \"stopped\"") && summary.contains("\"stopped_at_ms\" : " + stoppedAt),
            summary);
        assertTrue(Files.size(out.resolve("spikes.csv")) > 1_000_000, "the spikes up to the stop are written");
        assertTrue(bytesUnder(out) <= disk, bytesUnder(out) + " bytes of outputs on a disk of " + disk);
    }

    /**
     * A spike's bytes are the plan's: spikes.csv repeats the population's name on every line, and a fixed 80 bytes
     * let 200-character names (210 bytes a line) fill a disk the guard watched; short names take less than 80.
     */
    @Test
    void aSpikesBytesGrowWithThePopulationsNames() throws IOException, URISyntaxException
    {
        final String yaml = Files.readString(Path.of(OutputDiskSpaceTest.class.getResource("/cli/small.yaml").toURI()));
        final ExperimentConfig shortNames = ExperimentLoader.parse(yaml, "small.yaml");
        final DiskEstimate plain = DiskEstimate.of(NetworkAssembler.plan(shortNames), shortNames.steps(), 0);
        assertTrue(plain.bytesPerSpike() < 70, "short names: " + plain.bytesPerSpike());
        final String name = "p".repeat(200);
        final ExperimentConfig longNames = ExperimentLoader.parse(yaml.replaceAll("\\bexc\\b", name), "small.yaml");
        final DiskEstimate named = DiskEstimate.of(NetworkAssembler.plan(longNames), longNames.steps(), 0);
        assertTrue(named.bytesPerSpike() >= plain.bytesPerSpike() + 197 && named.bytesPerSpike() >= 210,
            "200-character names: " + named.bytesPerSpike());
    }

    /** The held spikes of 2 threads outweighing the rest, the advice was rates.csv's bins (10 kB) and --duration. */
    @Test
    void spikesHeldByManyThreadsAreAdvisedFewerThreads() throws IOException, URISyntaxException
    {
        final Path config = smallYaml();
        final ExperimentConfig loaded = ExperimentLoader.load(config).withThreads(java.util.OptionalInt.of(2))
            .withDurationMs(100_000);
        final NetworkPlan plan = NetworkAssembler.plan(loaded);
        final DiskEstimate estimate = DiskEstimate.of(plan, loaded.steps(), 0, 1, 1);
        final long held = 3L * org.izhsim.network.record.SpikeRecorder.STREAMED_BUFFER_SPIKES;
        final InputException refused = assertThrows(InputException.class, () -> DiskCheck.require(loaded.name(), plan,
            estimate, loaded.durationMs(), tmp, p -> estimate.total() + estimate.spikeBytes(held) / 2, held));
        assertTrue(refused.getMessage().contains("run fewer threads (--threads: each may hold 65,536 spikes"),
            refused.getMessage());
    }

    @Test
    void tracesThatCannotFitAreRefusedAtTheFirstTracedNeuron() throws IOException, URISyntaxException
    {
        final Path config = smallYaml();
        final ExperimentConfig loaded = ExperimentLoader.load(config);
        final NetworkPlan plan = NetworkAssembler.plan(loaded);
        final DiskEstimate estimate = DiskEstimate.of(plan, loaded.steps(), 2);
        assertEquals(0, estimate.snapshotBytes());
        // Two neurons (0 and 170), 300 steps, two values: at most 300 x 2 x (10 + 3 + 4 + 2 x 14) bytes: 10 digits of
        // time (an int of steps), 170's three and the separators (19 digits each were counted: 42 bytes); and the .npy
        // arrays: 300 x 2 x 2 float32 values, 300 float64 times, two int32 ids, four headers.
        assertEquals(300 * 2 * (10 + 3 + 4 + 2 * 14) + 300 * 2 * 2 * 4 + 300 * 8 + 2 * 4 + 4 * 128,
            estimate.traceBytes());
        DiskCheck.require(loaded.name(), plan, estimate, loaded.durationMs(), tmp, p -> estimate.total(), 0);
        final InputException refused = assertThrows(InputException.class, () ->
            DiskCheck.require(loaded.name(), plan, estimate, loaded.durationMs(), tmp, p -> estimate.total() - 1, 0));
        assertTrue(refused.getMessage().startsWith(config + ":" + lineOf(config, "traces:") + ":"), refused.getMessage());
        assertTrue(refused.getMessage().contains("trace fewer neurons"), refused.getMessage());
    }

    /**
     * record.connections: the files counted, at the longest a line can be (at least what is written), and a disk
     * they do not fit advised to leave them out (the refusal suggested nothing for 26 of cortex2003's 28 MB).
     */
    @Test
    void connectionsFilesAreCountedAndAdvisedAgainstOnASmallDisk() throws IOException, URISyntaxException
    {
        final Path config = smallYaml();
        // Without traces, whose estimate would outweigh the connections files'.
        final ExperimentConfig loaded = ExperimentLoader.load(config, java.util.List.of(ExperimentLoader.unset(
            "record.traces"), "record.connections=true"));
        final NetworkPlan plan = NetworkAssembler.plan(loaded);
        final DiskEstimate estimate = org.izhsim.service.ExperimentRuns.diskEstimate(loaded, plan);
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--set", "record.connections=true",
            "--out", out.toString(), "--quiet", "--duration", "20");
        assertEquals(0, run.exitCode(), run.err());
        final long written = Files.size(out.resolve("connections_1.csv")) + Files.size(out.resolve("connections_2.csv"));
        assertTrue(estimate.connectionBytes() >= written && estimate.connectionBytes() < 3 * written,
            estimate.connectionBytes() + " counted for " + written + " written");
        final InputException refused = assertThrows(InputException.class, () -> DiskCheck.require(loaded.name(), plan,
            estimate, loaded.durationMs(), tmp, p -> estimate.total() - 1, 0));
        assertTrue(refused.getMessage().contains("leave out the connections files (record: connections)"),
            refused.getMessage());
        // Constant weights counted at their own text (spnet2006's 6.0 and -5.0 were counted at 15 characters, its files
        // at twice their size).
        final ExperimentConfig spnet = ExperimentLoader.load(Path.of("..", "configs", "spnet2006.yaml"),
            java.util.List.of("record.connections=true"));
        final DiskEstimate constant = org.izhsim.service.ExperimentRuns.diskEstimate(spnet,
            NetworkAssembler.plan(spnet));
        final Path spnetOut = tmp.resolve("spnet");
        final CommandLineRun spnetRun = CommandLineRun.of("run", "../configs/spnet2006.yaml", "--set",
            "record.connections=true", "--out", spnetOut.toString(), "--quiet", "--duration", "10", "--no-figures");
        assertEquals(0, spnetRun.exitCode(), spnetRun.err());
        final long spnetWritten = Files.size(spnetOut.resolve("connections_1.csv")) +
            Files.size(spnetOut.resolve("connections_2.csv"));
        assertTrue(constant.connectionBytes() >= spnetWritten && constant.connectionBytes() < 1.5 * spnetWritten,
            constant.connectionBytes() + " counted for " + spnetWritten + " written");
    }

    /**
     * rates.csv and the figures were left out of the estimate: a 900 s run of 30 populations (rates.csv 58 MB) on a
     * disk of 40 MB simulated to its end and lost everything to the full disk. They are bounded now, and counted by
     * the check before the run as by the guard during it (with the spikes the workers may hold).
     */
    @Test
    void ratesCsvAndTheFiguresAreBoundedAndCounted() throws IOException, URISyntaxException
    {
        final Path config = smallYaml();
        final Path out = tmp.resolve("out");
        final CommandLineRun run = run(config, "3000", out);
        assertEquals(0, run.exitCode(), run.err());
        final ExperimentConfig loaded = ExperimentLoader.load(config).withDurationMs(3000);
        final NetworkPlan plan = NetworkAssembler.plan(loaded);
        final DiskEstimate estimate = org.izhsim.service.ExperimentRuns.diskEstimate(loaded, plan);
        // rates.csv: its "0"s, and at most rateBytesPerSpike more per spike.
        final long rates = size(out.resolve("rates.csv"));
        final long spikes = Files.readAllLines(out.resolve("spikes.csv")).size() - 1;
        assertTrue(rates >= estimate.rateBytes() && rates <= estimate.rateBytes() + spikes * estimate.rateBytesPerSpike(),
            rates + " bytes of rates.csv against " + estimate.rateBytes() + " and " + estimate.rateBytesPerSpike() +
            " per spike for " + spikes + " spikes");
        long figures = 0;
        try (Stream<Path> files = Files.list(out))
        {
            for (final Path file : files.toList())
            {
                final String name = file.getFileName().toString();
                figures += name.endsWith(".svg") || name.endsWith(".png") || name.endsWith(".json") ? size(file) : 0;
            }
        }
        assertTrue(figures <= estimate.figureBytes(), figures + " bytes of figures and summary");
        final long heldSpikes = Math.min(estimate.maxSpikes(),
            (plan.threads() + 1L) * org.izhsim.network.record.SpikeRecorder.STREAMED_BUFFER_SPIKES);
        final long held = heldSpikes * estimate.bytesPerSpike() + estimate.markBytes(heldSpikes);
        DiskCheck.require(loaded.name(), plan, estimate, loaded.durationMs(), tmp, p -> estimate.total() + held);
        final InputException refused = assertThrows(InputException.class, () -> DiskCheck.require(loaded.name(), plan,
            estimate, loaded.durationMs(), tmp, p -> estimate.total() + held - 1));
        assertTrue(refused.getMessage().contains("rates.csv ") &&
            refused.getMessage().contains(", and room for the spikes it may hold before it writes them ("),
            refused.getMessage());
        // The held spikes decide here (13 MB against traces of 343 kB): the way out is another disk, not wider rates
        // bins or a shorter run, which the default 1 s cortex2003 refused on an 8 MB disk was told.
        assertTrue(refused.getMessage().endsWith(" free on the disk of " + tmp + ": leave out the figures " +
            "(--no-figures: 7 MB of it), or write elsewhere (--out)"), refused.getMessage());
        // A day in 1 ms bins without traces: rates.csv is the largest part, and the way out names its bins.
        final String text = Files.readString(config);
        assertTrue(text.contains("  traces: {neurons: [0, 170], variables: [v, input]}\n"), "small.yaml changed");
        final ExperimentConfig untraced = ExperimentLoader.parse(
            text.replace("  traces: {neurons: [0, 170], variables: [v, input]}\n", ""), "untraced.yaml");
        final NetworkPlan untracedPlan = NetworkAssembler.plan(untraced);
        final DiskEstimate day = DiskEstimate.of(untracedPlan, 86_400_000L, 0, 1, 1);
        final InputException wide = assertThrows(InputException.class, () -> DiskCheck.require(untraced.name(),
            untracedPlan, day, 86_400_000, tmp, p -> day.total() / 2));
        assertTrue(wide.getMessage().contains("write rates.csv in wider bins (record: rates_bin_ms)"), wide.getMessage());
    }

    /**
     * A run of --no-figures draws no figures and no raster marks: their 2 MB and up to 4.8 MB of marks were counted
     * against the disk of a run that wrote neither, and refused it where it fitted.
     */
    @Test
    void aRunWithoutFiguresIsNotRefusedForTheirBytes() throws IOException, URISyntaxException
    {
        final Path config = smallYaml();
        final ExperimentConfig loaded = ExperimentLoader.load(config);
        final NetworkPlan plan = NetworkAssembler.plan(loaded);
        final DiskEstimate drawn = org.izhsim.service.ExperimentRuns.diskEstimate(loaded, plan);
        final DiskEstimate undrawn = drawn.withoutFigures();
        // A disk with 1 MB more than the outputs of known size without figures, less than the figures alone.
        final long free = undrawn.total() + 1_000_000;
        assertTrue(drawn.total() > free && drawn.markBytes(1) > 0 && undrawn.markBytes(1) == 0,
            "the figures and the marks: " + drawn + " against " + undrawn);
        RunCommand.usableSpace = folder -> free;
        final CommandLineRun figured;
        final CommandLineRun unfigured;
        try
        {
            figured = run(config, "300", tmp.resolve("figured"));
            unfigured = CommandLineRun.of("run", config.toString(), "--out", tmp.resolve("unfigured").toString(),
                "--no-figures");
        }
        finally
        {
            RunCommand.usableSpace = DiskCheck::usableSpace;
        }
        assertEquals(2, figured.exitCode(), figured.err());
        assertTrue(figured.errorLine().contains("figures and summary 2 MB"), figured.errorLine());
        // The refusal names the way out that fits (it named none: a 10 ms cortex2003 on a 2 MB disk).
        assertTrue(figured.errorLine().contains(": leave out the figures (--no-figures: 2 MB of it), or write " +
            "elsewhere (--out)"), figured.errorLine());
        assertEquals(0, unfigured.exitCode(), unfigured.err());
        assertTrue(unfigured.out().contains("summary 1"), unfigured.out());
        assertTrue(!unfigured.out().contains("figures and summary"), unfigured.out());
        assertTrue(Files.exists(tmp.resolve("unfigured/summary.json")) &&
            !Files.exists(tmp.resolve("unfigured/raster.png")), "the data files alone");
    }

    /**
     * The spikes the workers buffer before writing them take at most an eighth of the disk's room: fixed buffers of
     * 65,536 spikes each refused the default 1 s cortex2003 (548 kB written) on an 8 MB disk for their 13 MB.
     */
    @Test
    void aShortRunOnASmallDiskIsNotRefusedForItsSpikeBuffers() throws IOException, URISyntaxException
    {
        final Path config = smallYaml();
        final ExperimentConfig loaded = ExperimentLoader.load(config);
        final NetworkPlan plan = NetworkAssembler.plan(loaded);
        final DiskEstimate estimate = org.izhsim.service.ExperimentRuns.diskEstimate(loaded, plan);
        final long fixedBuffers = (plan.threads() + 1L) * org.izhsim.network.record.SpikeRecorder.STREAMED_BUFFER_SPIKES;
        final long free = estimate.total() + 1_000_000;
        assertTrue(estimate.spikeBytes(fixedBuffers) > 2 * 1_000_000, "fixed buffers would not fit: " + estimate);
        assertEquals(org.izhsim.network.record.SpikeRecorder.STREAMED_BUFFER_SPIKES,
            DiskCheck.spikeBuffer(estimate, plan.threads(), -1), "unknown free space");
        assertEquals(org.izhsim.network.record.SpikeRecorder.STREAMED_BUFFER_SPIKES,
            DiskCheck.spikeBuffer(estimate, plan.threads(), 80_000_000_000L), "a roomy disk");
        final int buffer = DiskCheck.spikeBuffer(estimate, plan.threads(), free);
        assertTrue(buffer >= DiskCheck.MIN_SPIKE_BUFFER && estimate.spikeBytes((plan.threads() + 1L) * buffer) <=
            Math.max(1_000_000 / 8 + 1, estimate.spikeBytes((plan.threads() + 1L) * DiskCheck.MIN_SPIKE_BUFFER)),
            buffer + " spikes a buffer");
        RunCommand.usableSpace = folder -> free;
        final CommandLineRun run;
        try
        {
            run = run(config, "300", tmp.resolve("out"));
        }
        finally
        {
            RunCommand.usableSpace = DiskCheck::usableSpace;
        }
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.size(tmp.resolve("out/spikes.csv")) > 1000, "its spikes are written");
    }
}
