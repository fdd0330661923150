package org.izhsim.network.analysis;

/**
 * In-place radix-2 decimation-in-time fast Fourier transform (Cooley and Tukey 1965) of a complex sequence
 * whose length is a power of two. Stateless.
 */
public final class Fft
{
    private Fft()
    {
    }

    /** The smallest power of two >= n. */
    public static int paddedLength(final int n)
    {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /**
     * Replaces (re, im) by its discrete Fourier transform X[k] = sum_n x[n] exp(-2 pi i k n / N).
     *
     * @throws IllegalArgumentException if the length is not a power of two or the arrays differ in length.
     */
    public static void transform(final double[] re, final double[] im)
    {
        final int n = re.length;
        if (im.length != n || Integer.bitCount(n) != 1)
        {
            throw new IllegalArgumentException("FFT length must be a power of two, got " + n + " and " + im.length);
        }
        // Bit-reversal permutation, so that the butterflies below work on contiguous halves.
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }
            j ^= bit;
            if (i < j)
            {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int length = 2; length <= n; length <<= 1)
        {
            final double angle = -2 * Math.PI / length;
            final int half = length >> 1;
            for (int k = 0; k < half; k++)
            {
                // Twiddle factors computed directly, not by recurrence, to keep rounding error O(log n).
                final double wr = Math.cos(angle * k);
                final double wi = Math.sin(angle * k);
                for (int start = 0; start < n; start += length)
                {
                    final int a = start + k;
                    final int b = a + half;
                    final double xr = re[b] * wr - im[b] * wi;
                    final double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
