package org.izhsim.network.analysis;

import java.util.Arrays;

/**
 * Periodogram of an evenly sampled signal, for the rhythms of a population rate: the mean is removed, the
 * signal zero-padded to a power of two, transformed by {@link Fft}, and |X(f)|^2 / n kept for the
 * frequencies 0 .. Nyquist. A signal longer than {@link #MAX_SEGMENT} samples is cut into equal consecutive
 * segments of at most that many, and the spectrum is the mean of their periodograms (Bartlett's method): the
 * heap holds one segment's transform however long the run. Immutable.
 */
public final class PowerSpectrum
{
    /**
     * Samples of the longest segment: 2^20, 17.5 min of a 1 ms rate, whose transform and spectrum take about
     * 20 bytes a sample (21 MB). A 10 h rate transformed whole needed 1.9 GB (its 3.6 x 10^7 samples, their
     * transform padded to 2^26 and its spectrum), and a 1 h run of cortex2003 that simulated to the end under
     * -Xmx150m lost its outputs to an OutOfMemoryError there. A resolution of 1 / 17.5 min = 0.001 Hz is far
     * finer than the rhythms looked for (alpha 8-13 Hz, gamma 30-80 Hz).
     */
    public static final int MAX_SEGMENT = 1 << 20;

    private final double[] frequencyHz;
    private final double[] power;
    private final int segments;

    private PowerSpectrum(final double[] frequencyHz, final double[] power, final int segments)
    {
        this.frequencyHz = frequencyHz;
        this.power = power;
        this.segments = segments;
    }

    /** A signal read in consecutive windows, so that no more than a segment of it needs to be on the heap. */
    public interface Signal
    {
        /**
         * Adds samples {@code from .. from + count - 1} to {@code into[0 .. count - 1]}, which hold zeros. Calls come
         * in ascending order of {@code from}, each window after the one before.
         */
        void addTo(long from, double[] into, int count);
    }

    /**
     * Heap bytes {@link #of(long, Signal, double)} takes for a signal of {@code length} samples: two arrays of the
     * padded segment for the transform and one of half of it for the spectrum.
     */
    public static long heapBytes(final long length)
    {
        if (length < 2)
        {
            return 0;
        }
        final long n = Fft.paddedLength(segmentLength(length, segmentCount(length, MAX_SEGMENT)));
        return 2L * Double.BYTES * n + Double.BYTES * (n / 2 + 1);
    }

    private static int segmentCount(final long length, final int maxSegment)
    {
        return (int)((length + maxSegment - 1) / maxSegment);
    }

    /** The longest of {@code segments} equal consecutive segments of {@code length} samples. */
    private static int segmentLength(final long length, final int segments)
    {
        return (int)((length + segments - 1) / segments);
    }

    /**
     * @param signal     samples, for example a population rate in 1 ms bins.
     * @param sampleMs   the sampling interval in ms.
     */
    public static PowerSpectrum of(final double[] signal, final double sampleMs)
    {
        return of(signal.length, (from, into, count) ->
        {
            for (int i = 0; i < count; i++)
            {
                into[i] += signal[(int)from + i];
            }
        }, sampleMs);
    }

    /**
     * The spectrum of a signal of {@code length} samples read window by window: one periodogram up to
     * {@link #MAX_SEGMENT} samples, else the mean of the periodograms of equal consecutive segments (each with its
     * own mean removed).
     *
     * @param sampleMs the sampling interval in ms.
     */
    public static PowerSpectrum of(final long length, final Signal signal, final double sampleMs)
    {
        return of(length, signal, sampleMs, MAX_SEGMENT);
    }

    /** {@link #of(long, Signal, double)} with segments of at most {@code maxSegment} samples. */
    static PowerSpectrum of(final long length, final Signal signal, final double sampleMs, final int maxSegment)
    {
        if (length < 2)
        {
            throw new IllegalArgumentException("a spectrum needs at least 2 samples, got " + length);
        }
        final int segments = segmentCount(length, maxSegment);
        final int n = Fft.paddedLength(segmentLength(length, segments));
        final double[] power = meanPeriodogram(length, signal, segments, n);
        final double[] frequency = new double[power.length];
        for (int k = 0; k < frequency.length; k++)
        {
            frequency[k] = k * 1000.0 / (n * sampleMs);
        }
        return new PowerSpectrum(frequency, power, segments);
    }

