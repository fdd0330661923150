package org.izhsim.output;

import java.nio.file.Path;
import java.util.List;

import org.izhsim.network.PopulationLookup;
import org.izhsim.network.PopulationRange;

/**
 * Network spikes: {@code t_ms,neuron,population}, one row per spike in recorded order. Neurons in no
 * listed population get an empty population field.
 */
public final class NetworkSpikesCsv
{
    private NetworkSpikesCsv()
    {
    }

    public static void write(final Path file, final SpikeList spikes, final List<PopulationRange> populations)
    {
        final PopulationRange[] pops = populations.toArray(new PopulationRange[0]);
        final PopulationLookup lookup = new PopulationLookup(pops);
        try (CsvWriter csv = new CsvWriter(file, "t_ms", "neuron", "population"))
        {
            int last = 0;
            for (int k = 0, n = spikes.count(); k < n; k++)
            {
                final int id = spikes.id(k);
                final int p = last < pops.length && pops[last].contains(id) ? last : lookup.indexOf(id);
                csv.exact(spikes.time(k)).field(id).field(p >= 0 ? pops[p].name() : "").endRow();
                last = Math.max(p, 0);
            }
        }
    }
}
