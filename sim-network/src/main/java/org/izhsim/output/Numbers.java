package org.izhsim.output;

/**
 * Numbers as the command line takes them and the outputs write them: whole values without ".0", others in Java's shortest round-trip
 * form, which is also what the page's JavaScript prints, so a value survives page, server and shell unchanged.
 */
public final class Numbers
{
    private Numbers()
    {
    }

    public static String format(final double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        return Double.toString(value);
    }
}
