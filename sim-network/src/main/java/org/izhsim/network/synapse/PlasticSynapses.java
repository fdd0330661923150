package org.izhsim.network.synapse;

import java.util.Arrays;

import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.build.TargetPartition;

/**
 * The state of the spnet2006 rule ({@link PlasticityRule}; Izhikevich 2006, poly_spnet.cpp): per plastic
 * synapse its derivative sd, per neuron the presynaptic trace LTP (kept for the last D + 1 ms, since a
 * synapse of delay d reads its source's trace d ms back) and the postsynaptic trace LTD, and per target block
 * the index of the plastic synapses that end in each neuron, built once, so that potentiation at a spike walks
 * that neuron's synapses without a search. The weights themselves stay in the {@link SynapseMatrix}, which
 * becomes writable for plastic synapses.
 * <p>
 * Ownership follows the targets: a block's derivatives, weights and index, and a neuron's LTD and LTP slots,
 * are written only by the worker that owns the block or neuron. Other workers read a neuron's LTP only at times
 * before the current step's, which the step barrier publishes; the slot the owner writes in a step (time t + 1)
 * is never one of those (times t + 1 - D .. t) in a ring of D + 1 slots. Each synapse's sd and weight see one
 * fixed sequence of operations whatever the partition, so results do not depend on the thread count.
 * <p>
 * Arithmetic is float32 storage with each update computed in double and rounded, as the C expressions
 * {@code float *= 0.95} of the 2004 spnet.cpp do; the 2006 program keeps doubles throughout (docs/config.md).
 */
public final class PlasticSynapses
{
    private final PlasticityRule rule;
    private final SynapseMatrix matrix;
    private final TargetPartition partition;
    private final int maxDelay;
    private final int slots;
    /** Per neuron: whether its outgoing synapses are plastic. */
    private final boolean[] plasticSource;
    /** Per block, parallel to the matrix's weights: the derivative sd (0 and unused for fixed synapses). */
    private final float[][] derivative;
    /** Per block: for local target t, its plastic synapses are inSynapse[inStart[t] .. inStart[t + 1] - 1]. */
    private final int[][] inStart;
    /** Per block: position of each indexed synapse in the block's weights. */
    private final int[][] inSynapse;
    /** Per block: the row of each indexed synapse, (source - firstSource) * D + delay - 1. */
    private final int[][] inRow;
    /** LTP history: ltp[time mod (D + 1)][neuron]. */
    private final float[][] ltp;
    /** LTD per neuron. */
    private final float[] ltd;
    private final long plasticCount;
    private final float aPlus;
    private final float aMinus;
    private final double decayPlus;
    private final double decayMinus;
    private final double drift;
    private final double derivativeDecay;
    private final float wMin;
    private final float wMax;
    /** spnet2006's periodic update (decay sd, add drift) rather than STDP's (apply sd, clear it). */
    private final boolean spnet;
    private final boolean nearest;
    private final boolean multiplicative;

    /**
     * @param plasticSources ascending {first, end} ranges of the neurons whose synapses are plastic.
     */
    public PlasticSynapses(final SynapseMatrix matrix, final PlasticityRule rule, final int[][] plasticSources,
        final int threads)
    {
        this.rule = rule;
        this.matrix = matrix;
        this.partition = matrix.partition();
        this.maxDelay = matrix.maxDelay();
        this.slots = maxDelay + 1;
        final int neurons = partition.neurons();
        this.plasticSource = new boolean[neurons];
        for (final int[] r : plasticSources)
        {
            Arrays.fill(plasticSource, r[0], r[1], true);
        }
        final int blocks = partition.blocks();
        derivative = new float[blocks][];
        inStart = new int[blocks][];
        inSynapse = new int[blocks][];
        inRow = new int[blocks][];
        final long[] counts = new long[blocks];
        ParallelChunks.run(threads, blocks, 1, (from, to, worker) ->
        {
            for (int b = from; b < to; b++)
            {
                counts[b] = index(b);
            }
        });
        long total = 0;
        for (final long c : counts)
        {
            total += c;
        }
        this.plasticCount = total;
        this.ltp = new float[slots][neurons];
        this.ltd = new float[neurons];
        this.aPlus = (float)rule.aPlus();
        this.aMinus = (float)rule.aMinus();
        this.decayPlus = rule.decayPlus();
        this.decayMinus = rule.decayMinus();
        this.drift = rule.drift();
        this.derivativeDecay = rule.derivativeDecay();
        this.wMin = (float)rule.wMin();
        this.wMax = (float)rule.wMax();
        this.spnet = rule.kind() == PlasticityRule.Kind.SPNET2006;
        this.nearest = rule.nearest();
        this.multiplicative = rule.multiplicative();
    }

