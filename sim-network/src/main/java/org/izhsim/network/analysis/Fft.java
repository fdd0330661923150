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

    /** The bit-reversal permutation of (re, im), so that the butterflies work on contiguous halves. */
    static void bitReverse(final double[] re, final double[] im)
    {
        final int n = re.length;
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
        bitReverse(re, im);
        final double[] wr = new double[Math.min(n / 2, TWIDDLE_BLOCK)];
        final double[] wi = new double[wr.length];
        for (int length = 2; length <= n; length <<= 1)
        {
            final double angle = -2 * Math.PI / length;
            final int half = length >> 1;
            // The butterflies of a stage touch disjoint pairs, so their order changes no bit of the result. Taken a
            // block of twiddles at a time and then butterfly by butterfly along each block of the signal, they walk
            // the arrays contiguously: k by k, each k striding through the whole signal, a 2^20-sample transform
            // missed the cache at nearly every access and took 0.5 s.
            for (int k0 = 0; k0 < half; k0 += wr.length)
            {
                final int k1 = Math.min(half, k0 + wr.length);
                for (int k = k0; k < k1; k++)
                {
                    // Twiddle factors computed directly, not by recurrence, to keep rounding error O(log n). Math's, not
                    // StrictMath's: StrictMath.sin and cos allocate 32 bytes a call from JDK 21 on (FdLibm in Java), 18 MB
                    // for the spectrum of a 2^18-sample rate; Math's give the same bits in every JIT mode on x86.
                    wr[k - k0] = Math.cos(angle * k);
                    wi[k - k0] = Math.sin(angle * k);
                }
                for (int start = 0; start < n; start += length)
                {
                    for (int k = k0; k < k1; k++)
                    {
                        final int a = start + k;
                        final int b = a + half;
                        final double xr = re[b] * wr[k - k0] - im[b] * wi[k - k0];
                        final double xi = re[b] * wi[k - k0] + im[b] * wr[k - k0];
                        re[b] = re[a] - xr;
                        im[b] = im[a] - xi;
                        re[a] += xr;
                        im[a] += xi;
                    }
                }
            }
        }
    }

    /** Twiddle factors computed and used at a time: 2 x 8 kB. */
    private static final int TWIDDLE_BLOCK = 1024;
}
