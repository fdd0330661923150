package org.izhsim.core;

import java.util.regex.Pattern;

/**
 * The one spelling of a number the simulator reads, in experiment and stimulus files (the decimal numbers of the YAML
 * 1.2 core schema: {@code 5}, {@code -0.5}, {@code .5}, {@code 1e-3}), in CSV stimulus tables, in command-line options
 * and in the explorer's requests alike. Double.parseDouble alone also takes hexadecimal ({@code 0x1p3}), a type
 * suffix ({@code 1d}, {@code 2f}), {@code NaN} and {@code Infinity}: the command line took {@code --current 0x1p3}
 * that a file refused.
 */
public final class NumberSyntax
{
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private NumberSyntax()
    {
    }

    /** @return whether {@code text}, whole, is a decimal number (its value may still overflow to infinity). */
    public static boolean isDecimal(final String text)
    {
        return DECIMAL.matcher(text).matches();
    }

    /**
     * The long value of a decimal number that is an integer ({@code 1000}, {@code 1e3}, {@code 2.0e1}), as an
     * experiment file's integer keys read it; null when {@code text} is not such a number or is beyond a long.
     */
    public static Long integerValue(final String text)
    {
        if (!isDecimal(text))
        {
            return null;
        }
        final java.math.BigDecimal number;
        try
        {
            number = new java.math.BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        }
        catch (final NumberFormatException ex)
        {
            return null; // an exponent beyond BigDecimal's range
        }
        // More than 19 integer digits cannot be a long (and 1e999999999 must not be expanded to find out).
        if (number.signum() != 0 && (number.stripTrailingZeros().scale() > 0 || number.precision() - number.scale() > 19))
        {
            return null;
        }
        try
        {
            return number.toBigIntegerExact().longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            return null;
        }
    }
}
