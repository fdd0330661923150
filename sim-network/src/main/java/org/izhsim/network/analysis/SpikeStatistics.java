package org.izhsim.network.analysis;

import java.util.List;

import org.izhsim.network.PopulationLookup;
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
     * The mean rate of each population, in the order of {@link SimulationResult#populations()}, from its spike
     * count: {@link #meanRateHz} of each, with one pass over the spikes in all.
     *
     * @param counts the populations' spikes, {@link SimulationResult#populationSpikeCounts()}.
     */
    public static double[] meanRatesHz(final SimulationResult result, final long[] counts)
    {
        final double[] rates = new double[counts.length];
        for (int p = 0; p < rates.length; p++)
        {
            rates[p] = counts[p] / (result.populations().get(p).size() * result.simulatedMs() / 1000.0);
        }
        return rates;
    }

    /**
     * Mean over the population's neurons with at least 3 spikes (2 intervals) of CV = sd / mean of their
     * inter-spike intervals (population sd); NaN if no neuron qualifies. 1 for a Poisson process, 0 for a
     * clock.
     */
    public static double meanIsiCv(final SimulationResult result, final String population)
    {
        final PopulationRange p = result.population(population);
        return meanIsiCvs(result, List.of(p))[0];
    }

    /**
     * {@link #meanIsiCv} of each of {@code populations} (of the result's, not overlapping), with one pass over the
     * spikes: a pass per population read a long run's spikes as many times (100 populations: minutes).
     */
    public static double[] meanIsiCvs(final SimulationResult result, final List<PopulationRange> populations)
    {
        final PopulationLookup lookup = new PopulationLookup(populations);
        // Neurons are numbered within each population's arrays: the heap holds the populations' neurons, once.
        final int[][] count = new int[populations.size()][];
        final double[][] sum = new double[populations.size()][];
        final double[][] sumSquares = new double[populations.size()][];
        final int[][] last = new int[populations.size()][];
        for (int p = 0; p < count.length; p++)
        {
            final int size = populations.get(p).size();
            count[p] = new int[size];
            sum[p] = new double[size];
            sumSquares[p] = new double[size];
            last[p] = new int[size];
        }
        for (int i = 0, n = result.spikeCount(); i < n; i++)
        {
            final int neuron = result.spikeNeuron(i);
            final int p = lookup.indexOf(neuron);
            if (p < 0)
            {
                continue;
            }
            final int step = result.spikeStep(i);
            final int k = neuron - populations.get(p).first();
            if (count[p][k] > 0)
            {
                final double isi = step - last[p][k];
                sum[p][k] += isi;
                sumSquares[p][k] += isi * isi;
            }
            last[p][k] = step;
            count[p][k]++;
        }
        final double[] cv = new double[count.length];
        for (int p = 0; p < cv.length; p++)
        {
            double cvSum = 0;
            int qualified = 0;
            for (int k = 0; k < count[p].length; k++)
            {
                if (count[p][k] >= 3)
                {
                    final int intervals = count[p][k] - 1;
                    final double mean = sum[p][k] / intervals;
                    final double variance = Math.max(0, sumSquares[p][k] / intervals - mean * mean);
                    cvSum += Math.sqrt(variance) / mean;
                    qualified++;
                }
            }
            cv[p] = qualified == 0 ? Double.NaN : cvSum / qualified;
        }
        return cv;
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
