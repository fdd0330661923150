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

    @Override
    public double current(final double tMs, final long step)
    {
        if (tMs < start)
        {
            return 0.0;
        }
        final double n = Math.floor((tMs - start) / period);
        if (n >= count)
        {
            return 0.0;
        }
        return tMs < start + n * period + width ? amplitude : 0.0;
    }

    @Override
    public String toString()
    {
        return "pulses(" + amplitude + ", start " + start + " ms, width " + width + " ms, period " + period +
            " ms, x" + count + ")";
    }
}
