package org.izhsim.output.plot;

import java.util.Locale;

/**
 * "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, the convention of printed figures,
 * so every tick label is short and steps are easy to read off.
 */
public final class Ticks
{
    /** U+2212: a typographic minus, as wide as a digit's neighbour '+', not a hyphen. */
    private static final char MINUS = '\u2212';
    /** Labels of 8 or more digits before the point, or of steps under a millionth, are written as 1.5e+07. */
    private static final double SCIENTIFIC_FROM = 1e7;
    private static final double SCIENTIFIC_BELOW = 1e-6;

    private Ticks()
    {
    }

    /**
     * @param roughStep the step that would give the wanted number of ticks, &gt; 0.
     * @return the smallest 1-2-5 step that is at least {@code roughStep}.
     */
    public static double niceStep(final double roughStep)
    {
        if (!(roughStep > 0) || Double.isInfinite(roughStep))
        {
            throw new IllegalArgumentException("step must be finite and > 0: " + roughStep);
        }
        final int exponent = (int)Math.floor(Math.log10(roughStep));
        final double fraction = roughStep / Math.pow(10, exponent);
        // Tolerance: 2.0000000001 from rounding must stay a 2, not become a 5.
        final int nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
        return scaled(nice, exponent);
    }

    /**
     * @return {@code units * 10^exponent} as the double nearest the decimal (0.1 * 3 would give
     * 0.30000000000000004; 3 / 10 gives 0.3).
     */
    private static double scaled(final long units, final int exponent)
    {
        return exponent < 0 ? units / Math.pow(10, -exponent) : units * Math.pow(10, exponent);
    }

    /**
     * @param min      lower end of the axis.
     * @param max      upper end of the axis, &gt; min.
     * @param maxCount at most this many ticks (at least 2).
     * @return the finest 1-2-5 step that puts at most {@code maxCount} ticks in [min, max].
     */
    public static double step(final double min, final double max, final int maxCount)
    {
        if (!(max > min))
        {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        final int limit = Math.max(2, maxCount);
        // Start below the answer and climb the 1-2-5 ladder: the first step that fits is the finest.
        double step = niceStep((max - min) / (limit + 1));
        while (count(min, max, step) > limit)
        {
            step = niceStep(step * 1.5);
        }
        return step;
    }

    /**
     * @return the tick values, multiples of {@link #step(double, double, int)}, that lie in [min, max].
     */
    public static double[] values(final double min, final double max, final int maxCount)
    {
        return values(min, max, step(min, max, maxCount), 0);
    }

    /**
     * @param step   a 1-2-5 step as returned by {@link #niceStep(double)}.
     * @param offset ticks sit at {@code offset + k * step}; 0 for ordinary axes.
     * @return the ticks in [min, max], each computed from its integer multiple (no accumulated drift)
     * as the double nearest its decimal value.
     */
    public static double[] values(final double min, final double max, final double step, final double offset)
    {
        final long first = (long)Math.ceil((min - offset) / step - 1e-9);
        final long last = (long)Math.floor((max - offset) / step + 1e-9);
        final int exponent = (int)Math.floor(Math.log10(step) + 1e-9);
        final long mantissa = Math.round(step / Math.pow(10, exponent));
        final int n = (int)Math.max(0, last - first + 1);
        final double[] ticks = new double[n];
        for (int k = 0; k < n; k++)
        {
            final double v = offset + scaled((first + k) * mantissa, exponent);
            ticks[k] = v == 0 ? 0.0 : v;
        }
        return ticks;
    }

    /**
     * @return {@code value} with just enough decimals for ticks {@code step} apart, e.g. 0.5 -&gt; "0.5",
     * 20 -&gt; "20", and a typographic minus sign.
     */
    public static String label(final double value, final double step)
    {
        final double magnitude = Math.abs(value);
        final String text;
        if (value != 0 && (Math.max(magnitude, step) >= SCIENTIFIC_FROM || step < SCIENTIFIC_BELOW))
        {
            // Plain decimals of a current of 1e300 (or a step of 1e-300) are 300 digits wide and ran across the figure.
            final int digits = Math.max(0, Math.min(15,
                (int)Math.floor(Math.log10(magnitude) + 1e-9) - (int)Math.floor(Math.log10(step) + 1e-9)));
            text = String.format(Locale.ROOT, "%." + digits + "e", value);
        }
        else if (value == 0 && step < SCIENTIFIC_BELOW)
        {
            text = "0";
        }
        else
        {
            text = String.format(Locale.ROOT, "%." + decimals(step) + "f", value == 0 ? 0.0 : value);
        }
        return text.charAt(0) == '-' ? MINUS + text.substring(1) : text;
    }

    /**
     * @return how many decimals a 1-2-5 step needs: 0 for 1, 20, 500; 1 for 0.5; 2 for 0.02.
     */
    public static int decimals(final double step)
    {
        return Math.max(0, (int)Math.ceil(-Math.log10(step) - 1e-9));
    }

    private static long count(final double min, final double max, final double step)
    {
        return (long)Math.floor(max / step + 1e-9) - (long)Math.ceil(min / step - 1e-9) + 1;
    }
}
