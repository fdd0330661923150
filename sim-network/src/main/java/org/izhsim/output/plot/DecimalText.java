package org.izhsim.output.plot;

import org.izhsim.core.ShortestDecimal;

/**
 * Writes numbers as decimal text without String.format, which is far too slow for the millions of
 * coordinates and CSV fields a run produces.
 */
public final class DecimalText
{
    private static final long[] POWERS = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};

    /** Beyond this a scaled value no longer fits exactly in a long's 53-bit-safe range. */
    private static final double FAST_LIMIT = 9.0e15;

    private DecimalText()
    {
    }

    /**
     * Appends {@code value} rounded to {@code decimals} (0..9) places, trailing zeros dropped:
     * 1.50 -&gt; "1.5", -0.0001 at 2 places -&gt; "0".
     */
    public static StringBuilder appendRounded(final StringBuilder out, final double value, final int decimals)
    {
        final long scale = POWERS[decimals];
        final double scaled = Math.abs(value) * scale;
        if (!(scaled < FAST_LIMIT))
        {
            return ShortestDecimal.append(out, value);
        }
        final long units = Math.round(scaled);
        if (units == 0)
        {
            return out.append('0');
        }
        if (value < 0)
        {
            out.append('-');
        }
        return appendFixed(out, units, decimals);
    }

    /**
     * Appends {@code value} so that parsing the text gives back exactly the same double, using the
     * shortest of up to 9 decimals when one round-trips (spike times on a 0.1 ms grid print as
     * "12.3"), and {@link ShortestDecimal} otherwise (Double.toString's text differs between JDK 17 and 19+).
     */
    public static StringBuilder appendExact(final StringBuilder out, final double value)
    {
        final double magnitude = Math.abs(value);
        final int decimals = magnitude < FAST_LIMIT / POWERS[9] || magnitude == Math.rint(magnitude) &&
            magnitude < FAST_LIMIT ? ShortestDecimal.fewestDecimals(magnitude) : -1;
        if (decimals < 0)
        {
            return ShortestDecimal.append(out, value);
        }
        final long units = (long)Math.rint(magnitude * POWERS[decimals]);
        if (value < 0 && units != 0)
        {
            out.append('-');
        }
        return appendFixed(out, units, decimals);
    }

    private static StringBuilder appendFixed(final StringBuilder out, final long units, final int decimals)
    {
        final long scale = POWERS[decimals];
        out.append(units / scale);
        long fraction = units % scale;
        if (fraction == 0)
        {
            return out;
        }
        int digits = decimals;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }
        out.append('.');
        for (long p = POWERS[digits - 1]; p > fraction; p /= 10)
        {
            out.append('0');
        }
        return out.append(fraction);
    }
}
