package org.izhsim.network.synapse;

import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.ResolvedProjection;
import org.izhsim.network.random.CounterRandom;

/**
 * Draws the partners of one neuron in a projection (the targets of a source, or for fixed_indegree the
 * sources of a target) as ascending global ids, from random bits keyed by that neuron alone. Owns scratch
 * arrays; one instance per construction thread.
 */
final class PartnerSampler
{
    private int[] partners = new int[1024];
    private long[] marks = new long[0];
    private int[] order = new int[1024];

    /** The partners drawn by the last {@link #draw} call, valid up to its return value. */
    int[] partners()
    {
        return partners;
    }

    /**
     * @param projection the projection.
     * @param neuron     the source (or, for fixed_indegree, the target) whose partners are drawn.
     * @param key        random key of this neuron's partner stream.
     * @return number of partners written to {@link #partners()}, ascending.
     */
    int draw(final ResolvedProjection projection, final int neuron, final long key)
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
     * k distinct candidates by Floyd's algorithm (Bentley and Floyd 1987, CACM 30:754): k draws, then one scan
     * of a bit set yields them in ascending order and clears it.
     */
    private int withoutReplacement(final int first, final int candidates, final int self, final int k, final long key)
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
    int[] permutation(final int n, final long key)
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
