package org.izhsim.network.synapse;

import java.util.Arrays;
import java.util.List;

import org.izhsim.core.InputException;
import org.izhsim.network.build.PartnerSampler;
import org.izhsim.network.build.ResolvedProjection;
import org.izhsim.network.build.TargetPartition;
import org.izhsim.network.random.CounterRandom;

/**
 * Builds a {@link SynapseMatrix} in parallel, identical whatever the number of threads.
 * <p>
 * Every synapse is drawn from random bits keyed by (seed, projection, purpose, neuron): the partners of a
 * source (or of a target, for fixed_indegree) and each partner's delay and weight. Construction walks the
 * projections twice with the same keys: a counting pass sizes every (block, source, delay) row, then, after a
 * prefix sum turns counts into row offsets, a fill pass writes targets and weights straight into place.
 * Nothing is boxed and nothing is allocated per synapse; the random draws are repeated instead of stored.
 * <p>
 * Races are excluded by ownership: per-source projections split the work by source and a row belongs to one
 * source; fixed_indegree splits it by target block and writes only that block's arrays. Within a row,
 * entries come in projection order and, inside a projection, in ascending partner order; a final pass sorts
 * rows by target (stably) where several projections meet. The result depends on neither thread count nor
 * scheduling.
 */
public final class SynapseMatrixBuilder
{
    private static final int SOURCE_CHUNK = 256;

    private final TargetPartition partition;
    private final List<ResolvedProjection> projections;
    private final long seed;
    private final int threads;
    /** The blocks built: all unless {@link #onlyBlocks} narrows them. */
    private int ownedFirst;
    private int ownedEnd;
    private final int maxDelay;
    private final int neurons;
    /** Per block, {first, end} of the sources with rows in it. */
    private final int[][] windows;

    /**
     * @param partition   target blocks and their owning workers.
     * @param projections all projections, in declaration order.
     * @param windows     per block, {first, end} of the sources of the projections that reach it
     *                    ({@link TargetPartition#sourceWindows}).
     * @param seed        the network's seed.
     * @param threads     construction threads (the same as the run's, usually).
     */
    public SynapseMatrixBuilder(final TargetPartition partition, final List<ResolvedProjection> projections,
        final int[][] windows, final long seed, final int threads)
    {
        this(partition, projections, windows, seed, threads, 1);
    }

    /**
     * As above, with rows for delays 1..max(minMaxDelay, the projections' longest): a matrix that holds only
     * some of the network's projections keeps the network's D (its spike ring's depth).
     */
    public SynapseMatrixBuilder(final TargetPartition partition, final List<ResolvedProjection> projections,
        final int[][] windows, final long seed, final int threads, final int minMaxDelay)
    {
        this.windows = windows;
        this.partition = partition;
        this.projections = projections;
        this.seed = seed;
        this.threads = threads;
        this.neurons = partition.neurons();
        this.ownedEnd = partition.blocks();
        int delay = Math.max(1, minMaxDelay);
        for (final ResolvedProjection p : projections)
        {
            delay = Math.max(delay, p.delay().max());
        }
        this.maxDelay = delay;
    }

    /**
     * Builds only the blocks {@code first .. end - 1} (a rank's slice): the others get no rows and no synapses.
     * Every synapse is still drawn from the same keys, so the built blocks are those of a whole build.
     */
    public SynapseMatrixBuilder onlyBlocks(final int first, final int end)
    {
        for (int b = 0; b < windows.length; b++)
        {
            if (b < first || b >= end)
            {
                windows[b] = new int[] {0, 0};
            }
        }
        ownedFirst = first;
        ownedEnd = end;
        return this;
    }

