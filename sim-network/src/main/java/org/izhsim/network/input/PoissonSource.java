package org.izhsim.network.input;

import org.izhsim.network.random.CounterRandom;

/**
 * The spikes of a Poisson source population ({@code model: poisson}): each neuron fires in a 1 ms step with
 * probability p = rate / 1000, independently, as Brian2's {@code PoissonGroup} draws them ({@code rand() < rates *
 * dt}, brian2/input/poissongroup.py): the Bernoulli approximation of a Poisson process at the step, at most one spike
 * per step. The draw of neuron i in step t is {@code CounterRandom.bits(key(noise seed, stream, t), i)}, the bits
 * {@link InputDrive#fillBits} gives, so it does not depend on which thread or rank owns the neuron.
 */
public final class PoissonSource extends SpikeSource
{
    /** Fires when the top 53 bits, as an integer, are below this: uniform < p exactly, p = rate / 1000. */
    private final long threshold;
    private final long seed;
    private final long stream;

    public PoissonSource(final int first, final int end, final double rateHz, final long seed, final long stream,
        final double rest)
    {
        super(first, end, rest);
        // k * 2^-53 < p, k an integer, is k < ceil(p * 2^53) (a product by a power of two is exact): Brian2's test.
        this.threshold = (long)Math.ceil(rateHz / 1000.0 * 0x1p53);
        this.seed = seed;
        this.stream = stream;
    }

    @Override
    protected void fireRange(final float[] v, final float[] u, final int lo, final int hi, final long step,
        final long[] scratch)
    {
        InputDrive.fillBits(scratch, CounterRandom.key(seed, stream, step), lo, hi);
        for (int i = lo; i < hi; i++)
        {
            v[i] = (scratch[i - lo] >>> 11) < threshold ? SPIKE_MV : rest;
            u[i] = 0.0f;
        }
    }
}
