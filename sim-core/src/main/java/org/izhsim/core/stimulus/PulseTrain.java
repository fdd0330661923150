package org.izhsim.core.stimulus;

import org.izhsim.core.InputException;

/**
 * {@code count} rectangular pulses of {@code amplitude}, the n-th covering
 * {@code [start + n*period, start + n*period + width)}; zero elsewhere. A single pulse is count 1.
 */
public final class PulseTrain implements Stimulus
{
    private final double amplitude;
    private final double start;
    private final double width;
    private final double period;
    private final int count;

    public PulseTrain(final double amplitude, final double start, final double width, final double period, final int count)
    {
        this.amplitude = Stimuli.requireFinite("pulse amplitude", amplitude);
        this.start = Stimuli.requireFinite("pulse start", start);
        this.width = Stimuli.requirePositive("pulse width", width);
        if (count < 1)
        {
            throw new InputException("pulse count must be at least 1, got " + count);
        }
        this.period = Stimuli.requirePositive("pulse period", period);
        if (count > 1 && this.period < width)
        {
            throw new InputException("pulse period " + period + " ms is shorter than the pulse width " + width + " ms");
        }
        this.count = count;
    }

    /**
     * @return one pulse over [start, start + width).
     */
    public static PulseTrain single(final double amplitude, final double start, final double width)
    {
        return new PulseTrain(amplitude, start, width, width, 1);
    }

    /**
     * Relative tolerance of the pulse boundaries: binary arithmetic put the n-th boundary a few units in the last place
     * off its decimal value ((18.0 - 1.1) / 1.3 = 12.999999999999998: the pulse due at 18.0 ms at dt 0.1 began a step
     * late, others lasted a step more or less), so a time within this fraction of its magnitude of a boundary is on
     * it. Far above the rounding (about 1e-16), far below any step (dt / t above 1e-9 for any run: 2^31 steps).
     */
    private static final double BOUNDARY_TOLERANCE = 1e-12;

    @Override
    public double current(final double tMs, final long step)
    {
        final double tolerance = BOUNDARY_TOLERANCE * Math.max(1.0, Math.abs(tMs));
        if (tMs < start - tolerance)
        {
            return 0.0;
        }
        final double n = Math.max(0.0, Math.floor((tMs - start + tolerance) / period));
        if (n >= count)
        {
            return 0.0;
        }
        return tMs - (start + n * period) < width - tolerance ? amplitude : 0.0;
    }

    @Override
    public String toString()
    {
        return "pulses(" + amplitude + ", start " + start + " ms, width " + width + " ms, period " + period +
            " ms, x" + count + ")";
    }
}
