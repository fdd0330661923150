package org.izhsim.network.input;

import org.izhsim.network.random.CounterRandom;

/**
 * External current into a contiguous range of neurons, added once per step. Implementations are immutable
 * and stateless between steps (random numbers are functions of (seed, stream, step, neuron)), so each worker
 * calls {@link #addTo} on its own neuron range with no coordination and the result is the same for any
 * split of the neurons.
 */
public abstract class InputDrive
{
    protected final int first;
    protected final int end;

    protected InputDrive(final int first, final int end)
    {
        this.first = first;
        this.end = end;
    }

    /**
     * Adds this step's current of neurons {@code max(from, first) .. min(to, end) - 1} to {@code input}.
     * Called for the slice that owns neurons {@code from .. to - 1}, once per step, on whichever thread runs it.
     *
     * @param scratch the slice's own buffer of at least {@code to - from} longs, for random bits.
     */
    public final void addTo(final float[] input, final int from, final int to, final long step, final long[] scratch)
    {
        final int lo = Math.max(from, first);
        final int hi = Math.min(to, end);
        if (lo < hi)
        {
            add(input, lo, hi, step, scratch);
        }
    }

    protected abstract void add(float[] input, int from, int to, long step, long[] scratch);

    /**
     * Fills scratch[0 .. to - from) with the random bits of neurons from .. to - 1 in this step:
     * {@code CounterRandom.bits(stepKey, i)}, bit for bit. A loop of its own: fused with the table look-up it
     * was slower (measured on JDK 17: 3.8 against 6 ns per neuron). The Weyl sequence {@code stepKey + (i + 1) *
     * GOLDEN_GAMMA} is stepped by one addition instead of a multiplication per neuron (C2 does not strength-reduce
     * it), which leaves the two multiplications of the finaliser: 17 % less for the noise of cortex2003 (JDK 17,
     * AVX2; this 64-bit hash does not vectorise there, so the loop is scalar either way). See BENCHMARKS.md, issue 12.
     */
    protected static void fillBits(final long[] scratch, final long stepKey, final int from, final int to)
    {
        long weyl = stepKey + (from + 1L) * CounterRandom.GOLDEN_GAMMA;
        final int n = to - from;
        for (int j = 0; j < n; j++)
        {
            scratch[j] = CounterRandom.mix(weyl);
            weyl += CounterRandom.GOLDEN_GAMMA;
        }
    }
}
