package org.izhsim.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.network.build.PartnerSampler;
import org.izhsim.network.build.ResolvedProjection;
import org.izhsim.network.synapse.SynapseMatrixBuilder;

/**
 * A projection's synapses as the network was built with them, as a CSV file that a projection's {@code connections:}
 * reads back: the header {@code source,target,delay_ms,weight}, then a synapse per line (global ids, the delay in
 * ms, the weight as the shortest text that reads back as the same float). Drawn again from the network's seed as
 * the builder draws them ({@link SynapseMatrixBuilder#forEachSynapse}), source by source (target by target for
 * fixed_indegree), so nothing of the network is needed and nothing is held: the weights are those of the start,
 * the plastic ones' learnt values being weights.npy's.
 */
public final class ConnectionsCsv
{
    /** The file of the projection at place {@code k} (1-based, as {@code --set projections.#k}). */
    public static String fileName(final int k)
    {
        return "connections_" + k + ".csv";
    }

    private ConnectionsCsv()
    {
    }

    /** @param dtMs the network's step, ms per delay step. */
    public static void write(final Path file, final ResolvedProjection p, final long seed, final double dtMs)
    {
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
            StandardCharsets.US_ASCII), 1 << 16))
        {
            out.write("source,target,delay_ms,weight\n");
            final StringBuilder line = new StringBuilder(64);
            final IOException[] failed = new IOException[1];
            SynapseMatrixBuilder.forEachSynapse(p, seed, new PartnerSampler(), (source, target, delay, bits) ->
            {
                if (failed[0] != null)
                {
                    return;
                }
                line.setLength(0);
                line.append(source).append(',').append(target).append(',');
                if (dtMs == 1.0)
                {
                    line.append(delay);
                }
                else
                {
                    line.append(delay * dtMs);
                }
                // Float.toString is the shortest decimal that reads back as the same float (JDK 19 on; 17's may be
                // longer, never another value).
                line.append(',').append(Float.toString((float)p.weight().weight(bits))).append('\n');
                try
                {
                    out.append(line);
                }
                catch (final IOException ex)
                {
                    failed[0] = ex;
                }
            });
            if (failed[0] != null)
            {
                throw failed[0];
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
