package org.izhsim.config;

import java.util.Locale;

import org.izhsim.core.InputException;
import org.izhsim.network.build.PopulationSpec;
import org.snakeyaml.engine.v2.nodes.Node;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.exceptions.HdfInvalidPathException;

/**
 * A spike-times source population's times from a SONATA spike file (the spikes.h5 a run writes, or BMTK's and
 * other SONATA tools' input spikes): the group {@code /spikes/<population>}'s {@code timestamps} (ms, as the group's
 * or dataset's {@code units} attribute says when it says) and {@code node_ids} (counted from 0 within the population,
 * as SONATA numbers nodes and as this population's neurons are counted), read with jHDF. Each spike is checked: its
 * node among the population's, its time a whole number of ms (the network's step: BMTK's fractional times must be
 * rounded to the step first), within the run's steps and below a repeat period; the first that is not is named by its
 * dataset and element.
 */
final class SonataSpikeTimes
{
    private SonataSpikeTimes()
    {
    }

    /** Elements read at a time: jHDF gives a BigInteger per element of a uint64 array (SONATA's node_ids' type). */
    private static final int CHUNK = 1 << 18;

    static SpikeTimesReader.Read read(final NamedFile named, final YamlDocument document, final Node fileNode,
        final Node groupNode, final String context, final int size, final long repeatEveryMs, final String group)
    {
        final String name = named.name();
        final String base = "/spikes/" + group;
        try (HdfFile hdf = new HdfFile(named.file()))
        {
            final Dataset times;
            final Dataset ids;
            try
            {
                times = hdf.getDatasetByPath(base + "/timestamps");
                ids = hdf.getDatasetByPath(base + "/node_ids");
            }
            catch (final HdfInvalidPathException missing)
            {
                if (exists(hdf, base))
                {
                    throw new InputException(name + ": " + base + " lacks a timestamps or a node_ids dataset, which " +
                        "a SONATA spike file's group holds both of");
                }
                throw document.error(groupNode != null ? groupNode : fileNode, "'spike_times_ms' " + named.shown() +
                    " has no group " + base + " (" + groups(hdf) + "; a population that never fired, or that " +
                    "record.spike_populations left out, has no group in a run's spikes.h5)" + (groupNode == null ? "; name a group with {file: ..., population: NAME}" :
                    ""));
            }
            units(times, document, fileNode, named, base);
            final long count = times.getSize();
            for (final Dataset d : new Dataset[] {times, ids})
            {
                if (d.getDimensions().length != 1 && count > 0)
                {
                    throw new InputException(name + ": " + d.getPath() + " has " + d.getDimensions().length +
                        " dimensions; a SONATA spike file's datasets have one");
                }
            }
            if (ids.getSize() != count)
            {
                throw new InputException(name + ": " + base + " has " + count + " timestamps and " + ids.getSize() +
                    " node_ids");
            }
            SpikeTimesReader.requireRoom(document, fileNode, context, count, "timestamps in " + base);
            final int n = (int)count;
            final long[] time = new long[n];
            final int[] neuron = new int[n];
            final int[] element = new int[n];
            final int[] perNeuron = new int[size];
            final String at = name + ": " + base;
            for (int from = 0; from < n; from += CHUNK)
            {
                final int length = Math.min(CHUNK, n - from);
                final double[] t = doubles(times.getData(new long[] {from}, new int[] {length}), at + "/timestamps");
                final long[] id = longs(ids.getData(new long[] {from}, new int[] {length}), at + "/node_ids");
                for (int j = 0; j < length; j++)
                {
                    final int k = from + j;
                    if (id[j] < 0 || id[j] >= size)
                    {
                        throw new InputException(at + "/node_ids, element " + k + ": node " + (id[j] == Long.MAX_VALUE ?
                            "2^63 or more" : Long.toString(id[j])) + " is not in " + context + " (" + size +
                            " neurons, counted from 0)");
                    }
                    if (!(t[j] == Math.rint(t[j])))
                    {
                        throw new InputException(at + "/timestamps, element " + k + ": " + t[j] + " ms is not a " +
                            "whole number of ms, the network's step (round the times to the step each falls in first)");
                    }
                    if (Math.abs(t[j]) > Integer.MAX_VALUE)
                    {
                        throw new InputException(at + "/timestamps, element " + k + ": spike time " +
                            new java.math.BigDecimal(t[j]).toPlainString() + " ms is outside 0..2147483647 ms (the " +
                            "run's steps)");
                    }
                    time[k] = (long)t[j];
                    final String problem = PopulationSpec.spikeTimeProblem(new long[] {time[k]}, 0, repeatEveryMs);
                    if (problem != null)
                    {
                        throw new InputException(at + "/timestamps, element " + k + ": " + problem);
                    }
                    neuron[k] = (int)id[j];
                    element[k] = k;
                    perNeuron[neuron[k]]++;
                }
            }
            return new SpikeTimesReader.Read(SpikeTimesReader.byNeuron(time, neuron, element, perNeuron, n,
                k -> name + ": " + base + ", element " + k, "element", "node"), new SpikeTimesFile(named.path(),
                base, n, SpikeTimesReader.checksum(time, neuron, n)));
        }
        catch (final HdfException ex)
        {
            throw new InputException(name + ": cannot read it as a SONATA spike file (HDF5): " + ex.getMessage());
        }
    }

