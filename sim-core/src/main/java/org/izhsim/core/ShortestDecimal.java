package org.izhsim.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as the fewest significant digits that read back as the same double, laid out as {@link Double#toString}
 * lays it out ("0.001", "1234567.0", "1.0E7", "2.240149628995502E17"), and the same text on every JDK. Double.toString
 * itself changed in JDK 19 (JDK-4511638): JDK 17 gives some values a digit more ("2.24014962899550208E17"), so a
 * traces.csv line differed between JDK 17 and 25, and a checkpoint naming such a w_max in its plasticity text was
 * refused by the other JDK. Not for hot loops: it builds BigDecimals.
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
        BigDecimal shortest = fewDecimals(magnitude);
        if (shortest == null)
        {
            final BigDecimal exact = new BigDecimal(magnitude);
            shortest = exact;
            for (int digits = 1; digits <= 17; digits++)
            {
                // The nearest decimal of this many digits; 17 always read back (IEEE 754 binary64).
                final BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
                if (rounded.doubleValue() == magnitude)
                {
                    shortest = rounded;
                    // As JDK 19's Double.toString: one digit becomes the nearest of two (4.9E-324, not 5.0E-324).
                    final BigDecimal two = digits == 1 ? exact.round(new MathContext(2, RoundingMode.HALF_EVEN)) : null;
                    if (two != null && two.doubleValue() == magnitude)
                    {
                        shortest = two;
                    }
                    break;
                }
            }
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
     * The common case without BigDecimal arithmetic (spike times, weights, rates): the fewest decimals, up to 9, whose
     * value reads back as the magnitude; null if none does or the scaled value is beyond a long's exact range.
     */
    private static BigDecimal fewDecimals(final double magnitude)
    {
        if (!(magnitude < 9.0e6))
        {
            return null;
        }
        for (int decimals = 0; decimals < POWERS.length; decimals++)
        {
            final double units = Math.rint(magnitude * POWERS[decimals]);
            // units / 10^d is the correctly rounded double of the decimal text: equal means it reads back.
            if (units != 0 && units / POWERS[decimals] == magnitude)
            {
                return BigDecimal.valueOf((long)units, decimals);
            }
        }
        return null;
    }
}
