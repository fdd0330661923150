package org.izhsim.output;

import org.HdrHistogram.Histogram;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.build.MemoryEstimate;
import org.izhsim.network.analysis.PowerSpectrum;
import org.izhsim.network.analysis.SpikeStatistics;
import org.izhsim.network.engine.RealTimePacer;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.record.Traces;
import org.izhsim.output.plot.TextMetrics;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a network run leaves behind: spikes (CSV and NumPy), raster (PNG and SVG), population rates,
 * state traces and summary.json, plus the lines printed at the end of {@code sim run}. Needs only a run's result
 * and its {@link Description}, so a Java program writes the folder {@code sim run} writes:
 * <pre>{@code
 * try (OutputDirectory dir = OutputDirectory.create(Path.of("out/mine")))
 * {
 *     new RunOutputs(RunOutputs.Description.of("mine", seed), network.run(1000)).writeTo(dir);
 *     dir.commit();
 * }
 * }</pre>
 * The rhythm analysis treats the first population as the excitatory one, as in every shipped config, or the one
 * {@link #rhythmPopulation} names (sim run: the first that is not a spike source).
 */
public final class RunOutputs
{
    /**
     * What the outputs say about a run that its result does not hold.
     *
     * @param name       the experiment's name: raster title, summary's "config".
     * @param seed       the network's seed, recorded in the summary.
     * @param dtMs       the step, ms.
     * @param ratesBinMs bin width of rates.csv, ms, a positive multiple of {@code dtMs}.
     * @param traceV     whether traces.csv has a v column (when neurons were traced).
     * @param traceU     whether it has a u column.
     * @param traceInput whether it has an input column.
     */
    public record Description(String name, long seed, double dtMs, double ratesBinMs, boolean traceV, boolean traceU,
        boolean traceInput)
    {
        public Description
        {
            Objects.requireNonNull(name, "name");
            if (!(dtMs > 0 && Double.isFinite(dtMs)) || !(ratesBinMs > 0 && Double.isFinite(ratesBinMs)))
            {
                throw new IllegalArgumentException("dt and rates bin must be positive, got " + dtMs + " and " +
                    ratesBinMs + " ms");
            }
        }

        /** The engine's 1 ms step, 1 ms rate bins and every traced variable: what a config says by default. */
        public static Description of(final String name, final long seed)
        {
            return new Description(name, seed, 1.0, 1.0, true, true, true);
        }
    }

    /**
     * Runs longer than this also get raster_last_second.png: over minutes the full raster is a solid block, while
     * the rhythm a reader looks for (e.g. the gamma bursts of Izhikevich 2006, Fig. 7) shows within one second.
     */
    static final double LAST_SECOND_RASTER_AFTER_MS = 10_000;

    /** Bins of the raster's rate panel: wide enough to show the 2003 network's rhythms without noise. */
    private static final double RASTER_RATE_BIN_MS = 5.0;

    private final Description description;
    private final SimulationResult result;
    private final List<PopulationRange> populations;
    private final SpikeList spikes;
    private RealTimePacer pacer;
    /** What paced the run to the wall clock chunk by chunk (the explorer's live runs), or null. */
    private String pacedBy;
    /** With {@link #pacedBy}: the paced chunks, those that ended late, and the latest by how many ns. */
    private long pacedChunks;
    private long lateChunks;
    private long maxLateNanos;
    private int warmupMs;
    private long warmupSimulatedMs;
    /**
     * A file a run read its data from, as provenance names it: the path from the working folder, the SONATA group read
     * (or null), its count, CRC-32C.
     */
    private record ReadFile(String path, String group, long count, long crc32c)
    {
    }

    /** {@link #spikeTimesFile}s by population. */
    private final java.util.Map<String, ReadFile> spikeTimesFiles = new java.util.LinkedHashMap<>();
    /** {@link #spikePopulations}; empty for all. */
    private List<String> spikePopulations = List.of();
    /** {@link #rhythmPopulation}, or null for the first population. */
    private String rhythmPopulation;
    /** {@link #sourcePopulations}: spike sources, whose rate the user set. */
    private java.util.Set<String> sourcePopulations = java.util.Set.of();
    private Path resumedFrom;
    private long resumedChecksum = -1;
    /** The config's noise_seed, or null when it has none (the seed draws everything). */
    private Long noiseSeed;
    private String configFile;
    private String configText;
    /** The projections whose synapses to write to connections_K.csv, with the network's seed; empty for none. */
    private List<org.izhsim.network.build.ResolvedProjection> connectionsToWrite = List.of();
    private org.izhsim.network.build.NetworkPlan connectionsPlan;
    /** The projections whose synapses a file gave, by name, with their tables. */
    private java.util.Map<String, org.izhsim.network.build.ConnectionTable> connections = java.util.Map.of();
    private List<String> sets = List.of();
    private List<String> unsets = List.of();
    private List<String> arguments = List.of();
    /** Why an interrupted run was stopped by the program itself (its disk was filling), or null. */
    private String stoppedBecause;
    private String stateNotSaved;
    /** The spike files to write: record.spike_files, every one by default. */
    private java.util.Set<org.izhsim.network.build.SpikeFormat> spikeFiles = org.izhsim.network.build.SpikeFormat.ALL;
    /** The spike files {@link #writeTo} wrote: spikeFiles, less spikes.h5 when the heap could not hold it. */
    private java.util.Set<org.izhsim.network.build.SpikeFormat> spikeFilesWritten = org.izhsim.network.build.SpikeFormat.ALL;
    private Path savedState;
    private double savedStateMs;
    private long savedStateChecksum;
    private WeightHistory weights;
    private int ranks = 1;
    private String transport;
    private Histogram exchangeLatency;
    private long[][] perRank;
    /** Why spikes.h5 was not written, or null when it was (or before {@link #writeTo}). */
    private String sonataSkipped;
    /** Why the figures were not drawn (no fonts, or a failed write), or null. */
    private String figuresSkipped;
    /** Whether the caller asked for no figures ({@link #withoutFigures}). */
    private boolean figuresOff;
    private boolean figuresFailed;
    /** What {@link #writeTo} wrote that a reader opens first, for {@link #printSummary}'s last line. */
    private final List<String> headline = new ArrayList<>();
    /** Spikes per population, counted once (summary and printed lines), or null before. */
    private long[] populationSpikes;
    private OutputProgress progress = OutputProgress.quiet();

    public RunOutputs(final Description description, final SimulationResult result)
    {
        this.description = Objects.requireNonNull(description, "description");
        this.result = result;
        this.populations = result.populations();
        // A view of the result, not a copy: at 10^6 neurons the spikes are the one part of the outputs that grows
        // with the run, and a run of sim run streams them to a file, which the view reads through a memory map.
        spikes = SpikeList.of(result);
    }

    /**
     * Where the run's experiment came from (the command line's runs): summary.json's "provenance" gives the file, the
     * SHA-256 of its text, the {@code --set} overrides and the arguments, and the folder gets the text as config.yaml,
     * so that a result can be traced to what made it and run again. Without it (the Java API, the explorer) the
     * provenance gives the simulator's build only.
     *
     * @param configFile the experiment file, as an absolute path.
     * @param configText the file's text as the run read it.
     * @param sets       the {@code --set KEY=VALUE} overrides, in order.
     * @param arguments  the command's arguments as given.
     */
    public RunOutputs provenance(final Path configFile, final String configText, final List<String> sets,
        final List<String> arguments)
    {
        return provenance(Objects.requireNonNull(configFile, "configFile").toString(), configText, sets, arguments);
    }

    /**
     * As {@link #provenance(Path, String, List, List)}, for a config that may have no file of its own (the explorer's
     * uploads): {@code source} says where it came from, as summary.json's {@code config_file}.
     */
    public RunOutputs provenance(final String source, final String configText, final List<String> sets,
        final List<String> arguments)
    {
        this.configFile = Objects.requireNonNull(source, "source");
        this.configText = Objects.requireNonNull(configText, "configText");
        this.sets = List.copyOf(sets);
        this.arguments = List.copyOf(arguments);
        return this;
    }

    /** The seed of the draws made as the network ran, when the config gave one apart from the seed. */
    public RunOutputs noiseSeed(final long seed)
    {
        this.noiseSeed = seed;
        return this;
    }

    /** The checkpoint this run continued, recorded in summary.json; null for a run from the start. */
    public RunOutputs resumedFrom(final Path checkpoint)
    {
        return resumedFrom(checkpoint, -1);
    }

    /**
     * As {@link #resumedFrom(Path)}, with the checkpoint's CRC32C checksum as its state was read ({@code
     * Network#restoredChecksum}; -1 for none): its path may hold another state by the time anyone looks.
     */
    public RunOutputs resumedFrom(final Path checkpoint, final long checksum)
    {
        this.resumedFrom = checkpoint;
        this.resumedChecksum = checksum;
        return this;
    }

    /**
     * The run was interrupted by the program itself, for {@code reason}: summary.json says "stopped" with
     * stopped_at_ms and the reason, not "interrupted".
     */
    public RunOutputs stoppedBecause(final String reason)
    {
        this.stoppedBecause = reason;
        return this;
    }

    /**
     * The --save-state at the run's end failed (a full disk), for {@code reason}: summary.json says so under
     * "state_not_saved" (it said "completed" and nothing of the save, which the line and exit code 1 reported).
     */
    public RunOutputs stateNotSaved(final String reason)
    {
        this.stateNotSaved = reason;
        return this;
    }

    /**
     * The population whose rate the summary's {@code rhythm} and top-level {@code mean_cv_isi} describe (by default the
     * first): a config that lists its Poisson inputs first had the spectrum of their noise as its rhythm.
     */
    public RunOutputs rhythmPopulation(final String name)
    {
        if (populations.stream().noneMatch(p -> p.name().equals(name)))
        {
            throw new IllegalArgumentException("no population " + name);
        }
        this.rhythmPopulation = name;
        return this;
    }

    /**
     * The spike sources (poisson, spike_times), whose rates the user set: {@link #warnings} gives them no warning of a
     * rate set by the step (a poisson source at rate_hz 500 was told its input was beyond the model's range).
     */
    public RunOutputs sourcePopulations(final java.util.Collection<String> names)
    {
        this.sourcePopulations = java.util.Set.copyOf(names);
        return this;
    }

    /**
     * The spike files hold these populations' spikes alone (record.spike_populations); rates.csv, summary.json and the
     * rasters still count every population. Empty: all.
     */
    public RunOutputs spikePopulations(final List<String> names)
    {
        for (final String name : names)
        {
            if (populations.stream().noneMatch(p -> p.name().equals(name)))
            {
                throw new IllegalArgumentException("no population " + name);
            }
        }
        this.spikePopulations = List.copyOf(names);
        return this;
    }

    /** The spikes the spike files hold: all, or those of {@link #spikePopulations}. */
    private SpikeList fileSpikes()
    {
        if (spikePopulations.isEmpty())
        {
            return spikes;
        }
        final int[] ranges = new int[2 * spikePopulations.size()];
        int r = 0;
        for (final PopulationRange p : populations)
        {
            if (spikePopulations.contains(p.name()))
            {
                ranges[r++] = p.first();
                ranges[r++] = p.end();
            }
        }
        return spikes.only(ranges);
    }

    /** Writes the spikes in {@code formats} alone (record.spike_files). */
    public RunOutputs spikeFiles(final java.util.Set<org.izhsim.network.build.SpikeFormat> formats)
    {
        if (formats.isEmpty())
        {
            throw new IllegalArgumentException("no spike file");
        }
        this.spikeFiles = java.util.Set.copyOf(formats);
        return this;
    }

    /**
     * The last state the run saved to --save-state: summary.json gives it as "state_saved" (file, t_ms and the file's
     * CRC32C), which a run resumed from it gives as its resumed_from_crc32c: the parts of a cut run are linked by it
     * (its arguments named the file alone, which a later save replaces).
     */
    public RunOutputs stateSaved(final Path file, final double tMs, final long checksum)
    {
        this.savedState = Objects.requireNonNull(file, "file");
        this.savedStateMs = tMs;
        this.savedStateChecksum = checksum;
        return this;
    }

    /** The plastic weights of the run (files, figure, summary), or null without plastic synapses. */
    public RunOutputs plasticWeights(final WeightHistory weights)
    {
        this.weights = weights;
        return plasticProjectionsOf(projectionsPlan, projectionNames);
    }

    /** The plan whose projections the plastic weights' outputs name per synapse ({@link PlasticProjections}). */
    private org.izhsim.network.build.NetworkPlan projectionsPlan;
    private java.util.List<String> projectionNames = java.util.List.of();

    /**
     * Names each plastic synapse's projection in synapse_projections.npy and summary.json's by_projection, from
     * {@code plan}'s projections (null: neither is written), {@code names} their names by index (the file's).
     */
    public RunOutputs plasticProjectionsOf(final org.izhsim.network.build.NetworkPlan plan,
        final java.util.List<String> names)
    {
        this.projectionsPlan = plan;
        this.projectionNames = names;
        if (weights != null && plan != null)
        {
            weights.namingProjectionsOf(plan, names);
        }
        return this;
    }


    /** Told which file {@link #writeTo} is writing, for a long output stage's progress line. */
    public RunOutputs reportingTo(final OutputProgress outputProgress)
    {
        this.progress = Objects.requireNonNull(outputProgress, "outputProgress");
        return this;
    }

    /** The pacer of a run paced to real time, whose lateness the summary records; null for none. */
    public RunOutputs pacedBy(final RealTimePacer realTime)
    {
        this.pacer = realTime;
        return this;
    }

    /**
     * A run paced to the wall clock at the end of each chunk of steps by {@code who} (the explorer's live runs, at
     * speed 1), recorded in the summary as sim run --realtime's pacing is (it was not); its real-time factor is still
     * the engine's, the waits left out. {@code chunks} were paced, {@code lateChunks} of them ended after their
     * deadline, the latest by {@code maxLateNanos}.
     */
    public RunOutputs pacedInChunksBy(final String who, final long chunks, final long lateChunks,
        final long maxLateNanos)
    {
        this.pacedBy = Objects.requireNonNull(who, "who");
        this.pacedChunks = chunks;
        this.lateChunks = lateChunks;
        this.maxLateNanos = maxLateNanos;
        return this;
    }

    /** How long a copy of the network ran before this run to warm the JIT up, recorded in the summary. */
    /**
     * The wall time the run's weight snapshots took (the first and last included), which run_wall_s leaves out:
     * summary.json's weight_snapshots_wall_s.
     */
    public RunOutputs weightSnapshotsWallNanos(final long nanos)
    {
        this.weightSnapshotsNanos = nanos;
        return this;
    }

    /** The wall time the run's periodic checkpoints took, which run_wall_s leaves out: periodic_checkpoints_wall_s. */
    public RunOutputs periodicCheckpointsWallNanos(final long nanos)
    {
        this.periodicCheckpointsNanos = nanos;
        return this;
    }

    /** {@link #weightSnapshotsWallNanos} and {@link #periodicCheckpointsWallNanos}; -1 when not given. */
    private long weightSnapshotsNanos = -1;
    private long periodicCheckpointsNanos = -1;

    public RunOutputs jitWarmupMs(final int ms)
    {
        this.warmupMs = ms;
        return this;
    }

    /**
     * As {@link #jitWarmupMs(int)}, with the simulated ms the copy ran: at least the asked ms, and on until a round
     * passed without compilation (--realtime's 300 ms ran 97,200 ms, which summary.json did not say).
     */
    public RunOutputs jitWarmupMs(final int ms, final long simulatedMs)
    {
        this.warmupMs = ms;
        this.warmupSimulatedMs = simulatedMs;
        return this;
    }

    /**
     * The MPI ranks the run was partitioned over, rank 0's per-step spike exchange latency (null for 1) and what
     * carried the spikes ({@link org.izhsim.network.engine.SpikeExchange#transport}; ignored for 1 rank).
     */
    public RunOutputs ranks(final int ranks, final Histogram exchangeLatency, final String transport)
    {
        this.ranks = ranks;
        this.exchangeLatency = exchangeLatency;
        this.transport = transport;
        return this;
    }

    /** Indexes of a rank's row in {@link #perRank(long[][])}. */
    public static final int RANK_BUILD_NANOS = 0;
    public static final int RANK_PEAK_HEAP = 1;
    public static final int RANK_PEAK_RSS = 2;
    public static final int RANK_MEMORY_ESTIMATE = 3;
    public static final int RANK_EXCHANGE_P50_NANOS = 4;
    public static final int RANK_EXCHANGE_P99_NANOS = 5;
    /** 1 where the rank's disk guard stopped the run (rank 0's; the others then exit 1 as it does, not 130). */
    public static final int RANK_STOPPED_FOR_DISK = 6;
    public static final int RANK_FIGURES = 7;

    /**
     * Each rank's own figures, row r for rank r, indexed by the RANK_ constants: recorded in summary.json's
     * "per_rank" as one array per figure (peak RSS -1 where the platform does not say).
     */
    public RunOutputs perRank(final long[][] rows)
    {
        this.perRank = rows.clone();
        return this;
    }

    public void writeTo(final OutputDirectory dir)
    {
        long heap = HostInfo.availableHeapBytes();
        if (heap < SonataSpikes.heapBytes(spikes.count()))
        {
            // What is in use may be the run's network, now garbage: count only what a collection keeps.
            System.gc();
            heap = HostInfo.availableHeapBytes();
        }
        writeTo(dir, heap);
    }

    /**
     * @param heapAvailable the heap free for the outputs: spikes.h5 is left out, with the reason in summary.json
     *                      and {@link #warnings()}, when jHDF would need more (it holds all of a file's spikes,
     *                      about 32 B each: a 100 s run of sparse1m has 9.6 x 10^8); an OutOfMemoryError there
     *                      would cost every file of the run.
     */
    void writeTo(final OutputDirectory dir, final long heapAvailable)
    {
        headline.clear();
        final String noFonts = figuresOff ? null : TextMetrics.missingFonts();
        final boolean figures = noFonts == null && !figuresOff;
        if (figures)
        {
            headline.add("raster.png");
        }
        else if (!figuresOff)
        {
            figuresSkipped = "not drawn: " + noFonts + "; every data file is written; " + TextMetrics.INSTALL_FONTS +
                " to draw them";
        }
        if (weights != null && weights.writes())
        {
            progress.writing("weights.npy and the weight snapshots");
            weights.writeTo(dir, false);
            if (figures)
            {
                headline.add("weights.png");
            }
        }
        final SpikeList filed = fileSpikes();
        final long needed = SonataSpikes.heapBytes(filed.count());
        // What summary.json lists: the files written. spikes.h5 asked for alone but too large for the heap: the .npy
        // pair holds the spikes instead of no file.
        final java.util.Set<org.izhsim.network.build.SpikeFormat> written = java.util.EnumSet.copyOf(spikeFiles);
        if (needed > heapAvailable && written.remove(org.izhsim.network.build.SpikeFormat.H5) && written.isEmpty())
        {
            written.add(org.izhsim.network.build.SpikeFormat.NPY);
        }
        final boolean csv = written.contains(org.izhsim.network.build.SpikeFormat.CSV);
        final boolean npy = written.contains(org.izhsim.network.build.SpikeFormat.NPY);
        final boolean h5 = written.contains(org.izhsim.network.build.SpikeFormat.H5);
        spikeFilesWritten = written;
        if (csv)
        {
            progress.writing("spikes.csv");
            NetworkSpikesCsv.write(dir.resolve("spikes.csv"), filed, populations);
            headline.add("spikes.csv");
        }
        if (npy)
        {
            progress.writing("spike_times_ms.npy");
            NpyWriter.writeTimesFloat64(dir.resolve("spike_times_ms.npy"), filed);
            progress.writing("spike_ids.npy");
            NpyWriter.writeIdsInt32(dir.resolve("spike_ids.npy"), filed);
            if (!csv)
            {
                headline.add("spike_times_ms.npy");
            }
        }
        if (h5)
        {
            progress.writing("spikes.h5");
            SonataSpikes.write(dir.resolve("spikes.h5"), filed, populations);
            headline.add("spikes.h5");
        }
        else if (spikeFiles.contains(org.izhsim.network.build.SpikeFormat.H5))
        {
            sonataSkipped = String.format(Locale.ROOT, "not written: its %,d spikes need about %s of heap to write, "
                + "%s is free; %s the same spikes; for spikes.h5, %s", filed.count(),
                MemoryEstimate.bytes(needed), MemoryEstimate.bytes(heapAvailable), csv && npy ?
                    "spikes.csv and spike_times_ms.npy + spike_ids.npy hold" : csv ? "spikes.csv holds" :
                    spikeFiles.contains(org.izhsim.network.build.SpikeFormat.NPY) ?
                        "spike_times_ms.npy + spike_ids.npy hold" :
                        "spike_times_ms.npy + spike_ids.npy, written instead, hold",
                HeapAdvice.moreHeap(Runtime.getRuntime().maxMemory() + needed - heapAvailable));
        }

        for (final org.izhsim.network.build.ResolvedProjection p : connectionsToWrite)
        {
            final String name = ConnectionsCsv.fileName(p.index() + 1);
            progress.writing(name);
            ConnectionsCsv.write(dir.resolve(name), connectionsPlan, p, description.dtMs());
        }
        final double start = result.firstStep() * description.dtMs();
        // At least one step wide: a run stopped in its first step (blow-up, Ctrl-C) still gets every file.
        final double end = start + Math.max(result.simulatedMs(), description.dtMs());
        progress.writing("rates.csv");
        PopulationRatesCsv.write(dir.resolve("rates.csv"), spikes, populations, start, end, description.ratesBinMs());
        if (result.traces().count() > 0)
        {
            progress.writing("traces.csv");
            writeTraces(dir.resolve("traces.csv"), start);
            headline.add("traces.csv");
            progress.writing("the traces' .npy files");
            writeTraceArrays(dir, start);
        }
        if (configText != null)
        {
            progress.writing(CONFIG_COPY);
            final Path copy = dir.resolve(CONFIG_COPY);
            try
            {
                Files.writeString(copy, configText, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot write " + copy + ": " + ex.getMessage(), ex);
            }
        }
        // summary.json before the figures too: a disk full to its last byte while a figure is written still leaves
        // the folder its summary (rewritten with the figures' fate once the part-written figure is gone).
        progress.writing("summary.json");
        final JsonSummary first = summary();
        first.writeTo(dir.resolve("summary.json"));
        headline.add("summary.json");
        if (figures)
        {
            writeFigures(dir, start, end);
            if (figuresFailed)
            {
                progress.writing("summary.json");
                try
                {
                    summary().writeTo(dir.resolve("summary.json"));
                }
                catch (final UncheckedIOException full)
                {
                    // The first one back (the rewrite truncated it; its blocks are free again): the warning on stderr
                    // says what befell the figures.
                    try
                    {
                        first.writeTo(dir.resolve("summary.json"));
                    }
                    catch (final UncheckedIOException stillFull)
                    {
                        // The commit keeps what there is; the data files are whole.
                    }
                }
            }
        }
        progress.written();
    }

    /** The figures, which a run draws after every data file. */
    private static final List<String> FIGURES =
        List.of("raster.png", "raster.svg", "raster_last_second.png", "weights.png", "traces.png");

    /**
     * The figures, after every data file: a disk that fills (or any other failure to write) while they are written
     * leaves the folder without them, said in summary.json's "figures" and a warning, instead of costing the run's
     * data (a tester's hour-long run lost its complete spikes.csv and spikes.h5 because raster.png did not fit).
     */
    private void writeFigures(final OutputDirectory dir, final double start, final double end)
    {
        try
        {
            final RasterFigure raster = new RasterFigure(
                String.format(Locale.ROOT, "%s: %,d neuron%s, %,d spike%s, seed %d", description.name(),
                    result.neurons(), result.neurons() == 1 ? "" : "s", result.spikeCount(),
                    result.spikeCount() == 1 ? "" : "s", description.seed()),
                spikes, result.neurons(), populations, start, end).rateBin(RASTER_RATE_BIN_MS);
            progress.writing("raster.png");
            raster.writePng(dir.resolve("raster.png"));
            progress.writing("raster.svg");
            raster.writeSvg(dir.resolve("raster.svg"));
            if (end - start > LAST_SECOND_RASTER_AFTER_MS)
            {
                progress.writing("raster_last_second.png");
                writeLastSecondRaster(dir, end);
                headline.add(1, "raster_last_second.png");
            }
            if (weights != null && weights.writes())
            {
                progress.writing("weights.png");
                weights.writeFigure(dir);
            }
            if (result.traces().count() > 0 && result.traces().steps() > 0 && description.traceV())
            {
                progress.writing("traces.png");
                new TracesFigure(String.format(Locale.ROOT, "%s: membrane potential of the traced neurons%s",
                    description.name(), endedEarly(result.stopReason(), stoppedBecause, end)), result.traces(),
                    populations, start, description.dtMs())
                    .writePng(dir.resolve("traces.png"));
                headline.add(headline.indexOf("traces.csv") + 1, "traces.png");
            }
        }
        catch (final UncheckedIOException failed)
        {
            for (final String figure : FIGURES)
            {
                try
                {
                    Files.deleteIfExists(dir.resolve(figure));
                }
                catch (final IOException leftAsItIs)
                {
                    // A part-written figure the commit then keeps: summary.json says the figures were not written.
                }
            }
            headline.removeAll(FIGURES);
            figuresFailed = true;
            figuresSkipped = "not written: " + IoFailures.describe(failed).replace(dir.resolve("") + "/", "") +
                "; every data file is written";
        }
    }

    /**
     * No figures (the command line's --no-figures): a sweep of many runs, or a network whose raster takes long to
     * draw, writes the data files alone; summary.json says so under "figures".
     */
    public RunOutputs withoutFigures()
    {
        this.figuresOff = true;
        return this;
    }

    /** Whether writing the figures failed (their data files were written; {@link #warnings} says so). */
    public boolean figuresFailed()
    {
        return figuresFailed;
    }

    /** The raster of the run's last 1000 ms (spikes are recorded in time order: a binary search finds them). */
    private void writeLastSecondRaster(final OutputDirectory dir, final double end)
    {
        final double from = end - 1000.0;
        int lo = 0;
        int hi = spikes.count();
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (spikes.time(mid) < from)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        final int count = spikes.count() - lo;
        new RasterFigure(String.format(Locale.ROOT, "%s: the last second, %,d spikes", description.name(), count),
            spikes.slice(lo, count), result.neurons(), populations, from, end)
            .rateBin(RASTER_RATE_BIN_MS).writePng(dir.resolve("raster_last_second.png"));
    }

    /**
     * The traces as numpy arrays: trace_times_ms.npy (float64, one per step), trace_neurons.npy (int32, the traced
     * ids in record.traces' order) and per variable trace_v.npy, trace_u.npy, trace_input.npy (float32, steps x
     * neurons): traces.csv's long lines needed a pivot before any analysis.
     */
    private void writeTraceArrays(final OutputDirectory dir, final double start)
    {
        final Traces traces = result.traces();
        final int steps = result.steps();
        NpyWriter.writeFloat64(dir.resolve("trace_times_ms.npy"), steps, step -> start + step * description.dtMs());
        NpyWriter.writeInt32(dir.resolve("trace_neurons.npy"), traces.neurons(), traces.count());
        if (description.traceV())
        {
            NpyWriter.writeFloat32Matrix(dir.resolve("trace_v.npy"), steps, traces.count(), (step, k) -> traces.v(k, step));
        }
        if (description.traceU())
        {
            NpyWriter.writeFloat32Matrix(dir.resolve("trace_u.npy"), steps, traces.count(), (step, k) -> traces.u(k, step));
        }
        if (description.traceInput())
        {
            NpyWriter.writeFloat32Matrix(dir.resolve("trace_input.npy"), steps, traces.count(),
                (step, k) -> traces.input(k, step));
        }
    }

    private void writeTraces(final Path file, final double start)
    {
        final Traces traces = result.traces();
        final boolean v = description.traceV();
        final boolean u = description.traceU();
        final boolean input = description.traceInput();
        final List<String> header = new ArrayList<>(List.of("t_ms", "neuron"));
        if (v)
        {
            header.add("v");
        }
        if (u)
        {
            header.add("u");
        }
        if (input)
        {
            header.add("input");
        }
        try (CsvWriter csv = new CsvWriter(file, header.toArray(new String[0])))
        {
            // Read step by step: the traces of a run that ended early are a view of the run's, which v(k) would copy.
            final int[] neurons = traces.neurons();
            for (int step = 0; step < result.steps(); step++)
            {
                for (int k = 0; k < traces.count(); k++)
                {
                    csv.exact(start + step * description.dtMs()).field(neurons[k]);
                    if (v)
                    {
                        csv.rounded(traces.v(k, step), 6);
                    }
                    if (u)
                    {
                        csv.rounded(traces.u(k, step), 6);
                    }
                    if (input)
                    {
                        csv.rounded(traces.input(k, step), 6);
                    }
                    csv.endRow();
                }
            }
        }
    }

    /**
     * Lines for stderr, each starting "sim: warning: ": outputs left out by {@link #writeTo}, and populations that
     * fired in every other step or more on average. Their rate is the step's, not the model's: a spike takes several
     * ms of the model's dynamics (a weight or an input far beyond the model's range, e.g. a DC of 1000, made a
     * population fire 1000 Hz without a word, where sim neuron warns of such a neuron).
     */
    public List<String> warnings()
    {
        final List<String> lines = new ArrayList<>();
        if (sonataSkipped != null)
        {
            lines.add("sim: warning: spikes.h5 " + sonataSkipped);
        }
        if (figuresSkipped != null)
        {
            lines.add("sim: warning: the figures (raster.png, raster.svg" +
                (result.simulatedMs() > LAST_SECOND_RASTER_AFTER_MS ? ", raster_last_second.png" : "") +
                (weights != null && weights.writes() ? ", weights.png" : "") + (result.traces().count() > 0 &&
                description.traceV() ? ", traces.png" : "") + ") were " + figuresSkipped);
        }
        if (result.mergedSpikes() > 0)
        {
            lines.add(String.format(Locale.ROOT, "sim: warning: neurons of the 2007 model reached their cutoff (vpeak; " +
                "the book's LTS: vpeak - 0.1 u, TC: vpeak + 0.1 u) %,d times " +
                "within a 1 ms step in which they had fired already: each was reset, but a step holds one spike, so " +
                "the spike files have %,d spikes fewer than the crossings (their rate is beyond what a 1 ms step " +
                "resolves)", result.mergedSpikes(), result.mergedSpikes()));
        }
        if (result.simulatedMs() > 0)
        {
            final double[] rates = SpikeStatistics.meanRatesHz(result, populationSpikes());
            final double stepRate = 1000.0 / description.dtMs();
            for (int p = 0; p < populations.size(); p++)
            {
                if (rates[p] >= stepRate / 2 && result.steps() >= SATURATION_MIN_STEPS &&
                    !sourcePopulations.contains(populations.get(p).name()))
                {
                    lines.add(String.format(Locale.ROOT, "sim: warning: population '%s' fired at %.2f Hz on average, " +
                        "%s: its rate is set by the %s ms step, not by the model; its input, weights or parameters are " +
                        "beyond the model's range", populations.get(p).name(), rates[p], rates[p] >= stepRate * 0.999 ?
                        "in every step" : "in every other step or more often", Numbers.format(description.dtMs())));
                }
            }
        }
        return lines;
    }

    /** Runs shorter than this say nothing of saturation: a burst at the start of a 10 ms run is no rate. */
    static final long SATURATION_MIN_STEPS = 100;

    public JsonSummary summary()
    {
        final Histogram latency = result.stepLatency();
        final double runSeconds = result.runNanos() * 1e-9;
        final JsonSummary summary = new JsonSummary()
            .put("config", description.name());
        putStatus(summary);
        summary.put("seed", description.seed());
        if (noiseSeed != null)
        {
            summary.put("noise_seed", noiseSeed);
        }
        if (!spikePopulations.isEmpty())
        {
            summary.put("spike_populations", spikePopulations);
        }
        if (!spikeFiles.equals(org.izhsim.network.build.SpikeFormat.ALL))
        {
            // record.spike_files as written, in the order the formats are written (["h5"] was given when the .npy
            // pair had been written instead).
            summary.put("spike_files", java.util.Arrays.stream(org.izhsim.network.build.SpikeFormat.values())
                .filter(spikeFilesWritten::contains).map(org.izhsim.network.build.SpikeFormat::yamlName).toList());
        }
        summary
            .put("neurons", result.neurons())
            .put("synapses", result.synapses())
            .put("synapse_bytes", result.synapseBytes())
            .put("threads", result.threads())
            .put("ranks", ranks)
            .put("simulated_ms", result.simulatedMs())
            .put("first_step", result.firstStep())
            .put("dt_ms", description.dtMs())
            .put("build_wall_s", result.buildNanos() * 1e-9)
            .put("run_wall_s", runSeconds);
        if (weightSnapshotsNanos >= 0)
        {
            summary.put("weight_snapshots_wall_s", weightSnapshotsNanos * 1e-9);
        }
        if (periodicCheckpointsNanos >= 0)
        {
            summary.put("periodic_checkpoints_wall_s", periodicCheckpointsNanos * 1e-9);
        }
        summary
            .put("real_time_factor", result.realTimeFactor())
            .put("jit_warmup_ms", warmupMs);
        if (warmupMs > 0)
        {
            summary.put("jit_warmup_simulated_ms", warmupSimulatedMs);
        }
        if (resumedFrom != null)
        {
            summary.put("resumed_from", resumedFrom.toAbsolutePath().normalize().toString());
            if (resumedChecksum >= 0)
            {
                summary.put("resumed_from_crc32c", String.format(java.util.Locale.ROOT, "%08x", resumedChecksum));
            }
        }
        putProvenance(summary.object("provenance"));
        if (savedState != null)
        {
            summary.object("state_saved").put("file", savedState.toAbsolutePath().normalize().toString())
                .put("t_ms", savedStateMs)
                .put("crc32c", String.format(java.util.Locale.ROOT, "%08x", savedStateChecksum));
        }
        if (stateNotSaved != null)
        {
            summary.put("state_not_saved", stateNotSaved);
        }
        if (sonataSkipped != null)
        {
            summary.put("spikes_h5", sonataSkipped);
        }
        if (figuresSkipped != null || figuresOff)
        {
            summary.put("figures", figuresSkipped != null ? figuresSkipped : "not drawn (--no-figures)");
        }
        putPercentilesUs(summary.object("step_latency_us"), latency);
        if (exchangeLatency != null)
        {
            putPercentilesUs(summary.object("exchange_latency_us"), exchangeLatency);
        }
        if (ranks > 1 && transport != null)
        {
            summary.put("spike_transport", transport);
        }
        if (perRank != null)
        {
            final double[] build = new double[perRank.length];
            final long[] heap = new long[perRank.length];
            final long[] rss = new long[perRank.length];
            final long[] estimate = new long[perRank.length];
            final double[] p50 = new double[perRank.length];
            final double[] p99 = new double[perRank.length];
            for (int r = 0; r < perRank.length; r++)
            {
                build[r] = perRank[r][RANK_BUILD_NANOS] * 1e-9;
                heap[r] = perRank[r][RANK_PEAK_HEAP];
                rss[r] = perRank[r][RANK_PEAK_RSS];
                estimate[r] = perRank[r][RANK_MEMORY_ESTIMATE];
                p50[r] = perRank[r][RANK_EXCHANGE_P50_NANOS] / 1e3;
                p99[r] = perRank[r][RANK_EXCHANGE_P99_NANOS] / 1e3;
            }
            summary.object("per_rank")
                .put("build_wall_s", build)
                .put("peak_heap_bytes", heap)
                .put("memory_estimate_bytes", estimate)
                .put("peak_rss_bytes", rss)
                .put("exchange_latency_p50_us", p50)
                .put("exchange_latency_p99_us", p99);
        }
        if (pacer != null)
        {
            final JsonSummary realtime = summary.object("realtime")
                .put("speed", pacer.speed())
                .put("steps", pacer.steps())
                .put("missed_deadlines", pacer.missedDeadlines());
            putPercentilesUs(realtime.object("lateness_us"), pacer.lateness());
        }
        else if (pacedBy != null)
        {
            // Chunks that ended after their deadline: a network too slow for real time is behind, as sim run
            // --realtime's missed_deadlines says of its steps.
            summary.object("realtime").put("speed", 1.0).put("paced_by", pacedBy)
                .put("chunks", pacedChunks)
                .put("late_chunks", lateChunks)
                .put("max_lateness_ms", maxLateNanos / 1e6);
        }
        summary.put("spikes", result.spikeCount());
        final JsonSummary perPopulation = summary.object("populations");
        // One pass over the spikes for each figure of all populations: a pass per population and figure (and the
        // counts once per population) made a 100-population run's summary take minutes.
        final long[] counts = populationSpikes();
        final double[] rates = SpikeStatistics.meanRatesHz(result, counts);
        final double[] cvs = SpikeStatistics.meanIsiCvs(result, populations);
        for (int p = 0; p < populations.size(); p++)
        {
            final PopulationRange population = populations.get(p);
            perPopulation.namedObject(population.name())
                .put("neurons", population.size())
                .put("spikes", counts[p])
                .put("mean_rate_hz", rates[p])
                .put("mean_cv_isi", cvs[p]);
        }
        int chosen = 0;
        while (rhythmPopulation != null && !populations.get(chosen).name().equals(rhythmPopulation))
        {
            chosen++;
        }
        final String excitatory = populations.get(chosen).name();
        summary.put("mean_cv_isi", cvs[chosen]);
        // A run stopped early may be too short for a spectrum: then no peaks and null powers. The rate is read a
        // segment at a time: a long run's is not on the heap whole (PowerSpectrum.MAX_SEGMENT).
        final PowerSpectrum spectrum = result.steps() >= 2 ? PowerSpectrum.of(result.steps(),
            SpikeStatistics.populationRate(result, excitatory), description.dtMs()) : null;
        final JsonSummary rhythm = summary.object("rhythm")
            .put("population", excitatory)
            .put("peak_frequencies_hz", spectrum != null ? spectrum.peakFrequencies(3, 1.0, 100.0) : new double[0])
            .put("alpha_8_13_hz_relative_power", spectrum != null ? spectrum.relativeAlphaPower() : Double.NaN)
            .put("gamma_30_80_hz_relative_power", spectrum != null ? spectrum.relativeGammaPower() : Double.NaN);
        if (spectrum != null && spectrum.segments() > 1)
        {
            rhythm.put("spectrum_segments", spectrum.segments());
        }
        if (weights != null)
        {
            weights.putSummary(summary);
        }
        summary.put("synaptic_events", result.synapticEvents())
            .put("synaptic_events_per_s", result.synapticEvents() / runSeconds)
            .put("peak_heap_bytes", HostInfo.peakHeapBytes())
            .put("peak_rss_bytes", HostInfo.peakResidentBytes())
            .put("jvm", HostInfo.jvm())
            .put("cpu", HostInfo.cpuModel())
            .put("cores", HostInfo.cores());
        return summary;
    }

    /** The command line's {@code --unset} keys, for summary.json's provenance beside the sets. */
    public RunOutputs unsets(final List<String> keys)
    {
        this.unsets = List.copyOf(keys);
        return this;
    }

    /**
     * A spike-times source population whose times were read from a file: summary.json's provenance names the file
     * (absolute) with its count of times and the CRC-32C of its spikes, as it names connections files.
     */
    public RunOutputs spikeTimesFile(final String population, final String path, final String group, final long times,
        final long crc32c)
    {
        spikeTimesFiles.put(population, new ReadFile(path, group, times, crc32c));
        return this;
    }

    /**
     * The projections whose synapses were read from a file ({@code connections:}), by name: summary.json's provenance
     * names each file with its synapse count and the CRC-32C of its synapses (config.yaml names the file only, and
     * the file may change after the run).
     */
    public RunOutputs connections(final java.util.Map<String, org.izhsim.network.build.ConnectionTable> tables)
    {
        this.connections = new java.util.LinkedHashMap<>(tables);
        return this;
    }

    /**
     * Writes the synapses of {@code plan}'s projections, as its network was built with them, to connections_K.csv (K
     * the projection's place, from 1): {@code record.connections}.
     */
    public RunOutputs writeConnections(final org.izhsim.network.build.NetworkPlan plan)
    {
        this.connectionsToWrite = plan.projections();
        this.connectionsPlan = plan;
        return this;
    }

    private void putProvenance(final JsonSummary provenance)
    {
        final BuildInfo build = BuildInfo.running();
        provenance.put("izhsim", build.version());
        if (build.commit() != null)
        {
            provenance.put("commit", build.commit()).put("uncommitted_changes", build.dirty());
        }
        if (configFile != null)
        {
            provenance.put("config_file", configFile)
                .put("config_sha256", sha256(configText))
                .put("config_copy", CONFIG_COPY)
                .put("sets", sets)
                // Always, as the sets: a script reading it found the key on some runs only.
                .put("unsets", unsets)
                .put("arguments", arguments);
        }
        if (!connections.isEmpty())
        {
            final JsonSummary files = provenance.object("connections");
            for (final java.util.Map.Entry<String, org.izhsim.network.build.ConnectionTable> e : connections.entrySet())
            {
                // Absolute: the label is the path from the working folder, which summary.json does not record.
                final JsonSummary file = files.namedObject(e.getKey()).put("file", Path.of(e.getValue().label())
                    .toAbsolutePath().normalize().toString());
                if (e.getValue().projectionInFile() > 0)
                {
                    // Which of the folder's projections: the folder alone does not say which synapses were read.
                    file.put("projection", e.getValue().projectionInFile());
                }
                file.put("synapses", e.getValue().size())
                    .put("crc32c", String.format(java.util.Locale.ROOT, "%08x", e.getValue().checksum()));
            }
        }
        if (!spikeTimesFiles.isEmpty())
        {
            final JsonSummary files = provenance.object("spike_times");
            for (final java.util.Map.Entry<String, ReadFile> e : spikeTimesFiles.entrySet())
            {
                final JsonSummary file = files.namedObject(e.getKey()).put("file", Path.of(e.getValue().path())
                    .toAbsolutePath().normalize().toString());
                if (e.getValue().group() != null)
                {
                    file.put("group", e.getValue().group());
                }
                file.put("spike_times", e.getValue().count())
                    .put("crc32c", String.format(java.util.Locale.ROOT, "%08x", e.getValue().crc32c()));
            }
        }
    }

    /** The experiment file's text, in the folder beside its results. */
    static final String CONFIG_COPY = "config.yaml";

    private static String sha256(final String text)
    {
        try
        {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        catch (final java.security.NoSuchAlgorithmException everyJavaHasIt)
        {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }

    /**
     * "status": "completed"; "interrupted" with interrupted_at_ms; "stopped" with stopped_at_ms and the reason (the
     * program stopped the run, {@link #stoppedBecause}); or "failed" with failed_at_ms and the error.
     * The two early ends also give the requested_ms.
     */
    private void putStatus(final JsonSummary summary)
    {
        final double endMs = (result.firstStep() + result.steps()) * description.dtMs();
        switch (result.stopReason())
        {
            case INTERRUPTED:
                if (stoppedBecause != null)
                {
                    summary.put("status", "stopped").put("stopped_at_ms", endMs).put("reason", stoppedBecause);
                }
                else
                {
                    summary.put("status", "interrupted").put("interrupted_at_ms", endMs);
                }
                break;
            case BLOW_UP:
                summary.put("status", "failed").put("failed_at_ms", endMs).put("error", result.blowUp().message());
                break;
            default:
                summary.put("status", "completed");
                return;
        }
        summary.put("requested_ms", result.requestedSteps() * description.dtMs());
    }

    /**
     * ", the run failed at 52 ms (numerical blow-up)" or ", interrupted at ..." or ", stopped at ..." for a run that ended
     * early, else empty: a figure of a failed run looked like that of a completed one (the third tester).
     */
    static String endedEarly(final SimulationResult.StopReason reason, final String stoppedBecause, final double endMs)
    {
        switch (reason)
        {
            case BLOW_UP:
                return ", the run failed at " + Numbers.format(endMs) + " ms (numerical blow-up)";
            case INTERRUPTED:
                return (stoppedBecause != null ? ", stopped at " : ", interrupted at ") + Numbers.format(endMs) + " ms";
            default:
                return "";
        }
    }

    private long[] populationSpikes()
    {
        if (populationSpikes == null)
        {
            populationSpikes = result.populationSpikeCounts();
        }
        return populationSpikes;
    }

    /** p50, p90, p99 and max of a histogram of nanoseconds, in microseconds. */
    private static void putPercentilesUs(final JsonSummary object, final Histogram nanos)
    {
        object.put("p50", nanos.getValueAtPercentile(50) / 1e3)
            .put("p90", nanos.getValueAtPercentile(90) / 1e3)
            .put("p99", nanos.getValueAtPercentile(99) / 1e3)
            .put("max", nanos.getMaxValue() / 1e3);
    }

    /** A speed ratio with two decimals below 10 (an RTF of 1.04 read "1.0x slower"), one above. */
    static String factor(final double ratio)
    {
        return String.format(Locale.ROOT, ratio < 10 ? "%.2fx" : "%.1fx", ratio);
    }

    public void printSummary(final PrintWriter out, final Path target)
    {
        final Histogram latency = result.stepLatency();
        out.printf(Locale.ROOT, "%s: simulated %s ms in %.3f s: real-time factor %.4f (%s)%n", description.name(),
            Numbers.format(result.simulatedMs()), result.runNanos() * 1e-9, result.realTimeFactor(),
            Math.abs(result.realTimeFactor() - 1.0) < 0.005 ? "at real time" :
            result.realTimeFactor() < 1.0 ? factor(1.0 / result.realTimeFactor()) + " faster than real time" :
                factor(result.realTimeFactor()) + " slower than real time");
        out.printf(Locale.ROOT, "  step latency p50 %.1f us, p99 %.1f us, max %.1f us; %,d synaptic events%n",
            latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
            latency.getMaxValue() / 1e3, result.synapticEvents());
        if (warmupMs == 0 && pacer == null)
        {
            out.println("  (a cold JVM: these figures include JIT compilation; --warmup 1000 gives the warm ones)");
        }
        if (pacer != null)
        {
            out.printf(Locale.ROOT, "  paced at %s x real time: %,d of %,d steps missed their deadline, " +
                "lateness p99 %.1f us, max %.1f us%n", Numbers.format(pacer.speed()), pacer.missedDeadlines(),
                pacer.steps(), pacer.lateness().getValueAtPercentile(99) / 1e3, pacer.lateness().getMaxValue() / 1e3);
        }
        final long[] counts = populationSpikes();
        final double[] rates = SpikeStatistics.meanRatesHz(result, counts);
        for (int p = 0; p < populations.size(); p++)
        {
            out.printf(Locale.ROOT, "  %-10s %,9d %s, %6.2f Hz%n", populations.get(p).name(), counts[p],
                counts[p] == 1 ? "spike " : "spikes", rates[p]);
        }
        // The files to open first; README lists the rest (the npy arrays, rates.csv, raster.svg).
        // Escaped: a folder of the user's named with a terminal escape turned the terminal red.
        out.printf(Locale.ROOT, "  outputs: %s (%s, ...)%n", org.izhsim.core.InputException.escaped(target.toString(),
            false), String.join(", ", headline));
    }
}
