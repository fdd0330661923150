package org.izhsim.network.analysis;

import org.izhsim.network.PopulationRange;
import org.izhsim.network.record.SimulationResult;

/**
 * Standard summaries of a run's spikes per population: mean firing rate, coefficient of variation of the
 * inter-spike intervals, and the population rate in 1 ms bins. Stateless.
 */
public final class SpikeStatistics
{
    private SpikeStatistics()
    {
    }

    /** Mean firing rate of the population's neurons over the run, in Hz. */
    public static double meanRateHz(final SimulationResult result, final String population)
    {
        final PopulationRange p = result.population(population);
        long spikes = 0;
        for (int k = 0, n = result.spikeCount(); k < n; k++)
        {
            spikes += p.contains(result.spikeNeuron(k)) ? 1 : 0;
        }
        return spikes / (p.size() * result.simulatedMs() / 1000.0);
    }

    /**
     * Mean over the population's neurons with at least 3 spikes (2 intervals) of CV = sd / mean of their
     * inter-spike intervals (population sd); NaN if no neuron qualifies. 1 for a Poisson process, 0 for a
     * clock.
     */
    public static double meanIsiCv(final SimulationResult result, final String population)
    {
        final PopulationRange p = result.population(population);
        final int[] count = new int[p.size()];
        final double[] sum = new double[p.size()];
        final double[] sumSquares = new double[p.size()];
        final int[] last = new int[p.size()];
        for (int i = 0, n = result.spikeCount(); i < n; i++)
        {
            final int neuron = result.spikeNeuron(i);
            if (!p.contains(neuron))
            {
                continue;
            }
            final int step = result.spikeStep(i);
            final int k = neuron - p.first();
            if (count[k] > 0)
            {
                final double isi = step - last[k];
                sum[k] += isi;
                sumSquares[k] += isi * isi;
            }
            last[k] = step;
            count[k]++;
        }
        double cvSum = 0;
        int qualified = 0;
        for (int k = 0; k < count.length; k++)
        {
            if (count[k] >= 3)
            {
                final int intervals = count[k] - 1;
                final double mean = sum[k] / intervals;
                final double variance = Math.max(0, sumSquares[k] / intervals - mean * mean);
                cvSum += Math.sqrt(variance) / mean;
                qualified++;
            }
        }
        return qualified == 0 ? Double.NaN : cvSum / qualified;
    }

    /**
     * {@link #populationRateHz} as a signal read window by window ({@link PowerSpectrum#of(long,
     * PowerSpectrum.Signal, double)}), the result's spikes once in step order: no array as long as the run.
     */
    public static PowerSpectrum.Signal populationRate(final SimulationResult result, final String population)
    {
        final PopulationRange p = result.population(population);
        final double perSpike = 1000.0 / p.size();
        final int n = result.spikeCount();
        return new PowerSpectrum.Signal()
        {
            /** The first spike not yet read: the result holds its spikes in step order. */
            private int next;

            @Override
            public void addTo(final long from, final double[] into, final int count)
            {
                final long first = result.firstStep() + from;
                for (; next < n; next++)
                {
                    final long step = result.spikeStep(next);
                    if (step >= first + count)
                    {
                        break;
                    }
                    if (step >= first && p.contains(result.spikeNeuron(next)))
                    {
                        into[(int)(step - first)] += perSpike;
                    }
                }
            }
        };
    }

    /**
     * Population rate in Hz per 1 ms step of the run: spikes of the population in the step divided by its
     * size and by 1 ms.
     */
    public static double[] populationRateHz(final SimulationResult result, final String population)
    {
        final PopulationRange p = result.population(population);
        final double[] rate = new double[result.steps()];
        final double perSpike = 1000.0 / p.size();
        for (int i = 0, n = result.spikeCount(); i < n; i++)
        {
            if (p.contains(result.spikeNeuron(i)))
            {
                rate[(int)(result.spikeStep(i) - result.firstStep())] += perSpike;
            }
        }
        return rate;
    }
}
