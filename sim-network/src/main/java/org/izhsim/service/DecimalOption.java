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
    /** Makes every {@code Double} and {@code double} option of {@code commandLine} and its subcommands read so. */
    public static CommandLine registerOn(final CommandLine commandLine)
    {
        final DecimalOption converter = new DecimalOption();
        return commandLine.registerConverter(Double.class, converter).registerConverter(Double.TYPE, converter);
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
