package org.izhsim.network.synapse;

import java.util.Arrays;

import org.izhsim.network.build.MemoryEstimate;
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
    /**
     * Per block: the derivative sd of its plastic synapses only, span after span (see {@link #spanFirst}); a
     * synapse at position j of span k of the block has its sd at {@code j + spanShift[block][k]}.
     */
    private final float[][] derivative;
    /**
     * Per block: the plastic spans, one per range of plastic sources that meets the block's source window. A
     * source's synapses in a block are one contiguous run of positions, so the synapses of a range of sources are
     * too: span k is positions {@code spanFirst[block][k] .. spanEnd[block][k] - 1}.
     */
    private final int[][] spanFirst;
    private final int[][] spanEnd;
    private final int[][] spanShift;
    /** Per block: the shift of its only span, or {@link #SPANS} when it has none or several (then searched). */
    private final int[] onlyShift;
    private static final int SPANS = Integer.MIN_VALUE;
    /** -0.0f's bits, and its {@link #orderKey}. */
    private static final int NEGATIVE_ZERO = 0x80000000;
    private static final int NEGATIVE_ZERO_KEY = -1;
    /** Per block: for local target t, its plastic synapses are entries inStart[t] .. inStart[t + 1] - 1. */
    private final int[][] inStart;
    /**
     * Per block: each entry's position j in the block's weights and its key k, {@code (source - firstSource) <<
     * delayBits | delay - 1}, packed in one int as {@code k << positionBits | j} when every block's keys and
     * positions fit 32 bits together ({@link #positionBits} > 0; spnet2006's 1000 sources, 20 delays and
     * 100,000 synapses per block take 10 + 5 + 17; {@link MemoryEstimate#plasticPositionBits}), else j alone
     * with k in {@link #inRow}. The key holds source and delay as bit fields rather than as the row number
     * (source * D + delay - 1) so that the potentiation walk gets them by a shift and a mask: with the row
     * number's two divisions and a 64-bit remainder per synapse the walk took 4.5 ns per synapse, 3.2 without
     * (a stand-alone loop over an index shaped like spnet2006's, minimum of 300 runs).
     */
    private final int[][] inEntry;
    /** Per block, when the entries are not packed: the key of each entry; else null. */
    private final int[][] inRow;
    /** Bits of a packed entry's position, or 0 when the entries are not packed. */
    private final int positionBits;
    /** Bits of the delay field of a key: enough for D - 1. */
    private final int delayBits;
    /**
     * LTP history: the LTP of neuron i at time t is {@code ltp[(t mod (D + 1)) * width + i]}, for the neurons below
     * {@link #width}, the end of the last range of plastic sources: only a plastic synapse's source's LTP is ever
     * read. One flat array rather than one per slot: the potentiation walk reads it at a random slot per synapse,
     * and a row reference to load and check first cost (measured below at {@link #fired}).
     */
    private final float[] ltp;
    private final int width;
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
     * Pair STDP: per block, whether each half of its plastic synapses (by derivative index: [0, n/2), [n/2, n)) has
     * had a whole update in this run, after which its update may skip the synapses whose sum is +0.0
     * ({@link #updateWeights(int, int, int)}); null for the other rules. Each half is written by the thread that
     * updates it; cleared between runs ({@link #forgetClean}).
     */
    private final boolean[][] cleanHalf;
    /** Tests only: every STDP update whole, none skipping. */
    private boolean wholeUpdatesOnly;
    /**
     * The first non-finite weight or derivative a weight update of this run found, per block and half (the
     * pipeline's parts 0 and 1 of 2; a whole update is half 0): at {@code 2 * block + half}, its position j, or -1;
     * with the new weight and derivative (pair STDP: the change it applied). Each element is written by the thread
     * that updates that half; read after the run, or by the pipeline's dynamics after the update's hand-back.
     */
    private final int[] badPosition;
    private final float[] badWeight;
    private final float[] badDerivative;
    /** As {@link #badPosition} for the traces ({@link #tracesFinite}): the neuron, and its LTP and LTD. */
    private final int[] badNeuron;
    private final float[] badLtp;
    private final float[] badLtd;

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
        spanFirst = new int[blocks][];
        spanEnd = new int[blocks][];
        spanShift = new int[blocks][];
        onlyShift = new int[blocks];
        inStart = new int[blocks][];
        inEntry = new int[blocks][];
        inRow = new int[blocks][];
        this.delayBits = MemoryEstimate.delayBits(maxDelay);
        this.positionBits = positionBits(matrix);
        final long[] counts = new long[blocks];
        ParallelChunks.run(threads, blocks, 1, (from, to, worker) ->
        {
            for (int b = from; b < to; b++)
            {
                counts[b] = index(b, plasticSources);
            }
        });
        long total = 0;
        for (final long c : counts)
        {
            total += c;
        }
        this.plasticCount = total;
        this.width = plasticSources.length > 0 ? plasticSources[plasticSources.length - 1][1] : 0;
        this.ltp = new float[Math.multiplyExact(slots, width)];
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
        // A w_min of -0.0 would let a clipped weight be -0.0, which w + 0 turns into +0.0: no skipping then.
        this.cleanHalf = rule.kind() == PlasticityRule.Kind.STDP && Float.floatToRawIntBits(wMin) != NEGATIVE_ZERO ?
            new boolean[blocks][2] : null;
        this.badPosition = new int[2 * blocks];
        this.badWeight = new float[2 * blocks];
        this.badDerivative = new float[2 * blocks];
        this.badNeuron = new int[2 * blocks];
        this.badLtp = new float[2 * blocks];
        this.badLtd = new float[2 * blocks];
        forgetNonFinite();
    }

    /** Before a run: no non-finite value found yet ({@link #firstNonFinite}). */
    public void forgetNonFinite()
    {
        Arrays.fill(badPosition, -1);
        Arrays.fill(badNeuron, -1);
    }

    /**
     * Between runs (the weights or derivatives may have been replaced since: a checkpoint, the Java API): the next
     * STDP update of every block is whole again.
     */
    public void forgetClean()
    {
        if (cleanHalf != null)
        {
            for (final boolean[] halves : cleanHalf)
            {
                halves[0] = false;
                halves[1] = false;
            }
        }
    }

    /** Tests only, between runs: every STDP update whole (true), to compare with the skipping ones. */
    void wholeUpdatesOnly(final boolean whole)
    {
        wholeUpdatesOnly = whole;
    }

    private static int positionBits(final SynapseMatrix matrix)
    {
        long window = 0;
        long synapses = 0;
        for (int b = 0; b < matrix.partition().blocks(); b++)
        {
            window = Math.max(window, matrix.endSource(b) - matrix.firstSource(b));
            synapses = Math.max(synapses, matrix.targets(b).length);
        }
        return MemoryEstimate.plasticPositionBits(window, matrix.maxDelay(), synapses);
    }

    /**
     * Builds block b's spans and index by two walks of its plastic rows (count, fill); entries of a target by
     * ascending row.
     */
    private long index(final int b, final int[][] plasticRanges)
    {
        final int[] rowStart = matrix.rowStart(b);
        final char[] targets = matrix.targets(b);
        final int first = matrix.firstSource(b);
        final int endSource = matrix.endSource(b);
        final int size = partition.blockStart(b + 1) - partition.blockStart(b);
        int spans = 0;
        for (final int[] r : plasticRanges)
        {
            spans += Math.max(r[0], first) < Math.min(r[1], endSource) ? 1 : 0;
        }
        final int[] from = new int[spans];
        final int[] to = new int[spans];
        final int[] shift = new int[spans];
        int k = 0;
        int length = 0;
        for (final int[] r : plasticRanges)
        {
            final int lo = Math.max(r[0], first);
            final int hi = Math.min(r[1], endSource);
            if (lo < hi)
            {
                from[k] = rowStart[(lo - first) * maxDelay];
                to[k] = rowStart[(hi - first) * maxDelay];
                shift[k] = length - from[k];
                length += to[k] - from[k];
                k++;
            }
        }
        final int[] start = new int[size + 1];
        for (k = 0; k < spans; k++)
        {
            for (int j = from[k]; j < to[k]; j++)
            {
                start[targets[j] + 1]++;
            }
        }
        for (int t = 0; t < size; t++)
        {
            start[t + 1] += start[t];
        }
        final int n = start[size];
        final int[] entry = new int[n];
        final int[] row = positionBits > 0 ? null : new int[n];
        final int[] cursor = Arrays.copyOf(start, size);
        final int rows = rowStart.length - 1;
        for (int r = 0; r < rows; r++)
        {
            if (plasticSource[first + r / maxDelay])
            {
                final int key = r / maxDelay << delayBits | r % maxDelay;
                for (int j = rowStart[r]; j < rowStart[r + 1]; j++)
                {
                    final int at = cursor[targets[j]]++;
                    if (row == null)
                    {
                        entry[at] = key << positionBits | j;
                    }
                    else
                    {
                        entry[at] = j;
                        row[at] = key;
                    }
                }
            }
        }
        spanFirst[b] = from;
        spanEnd[b] = to;
        spanShift[b] = shift;
        onlyShift[b] = spans == 1 ? shift[0] : SPANS;
        inStart[b] = start;
        inEntry[b] = entry;
        inRow[b] = row;
        derivative[b] = new float[length];
        return n;
    }

    /** Where the derivative of the plastic synapse at position j of block b is kept. */
    private int slotOf(final int b, final int j)
    {
        return j + spanShift[b][spanOf(b, j)];
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
        final int shift = shiftOfRow(block, begin, end);
        final float[] sd = derivative[block];
        final float[] ltd = this.ltd;
        if (multiplicative)
        {
            final float[] w = matrix.weights(block);
            for (int j = begin; j < end; j++)
            {
                sd[j + shift] -= ltd[base + targets[j]] * (w[j] - wMin);
            }
            return;
        }
        for (int j = begin; j < end; j++)
        {
            sd[j + shift] -= ltd[base + targets[j]];
        }
    }

    /**
     * A plastic row's arrival in one pass: its weights added to the input of its targets and its synapses
     * depressed ({@link #depress}), element by element. The same additions into {@code input} and {@code sd}
     * in the same order as the add of the row followed by {@link #depress}, so the same sums; one walk of the
     * row's targets instead of two.
     *
     * @param base the block's first neuron: {@code input} and the LTD are indexed by global neuron id.
     */
    public void addAndDepress(final int block, final float[] input, final int base, final char[] targets,
        final float[] weights, final int begin, final int end)
    {
        final int shift = shiftOfRow(block, begin, end);
        final float[] sd = derivative[block];
        final float[] ltd = this.ltd;
        if (multiplicative)
        {
            for (int j = begin; j < end; j++)
            {
                final int t = base + targets[j];
                input[t] += weights[j];
                sd[j + shift] -= ltd[t] * (weights[j] - wMin);
            }
            return;
        }
        for (int j = begin; j < end; j++)
        {
            final int t = base + targets[j];
            input[t] += weights[j];
            sd[j + shift] -= ltd[t];
        }
    }

    /**
     * Where the derivatives of row {@code begin .. end - 1} of block {@code block} sit: its synapse j has its
     * derivative at {@code j + shift}. An empty row may start where the block's last span ends and belongs to no
     * span; having no synapse, it gets any shift.
     */
    private int shiftOfRow(final int block, final int begin, final int end)
    {
        final int shift = onlyShift[block];
        return shift != SPANS || begin == end ? shift : spanShift[block][spanOf(block, begin)];
    }

    /** The span of block b that holds position j (a plastic synapse's). */
    private int spanOf(final int b, final int j)
    {
        final int[] to = spanEnd[b];
        int k = 0;
        while (j >= to[k])
        {
            k++;
        }
        return k;
    }

    /**
     * The traces' decay in step t, after integration (lines 865 and 868): LTP(t + 1) = decay+ LTP(t),
     * LTD *= decay-, for neurons {@code from .. to - 1}.
     */
    public void decayTraces(final int from, final int to, final long step)
    {
        final float[] ltp = this.ltp;
        final int now = (int)(step % slots) * width;
        final int next = (int)((step + 1) % slots) * width;
        final double decayPlus = this.decayPlus;
        final double decayMinus = this.decayMinus;
        final float[] ltd = this.ltd;
        final int kept = Math.max(from, Math.min(to, width));
        int i = from;
        // Four neurons at a time, every product before any rounding to float: see decayLtd.
        for (; i + 3 < kept; i += 4)
        {
            final double p0 = decayPlus * ltp[now + i];
            final double p1 = decayPlus * ltp[now + i + 1];
            final double p2 = decayPlus * ltp[now + i + 2];
            final double p3 = decayPlus * ltp[now + i + 3];
            final double m0 = ltd[i] * decayMinus;
            final double m1 = ltd[i + 1] * decayMinus;
            final double m2 = ltd[i + 2] * decayMinus;
            final double m3 = ltd[i + 3] * decayMinus;
            ltp[next + i] = (float)p0;
            ltp[next + i + 1] = (float)p1;
            ltp[next + i + 2] = (float)p2;
            ltp[next + i + 3] = (float)p3;
            ltd[i] = (float)m0;
            ltd[i + 1] = (float)m1;
            ltd[i + 2] = (float)m2;
            ltd[i + 3] = (float)m3;
        }
        for (; i < kept; i++)
        {
            ltp[next + i] = (float)(decayPlus * ltp[now + i]);
            ltd[i] = (float)(ltd[i] * decayMinus);
        }
        decayLtd(ltd, i, to, decayMinus);
    }

    /**
     * LTD *= decay- for neurons {@code from .. to - 1}, eight at a time with the eight products computed before any is
     * rounded to float (eight: four were 2.4 times slower stand-alone, as were four LTP and four LTD in loops of their
     * own; decayTraces groups four of each). The same double products and roundings as one neuron at a time, so the same floats; but
     * C2 of JDK 17 compiles the one-at-a-time loop with each float/double conversion waiting on the register it
     * writes (a false dependency on its upper bits, JDK-8318562, fixed in JDK 22), a chain through the whole loop:
     * on an Intel Xeon (AVX-512) spnet2006's decay took 4.7 us per step that way and 1.0 us grouped (stand-alone,
     * 1000 neurons; JDK 25 takes 1.0 us either way).
     */
    private static void decayLtd(final float[] ltd, final int from, final int to, final double decayMinus)
    {
        int i = from;
        for (; i + 7 < to; i += 8)
        {
            final double m0 = ltd[i] * decayMinus;
            final double m1 = ltd[i + 1] * decayMinus;
            final double m2 = ltd[i + 2] * decayMinus;
            final double m3 = ltd[i + 3] * decayMinus;
            final double m4 = ltd[i + 4] * decayMinus;
            final double m5 = ltd[i + 5] * decayMinus;
            final double m6 = ltd[i + 6] * decayMinus;
            final double m7 = ltd[i + 7] * decayMinus;
            ltd[i] = (float)m0;
            ltd[i + 1] = (float)m1;
            ltd[i + 2] = (float)m2;
            ltd[i + 3] = (float)m3;
            ltd[i + 4] = (float)m4;
            ltd[i + 5] = (float)m5;
            ltd[i + 6] = (float)m6;
            ltd[i + 7] = (float)m7;
        }
        for (; i < to; i++)
        {
            ltd[i] = (float)(ltd[i] * decayMinus);
        }
    }

    /**
     * Under MPI, for sources {@code from .. to - 1} of other ranks (a worker's share of them): their LTP at time
     * t + 1 = decay+ LTP(t), as their owner's {@link #decayTraces} computes it, so every rank's copy equals the
     * owner's. Called by a worker in its step t, where no one reads the slot of time t + 1; the other ranks' spikes
     * of step t come after it, between the step's barrier crossings ({@link #otherSpikes}). LTD and potentiation
     * stay with the owner (they concern the targets).
     */
    public void decayOtherSources(final int from, final int to, final long step)
    {
        final float[] ltp = this.ltp;
        final int now = (int)(step % slots) * width;
        final int next = (int)((step + 1) % slots) * width;
        final double decayPlus = this.decayPlus;
        final int kept = Math.min(to, width);
        int i = from;
        // Grouped as decayTraces' loop, for the same reason (decayLtd).
        for (; i + 7 < kept; i += 8)
        {
            final double p0 = decayPlus * ltp[now + i];
            final double p1 = decayPlus * ltp[now + i + 1];
            final double p2 = decayPlus * ltp[now + i + 2];
            final double p3 = decayPlus * ltp[now + i + 3];
            final double p4 = decayPlus * ltp[now + i + 4];
            final double p5 = decayPlus * ltp[now + i + 5];
            final double p6 = decayPlus * ltp[now + i + 6];
            final double p7 = decayPlus * ltp[now + i + 7];
            ltp[next + i] = (float)p0;
            ltp[next + i + 1] = (float)p1;
            ltp[next + i + 2] = (float)p2;
            ltp[next + i + 3] = (float)p3;
            ltp[next + i + 4] = (float)p4;
            ltp[next + i + 5] = (float)p5;
            ltp[next + i + 6] = (float)p6;
            ltp[next + i + 7] = (float)p7;
        }
        for (; i < kept; i++)
        {
            ltp[next + i] = (float)(decayPlus * ltp[now + i]);
        }
    }

    /**
     * Under MPI, the other ranks' spikes of step t, {@code ids[begin .. end - 1]}: a+ into their LTP at time t + 1,
     * as their owner's {@link #fired} does, after {@link #decayOtherSources} has advanced it. Called by one thread
     * between the step's barrier crossings, when no worker reads the slot of time t + 1.
     */
    public void otherSpikes(final long step, final int[] ids, final int begin, final int end)
    {
        final int next = (int)((step + 1) % slots) * width;
        for (int k = begin; k < end; k++)
        {
            final int neuron = ids[k];
            if (neuron < width)
            {
                ltp[next + neuron] = nearest ? aPlus : ltp[next + neuron] + aPlus;
            }
        }
    }

    /**
     * Neuron {@code neuron} fired at the end of step t (poly_spnet detects it at the start of its step t + 1):
     * LTP(t + 1) = a+, LTD = a- (lines 804, 807), and each plastic synapse ending in it gains its source's LTP
     * at time t + 1 - d (line 812, {@code LTP[pre][t+D-D_pre-1]} with D_pre = d - 1).
     */
    public void fired(final int neuron, final long step)
    {
        // A synapse of delay d reads slot (t + 1 - d) mod (D + 1) = now - d, plus D + 1 when negative.
        final int now = (int)((step + 1) % slots);
        setTraces(neuron, now);
        final int block = partition.blockOf(neuron);
        final int t = neuron - partition.blockStart(block);
        final int[] start = inStart[block];
        final int[] entry = inEntry[block];
        final int shift = onlyShift[block];
        if (inRow[block] != null || shift == SPANS || multiplicative)
        {
            potentiate(block, t, now);
            return;
        }
        // The common case (one range of plastic sources, packed entries, additive pairing), kept small enough for
        // the JIT to inline into the detection loop (314 bytecodes; C2 inlines hot methods up to 325: at 332, with
        // two more locals, it was not inlined and spnet2006 ran 10-20 % slower): no span search, no division.
        final int positionBits = this.positionBits;
        final int positionMask = (1 << positionBits) - 1;
        final int delayMask = (1 << delayBits) - 1;
        final float[] sd = derivative[block];
        final int first = matrix.firstSource(block);
        for (int e = start[t]; e < start[t + 1]; e++)
        {
            final int x = entry[e];
            final int key = x >>> positionBits;
            int slot = now - 1 - (key & delayMask);
            slot += slot >> 31 & slots;
            sd[(x & positionMask) + shift] += ltp[slot * width + first + (key >>> delayBits)];
        }
    }

    /** {@link #fired}'s traces: LTP(t + 1) = a+ (or += a+), LTD = a- (or += a-), kept apart to keep fired small. */
    private void setTraces(final int neuron, final int now)
    {
        if (neuron < width)
        {
            final int at = now * width + neuron;
            ltp[at] = nearest ? aPlus : ltp[at] + aPlus;
        }
        ltd[neuron] = nearest ? aMinus : ltd[neuron] + aMinus;
    }

    /** {@link #fired}'s potentiation of local target t of a block in the general case. */
    private void potentiate(final int block, final int t, final int now)
    {
        final int[] start = inStart[block];
        final int[] entry = inEntry[block];
        final int[] row = inRow[block];
        final int positionBits = this.positionBits;
        final int positionMask = (1 << positionBits) - 1;
        final float[] sd = derivative[block];
        final int[] spanEnd = this.spanEnd[block];
        final int[] spanShift = this.spanShift[block];
        final int first = matrix.firstSource(block);
        final int delayMask = (1 << delayBits) - 1;
        final float[] w = matrix.weights(block);
        for (int e = start[t]; e < start[t + 1]; e++)
        {
            final int x = entry[e];
            final int key = row == null ? x >>> positionBits : row[e];
            final int j = row == null ? x & positionMask : x;
            int k = 0;
            while (j >= spanEnd[k])
            {
                k++;
            }
            int slot = now - 1 - (key & delayMask);
            slot += slot >> 31 & slots;
            final float ltp = this.ltp[slot * width + first + (key >>> delayBits)];
            sd[j + spanShift[k]] += multiplicative ? ltp * (wMax - w[j]) : ltp;
        }
    }

    /**
     * The periodic update of the weights of block {@code block} (lines 931-934): sd *= decay, w += drift + sd,
     * w clipped to [w_min, w_max].
     */
    public boolean updateWeights(final int block)
    {
        return updateWeights(block, 0, 1);
    }

    /**
     * Part {@code part} of {@code parts} of {@link #updateWeights(int)}: the block's plastic synapses whose
     * derivatives are at {@code count * part / parts .. count * (part + 1) / parts - 1}. Each synapse's update reads
     * and writes only its own sd and weight, so the parts may run on different threads at once and give the whole
     * update's values, bit for bit.
     * <p>
     * Every synapse it updates is checked: a new weight or derivative (pair STDP: the change applied) that is NaN or
     * infinite is kept for {@link #firstNonFinite} (the first of the part) and makes it return false. Amplitudes
     * near the float range overflow the traces and derivatives (a derivative of infinity clips to w_max, and the
     * multiplicative rule's infinity x (w_max - w) at w = w_max is NaN), which went unseen until a NaN weight next
     * delivered, or never: a run then completed with NaN weights, or saved a checkpoint it then refused as corrupt.
     * A test of the bits ({@link #nonFiniteBit}) per synapse in the update, which already touches it.
     *
     * @return whether every weight and derivative of the part is finite after the update.
     */
    public boolean updateWeights(final int block, final int part, final int parts)
    {
        final float[] sd = derivative[block];
        final float[] w = matrix.weights(block);
        final double drift = this.drift;
        final double decay = derivativeDecay;
        final int[] from = spanFirst[block];
        final int[] to = spanEnd[block];
        final int[] shift = spanShift[block];
        final float wMin = this.wMin;
        final float wMax = this.wMax;
        final int minKey = orderKey(wMin);
        final int maxKey = orderKey(wMax);
        final int low = (int)((long)sd.length * part / parts);
        final int high = (int)((long)sd.length * (part + 1) / parts);
        final boolean[] clean = cleanHalf != null ? cleanHalf[block] : null;
        // STDP with period_ms 1 (the default) updates every plastic synapse every step, most with a sum of +0.0: for
        // those w + 0 = w and the clip keeps w once a whole update has clipped it (in [w_min, w_max], never -0.0 with
        // w_min not -0.0; NaN stays NaN), so after one whole update of a half in this run its synapses of sum +0.0
        // are skipped, bit for bit the whole update's result.
        final boolean skip = clean != null && !wholeUpdatesOnly &&
            (parts == 1 ? clean[0] && clean[1] : parts == 2 && clean[part]);
        final int slot = halfSlot(block, part, parts);
        boolean finite = true;
        for (int k = 0; k < from.length; k++)
        {
            final int s0 = shift[k];
            // This span's positions whose derivatives (at j + s0) fall in [low, high).
            final int first = Math.max(from[k], low - s0);
            final int end = Math.min(to[k], high - s0);
            if (!spnet)
            {
                // STDP: the changes summed since the last update, applied at once.
                if (skip)
                {
                    for (int j = first; j < end; j++)
                    {
                        final float change = sd[j + s0];
                        if (Float.floatToRawIntBits(change) != 0)
                        {
                            final float x = Math.max(wMin, Math.min(wMax, w[j] + change));
                            w[j] = x;
                            sd[j + s0] = 0f;
                            if ((nonFiniteBit(x) | nonFiniteBit(change)) != 0)
                            {
                                finite = nonFinite(slot, j, x, change);
                            }
                        }
                    }
                    continue;
                }
                for (int j = first; j < end; j++)
                {
                    final float change = sd[j + s0];
                    final float x = Math.max(wMin, Math.min(wMax, w[j] + change));
                    w[j] = x;
                    sd[j + s0] = 0f;
                    if ((nonFiniteBit(x) | nonFiniteBit(change)) != 0)
                    {
                        finite = nonFinite(slot, j, x, change);
                    }
                }
                continue;
            }
            if (spnetSpan(sd, w, s0, first, end, decay, drift, wMin, wMax, minKey, maxKey) != 0)
            {
                finite = firstNonFinite(slot, w, sd, s0, first, end);
            }
        }
        if (clean != null && parts <= 2)
        {
            // This update clipped every weight of its part (or kept it clean).
            if (parts == 1)
            {
                clean[0] = true;
                clean[1] = true;
            }
            else
            {
                clean[part] = true;
            }
        }
        return finite;
    }

    /** Where part {@code part} of {@code parts} of block {@code block}'s update keeps what it found non-finite. */
    private static int halfSlot(final int block, final int part, final int parts)
    {
        return 2 * block + (parts == 2 ? part : 0);
    }

    /**
     * The spnet2006 update of positions {@code first .. end - 1} (derivatives at {@code j + s0}), in a method of its
     * own: in the update's, which the checks of non-finite values made larger, the clip was no longer inlined and the
     * update took 9-11 instead of 3.5-5.9 ns per synapse (WeightUpdateBenchmark, learnt weights).
     *
     * @return 0 when every new weight and derivative is finite ({@link #nonFiniteBit}, or-ed without a branch).
     */
    private static int spnetSpan(final float[] sd, final float[] w, final int s0, final int first, final int end,
        final double decay, final double drift, final float wMin, final float wMax, final int minKey, final int maxKey)
    {
        int bad = 0;
        int j = first;
        // Four synapses at a time, each conversion's operands computed first (decayLtd says why).
        for (; j + 3 < end; j += 4)
        {
            final double d0 = sd[j + s0] * decay;
            final double d1 = sd[j + s0 + 1] * decay;
            final double d2 = sd[j + s0 + 2] * decay;
            final double d3 = sd[j + s0 + 3] * decay;
            final float t0 = (float)d0;
            final float t1 = (float)d1;
            final float t2 = (float)d2;
            final float t3 = (float)d3;
            final double y0 = w[j] + (drift + t0);
            final double y1 = w[j + 1] + (drift + t1);
            final double y2 = w[j + 2] + (drift + t2);
            final double y3 = w[j + 3] + (drift + t3);
            sd[j + s0] = t0;
            sd[j + s0 + 1] = t1;
            sd[j + s0 + 2] = t2;
            sd[j + s0 + 3] = t3;
            final float x0 = clip((float)y0, wMin, wMax, minKey, maxKey);
            final float x1 = clip((float)y1, wMin, wMax, minKey, maxKey);
            final float x2 = clip((float)y2, wMin, wMax, minKey, maxKey);
            final float x3 = clip((float)y3, wMin, wMax, minKey, maxKey);
            w[j] = x0;
            w[j + 1] = x1;
            w[j + 2] = x2;
            w[j + 3] = x3;
            bad |= nonFiniteBit(x0) | nonFiniteBit(t0) | nonFiniteBit(x1) | nonFiniteBit(t1)
                | nonFiniteBit(x2) | nonFiniteBit(t2) | nonFiniteBit(x3) | nonFiniteBit(t3);
        }
        for (; j < end; j++)
        {
            final float s = (float)(sd[j + s0] * decay);
            sd[j + s0] = s;
            final float x = clip((float)(w[j] + (drift + s)), wMin, wMax, minKey, maxKey);
            w[j] = x;
            bad |= nonFiniteBit(x) | nonFiniteBit(s);
        }
        return bad;
    }

    /**
     * The sign bit when {@code x} is infinite or NaN (its exponent bits all ones: + 2^23 carries into bit 31), else 0.
     * Integer operations on the bits: x - x, a float operation, on the derivatives that decay towards 0 without
     * pairings (subnormal after about 830 updates) cost a subnormal operand's slow path per synapse.
     */
    private static int nonFiniteBit(final float x)
    {
        return (Float.floatToRawIntBits(x) & 0x7f800000) + 0x00800000 & 0x80000000;
    }

    /** Keeps the first synapse of positions {@code first .. end - 1} whose weight or derivative is not finite; false. */
    private boolean firstNonFinite(final int slot, final float[] w, final float[] sd, final int shift, final int first,
        final int end)
    {
        for (int j = first; j < end; j++)
        {
            if (!Float.isFinite(w[j]) || !Float.isFinite(sd[j + shift]))
            {
                return nonFinite(slot, j, w[j], sd[j + shift]);
            }
        }
        return false;
    }

    /** Keeps the first non-finite synapse of an update's part (the lowest position: the loops ascend); false. */
    private boolean nonFinite(final int slot, final int j, final float weight, final float derivative)
    {
        if (badPosition[slot] < 0)
        {
            badPosition[slot] = j;
            badWeight[slot] = weight;
            badDerivative[slot] = derivative;
        }
        return false;
    }

    /**
     * At a weight update of step {@code step} (after the traces' decay of that step): whether the LTP and LTD
     * traces of part {@code part} of {@code parts} of block {@code block}'s neurons are finite; the first neuron
     * that is not is kept for {@link #firstNonFinite}. An all-to-all trace that overflowed stays infinite (or NaN)
     * until read, so this finds it at the next update at the latest; a nearest-spike trace never exceeds its
     * amplitude. One test per neuron per update.
     */
    public boolean tracesFinite(final int block, final int part, final int parts, final long step)
    {
        final int begin = partition.blockStart(block);
        final int size = partition.blockStart(block + 1) - begin;
        final int from = begin + (int)((long)size * part / parts);
        final int to = begin + (int)((long)size * (part + 1) / parts);
        final int next = (int)((step + 1) % slots) * width;
        final int kept = Math.max(from, Math.min(to, width));
        for (int i = from; i < to; i++)
        {
            final float p = i < kept ? ltp[next + i] : 0f;
            final float m = ltd[i];
            if ((nonFiniteBit(p) | nonFiniteBit(m)) != 0)
            {
                final int slot = halfSlot(block, part, parts);
                if (badNeuron[slot] < 0)
                {
                    badNeuron[slot] = i;
                    badLtp[slot] = p;
                    badLtd[slot] = m;
                }
                return false;
            }
        }
        return true;
    }

    /**
     * What a weight update of this run found non-finite ({@link #updateWeights(int, int, int)}, {@link
     * #tracesFinite}), or null: the first block's, its first synapse (before its traces), the lowest position; the
     * same for any partition, since every update of the step that found it completes and the run ends after it.
     */
    public NonFinite firstNonFinite()
    {
        for (int b = 0; b < derivative.length; b++)
        {
            for (int slot = 2 * b; slot < 2 * b + 2; slot++)
            {
                final int j = badPosition[slot];
                if (j >= 0)
                {
                    final int row = rowOf(b, j);
                    return new NonFinite(false, partition.blockStart(b) + matrix.targets(b)[j],
                        matrix.firstSource(b) + row / maxDelay, row % maxDelay + 1, badWeight[slot],
                        badDerivative[slot]);
                }
            }
            for (int slot = 2 * b; slot < 2 * b + 2; slot++)
            {
                if (badNeuron[slot] >= 0)
                {
                    return new NonFinite(true, badNeuron[slot], -1, 0, badLtp[slot], badLtd[slot]);
                }
            }
        }
        return null;
    }

    /**
     * The first non-finite value of the whole state, or null: by block, its plastic synapses' weights and
     * derivatives by position, then its neurons' traces (LTP of every kept time, LTD). For the end of a run, whose
     * last steps' potentiation and trace increments come after the last update's checks: a run does not end
     * completed, nor save a checkpoint, with a state it would refuse to resume. One pass over the plastic synapses
     * per run, as {@link #anyNonFinite} makes.
     */
    public NonFinite scanNonFinite()
    {
        for (int b = 0; b < derivative.length; b++)
        {
            final float[] w = matrix.weights(b);
            for (int k = 0; k < spanFirst[b].length; k++)
            {
                final int shift = spanShift[b][k];
                for (int j = spanFirst[b][k]; j < spanEnd[b][k]; j++)
                {
                    final float x = w[j];
                    final float d = derivative[b][j + shift];
                    if ((nonFiniteBit(x) | nonFiniteBit(d)) != 0)
                    {
                        final int row = rowOf(b, j);
                        return new NonFinite(false, partition.blockStart(b) + matrix.targets(b)[j],
                            matrix.firstSource(b) + row / maxDelay, row % maxDelay + 1, x, d);
                    }
                }
            }
            for (int i = partition.blockStart(b); i < partition.blockStart(b + 1); i++)
            {
                for (int slot = 0; slot < (i < width ? slots : 0); slot++)
                {
                    if (!Float.isFinite(ltp[slot * width + i]))
                    {
                        return new NonFinite(true, i, -1, 0, ltp[slot * width + i], ltd[i]);
                    }
                }
                if (!Float.isFinite(ltd[i]))
                {
                    return new NonFinite(true, i, -1, 0, 0f, ltd[i]);
                }
            }
        }
        return null;
    }

    /** The row (source - firstSource) * D + delay - 1 of block b that holds position j. */
    private int rowOf(final int b, final int j)
    {
        final int[] rowStart = matrix.rowStart(b);
        int lo = 0;
        int hi = rowStart.length - 1;
        // The last row r with rowStart[r] <= j (empty rows before it share its start).
        while (hi - lo > 1)
        {
            final int mid = (lo + hi) >>> 1;
            if (rowStart[mid] <= j)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * A non-finite value of the plasticity: a synapse's weight and derivative (pair STDP: the change applied; its
     * source, target and delay), or a neuron's traces ({@code trace}: then {@code first} is its LTP and {@code
     * second} its LTD, source -1).
     */
    public record NonFinite(boolean trace, int neuron, int source, int delayMs, float first, float second)
    {
    }

    /**
     * poly_spnet.cpp's clip ({@code if (w > w_max) w = w_max; if (w < w_min) w = w_min;}, in lines 931-934)
     * without a branch on the weight: a float's bits, with the magnitude bits flipped when negative, order as the
     * floats do, so the clip is an integer min and max (conditional moves). The branches it replaces mispredicted on
     * spnet2006's bimodal weights: the once-a-second update took 11 ns per synapse. Where the two orders differ
     * (NaN, which the comparisons leave as it is, and -0.0, which the key puts below +0.0) the comparisons decide,
     * as they do when a bound is -0.0.
     */
    static float clip(final float x, final float min, final float max, final int minKey, final int maxKey)
    {
        final int bits = Float.floatToRawIntBits(x);
        if (x != x || bits == NEGATIVE_ZERO || minKey == NEGATIVE_ZERO_KEY || maxKey == NEGATIVE_ZERO_KEY)
        {
            return clipByComparison(x, min, max);
        }
        final int key = Math.max(Math.min(bits ^ (bits >> 31 & Integer.MAX_VALUE), maxKey), minKey);
        return Float.intBitsToFloat(key ^ (key >> 31 & Integer.MAX_VALUE));
    }

    /**
     * daspnet.m's clip of a weight as {@link #updateWeights(int, double)} computed it, {@code (float) Math.max(wMin,
     * Math.min(wMax, x))} of the double x, from {@code (float) x} instead: rounding is monotonic and the bounds are
     * floats, so rounding before the clip gives the same float, and the float's order key (which puts -0.0 below
     * +0.0, as Math.min and Math.max do) clips it without a branch on the weight; NaN stays NaN. On JDK 17 the
     * double Math.min and Math.max of that loop took 6.8 ns per synapse, 93 % of dastdp2007's step (545 us per
     * update of its 80,000 synapses every 10 ms; 1.3 ns on Temurin 25).
     */
    static float clipLikeMath(final float x, final int minKey, final int maxKey)
    {
        if (x != x)
        {
            return x;
        }
        final int bits = Float.floatToRawIntBits(x);
        final int key = Math.max(Math.min(bits ^ (bits >> 31 & Integer.MAX_VALUE), maxKey), minKey);
        return Float.intBitsToFloat(key ^ (key >> 31 & Integer.MAX_VALUE));
    }

    /** The clip as poly_spnet.cpp writes it. */
    static float clipByComparison(final float x, final float min, final float max)
    {
        float w = x;
        if (w > max)
        {
            w = max;
        }
        if (w < min)
        {
            w = min;
        }
        return w;
    }

    /** A float's bits as an int that orders as the floats do (-0.0 just below +0.0; NaN above +infinity). */
    static int orderKey(final float x)
    {
        final int bits = Float.floatToRawIntBits(x);
        return bits ^ (bits >> 31 & Integer.MAX_VALUE);
    }

    /**
     * dastdp2007's update (daspnet.m lines 83-84): w = min(w_max, max(w_min, w + (baseline + DA) c)), then
     * c *= eligibility decay; c is the derivative sd.
     */
    public boolean updateWeights(final int block, final double dopamine)
    {
        return updateWeights(block, dopamine, 0, 1);
    }

    /**
     * Part {@code part} of {@code parts} of {@link #updateWeights(int, double)}, as {@link #updateWeights(int, int,
     * int)} divides the spnet2006 update: each synapse's weight and eligibility only, so the parts may run at once.
     * Checks each new weight and eligibility as that update does.
     *
     * @return whether every weight and eligibility of the part is finite after the update.
     */
    public boolean updateWeights(final int block, final double dopamine, final int part, final int parts)
    {
        final float[] c = derivative[block];
        final float[] w = matrix.weights(block);
        final double gain = drift + dopamine;
        final double decay = derivativeDecay;
        final int[] from = spanFirst[block];
        final int[] to = spanEnd[block];
        final int[] shift = spanShift[block];
        final int low = (int)((long)c.length * part / parts);
        final int high = (int)((long)c.length * (part + 1) / parts);
        final int minKey = orderKey(wMin);
        final int maxKey = orderKey(wMax);
        final int slot = halfSlot(block, part, parts);
        boolean finite = true;
        for (int k = 0; k < from.length; k++)
        {
            final int s0 = shift[k];
            final int end = Math.min(to[k], high - s0);
            final int first = Math.max(from[k], low - s0);
            // Without a branch, as the spnet2006 update checks.
            int bad = 0;
            int j = first;
            // Four synapses at a time, each conversion's operand computed first (decayLtd says why).
            for (; j + 3 < end; j += 4)
            {
                final float c0 = c[j + s0];
                final float c1 = c[j + s0 + 1];
                final float c2 = c[j + s0 + 2];
                final float c3 = c[j + s0 + 3];
                final double y0 = w[j] + gain * c0;
                final double y1 = w[j + 1] + gain * c1;
                final double y2 = w[j + 2] + gain * c2;
                final double y3 = w[j + 3] + gain * c3;
                final double z0 = c0 * decay;
                final double z1 = c1 * decay;
                final double z2 = c2 * decay;
                final double z3 = c3 * decay;
                final float x0 = clipLikeMath((float)y0, minKey, maxKey);
                final float x1 = clipLikeMath((float)y1, minKey, maxKey);
                final float x2 = clipLikeMath((float)y2, minKey, maxKey);
                final float x3 = clipLikeMath((float)y3, minKey, maxKey);
                final float e0 = (float)z0;
                final float e1 = (float)z1;
                final float e2 = (float)z2;
                final float e3 = (float)z3;
                w[j] = x0;
                w[j + 1] = x1;
                w[j + 2] = x2;
                w[j + 3] = x3;
                c[j + s0] = e0;
                c[j + s0 + 1] = e1;
                c[j + s0 + 2] = e2;
                c[j + s0 + 3] = e3;
                bad |= nonFiniteBit(x0) | nonFiniteBit(e0) | nonFiniteBit(x1) | nonFiniteBit(e1)
                    | nonFiniteBit(x2) | nonFiniteBit(e2) | nonFiniteBit(x3) | nonFiniteBit(e3);
            }
            for (; j < end; j++)
            {
                final float x = clipLikeMath((float)(w[j] + gain * c[j + s0]), minKey, maxKey);
                w[j] = x;
                final float e = (float)(c[j + s0] * decay);
                c[j + s0] = e;
                bad |= nonFiniteBit(x) | nonFiniteBit(e);
            }
            if (bad != 0)
            {
                finite = firstNonFinite(slot, w, c, s0, first, end);
            }
        }
        return finite;
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
     * Bytes the plastic synapses add to the matrix: the derivative (4 B per plastic synapse), the index (4 B per
     * plastic synapse, 8 when position and row do not fit one int, and 4 B per target plus one), the spans (12 B
     * each) and the traces ((D + 1) LTP floats per neuron up to the last plastic source, the LTD float and the
     * plastic-source flag per neuron).
     * {@link MemoryEstimate} computes the same from the plan.
     */
    public long bytes()
    {
        long bytes = 5L * ltd.length + 4L * ltp.length;
        for (int b = 0; b < derivative.length; b++)
        {
            bytes += 4L * derivative[b].length + 4L * inStart[b].length + 12L * spanFirst[b].length +
                4L * inEntry[b].length + (inRow[b] != null ? 4L * inRow[b].length : 0);
        }
        return bytes;
    }

    /** The derivative sd of the plastic synapse at position j of block b (for checkpoints and tests). */
    public float derivative(final int block, final int j)
    {
        return derivative[block][slotOf(block, j)];
    }

    /** Sets the derivative of the plastic synapse at position j of block b (a checkpoint's restore). */
    public void setDerivative(final int block, final int j, final float value)
    {
        derivative[block][slotOf(block, j)] = value;
    }

    /**
     * A copy of the LTP history ring, [time mod (D + 1)][neuron], neurons up to the last plastic source (for
     * checkpoints, which keep N per slot, 0 for the others).
     */
    public float[][] ltpHistory()
    {
        final float[][] copy = new float[slots][];
        for (int s = 0; s < slots; s++)
        {
            copy[s] = Arrays.copyOfRange(ltp, s * width, (s + 1) * width);
        }
        return copy;
    }

    /** Sets slot {@code slot} of the LTP history from {@code values}' first neurons (a checkpoint's restore). */
    public void restoreLtp(final int slot, final float[] values)
    {
        System.arraycopy(values, 0, ltp, slot * width, Math.min(width, values.length));
    }

    /**
     * Whether a trace, a derivative (eligibility) or a plastic weight holds NaN or an infinity: what a blow-up's
     * report looks at, once, after the run (amplitudes near the float range make inf - inf of two traces, NaN weights
     * and then NaN potentials, which alone would blame the input).
     */
    public boolean anyNonFinite()
    {
        if (anyNonFinite(ltp, 0, ltp.length) || anyNonFinite(ltd, 0, ltd.length))
        {
            return true;
        }
        for (int b = 0; b < derivative.length; b++)
        {
            if (anyNonFinite(derivative[b], 0, derivative[b].length))
            {
                return true;
            }
            for (int k = 0; k < spanFirst[b].length; k++)
            {
                if (anyNonFinite(matrix.weights(b), spanFirst[b][k], spanEnd[b][k]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyNonFinite(final float[] values, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (!Float.isFinite(values[i]))
            {
                return true;
            }
        }
        return false;
    }

    /** LTD per neuron (for checkpoints). */
    public float[] ltd()
    {
        return ltd;
    }
}
