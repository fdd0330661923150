package org.izhsim.output;

import java.util.List;

import org.izhsim.network.PopulationRange;

/**
 * Population firing rates in Hz from a spike list: spikes per bin divided by the population size and
 * the bin width, so a population firing at 8 Hz per neuron reads 8 whatever its size.
 */
public final class PopulationRates
{
    private final PopulationRange[] populations;
    private final double[] edges;
    private final double[][] hz;

    private PopulationRates(final PopulationRange[] populations, final double[] edges, final double[][] hz)
    {
        this.populations = populations;
        this.edges = edges;
        this.hz = hz;
    }

    /**
     * @param spikes      the spikes; those outside [tStartMs, tEndMs] or in no population are ignored.
     * @param populations the populations to rate.
     * @param tStartMs    start of the first bin.
     * @param tEndMs      end of the last bin (a last partial bin is divided by its own width).
     * @param binMs       bin width, &gt; 0.
     */
    public static PopulationRates of(
        final SpikeList spikes,
        final List<PopulationRange> populations,
        final double tStartMs,
        final double tEndMs,
        final double binMs)
    {
        if (!(binMs > 0) || !(tEndMs > tStartMs))
        {
            throw new IllegalArgumentException("need binMs > 0 and tEnd > tStart, got bin " + binMs + " over ["
                + tStartMs + ", " + tEndMs + "]");
        }
        final PopulationRange[] pops = populations.toArray(new PopulationRange[0]);
        // At least one bin: a bin 10^9 times the run (rates_bin_ms: 1e12) made the tolerance's ceil 0 bins, and the
        // outputs of the whole run were lost to an exception.
        final int bins = Math.max(1, (int)Math.ceil((tEndMs - tStartMs) / binMs - 1e-9));
        final double[] edges = new double[bins + 1];
        for (int b = 0; b < bins; b++)
        {
            edges[b] = tStartMs + b * binMs;
        }
        edges[bins] = tEndMs;
        final double[][] counts = new double[pops.length][bins];
        int last = 0;
        for (int k = 0, n = spikes.count(); k < n; k++)
        {
            final double t = spikes.time(k);
            if (!(t >= tStartMs && t <= tEndMs))
            {
                continue;
            }
            final int id = spikes.id(k);
            // Spikes of one population come in runs: try the previous one first.
            final int p = last < pops.length && pops[last].contains(id) ? last : PopulationRange.indexOf(pops, id);
            if (p < 0)
            {
                continue;
            }
            last = p;
            counts[p][Math.min(bins - 1, (int)((t - tStartMs) / binMs))]++;
        }
        for (int p = 0; p < pops.length; p++)
        {
            for (int b = 0; b < bins; b++)
            {
                counts[p][b] *= 1000.0 / (pops[p].size() * (edges[b + 1] - edges[b]));
            }
        }
        return new PopulationRates(pops, edges, counts);
    }

    public int populationCount()
    {
        return populations.length;
    }

    public PopulationRange population(final int p)
    {
        return populations[p];
    }

    /**
     * @return the bin edges (ms), one more than the bins; do not modify.
     */
    public double[] edges()
    {
        return edges;
    }

    /**
     * @return rates (Hz) of population {@code p}, one per bin; do not modify.
     */
    public double[] hz(final int p)
    {
        return hz[p];
    }
}
