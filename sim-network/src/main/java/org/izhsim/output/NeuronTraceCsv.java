package org.izhsim.output;

import java.nio.file.Path;

/**
 * One neuron's recorded trace: {@code t_ms,v_mV,u,I}, one row per sample.
 */
public final class NeuronTraceCsv
{
    /** v, u and I to a millionth: far below the integration error of any dt a user would pick. */
    static final int STATE_DECIMALS = 6;

    private NeuronTraceCsv()
    {
    }

    public static void write(final Path file, final double[] t, final double[] v, final double[] u, final double[] current)
    {
        if (v.length != t.length || u.length != t.length || current.length != t.length)
        {
            throw new IllegalArgumentException("t, v, u and I must have equal lengths: " + t.length + ", " + v.length
                + ", " + u.length + ", " + current.length);
        }
        try (CsvWriter csv = new CsvWriter(file, "t_ms", "v_mV", "u", "I"))
        {
            for (int k = 0; k < t.length; k++)
            {
                csv.exact(t[k]).rounded(v[k], STATE_DECIMALS).rounded(u[k], STATE_DECIMALS)
                    .rounded(current[k], STATE_DECIMALS).endRow();
            }
        }
    }
}
