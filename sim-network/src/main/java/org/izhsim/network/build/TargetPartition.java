package org.izhsim.network.build;

/**
 * The split of the neurons 0..N-1 into target blocks and of the blocks into worker threads.
 * <p>
 * A block holds at most 65,536 neurons so a synapse can name its target by a 16-bit local index (a char);
 * each worker owns a contiguous run of whole blocks, hence a contiguous range of neurons, and every
 * synapse ending in it. The number of blocks is the smallest multiple of the thread count that respects
 * the block size, and blocks are as equal as integer division allows. Immutable.
 */
public final class TargetPartition
{
    /** Largest block: targets are stored as unsigned 16-bit offsets from the block start. */
    public static final int MAX_BLOCK_SIZE = 1 << 16;

    private final int neurons;
    private final int threads;
    private final int[] blockStart;
    private final int[] firstBlockOfThread;
    private final int[] blockOfNeuron;

    public TargetPartition(final int neurons, final int threads)
    {
        if (neurons < 1 || threads < 1)
        {
            throw new IllegalArgumentException("neurons " + neurons + ", threads " + threads);
        }
        this.neurons = neurons;
        this.threads = threads;
        final int blocks = blockCount(neurons, threads);
        blockStart = new int[blocks + 1];
        for (int b = 0; b <= blocks; b++)
        {
            blockStart[b] = blockStart(b, neurons, blocks);
        }
        firstBlockOfThread = new int[threads + 1];
        for (int t = 0; t <= threads; t++)
        {
            firstBlockOfThread[t] = t * (blocks / threads);
        }
        blockOfNeuron = new int[neurons];
        for (int b = 0; b < blocks; b++)
        {
            java.util.Arrays.fill(blockOfNeuron, blockStart[b], blockStart[b + 1], b);
        }
    }

    /** The number of blocks of N neurons for T threads, computed without building the partition. */
    public static int blockCount(final int neurons, final int threads)
    {
        final int minBlocks = (int)((neurons + (long)MAX_BLOCK_SIZE - 1) / MAX_BLOCK_SIZE);
        return (int)(((minBlocks + (long)threads - 1) / threads) * threads);
    }

    /** First neuron of block b of {@code blocks}: blocks are as equal as integer division allows. */
    public static int blockStart(final int block, final int neurons, final int blocks)
    {
        return (int)((long)block * neurons / blocks);
    }

    /**
     * The sources that have synapses in each block, as one window {first, end} per block: the union of the
     * source ranges of the projections whose targets meet the block ({0, 0} when none do). A block's row
     * index covers only its window, so it grows with the sources that reach the block, not with N.
     */
    public static int[][] sourceWindows(final int neurons, final int blocks, final java.util.List<ResolvedProjection> projections)
    {
        final int[][] windows = new int[blocks][2];
        for (int b = 0; b < blocks; b++)
        {
            final int first = blockStart(b, neurons, blocks);
            final int end = blockStart(b + 1, neurons, blocks);
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            for (final ResolvedProjection p : projections)
            {
                if (p.targetFirst() < end && first < p.targetFirst() + p.targetSize())
                {
                    lo = Math.min(lo, p.sourceFirst());
                    hi = Math.max(hi, p.sourceFirst() + p.sourceSize());
                }
            }
            windows[b][0] = hi > 0 ? lo : 0;
            windows[b][1] = hi;
        }
        return windows;
    }

    public int neurons()
    {
        return neurons;
    }

    public int threads()
    {
        return threads;
    }

    public int blocks()
    {
        return blockStart.length - 1;
    }

    public int blockStart(final int block)
    {
        return blockStart[block];
    }

    /** Neurons of block {@code block}. */
    public int blockSize(final int block)
    {
        return blockStart[block + 1] - blockStart[block];
    }

    public int blockOf(final int neuron)
    {
        return blockOfNeuron[neuron];
    }

    public int firstBlock(final int thread)
    {
        return firstBlockOfThread[thread];
    }

    /** One past the last block of the thread. */
    public int endBlock(final int thread)
    {
        return firstBlockOfThread[thread + 1];
    }

    /** First neuron owned by the thread. */
    public int firstNeuron(final int thread)
    {
        return blockStart[firstBlockOfThread[thread]];
    }

    /** One past the last neuron owned by the thread. */
    public int endNeuron(final int thread)
    {
        return blockStart[firstBlockOfThread[thread + 1]];
    }
}