    /** Builds block b's index by two walks of its rows (count, fill); entries of a target by ascending row. */
    private long index(final int b)
    {
        final int[] rowStart = matrix.rowStart(b);
        final char[] targets = matrix.targets(b);
        final int first = matrix.firstSource(b);
        final int size = partition.blockStart(b + 1) - partition.blockStart(b);
        final int[] start = new int[size + 1];
        final int rows = rowStart.length - 1;
        for (int r = 0; r < rows; r++)
        {
            if (plasticSource[first + r / maxDelay])
            {
                for (int j = rowStart[r]; j < rowStart[r + 1]; j++)
                {
                    start[targets[j] + 1]++;
                }
            }
        }
        for (int t = 0; t < size; t++)
        {
            start[t + 1] += start[t];
        }
        final int n = start[size];
        final int[] synapse = new int[n];
        final int[] row = new int[n];
        final int[] cursor = Arrays.copyOf(start, size);
        for (int r = 0; r < rows; r++)
        {
            if (plasticSource[first + r / maxDelay])
            {
                for (int j = rowStart[r]; j < rowStart[r + 1]; j++)
                {
                    final int at = cursor[targets[j]]++;
                    synapse[at] = j;
                    row[at] = r;
                }
            }
        }
        inStart[b] = start;
        inSynapse[b] = synapse;
        inRow[b] = row;
        derivative[b] = n > 0 ? new float[targets.length] : new float[0];
        return n;
    }

    public PlasticityRule rule()
    {
        return rule;
    }

    /** Whether the synapses of neuron {@code source} are plastic. */
    public boolean isPlasticSource(final int source)
    {
        return plasticSource[source];
    }

    /**
     * Depression at arrival (poly_spnet.cpp line 844, {@code sd -= LTD[post]}): synapses {@code begin .. end - 1}
     * of block {@code block}, whose spike arrives in this step.
     */
    public void depress(final int block, final int base, final char[] targets, final int begin, final int end)
    {
        final float[] sd = derivative[block];
        final float[] ltd = this.ltd;
        if (multiplicative)
        {
            final float[] w = matrix.weights(block);
            for (int j = begin; j < end; j++)
            {
                sd[j] -= ltd[base + targets[j]] * (w[j] - wMin);
            }
            return;
        }
        for (int j = begin; j < end; j++)
        {
            sd[j] -= ltd[base + targets[j]];
        }
    }

    /**
     * The traces' decay in step t, after integration (lines 865 and 868): LTP(t + 1) = decay+ LTP(t),
     * LTD *= decay-, for neurons {@code from .. to - 1}.
     */
    public void decayTraces(final int from, final int to, final long step)
    {
        final float[] now = ltp[(int)(step % slots)];
        final float[] next = ltp[(int)((step + 1) % slots)];
        final double decayPlus = this.decayPlus;
        final double decayMinus = this.decayMinus;
        final float[] ltd = this.ltd;
        for (int i = from; i < to; i++)
        {
            next[i] = (float)(decayPlus * now[i]);
            ltd[i] = (float)(ltd[i] * decayMinus);
        }
    }

    /**
     * Neuron {@code neuron} fired at the end of step t (poly_spnet detects it at the start of its step t + 1):
     * LTP(t + 1) = a+, LTD = a- (lines 804, 807), and each plastic synapse ending in it gains its source's LTP
     * at time t + 1 - d (line 812, {@code LTP[pre][t+D-D_pre-1]} with D_pre = d - 1).
     */
    public void fired(final int neuron, final long step)
    {
        final float[] next = ltp[(int)((step + 1) % slots)];
        if (nearest)
        {
            next[neuron] = aPlus;
            ltd[neuron] = aMinus;
        }
        else
        {
            next[neuron] += aPlus;
            ltd[neuron] += aMinus;
        }
        final int block = partition.blockOf(neuron);
        final int t = neuron - partition.blockStart(block);
        final int[] start = inStart[block];
        final int[] synapse = inSynapse[block];
        final int[] row = inRow[block];
        final float[] sd = derivative[block];
        final int first = matrix.firstSource(block);
        final int maxDelay = this.maxDelay;
        final long time = step + 1 + slots;
        final float[] w = matrix.weights(block);
        for (int e = start[t]; e < start[t + 1]; e++)
        {
            final int r = row[e];
            final int d = r % maxDelay + 1;
            final float x = ltp[(int)((time - d) % slots)][first + r / maxDelay];
            sd[synapse[e]] += multiplicative ? x * (wMax - w[synapse[e]]) : x;
        }
    }

