package org.izhsim.core.stimulus;

import java.util.Arrays;

/**
 * An if / else-if chain over time windows: the first case whose window contains t gives the current,
 * otherwise the fallback. This mirrors the published protocols literally, e.g. 2003 Fig. 2 RZ
 * <pre>
 *   if (t&gt;T2) &amp; (t&lt;T2+5)  I=10;  elseif (t&gt;T1)  I=-0.5;  else  I=-2;
 * </pre>
 * is {@code Piecewise.when(Interval.open(T2, T2 + 5), 10).orWhen(Interval.after(T1), -0.5).otherwise(-2)},
 * and returns the very same doubles (no sums of amplitudes that could round differently).
 */
public final class Piecewise implements Stimulus
{
    private final Interval[] windows;
    private final Stimulus[] values;
    private final Stimulus otherwise;

    private Piecewise(final Interval[] windows, final Stimulus[] values, final Stimulus otherwise)
    {
        this.windows = windows;
        this.values = values;
        this.otherwise = otherwise;
    }

    /**
     * @return the first case of a chain.
     */
    public static Chain when(final Interval window, final Stimulus value)
    {
        return new Chain(new Interval[0], new Stimulus[0]).orWhen(window, value);
    }

    /**
     * @return the first case of a chain, with a constant value.
     */
    public static Chain when(final Interval window, final double value)
    {
        return when(window, new Constant(value));
    }

    @Override
    public double current(final double tMs, final long step)
    {
        for (int i = 0; i < windows.length; i++)
        {
            if (windows[i].contains(tMs))
            {
                return values[i].current(tMs, step);
            }
        }
        return otherwise.current(tMs, step);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < windows.length; i++)
        {
            text.append(i == 0 ? "if t in " : "; else if t in ").append(windows[i]).append(": ").append(values[i]);
        }
        return text.append("; else ").append(otherwise).toString();
    }

    /**
     * An unfinished chain; immutable, each call returns a longer chain.
     */
    public static final class Chain
    {
        private final Interval[] windows;
        private final Stimulus[] values;

        private Chain(final Interval[] windows, final Stimulus[] values)
        {
            this.windows = windows;
            this.values = values;
        }

        public Chain orWhen(final Interval window, final Stimulus value)
        {
            final int n = windows.length;
            final Interval[] moreWindows = Arrays.copyOf(windows, n + 1);
            final Stimulus[] moreValues = Arrays.copyOf(values, n + 1);
            moreWindows[n] = window;
            moreValues[n] = value;
            return new Chain(moreWindows, moreValues);
        }

        public Chain orWhen(final Interval window, final double value)
        {
            return orWhen(window, new Constant(value));
        }

        public Piecewise otherwise(final Stimulus value)
        {
            return new Piecewise(windows, values, value);
        }

        public Piecewise otherwise(final double value)
        {
            return otherwise(new Constant(value));
        }
    }
}