    public SynapseMatrix build()
    {
        final int blocks = partition.blocks();
        final int[][] rowStart = new int[blocks][];
        ParallelChunks.run(threads, blocks, 1, (from, to, worker) ->
        {
            for (int b = from; b < to; b++)
            {
                rowStart[b] = new int[rows(b) + 1];
            }
        });
        final PartnerSampler[] samplers = new PartnerSampler[threads];
        for (int w = 0; w < threads; w++)
        {
            samplers[w] = new PartnerSampler();
        }

        // Counting pass: rowStart[b][r + 1] counts row r of block b.
        walk(samplers, (block, row, target, weightBits) -> rowStart[block][row + 1]++);

        final char[][] targets = new char[blocks][];
        final float[][] weights = new float[blocks][];
        ParallelChunks.run(threads, blocks, 1, (from, to, worker) ->
        {
            for (int b = from; b < to; b++)
            {
                final int[] offsets = rowStart[b];
                final int rows = rows(b);
                long total = 0;
                for (int r = 1; r <= rows; r++)
                {
                    total += offsets[r];
                    if (total > Integer.MAX_VALUE - 16)
                    {
                        throw new InputException("more than " + (Integer.MAX_VALUE - 16) + " synapses end in one block of " +
                            (partition.blockStart(b + 1) - partition.blockStart(b)) + " neurons: use more threads");
                    }
                    offsets[r] = (int)total;
                }
                targets[b] = new char[(int)total];
                weights[b] = new float[(int)total];
            }
        });

        // Fill pass: the same draws, now written at each row's cursor. The row's start serves as its cursor
        // (a copy of the row index would be build scratch as large as the index: 1.3 GB at 10^6 neurons), so
        // afterwards rowStart[r] holds the end of row r, the start of row r + 1: one shift restores the index.
        final ResolvedProjection[] current = new ResolvedProjection[1];
        walk(samplers, (block, row, target, weightBits) ->
        {
            final int at = rowStart[block][row]++;
            targets[block][at] = (char)(target - partition.blockStart(block));
            final double drawn = current[0].weight().weight(weightBits);
            final float weight = (float)drawn;
            if (!Float.isFinite(weight))
            {
                // A WeightRule lambda of the Java API is checked here, as it is drawn (weight(bits -> Double.NaN) ran
                // into a "numerical blow-up" blaming the input); the config's rules are checked before the build.
                // At the weight's place in the file, which the check on 4097 values of r may miss (a narrow peak).
                final String origin = current[0].weightOrigin();
                throw new InputException((origin != null ? origin + ": " : "") + "the weight rule of " +
                    current[0].name() + " gave " + org.izhsim.core.ShortestDecimal.typed(drawn) + " for a synapse " +
                    "onto neuron " + target + ": a weight must be a finite float (within +-3.4e38)");
            }
            weights[block][at] = weight;
        }, current);

        ParallelChunks.run(threads, blocks, 1, (from, to, worker) ->
        {
            for (int b = from; b < to; b++)
            {
                System.arraycopy(rowStart[b], 0, rowStart[b], 1, rowStart[b].length - 1);
                rowStart[b][0] = 0;
            }
        });

        final long[][] contiguous = new long[blocks][];
        final int[] firstItem = new int[blocks + 1];
        for (int b = 0; b < blocks; b++)
        {
            contiguous[b] = new long[(rows(b) + 63) >>> 6];
            firstItem[b + 1] = firstItem[b] + chunks(windows[b][1] - windows[b][0]);
        }
        // Chunks of 256 sources span whole 64-bit words of the contiguity bit set (256 * D rows), so no word is shared.
        ParallelChunks.run(threads, firstItem[blocks], 1, (from, to, worker) ->
        {
            final RowSorter sorter = new RowSorter();
            int b = 0;
            for (int item = from; item < to; item++)
            {
                while (item >= firstItem[b + 1])
                {
                    b++;
                }
                final int sources = windows[b][1] - windows[b][0];
                final int firstSource = (item - firstItem[b]) * SOURCE_CHUNK;
                final int endRow = Math.min(sources, firstSource + SOURCE_CHUNK) * maxDelay;
                for (int r = firstSource * maxDelay; r < endRow; r++)
                {
                    sorter.sort(targets[b], weights[b], rowStart[b][r], rowStart[b][r + 1]);
                    if (isContiguous(targets[b], rowStart[b][r], rowStart[b][r + 1]))
                    {
                        contiguous[b][r >>> 6] |= 1L << r;
                    }
                }
            }
        });
        return new SynapseMatrix(partition, maxDelay, windows, rowStart, targets, weights, contiguous);
    }

    /** Rows of block b: D per source of its window. */
    private int rows(final int b)
    {
        return Math.multiplyExact(windows[b][1] - windows[b][0], maxDelay);
    }

    /**
     * Receives one synapse of a pass: its block, its row ((source - the block's first source) * D + delay - 1),
     * its target and weight bits.
     */
    @FunctionalInterface
    private interface SynapseVisitor
    {
        void visit(int block, int row, int target, long weightBits);
    }

    private void walk(final PartnerSampler[] samplers, final SynapseVisitor visitor)
    {
        walk(samplers, visitor, new ResolvedProjection[1]);
    }

    private void walk(final PartnerSampler[] samplers, final SynapseVisitor all, final ResolvedProjection[] current)
    {
        final SynapseVisitor visitor = ownedFirst == 0 && ownedEnd >= partition.blocks() ? all :
            (block, row, target, weightBits) ->
            {
                if (block >= ownedFirst && block < ownedEnd)
                {
                    all.visit(block, row, target, weightBits);
                }
            };
        for (final ResolvedProjection p : projections)
        {
            current[0] = p;
            if (p.targetCentric())
            {
                // Whole blocks per worker: a block's rows are then written by one thread only.
                ParallelChunks.run(threads, ownedEnd - ownedFirst, 1, (from, to, worker) ->
                {
                    for (int b = ownedFirst + from; b < ownedFirst + to; b++)
                    {
                        final int first = Math.max(p.targetFirst(), partition.blockStart(b));
                        final int end = Math.min(p.targetFirst() + p.targetSize(), partition.blockStart(b + 1));
                        for (int target = first; target < end; target++)
                        {
                            visit(samplers[worker], p, target, visitor);
                        }
                    }
                });
            }
            else
            {
                ParallelChunks.run(threads, p.sourceSize(), SOURCE_CHUNK, (from, to, worker) ->
                {
                    for (int s = p.sourceFirst() + from; s < p.sourceFirst() + to; s++)
                    {
                        visit(samplers[worker], p, s, visitor);
                    }
                });
            }
        }
    }