    /** The periodograms of the segments, each padded to n, summed and divided by their count. */
    private static double[] meanPeriodogram(final long length, final Signal signal, final int segments, final int n)
    {
        final double[] re = new double[n];
        final double[] im = new double[n];
        final double[] power = new double[n / 2 + 1];
        for (int s = 0; s < segments; s++)
        {
            final long from = length * s / segments;
            final int count = (int)(length * (s + 1) / segments - from);
            if (s > 0)
            {
                Arrays.fill(re, 0.0);
                Arrays.fill(im, 0.0);
            }
            signal.addTo(from, re, count);
            double mean = 0;
            for (int i = 0; i < count; i++)
            {
                mean += re[i];
            }
            mean /= count;
            for (int i = 0; i < count; i++)
            {
                re[i] -= mean;
            }
            Fft.transform(re, im);
            for (int k = 0; k < power.length; k++)
            {
                power[k] += (re[k] * re[k] + im[k] * im[k]) / count;
            }
        }
        if (segments > 1)
        {
            for (int k = 0; k < power.length; k++)
            {
                power[k] /= segments;
            }
        }
        return power;
    }

    /** The periodograms averaged: 1 for a signal of at most {@link #MAX_SEGMENT} samples. */
    public int segments()
    {
        return segments;
    }

    public double[] frequencyHz()
    {
        return frequencyHz.clone();
    }

    public double[] power()
    {
        return power.clone();
    }

    /** Mean power over all frequencies above 0 (the removed mean leaves bin 0 empty). */
    public double meanPower()
    {
        return meanPower(Double.MIN_VALUE, Double.MAX_VALUE);
    }

    /** Mean power over the bins with {@code loHz <= f <= hiHz}; 0 if none. */
    public double meanPower(final double loHz, final double hiHz)
    {
        double sum = 0;
        int count = 0;
        for (int k = 1; k < power.length; k++)
        {
            if (frequencyHz[k] >= loHz && frequencyHz[k] <= hiHz)
            {
                sum += power[k];
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /**
     * Mean power in [loHz, hiHz] relative to the mean over the whole spectrum: above 1 means a rhythm. NaN when no
     * frequency of the grid lies in the band (a 100 ms run, padded to 128 samples, has none in 8-13 Hz: its alpha
     * read 0, "no power", whatever the activity).
     */
    public double relativeBandPower(final double loHz, final double hiHz)
    {
        boolean any = false;
        for (int k = 1; k < frequencyHz.length && !any; k++)
        {
            any = frequencyHz[k] >= loHz && frequencyHz[k] <= hiHz;
        }
        return any ? meanPower(loHz, hiHz) / meanPower() : Double.NaN;
    }

    /** Alpha band, 8-13 Hz (Berger's rhythm; the paper's Fig. 3 shows it at about 10 Hz). */
    public double relativeAlphaPower()
    {
        return relativeBandPower(8, 13);
    }

    /** Gamma band, 30-80 Hz (about 40 Hz in the paper's Fig. 3). */
    public double relativeGammaPower()
    {
        return relativeBandPower(30, 80);
    }

    /**
     * Peaks closer than this to a stronger one are its wiggles, not a rhythm of their own: 2 Hz. A 10 s run's
     * periodogram (0.12 Hz apart) gave cortex2003's peaks as 7.75, 7.20 and 7.32 Hz, one peak three times.
     */
    public static final double MIN_PEAK_SEPARATION_HZ = 2.0;

    /**
     * Frequencies of the {@code count} largest local maxima of the spectrum within [loHz, hiHz], strongest first, each
     * at least {@link #MIN_PEAK_SEPARATION_HZ} from every stronger one kept.
     */
    public double[] peakFrequencies(final int count, final double loHz, final double hiHz)
    {
        final java.util.List<Integer> maxima = new java.util.ArrayList<>();
        for (int k = 1; k < power.length - 1; k++)
        {
            // A peak rises above a neighbour: on a flat spectrum (a run without spikes, all zero) every bin passed
            // the two comparisons and summary.json listed peaks at 7.8, 15.6 and 23.4 Hz for a silent network.
            if (frequencyHz[k] < loHz || frequencyHz[k] > hiHz || power[k] < power[k - 1] || power[k] < power[k + 1] ||
                !(power[k] > power[k - 1] || power[k] > power[k + 1]))
            {
                continue;
            }
            maxima.add(k);
        }
        // Strongest first; of equal powers the lower frequency, as the scan in frequency order kept it.
        maxima.sort((x, y) -> power[x] != power[y] ? Double.compare(power[y], power[x]) : Integer.compare(x, y));
        final double[] best = new double[count];
        int found = 0;
        for (int m = 0; m < maxima.size() && found < count; m++)
        {
            final double f = frequencyHz[maxima.get(m)];
            boolean apart = true;
            for (int b = 0; b < found && apart; b++)
            {
                apart = Math.abs(f - best[b]) >= MIN_PEAK_SEPARATION_HZ;
            }
            if (apart)
            {
                best[found++] = f;
            }
        }
        return java.util.Arrays.copyOf(best, found);
    }
}
