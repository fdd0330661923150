package org.izhsim.network.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The FFT equals the textbook DFT, and the spectrum finds the rhythms put into a signal. */
class PowerSpectrumTest
{
    @Test
    void fftEqualsTheDirectDiscreteFourierTransform()
    {
        final int n = 128;
        final Random random = new Random(3);
        final double[] re = new double[n];
        final double[] im = new double[n];
        for (int i = 0; i < n; i++)
        {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
        }
        final double[] expectedRe = new double[n];
        final double[] expectedIm = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int t = 0; t < n; t++)
            {
                final double angle = -2 * Math.PI * k * t / n;
                expectedRe[k] += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
                expectedIm[k] += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
            }
        }
        Fft.transform(re, im);
        assertArrayEquals(expectedRe, re, 1e-9);
        assertArrayEquals(expectedIm, im, 1e-9);
    }

    /**
     * The butterflies walk the arrays block by block (a 2^20 transform took 0.5 s twiddle by twiddle, striding through
     * the whole signal for each): the same arithmetic on the same pairs, so the same bits as the loop they replace.
     */
    @Test
    void fftGivesTheBitsOfTheTwiddleByTwiddleLoop()
    {
        for (final int n : new int[] {2, 8, 1 << 11, 1 << 15})
        {
            final Random random = new Random(n);
            final double[] re = new double[n];
            final double[] im = new double[n];
            for (int i = 0; i < n; i++)
            {
                re[i] = random.nextGaussian();
                im[i] = random.nextInt(4) == 0 ? random.nextGaussian() : 0;
            }
            final double[] expectedRe = re.clone();
            final double[] expectedIm = im.clone();
            twiddleByTwiddle(expectedRe, expectedIm);
            Fft.transform(re, im);
            assertArrayEquals(expectedRe, re, 0.0, "n = " + n);
            assertArrayEquals(expectedIm, im, 0.0, "n = " + n);
        }
    }

    /** The transform as it was written before: for each twiddle, every butterfly of the stage that uses it. */
    private static void twiddleByTwiddle(final double[] re, final double[] im)
    {
        final int n = re.length;
        Fft.bitReverse(re, im);
        for (int length = 2; length <= n; length <<= 1)
        {
            final double angle = -2 * Math.PI / length;
            final int half = length >> 1;
            for (int k = 0; k < half; k++)
            {
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

    @Test
    void fftRefusesLengthsThatAreNotPowersOfTwo()
    {
        assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[12], new double[12]));
        assertEquals(4096, Fft.paddedLength(3800));
        assertEquals(1024, Fft.paddedLength(1024));
    }

    @Test
    void findsAlphaAndGammaRhythmsInANoisyRate()
    {
        final int n = 3000;
        final Random random = new Random(11);
        final double[] rate = new double[n];
        for (int t = 0; t < n; t++)
        {
            rate[t] = 7 + 4 * Math.sin(2 * Math.PI * 10 * t / 1000.0) + 2 * Math.sin(2 * Math.PI * 40 * t / 1000.0) +
                random.nextGaussian();
        }
        final PowerSpectrum spectrum = PowerSpectrum.of(rate, 1.0);
        final double[] peaks = spectrum.peakFrequencies(2, 1, 200);
        assertEquals(10.0, peaks[0], 0.25);
        assertEquals(40.0, peaks[1], 0.25);
        assertTrue(spectrum.relativeAlphaPower() > 10, "alpha " + spectrum.relativeAlphaPower());
        assertTrue(spectrum.relativeGammaPower() > 1.5, "gamma " + spectrum.relativeGammaPower());
        assertEquals(0.0, spectrum.power()[0], 1e-9, "mean removed");
        assertEquals(500.0, spectrum.frequencyHz()[spectrum.frequencyHz().length - 1], 1e-9, "Nyquist of 1 ms bins");
    }

    @Test
    void whiteNoiseHasNoRhythm()
    {
        final Random random = new Random(5);
        final double[] noise = new double[4096];
        for (int t = 0; t < noise.length; t++)
        {
            noise[t] = random.nextGaussian();
        }
        final PowerSpectrum spectrum = PowerSpectrum.of(noise, 1.0);
        assertEquals(1.0, spectrum.relativeAlphaPower(), 0.5);
        assertEquals(1.0, spectrum.relativeGammaPower(), 0.2);
    }

    /**
     * 100 samples padded to 128 put frequencies at 7.8 and 15.6 Hz, none in 8-13 Hz: alpha read 0 ("no power") for a
     * 100 ms cortex2003 run whose strongest peak was at 7.8 Hz. No grid frequency in a band gives NaN (null in JSON).
     */
    @Test
    void aBandWithoutAFrequencyOfTheGridHasNoPowerFigure()
    {
        final double[] rate = new double[100];
        for (int t = 0; t < rate.length; t++)
        {
            rate[t] = Math.sin(2 * Math.PI * 10 * t / 1000.0);
        }
        final PowerSpectrum spectrum = PowerSpectrum.of(rate, 1.0);
        assertTrue(Double.isNaN(spectrum.relativeAlphaPower()), "alpha " + spectrum.relativeAlphaPower());
        assertTrue(spectrum.relativeGammaPower() >= 0, "gamma has grid frequencies: " + spectrum.relativeGammaPower());
        final double[] longer = java.util.Arrays.copyOf(rate, 200);
        assertTrue(PowerSpectrum.of(longer, 1.0).relativeAlphaPower() > 0, "256 samples: 7.8, 11.7 Hz");
    }

    /** A silent network's rate (all zero) or a constant one has a flat spectrum above 0 Hz: no peaks. */
    /**
     * A 10 s run's periodogram (0.12 Hz apart) listed cortex2003's peaks as 7.75, 7.20 and 7.32 Hz: one peak's
     * wiggles. Peaks are kept at least 2 Hz from every stronger one: here a rhythm at 10 Hz whose amplitude is
     * modulated (side lobes 0.3 Hz away) and a weaker one at 40 Hz give 10 and 40 Hz, then the next one 2 Hz apart.
     */
    @Test
    void thePeaksOfOneRhythmAreListedOnce()
    {
        final double[] rate = new double[10_000];
        for (int t = 0; t < rate.length; t++)
        {
            final double s = t / 1000.0;
            rate[t] = (1 + 0.8 * Math.sin(2 * Math.PI * 0.3 * s)) * Math.sin(2 * Math.PI * 10 * s) +
                0.5 * Math.sin(2 * Math.PI * 40 * s) + 0.05 * Math.sin(2 * Math.PI * 25 * s);
        }
        final double[] peaks = PowerSpectrum.of(rate, 1.0).peakFrequencies(3, 1.0, 100.0);
        assertEquals(3, peaks.length);
        assertEquals(10.0, peaks[0], 0.1);
        assertEquals(40.0, peaks[1], 0.1);
        assertEquals(25.0, peaks[2], 0.1, "the third rhythm, not a side lobe of 10 Hz: " + peaks[2]);
    }

    @Test
    void aFlatSpectrumHasNoPeaks()
    {
        assertArrayEquals(new double[0], PowerSpectrum.of(new double[1000], 1.0).peakFrequencies(3, 1.0, 100.0));
        final double[] constant = new double[1000];
        java.util.Arrays.fill(constant, 7.5);
        assertArrayEquals(new double[0], PowerSpectrum.of(constant, 1.0).peakFrequencies(3, 1.0, 100.0));
    }

    private static double[] rhythmicRate(final int n, final long seed)
    {
        final Random random = new Random(seed);
        final double[] rate = new double[n];
        for (int t = 0; t < n; t++)
        {
            rate[t] = 7 + 4 * Math.sin(2 * Math.PI * 10 * t / 1000.0) + 2 * Math.sin(2 * Math.PI * 40 * t / 1000.0) +
                random.nextGaussian();
        }
        return rate;
    }

    private static PowerSpectrum.Signal windows(final double[] signal)
    {
        return (from, into, count) ->
        {
            for (int i = 0; i < count; i++)
            {
                into[i] += signal[(int)from + i];
            }
        };
    }

    /** Up to one segment, the spectrum is the periodogram of the whole signal, bit for bit as it was computed. */
    @Test
    void aSignalOfOneSegmentHasThePeriodogramOfTheWholeSignal()
    {
        final double[] signal = rhythmicRate(3000, 7);
        double mean = 0;
        for (final double x : signal)
        {
            mean += x;
        }
        mean /= signal.length;
        final double[] re = new double[4096];
        final double[] im = new double[4096];
        for (int i = 0; i < signal.length; i++)
        {
            re[i] = signal[i] - mean;
        }
        Fft.transform(re, im);
        final double[] expected = new double[2049];
        for (int k = 0; k < expected.length; k++)
        {
            expected[k] = (re[k] * re[k] + im[k] * im[k]) / signal.length;
        }
        final PowerSpectrum spectrum = PowerSpectrum.of(signal.length, windows(signal), 1.0);
        assertArrayEquals(expected, spectrum.power(), 0.0);
        assertArrayEquals(expected, PowerSpectrum.of(signal, 1.0).power(), 0.0);
        assertEquals(1, spectrum.segments());
    }

    /**
     * The spectrum of a 10 h rate was computed whole: the rate (8 bytes a ms), its transform padded to 2^26 (two
     * arrays) and its spectrum, 1.9 GB, and a 1 h run of cortex2003 that had simulated to the end under -Xmx150m lost
     * its outputs there. A signal longer than a segment is read a segment at a time and the heap holds one
     * segment's transform: here segments of 2^14 samples for a signal of 2^18 + 5.
     */
    @Test
    void theSpectrumOfALongSignalHoldsOneSegmentOnTheHeap()
    {
        final int length = (1 << 18) + 5;
        final PowerSpectrum.Signal signal = (from, into, count) ->
        {
            for (int i = 0; i < count; i++)
            {
                final long t = from + i;
                into[i] += 7 + 4 * Math.sin(2 * Math.PI * 10 * t / 1000.0) + ((t * 2654435761L) % 1000) / 500.0;
            }
        };
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final PowerSpectrum spectrum = PowerSpectrum.of(length, signal, 1.0, 1 << 14);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // The whole signal padded to 2^19 takes 8 MB for its transform alone; a segment's transform and the spectrum
        // (of 2^14 samples: 17 segments of 15,421 or 15,422) about 330 kB.
        assertTrue(allocated < 1_000_000L, allocated + " bytes allocated for the spectrum of 2^18 samples");
        assertEquals(17, spectrum.segments());
        assertEquals(10.0, spectrum.peakFrequencies(1, 1, 200)[0], 0.1);
        assertEquals(PowerSpectrum.heapBytes(1 << 14), 20L * (1 << 14) + 8);
    }

    /** Bartlett's mean of the segments' periodograms still finds the rhythms, and a flat spectrum stays flat. */
    @Test
    void theMeanOfTheSegmentsPeriodogramsFindsTheRhythms()
    {
        final double[] rate = rhythmicRate(20_000, 11);
        final PowerSpectrum spectrum = PowerSpectrum.of(rate.length, windows(rate), 1.0, 4096);
        assertEquals(5, spectrum.segments());
        final double[] peaks = spectrum.peakFrequencies(2, 1, 200);
        assertEquals(10.0, peaks[0], 0.25);
        assertEquals(40.0, peaks[1], 0.25);
        assertTrue(spectrum.relativeAlphaPower() > 10, "alpha " + spectrum.relativeAlphaPower());
        assertEquals(0.0, spectrum.power()[0], 1e-9, "each segment's mean removed");
        assertEquals(500.0, spectrum.frequencyHz()[spectrum.frequencyHz().length - 1], 1e-9);
        assertArrayEquals(new double[0],
            PowerSpectrum.of(20_000, (from, into, count) -> { }, 1.0, 4096).peakFrequencies(3, 1.0, 100.0));
    }
}
