package org.izhsim.service;

import java.math.BigDecimal;

import org.izhsim.core.InputException;
import org.izhsim.core.run.FiCurve;

/**
 * The currents of an f-I curve as {@code --fi} gives them: {@code FROM:TO:STEP} (FROM, FROM + STEP, ... up to TO,
 * computed in decimal so that 0:1:0.1 gives 0.3, not 0.30000000000000004) or a list {@code I1,I2,...}, taken in
 * ascending order.
 */
public final class FiCurrents
{
    private FiCurrents()
    {
    }

    /** @throws InputException naming --fi for text that gives no currents, or more than {@link FiCurve#MAX_CURRENTS}. */
    public static double[] parse(final String text)
    {
        final String given = text.strip();
        final String[] range = given.split(":", -1);
        if (range.length == 3)
        {
            return range(given, number(range[0], "FROM"), number(range[1], "TO"), number(range[2], "STEP"));
        }
        if (range.length != 1)
        {
            throw refused(given, "give FROM:TO:STEP (0:20:0.5) or a list of currents (0,2.5,5)");
        }
        final String[] items = given.split(",", -1);
        if (items.length > FiCurve.MAX_CURRENTS)
        {
            throw refused(given, "at most " + FiCurve.MAX_CURRENTS + " currents, got " + items.length);
        }
        final double[] currents = new double[items.length];
        for (int k = 0; k < items.length; k++)
        {
            currents[k] = number(items[k], "a current").doubleValue();
        }
        // In ascending order, as a curve is drawn and its first firing current read (10,2 drew an axis from 10 to 2,
        // which the figure refused with a stack trace; 2,10,5 cut the point at 10 off the axis).
        java.util.Arrays.sort(currents);
        for (int k = 1; k < currents.length; k++)
        {
            if (currents[k] == currents[k - 1])
            {
                throw refused(given, "current " + BigDecimal.valueOf(currents[k]).stripTrailingZeros().toPlainString() +
                    " is listed twice");
            }
        }
        return currents;
    }

    private static double[] range(final String text, final BigDecimal from, final BigDecimal to, final BigDecimal step)
    {
        if (step.signum() <= 0)
        {
            throw refused(text, "STEP must be > 0");
        }
        if (to.compareTo(from) < 0)
        {
            throw refused(text, "TO must be >= FROM");
        }
        // Before the division: 0:20:1e-300 would have it build a 300-digit count.
        if (to.subtract(from).compareTo(step.multiply(BigDecimal.valueOf(FiCurve.MAX_CURRENTS - 1))) > 0)
        {
            throw refused(text, "more than " + FiCurve.MAX_CURRENTS + " currents (a larger STEP gives fewer)");
        }
        final int count = to.subtract(from).divideToIntegralValue(step).intValueExact() + 1;
        final double[] currents = new double[count];
        for (int k = 0; k < count; k++)
        {
            currents[k] = from.add(step.multiply(BigDecimal.valueOf(k))).doubleValue();
        }
        return currents;
    }

    private static BigDecimal number(final String text, final String what)
    {
        final String item = text.strip();
        final BigDecimal value;
        try
        {
            value = new BigDecimal(item);
        }
        catch (final NumberFormatException ex)
        {
            throw new InputException("--fi: " + what + " must be a number, got " + InputException.quoted(item));
        }
        // The range a stimulus's currents keep (as --current): beyond it a float input is infinite.
        if (value.abs().compareTo(BigDecimal.valueOf(Float.MAX_VALUE)) > 0)
        {
            throw new InputException("--fi: " + what + " " + item + " is outside the range a float holds (+-3.4e38)");
        }
        // As the double it stands for, in its shortest decimal: 1e-999999999 kept a scale whose subtraction from 1
        // would have built a number of a billion digits.
        return BigDecimal.valueOf(value.doubleValue());
    }

    private static InputException refused(final String text, final String why)
    {
        // A list of a thousand currents was echoed whole (4 kB on one line): its start and end.
        final String shown = text.length() <= 60 ? text : text.substring(0, 28) + "..." + text.substring(text.length() - 28);
        return new InputException("--fi " + shown + ": " + why);
    }
}
