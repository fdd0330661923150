package org.izhsim.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import org.izhsim.network.PopulationLookup;
import org.izhsim.network.PopulationRange;

/**
 * spikes.h5: a run's spikes in the SONATA spike-file format (HDF5), which bmtk, NEST's SONATA reader and
 * Elephant/Neo pipelines load. Layout, from the SONATA specification (github.com/AllenInstitute/sonata,
 * docs/SONATA_DEVELOPER_GUIDE.md, "Spike file"):
 * <pre>
 * /spikes                        group
 * /spikes/&lt;population&gt;           group
 * /spikes/&lt;population&gt;/timestamps float64, ms, attribute units = "ms"
 * /spikes/&lt;population&gt;/node_ids   uint64
 * </pre>
 * One SONATA node population per population of the network, named like it. A SONATA node id counts within
 * its population, so node_id = neuron - the population's first neuron (spikes.csv has the network-wide id).
 * Spikes of neurons in no population (possible only from the Java API) go to a population named
 * {@value #UNASSIGNED} with network-wide ids. Spikes come in (time, neuron) order, so every population's are
 * sorted by time. A population that fired no spike has no group: jHDF 0.13 cannot write an empty dataset (it
 * takes the type from the first element), and SONATA readers treat a missing population as one without
 * spikes (bmtk's SpikeTrains, libsonata's SpikeReader list the populations present). The specification's optional
 * {@code sorting} attribute is an HDF5 enum (none, by_id, by_time), which jHDF 0.13 cannot write: the string "by_time"
 * written until 2026-12-06 made libsonata's SpikeReader fail (it reads the attribute into its enum type; src/
 * report_reader.cpp), so none is written and readers take the spikes as unsorted (they are sorted by time).
 */
public final class SonataSpikes
{
    /** Population of the spikes of neurons outside every network population. */
    static final String UNASSIGNED = "unassigned";
    /**
     * Heap that {@link #write} takes per spike: the times (8 B) and ids (8 B) jHDF writes from, held until the
     * file closes, and jHDF's encoded copy of a dataset while it writes it. Measured 28.8-32.9 B above the heap in
     * use before (5 and 20 million spikes, sum of the heap pools' peaks).
     */
    static final long HEAP_BYTES_PER_SPIKE = 32;

    private SonataSpikes()
    {
    }

    /** The heap {@link #write} needs for {@code spikes} spikes, about. */
    public static long heapBytes(final long spikes)
    {
        return HEAP_BYTES_PER_SPIKE * spikes;
    }

    public static void write(final Path file, final SpikeList spikes, final List<PopulationRange> populations)
    {
        final PopulationRange[] pops = populations.toArray(new PopulationRange[0]);
        final PopulationLookup lookup = new PopulationLookup(pops);
        // The only copy is the times and ids jHDF writes from: it holds every dataset's array until close(). They are
        // filled in one pass over the spikes (a pass per population took minutes for 100 populations).
        final int[] counts = new int[pops.length + 1];
        for (int k = 0; k < spikes.count(); k++)
        {
            counts[populationOf(lookup, spikes.id(k))]++;
        }
        final double[][] times = new double[pops.length + 1][];
        final long[][] ids = new long[pops.length + 1][];
        for (int p = 0; p <= pops.length; p++)
        {
            times[p] = new double[counts[p]];
            ids[p] = new long[counts[p]];
        }
        final int[] at = new int[pops.length + 1];
        for (int k = 0; k < spikes.count(); k++)
        {
            final int id = spikes.id(k);
            final int p = populationOf(lookup, id);
            times[p][at[p]] = spikes.time(k);
            ids[p][at[p]++] = id - (p < pops.length ? pops[p].first() : 0);
        }
        try
        {
            // jHDF cannot open an existing file for writing (it would misread it): only a new file is written.
            Files.deleteIfExists(file);
            try (WritableHdfFile hdf = HdfFile.write(file))
            {
                // jHDF 0.8.1+ gives every file's root an attribute "_jHDF" naming itself: not part of SONATA's layout.
                hdf.removeAttribute("_jHDF");
                final WritableGroup root = hdf.putGroup("spikes");
                for (int p = 0; p <= pops.length; p++)
                {
                    if (counts[p] == 0)
                    {
                        continue;
                    }
                    final WritableGroup group = root.putGroup(p < pops.length ? pops[p].name() : UNASSIGNED);
                    final WritableDataset timestamps = group.putDataset("timestamps", times[p]);
                    timestamps.putAttribute("units", "ms");
                    group.putDataset("node_ids", ids[p], DatasetCreationOptions.builder().unsigned().build());
                }
            }
            // jHDF's fill value properties make the HDF5 library refuse to copy the datasets (h5repack -f GZIP=6).
            Hdf5FillTime.repair(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        catch (final HdfException ex)
        {
            // jHDF wraps a failed write (a full disk) in its own unchecked exception: report it as an I/O failure.
            final IOException io = IoFailures.rootIoException(ex);
            if (io == null)
            {
                throw ex;
            }
            throw new UncheckedIOException("cannot write " + file + ": " + io.getMessage(), io);
        }
    }

    /** Index of the neuron's population, or pops.length for a neuron in none. */
    private static int populationOf(final PopulationLookup pops, final int neuron)
    {
        final int p = pops.indexOf(neuron);
        return p >= 0 ? p : pops.size();
    }
}
