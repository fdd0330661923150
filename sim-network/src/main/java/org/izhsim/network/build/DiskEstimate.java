package org.izhsim.network.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bytes a run's outputs need on disk at most, for the parts whose size the plan fixes before the run: the plastic
 * weights' snapshots and final weights, and the traces. Spikes are not in it (how many a network fires is what the
 * run finds out); {@link #BYTES_PER_SPIKE} is what each of them takes. Checked by {@code sim run} against the free
 * space of the output folder's disk before anything is built: a snapshot every ms of spnet2006 for an hour (2.3 TB)
 * filled a 76 GB disk and then failed with nothing written. Immutable.
 *
 * @param snapshots     weight snapshots ({@link NetworkPlan#weightSnapshots}).
 * @param snapshotBytes their weights twice: the file they are appended to during the run, and weight_snapshots.npy
 *                      written from it before that file is deleted.
 * @param weightBytes   weights.npy, synapse_sources.npy, synapse_targets.npy, synapse_delays_ms.npy and
 *                      synapse_projections.npy.
 * @param traceBytes    traces.csv: a line per traced neuron and step.
 * @param rateBytes     rates.csv with every rate 0: its header and a line per bin of a "0" per population; a rate
 *                      that is not 0 needs a spike in its bin, and takes {@code rateBytesPerSpike} more at most.
 * @param figureBytes   the figures (raster.svg, its marks and staircases capped; the PNGs), summary.json and the
 *                      small files.
 * @param rateBytesPerSpike what a spike may add to rates.csv: a rate of 3 decimals of at most 1000 / dt Hz where a
 *                      "0" stood.
 * @param maxSpikes     the most spikes the run can fire: every neuron every step.
 * @param spikeFileBytes what a spike takes in the spike files ({@link #spikeFileBytes(NetworkPlan, long, double)}),
 *                      rates.csv's share apart.
 * @param connectionBytes the projections' synapses as CSV files ({@code record.connections}): per synapse its
 *                      ids' and delay's digits, a float's 15 characters at most and the separators.
 * @param rateBinSteps  steps in a bin of rates.csv, and {@code ratePopulations} its columns: the cells a run's spikes
 *                      can make nonzero, whatever their number ({@link #spikeBytes(long, long, long)}); 0: unknown.
 * @param drawn         whether the figures are drawn (raster.svg's marks grow with the spikes); not for a run of
 *                      {@code --no-figures} ({@link #withoutFigures}), whose figureBytes is summary.json's alone.
 */
public record DiskEstimate(long snapshots, long snapshotBytes, long weightBytes, long traceBytes, long rateBytes,
    long figureBytes, int rateBytesPerSpike, long maxSpikes, int spikeFileBytes, long connectionBytes,
    long rateBinSteps, int ratePopulations, boolean drawn)
{
    /** Figures drawn when there are any (rates.csv's bins given). */
    public DiskEstimate(final long snapshots, final long snapshotBytes, final long weightBytes, final long traceBytes,
        final long rateBytes, final long figureBytes, final int rateBytesPerSpike, final long maxSpikes,
        final int spikeFileBytes, final long connectionBytes, final long rateBinSteps, final int ratePopulations)
    {
        this(snapshots, snapshotBytes, weightBytes, traceBytes, rateBytes, figureBytes, rateBytesPerSpike, maxSpikes,
            spikeFileBytes, connectionBytes, rateBinSteps, ratePopulations, figureBytes > 0);
    }

    /**
     * This run's outputs when it draws no figures ({@code sim run --no-figures}): summary.json and the small files
     * alone, and no raster marks per spike. The figures' 2 MB and raster.svg's marks (up to 4.8 MB) were counted
     * against the disk of a run that wrote neither.
     */
    public DiskEstimate withoutFigures()
    {
        return !drawn ? this : new DiskEstimate(snapshots, snapshotBytes, weightBytes, traceBytes, rateBytes,
            SUMMARY_BYTES + (long)FIGURE_BYTES_PER_POPULATION * ratePopulations, rateBytesPerSpike, maxSpikes,
            spikeFileBytes, connectionBytes, rateBinSteps, ratePopulations, false);
    }

    /** summary.json's keys and the small files beside the figures, populations' rates apart. */
    static final long SUMMARY_BYTES = 100_000L;

    /** Without the rate cells' bound. */
    public DiskEstimate(final long snapshots, final long snapshotBytes, final long weightBytes, final long traceBytes,
        final long rateBytes, final long figureBytes, final int rateBytesPerSpike, final long maxSpikes,
        final int spikeFileBytes, final long connectionBytes)
    {
        this(snapshots, snapshotBytes, weightBytes, traceBytes, rateBytes, figureBytes, rateBytesPerSpike, maxSpikes,
            spikeFileBytes, connectionBytes, 0, 0);
    }

    /** A run that writes no connections files. */
    public DiskEstimate(final long snapshots, final long snapshotBytes, final long weightBytes, final long traceBytes,
        final long rateBytes, final long figureBytes, final int rateBytesPerSpike, final long maxSpikes,
        final int spikeFileBytes)
    {
        this(snapshots, snapshotBytes, weightBytes, traceBytes, rateBytes, figureBytes, rateBytesPerSpike, maxSpikes,
            spikeFileBytes, 0);
    }

    /** A run of {@link #BYTES_PER_SPIKE} per spike in its spike files (the figure before it was the plan's). */
    public DiskEstimate(final long snapshots, final long snapshotBytes, final long weightBytes, final long traceBytes,
        final long rateBytes, final long figureBytes, final int rateBytesPerSpike, final long maxSpikes)
    {
        this(snapshots, snapshotBytes, weightBytes, traceBytes, rateBytes, figureBytes, rateBytesPerSpike, maxSpikes,
            BYTES_PER_SPIKE);
    }

    /**
     * The PNGs (a raster of 2000 populations: 132 kB, its last second 62 kB), summary.json's and raster.svg's frame,
     * beside {@link #FIGURE_BYTES_PER_POPULATION}, the rate staircases and the marks. A fixed 12 MB refused a 10 ms
     * run whose whole folder took 320 kB on a 3 MB disk.
     */
    public static final long FIGURE_BYTES = 2_000_000L;
    /** summary.json's rates and the figures' labels and legend, per population. */
    static final int FIGURE_BYTES_PER_POPULATION = 400;
    /** raster.svg per point of a rate staircase (its x and y). */
    static final int SVG_BYTES_PER_RATE_POINT = 20;
    /**
     * raster.svg's marks: one per spike up to its mark limit (20,000), beyond which cells of the density image
     * (at most 350 x 225 of 4 pixels), about 60 bytes each.
     */
    public static final long SVG_MARKS = 80_000;
    public static final int SVG_BYTES_PER_MARK = 60;
    /** A float's shortest round-trip text at most: -1.23456789E-38. */
    static final int CSV_WEIGHT_CHARS = 15;

    /**
     * The characters of a projection's weights in a connections file at most: a weight that is the same for every
     * synapse (a constant, or a table of one value; a rule the same over 4096 draws) its own text's, else {@link
     * #CSV_WEIGHT_CHARS} (spnet2006's 6.0 was counted at 15 and its file at twice its size).
     */
    static int weightChars(final ResolvedProjection p)
    {
        final ConnectionTable table = p.rule().connections();
        if (table != null)
        {
            return table.size() > 0 && table.minWeight() == table.maxWeight() ?
                Float.toString(table.minWeight()).length() : CSV_WEIGHT_CHARS;
        }
        final float first = (float)p.weight().weight(0L);
        for (long draw = 1; draw < Checks.FUNCTION_GRID; draw++)
        {
            if ((float)p.weight().weight(org.izhsim.network.random.CounterRandom.mix(draw)) != first)
            {
                return CSV_WEIGHT_CHARS;
            }
        }
        return Float.toString(first).length();
    }
    /** A connections file's header line. */
    static final int CSV_HEADER_BYTES = 31;
    /** An .npy file's header (the writer pads it to 128 bytes). */
    static final int NPY_HEADER_BYTES = 128;
    /** A traces.csv line's commas and newline beside its time and neuron (whose digits the plan knows). */
    static final int TRACE_SEPARATORS = 4;
    /** A rounded float of traces.csv (6 significant digits), its sign, point and exponent, at most. */
    static final int TRACE_VALUE_BYTES = 14;
    /**
     * Disk bytes per spike while the outputs are written, for a run whose plan is not at hand (the explorer's
     * messages): its record in the run's spike file (8), spikes.csv (time, neuron and population, up to 40 at long
     * times, large ids and names of 20 characters), spike_times_ms.npy (8), spike_ids.npy (4), spikes.h5 (16 and
     * the file's structure). A plan's own figure is {@link #spikeFileBytes(NetworkPlan, long, double)}.
     */
    public static final int BYTES_PER_SPIKE = 80;
    /**
     * A time's integer digits at most: the engine counts steps in an int (2^31 - 1 ms). A resumed run's times go on
     * from its checkpoint's, which the plan does not know.
     */
    static final int TIME_DIGITS = 10;
    /** The spike file's record (8), spike_times_ms.npy (8), spike_ids.npy (4), spikes.h5 (16). */
    static final int SPIKE_BINARY_BYTES = 36;

    /**
     * What a spike of this plan's run takes in the spike files: the binary ones ({@link #SPIKE_BINARY_BYTES}) and
     * spikes.csv's line, whose time and neuron have at most the run's digits and whose population is at most the
     * longest name, with its commas and newline. A fixed 80 let a network of 200-character population names (210
     * bytes a line) fill a disk the guard watched, and counted sparse100k's 51 bytes as 87 (with rates.csv's 7).
     */
    public static int spikeFileBytes(final NetworkPlan plan, final long steps, final double dtMs)
    {
        return spikeFileBytes(plan, steps, dtMs, SpikeFormat.ALL);
    }

    /**
     * As {@link #spikeFileBytes(NetworkPlan, long, double)} for a run that writes its spikes in {@code formats} alone:
     * the run's own spike file's record (8) and each format's bytes.
     */
    public static int spikeFileBytes(final NetworkPlan plan, final long steps, final double dtMs,
        final java.util.Set<SpikeFormat> formats)
    {
        int longest = 0;
        for (final var p : plan.populations())
        {
            longest = Math.max(longest, p.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        int bytes = SPIKE_BINARY_BYTES - SpikeFormat.NPY.binaryBytes() - SpikeFormat.H5.binaryBytes();
        for (final SpikeFormat format : formats)
        {
            bytes += format == SpikeFormat.CSV ? TIME_DIGITS + (dtMs < 1 ? 6 : 0) + digits(plan.neurons()) + longest + 3 :
                format.binaryBytes();
        }
        return bytes;
    }

    /**
     * The decimals rates.csv gives a population's rates in Hz: 3 (a thousandth of a Hz), or more where one spike in a
     * bin, 1000 / (neurons x bin) Hz, is less than 4 thousandths, so that rate x neurons x bin always gives back the
     * bin's count (3 decimals read 1 spike among 3 million neurons in a 1 ms bin as 0.0 Hz); at most 9.
     */
    public static int rateDecimals(final long neurons, final double binMs)
    {
        final double units = 4.0 * neurons * binMs / 1000.0;
        return units <= 1000 ? 3 : Math.min(9, (int)Math.ceil(Math.log10(units)));
    }

    /** As {@link #of(NetworkPlan, long, int, double, double)} without rates.csv and the figures (a rank's part). */
    public static DiskEstimate of(final NetworkPlan plan, final long steps, final int traceColumns)
    {
        return of(plan, steps, traceColumns, 0, 1);
    }

    /**
     * @param steps        steps of the run.
     * @param traceColumns values per line of traces.csv (the recorded variables).
     * @param ratesBinMs   the bins of rates.csv, ms; 0 for no rates.csv and no figures.
     * @param dtMs         the step, ms.
     */
    public static DiskEstimate of(final NetworkPlan plan, final long steps, final int traceColumns,
        final double ratesBinMs, final double dtMs)
    {
        return of(plan, steps, traceColumns, ratesBinMs, dtMs, SpikeFormat.ALL);
    }

    /** As {@link #of(NetworkPlan, long, int, double, double)} for a run that writes its spikes in {@code formats}. */
    public static DiskEstimate of(final NetworkPlan plan, final long steps, final int traceColumns,
        final double ratesBinMs, final double dtMs, final java.util.Set<SpikeFormat> formats)
    {
        return of(plan, steps, traceColumns, ratesBinMs, dtMs, formats, false);
    }

    /** As above, for a run that also writes each projection's synapses as a CSV file when {@code connections}. */
    public static DiskEstimate of(final NetworkPlan plan, final long steps, final int traceColumns,
        final double ratesBinMs, final double dtMs, final java.util.Set<SpikeFormat> formats,
        final boolean connections)
    {
        long connectionBytes = 0;
        if (connections)
        {
            for (final ResolvedProjection p : plan.projections())
            {
                final long line = digits(p.sourceFirst() + p.sourceSize() - 1) +
                    digits(p.targetFirst() + p.targetSize() - 1) + digits(p.delay().max()) + weightChars(p) + 4;
                connectionBytes = add(connectionBytes, add(CSV_HEADER_BYTES, MemoryEstimate.saturatedMultiply(
                    (long)Math.ceil(plan.expectedSynapses(p.index()) + 6 * Math.sqrt(plan.expectedSynapses(p.index()))),
                    line)));
            }
        }
        final long plastic = plan.plasticity() == null ? 0 : Math.round(plan.expectedPlasticSynapses());
        final long snapshots = plan.weightSnapshots(steps);
        final long snapshotBytes = plastic == 0 ? 0 :
            add(MemoryEstimate.saturatedMultiply(2, MemoryEstimate.saturatedMultiply(snapshots, 4 * plastic)),
                2 * NPY_HEADER_BYTES);
        // Five arrays of 4 bytes a synapse: weights, sources, targets, delays and the synapses' projections.
        final long weightBytes = plastic == 0 ? 0 : 5 * (NPY_HEADER_BYTES + 4 * plastic);
        final long lines = MemoryEstimate.saturatedMultiply(plan.tracedNeurons().length, steps);
        // The time has at most 10 digits and the neuron those of the largest traced id (19 each were counted: 56 bytes
        // for a 20-byte line).
        int tracedDigits = 1;
        for (final int neuron : plan.tracedNeurons())
        {
            tracedDigits = Math.max(tracedDigits, digits(neuron));
        }
        // traces.csv's lines, and the same values as float32 .npy arrays with the times (float64) and the ids.
        final long traceBytes = plan.tracedNeurons().length == 0 ? 0 : add(MemoryEstimate.saturatedMultiply(lines,
            TIME_DIGITS + (dtMs < 1 ? 6 : 0) + tracedDigits + TRACE_SEPARATORS + (long)(TRACE_VALUE_BYTES + 4) *
            traceColumns), MemoryEstimate.saturatedMultiply(steps, 8) + 4L * plan.tracedNeurons().length +
            (2L + traceColumns) * NPY_HEADER_BYTES);
        final int populations = plan.populations().size();
        long rateBytes = 0;
        long figureBytes = 0;
        int rateBytesPerSpike = 0;
        if (ratesBinMs > 0)
        {
            // rates.csv, written after the run (a 900 s run of 30 populations in 1 ms bins: 60 MB): per bin its start
            // (the run's digits, a point and decimals of dt) and per population "0" and its comma or newline, unless a
            // spike made it a rate rounded to 3 decimals of at most 1000 / dt Hz (every neuron firing every step).
            final double durationMs = steps * dtMs;
            final long bins = (long)Math.ceil(durationMs / ratesBinMs - 1e-9);
            final int timeChars = digits(durationMs) + (dtMs < 1 ? 6 : 0) + 1;
            long header = 5;
            for (final var p : plan.populations())
            {
                header += p.name().length() + 4;
            }
            rateBytes = header + MemoryEstimate.saturatedMultiply(bins, timeChars + 2L * populations);
            int decimals = 0;
            for (final var p : plan.populations())
            {
                decimals = Math.max(decimals, rateDecimals(p.size(), ratesBinMs));
            }
            // A nonzero rate replaces the "0": its integer digits, the point and the decimals.
            rateBytesPerSpike = digits(1000 / dtMs) + 1 + decimals - 1;
            // The rate panel's staircases (RasterFigure.shownBinMs, in the output package): at most 2000 bins per
            // population, 100,000 in all but at least 50 each, two points a bin. The marks grow with the spikes.
            final long shownBins = Math.min(bins, Math.max(50, Math.min(2000, 100_000 / Math.max(1, populations))));
            final long ratePoints = 2L * shownBins * populations;
            figureBytes = FIGURE_BYTES + (long)FIGURE_BYTES_PER_POPULATION * populations +
                SVG_BYTES_PER_RATE_POINT * ratePoints;
        }
        return new DiskEstimate(snapshots, snapshotBytes, weightBytes, traceBytes, rateBytes, figureBytes,
            rateBytesPerSpike, MemoryEstimate.saturatedMultiply(plan.neurons(), steps),
            spikeFileBytes(plan, steps, dtMs, formats), connectionBytes,
            ratesBinMs > 0 ? Math.max(1, Math.round(ratesBinMs / dtMs)) : 0, populations);
    }

    /**
     * raster.svg's marks for {@code spikes} spikes: one each up to {@link #SVG_MARKS}, the density image's cells
     * beyond (none without figures).
     */
    public long markBytes(final long spikes)
    {
        return !drawn ? 0 : Math.min(Math.max(0, spikes), SVG_MARKS) * SVG_BYTES_PER_MARK;
    }

    /**
     * What {@code spikes} spikes take on disk once the outputs are written, at most as many as the run can fire:
     * {@link #bytesPerSpike()} each and raster.svg's marks. The check before the run, its guard and the explorer's
     * live run all count held spikes this way.
     */
    public long spikeBytes(final long spikes)
    {
        return spikeBytes(spikes, -1, -1);
    }

    /**
     * As {@link #spikeBytes(long)} for a run whose spike files hold {@code filed} of its {@code spikes} alone
     * (record.spike_populations; {@code filed < 0}: all of them), the spikes of its first {@code steps} steps
     * ({@code steps < 0}: unknown). Every spike takes its record in the run's own spike file and raster.svg's mark, the
     * filed ones their spike files' bytes besides; rates.csv's growth is at most a cell per population and bin that
     * those steps reach, however many spikes fall in one (a 1000 s stdp_song2000 had 3 million input spikes in 2
     * million cells, and its guard counted 21 MB for a file whose rates grew by 6).
     */
    public long spikeBytes(final long spikes, final long filed, final long steps)
    {
        final long n = Math.min(Math.max(0, spikes), maxSpikes);
        final long f = filed < 0 ? n : Math.min(filed, n);
        final long cells = rateBinSteps <= 0 || steps < 0 ? n : MemoryEstimate.saturatedMultiply((steps +
            rateBinSteps - 1) / rateBinSteps, ratePopulations);
        return MemoryEstimate.saturatedMultiply(n, RUN_RECORD_BYTES) +
            MemoryEstimate.saturatedMultiply(f, spikeFileBytes - RUN_RECORD_BYTES) +
            MemoryEstimate.saturatedMultiply(Math.min(n, cells), rateBytesPerSpike) + markBytes(n);
    }

    /** A spike's record in the run's own spike file, part of {@link #spikeFileBytes}. */
    static final int RUN_RECORD_BYTES = org.izhsim.network.record.SpikeFile.RECORD_BYTES;

    /**
     * What a spike may take on disk at most: {@link #bytesPerSpike()} and, where the figures are drawn, its mark in
     * raster.svg; what the spike buffers and the disk guard's checks are sized by.
     */
    public long bytesPerSpikeAtMost()
    {
        return bytesPerSpike() + (drawn ? SVG_BYTES_PER_MARK : 0);
    }

    /** What a spike takes on disk once the outputs are written: its spike files' bytes and its share of rates.csv. */
    public long bytesPerSpike()
    {
        return spikeFileBytes + rateBytesPerSpike;
    }

    private static int digits(final double value)
    {
        return Long.toString(Math.max(1L, (long)Math.floor(value))).length();
    }

    public long total()
    {
        return add(add(add(add(snapshotBytes, weightBytes), add(traceBytes, rateBytes)), figureBytes), connectionBytes);
    }

    /**
     * "the spikes, about 63 bytes each (and up to 60 more for each of the first 80,000 drawn, raster.svg's marks)":
     * sim run's and sim validate's words alike (validate named the marks and run did not); no marks without figures.
     */
    public String describeSpikes()
    {
        return String.format(Locale.ROOT, "the spikes, about %d bytes each%s", bytesPerSpike(), drawn ?
            String.format(Locale.ROOT, " (and up to %d more for each of the first %,d drawn, raster.svg's marks)",
                SVG_BYTES_PER_MARK, SVG_MARKS) : "");
    }

    /** "2.3 TB (weight snapshots 2.3 TB, traces 12 MB)", naming the parts that are there. */
    public String describe()
    {
        final List<String> parts = new ArrayList<>();
        if (snapshotBytes > 0)
        {
            // The peak: the file and its temporary copy until the run's folder is written. "31 weight snapshots
            // 992 MB" read as the files' size, where weight_snapshots.npy took 496 MB.
            parts.add(String.format(Locale.ROOT, "%,d weight snapshots %s, %s in the end and as much again until then " +
                "in a temporary file", snapshots, bytes(snapshotBytes), bytes(snapshotBytes / 2)));
        }
        if (connectionBytes > 0)
        {
            parts.add("connections files " + bytes(connectionBytes));
        }
        if (weightBytes > 0)
        {
            parts.add("final weights " + bytes(weightBytes));
        }
        if (traceBytes > 0)
        {
            parts.add("traces " + bytes(traceBytes));
        }
        if (rateBytes > 0)
        {
            parts.add("rates.csv " + bytes(rateBytes));
        }
        if (figureBytes > 0)
        {
            parts.add((drawn ? "figures and summary " : "summary ") + bytes(figureBytes));
        }
        return bytes(total()) + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    /** {@link MemoryEstimate#bytes} (which goes on to TB, PB and EB). */
    public static String bytes(final long bytes)
    {
        return MemoryEstimate.bytes(bytes);
    }

    private static long add(final long a, final long b)
    {
        return a + b < 0 ? Long.MAX_VALUE : a + b;
    }
}
