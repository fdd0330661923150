package org.izhsim.network.build;

import java.util.EnumSet;
import java.util.Set;

/**
 * The files a network run writes its spikes to ({@code record: spike_files}), each of them all the spikes: a long
 * run's spikes take gigabytes in each, and one format is often all a study reads.
 */
public enum SpikeFormat
{
    /** spikes.csv: t_ms, neuron, population per line. */
    CSV("csv", 0),
    /** spike_times_ms.npy (float64) and spike_ids.npy (int32). */
    NPY("npy", 12),
    /** spikes.h5, SONATA: its timestamps (float64) and node ids (uint64). */
    H5("h5", 16);

    /** Every format: the default. */
    public static final Set<SpikeFormat> ALL = Set.copyOf(EnumSet.allOf(SpikeFormat.class));

    private final String yamlName;
    private final int binaryBytes;

    SpikeFormat(final String yamlName, final int binaryBytes)
    {
        this.yamlName = yamlName;
        this.binaryBytes = binaryBytes;
    }

    /** Its name in an experiment file. */
    public String yamlName()
    {
        return yamlName;
    }

    /** Bytes per spike of a binary format (0 for the CSV, whose line the plan's digits and names give). */
    int binaryBytes()
    {
        return binaryBytes;
    }
}
