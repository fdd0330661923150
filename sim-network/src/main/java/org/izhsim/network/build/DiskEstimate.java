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
 * @param weightBytes   weights.npy, synapse_sources.npy, synapse_targets.npy and synapse_delays_ms.npy.
 * @param traceBytes    traces.csv: a line per traced neuron and step.
 */
public record DiskEstimate(long snapshots, long snapshotBytes, long weightBytes, long traceBytes)
{
    /** An .npy file's header (the writer pads it to 128 bytes). */
    static final int NPY_HEADER_BYTES = 128;
    /** A traces.csv line's time and neuron columns, commas and newline, at most (19 digits each, 4 separators). */
    static final int TRACE_LINE_BYTES = 2 * 19 + 4;
    /** A rounded float of traces.csv (6 significant digits), its sign, point and exponent, at most. */
    static final int TRACE_VALUE_BYTES = 14;
    /**
     * Disk bytes per spike while the outputs are written (measured on spnet2006, 14,009 spikes in 2 s, and
     * rounded up for long runs): its record in the run's spike file (8), spikes.csv (time, neuron and population,
     * 12 bytes at t &lt; 10 s, up to 40 at longer times and larger ids and names), spike_times_ms.npy (8),
     * spike_ids.npy (4), spikes.h5 (16 and the file's structure).
     */
    public static final int BYTES_PER_SPIKE = 80;

    /**
     * @param steps        steps of the run.
     * @param traceColumns values per line of traces.csv (the recorded variables).
     */
    public static DiskEstimate of(final NetworkPlan plan, final long steps, final int traceColumns)
    {
        final long plastic = plan.plasticity() == null ? 0 : Math.round(plan.expectedPlasticSynapses());
        final long snapshots = plan.weightSnapshots(steps);
        final long snapshotBytes = plastic == 0 ? 0 :
            add(MemoryEstimate.saturatedMultiply(2, MemoryEstimate.saturatedMultiply(snapshots, 4 * plastic)),
                2 * NPY_HEADER_BYTES);
        final long weightBytes = plastic == 0 ? 0 : 4 * (NPY_HEADER_BYTES + 4 * plastic);
        final long lines = MemoryEstimate.saturatedMultiply(plan.tracedNeurons().length, steps);
        final long traceBytes = MemoryEstimate.saturatedMultiply(lines,
            TRACE_LINE_BYTES + (long)TRACE_VALUE_BYTES * traceColumns);
        return new DiskEstimate(snapshots, snapshotBytes, weightBytes, traceBytes);
    }

    public long total()
    {
        return add(add(snapshotBytes, weightBytes), traceBytes);
    }

    /** "2.3 TB (weight snapshots 2.3 TB, traces 12 MB)", naming the parts that are there. */
    public String describe()
    {
        final List<String> parts = new ArrayList<>();
        if (snapshotBytes > 0)
        {
            parts.add(String.format(Locale.ROOT, "%,d weight snapshots %s", snapshots, bytes(snapshotBytes)));
        }
        if (weightBytes > 0)
        {
            parts.add("final weights " + bytes(weightBytes));
        }
        if (traceBytes > 0)
        {
            parts.add("traces " + bytes(traceBytes));
        }
        return bytes(total()) + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    /** {@link MemoryEstimate#bytes}, with terabytes. */
    public static String bytes(final long bytes)
    {
        return bytes >= 1_000_000_000_000L ? String.format(Locale.ROOT, "%.1f TB", bytes / 1e12) :
            MemoryEstimate.bytes(bytes);
    }

    private static long add(final long a, final long b)
    {
        return a + b < 0 ? Long.MAX_VALUE : a + b;
    }
}
