package org.izhsim.core.stimulus;

import static org.izhsim.core.ShortestDecimal.typed;

import org.izhsim.core.InputException;

/**
 * Factories for the usual protocols and the shared checks of stimulus parameters.
 */
public final class Stimuli
{
    private Stimuli()
    {
    }

    /**
     * @return no current.
     */
    public static Stimulus none()
    {
        return new Constant(0.0);
    }

    /**
     * A DC step: {@code amplitude} from the first step whose start t &gt;= onset (inclusive) up to, not
     * including, offset. Use {@code Double.POSITIVE_INFINITY} for a step that never ends.
     */
    public static Stimulus dc(final double amplitude, final double onset, final double offset)
    {
        requireFinite("DC onset", onset);
        if (Double.isNaN(offset) || offset <= onset)
        {
            throw new InputException("DC offset " + offset + " ms must be after its onset " + onset + " ms");
        }
        return new Gated(Interval.closedOpen(onset, offset), new Constant(amplitude));
    }

    /**
     * A linear ramp from {@code from} at {@code start} towards {@code to} at {@code end}, over
     * [start, end), zero outside.
     */
    public static Stimulus ramp(final double start, final double end, final double from, final double to)
    {
        requireFinite("ramp start", start);
        if (!(end > start) || Double.isInfinite(end))
        {
            throw new InputException("ramp end " + end + " ms must be a finite time after its start " + start + " ms");
        }
        return new Gated(Interval.closedOpen(start, end), new Linear(start, from, end - start, requireFinite("ramp end current", to) - from));
    }

    static double requireFinite(final String what, final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new InputException(what + " must be a finite number, got " + typed(value));
        }
        return value;
    }

    static double requirePositive(final String what, final double value)
    {
        if (!(value > 0.0) || Double.isInfinite(value))
        {
            throw new InputException(what + " must be a positive number, got " + typed(value));
        }
        return value;
    }
}
