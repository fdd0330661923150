package org.izhsim.network.input;

import org.izhsim.network.random.CounterRandom;

/**
 * Uniform current width * (U - 0.5), U in [0, 1) drawn afresh for every neuron and step from a counter hash of
 * (seed, stream, step, neuron): the random input of Izhikevich (2007) daspnet.m line 59, {@code 13*(rand-0.5)}.
 */
public final class UniformNoiseDrive extends InputDrive
{
    private final double width;
    private final long seed;
    private final long stream;

    public UniformNoiseDrive(final int first, final int end, final double width, final long seed, final long stream)
    {
        super(first, end);
        this.width = width;
        this.seed = seed;
        this.stream = stream;
    }

    @Override
    protected void add(final float[] input, final int from, final int to, final long step, final long[] scratch)
    {
        fillBits(scratch, CounterRandom.key(seed, stream, step), from, to);
        for (int i = from; i < to; i++)
        {
            input[i] += (float)(width * (CounterRandom.uniform(scratch[i - from]) - 0.5));
        }
    }
}
