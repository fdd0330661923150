package org.izhsim.network.input;

import org.izhsim.network.random.CounterRandom;

/**
 * The spikes of a Poisson source population ({@code model: poisson}): each neuron fires in a 1 ms step with
 * probability p = rate / 1000, independently, as Brian2's {@code PoissonGroup} draws them ({@code rand() < rates *
 * dt}, brian2/input/poissongroup.py): the Bernoulli approximation of a Poisson process at the step, at most one spike
 * per step. The draw of neuron i in step t is {@code CounterRandom.bits(key(noise seed, stream, t), i)}, the bits
 * {@link InputDrive#fillBits} gives, so it does not depend on which thread or rank owns the neuron. Stateless between
 * steps, like the drives.
 * <p>
 * A source neuron integrates nothing: after the integration of its step this sets its v to 30 mV when it fires
 * (the detection then records the spike and resets v to the population's c, -65 mV) and to -65 mV otherwise, its u to
 * 0. The integration runs over it with the rest of the slice (a = b = 0, no input reaches it): one vector loop over
 * the slice costs less than splitting it around the sources, and whatever it computes is replaced here.
 */
public final class PoissonSource
{
    private final int first;
    private final int end;
    /** Fires when the top 53 bits, as an integer, are below this: uniform < p exactly, p = rate / 1000. */
    private final long threshold;
    private final long seed;
    private final long stream;

    /** v a source neuron is given in a step it fires: the 2003 model's cutoff, which the detection tests. */
    private static final float SPIKE_MV = 30.0f;

    /**
     * @param rest the v of a source neuron that does not fire in a step (its population's reset c).
     */
    public PoissonSource(final int first, final int end, final double rateHz, final long seed, final long stream,
        final double rest)
    {
        this.first = first;
        this.end = end;
        // k * 2^-53 < p, k an integer, is k < ceil(p * 2^53) (a product by a power of two is exact): Brian2's test.
        this.threshold = (long)Math.ceil(rateHz / 1000.0 * 0x1p53);
        this.seed = seed;
        this.stream = stream;
        this.rest = (float)rest;
    }

    private final float rest;

    /**
     * Sets v and u of this population's neurons among {@code from .. to - 1} for step {@code step}.
     *
     * @param scratch the slice's own buffer of at least {@code to - from} longs.
     */
    public void fire(final float[] v, final float[] u, final int from, final int to, final long step,
        final long[] scratch)
    {
        final int lo = Math.max(from, first);
        final int hi = Math.min(to, end);
        if (lo >= hi)
        {
            return;
        }
        InputDrive.fillBits(scratch, CounterRandom.key(seed, stream, step), lo, hi);
        for (int i = lo; i < hi; i++)
        {
            v[i] = (scratch[i - lo] >>> 11) < threshold ? SPIKE_MV : rest;
            u[i] = 0.0f;
        }
    }
}
