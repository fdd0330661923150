package org.izhsim.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.izhsim.network.PopulationRange;
import org.izhsim.network.build.DiskEstimate;

/**
 * Binned population rates: {@code t_ms} (bin start) then one {@code <population>_Hz} column per
 * population.
 */
public final class PopulationRatesCsv
{

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
            rows(csv, rates.edges().length - 1, rates.edges(), hz, decimals(populations, rates.edges()));
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
                (first, bins, edges, hz) -> rows(csv, bins, edges, hz, decimals(populations, binMs)));
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

    /** Each population's decimals ({@link DiskEstimate#rateDecimals}): a thousandth of a Hz, finer for large ones. */
    private static int[] decimals(final List<PopulationRange> populations, final double binMs)
    {
        final int[] decimals = new int[populations.size()];
        for (int p = 0; p < decimals.length; p++)
        {
            decimals[p] = DiskEstimate.rateDecimals(populations.get(p).size(), binMs);
        }
        return decimals;
    }

    /** As above, for bins given by their edges (the last may be shorter; the first is the widest). */
    private static int[] decimals(final List<PopulationRange> populations, final double[] edges)
    {
        return decimals(populations, edges.length > 1 ? edges[1] - edges[0] : 1.0);
    }

    private static void rows(final CsvWriter csv, final int bins, final double[] edges, final double[][] hz,
        final int[] decimals)
    {
        for (int b = 0; b < bins; b++)
        {
            csv.exact(edges[b]);
            for (int p = 0; p < hz.length; p++)
            {
                csv.rounded(hz[p][b], decimals[p]);
            }
            csv.endRow();
        }
    }
}
