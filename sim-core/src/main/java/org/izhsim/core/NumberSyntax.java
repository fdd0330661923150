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
}
