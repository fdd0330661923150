package org.izhsim.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.izhsim.network.PopulationRange;

/**
 * Binned population rates: {@code t_ms} (bin start) then one {@code <population>_Hz} column per
 * population.
 */
public final class PopulationRatesCsv
{
    /** Rates to a thousandth of a Hz; finer digits are only counting noise. */
    private static final int RATE_DECIMALS = 3;

    private PopulationRatesCsv()
    {
    }

    public static void write(final Path file, final PopulationRates rates)
    {
        final List<PopulationRange> populations = new ArrayList<>();
        for (int p = 0; p < rates.populationCount(); p++)
        {
            populations.add(rates.population(p));
        }
        try (CsvWriter csv = new CsvWriter(file, header(populations)))
        {
            final double[][] hz = new double[populations.size()][];
            for (int p = 0; p < hz.length; p++)
            {
                hz[p] = rates.hz(p);
            }
            rows(csv, rates.edges().length - 1, rates.edges(), hz);
        }
    }

    /**
     * The rates of {@code spikes} in bins of {@code binMs} over [tStartMs, tEndMs], as {@link PopulationRates#of}
     * bins them, written as they are counted: the heap holds a block of bins, not the run's
     * ({@link PopulationRates#inBlocks}).
     */
    public static void write(final Path file, final SpikeList spikes, final List<PopulationRange> populations,
        final double tStartMs, final double tEndMs, final double binMs)
    {
        try (CsvWriter csv = new CsvWriter(file, header(populations)))
        {
            PopulationRates.inBlocks(spikes, populations, tStartMs, tEndMs, binMs,
                (first, bins, edges, hz) -> rows(csv, bins, edges, hz));
        }
    }

    private static String[] header(final List<PopulationRange> populations)
    {
        final String[] header = new String[populations.size() + 1];
        header[0] = "t_ms";
        for (int p = 0; p < populations.size(); p++)
        {
            header[p + 1] = populations.get(p).name() + "_Hz";
        }
        return header;
    }

    private static void rows(final CsvWriter csv, final int bins, final double[] edges, final double[][] hz)
    {
        for (int b = 0; b < bins; b++)
        {
            csv.exact(edges[b]);
            for (final double[] population : hz)
            {
                csv.rounded(population[b], RATE_DECIMALS);
            }
            csv.endRow();
        }
    }
}
