package org.izhsim.network.input;

import org.izhsim.network.random.CounterRandom;

/**
 * Each step, {@code count} neurons of the range drawn uniformly from the bits of (seed, stream, step) get
 * {@code amplitude} once each: the random thalamic input of Izhikevich (2006), poly_spnet.cpp line 788,
 * {@code I[int(floor(N*rand01))]=20} (one of all N neurons per ms; the words "random thalamic input" are the
 * comment of the 2004 spnet.cpp's line 113). Every worker draws the same neurons and adds
 * only its own, so the result does not depend on the split of the neurons.
 */
public final class RandomPickDrive extends InputDrive
{
    private final float amplitude;
    private final int count;
    private final long seed;
    private final long stream;

    public RandomPickDrive(final int first, final int end, final double amplitude, final int count, final long seed,
        final long stream)
    {
        super(first, end);
        this.amplitude = (float)amplitude;
        this.count = count;
        this.seed = seed;
        this.stream = stream;
    }

    /** The k-th neuron drawn in {@code step}. */
    public int pick(final long step, final int k)
    {
        return first + CounterRandom.uniformInt(CounterRandom.bits(CounterRandom.key(seed, stream, step), k), end - first);
    }

    @Override
    protected void add(final float[] input, final int from, final int to, final long step, final long[] scratch)
    {
        final long key = CounterRandom.key(seed, stream, step);
        final int size = end - first;
        for (int k = 0; k < count; k++)
        {
            final int n = first + CounterRandom.uniformInt(CounterRandom.bits(key, k), size);
            if (n < from || n >= to)
            {
                continue;
            }
            // poly_spnet assigns (I[n] = 20), so a neuron drawn twice in a step gets the current once.
            boolean repeated = false;
            for (int j = 0; j < k && !repeated; j++)
            {
                repeated = first + CounterRandom.uniformInt(CounterRandom.bits(key, j), size) == n;
            }
            if (!repeated)
            {
                input[n] += amplitude;
            }
        }
    }
}
