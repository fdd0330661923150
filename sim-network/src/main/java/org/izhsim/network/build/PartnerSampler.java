package org.izhsim.network.build;

import org.izhsim.network.random.CounterRandom;

/**
 * Draws the partners of one neuron in a projection (the targets of a source, or for fixed_indegree the
 * sources of a target) as ascending global ids, from random bits keyed by that neuron alone. Owns scratch
 * arrays; one instance per construction thread. In the build package so that the plan draws what the synapse
 * matrix's builder draws (dastdp2007's rewarded pair is checked against it before anything is built).
 */
public final class PartnerSampler
{
    /** Random streams of a projection: each neuron's partners, their delays, their weights (keys of CounterRandom). */
    public static final int PARTNERS = 0;
    public static final int DELAYS = 1;
    public static final int WEIGHTS = 2;
    private static final int STREAMS_PER_PROJECTION = 4;

    private int[] partners = new int[1024];
    private long[] marks = new long[0];
    /** Open-addressing set of the candidates drawn so far (candidate + 1; 0 is empty), for small k. */
    private int[] drawn = new int[0];
    private int[] radixScratch = new int[0];
    private final int[] radixCounts = new int[1 << RADIX_BITS];
    private static final int RADIX_BITS = 11;
    private int[] order = new int[1024];

    /** The key of one of projection {@code projection}'s random {@code stream}s for {@code neuron}. */
    public static long key(final long seed, final int projection, final int stream, final int neuron)
    {
        return CounterRandom.key(seed, (long)projection * STREAMS_PER_PROJECTION + stream, neuron);
    }

    /**
     * Whether projection {@code p} of a network of {@code seed} makes a synapse pre -> post: the partners of the
     * neuron that draws them (the source, or the target for fixed_indegree), drawn as the matrix's builder draws
     * them, without building anything. The caller has checked that pre is among p's sources and post its targets.
     */
    public boolean connects(final ResolvedProjection p, final long seed, final int pre, final int post)
    {
        final int neuron = p.targetCentric() ? post : pre;
        final int n = draw(p, neuron, key(seed, p.index(), PARTNERS, neuron));
        return java.util.Arrays.binarySearch(partners, 0, n, p.targetCentric() ? pre : post) >= 0;
    }

    /** The partners drawn by the last {@link #draw} call, valid up to its return value. */
    public int[] partners()
    {
        return partners;
    }

    /**
     * @param projection the projection.
     * @param neuron     the source (or, for fixed_indegree, the target) whose partners are drawn.
     * @param key        random key of this neuron's partner stream.
     * @return number of partners written to {@link #partners()}, ascending.
     */
    public int draw(final ResolvedProjection projection, final int neuron, final long key)
    {
        final boolean targetCentric = projection.targetCentric();
        final int first = targetCentric ? projection.sourceFirst() : projection.targetFirst();
        final int size = targetCentric ? projection.sourceSize() : projection.targetSize();
        // Without autapses the neuron itself is cut out of the candidates: candidate c maps to c, or c + 1 past it.
        final int self = projection.excludesSelf() && neuron >= first && neuron < first + size ? neuron - first : -1;
        final int candidates = self >= 0 ? size - 1 : size;
        final ConnectionRule rule = projection.rule();
        switch (rule.kind())
        {
            case TABLE:
            {
                // The table's targets of this source, ascending (ConnectionTable keeps them so).
                final ConnectionTable table = rule.connections();
                final int from = table.first(neuron);
                final int n = table.end(neuron) - from;
                ensureCapacity(n);
                for (int j = 0; j < n; j++)
                {
                    partners[j] = table.target(from + j);
                }
                return n;
            }
            case ONE_TO_ONE:
                ensureCapacity(1);
                partners[0] = projection.targetFirst() + neuron - projection.sourceFirst();
                return 1;
            case ALL_TO_ALL:
                return all(first, candidates, self);
            case PAIRWISE_PROBABILITY:
                return bernoulli(first, candidates, self, rule.p(), key);
            default:
                return withoutReplacement(first, candidates, self, rule.k(), key);
        }
    }

    private int all(final int first, final int candidates, final int self)
    {
        ensureCapacity(candidates);
        for (int c = 0; c < candidates; c++)
        {
            partners[c] = first + map(c, self);
        }
        return candidates;
    }

    /** Geometric skipping (Batagelj and Brandes 2005, Phys Rev E 71:036113): O(partners), not O(candidates). */
    private int bernoulli(final int first, final int candidates, final int self, final double p, final long key)
    {
        if (p >= 1.0)
        {
            return all(first, candidates, self);
        }
        int n = 0;
        if (p <= 0.0)
        {
            return n;
        }
        final double logMiss = Math.log1p(-p);
        long position = -1;
        for (long draw = 0; ; draw++)
        {
            final double u = CounterRandom.uniform(CounterRandom.bits(key, draw));
            position += 1 + (long)(Math.log1p(-u) / logMiss);
            if (position >= candidates)
            {
                return n;
            }
            ensureCapacity(n + 1);
            partners[n++] = first + map((int)position, self);
        }
    }

