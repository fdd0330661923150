package org.izhsim.service;

import org.izhsim.core.InputException;
import org.izhsim.core.NumberSyntax;
import picocli.CommandLine;

/**
 * Reads the number options of {@code sim} ({@code --current}, {@code --duration}, {@code --speed} ...) as experiment
 * files read numbers ({@link NumberSyntax}): picocli's own conversion, Double.valueOf, also took {@code 0x1p3},
 * {@code 1d} and {@code NaN}, which a file refuses. Its range is each option's own check.
 */
public final class DecimalOption implements CommandLine.ITypeConverter<Double>
{
    /**
     * Makes every {@code Double} and {@code double} option of {@code commandLine} and its subcommands read so, and
     * every long and int option take an integer-valued number in that spelling ({@code 1e3}, {@code 10.0}).
     */
    public static CommandLine registerOn(final CommandLine commandLine)
    {
        final DecimalOption converter = new DecimalOption();
        // Long options (--seed) take an integer-valued number as a file's integer keys do (seed: 1e3 is 1000).
        final CommandLine.ITypeConverter<Long> integer = value ->
        {
            final Long number = NumberSyntax.integerValue(value);
            if (number == null)
            {
                throw new CommandLine.TypeConversionException(InputException.quoted(value) + " is not a whole " +
                    "number a long holds (write it as in experiment files: 1000, 1e3)");
            }
            return number;
        };
        // Int options (--warmup, --port, sim bench's --duration, --repeat) alike: picocli's own said "'1e3' is not an
        // int" of what --duration and --seed took.
        final CommandLine.ITypeConverter<Integer> smallInteger = value ->
        {
            final Long number = NumberSyntax.integerValue(value);
            if (number == null || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)
            {
                throw new CommandLine.TypeConversionException(InputException.quoted(value) + " is not a whole " +
                    "number an int holds (write it as in experiment files: 1000, 1e3)");
            }
            return number.intValue();
        };
        return commandLine.registerConverter(Double.class, converter).registerConverter(Double.TYPE, converter)
            .registerConverter(Long.class, integer).registerConverter(Long.TYPE, integer)
            .registerConverter(Integer.class, smallInteger).registerConverter(Integer.TYPE, smallInteger);
    }

    @Override
    public Double convert(final String value)
    {
        if (!NumberSyntax.isDecimal(value))
        {
            throw new CommandLine.TypeConversionException(InputException.quoted(value) + " is not a decimal number " +
                "(write numbers as in experiment files: 8, -0.5, 1e-3)");
        }
        return Double.valueOf(value);
    }
}
