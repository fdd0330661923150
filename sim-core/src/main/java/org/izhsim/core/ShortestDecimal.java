package org.izhsim.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as the fewest significant digits that read back as the same double, laid out as {@link Double#toString}
 * lays it out ("0.001", "1234567.0", "1.0E7", "2.240149628995502E17"), and the same text on every JDK. Double.toString
 * itself changed in JDK 19 (JDK-4511638): JDK 17 gives some values a digit more ("2.24014962899550208E17"), so a
 * traces.csv line differed between JDK 17 and 25, and a checkpoint naming such a w_max in its plasticity text was
 * refused by the other JDK. Values of at most 9 decimals below 9 x 10^6 are written without allocating; others with
 * Double.toString from JDK 19 on, and with BigDecimals on JDK 17.
 */
public final class ShortestDecimal
{
    private ShortestDecimal()
    {
    }

    public static String of(final double value)
    {
        return append(new StringBuilder(24), value).toString();
    }

    /**
     * The value as a user types it, for messages that echo a number: whole values below 10^15 without ".0" ("0",
     * "-5"), others in the shortest round-trip digits with a lower-case exponent ("2.5", "1e39", "1.5e-7"); a message
     * said "got 0.0" for {@code --duration 0} and "1.0E39" for {@code --current 1e39}.
     */
    public static String typed(final double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        final String text = of(value);
        final int e = text.indexOf('E');
        if (e < 0)
        {
            return text;
        }
        final String mantissa = text.substring(0, e);
        return (mantissa.endsWith(".0") ? mantissa.substring(0, mantissa.length() - 2) : mantissa) + "e" +
            text.substring(e + 1);
    }

    public static StringBuilder append(final StringBuilder out, final double value)
    {
        if (!Double.isFinite(value))
        {
            return out.append(value); // "NaN", "Infinity", "-Infinity" on every JDK
        }
        if (value == 0.0)
        {
            return out.append(Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0");
        }
        final double magnitude = Math.abs(value);
        if (appendFewDecimals(out, value, magnitude))
        {
            return out;
        }
        // From JDK 19 on, Double.toString gives this text (ShortestDecimalTest compares it with appendComputed), at a
        // fraction of the cost: a trace of a 1e30 current wrote two million of them.
        return SHORTEST_JDK ? out.append(value) : appendComputed(out, value);
    }

    /** Whether this JDK's Double.toString is the shortest, nearest decimal (JDK-4511638, fixed in JDK 19). */
    private static final boolean SHORTEST_JDK = Runtime.version().feature() >= 19;

    /** {@link #append}'s text for a finite, non-zero value, found with BigDecimals whatever the JDK. */
    static StringBuilder appendComputed(final StringBuilder out, final double value)
    {
        final double magnitude = Math.abs(value);
        final BigDecimal exact = new BigDecimal(magnitude);
        // The fewest digits whose nearest decimal reads back: more digits come nearer, so a binary search; 17 always do.
        int lo = 1;
        int hi = 17;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (exact.round(new MathContext(mid, RoundingMode.HALF_EVEN)).doubleValue() == magnitude)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        // As JDK 19's Double.toString: one digit becomes the nearest of two (4.9E-324, not 5.0E-324).
        BigDecimal shortest = exact.round(new MathContext(hi == 1 ? 2 : hi, RoundingMode.HALF_EVEN));
        if (shortest.doubleValue() != magnitude)
        {
            shortest = exact.round(new MathContext(hi, RoundingMode.HALF_EVEN));
        }
        shortest = shortest.stripTrailingZeros();
        final String digits = shortest.unscaledValue().toString();
        // value = 0.d1d2... x 10^(point): point is where the decimal point goes after the digits' start.
        final int point = digits.length() - shortest.scale();
        if (value < 0)
        {
            out.append('-');
        }
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            if (point <= 0)
            {
                out.append("0.");
                for (int k = point; k < 0; k++)
                {
                    out.append('0');
                }
                return out.append(digits);
            }
            if (point >= digits.length())
            {
                out.append(digits);
                for (int k = digits.length(); k < point; k++)
                {
                    out.append('0');
                }
                return out.append(".0");
            }
            return out.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        out.append(digits.charAt(0)).append('.');
        if (digits.length() > 1)
        {
            out.append(digits, 1, digits.length());
        }
        else
        {
            out.append('0');
        }
        return out.append('E').append(point - 1);
    }

    private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * The common case, appended without allocating (spike times, weights, rates: 2 million spike times of sim neuron
     * --json made 1,239 collections of a 128 MB heap through BigDecimals, against 89): the fewest decimals, up to 9,
     * whose value reads back as the magnitude, in Double.toString's layout.
     *
     * @return false, having appended nothing, if no such decimal is found, or the magnitude is 9 x 10^6 or more.
     */
    private static boolean appendFewDecimals(final StringBuilder out, final double value, final double magnitude)
    {
        // Beyond 9 x 10^6, 10^9 times it passes 2^53, where the nearest of two decimals that both read back may be
        // missed.
        final int decimals = magnitude < 9.0e6 ? fewestDecimals(magnitude) : -1;
        if (decimals < 0)
        {
            return false;
        }
        long units = (long)Math.rint(magnitude * POWERS[decimals]);
        int places = decimals;
        while (places > 0 && units % 10 == 0)
        {
            units /= 10;
            places--;
        }
        if (value < 0)
        {
            out.append('-');
        }
        if (magnitude >= 1e-3)
        {
            // Plain: the integer part, '.', the fraction zero-padded to its places (or "0").
            final long scale = (long)POWERS[places];
            out.append(units / scale).append('.');
            if (places == 0)
            {
                out.append('0');
                return true;
            }
            final long fraction = units % scale;
            for (long pad = scale / 10; pad > fraction && pad > 1; pad /= 10)
            {
                out.append('0');
            }
            out.append(fraction);
            return true;
        }
        // Below 10^-3: d.ddd E-n, the digits of units with the point after the first.
        final int start = out.length();
        out.append(units);
        final int digits = out.length() - start;
        if (digits == 1)
        {
            out.append(".0");
        }
        else
        {
            out.insert(start + 1, '.');
        }
        out.append('E').append(digits - 1 - places);
        return true;
    }

    /**
     * The fewest decimals, 0 to 9, whose decimal of {@code magnitude} reads back as it: rint(m 10^d) / 10^d is the
     * correctly rounded double of that decimal, so equal means it reads back; -1 if none. The caller keeps m 10^9
     * (or m itself, for a whole m) below 2^53, where rint(m 10^d) is exact.
     */
    public static int fewestDecimals(final double magnitude)
    {
        for (int decimals = 0; decimals < POWERS.length; decimals++)
        {
            if (Math.rint(magnitude * POWERS[decimals]) / POWERS[decimals] == magnitude)
            {
                return decimals;
            }
        }
        return -1;
    }
}
