package org.izhsim.explore;

/**
 * Which samples of a trace the page gets: per bucket of consecutive samples, the lowest and the highest v in
 * time order, so every spike peak and every trough survives while a 1000 ms trace at dt = 0.25 ms (4001
 * samples) travels as at most {@link #MAX_POINTS} points.
 */
final class TraceDecimation
{
    static final int MAX_POINTS = 2000;

    private TraceDecimation()
    {
    }

    /**
     * @param v the membrane potential, one sample per step.
     * @return ascending indices of the samples to keep.
     */
    static int[] indices(final double[] v)
    {
        final int n = v.length;
        if (n <= MAX_POINTS)
        {
            final int[] all = new int[n];
            for (int i = 0; i < n; i++)
            {
                all[i] = i;
            }
            return all;
        }
        final int buckets = MAX_POINTS / 2;
        final int[] kept = new int[MAX_POINTS];
        int count = 0;
        for (int bucket = 0; bucket < buckets; bucket++)
        {
            final int from = (int)((long)bucket * n / buckets);
            final int to = (int)((long)(bucket + 1) * n / buckets);
            int low = from;
            int high = from;
            for (int i = from + 1; i < to; i++)
            {
                if (v[i] < v[low])
                {
                    low = i;
                }
                if (v[i] > v[high])
                {
                    high = i;
                }
            }
            kept[count++] = Math.min(low, high);
            if (low != high)
            {
                kept[count++] = Math.max(low, high);
            }
        }
        return java.util.Arrays.copyOf(kept, count);
    }

    static float[] pick(final double[] values, final int[] indices)
    {
        final float[] picked = new float[indices.length];
        for (int k = 0; k < indices.length; k++)
        {
            picked[k] = (float)values[indices[k]];
        }
        return picked;
    }
}