    /**
     * The periodic update of the weights of block {@code block} (lines 931-934): sd *= decay, w += drift + sd,
     * w clipped to [w_min, w_max].
     */
    public void updateWeights(final int block)
    {
        final float[] sd = derivative[block];
        final float[] w = matrix.weights(block);
        final int[] synapse = inSynapse[block];
        final double drift = this.drift;
        final double decay = derivativeDecay;
        if (!spnet)
        {
            // STDP: the changes summed since the last update, applied at once.
            for (int e = 0; e < synapse.length; e++)
            {
                final int j = synapse[e];
                w[j] = Math.max(wMin, Math.min(wMax, w[j] + sd[j]));
                sd[j] = 0f;
            }
            return;
        }
        for (int e = 0; e < synapse.length; e++)
        {
            final int j = synapse[e];
            final float s = (float)(sd[j] * decay);
            sd[j] = s;
            float x = (float)(w[j] + (drift + s));
            if (x > wMax)
            {
                x = wMax;
            }
            if (x < wMin)
            {
                x = wMin;
            }
            w[j] = x;
        }
    }

    /**
     * dastdp2007's update (daspnet.m lines 83-84): w = min(w_max, max(w_min, w + (baseline + DA) c)), then
     * c *= eligibility decay; c is the derivative sd.
     */
    public void updateWeights(final int block, final double dopamine)
    {
        final float[] c = derivative[block];
        final float[] w = matrix.weights(block);
        final int[] synapse = inSynapse[block];
        final double gain = drift + dopamine;
        final double decay = derivativeDecay;
        for (int e = 0; e < synapse.length; e++)
        {
            final int j = synapse[e];
            w[j] = (float)Math.max(wMin, Math.min(wMax, w[j] + gain * c[j]));
            c[j] = (float)(c[j] * decay);
        }
    }

    /** Whether the weights are updated at the end of step t: every period, counted from step 0. */
    public boolean updatesAfter(final long step)
    {
        return (step + 1) % rule.periodMs() == 0;
    }

    /** Plastic synapses in the network. */
    public long count()
    {
        return plasticCount;
    }

    /**
     * Bytes the plastic synapses add to the matrix: the derivative (4 B per synapse of a block with plastic
     * synapses), the index (8 B per plastic synapse, 4 per target) and the traces ((D + 2) floats per neuron).
     */
    public long bytes()
    {
        long bytes = 5L * ltd.length + 4L * slots * ltd.length;
        for (int b = 0; b < derivative.length; b++)
        {
            bytes += 4L * derivative[b].length + 4L * inStart[b].length + 8L * inSynapse[b].length;
        }
        return bytes;
    }

    /** Per block, the derivatives (for checkpoints and tests; parallel to the matrix's weights). */
    public float[] derivatives(final int block)
    {
        return derivative[block];
    }

    /** The LTP history ring, [time mod (D + 1)][neuron] (for checkpoints). */
    public float[][] ltpHistory()
    {
        return ltp;
    }

    /** LTD per neuron (for checkpoints). */
    public float[] ltd()
    {
        return ltd;
    }

    /** Per block, positions of its plastic synapses in the matrix's arrays, grouped by target. */
    public int[] plasticPositions(final int block)
    {
        return inSynapse[block];
    }

    /** Per block, the row of each entry of {@link #plasticPositions}: (source - firstSource) * D + delay - 1. */
    public int[] plasticRows(final int block)
    {
        return inRow[block];
    }

    /** Per block, where each local target's entries start in {@link #plasticPositions} (size + 1 entries). */
    public int[] plasticStarts(final int block)
    {
        return inStart[block];
    }
}
