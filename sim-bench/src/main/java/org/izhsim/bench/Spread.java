package org.izhsim.bench;

import java.util.Arrays;

/**
 * Median, minimum and maximum of repeated measurements: on a shared 2-core machine the median is the figure
 * to compare, the range says how far to trust it.
 */
public record Spread(double median, double min, double max, int count)
{
    public static Spread of(final double... values)
    {
        if (values.length == 0)
        {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        final double median = (n & 1) == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }
}
