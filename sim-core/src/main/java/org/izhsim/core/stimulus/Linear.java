package org.izhsim.core.stimulus;

/**
 * A straight line in time, {@code i0 + (t - t0) / span * rise}, unbounded (gate it with {@link Gated} or
 * {@link Piecewise}). The operation order lets the published ramps be written exactly:
 * {@code t/25} (2004 Fig. 1R) is (t0 0, i0 0, span 25, rise 1), {@code (t-300)/12.5*4} is (300, 0, 12.5, 4),
 * and {@code -0.5+(0.015*(t-T1))} (Fig. 1H) is (T1, -0.5, 1, 0.015), since x/1*r == r*x in IEEE arithmetic.
 */
public final class Linear implements Stimulus
{
    private final double t0;
    private final double i0;
    private final double span;
    private final double rise;

    /**
     * @param t0   the time at which the line has value i0, ms.
     * @param i0   the value at t0.
     * @param span a time span, ms (positive).
     * @param rise the change of current over {@code span}.
     */
    public Linear(final double t0, final double i0, final double span, final double rise)
    {
        this.t0 = Stimuli.requireFinite("ramp start", t0);
        this.i0 = Stimuli.requireFinite("ramp start current", i0);
        this.span = Stimuli.requirePositive("ramp duration", span);
        this.rise = Stimuli.requireFinite("ramp rise", rise);
    }

    /**
     * @return the line through (t0, i0) with the given slope per ms.
     */
    public static Linear withSlope(final double t0, final double i0, final double slopePerMs)
    {
        return new Linear(t0, i0, 1.0, slopePerMs);
    }

    @Override
    public double current(final double tMs, final long step)
    {
        return i0 + (tMs - t0) / span * rise;
    }

    @Override
    public String toString()
    {
        return "linear(" + i0 + " + (t - " + t0 + ") / " + span + " * " + rise + ")";
    }
}
