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

    /** A silent network's rate (all zero) or a constant one has a flat spectrum above 0 Hz: no peaks. */
    @Test
    void aFlatSpectrumHasNoPeaks()
    {
        assertArrayEquals(new double[0], PowerSpectrum.of(new double[1000], 1.0).peakFrequencies(3, 1.0, 100.0));
        final double[] constant = new double[1000];
        java.util.Arrays.fill(constant, 7.5);
        assertArrayEquals(new double[0], PowerSpectrum.of(constant, 1.0).peakFrequencies(3, 1.0, 100.0));
    }
}
