package org.izhsim.output;

import java.nio.file.Path;

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
        final int populations = rates.populationCount();
        final String[] header = new String[populations + 1];
        header[0] = "t_ms";
        for (int p = 0; p < populations; p++)
        {
            header[p + 1] = rates.population(p).name() + "_Hz";
        }
        final double[] edges = rates.edges();
        try (CsvWriter csv = new CsvWriter(file, header))
        {
            for (int b = 0; b < edges.length - 1; b++)
            {
                csv.exact(edges[b]);
                for (int p = 0; p < populations; p++)
                {
                    csv.rounded(rates.hz(p)[b], RATE_DECIMALS);
                }
                csv.endRow();
            }
        }
    }
}
