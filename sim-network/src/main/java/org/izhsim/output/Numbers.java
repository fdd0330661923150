package org.izhsim.output;

/**
 * Numbers as the command line takes them and the outputs write them: whole values without ".0", others in the shortest round-trip
 * form ({@link org.izhsim.core.ShortestDecimal}, the same on every JDK), which is also what the page's JavaScript prints, so a value survives page, server and shell unchanged.
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
        return org.izhsim.core.ShortestDecimal.of(value);
    }

    /**
     * A computed value for reading, at 12 significant digits: u0 = b*v0 = 0.2*-63 printed as -12.600000000000001,
     * its binary noise. Not for values a user types back (those keep {@link #format}'s round trip).
     */
    public static String readable(final double value)
    {
        if (!Double.isFinite(value) || value == 0)
        {
            return format(value);
        }
        final java.math.BigDecimal rounded = new java.math.BigDecimal(value)
            .round(new java.math.MathContext(12)).stripTrailingZeros();
        return Math.abs(value) >= 1e-6 && Math.abs(value) < 1e15 ? rounded.toPlainString() :
            rounded.toString().replace("E+", "e").replace("E", "e");
    }
}