    /**
     * k distinct candidates by Floyd's algorithm (Bentley and Floyd 1987, CACM 30:754): k draws into a set, then
     * the set in ascending order.
     */
    private int withoutReplacement(final int first, final int candidates, final int self, final int k, final long key)
    {
        return sparseDraw(k, candidates) ? withoutReplacementHashed(first, candidates, self, k, key) :
            withoutReplacementBitSet(first, candidates, self, k, key);
    }

    /**
     * Whether k of the candidates are few enough for the hashed draw: a bit set of 10^6 candidates (125 kB) is
     * missed in cache on most of its k random reads while the build streams gigabytes past it, and its scan
     * costs candidates / 64 words per neuron; the hashed draw's set (4k ints) stays in L1 and costs k log k.
     * Both give the same partners.
     */
    static boolean sparseDraw(final int k, final int candidates)
    {
        return (long)k * 64 < candidates;
    }

    /** Floyd's algorithm with a hash set of the drawn candidates, then a radix sort: the bit set's result. */
    int withoutReplacementHashed(final int first, final int candidates, final int self, final int k, final long key)
    {
        final int capacity = Integer.highestOneBit(Math.max(2, k)) << 2;
        if (drawn.length < capacity)
        {
            drawn = new int[capacity];
            radixScratch = new int[Math.max(k, 16)];
        }
        ensureCapacity(k);
        if (radixScratch.length < k)
        {
            radixScratch = new int[k];
        }
        final int[] drawn = this.drawn;
        final int[] partners = this.partners;
        final int mask = capacity - 1;
        final int shift = 32 - Integer.numberOfTrailingZeros(capacity);
        for (int j = candidates - k, n = 0; j < candidates; j++, n++)
        {
            final int t = CounterRandom.uniformInt(CounterRandom.bits(key, j), j + 1);
            // Candidates drawn before j are all below j: j itself is never in the set.
            int slot = (t * 0x9E3779B9) >>> shift;
            boolean present = false;
            while (drawn[slot] != 0)
            {
                if (drawn[slot] == t + 1)
                {
                    present = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            final int chosen = present ? j : t;
            if (present)
            {
                slot = (chosen * 0x9E3779B9) >>> shift;
                while (drawn[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }
            }
            drawn[slot] = chosen + 1;
            partners[n] = chosen;
        }
        java.util.Arrays.fill(drawn, 0, capacity, 0);
        radixSort(partners, k, candidates);
        for (int n = 0; n < k; n++)
        {
            partners[n] = first + map(partners[n], self);
        }
        return k;
    }

    /** Sorts values[0 .. n) (each in 0 .. bound - 1) ascending, by RADIX_BITS-bit digits from the lowest. */
    private void radixSort(final int[] values, final int n, final int bound)
    {
        final int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, bound - 1));
        int[] from = values;
        int[] to = radixScratch;
        final int[] counts = radixCounts;
        for (int shift = 0; shift < bits; shift += RADIX_BITS)
        {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++)
            {
                counts[(from[i] >>> shift) & ((1 << RADIX_BITS) - 1)]++;
            }
            int sum = 0;
            for (int d = 0; d < counts.length; d++)
            {
                final int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++)
            {
                to[counts[(from[i] >>> shift) & ((1 << RADIX_BITS) - 1)]++] = from[i];
            }
            final int[] swap = from;
            from = to;
            to = swap;
        }
        if (from != values)
        {
            System.arraycopy(from, 0, values, 0, n);
        }
    }

    /** Floyd's algorithm on a bit set of all candidates. */
    int withoutReplacementBitSet(final int first, final int candidates, final int self, final int k, final long key)
    {
        final int words = (candidates + 63) >>> 6;
        if (marks.length < words)
        {
            marks = new long[words];
        }
        ensureCapacity(k);
        final long[] marks = this.marks;
        for (int j = candidates - k; j < candidates; j++)
        {
            final int t = CounterRandom.uniformInt(CounterRandom.bits(key, j), j + 1);
            final int chosen = (marks[t >>> 6] & (1L << t)) != 0 ? j : t;
            marks[chosen >>> 6] |= 1L << chosen;
        }
        int n = 0;
        for (int w = 0; w < words; w++)
        {
            long word = marks[w];
            marks[w] = 0;
            while (word != 0)
            {
                partners[n++] = first + map((w << 6) + Long.numberOfTrailingZeros(word), self);
                word &= word - 1;
            }
        }
        return n;
    }

    /**
     * A uniformly random permutation of 0..n-1 (Fisher-Yates, drawing position j's swap partner from bit j of
     * {@code key}), valid up to n until the next call: which partner gets which slot of an even delay split.
     */
    public int[] permutation(final int n, final long key)
    {
        if (order.length < n)
        {
            order = new int[Math.max(n, 2 * order.length)];
        }
        final int[] order = this.order;
        for (int j = 0; j < n; j++)
        {
            order[j] = j;
        }
        for (int j = n - 1; j > 0; j--)
        {
            final int swap = CounterRandom.uniformInt(CounterRandom.bits(key, j), j + 1);
            final int t = order[j];
            order[j] = order[swap];
            order[swap] = t;
        }
        return order;
    }

    private static int map(final int candidate, final int self)
    {
        return self >= 0 && candidate >= self ? candidate + 1 : candidate;
    }

    private void ensureCapacity(final int n)
    {
        if (partners.length < n)
        {
            partners = java.util.Arrays.copyOf(partners, Math.max(n, 2 * partners.length));
        }
    }
}
