package org.izhsim.network.input;

/**
 * A population of spike sources (Poisson or given times): neurons that integrate nothing and fire when the source
 * says. After the integration of a step, which runs over the whole slice (a = b = 0, no input reaches a source: one
 * vector loop costs less than splitting it around the sources), {@link #fire} replaces what it computed for them: v
 * 30 mV in a step a neuron fires (the detection then records the spike and resets v to the population's c, -65 mV),
 * -65 mV otherwise, u 0. Stateless between steps, like the drives, so a run may be cut, resumed or split over
 * threads and ranks anywhere.
 */
public abstract class SpikeSource
{
    /** v of a source neuron in a step it fires: the 2003 model's cutoff, which the detection tests. */
    protected static final float SPIKE_MV = 30.0f;

    protected final int first;
    protected final int end;
    protected final float rest;

    /**
     * @param rest the v of a source neuron that does not fire in a step (its population's reset c).
     */
    protected SpikeSource(final int first, final int end, final double rest)
    {
        this.first = first;
        this.end = end;
        this.rest = (float)rest;
    }

    /**
     * Sets v and u of this population's neurons among {@code from .. to - 1} for step {@code step}.
     *
     * @param scratch the slice's own buffer of at least {@code to - from} longs.
     */
    public final void fire(final float[] v, final float[] u, final int from, final int to, final long step,
        final long[] scratch)
    {
        final int lo = Math.max(from, first);
        final int hi = Math.min(to, end);
        if (lo < hi)
        {
            fireRange(v, u, lo, hi, step, scratch);
        }
    }

    /** As {@link #fire(float[], float[], int, int, long, long[])} for {@code lo .. hi - 1}, all of this population. */
    protected abstract void fireRange(float[] v, float[] u, int lo, int hi, long step, long[] scratch);
}