    private static boolean exists(final HdfFile hdf, final String path)
    {
        try
        {
            return hdf.getByPath(path) != null;
        }
        catch (final HdfInvalidPathException none)
        {
            return false;
        }
    }

    /** "its groups: exc, inh" of a file's /spikes, or what it lacks, for the refusal of a missing group. */
    private static String groups(final HdfFile hdf)
    {
        try
        {
            final io.jhdf.api.Node spikes = hdf.getByPath("/spikes");
            if (spikes instanceof io.jhdf.api.Group g)
            {
                return g.getChildren().isEmpty() ? "its /spikes has no group" : "its groups: " +
                    String.join(", ", g.getChildren().keySet());
            }
            return "its /spikes is not a group";
        }
        catch (final HdfInvalidPathException none)
        {
            return "it has no /spikes group";
        }
    }

    /** The {@code units} of the timestamps (on the dataset, or on the group as older writers put it): ms if given. */
    private static void units(final Dataset times, final YamlDocument document, final Node fileNode,
        final NamedFile named, final String base)
    {
        Attribute units = times.getAttribute("units");
        if (units == null && times.getParent() != null)
        {
            units = times.getParent().getAttribute("units");
        }
        if (units == null)
        {
            return;
        }
        final Object data = units.getData();
        // A one-element array of strings printed as [Ljava.lang.String;@60704c.
        final String text = data instanceof Object[] array && array.length == 1 ? String.valueOf(array[0]) :
            String.valueOf(data);
        if (!"ms".equals(text.trim().toLowerCase(Locale.ROOT)))
        {
            throw document.error(fileNode, "'spike_times_ms' " + named.shown() + ": " + base + "/timestamps are in " +
                YamlDocument.quoted(text) + ", not ms");
        }
    }

    /** Times of any number type jHDF reads: double[] as it is, float[] and integers widened. */
    private static double[] doubles(final Object data, final String what)
    {
        if (data instanceof double[] d)
        {
            return d;
        }
        if (data instanceof float[] f)
        {
            final double[] d = new double[f.length];
            for (int k = 0; k < f.length; k++)
            {
                d[k] = f[k];
            }
            return d;
        }
        final long[] l = longs(data, what);
        final double[] d = new double[l.length];
        for (int k = 0; k < l.length; k++)
        {
            d[k] = l[k];
        }
        return d;
    }

    /**
     * Integers of any width jHDF reads: long[] as it is, int[], short[] and byte[] widened, and uint64 beyond a long
     * (BigInteger[]) as Long.MAX_VALUE, named "2^63 or more" (it was -1, shown as 18446744073709551615).
     */
    private static long[] longs(final Object data, final String what)
    {
        if (data instanceof long[] l)
        {
            return l;
        }
        if (data instanceof int[] || data instanceof short[] || data instanceof byte[])
        {
            final long[] l = new long[java.lang.reflect.Array.getLength(data)];
            for (int k = 0; k < l.length; k++)
            {
                l[k] = java.lang.reflect.Array.getLong(data, k);
            }
            return l;
        }
        if (data instanceof Object[] big && (big.length == 0 || big[0] instanceof java.math.BigInteger))
        {
            final long[] l = new long[big.length];
            for (int k = 0; k < big.length; k++)
            {
                final java.math.BigInteger v = (java.math.BigInteger)big[k];
                l[k] = v.bitLength() < 63 ? v.longValue() : Long.MAX_VALUE;
            }
            return l;
        }
        throw new InputException(what + ": a one-dimensional array of numbers expected, got " +
            (data == null ? "nothing" : data.getClass().getSimpleName()));
    }
}
