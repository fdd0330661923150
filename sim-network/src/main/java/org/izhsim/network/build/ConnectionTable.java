package org.izhsim.network.build;

import java.util.zip.CRC32C;

import org.izhsim.core.InputException;

/**
 * The synapses of one projection as given, not drawn: each a source, a target (global neuron ids), a delay in whole
 * ms and a weight, as a file of connections lists them (the projection's {@code connections:}; the weights and
 * connectivity a run wrote, or another simulator's). Kept by source: the synapses of source s are entries
 * {@code start[s - sourceFirst] .. start[s - sourceFirst + 1] - 1}, in ascending target order, and synapses of one
 * source and target keep the order they were given in (the matrix's builder sorts its rows stably by target, so the
 * order of weights.npy, source by source and target by target, is this order). Immutable.
 */
public final class ConnectionTable
{
    private final String label;
    private final int sourceFirst;
    private final int sourceSize;
    private final int[] start;
    private final int[] targets;
    private final short[] delays;
    private final float[] weights;
    private final int minTarget;
    private final int maxTarget;
    private final int minDelay;
    private final int maxDelay;
    private final float minWeight;
    private final float maxWeight;
    private final long checksum;
    /** The run's projection K that was read from a folder of several ({@code projection: K}), or 0. */
    private final int projectionInFile;
    /** Where a file holds the first lowest and highest weight ({@code file:line:column}), or null. */
    private final String minWeightPlace;
    private final String maxWeightPlace;

