package org.izhsim.network.analysis;

/**
 * Periodogram of an evenly sampled signal, for the rhythms of a population rate: the mean is removed, the
 * signal zero-padded to a power of two, transformed by {@link Fft}, and |X(f)|^2 / n kept for the
 * frequencies 0 .. Nyquist. Immutable.
 */
public final class PowerSpectrum
{
    private final double[] frequencyHz;
    private final double[] power;

    private PowerSpectrum(final double[] frequencyHz, final double[] power)
    {
        this.frequencyHz = frequencyHz;
        this.power = power;
    }

    /**
     * @param signal     samples, for example a population rate in 1 ms bins.
     * @param sampleMs   the sampling interval in ms.
     */
    public static PowerSpectrum of(final double[] signal, final double sampleMs)
    {
        if (signal.length < 2)
        {
            throw new IllegalArgumentException("a spectrum needs at least 2 samples, got " + signal.length);
        }
        double mean = 0;
        for (final double x : signal)
        {
            mean += x;
        }
        mean /= signal.length;
        final int n = Fft.paddedLength(signal.length);
        final double[] re = new double[n];
        final double[] im = new double[n];
        for (int i = 0; i < signal.length; i++)
        {
            re[i] = signal[i] - mean;
        }
        Fft.transform(re, im);
        final int bins = n / 2 + 1;
        final double[] frequency = new double[bins];
        final double[] power = new double[bins];
        for (int k = 0; k < bins; k++)
        {
            frequency[k] = k * 1000.0 / (n * sampleMs);
            power[k] = (re[k] * re[k] + im[k] * im[k]) / signal.length;
        }
        return new PowerSpectrum(frequency, power);
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

    /** Mean power over the bins with loHz <= f <= hiHz; 0 if none. */
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

    /** Mean power in [loHz, hiHz] relative to the mean over the whole spectrum: above 1 means a rhythm. */
    public double relativeBandPower(final double loHz, final double hiHz)
    {
        return meanPower(loHz, hiHz) / meanPower();
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
     * Frequencies of the {@code count} largest local maxima of the spectrum within [loHz, hiHz], strongest
     * first.
     */
    public double[] peakFrequencies(final int count, final double loHz, final double hiHz)
    {
        final double[] best = new double[count];
        final double[] bestPower = new double[count];
        java.util.Arrays.fill(bestPower, -1);
        int found = 0;
        for (int k = 1; k < power.length - 1; k++)
        {
            // A peak rises above a neighbour: on a flat spectrum (a run without spikes, all zero) every bin passed
            // the two comparisons and summary.json listed peaks at 7.8, 15.6 and 23.4 Hz for a silent network.
            if (frequencyHz[k] < loHz || frequencyHz[k] > hiHz || power[k] < power[k - 1] || power[k] < power[k + 1] ||
                !(power[k] > power[k - 1] || power[k] > power[k + 1]))
            {
                continue;
            }
            int at = Math.min(found, count);
            while (at > 0 && bestPower[at - 1] < power[k])
            {
                at--;
            }
            if (at < count)
            {
                System.arraycopy(best, at, best, at + 1, count - at - 1);
                System.arraycopy(bestPower, at, bestPower, at + 1, count - at - 1);
                best[at] = frequencyHz[k];
                bestPower[at] = power[k];
                found = Math.min(count, found + 1);
            }
        }
        return java.util.Arrays.copyOf(best, found);
    }
}
