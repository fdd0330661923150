package org.izhsim.network.synapse;

import java.util.function.IntPredicate;

import org.izhsim.network.build.TargetPartition;

/**
 * All synapses of a network in compressed rows, one matrix per target block (see {@link TargetPartition}).
 * <p>
 * Block b has rows only for the sources of its window {@code firstSource(b) .. endSource(b) - 1} (the sources of
 * the projections that reach it), so its row index grows with those, not with N. In block b the synapses of
 * source s with delay d, with {@code l = s - firstSource(b)}, are the entries
 * {@code rowStart(b)[l * D + d - 1] .. rowStart(b)[l * D + d] - 1} of {@code targets(b)} (16-bit offsets
 * from the block's first neuron, ascending within a row) and {@code weights(b)}. A spike of s fired d steps
 * ago is delivered by one linear walk of that row. Rows of one source are adjacent, delays ascending, so a
 * source's synapses in a block are one contiguous run. Storage is 6 bytes per synapse plus one int and one bit
 * per (block, source of its window, delay).
 * <p>
 * Written only during construction by {@link SynapseMatrixBuilder}; read-only while the network runs, each
 * block by the one worker thread that owns it.
 */
public final class SynapseMatrix
{
    private final TargetPartition partition;
    private final int maxDelay;
    private final int[][] rowStart;
    private final char[][] targets;
    private final float[][] weights;
    private final long[][] contiguousRows;
    private final int[][] sourceWindows;
    private final boolean[] anyContiguous;

    SynapseMatrix(final TargetPartition partition, final int maxDelay, final int[][] sourceWindows,
        final int[][] rowStart, final char[][] targets, final float[][] weights, final long[][] contiguousRows)
    {
        this.sourceWindows = sourceWindows;
        this.contiguousRows = contiguousRows;
        this.partition = partition;
        this.maxDelay = maxDelay;
        this.rowStart = rowStart;
        this.targets = targets;
        this.weights = weights;
        anyContiguous = new boolean[contiguousRows.length];
        for (int b = 0; b < contiguousRows.length; b++)
        {
            for (final long word : contiguousRows[b])
            {
                anyContiguous[b] |= word != 0;
            }
        }
    }

    public TargetPartition partition()
    {
        return partition;
    }

    /** D: the longest delay in steps; rows exist for delays 1..D. */
    public int maxDelay()
    {
        return maxDelay;
    }

    /** The first source with rows in the block. */
    public int firstSource(final int block)
    {
        return sourceWindows[block][0];
    }

    /** One past the last source with rows in the block. */
    public int endSource(final int block)
    {
        return sourceWindows[block][1];
    }

    /** What {@link #forEachInSourceOrder} hands over per synapse: its block, its index in the block's arrays, its source and delay. */
    @FunctionalInterface
    public interface SynapseVisitor
    {
        void visit(int block, int index, int source, int delay);
    }

    /**
     * Visits the synapses of the sources {@code include} accepts by source, then delay, then block (so targets
     * ascend): one order whatever the thread count, the order of every export (weights.npy, checkpoints of plastic
     * weights, the bench's C peer). Not for the step loop.
     */
    public void forEachInSourceOrder(final IntPredicate include, final SynapseVisitor visitor)
    {
        final int blocks = partition.blocks();
        for (int s = 0; s < partition.neurons(); s++)
        {
            if (!include.test(s))
            {
                continue;
            }
            for (int d = 1; d <= maxDelay; d++)
            {
                for (int b = 0; b < blocks; b++)
                {
                    if (s < firstSource(b) || s >= endSource(b))
                    {
                        continue;
                    }
                    final int row = (s - firstSource(b)) * maxDelay + d - 1;
                    final int[] start = rowStart(b);
                    for (int j = start[row]; j < start[row + 1]; j++)
                    {
                        visitor.visit(b, j, s, d);
                    }
                }
            }
        }
    }

    public int[] rowStart(final int block)
    {
        return rowStart[block];
    }

    public char[] targets(final int block)
    {
        return targets[block];
    }

    public float[] weights(final int block)
    {
        return weights[block];
    }

    /**
     * Bit r of word r / 64 is set when row r's targets are consecutive neurons (all_to_all, one row per source):
     * such a row is delivered by a vectorised add instead of a scatter.
     */
    public long[] contiguousRows(final int block)
    {
        return contiguousRows[block];
    }

    /**
     * Whether any row of the block is contiguous. Random sparse blocks have none: delivery then skips the
     * look-up of each row's bit, a cache miss per row once the bit set outgrows the cache (2.5 MB per block at
     * 10^6 sources x 20 delays).
     */
    public boolean hasContiguousRows(final int block)
    {
        return anyContiguous[block];
    }

    public long synapseCount()
    {
        long count = 0;
        for (final char[] t : targets)
        {
            count += t.length;
        }
        return count;
    }

    /** Synapses leaving one neuron, all blocks and delays. */
    public int outDegree(final int source)
    {
        int degree = 0;
        for (int b = 0; b < rowStart.length; b++)
        {
            final int local = source - sourceWindows[b][0];
            if (local >= 0 && source < sourceWindows[b][1])
            {
                degree += rowStart[b][(local + 1) * maxDelay] - rowStart[b][local * maxDelay];
            }
        }
        return degree;
    }

    /** Bytes of the arrays that hold the synapses: targets, weights and row offsets. */
    public long bytes()
    {
        long bytes = 0;
        for (int b = 0; b < targets.length; b++)
        {
            bytes += 2L * targets[b].length + 4L * weights[b].length + 4L * rowStart[b].length +
                8L * contiguousRows[b].length;
        }
        return bytes;
    }
}
