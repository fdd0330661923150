package org.izhsim.core.stimulus;

import org.izhsim.core.InputException;

/**
 * A time window with open or closed ends, so that the strict and non-strict comparisons of the published
 * protocols ({@code t > T1}, {@code T1 < t < T1+5}, {@code t < 200}) are written as data and evaluated
 * literally. Either bound may be infinite. Immutable.
 */
public final class Interval
{
    private static final Interval ALL = new Interval(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

    private final double lower;
    private final boolean lowerClosed;
    private final double upper;
    private final boolean upperClosed;

    private Interval(final double lower, final boolean lowerClosed, final double upper, final boolean upperClosed)
    {
        if (Double.isNaN(lower) || Double.isNaN(upper))
        {
            throw new InputException("interval bounds must be numbers, got " + lower + " and " + upper);
        }
        if (upper < lower)
        {
            throw new InputException("interval end " + upper + " ms is before its start " + lower + " ms");
        }
        this.lower = lower;
        this.lowerClosed = lowerClosed;
        this.upper = upper;
        this.upperClosed = upperClosed;
    }

    /** @return all t. */
    public static Interval all()
    {
        return ALL;
    }

    /** @return lower &lt; t &lt; upper. */
    public static Interval open(final double lower, final double upper)
    {
        return new Interval(lower, false, upper, false);
    }

    /** @return lower &lt;= t &lt; upper. */
    public static Interval closedOpen(final double lower, final double upper)
    {
        return new Interval(lower, true, upper, false);
    }

    /** @return lower &lt;= t &lt;= upper. */
    public static Interval closed(final double lower, final double upper)
    {
        return new Interval(lower, true, upper, true);
    }

    /** @return t &gt; lower. */
    public static Interval after(final double lower)
    {
        return new Interval(lower, false, Double.POSITIVE_INFINITY, false);
    }

    /** @return t &gt;= lower. */
    public static Interval from(final double lower)
    {
        return new Interval(lower, true, Double.POSITIVE_INFINITY, false);
    }

    /** @return t &lt; upper. */
    public static Interval before(final double upper)
    {
        return new Interval(Double.NEGATIVE_INFINITY, false, upper, false);
    }

    public boolean contains(final double t)
    {
        return (lowerClosed ? t >= lower : t > lower) && (upperClosed ? t <= upper : t < upper);
    }

    public double lower()
    {
        return lower;
    }

    public double upper()
    {
        return upper;
    }

    public boolean lowerClosed()
    {
        return lowerClosed;
    }

    public boolean upperClosed()
    {
        return upperClosed;
    }

    @Override
    public String toString()
    {
        return (lowerClosed ? "[" : "(") + lower + ", " + upper + (upperClosed ? "]" : ")");
    }
}
