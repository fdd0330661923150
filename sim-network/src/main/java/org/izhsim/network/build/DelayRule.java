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

    private DelayRule(final int lo, final int hi)
    {
        this.lo = lo;
        this.hi = hi;
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
        return lo == hi ? lo + " ms" : lo + ".." + hi + " ms";
    }
}
