package org.izhsim.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.PartnerSampler;
import org.izhsim.network.build.PlasticityRule;
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

    /**
     * @param plan the network's plan: its seed, and dastdp2007's rewarded synapse, which the network starts at the
     *             reward's {@code initial_weight} (Network.prepareRewardedSynapse) rather than at its drawn weight.
     * @param dtMs the network's step, ms per delay step.
     */
    public static void write(final Path file, final NetworkPlan plan, final ResolvedProjection p, final double dtMs)
    {
        final PlasticityRule.Reward reward = plan.plasticity() == null ? null : plan.plasticity().reward();
        // The reward's pair in a plastic projection (the plain matrix's rows, which the network's start sets), or -1.
        final int pre = reward != null && !Double.isNaN(reward.initialWeight()) &&
            plan.receptors().spec(p.index()).plasticity() != null ? reward.pre() : -1;
        final int post = pre >= 0 ? reward.post() : -1;
        final String initial = pre >= 0 ? Float.toString((float)reward.initialWeight()) : null;
        final long seed = plan.seed();
        try (OutputStream out = Files.newOutputStream(file))
        {
            final Lines lines = new Lines(out);
            lines.text("source,target,delay_ms,weight\n");
            SynapseMatrixBuilder.forEachSynapse(p, seed, new PartnerSampler(), (source, target, delay, bits) ->
            {
                lines.integer(source);
                lines.text(",");
                lines.integer(target);
                lines.text(",");
                if (dtMs == 1.0)
                {
                    lines.integer(delay);
                }
                else
                {
                    lines.text(Double.toString(delay * dtMs));
                }
                // Float.toString reads back as the same float (and is the shortest such text from JDK 19 on).
                lines.text(",");
                lines.text(source == pre && target == post ? initial : Float.toString((float)p.weight().weight(bits)));
                lines.text("\n");
            });
            lines.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        catch (final UncheckedIOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getCause().getMessage(), ex.getCause());
        }
    }

    /** ASCII lines into a buffer of its own, flushed whole: a line per synapse, millions of them. */
    private static final class Lines
    {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int size;

        Lines(final OutputStream out)
        {
            this.out = out;
        }

        void text(final String text)
        {
            room(text.length());
            for (int k = 0; k < text.length(); k++)
            {
                buffer[size++] = (byte)text.charAt(k);
            }
        }

        /** A non-negative int's decimal digits. */
        void integer(final int value)
        {
            room(10);
            int digits = 1;
            for (int v = value; v >= 10; v /= 10)
            {
                digits++;
            }
            int v = value;
            for (int k = size + digits - 1; k >= size; k--)
            {
                buffer[k] = (byte)('0' + v % 10);
                v /= 10;
            }
            size += digits;
        }

        private void room(final int bytes)
        {
            if (size + bytes > buffer.length)
            {
                flush();
            }
        }

        void flush()
        {
            try
            {
                out.write(buffer, 0, size);
                size = 0;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