    /** Receives one synapse of a projection as drawn: source, target, delay (steps) and its weight's bits. */
    @FunctionalInterface
    public interface DrawnSynapse
    {
        void synapse(int source, int target, int delay, long weightBits);
    }

    /**
     * Every synapse of projection {@code p} of a network of {@code seed}, as the builder draws them (the same keys,
     * the same order: source by source, or target by target for fixed_indegree; partners ascending), without
     * building anything: its weight is {@code p.weight().weight(weightBits)}. One sampler per thread.
     */
    public static void forEachSynapse(final ResolvedProjection p, final long seed, final PartnerSampler sampler,
        final DrawnSynapse sink)
    {
        final int first = p.targetCentric() ? p.targetFirst() : p.sourceFirst();
        final int size = p.targetCentric() ? p.targetSize() : p.sourceSize();
        for (int neuron = first; neuron < first + size; neuron++)
        {
            draw(sampler, p, seed, neuron, sink);
        }
    }

    private void visit(final PartnerSampler sampler, final ResolvedProjection p, final int neuron,
        final SynapseVisitor visitor)
    {
        draw(sampler, p, seed, neuron, (source, target, delay, weightBits) ->
        {
            final int block = partition.blockOf(target);
            visitor.visit(block, (source - windows[block][0]) * maxDelay + delay - 1, target, weightBits);
        });
    }

    /** The synapses of {@code neuron}: its targets', or for fixed_indegree its sources'. */
    private static void draw(final PartnerSampler sampler, final ResolvedProjection p, final long seed,
        final int neuron, final DrawnSynapse sink)
    {
        final org.izhsim.network.build.ConnectionTable table = p.rule().connections();
        if (table != null)
        {
            // Given synapses: entry e's delay, and e as the weight's bits (the table's weight rule reads entry e).
            for (int e = table.first(neuron); e < table.end(neuron); e++)
            {
                sink.synapse(neuron, table.target(e), table.delay(e), e);
            }
            return;
        }
        final int n = sampler.draw(p, neuron, PartnerSampler.key(seed, p.index(), PartnerSampler.PARTNERS, neuron));
        final int[] partners = sampler.partners();
        final long delayKey = PartnerSampler.key(seed, p.index(), PartnerSampler.DELAYS, neuron);
        final long weightKey = PartnerSampler.key(seed, p.index(), PartnerSampler.WEIGHTS, neuron);
        if (p.targetCentric())
        {
            for (int j = 0; j < n; j++)
            {
                sink.synapse(partners[j], neuron, p.delay().delay(CounterRandom.bits(delayKey, j)),
                    CounterRandom.bits(weightKey, j));
            }
            return;
        }
        final boolean even = p.delay().splitsEvenly();
        // Even split: partner j takes slot order[j] of k, slots taken by delay in blocks of k / delays.
        final int[] order = even ? sampler.permutation(n, delayKey) : null;
        final int perDelay = even ? Math.max(1, p.delay().perDelay(n)) : 0;
        for (int j = 0; j < n; j++)
        {
            final int delay = even ? p.delay().min() + order[j] / perDelay : p.delay().delay(CounterRandom.bits(delayKey, j));
            sink.synapse(neuron, partners[j], delay, CounterRandom.bits(weightKey, j));
        }
    }

    /** Strictly consecutive targets, and enough of them for a vector loop to pay. */
    private static boolean isContiguous(final char[] targets, final int from, final int to)
    {
        if (to - from < 16)
        {
            return false;
        }
        for (int j = from + 1; j < to; j++)
        {
            if (targets[j] != targets[j - 1] + 1)
            {
                return false;
            }
        }
        return true;
    }

    private static int chunks(final int neurons)
    {
        return (neurons + SOURCE_CHUNK - 1) / SOURCE_CHUNK;
    }

    /** Stable sort of one row by target; rows written by a single projection are already sorted. */
    private static final class RowSorter
    {
        private long[] keys = new long[64];
        private float[] scratch = new float[64];

        void sort(final char[] targets, final float[] weights, final int from, final int to)
        {
            int i = from + 1;
            while (i < to && targets[i - 1] <= targets[i])
            {
                i++;
            }
            if (i >= to)
            {
                return;
            }
            final int n = to - from;
            if (keys.length < n)
            {
                keys = new long[n];
                scratch = new float[n];
            }
            // Target in the high bits, position in the low bits: a plain sort of the keys is a stable sort.
            for (int j = 0; j < n; j++)
            {
                keys[j] = ((long)targets[from + j] << 32) | j;
                scratch[j] = weights[from + j];
            }
            Arrays.sort(keys, 0, n);
            for (int j = 0; j < n; j++)
            {
                targets[from + j] = (char)(keys[j] >>> 32);
                weights[from + j] = scratch[(int)keys[j]];
            }
        }
    }
}
