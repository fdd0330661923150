package org.izhsim.output;

import java.io.Closeable;
import java.nio.file.Path;

/**
 * Recorded state of chosen neurons, streamed row by row while a network runs: {@code t_ms,neuron,v,u,input}
 * (long format: one row per neuron per recorded step). Called by the one thread that records.
 */
public final class StateTraceCsv implements Closeable
{
    private final CsvWriter csv;

    public StateTraceCsv(final Path file)
    {
        csv = new CsvWriter(file, "t_ms", "neuron", "v", "u", "input");
    }

    public void row(final double tMs, final int neuron, final double v, final double u, final double input)
    {
        csv.exact(tMs).field(neuron).rounded(v, NeuronTraceCsv.STATE_DECIMALS).rounded(u, NeuronTraceCsv.STATE_DECIMALS)
            .rounded(input, NeuronTraceCsv.STATE_DECIMALS).endRow();
    }

    @Override
    public void close()
    {
        csv.close();
    }
}
