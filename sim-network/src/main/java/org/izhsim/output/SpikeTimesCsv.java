package org.izhsim.output;

import java.nio.file.Path;

/**
 * A single neuron's spike times: header {@code t_ms}, one exact time per line.
 */
public final class SpikeTimesCsv
{
    private SpikeTimesCsv()
    {
    }

    public static void write(final Path file, final double[] timesMs, final int count)
    {
        try (CsvWriter csv = new CsvWriter(file, "t_ms"))
        {
            for (int k = 0; k < count; k++)
            {
                csv.exact(timesMs[k]).endRow();
            }
        }
    }
}
