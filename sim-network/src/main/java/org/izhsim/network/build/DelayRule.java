package org.izhsim.network.build;

import org.izhsim.network.random.CounterRandom;

/**
 * Axonal delay of a synapse in whole 1 ms steps: constant, or uniform over the integers lo..hi.
 * Immutable. A spike emitted in step k arrives as input in step k + delay.
 */
public final class DelayRule
{
    private final int lo;
    private final int hi;
    private final boolean evenSplit;
    /** The delays of a table's synapses, or null. */
    private final ConnectionTable table;

    private DelayRule(final int lo, final int hi)
    {
        this(lo, hi, false);
    }

    private DelayRule(final int lo, final int hi, final boolean evenSplit)
    {
        this(lo, hi, evenSplit, null);
    }

    private DelayRule(final int lo, final int hi, final boolean evenSplit, final ConnectionTable table)
    {
        this.lo = lo;
        this.hi = hi;
        this.evenSplit = evenSplit;
        this.table = table;
    }

    /** The delays of {@code table}'s synapses: {@link #delay} of entry e (mod its size) is its delay. */
    static DelayRule of(final ConnectionTable table)
    {
        return new DelayRule(table.minDelay(), table.maxDelay(), false, table);
    }

    /**
     * Every source neuron has exactly k / (hi - lo + 1) synapses of each delay lo..hi, k its out-degree (which
     * the plan requires to be a multiple of the delay count), assigned to its partners in a random order
     * drawn per source: Izhikevich (2006) poly_spnet.cpp, line 123 ({@code delays_length[i][j]=M/D}).
     */
    public static DelayRule splitEvenly(final long lo, final long hi)
    {
        final DelayRule range = uniform(lo, hi);
        return new DelayRule(range.lo, range.hi, true);
    }

    /** Whether the delays of each source are split evenly over lo..hi instead of drawn per synapse. */
    public boolean splitsEvenly()
    {
        return evenSplit;
    }

    /** Synapses of each delay when a source has {@code outdegree} of them, for {@link #splitEvenly}. */
    public int perDelay(final int outdegree)
    {
        return outdegree / (hi - lo + 1);
    }

    public static DelayRule constant(final long delayMs)
    {
        Checks.delay(delayMs);
        return new DelayRule((int)delayMs, (int)delayMs);
    }

    /** Uniform over the integers lo, lo + 1, ..., hi (both included). */
    public static DelayRule uniform(final long lo, final long hi)
    {
        Checks.delay(lo);
        Checks.delay(hi);
        if (lo > hi)
        {
            throw new org.izhsim.core.InputException("delay range " + lo + ".." + hi + " ms has low > high");
        }
        return new DelayRule((int)lo, (int)hi);
    }

    /** @param bits the synapse's own random bits. */
    public int delay(final long bits)
    {
        if (table != null)
        {
            return table.size() == 0 ? lo : table.delay((int)Long.remainderUnsigned(bits, table.size()));
        }
        return lo == hi ? lo : lo + CounterRandom.uniformInt(bits, hi - lo + 1);
    }

    public int min()
    {
        return lo;
    }

    public int max()
    {
        return hi;
    }

    @Override
    public String toString()
    {
        return (lo == hi ? lo + " ms" : lo + ".." + hi + " ms" + (evenSplit ? " split evenly" : "")) +
            (table != null ? " from the table" : "");
    }
}