    /**
     * @param label       how messages and descriptions name it: the file as the config wrote it.
     * @param sourceFirst the projection's first source neuron.
     * @param sourceSize  its source neurons.
     * @param sources     per synapse, in the given order, its source: sourceFirst .. sourceFirst + sourceSize - 1.
     * @param targets     its target, a global id >= 0.
     * @param delays      its delay, 1 .. {@link Checks#MAX_DELAY} ms.
     * @param weights     its weight, finite.
     * @param count       the synapses: the first {@code count} entries of each array.
     * @throws InputException when a value is outside those ranges (a file's reader checks each as it reads it, with
     *                        its place; this is the Java API's check).
     */
    public static ConnectionTable of(final String label, final int sourceFirst, final int sourceSize, final int[] sources,
        final int[] targets, final int[] delays, final float[] weights, final int count)
    {
        if (count < 0 || count > sources.length || count > targets.length || count > delays.length ||
            count > weights.length)
        {
            throw new InputException(label + ": " + count + " synapses, but arrays of " + sources.length + ", " +
                targets.length + ", " + delays.length + " and " + weights.length + " entries");
        }
        final int[] start = new int[sourceSize + 1];
        for (int i = 0; i < count; i++)
        {
            final int s = sources[i] - sourceFirst;
            if (s < 0 || s >= sourceSize)
            {
                throw new InputException(label + ": synapse " + (i + 1) + "'s source " + sources[i] + " is not one of " +
                    "the projection's sources (" + sourceFirst + ".." + (sourceFirst + sourceSize - 1) + ")");
            }
            if (targets[i] < 0)
            {
                throw new InputException(label + ": synapse " + (i + 1) + "'s target " + targets[i] + " is negative");
            }
            if (delays[i] < 1 || delays[i] > Checks.MAX_DELAY)
            {
                throw new InputException(label + ": synapse " + (i + 1) + "'s delay " + delays[i] + " ms is not in 1.." +
                    Checks.MAX_DELAY + " ms");
            }
            if (!Float.isFinite(weights[i]))
            {
                throw new InputException(label + ": synapse " + (i + 1) + "'s weight " + weights[i] + " is not finite");
            }
            start[s + 1]++;
        }
        for (int s = 0; s < sourceSize; s++)
        {
            start[s + 1] += start[s];
        }
        // A counting sort by source keeps the given order within a source; then each source's run is sorted by
        // target, stably (a key of target and place).
        final int[] cursor = java.util.Arrays.copyOf(start, sourceSize);
        final int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[cursor[sources[i] - sourceFirst]++] = i;
        }
        final int[] sortedTargets = new int[count];
        final short[] sortedDelays = new short[count];
        final float[] sortedWeights = new float[count];
        long[] keys = new long[0];
        for (int s = 0; s < sourceSize; s++)
        {
            final int from = start[s];
            final int n = start[s + 1] - from;
            if (keys.length < n)
            {
                keys = new long[Math.max(n, 2 * keys.length)];
            }
            for (int j = 0; j < n; j++)
            {
                keys[j] = (long)targets[order[from + j]] << 32 | j;
            }
            java.util.Arrays.sort(keys, 0, n);
            for (int j = 0; j < n; j++)
            {
                final int i = order[from + (int)keys[j]];
                sortedTargets[from + j] = targets[i];
                sortedDelays[from + j] = (short)delays[i];
                sortedWeights[from + j] = weights[i];
            }
        }
        return new ConnectionTable(label, sourceFirst, sourceSize, start, sortedTargets, sortedDelays, sortedWeights);
    }

    private ConnectionTable(final String label, final int sourceFirst, final int sourceSize, final int[] start,
        final int[] targets, final short[] delays, final float[] weights)
    {
        this.label = label;
        this.sourceFirst = sourceFirst;
        this.sourceSize = sourceSize;
        this.start = start;
        this.targets = targets;
        this.delays = delays;
        this.weights = weights;
        int minT = Integer.MAX_VALUE;
        int maxT = -1;
        int minD = Integer.MAX_VALUE;
        int maxD = 0;
        float minW = Float.POSITIVE_INFINITY;
        float maxW = Float.NEGATIVE_INFINITY;
        final CRC32C crc = new CRC32C();
        final java.nio.ByteBuffer entry = java.nio.ByteBuffer.allocate(14);
        for (int s = 0; s < sourceSize; s++)
        {
            for (int j = start[s]; j < start[s + 1]; j++)
            {
                minT = Math.min(minT, targets[j]);
                maxT = Math.max(maxT, targets[j]);
                minD = Math.min(minD, delays[j]);
                maxD = Math.max(maxD, delays[j]);
                minW = Math.min(minW, weights[j]);
                maxW = Math.max(maxW, weights[j]);
                entry.clear();
                entry.putInt(sourceFirst + s).putInt(targets[j]).putShort(delays[j])
                    .putInt(Float.floatToRawIntBits(weights[j]));
                crc.update(entry.array(), 0, 14);
            }
        }
        this.minTarget = minT;
        this.maxTarget = maxT;
        this.minDelay = minD == Integer.MAX_VALUE ? 1 : minD;
        this.maxDelay = Math.max(1, maxD);
        this.minWeight = minW;
        this.maxWeight = maxW;
        this.checksum = crc.getValue();
        this.projectionInFile = 0;
        this.minWeightPlace = null;
        this.maxWeightPlace = null;
    }

    /**
     * {@code table}'s synapses, read as projection {@code k} of its run's folder (0: as {@code table} was), their
     * lowest and highest weights at the places given.
     */
    private ConnectionTable(final ConnectionTable table, final int k, final String minWeightPlace,
        final String maxWeightPlace)
    {
        this.label = table.label;
        this.sourceFirst = table.sourceFirst;
        this.sourceSize = table.sourceSize;
        this.start = table.start;
        this.targets = table.targets;
        this.delays = table.delays;
        this.weights = table.weights;
        this.minTarget = table.minTarget;
        this.maxTarget = table.maxTarget;
        this.minDelay = table.minDelay;
        this.maxDelay = table.maxDelay;
        this.minWeight = table.minWeight;
        this.maxWeight = table.maxWeight;
        this.checksum = table.checksum;
        this.projectionInFile = k;
        this.minWeightPlace = minWeightPlace;
        this.maxWeightPlace = maxWeightPlace;
    }

    /**
     * These synapses, their lowest and highest weights at the given places of the file they were read from ({@code
     * file:line:column}, or an array's element), so that a check of them points there; null where unknown.
     */
    public ConnectionTable withWeightPlaces(final String lowest, final String highest)
    {
        return new ConnectionTable(this, projectionInFile, lowest, highest);
    }

    /** Where the file holds the first of the lowest weights, or null (a table made in Java). */
    public String minWeightPlace()
    {
        return minWeightPlace;
    }

    /** Where the file holds the first of the highest weights, or null. */
    public String maxWeightPlace()
    {
        return maxWeightPlace;
    }

    /**
     * These synapses, marked as the run's projection {@code k} (from 1) of the folder {@link #label} names, which
     * holds several ({@code connections: {file: DIR, projection: K}}): summary.json's provenance names K beside the
     * folder, which alone does not say which synapses were read.
     */
    public ConnectionTable asProjection(final int k)
    {
        if (k < 1)
        {
            throw new IllegalArgumentException("a run's projections are numbered from 1, not " + k);
        }
        return new ConnectionTable(this, k, minWeightPlace, maxWeightPlace);
    }

    /** The file as the config wrote it, with the projection read from it if one was picked ("run1 (projection 2)"). */
    public String described()
    {
        return projectionInFile > 0 ? label + " (projection " + projectionInFile + ")" : label;
    }

    /** The run's projection K these synapses were read as ({@link #asProjection}), or 0 for the whole file. */
    public int projectionInFile()
    {
        return projectionInFile;
    }

    /** The file as the config wrote it. */
    public String label()
    {
        return label;
    }

    public int sourceFirst()
    {
        return sourceFirst;
    }

    public int sourceSize()
    {
        return sourceSize;
    }

    /** The synapses. */
    public int size()
    {
        return targets.length;
    }

    /** The first entry of source {@code source}'s synapses (a global id); {@link #end} its end. */
    public int first(final int source)
    {
        return start[source - sourceFirst];
    }

    public int end(final int source)
    {
        return start[source - sourceFirst + 1];
    }

    public int target(final int entry)
    {
        return targets[entry];
    }

    public int delay(final int entry)
    {
        return delays[entry];
    }

    public float weight(final int entry)
    {
        return weights[entry];
    }

    /** The lowest target, or Integer.MAX_VALUE without synapses; {@link #maxTarget} the highest, or -1. */
    public int minTarget()
    {
        return minTarget;
    }

    public int maxTarget()
    {
        return maxTarget;
    }

    /** The shortest delay (1 without synapses). */
    public int minDelay()
    {
        return minDelay;
    }

    /** The longest delay (1 without synapses). */
    public int maxDelay()
    {
        return maxDelay;
    }

    /** The lowest weight, or +infinity without synapses; {@link #maxWeight} the highest, or -infinity. */
    public float minWeight()
    {
        return minWeight;
    }

    public float maxWeight()
    {
        return maxWeight;
    }

    /** CRC-32C of the synapses in this order (source, target, delay, weight bits, big-endian). */
    public long checksum()
    {
        return checksum;
    }

    /**
     * Heap a synapse takes while a file of them is read: the four arrays in the file's order (16 bytes), then
     * beside them the table sorted by source (10) and the sort's order (4).
     */
    public static final long READ_BYTES_PER_SYNAPSE = 30;

    /** Bytes its arrays hold: an int per source and 10 per synapse. */
    public long bytes()
    {
        return 4L * start.length + 10L * targets.length;
    }

    /** Bytes its file took while read ({@link #READ_BYTES_PER_SYNAPSE}), which the table's own are part of. */
    public long readBytes()
    {
        return 4L * start.length + READ_BYTES_PER_SYNAPSE * targets.length;
    }

    /** The weight of entry {@code bits} mod the size: the matrix's builder gives each synapse its entry. */
    WeightRule weightRule()
    {
        final float[] w = weights;
        return bits -> w.length == 0 ? 0.0 : w[(int)Long.remainderUnsigned(bits, w.length)];
    }

    /**
     * Its synapses' count and checksum, not its path: MPI ranks compare their networks by such descriptions, and a
     * rank started in another folder names the same file otherwise.
     */
    @Override
    public String toString()
    {
        return String.format(java.util.Locale.ROOT, "connections(%d synapses, crc32c %08x)", size(), checksum);
    }
}
