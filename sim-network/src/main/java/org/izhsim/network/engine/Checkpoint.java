package org.izhsim.network.engine;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import org.izhsim.core.InputException;
import org.izhsim.core.InputFile;
import org.izhsim.core.ProcessOwner;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.random.CounterRandom;
import org.izhsim.network.synapse.PlasticSynapses;
import org.izhsim.network.synapse.PlasticWeights;
import org.izhsim.network.synapse.SynapseMatrix;
import org.izhsim.network.build.TargetPartition;

/**
 * The saved state of a {@link Network} between two steps (a checkpoint): its file format, and its writing and
 * reading. Everything that decides the network's future is in it: the step, v and u of every neuron, the spikes
 * still travelling (the neurons fired in each of the last D steps and, with the arrival ring, its D buffers of
 * summed future input). The inputs hold no state (their random numbers are functions of seed, neuron and step),
 * the worker threads none that changes a result, so a checkpoint written with one thread count resumes with
 * any other. The spike ring is saved per step as one ascending list of neurons and split again by the resuming
 * network's own worker ranges.
 * A network partitioned over MPI ranks writes and reads the same file through {@link RankCheckpoint}: rank 0
 * assembles the whole state from every rank and writes it; resuming, every rank reads rank 0's bytes and takes
 * its part ({@link Part}).
 * <p>
 * Format version 2 (version 1 plus the receptor section), big-endian:
 * <pre>
 * magic "IZHSIMST", int format version
 * header   long seed, int neurons, int populations, per population (string name, int size), long synapses,
 *          int max delay D, string delivery, string integration scheme, long neuron fingerprint,
 *          long synapse fingerprint
 * int      CRC32C of every byte so far (a damaged header reads as damage, not as another network)
 * long     step the resumed network continues at
 * sections int tag, long payload bytes, payload; in this order, ended by tag "END "
 *          "NEUR": float v[N], float u[N]
 *          "SPIK": for the steps step - D .. step - 1: int count, then that many ascending neuron ids
 *          "ARRV": arrival ring only: D x N floats, buffer s (the input of the steps t with t mod D = s) first
 *          "RCPT": receptor stage only: its state arrays in {@link ReceptorStage#state()}'s order (exponential
 *                  current, g_AMPA, g_NMDA, g_GABA_A, g_GABA_B of every neuron, then per STP projection u, x
 *                  and the D + 1 spike-factor slots of its sources), floats
 * int      CRC32C of every byte before it
 * </pre>
 * A string is an int byte count and that many UTF-8 bytes. The fingerprints are 64-bit hashes of a, b, c, d of
 * every neuron and of every synapse's (source, delay, target, weight); they depend on the synapses, not on how
 * the thread count splits them into blocks. A reader refuses other format versions and unknown sections: both
 * would leave state it cannot restore.
 * <p>
 * Format version 3 (networks with plastic synapses): version 2, plus a section after "SPIK":
 * <pre>
 *          "PLAS": int P plastic synapses, float w[P], float sd[P] (in {@link PlasticWeights} order: source,
 *                  delay, target), float LTP[(D + 1) x N] (slot = time mod (D + 1)), float LTD[N]
 * </pre>
 * and the synapse fingerprint hashes a plastic synapse's weight as 0: weights that learn no longer describe the
 * network, its (source, delay, target) still do.
 * <p>
 * Format version 4 (dopamine-modulated plasticity, dastdp2007): version 3, plus a section after "PLAS":
 * <pre>
 *          "DOPA": double dopamine level (after the last step's reward), long step of the reward rule's last pre
 *                  spike, int R pending rewards, long due step[R]
 * </pre>
 * Every worker's replica of the level is the same ({@link Dopamine}), so one is saved and a resuming network
 * with any thread count sets all of its replicas to it. Plastic networks without dopamine still write
 * version 3.
 * <p>
 * Formats 5 and 6 (plastic networks: 5 without dopamine, 6 with): formats 3 and 4 with one more
 * header field before the header's checksum, {@code string} the plasticity rule's terms joined by newlines
 * ({@link PlasticityRule#terms}: "rule spnet2006", "w_max 10", ...). A resumed run whose rule differs in any term
 * is refused naming the terms; files of formats 3 and 4 hold none and resume under the rule given.
 * <p>
 * Formats 7, 8 and 9 (written now: 7 by networks without plastic synapses, 8 by plastic ones, 9 with dopamine):
 * formats 2, 5 and 6 with {@code long} noise seed after the seed in the header: the seed of the draws made as the
 * network ran (inputs, reward delays), which a resumed run takes as its own unless it is given one ({@code
 * noise_seed}, {@code --noise-seed}): the trial goes on under the noise it had. It is not compared: a checkpoint may
 * be resumed under other noise. Files of earlier formats do not say, and resume under the noise seed given.
 * <p>
 * Files are written to a temporary file in the target's folder and renamed over the target in one atomic move,
 * so a reader never sees half a checkpoint; a file at the target that is not a checkpoint is never replaced.
 * The temporary file {@code .FILE.PID-NANOS-OWNER.partial} names its writer ({@link ProcessOwner#tag()}): the
 * next checkpoint written to FILE deletes those whose process is certainly gone (killed mid-write), never a live
 * one's.
 */
final class Checkpoint
{
    static final int FORMAT_VERSION = 2;
    /** Version 2 with a section "PLAS" after "SPIK": the checkpoints of networks with plastic synapses. */
    static final int PLASTIC_FORMAT_VERSION = 3;
    private static final int PLASTIC = tag("PLAS");
    /** Version 3 with a section "DOPA" after "PLAS": the checkpoints of dopamine-modulated networks. */
    static final int DOPAMINE_FORMAT_VERSION = 4;
    private static final int DOPAMINE = tag("DOPA");
    /** Versions 3 and 4 with the plasticity rule's terms in the header. */
    static final int PLASTIC_RULE_FORMAT_VERSION = 5;
    static final int DOPAMINE_RULE_FORMAT_VERSION = 6;
    /** Versions 2, 5 and 6 with the noise seed in the header: what every network writes now. */
    static final int NOISE_FORMAT_VERSION = 7;
    static final int PLASTIC_NOISE_FORMAT_VERSION = 8;
    static final int DOPAMINE_NOISE_FORMAT_VERSION = 9;
    /** The newest format this build reads (and writes). */
    static final int LATEST_FORMAT_VERSION = DOPAMINE_NOISE_FORMAT_VERSION;
    private static final byte[] MAGIC = "IZHSIMST".getBytes(StandardCharsets.US_ASCII);
    private static final int NEURONS = tag("NEUR");
    private static final int SPIKES = tag("SPIK");
    private static final int ARRIVALS = tag("ARRV");
    private static final int RECEPTORS = tag("RCPT");
    private static final int END = tag("END ");
    /** Longer names cannot come from a config or the builder's checks; a bigger count is damage. */
    private static final int MAX_NAME_BYTES = 1 << 16;

    private Checkpoint()
    {
    }

    /** What a checkpoint belongs to: every property of the network that its saved state depends on. */
    record Description(long seed, List<String> populationNames, int[] populationSizes, int neurons, long synapses,
        int maxDelay, String delivery, String scheme, long neuronFingerprint, long synapseFingerprint,
        List<String> plasticity, Long noiseSeed, long[] sourceFingerprints, long[] populationNeuronFingerprints)
    {
        /** The plasticity rule's terms ({@link PlasticityRule#terms}) of a network, null without plastic synapses. */
        static List<String> plasticityTerms(final Network network)
        {
            return network.plasticity() == null ? null : network.plasticity().rule().terms();
        }

        static Description of(final Network network)
        {
            final List<String> names = new ArrayList<>();
            final int[] sizes = new int[network.populations().size()];
            for (int p = 0; p < sizes.length; p++)
            {
                names.add(network.populations().get(p).name());
                sizes[p] = network.populations().get(p).size();
            }
            // One pass over the synapses: the whole matrix's sum is the populations' sums added.
            final long[] bySource = Checkpoint.synapseSumsBySource(network.synapses(), network.plasticity(),
                network.populations());
            long sum = 0;
            for (int p = 0; p < sizes.length; p++)
            {
                sum += bySource[p];
            }
            final long synapses = Checkpoint.synapseFingerprint(sum, network.synapses().synapseCount());
            return new Description(network.seed(), names, sizes, network.neurons(), network.synapseCount(),
                network.synapses().maxDelay(), network.delivery().name(), network.scheme().name(),
                Checkpoint.withModels(Checkpoint.neuronFingerprint(network.state()), network.populationModels()),
                network.receptors() == null ? synapses : CounterRandom.mix(synapses ^ network.receptors().fingerprint()),
                plasticityTerms(network), network.noiseSeed(), Checkpoint.sourceFingerprints(bySource),
                Checkpoint.withModels(Checkpoint.neuronFingerprints(network.populations(), network.state().a,
                    network.state().b, network.state().c, network.state().d), network.populationModels()));
        }

        /**
         * What the plan of a network says of it before it is built: all but its synapse count and fingerprints,
         * which {@link #differences(Description, boolean)} then leaves out.
         */
        static Description planned(final NetworkPlan plan)
        {
            final List<String> names = new ArrayList<>();
            final int[] sizes = new int[plan.populations().size()];
            for (int p = 0; p < sizes.length; p++)
            {
                names.add(plan.populations().get(p).name());
                sizes[p] = plan.populations().get(p).size();
            }
            return new Description(plan.seed(), names, sizes, plan.neurons(), -1, plan.maxDelay(),
                plan.delivery().name(), plan.scheme().name(), 0, 0,
                plan.plasticity() == null ? null : plan.plasticity().terms(), plan.noiseSeed(), null, null);
        }

        /** Every way this checkpoint's network differs from {@code actual}, empty if none. */
        List<String> differences(final Description actual)
        {
            return differences(actual, true);
        }

        /**
         * As {@link #differences(Description)}; with {@code built} false {@code actual} is {@link #planned} (no
         * synapse count, no fingerprints), and only the header's other terms are compared.
         */
        List<String> differences(final Description actual, final boolean built)
        {
            final List<String> out = new ArrayList<>();
            if (seed != actual.seed)
            {
                out.add("seed " + seed + ", this network has seed " + actual.seed);
            }
            if (!populationNames.equals(actual.populationNames) || !Arrays.equals(populationSizes, actual.populationSizes))
            {
                out.add("populations " + populations(populationNames, populationSizes) + ", this network has " +
                    populations(actual.populationNames, actual.populationSizes));
            }
            else if (neurons != actual.neurons)
            {
                out.add(neurons + " neurons, this network has " + actual.neurons);
            }
            if (built && synapses != actual.synapses)
            {
                out.add(synapses + " synapses, this network has " + actual.synapses);
            }
            if (maxDelay != actual.maxDelay)
            {
                out.add("a longest delay of " + maxDelay + " ms, this network has " + actual.maxDelay + " ms");
            }
            if (!delivery.equals(actual.delivery))
            {
                out.add("spike delivery " + spelling(delivery) + ", this network has " + spelling(actual.delivery));
            }
            if (!scheme.equals(actual.scheme))
            {
                // As the config spells them: the network's "euler" is the semi-implicit scheme.
                out.add("integration " + spelling(scheme.replace("SEMI_IMPLICIT_EULER", "EULER")) +
                    ", this network has " + spelling(actual.scheme.replace("SEMI_IMPLICIT_EULER", "EULER")));
            }
            if (built && out.isEmpty() && neuronFingerprint != actual.neuronFingerprint)
            {
                // Format 7 on: in which populations (it named none).
                final List<String> in = differing(populationNeuronFingerprints, actual.populationNeuronFingerprints);
                out.add("other neuron models or parameters (a, b, c, d; a 2007 population's C, k, vr, vt, vpeak, " +
                    "steps_per_ms, cell rules)" + (in.isEmpty() ? "" : " in " + String.join(", ", in)) + " than this network");
            }
            if (built && out.isEmpty() && synapseFingerprint != actual.synapseFingerprint &&
                sourceFingerprints != null && actual.sourceFingerprints != null)
            {
                // Format 7 on: which source populations' synapses differ (it named none: "sources, targets, delays
                // or weights, or ... stp" of the whole network).
                final List<String> from = differing(sourceFingerprints, actual.sourceFingerprints);
                if (!from.isEmpty())
                {
                    out.add("other synapses from " + String.join(", ", from) + " (their targets, delays or weights) " +
                        "than this network");
                }
                else
                {
                    // The synapses of projections with a synapse model or stp, kept by the receptor stage.
                    out.add("other synapses with a synapse model or stp, or fixed beside plastic ones of their source " +
                        "population (their targets, delays or weights, or the model's or stp's constants) than this " +
                        "network");
                }
            }
            if (built && out.isEmpty() && synapseFingerprint != actual.synapseFingerprint)
            {
                // The synapse model, its receptors' constants and STP are in the fingerprint too: a change of STP's U
                // was refused naming only sources, targets, delays and weights.
                out.add("other synapses (sources, targets, delays or weights, or a projection's synapse model, " +
                    "receptor constants or stp) than this network");
            }
            if (out.isEmpty() && plasticity != null && actual.plasticity != null)
            {
                // A file of format 3 or 4 has no terms (null): the state goes on under the rule given, as before.
                out.addAll(plasticityDifferences(plasticity, actual.plasticity));
            }
            return out;
        }

        /**
         * The quoted names of the populations whose fingerprints in {@code mine} and {@code theirs} differ (per
         * population, as format 7 on records them); none when either is not recorded.
         */
        private List<String> differing(final long[] mine, final long[] theirs)
        {
            final List<String> names = new ArrayList<>();
            for (int p = 0; mine != null && theirs != null && p < Math.min(mine.length, theirs.length); p++)
            {
                if (mine[p] != theirs[p])
                {
                    names.add("'" + populationNames.get(p) + "'");
                }
            }
            return names;
        }

        /** Whether {@code terms} (a header's) name the rule's kind, as every run's do ("rule spnet2006"). */
        static boolean namesRule(final List<String> terms)
        {
            final String rule = byKey(terms).get("rule");
            return rule != null && !rule.isEmpty();
        }

        /** "plasticity w_max 10, this network has w_max 8" for each term that differs; the rule's kind alone if it does. */
        private static List<String> plasticityDifferences(final List<String> saved, final List<String> actual)
        {
            final java.util.Map<String, String> was = byKey(saved);
            final java.util.Map<String, String> is = byKey(actual);
            final List<String> out = new ArrayList<>();
            if (!java.util.Objects.equals(was.get("rule"), is.get("rule")))
            {
                out.add("plasticity rule " + was.get("rule") + ", this network has rule " + is.get("rule"));
                return out;
            }
            final java.util.Set<String> keys = new java.util.LinkedHashSet<>(was.keySet());
            keys.addAll(is.keySet());
            for (final String key : keys)
            {
                if (was.get(key) == null && "stdp".equals(is.get("rule")) &&
                    (key.equals("decay_plus") || key.equals("decay_minus")))
                {
                    // A checkpoint of a build before 2026-12-06 names pair STDP's factors by their taus alone.
                    continue;
                }
                if (!java.util.Objects.equals(was.get(key), is.get(key)))
                {
                    out.add("plasticity " + term(key, was.get(key)) + ", this network has " + term(key, is.get(key)) +
                        lastDigitHint(key, was.get(key), is.get(key)));
                }
            }
            return out;
        }

        /**
         * spnet2006's factors from tau_plus_ms / tau_minus_ms, exp(-1/tau), were Math.exp's until 2026-12-06 and are
         * StrictMath's since (the same bits on every machine): a checkpoint made before with some taus (22 ms, say)
         * differs in the last digit and was refused naming a key the config did not have. The refusal stays (the run
         * would go on with another factor) and says how to resume it exactly.
         */
        private static String lastDigitHint(final String key, final String saved, final String now)
        {
            if (!key.equals("decay_plus") && !key.equals("decay_minus") || saved == null || now == null)
            {
                return "";
            }
            try
            {
                final double a = Double.parseDouble(saved);
                final double b = Double.parseDouble(now);
                if (Math.abs(a - b) > 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b))))
                {
                    return "";
                }
            }
            catch (final NumberFormatException notANumber)
            {
                return "";
            }
            return " (in the last digit: a checkpoint of a build before 2026-12-06, which computed exp(-1/tau) otherwise; " +
                "to resume it, write " + key + ": " + saved + " in the config instead of its tau)";
        }

        private static String term(final String key, final String value)
        {
            return value == null ? "no " + key : key + " " + value;
        }

        private static java.util.Map<String, String> byKey(final List<String> terms)
        {
            final java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
            for (final String term : terms)
            {
                final int space = term.lastIndexOf(' ');
                map.put(space < 0 ? term : term.substring(0, space), space < 0 ? "" : term.substring(space + 1));
            }
            return map;
        }

        /** An enum's name as the config file spells it: HALFSTEP is halfstep, DELAY_ROWS delay_rows. */
        private static String spelling(final String name)
        {
            return name.toLowerCase(Locale.ROOT);
        }

        private static String populations(final List<String> names, final int[] sizes)
        {
            final StringBuilder text = new StringBuilder();
            for (int p = 0; p < sizes.length; p++)
            {
                text.append(p == 0 ? "" : ", ").append(names.get(p)).append(' ').append(sizes[p]);
            }
            return text.toString();
        }
    }

    /**
     * The network's neuron fingerprint with its spike source populations mixed in: a source (a = b = d = 0, c = -65)
     * has the parameters of a possible 2003 neuron, and a checkpoint of one resumed into the other without a word.
     * Unchanged for networks without sources, so their earlier checkpoints still resume.
     */
    static long withModels(final long fingerprint, final long[] models)
    {
        long h = fingerprint;
        for (int p = 0; p < models.length; p++)
        {
            if (models[p] != 0)
            {
                h = CounterRandom.mix(h ^ (p + 1L) * CounterRandom.GOLDEN_GAMMA + models[p]);
            }
        }
        return h;
    }

    /** Each population's fingerprint with its model mixed in when it is a spike source population. */
    static long[] withModels(final long[] fingerprints, final long[] models)
    {
        final long[] mixed = fingerprints.clone();
        for (int p = 0; p < mixed.length; p++)
        {
            if (models[p] != 0)
            {
                mixed[p] = CounterRandom.mix(mixed[p] ^ models[p] * CounterRandom.GOLDEN_GAMMA);
            }
        }
        return mixed;
    }

    /** Hash of a, b, c, d of every neuron in id order. */
    static long neuronFingerprint(final NeuronArrays state)
    {
        return neuronFingerprint(state.size(), state.a, state.b, state.c, state.d);
    }

    /** As {@link #neuronFingerprint(NeuronArrays)}, of the first {@code n} entries of the parameter arrays. */
    /** {@link #neuronFingerprint(int, float[], float[], float[], float[])} of each population's neurons alone. */
    static long[] neuronFingerprints(final List<PopulationRange> populations, final float[] a, final float[] b,
        final float[] c, final float[] d)
    {
        final long[] fingerprints = new long[populations.size()];
        for (int p = 0; p < fingerprints.length; p++)
        {
            fingerprints[p] = neuronFingerprint(populations.get(p).first(), populations.get(p).end(), a, b, c, d);
        }
        return fingerprints;
    }

    static long neuronFingerprint(final int n, final float[] a, final float[] b, final float[] c, final float[] d)
    {
        return neuronFingerprint(0, n, a, b, c, d);
    }

    /** The neurons {@code first .. end - 1}'s: their count, then each one's a, b, c, d. */
    private static long neuronFingerprint(final int first, final int end, final float[] a, final float[] b,
        final float[] c, final float[] d)
    {
        long h = end - first;
        for (int i = first; i < end; i++)
        {
            h = CounterRandom.mix(h ^ pair(a[i], b[i]));
            h = CounterRandom.mix(h ^ pair(c[i], d[i]) + CounterRandom.GOLDEN_GAMMA);
        }
        return h;
    }

    /**
     * Sum over the synapses of a hash of (source, delay, global target, weight): a sum, so that it does not
     * depend on the order of the blocks, which the thread count decides.
     */
    static long synapseFingerprint(final SynapseMatrix matrix)
    {
        return synapseFingerprint(matrix, null);
    }

    /** As {@link #synapseFingerprint(SynapseMatrix)}, hashing the weights of {@code plastic}'s synapses as 0. */
    static long synapseFingerprint(final SynapseMatrix matrix, final PlasticSynapses plastic)
    {
        return synapseFingerprint(synapseSum(matrix, plastic), matrix.synapseCount());
    }

    /**
     * The fingerprint of synapses whose {@link #synapseSum}s add up to {@code sum} (over the ranks of a
     * partitioned run, which each hold a part of every matrix), {@code count} of them.
     */
    static long synapseFingerprint(final long sum, final long count)
    {
        return CounterRandom.mix(sum ^ count);
    }

    /**
     * Per source population: the {@link #synapseSum} of the matrix's synapses from its neurons and their count, as
     * {sum of population 0, ..., count of population 0, ...}; added over the ranks of a partitioned run.
     */
    static long[] synapseSumsBySource(final SynapseMatrix matrix, final PlasticSynapses plastic,
        final List<PopulationRange> populations)
    {
        final int count = populations.size();
        final long[] sums = new long[2 * count];
        final TargetPartition partition = matrix.partition();
        for (int block = 0; block < partition.blocks(); block++)
        {
            final int[] rowStart = matrix.rowStart(block);
            final char[] targets = matrix.targets(block);
            final float[] weights = matrix.weights(block);
            final long base = partition.blockStart(block);
            final long firstRow = (long)matrix.firstSource(block) * matrix.maxDelay();
            int population = 0;
            for (int row = 0; row < rowStart.length - 1; row++)
            {
                final int source = matrix.firstSource(block) + row / matrix.maxDelay();
                while (population < count - 1 && source >= populations.get(population).end())
                {
                    population++;
                }
                final long rowKey = CounterRandom.mix((firstRow + row + 1L) * CounterRandom.GOLDEN_GAMMA);
                final boolean learns = plastic != null && plastic.isPlasticSource(source);
                for (int j = rowStart[row]; j < rowStart[row + 1]; j++)
                {
                    sums[population] += CounterRandom.mix(rowKey ^ ((base + targets[j]) << 32 |
                        (learns ? 0 : Float.floatToRawIntBits(weights[j]) & 0xFFFF_FFFFL)));
                }
                sums[count + population] += rowStart[row + 1] - rowStart[row];
            }
        }
        return sums;
    }

    /** The fingerprint of each source population's synapses from {@link #synapseSumsBySource}'s sums and counts. */
    static long[] sourceFingerprints(final long[] sumsAndCounts)
    {
        final int count = sumsAndCounts.length / 2;
        final long[] fingerprints = new long[count];
        for (int p = 0; p < count; p++)
        {
            fingerprints[p] = synapseFingerprint(sumsAndCounts[p], sumsAndCounts[count + p]);
        }
        return fingerprints;
    }

    /** The sum that {@link #synapseFingerprint(SynapseMatrix, PlasticSynapses)} hashes with the synapse count. */
    static long synapseSum(final SynapseMatrix matrix, final PlasticSynapses plastic)
    {
        // Every source as one population: the populations' sums added.
        return synapseSumsBySource(matrix, plastic, List.of(new PopulationRange("all", 0, Integer.MAX_VALUE)))[0];
    }

    private static long pair(final float high, final float low)
    {
        return (long)Float.floatToRawIntBits(high) << 32 | Float.floatToRawIntBits(low) & 0xFFFF_FFFFL;
    }

    /**
     * Writes the network's state to {@code file} atomically: a temporary file in the same folder, flushed to
     * disk, then renamed over the target. Refuses a target that exists and is not a checkpoint.
     *
     * @throws InputException if the target is not a checkpoint or cannot be written.
     */
    static void write(final Network network, final Path file)
    {
        write(file, out -> write(network, out));
    }

    /** What {@link #write(Path, Body)} writes into the temporary file. */
    @FunctionalInterface
    interface Body
    {
        void writeTo(OutputStream out) throws IOException;
    }

    /** As {@link #write(Network, Path)}, the bytes that {@code body} writes. */
    static void write(final Path file, final Body body)
    {
        final String who = "cannot save the state to " + file;
        requireReplaceable(file, who);
        final Path folder = file.toAbsolutePath().getParent();
        Path temporary = null;
        AtExit.Entry registered = null;
        // The folders it makes, by AtExit.create under the exit's lock: made here before it, a claim's folders that a
        // double Ctrl-C's exit had deleted were made again and left empty.
        final List<Path> created = missingFolders(folder);
        try
        {
            // Not createTempFile: its owner-only permissions would carry over to the checkpoint.
            if (created.isEmpty())
            {
                sweepDeadPartials(folder, file.getFileName().toString());
            }
            // A second Ctrl-C ends the JVM by System.exit, which skips the finally below: the exit deletes it then.
            registered = AtExit.create(partialFile(folder, file), file, created);
            temporary = registered.partial();
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE))
            {
                body.writeTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            // Again just before the rename: a file put at FILE while the state was written was replaced.
            requireReplaceable(file, who);
            AtExit.move(registered, temporary, file);
            temporary = null;
            syncFolder(folder);
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot write checkpoint " + file + ": " + reason(ex));
        }
        finally
        {
            // Deleted, then deregistered, under the exit's lock: deregistered first, an exit between the two left the
            // temporary file (once in a tester's 160 double Ctrl-Cs).
            synchronized (AtExit.LOCK)
            {
                if (temporary != null)
                {
                    try
                    {
                        Files.deleteIfExists(temporary);
                    }
                    catch (final IOException ignored)
                    {
                        // The failure being reported matters more than a leftover temporary file.
                    }
                    deleteEmptyFolders(created);
                }
                AtExit.deregister(registered);
            }
        }
    }

    /**
     * The partial files of this process (claims, temporary files being written) and the folders its claims created,
     * removed when the JVM exits before their owner could (a second Ctrl-C exits through {@link System#exit}, which
     * runs no finally block and no close: it left hidden empty {@code .FILE.PID-...partial} files, and a temporary
     * file of the save it cut short). A save cut short says so.
     */
    static final class AtExit
    {
        /** A partial file, the checkpoint it is for ({@code target}: a save; null: a claim), folders to remove. */
        record Entry(Path partial, Path target, List<Path> createdFolders)
        {
        }

        private static final java.util.Set<Entry> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private static final Object LOCK = new Object();
        /** Folders made by claims closed while not empty, for the exit to delete if they are empty by then. */
        static final java.util.Set<List<Path>> FOLDERS = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private static boolean exiting;
        private static boolean hooked;

        private AtExit()
        {
        }

        /**
         * Creates {@code partial} and registers it, as one step under the exit's lock, never once the exit has begun:
         * a save or claim that created its file after the exit's deletions (a second Ctrl-C while the run went on to
         * its next save) left a whole-size {@code .FILE.PID-...partial} and no word, in 4 of a tester's 55 tries.
         *
         * @throws IOException when the process is exiting, or the file cannot be created.
         */
        static Entry create(final Path partial, final Path target, final List<Path> createdFolders) throws IOException
        {
            synchronized (LOCK)
            {
                hookOnce();
                if (exiting)
                {
                    throw new IOException("the process is exiting");
                }
                // The folders too, under the lock: made before it, a second Ctrl-C between them and the registration
                // left them empty (11 of a tester's 90 tries with --save-state ck/a/b/s.ckpt).
                Files.createDirectories(partial.getParent());
                Files.createFile(partial);
                return register(partial, target, createdFolders);
            }
        }

        /**
         * Installs the exit's clean-up once; the JVM already exiting (its first save or claim came after a signal),
         * nothing more is created: a hook refused then left that save's file behind.
         */
        private static void hookOnce()
        {
            if (hooked)
            {
                return;
            }
            hooked = true;
            try
            {
                Runtime.getRuntime().addShutdownHook(new Thread(AtExit::atExit, "izhsim-checkpoint-cleanup"));
            }
            catch (final IllegalStateException shuttingDown)
            {
                exiting = true;
            }
        }

        /** Tests: the exit begun (or not) without its deletions and lines. */
        static void exiting(final boolean begun)
        {
            synchronized (LOCK)
            {
                exiting = begun;
            }
        }

        /** Under {@link #create}: the exit's hook in place, the partial file made. */
        private static Entry register(final Path partial, final Path target, final List<Path> createdFolders)
        {
            synchronized (LOCK)
            {
                final Entry entry = new Entry(partial, target, createdFolders);
                OPEN.add(entry);
                return entry;
            }
        }

        static void deregister(final Entry entry)
        {
            if (entry != null)
            {
                OPEN.remove(entry);
            }
        }

        /**
         * The save's rename, never once the exit has begun (which deleted the temporary file, and said that the state
         * was not saved): the one or the other.
         */
        static void move(final Entry entry, final Path temporary, final Path file) throws IOException
        {
            synchronized (LOCK)
            {
                if (exiting)
                {
                    throw new IOException("the process is exiting");
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                OPEN.remove(entry);
            }
        }

        private static void atExit()
        {
            synchronized (LOCK)
            {
                exiting = true;
                for (final Entry entry : OPEN)
                {
                    try
                    {
                        Files.deleteIfExists(entry.partial());
                    }
                    catch (final IOException ex)
                    {
                        // swept by the next save to this file once this process is gone
                    }
                    if (entry.target() != null)
                    {
                        System.err.println("sim: stopped while the state was being saved; it was not saved: " +
                            entry.target() + (Files.exists(entry.target()) ? " keeps the state saved before" :
                            " was not written"));
                        System.err.flush();
                    }
                }
                // The folders once every partial file is gone: a claim's folders, reached while the save's partial
                // file was still in them, were kept, and left empty once it went (12 of a tester's 60 tries).
                for (final Entry entry : OPEN)
                {
                    deleteEmptyFolders(entry.createdFolders());
                }
                for (final List<Path> folders : FOLDERS)
                {
                    deleteEmptyFolders(folders);
                }
                OPEN.clear();
            }
        }
    }

    /** Deletes {@code folders} in order (deepest first) while each is empty; stops at the first that is not. */
    private static void deleteEmptyFolders(final List<Path> folders)
    {
        for (final Path folder : folders)
        {
            try
            {
                Files.delete(folder);
            }
            catch (final NoSuchFileException ex)
            {
                // not made (a creation that failed below it) or already gone: on to its parent
            }
            catch (final IOException | RuntimeException ex)
            {
                return; // not empty (the checkpoint, another file): kept, and so are the folders above it
            }
        }
    }

    /** The folders above {@code folder}, itself first, that do not exist: those createDirectories would make. */
    private static List<Path> missingFolders(final Path folder)
    {
        final List<Path> missing = new ArrayList<>();
        for (Path f = folder; f != null && !Files.exists(f, LinkOption.NOFOLLOW_LINKS); f = f.getParent())
        {
            missing.add(f);
        }
        return missing;
    }

    /**
     * A run's claim on its checkpoint file: an empty partial file of this process beside it for the run's whole
     * length, so that a second run saving to the same file is refused at its start (two runs saving to one file at
     * once each replaced the other's state, and the later one's alone was left, without a word). A claim left by a
     * killed process is swept as its partial files are.
     */
    static final class Claim implements Network.StateClaim
    {
        private final AtExit.Entry entry;

        private Claim(final AtExit.Entry entry)
        {
            this.entry = entry;
        }

        /**
         * Deletes the claim; and the folders the claim created for the checkpoint if none was saved in them (a run
         * refused after its claim left {@code --save-state new1/new2/s.ckpt}'s empty folders behind).
         */
        @Override
        public void close()
        {
            // Under the exit's lock, registered until done: deregistered first, an exit that began meanwhile (a second
            // Ctrl-C) did not wait for the deletion, and the JVM halted with the claim's folders left.
            synchronized (AtExit.LOCK)
            {
                try
                {
                    Files.deleteIfExists(entry.partial());
                }
                catch (final IOException ex)
                {
                    // a leftover empty partial file, swept by the next save once this process is gone
                }
                deleteEmptyFolders(entry.createdFolders());
                if (!entry.createdFolders().isEmpty() && Files.exists(entry.createdFolders().get(0)))
                {
                    // Not empty yet (a save's partial file, its checkpoint): the exit tries again, after deleting any
                    // partial file (closed while the stop's save was under way, a double Ctrl-C left ck/a/b empty).
                    AtExit.FOLDERS.add(entry.createdFolders());
                }
                AtExit.deregister(entry);
            }
        }
    }

    /**
     * Claims {@code file} for this run (see {@link Claim}).
     *
     * @throws InputException naming the other run's partial file when another live process, here or on another host,
     *                        has a partial file of {@code file} (its claim, or a save in progress).
     */
    static Claim claim(final Path file)
    {
        return claim(file, "cannot save the state to " + file);
    }

    /** As {@link #claim(Path)}; its refusals begin with {@code who} (the option and the file) and a colon. */
    static Claim claim(final Path file, final String who)
    {
        final Path folder = file.toAbsolutePath().normalize().getParent();
        final String name = file.getFileName().toString();
        final List<Path> created = missingFolders(folder);
        final Claim mine;
        try
        {
            // A new folder holds no dead process's partial file; AtExit.create makes the missing folders.
            if (created.isEmpty())
            {
                sweepDeadPartials(folder, name);
            }
            final Path partial = partialFile(folder, file);
            mine = new Claim(AtExit.create(partial, null, created));
        }
        catch (final IOException ex)
        {
            deleteEmptyFolders(created);
            throw new InputException(who + ": " + reason(ex));
        }
        // After creating its own: of two runs that start at once, each sees the other's (both are refused).
        final ProcessOwner me = ProcessOwner.thisProcess();
        try
        {
            for (final Partial other : partials(folder, name))
            {
                final boolean ours = other.pid() == me.pid() && other.tag().equals(me.tag());
                if (!ours && !ProcessOwner.certainlyDead(other.tag(), other.pid()))
                {
                    throw new InputException(who + ": another run (process " +
                        other.pid() + ") saves its state there now (" + other.file().getFileName() + "); give this " +
                        "run another --save-state, or delete that file if no such run is running");
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            mine.close();
            throw ex instanceof InputException ? (InputException)ex :
                new InputException(who + ": " + ex.getMessage());
        }
        return mine;
    }

    private static Pattern partialPattern(final String name)
    {
        return Pattern.compile("\\." + Pattern.quote(partialStem(name)) +
            "\\.([0-9]{1,18})-[0-9]{1,19}-([0-9a-f]{16})\\.partial");
    }

    /**
     * The checkpoint's name as its partial files begin: shortened with a hash when the partial name would pass the
     * 255 bytes a file name may have (a checkpoint named with 210 characters was refused with "File name too long",
     * for its partial file's name).
     */
    static String partialStem(final String name)
    {
        return org.izhsim.core.FileNames.fitted(name,
            255 - ".".length() - ".-".length() - 19 - 20 - 16 - ".partial".length());
    }

    /** Deletes the temporary files of checkpoints to {@code name} whose writer is certainly gone. Housekeeping only. */
    private static void sweepDeadPartials(final Path folder, final String name)
    {
        try
        {
            for (final Partial partial : partials(folder, name))
            {
                if (Files.isRegularFile(partial.file(), LinkOption.NOFOLLOW_LINKS) &&
                    ProcessOwner.certainlyDead(partial.tag(), partial.pid()))
                {
                    Files.deleteIfExists(partial.file());
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // left for a later checkpoint; writing this one reports what matters
        }
    }

    /** A partial file of checkpoints to one name ({@link #partialFile}): its writer's pid and host-and-boot tag. */
    private record Partial(Path file, long pid, String tag)
    {
    }

    /** The partial files in {@code folder} of checkpoints to {@code name}. */
    private static List<Partial> partials(final Path folder, final String name) throws IOException
    {
        final Pattern pattern = partialPattern(name);
        final List<Partial> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder))
        {
            for (final Path entry : entries)
            {
                final Matcher m = pattern.matcher(entry.getFileName().toString());
                if (m.matches())
                {
                    found.add(new Partial(entry, Long.parseLong(m.group(1)), m.group(2)));
                }
            }
        }
        return found;
    }

    /**
     * Refuses a target that a checkpoint must not replace: a folder, or a file that is not one of ours.
     *
     * @throws InputException naming the file.
     */
    static void requireReplaceable(final Path file)
    {
        requireReplaceable(file, "cannot save the state to " + file);
    }

    /** As {@link #requireReplaceable(Path)}; its refusals begin with {@code who} (the option and the file) and a colon. */
    static void requireReplaceable(final Path file, final String who)
    {
        if (file.toString().isEmpty())
        {
            // The working folder to the file system: "cannot save the state to : it is a folder".
            throw new InputException(who.replaceFirst(" $", " ''") + ": give the checkpoint file's name");
        }
        if (Files.isSymbolicLink(file))
        {
            // The rename over it would replace the link by a file here, and leave the file it names unchanged.
            // Where it leads, said: the line named the link alone.
            throw new InputException(who + ": it is a symbolic link" + org.izhsim.core.FileNames.linkTarget(file) +
                ", which the save " +
                "would replace by a file (the file it names would keep the old state): name that file itself");
        }
        if (Files.isDirectory(file))
        {
            throw new InputException(who + ": it is a folder");
        }
        if (!Files.exists(file))
        {
            return;
        }
        final String notFile = org.izhsim.core.InputFile.problem(file);
        if (notFile != null && !Files.isRegularFile(file))
        {
            // A device, pipe or socket by its kind, with no advice to remove it (/dev/null was "not an izhsim
            // checkpoint ... choose another name or remove it").
            // The kind alone: a pipe's advice is a reader's ("save its contents to a file").
            final int kind = notFile.indexOf("regular file");
            throw new InputException(who + ": it " + (kind > 0 ? notFile.substring(0, kind + 12) : notFile) +
                ": name a file");
        }
        final boolean checkpoint;
        try
        {
            checkpoint = hasMagic(file);
        }
        catch (final IOException ex)
        {
            // Not "the file exists and is not an izhsim checkpoint": what it is is not known.
            throw new InputException(who + ": the file exists and cannot be read (" + reason(ex) + "), so it " +
                "is not known to be an izhsim checkpoint and is left alone (choose another name, or make it readable)");
        }
        if (!checkpoint)
        {
            throw new InputException(who + ": the file exists and is not an izhsim " +
                "checkpoint, so it is left alone (choose another name or remove it)");
        }
        if (readOnly(file))
        {
            // The rename replaced it anyway, and the new file had the folder's usual permissions.
            throw new InputException(who + ": it is read-only, and a save would replace it and drop that protection " +
                "(make it writable, chmod u+w, or choose another name)");
        }
    }

    /**
     * Write-protected by its owner (chmod 444, a-w, u-w). Not another user's file that only its owner may write (644):
     * the rename needs the folder's permission, not the file's; a sticky folder's rule is {@link #requireWritable}'s.
     */
    private static boolean readOnly(final Path file)
    {
        try
        {
            return !Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            // not a POSIX file system (its read-only attribute is what isWritable sees)
            return !Files.isWritable(file);
        }
    }

    /** The uid of this process, as the owner of a file it has just created; a test may stand in another user. */
    static volatile java.util.function.ToIntFunction<Path> ownerOfNewFile = Checkpoint::uid;

    /** A file's {@code unix:uid}, -1 where the file system does not give it. */
    private static int uid(final Path file)
    {
        try
        {
            return (Integer)Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    /** The longest file name most file systems take, in bytes (NAME_MAX). */
    private static final int MAX_FILE_NAME_BYTES = 255;

    /**
     * Before a run: the checkpoint's folder, or the nearest existing folder above it (the save creates the rest),
     * takes a new file, so that a long run cannot end in a refused save. A probe named as the save's own partial
     * files is created there and deleted at once. The checkpoint's own name must fit a file name, and an existing
     * checkpoint be one this process may rename over.
     */
    static void requireWritable(final Path file)
    {
        requireWritable(file, "cannot save the state to " + file);
    }

    /** As {@link #requireWritable(Path)}; its refusals begin with {@code who} (the option and the file) and a colon. */
    static void requireWritable(final Path file, final String who)
    {
        final int nameBytes = file.getFileName() == null ? 0 :
            file.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes > MAX_FILE_NAME_BYTES)
        {
            // Its partial files have shortened names: the rename onto it failed, "File name too long", after the run.
            throw new InputException(who + ": its name is " + nameBytes + " bytes long, more than the " +
                MAX_FILE_NAME_BYTES + " a file name may have");
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        while (folder != null && !Files.exists(folder))
        {
            folder = folder.getParent();
        }
        if (folder == null)
        {
            return;
        }
        if (!Files.isDirectory(folder))
        {
            throw new InputException(who + ": " + folder + " is a file, not a folder");
        }
        final Path probe = partialFile(folder, file);
        final int me;
        try
        {
            Files.createFile(probe);
            try
            {
                me = ownerOfNewFile.applyAsInt(probe);
            }
            finally
            {
                Files.delete(probe);
            }
        }
        catch (final IOException ex)
        {
            // The probe's own name (.s.ckpt.11734-...partial) is this program's business, not the user's.
            throw new InputException(who + ": no file can be created in " + folder + " (" + reasonWithoutName(ex) + ")");
        }
        requireRenameAllowed(file, folder, me, who);
    }

    /** The sticky bit of a folder's mode (/tmp's, chmod 1777). */
    private static final int STICKY = 01000;

    /**
     * In a sticky folder (/tmp) only a file's owner, the folder's owner or root may rename over a file: another
     * user's checkpoint there failed with "Operation not permitted", after the run.
     */
    private static void requireRenameAllowed(final Path file, final Path folder, final int me, final String who)
    {
        if (me <= 0 || !Files.exists(file, LinkOption.NOFOLLOW_LINKS) ||
            !folder.equals(file.toAbsolutePath().normalize().getParent()))
        {
            return;
        }
        try
        {
            final int mode = (Integer)Files.getAttribute(folder, "unix:mode");
            final int owner = uid(file);
            if ((mode & STICKY) != 0 && owner >= 0 && owner != me && uid(folder) != me)
            {
                throw new InputException(who + ": the file belongs to another user (" + Files.getOwner(file,
                    LinkOption.NOFOLLOW_LINKS).getName() + ") in a folder where only a file's owner may replace it " +
                    "(its sticky bit, as /tmp's): choose another name");
            }
        }
        catch (final IOException | UnsupportedOperationException | IllegalArgumentException ex)
        {
            // no unix attributes here: the save reports what fails
        }
    }

    /** A new name {@code .FILE.PID-NANOS-OWNER.partial} in {@code folder}: the save's temporary file, or its probe. */
    private static Path partialFile(final Path folder, final Path file)
    {
        final ProcessOwner me = ProcessOwner.thisProcess();
        return folder.resolve("." + partialStem(file.getFileName().toString()) + "." + me.pid() + "-" +
            System.nanoTime() + "-" + me.tag() + ".partial");
    }

    /**
     * True for a regular file that starts with a checkpoint's magic bytes.
     *
     * @throws IOException if it cannot be read (it was called "not a checkpoint").
     */
    static boolean hasMagic(final Path file) throws IOException
    {
        if (!Files.isRegularFile(file))
        {
            return false;
        }
        try (InputStream in = Files.newInputStream(file))
        {
            return Arrays.equals(MAGIC, in.readNBytes(MAGIC.length));
        }
    }

    /** Writes the state; the caller closes the stream. */
    static void write(final Network network, final OutputStream stream) throws IOException
    {
        write(network.checkpointDescription(), image(network), stream);
    }

    /**
     * The state of a network in one process, as a checkpoint holds it: its own arrays where it keeps them whole
     * (no copy), the spikes in flight as lists.
     */
    static Saved image(final Network network)
    {
        final long step = network.currentStep();
        final NeuronArrays state = network.state();
        final PlasticSynapses plastic = network.plasticity();
        final PlasticWeights w = plastic != null ? PlasticWeights.of(network.synapses(), plastic) : null;
        final Dopamine dopamine = plastic != null ? network.dopamine() : null;
        final ReceptorStage receptors = network.receptors();
        return new Saved(step, state.v, state.u, firedBefore(network.spikeRing(), step, network.synapses().maxDelay()),
            network.arrivalRing(), receptors == null ? null : receptors.state().toArray(new float[0][]),
            w == null ? null : w.weights(), w == null ? null : w.derivatives(),
            plastic == null ? null : plastic.ltpHistory(), plastic == null ? null : plastic.ltd(),
            dopamine == null ? null : new Dopamine.State(dopamine.level(), dopamine.lastPre(), dopamine.pending()));
    }

    /**
     * As {@link #bytesAtLeast(Network, long)} from the plan alone, before the network is built: its receptors' state
     * left out (at least, still), the plastic synapses the plan's least count. The matrix is built with the plan's
     * longest delay, so the ring and the traces are counted alike.
     */
    static long bytesAtLeast(final org.izhsim.network.build.NetworkPlan plan)
    {
        final boolean plastic = plan.plasticity() != null;
        return bytesAtLeast(plan.neurons(), plan.maxDelay(), plastic ? plan.plasticSynapsesAtLeast() : -1,
            plastic && plan.plasticity().kind() == org.izhsim.network.build.PlasticityRule.Kind.DASTDP2007,
            plan.delivery() == SpikeDelivery.ARRIVAL_RING ? plan.maxDelay() : 0, -1);
    }

    /**
     * The bytes a checkpoint of {@code network} (in one process) takes at least: all of it but the spikes in flight,
     * whose lists it counts empty, and the header's names and strings, which it counts as none.
     */
    static long bytesAtLeast(final Network network, final long plasticSynapses)
    {
        long receptorFloats = -1;
        if (network.receptors() != null)
        {
            receptorFloats = 0;
            for (final float[] a : network.receptors().state())
            {
                receptorFloats += a.length;
            }
        }
        return bytesAtLeast(network.neurons(), network.synapses().maxDelay(), network.plasticity() != null ?
            plasticSynapses : -1, network.dopamine() != null, network.arrivalRing() != null ?
            network.arrivalRing().length : 0, receptorFloats);
    }

    /**
     * The sections a state of {@code n} neurons and longest delay {@code d} writes at least: the plastic section for
     * {@code plasticSynapses} >= 0, the dopamine's, an arrival ring of {@code ringSlots} slots (0: none) and the
     * receptors' {@code receptorFloats} (-1: no section); the spikes in flight left out.
     */
    private static long bytesAtLeast(final long n, final long d, final long plasticSynapses, final boolean dopamine,
        final long ringSlots, final long receptorFloats)
    {
        final long section = 12;
        // Magic, version, seed, noise seed, the counts and fingerprints of the header, its checksum; the step.
        long bytes = 8 + 4 + 8 + 8 + 4 + 4 + 8 + 4 + 8 + 8 + 4 + 8 + section + 8 * n + section + 4 * d + section + 4;
        if (plasticSynapses >= 0)
        {
            bytes += section + 4 + 8L * plasticSynapses + 4 * n * (d + 2);
        }
        if (dopamine)
        {
            bytes += section + 20;
        }
        if (ringSlots > 0)
        {
            bytes += section + 4 * n * ringSlots;
        }
        if (receptorFloats >= 0)
        {
            bytes += section + 4 * receptorFloats;
        }
        return bytes;
    }

    /** The ring's spikes of steps step - D .. step - 1, each step's as one ascending list. */
    static int[][] firedBefore(final SpikeRing ring, final long step, final int maxDelay)
    {
        final int[][] lists = new int[maxDelay][];
        for (int k = 0; k < maxDelay; k++)
        {
            final int slot = ring.slotOf(step - maxDelay + k);
            final int[] fired = ring.fired(slot);
            final int[] ids = new int[firedCount(ring, slot)];
            int n = 0;
            for (int segment = 0; segment < ring.segments(); segment++)
            {
                final int first = ring.segmentStart(segment);
                final int count = ring.count(slot, segment);
                System.arraycopy(fired, first, ids, n, count);
                n += count;
            }
            lists[k] = ids;
        }
        return lists;
    }

    /**
     * Writes the checkpoint of the network {@code d} describes with state {@code image} (whole-network arrays,
     * at least N entries each; LTP rows may be shorter: the rest is written as 0); the caller closes the stream.
     */
    static void write(final Description d, final Saved image, final OutputStream stream) throws IOException
    {
        final Sink out = new Sink(stream);
        final boolean plastic = image.weights() != null;
        final Dopamine.State dopamine = image.dopamine();
        out.bytes(MAGIC);
        out.putInt(dopamine != null ? DOPAMINE_NOISE_FORMAT_VERSION : plastic ? PLASTIC_NOISE_FORMAT_VERSION :
            NOISE_FORMAT_VERSION);
        out.putLong(d.seed());
        // A description always has one when written (of a network, planned or built); null only as read from old files.
        out.putLong(java.util.Objects.requireNonNull(d.noiseSeed(), "noise seed"));
        out.putInt(d.neurons());
        out.putInt(d.populationSizes().length);
        for (int p = 0; p < d.populationSizes().length; p++)
        {
            out.putString(d.populationNames().get(p));
            out.putInt(d.populationSizes()[p]);
        }
        out.putLong(d.synapses());
        out.putInt(d.maxDelay());
        out.putString(d.delivery());
        out.putString(d.scheme());
        out.putLong(d.neuronFingerprint());
        out.putLong(d.synapseFingerprint());
        final long[] bySource = java.util.Objects.requireNonNull(d.sourceFingerprints(), "source fingerprints");
        final long[] byPopulation = java.util.Objects.requireNonNull(d.populationNeuronFingerprints(),
            "population fingerprints");
        out.putInt(bySource.length);
        for (final long fingerprint : bySource)
        {
            out.putLong(fingerprint);
        }
        for (final long fingerprint : byPopulation)
        {
            out.putLong(fingerprint);
        }
        if (plastic)
        {
            out.putString(String.join("\n", d.plasticity()));
        }
        out.putInt(out.crc());

        final int n = d.neurons();
        out.putLong(image.step());

        out.putInt(NEURONS);
        out.putLong(8L * n);
        out.putFloats(image.v(), 0, n);
        out.putFloats(image.u(), 0, n);

        long spikeBytes = 0;
        for (final int[] ids : image.firedBefore())
        {
            spikeBytes += 4 + 4L * ids.length;
        }
        out.putInt(SPIKES);
        out.putLong(spikeBytes);
        for (final int[] ids : image.firedBefore())
        {
            out.putInt(ids.length);
            for (final int id : ids)
            {
                out.putInt(id);
            }
        }

        if (plastic)
        {
            final int count = image.weights().length;
            final float[][] ltp = image.ltp();
            out.putInt(PLASTIC);
            out.putLong(4 + 8L * count + 4L * n * (ltp.length + 1));
            out.putInt(count);
            out.putFloats(image.weights(), 0, count);
            out.putFloats(image.derivatives(), 0, count);
            // N floats per slot whatever the engine keeps (the format of version 3); a neuron after the last
            // plastic source has no LTP that is read, written as 0.
            final float[] none = new float[n - ltp[0].length];
            for (final float[] slot : ltp)
            {
                out.putFloats(slot, 0, slot.length);
                out.putFloats(none, 0, none.length);
            }
            out.putFloats(image.ltd(), 0, n);
        }
        if (dopamine != null)
        {
            final long[] pending = dopamine.pending();
            out.putInt(DOPAMINE);
            out.putLong(8 + 8 + 4 + 8L * pending.length);
            out.putLong(Double.doubleToRawLongBits(dopamine.level()));
            out.putLong(dopamine.lastPre());
            out.putInt(pending.length);
            for (final long due : pending)
            {
                out.putLong(due);
            }
        }
        final float[][] arrivals = image.arrivals();
        if (arrivals != null)
        {
            out.putInt(ARRIVALS);
            out.putLong(4L * n * arrivals.length);
            for (final float[] buffer : arrivals)
            {
                out.putFloats(buffer, 0, n);
            }
        }
        if (image.receptors() != null)
        {
            long bytes = 0;
            for (final float[] a : image.receptors())
            {
                bytes += 4L * a.length;
            }
            out.putInt(RECEPTORS);
            out.putLong(bytes);
            for (final float[] a : image.receptors())
            {
                out.putFloats(a, 0, a.length);
            }
        }
        out.putInt(END);
        out.putLong(0);
        out.putInt(out.crc());
        out.flush();
    }

    private static int firedCount(final SpikeRing ring, final int slot)
    {
        int count = 0;
        for (int segment = 0; segment < ring.segments(); segment++)
        {
            count += ring.count(slot, segment);
        }
        return count;
    }

    /**
     * Replaces the network's state with the one saved in {@code file}. Nothing changes unless the whole file
     * is read and found intact and made for this network.
     *
     * @throws InputException if the file is missing, not a checkpoint, damaged, or made for another network.
     */
    static void read(final Network network, final Path file)
    {
        // A run killed (kill -9) while saving to this file left its partial file, which only a later save to the same
        // name removed; a resume from it does too (a dead process's own, named with this host's boot tag).
        Path saved = file.toAbsolutePath().normalize();
        try
        {
            // Through a symbolic link: the saves wrote beside the file it names.
            saved = file.toRealPath();
        }
        catch (final IOException | SecurityException missing)
        {
            // read() below names the problem
        }
        if (saved.getParent() != null && saved.getFileName() != null)
        {
            sweepDeadPartials(saved.getParent(), saved.getFileName().toString());
        }
        try (SeekableByteChannel channel = open(file))
        {
            read(network, source(channel), file.toString(), Part.whole(network));
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot read checkpoint " + file + ": " + reason(ex));
        }
    }

    /**
     * Checks the header of {@code file} against the network {@code plan} will build, before it is built (a bad
     * file was refused after minutes of building): that it is a readable checkpoint of a format this network can
     * resume, intact, of the same seed, populations, longest delay, delivery, integration and plasticity rule. The
     * synapses' count and fingerprints and the state are checked by {@link #read(Network, Path)}, after the build.
     * The refusals are {@code read}'s, word for word.
     *
     * @throws InputException if {@link #read(Network, Path)} would refuse the file for its header.
     */
    static Network.StateHeader checkHeader(final Path file, final NetworkPlan plan)
    {
        final Expected expected = new Expected(Description.planned(plan), !plan.receptors().isEmpty(),
            plan.plasticity() != null, plan.plasticity() != null && plan.plasticity().reward() != null, false);
        try (SeekableByteChannel channel = open(file))
        {
            final Source source = source(channel);
            final Long noiseSeed = readHeader(source, file.toString(), expected).found().noiseSeed();
            // The step the state was saved at follows the header; its range is checked with the state.
            final long step = source.getLong();
            return new Network.StateHeader(
                noiseSeed == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(noiseSeed), step);
        }
        catch (final EOFException ex)
        {
            throw truncated(file.toString());
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot read checkpoint " + file + ": " + reason(ex));
        }
    }

    private static SeekableByteChannel open(final Path file) throws IOException
    {
        final String unreadable = InputFile.refusal(file);
        if (unreadable != null)
        {
            throw new InputException("cannot resume from " + unreadable);
        }
        return Files.newByteChannel(file);
    }

    /**
     * A reader of the file open in {@code channel} from its start, which knows the file's length and whether it ends
     * as a whole checkpoint does: the bounds of the counts it holds ({@link Source#requireRoom}).
     */
    private static Source source(final SeekableByteChannel channel) throws IOException
    {
        // /proc files say 0 bytes and hold more: a length of 0 is not known (an empty file is found by its magic).
        final long length = channel.size();
        boolean whole = false;
        if (length >= 16)
        {
            final ByteBuffer tail = ByteBuffer.allocate(16);
            channel.position(length - 16);
            while (tail.hasRemaining() && channel.read(tail) >= 0)
            {
                // until the 16 bytes are read, or the file turns out shorter
            }
            whole = !tail.hasRemaining() && endsWhole(tail.array());
            channel.position(0);
        }
        return new Source(Channels.newInputStream(channel), length > 0 ? length : -1, whole);
    }

    /** Whether {@code tail}, a file's last 16 bytes, ends it as a checkpoint ends: an empty "END " section, a CRC. */
    private static boolean endsWhole(final byte[] tail)
    {
        final ByteBuffer bytes = ByteBuffer.wrap(tail);
        return tail.length == 16 && bytes.getInt() == END && bytes.getLong() == 0;
    }

    private static InputException truncated(final String name)
    {
        return new InputException("checkpoint " + name + " is truncated: it ends before its checksum");
    }

    /**
     * What a checkpoint's header must agree with: a network's description (or its plan's, {@code built} false) and
     * the state it keeps.
     */
    private record Expected(Description description, boolean receptors, boolean plastic, boolean dopamine,
        boolean built)
    {
        static Expected of(final Network network)
        {
            return new Expected(network.checkpointDescription(), network.receptors() != null,
                network.plasticity() != null, network.dopamine() != null, true);
        }
    }

    /** A header read and found to agree: what the file says of its network, and whether it holds dopamine. */
    private record Header(Description found, boolean dopamineFile, boolean ruleRecorded)
    {
    }

    /**
     * Reads the magic, version and header, and checks them against {@code expected}.
     *
     * @throws EOFException if the stream ends in the header.
     */
    private static Header readHeader(final Source in, final String name, final Expected expected) throws IOException
    {
        final RawHeader raw = readRawHeader(in, name, expected.receptors());
        final List<String> differences = madeFor(raw, expected);
        if (!differences.isEmpty())
        {
            throw new InputException("checkpoint " + name + " was made with " + String.join("; ", differences));
        }
        return new Header(raw.found(), raw.dopamineFile(), raw.ruleRecorded());
    }

    /** A header as read and found intact, before it is compared with a network. */
    private record RawHeader(int version, Description found, boolean plasticFile, boolean dopamineFile,
        boolean ruleRecorded)
    {
    }

    /**
     * Reads the magic, version and header, and checks that they are a checkpoint's, intact; with {@code receptors},
     * refuses a file of version 1, which holds no receptor state.
     *
     * @throws EOFException if the stream ends in the header.
     */
    private static RawHeader readRawHeader(final Source in, final String name, final boolean receptors)
        throws IOException
    {
        return readRawHeader(in, name, readVersion(in, name), receptors);
    }

    /**
     * Reads the magic and returns the format version that follows, whichever it is.
     *
     * @throws InputException if the file is empty or not a checkpoint; EOFException if it ends in the magic.
     */
    private static int readVersion(final Source in, final String name) throws IOException
    {
        final byte[] magic = in.bytesOrFewer(MAGIC.length);
        if (magic.length == 0)
        {
            // "is not an izhsim checkpoint" of an empty file (a copy that failed) pointed away from the cause.
            throw new InputException(name + " is empty (0 bytes), not a checkpoint");
        }
        if (magic.length < MAGIC.length && Arrays.equals(MAGIC, 0, magic.length, magic, 0, magic.length))
        {
            throw truncated(name);
        }
        if (!Arrays.equals(MAGIC, magic))
        {
            throw new InputException(name + " is not an izhsim checkpoint");
        }
        return in.getInt();
    }

    /** As {@link #readRawHeader(Source, String, boolean)}, after the magic and {@code version} were read. */
    private static RawHeader readRawHeader(final Source in, final String name, final int version,
        final boolean receptors) throws IOException
    {
        // Version 1 is version 2 without the receptor section: still read for networks that have none;
        // version 3 is version 2 with the plastic section, version 4 version 3 with the dopamine section;
        // versions 5 and 6 are 3 and 4 with the plasticity rule's terms in the header; 7, 8 and 9 are 2, 5 and 6 with
        // the noise seed.
        if (version < 1)
        {
            // No izhsim writes one: "(a damaged file, or one of an izhsim far later than this)" blamed a later izhsim.
            throw corrupt(name, "its format version is " + version + ", which no izhsim writes (they begin at 1)");
        }
        if (version > LATEST_FORMAT_VERSION)
        {
            throw new InputException("checkpoint " + name + " has format version " + version +
                "; this izhsim reads versions 1 to " + LATEST_FORMAT_VERSION + (version < 1000 ? "" :
                    " (a damaged file, or one of an izhsim far later than this)"));
        }
        if (version == 1 && receptors)
        {
            // "has format version 1; this izhsim reads versions 1 to 6" said that it should have been read.
            throw new InputException("checkpoint " + name + " has format version 1, which cannot hold receptor state " +
                "(conductances, short-term plasticity), and this network has synapses that keep it: it was made for " +
                "another network");
        }
        final boolean noiseRecorded = version >= NOISE_FORMAT_VERSION;
        final boolean ruleRecorded = version == PLASTIC_RULE_FORMAT_VERSION || version == DOPAMINE_RULE_FORMAT_VERSION ||
            version == PLASTIC_NOISE_FORMAT_VERSION || version == DOPAMINE_NOISE_FORMAT_VERSION;
        final boolean dopamineFile = version == DOPAMINE_FORMAT_VERSION || version == DOPAMINE_RULE_FORMAT_VERSION ||
            version == DOPAMINE_NOISE_FORMAT_VERSION;
        final Description found = readDescription(in, name, ruleRecorded, noiseRecorded);
        final int headerCrc = in.crc();
        if (in.getInt() != headerCrc)
        {
            throw corrupt(name, "its header checksum does not match");
        }
        if (ruleRecorded && !Description.namesRule(found.plasticity()))
        {
            // Every run writes "rule <kind>" first among the terms: an empty string was said to be "made with
            // plasticity rule null".
            final String terms = String.join("; ", found.plasticity());
            throw corrupt(name, "its header's plasticity terms name no rule" + (terms.isBlank() ? "" : ": " + terms));
        }
        final boolean plasticFile = version >= PLASTIC_FORMAT_VERSION && version != NOISE_FORMAT_VERSION;
        return new RawHeader(version, found, plasticFile, dopamineFile, ruleRecorded);
    }

    /**
     * How the network a header describes differs from {@code expected}'s ("plastic synapses, this network has none",
     * "seed 1, this network has seed 2", ...); empty if it does not.
     */
    private static List<String> madeFor(final RawHeader raw, final Expected expected)
    {
        if (raw.version() == 1 && expected.receptors())
        {
            return List.of("format version 1, which holds no receptor state, and this network has synapses that keep it");
        }
        if (raw.plasticFile() != expected.plastic())
        {
            return List.of(raw.plasticFile() ? "plastic synapses, this network has none" :
                "fixed synapses, this network has plastic ones");
        }
        if (raw.plasticFile() && raw.dopamineFile() != expected.dopamine())
        {
            return List.of(raw.dopamineFile() ? "dopamine-modulated plasticity, this network's plasticity has no " +
                "dopamine" : "plasticity without dopamine, this network's is dopamine-modulated");
        }
        // After the plasticity: a network whose plasticity was taken out (or added) also has another spike delivery,
        // which said "spike delivery DELAY_ROWS, this network has ARRIVAL_RING" and not why.
        return raw.found().differences(expected.description(), expected.built());
    }

    /**
     * What an existing checkpoint at {@code file} holds, against the network {@code plan} describes: how its network
     * differs (empty: the same, as far as a header tells), and the step it was saved at, or the later format it has;
     * null when the file cannot be read as a checkpoint (absent, another kind of file, damaged), which
     * {@link #requireReplaceable} judges.
     */
    static Network.StateTarget describeTarget(final Path file, final NetworkPlan plan)
    {
        return describeTarget(file, new Expected(Description.planned(plan), !plan.receptors().isEmpty(),
            plan.plasticity() != null, plan.plasticity() != null && plan.plasticity().reward() != null, false));
    }

    /** As {@link #describeTarget(Path, NetworkPlan)} against a built network: its fingerprints compared too. */
    static Network.StateTarget describeTarget(final Path file, final Network network)
    {
        return describeTarget(file, Expected.of(network));
    }

    private static Network.StateTarget describeTarget(final Path file, final Expected expected)
    {
        try (SeekableByteChannel channel = Files.newByteChannel(file))
        {
            final Source source = source(channel);
            final int version = readVersion(source, file.toString());
            if (version > LATEST_FORMAT_VERSION)
            {
                // Its network cannot be told (a later izhsim's header): it was replaced, as "cut short or damaged".
                final String reads = " (this one reads versions 1 to " + LATEST_FORMAT_VERSION + ")";
                return new Network.StateTarget(List.of(), -1, version < 1000 ? "a later izhsim's format " + version +
                    reads : "format " + version + ", a damaged file's or a far later izhsim's" + reads);
            }
            final RawHeader raw = readRawHeader(source, file.toString(), version, false);
            return new Network.StateTarget(madeFor(raw, expected), source.getLong(), null);
        }
        catch (final IOException | RuntimeException unreadable)
        {
            return null;
        }
    }

    /** As {@link #read(Network, Path)}, from a stream; {@code name} names it in messages. */
    static void read(final Network network, final InputStream stream, final String name) throws IOException
    {
        read(network, stream, name, Part.whole(network));
    }

    /**
     * The part of a checkpoint's state that a network keeps as its own: the neurons {@code firstNeuron ..
     * endNeuron - 1} (their v, u, input arrivals, LTD, conductances), the plastic synapses at {@code
     * plasticPositions} of the file's list ({@code plasticCount} in the whole network; null positions: all, in
     * order). State that every rank keeps whole (spikes in flight, LTP and STP of every source, dopamine) is
     * restored whole.
     */
    record Part(int firstNeuron, int endNeuron, long plasticCount, int[] plasticPositions)
    {
        /** All of it: a network in one process. */
        static Part whole(final Network network)
        {
            return new Part(0, network.neurons(), network.plasticity() == null ? 0 : network.plasticity().count(),
                null);
        }
    }

    /**
     * As {@link #read(Network, InputStream, String)} for the {@code part} of the state that {@code network} keeps.
     * Reads no collective: on every rank of a partitioned run the same bytes give the same refusal or none.
     */
    static void read(final Network network, final InputStream stream, final String name, final Part part)
        throws IOException
    {
        read(network, new Source(stream), name, part);
    }

    /**
     * As {@link #read(Network, InputStream, String, Part)} from {@code bytes}, a whole file's (rank 0's): its length
     * bounds the counts it holds, as a file's does.
     */
    static void read(final Network network, final byte[] bytes, final String name, final Part part) throws IOException
    {
        read(network, new Source(new ByteArrayInputStream(bytes), bytes.length, bytes.length >= 16 &&
            endsWhole(Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length))), name, part);
    }

    private static void read(final Network network, final Source in, final String name, final Part part)
        throws IOException
    {
        final Saved saved;
        final int checksum;
        try
        {
            final Header header = readHeader(in, name, Expected.of(network));
            final Description found = header.found();
            if (found.noiseSeed() != null && found.noiseSeed() != network.noiseSeed() && !network.noiseSeedGiven())
            {
                // The Java API went on under the network's own noise seed, silently: other spikes from the saved
                // step on than the run that saved it (13,967 against 12,155 in a tester's 2 s of spnet2006).
                throw new InputException("checkpoint " + name + " was run under noise seed " + found.noiseSeed() +
                    ", and this network, built without a noise seed, draws its noise with its seed " +
                    network.noiseSeed() + ": build it with NetworkBuilder.noiseSeed(" + found.noiseSeed() + ") to go " +
                    "on with that run's noise (Network.checkStateHeader reads it from the file), or give another " +
                    "noise seed for other noise from the saved step on");
            }
            final boolean dopamineFile = header.dopamineFile();
            saved = readState(in, name, found.neurons(), found.maxDelay(),
                SpikeDelivery.ARRIVAL_RING.name().equals(found.delivery()), network.receptors(), network.plasticity(),
                part.plasticCount(), dopamineFile);
            checksum = in.crc();
            if (in.getInt() != checksum)
            {
                throw corrupt(name, "its checksum does not match");
            }
            if (in.hasMore())
            {
                throw corrupt(name, "it goes on after its checksum");
            }
            // Only now, with every checksum matched: a damaged file reads as damaged ("its checksum does not
            // match"), not as a state no run saves (a flipped bit said "its u 903 is NaN, which no run saves").
            checkValues(name, saved, found.neurons(), network.receptors(), network.plasticity(),
                header.ruleRecorded(), network.spikeCutoffMv());
        }
        catch (final EOFException ex)
        {
            throw truncated(name);
        }
        for (final int[] ids : saved.firedBefore())
        {
            for (final int id : ids)
            {
                // The ring keeps only neurons that some projection starts from; a checksummed file of the same
                // network holds no other, so anything else is damage the checksums could not see.
                if (!network.spikeRing().keeps(id))
                {
                    throw corrupt(name, "neuron " + id + " is in flight but is no projection's source");
                }
            }
        }
        apply(network, saved, part);
        network.restoredChecksum = checksum;
    }

    private static Description readDescription(final Source in, final String name, final boolean ruleRecorded,
        final boolean noiseRecorded) throws IOException
    {
        final long seed = in.getLong();
        final Long noiseSeed = noiseRecorded ? in.getLong() : null;
        final int neurons = in.getInt();
        final int populations = in.getInt();
        if (neurons < 1 || populations < 1 || populations > neurons)
        {
            throw corrupt(name, neurons + " neurons in " + populations + " populations");
        }
        // A population takes 8 bytes at least (its name's length and its size): a damaged count (2^31 - 16) made an
        // 8 GB array before the header's checksum was read, and a small heap's refusal advised more heap.
        in.requireRoom(name, 8L * populations, () -> populations + " populations in its header");
        final List<String> names = new ArrayList<>();
        // Grown as they are read: a stream of unknown length bounds no count beforehand.
        int[] sizes = new int[Math.min(populations, 64)];
        for (int p = 0; p < populations; p++)
        {
            names.add(in.getString(name));
            if (p == sizes.length)
            {
                sizes = Arrays.copyOf(sizes, (int)Math.min(populations, 2L * p));
            }
            sizes[p] = in.getInt();
        }
        final long synapses = in.getLong();
        final int maxDelay = in.getInt();
        if (maxDelay < 1)
        {
            throw corrupt(name, "longest delay " + maxDelay);
        }
        final String delivery = in.getString(name);
        final String scheme = in.getString(name);
        final long neuronFingerprint = in.getLong();
        final long synapseFingerprint = in.getLong();
        long[] bySource = null;
        long[] byPopulation = null;
        if (noiseRecorded)
        {
            final int count = in.getInt();
            if (count != populations)
            {
                throw corrupt(name, count + " source populations' synapse fingerprints for " + populations +
                    " populations");
            }
            in.requireRoom(name, 16L * count, () -> count + " populations' fingerprints");
            bySource = new long[count];
            for (int p = 0; p < count; p++)
            {
                bySource[p] = in.getLong();
            }
            byPopulation = new long[count];
            for (int p = 0; p < count; p++)
            {
                byPopulation[p] = in.getLong();
            }
        }
        return new Description(seed, names, sizes, neurons, synapses, maxDelay, delivery, scheme, neuronFingerprint,
            synapseFingerprint, ruleRecorded ? List.of(in.getString(name).split("\n", -1)) : null, noiseSeed,
            bySource, byPopulation);
    }

    /**
     * The state part of a checkpoint, for the whole network: read and checked before any of it touches the
     * network, or assembled to be written.
     */
    record Saved(long step, float[] v, float[] u, int[][] firedBefore, float[][] arrivals, float[][] receptors,
        float[] weights, float[] derivatives, float[][] ltp, float[] ltd, Dopamine.State dopamine)
    {
    }

    private static Saved readState(final Source in, final String name, final int neurons, final int maxDelay,
        final boolean arrivalRing, final ReceptorStage stage, final PlasticSynapses plastic, final long plasticCount,
        final boolean dopamine) throws IOException
    {
        final long step = in.getLong();
        expectSection(in, name, NEURONS, 8L * neurons);
        final float[] v = new float[neurons];
        final float[] u = new float[neurons];
        in.getFloats(v);
        in.getFloats(u);

        final long spikeBytes = in.getLongOfSection(name, SPIKES);
        in.requireRoom(name, spikeBytes, () -> "a spike section of " + spikeBytes + " bytes");
        // A count of spikes for each of the last D steps.
        in.requireRoom(name, 4L * maxDelay, () -> "spikes of " + maxDelay + " steps");
        long read = 0;
        final int[][] fired = new int[maxDelay][];
        for (int k = 0; k < maxDelay; k++)
        {
            final int count = in.getInt();
            if (count < 0 || count > neurons)
            {
                throw corrupt(name, count + " spikes in one step of " + neurons + " neurons");
            }
            in.requireRoom(name, 4L * count, () -> count + " spikes in one step");
            fired[k] = new int[count];
            for (int i = 0; i < count; i++)
            {
                fired[k][i] = in.getInt();
            }
            read += 4 + 4L * count;
        }
        if (read != spikeBytes)
        {
            throw corrupt(name, "its spike section holds " + read + " bytes, not " + spikeBytes);
        }

        float[] weights = null;
        float[] derivatives = null;
        float[][] ltp = null;
        float[] ltd = null;
        if (plastic != null)
        {
            final long count = plasticCount;
            expectSection(in, name, PLASTIC, 4 + 8L * count + 4L * neurons * (maxDelay + 2));
            if (in.getInt() != count)
            {
                throw corrupt(name, "its plastic synapses are not this network's " + count);
            }
            weights = new float[(int)count];
            derivatives = new float[(int)count];
            in.getFloats(weights);
            in.getFloats(derivatives);
            ltp = new float[maxDelay + 1][neurons];
            for (final float[] slot : ltp)
            {
                in.getFloats(slot);
            }
            ltd = new float[neurons];
            in.getFloats(ltd);
        }
        Dopamine.State dopa = null;
        if (dopamine)
        {
            final long bytes = in.getLongOfSection(name, DOPAMINE);
            final double level = Double.longBitsToDouble(in.getLong());
            final long lastPre = in.getLong();
            final int count = in.getInt();
            if (count < 0 || count > Dopamine.maxPending() || bytes != 20 + 8L * count)
            {
                throw corrupt(name, "its dopamine section holds " + count + " pending rewards in " + bytes +
                    " bytes, level " + level);
            }
            final long[] pending = new long[count];
            for (int k = 0; k < count; k++)
            {
                pending[k] = in.getLong();
            }
            dopa = new Dopamine.State(level, lastPre, pending);
        }
        float[][] arrivals = null;
        if (arrivalRing)
        {
            expectSection(in, name, ARRIVALS, 4L * neurons * maxDelay);
            arrivals = new float[maxDelay][neurons];
            for (final float[] buffer : arrivals)
            {
                in.getFloats(buffer);
            }
        }
        float[][] receptors = null;
        if (stage != null)
        {
            final List<float[]> arrays = stage.state();
            long bytes = 0;
            for (final float[] a : arrays)
            {
                bytes += 4L * a.length;
            }
            expectSection(in, name, RECEPTORS, bytes);
            receptors = new float[arrays.size()][];
            for (int k = 0; k < receptors.length; k++)
            {
                receptors[k] = new float[arrays.get(k).length];
                in.getFloats(receptors[k]);
            }
        }
        expectSection(in, name, END, 0);
        return new Saved(step, v, u, fired, arrivals, receptors, weights, derivatives, ltp, ltd, dopa);
    }

    /**
     * The checks of the values of a state read by {@link #readState} (which checks only what it needs to parse the
     * file), made after the file's last checksum matched: a state that no run saves, in a file that is not damaged.
     */
    private static void checkValues(final String name, final Saved saved, final int neurons,
        final ReceptorStage stage, final PlasticSynapses plastic, final boolean ruleRecorded, final float cutoff)
    {
        final long step = saved.step();
        // A run may end at step 2^31 - 1 (Network.run's bound), and its state be saved there.
        if (step < 0 || step > Integer.MAX_VALUE)
        {
            throw corrupt(name, "step " + step);
        }
        requireFinite(name, "v", saved.v());
        requireFinite(name, "u", saved.u());
        if (step > 0)
        {
            // Every step ends with the threshold pass (Worker.detectAndReset): a v at or above 30 mV is reset to c,
            // which the plan keeps below 30 (as a float, at most 30.0f), and a run saves only after whole steps. The
            // state of step 0 is the initial one, whose v the plan does not bound. (No bound on u: a (b v - u) and
            // the resets' d bring it anywhere a long enough run of strong input may.) With 2007-model populations
            // the bound is the highest of their vpeaks (each resets below its own) and 30 mV.
            requireBetween(name, "v", saved.v(), Float.NEGATIVE_INFINITY, cutoff,
                "the spike cutoff, which every step's reset leaves below");
        }
        for (final int[] ids : saved.firedBefore())
        {
            for (int i = 0; i < ids.length; i++)
            {
                if (ids[i] < 0 || ids[i] >= neurons)
                {
                    // It was "not ascending neuron ids", true but not what was wrong.
                    throw corrupt(name, "a spike in flight is of neuron " + ids[i] + ", which this network of " +
                        neurons + " neurons lacks");
                }
                if (i > 0 && ids[i] <= ids[i - 1])
                {
                    throw corrupt(name, "its spikes in flight are not ascending neuron ids");
                }
            }
        }
        if (plastic != null)
        {
            requireFinite(name, "plastic weight", saved.weights());
            requireFinite(name, "weight derivative", saved.derivatives());
            for (final float[] slot : saved.ltp())
            {
                requireFinite(name, "LTP trace", slot);
            }
            requireFinite(name, "LTD trace", saved.ltd());
            // Every rule's traces start at 0, decay by a factor in [0, 1] and grow by (or are set to) a_plus or
            // a_minus >= 0 (PlasticityRule.of): never negative. (No bound on the derivatives: their growth depends on
            // the spikes' pairings over the rule's period, and spnet2006's drift and decay terms.)
            for (final float[] slot : saved.ltp())
            {
                requireBetween(name, "LTP trace", slot, 0f, Float.POSITIVE_INFINITY, null);
            }
            requireBetween(name, "LTD trace", saved.ltd(), 0f, Float.POSITIVE_INFINITY, null);
            if (ruleRecorded)
            {
                // The file names the rule it ran under, the same as this network's (checked with the header): its
                // weights were kept in [w_min, w_max] by that rule and started there (the plan checks them).
                requireWithin(name, saved.weights(), (float)plastic.rule().wMin(), (float)plastic.rule().wMax());
            }
        }
        final Dopamine.State dopa = saved.dopamine();
        if (dopa != null)
        {
            final double level = dopa.level();
            final long[] pending = dopa.pending();
            final int count = pending.length;
            // A level is a sum of rewards' pulses decaying towards 0: never negative.
            if (!Double.isFinite(level) || level < 0)
            {
                throw corrupt(name, "its dopamine level is " + level + ", " + (level < 0 ? "below 0" : "not finite") +
                    ": it holds a state no run saves (a level is a sum of decaying rewards)");
            }
            // The reward rule's pre spike is remembered in the step after it, as that step's spike step - 1: never at
            // or after the step a run saves (the start, Long.MIN_VALUE / 2, is far before it).
            if (dopa.lastPre() >= step)
            {
                throw corrupt(name, "its reward's last pre spike is at step " + dopa.lastPre() + ", not before the " +
                    "checkpoint's step " + step + ": it holds a state no run saves");
            }
            long latest = step;
            for (int k = 0; k < count; k++)
            {
                latest = Math.max(latest, pending[k]);
                // A run delivers a reward in its due step and schedules none more than 100 s ahead: one due before
                // the saved step would be pending for good.
                if (pending[k] < step)
                {
                    // "not within 100000 steps from" it said, of a reward that is within them, in the past.
                    throw corrupt(name, "a pending reward is due at step " + pending[k] + ", before the checkpoint's " +
                        "step " + step + ", which no run saves (a run delivers each reward in its due step)");
                }
                if (pending[k] > step + PlasticityRule.MAX_REWARD_DELAY_MS)
                {
                    throw corrupt(name, "a pending reward is due at step " + pending[k] + ", more than " +
                        PlasticityRule.MAX_REWARD_DELAY_MS + " steps after the checkpoint's step " + step +
                        ", which no run schedules");
                }
            }
            final PlasticityRule.Reward reward = plastic.rule().reward();
            if (count > 0 && reward == null)
            {
                throw new InputException("checkpoint " + name + " holds " + count + " pending rewards, and this " +
                    "network's plasticity has no reward rule: it was made for another network");
            }
            // A file that names its rule (format 6) ran under this network's reward: at most one reward scheduled a
            // step, none more than delay_max ahead. (Format 4 may come from a longer delay_max: Dopamine.restore.)
            if (ruleRecorded && count > 0 && (count > reward.delayMaxMs() + 1 || latest > step + reward.delayMaxMs()))
            {
                throw corrupt(name, count + " pending rewards, due up to step " + latest + ", which no run saves at " +
                    "step " + step + " with reward delay_max_ms " + reward.delayMaxMs());
            }
        }
        if (saved.arrivals() != null)
        {
            for (final float[] buffer : saved.arrivals())
            {
                requireFinite(name, "arriving input", buffer);
            }
        }
        if (saved.receptors() != null)
        {
            for (final float[] values : saved.receptors())
            {
                requireFinite(name, "receptor state value", values);
            }
            // Conductances >= 0, STP u and x in [0, 1], spike factors in [0, 1/U]: ReceptorStage.stateBounds.
            final List<float[]> bounds = stage.stateBounds();
            final List<String> names = stage.stateNames();
            for (int k = 0; k < bounds.size(); k++)
            {
                requireBetween(name, names.get(k), saved.receptors()[k], bounds.get(k)[0], bounds.get(k)[1], null);
            }
        }
    }

    /**
     * Values of {@code what} outside [{@code min}, {@code max}] (an infinite end: no bound there), {@code why} the
     * bound's reason or null: a state no run saves.
     */
    private static void requireBetween(final String name, final String what, final float[] values, final float min,
        final float max, final String why)
    {
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] < min || values[i] > max)
            {
                throw corrupt(name, "its " + what + " " + i + " is " + values[i] + ", " +
                    (max == Float.POSITIVE_INFINITY ? "below " + min : min == Float.NEGATIVE_INFINITY ? "above " + max :
                    "outside [" + min + ", " + max + "]") + (why == null ? "" : " (" + why + ")") +
                    ": it holds a state no run saves");
            }
        }
    }

    /**
     * A run saves only finite neuron states, weights and traces (a blown-up one saves nothing): a file whose checksums
     * match but that holds NaN or an infinity was made by something else, and ran into a blow-up at exit 3, or ran on
     * with NaN weights or derivatives at exit 0, instead of being refused as bad input.
     */
    private static void requireFinite(final String name, final String what, final float[] values)
    {
        for (int i = 0; i < values.length; i++)
        {
            if (!Float.isFinite(values[i]))
            {
                throw corrupt(name, "its " + what + " " + i + " is " + values[i] + ", which no run saves");
            }
        }
    }

    /** Plastic weights outside the rule's [w_min, w_max], which the rule never leaves: damage, not a state. */
    private static void requireWithin(final String name, final float[] weights, final float min, final float max)
    {
        for (int i = 0; i < weights.length; i++)
        {
            if (weights[i] < min || weights[i] > max)
            {
                throw corrupt(name, "its plastic weight " + i + " is " + weights[i] + ", outside the rule's [w_min, " +
                    "w_max] = [" + min + ", " + max + "], which no run leaves");
            }
        }
    }

    private static void expectSection(final Source in, final String name, final int tag, final long bytes)
        throws IOException
    {
        final long length = in.getLongOfSection(name, tag);
        if (length != bytes)
        {
            throw corrupt(name, "section " + tagName(tag) + " holds " + length + " bytes, not " + bytes);
        }
        // Before its arrays are made (the network's sizes, named in the header this file's checksum vouches for).
        in.requireRoom(name, bytes, () -> "section " + tagName(tag) + " of " + bytes + " bytes");
    }

    private static void apply(final Network network, final Saved saved, final Part part)
    {
        final NeuronArrays state = network.state();
        final int first = part.firstNeuron();
        final int end = part.endNeuron();
        System.arraycopy(saved.v(), first, state.v, first, end - first);
        System.arraycopy(saved.u(), first, state.u, first, end - first);
        final SpikeRing ring = network.spikeRing();
        for (int slot = 0; slot <= saved.firedBefore().length; slot++)
        {
            for (int segment = 0; segment < ring.segments(); segment++)
            {
                ring.setCount(slot, segment, 0);
            }
        }
        final int maxDelay = saved.firedBefore().length;
        for (int k = 0; k < maxDelay; k++)
        {
            // Entry k holds step (step - D + k); split it at this network's worker ranges (all ranks' slices).
            final int slot = ring.slotOf(saved.step() - maxDelay + k);
            final int[] ids = saved.firedBefore()[k];
            final int[] fired = ring.fired(slot);
            int i = 0;
            for (int segment = 0; segment < ring.segments(); segment++)
            {
                final int start = ring.segmentStart(segment);
                // Segments are stored at source-count offsets; split the ids at the workers' first neurons.
                final int segmentEnd = segment + 1 < ring.segments() ?
                    network.synapses().partition().firstNeuron(segment + 1) : state.size();
                int n = 0;
                while (i < ids.length && ids[i] < segmentEnd)
                {
                    fired[start + n++] = ids[i++];
                }
                ring.setCount(slot, segment, n);
            }
        }
        final float[][] arrivals = network.arrivalRing();
        if (arrivals != null)
        {
            // The network's buffers start at its first neuron (a rank's), the saved ones at neuron 0.
            final int shift = network.arrivalRingFirst();
            for (int s = 0; s < arrivals.length; s++)
            {
                System.arraycopy(saved.arrivals()[s], first, arrivals[s], first - shift, end - first);
            }
        }
        final PlasticSynapses plastic = network.plasticity();
        if (plastic != null)
        {
            final int[] positions = part.plasticPositions();
            float[] weights = saved.weights();
            float[] derivatives = saved.derivatives();
            if (positions != null)
            {
                weights = new float[positions.length];
                derivatives = new float[positions.length];
                for (int k = 0; k < positions.length; k++)
                {
                    weights[k] = saved.weights()[positions[k]];
                    derivatives[k] = saved.derivatives()[positions[k]];
                }
            }
            PlasticWeights.restore(network.synapses(), plastic, weights, derivatives);
            // LTP of every source: each rank keeps (and advances) all of it.
            for (int s = 0; s < saved.ltp().length; s++)
            {
                plastic.restoreLtp(s, saved.ltp()[s]);
            }
            System.arraycopy(saved.ltd(), first, plastic.ltd(), first, end - first);
        }
        if (saved.dopamine() != null)
        {
            network.restoreDopamine(saved.dopamine());
        }
        if (saved.receptors() != null)
        {
            final ReceptorStage stage = network.receptors();
            final List<float[]> arrays = stage.state();
            final int[] offsets = stage.stateFirstNeurons();
            final boolean[] everyRank = stage.stateOfEveryRank();
            for (int k = 0; k < arrays.size(); k++)
            {
                final float[] a = arrays.get(k);
                final int from = everyRank[k] ? 0 : Math.max(0, Math.min(a.length, first - offsets[k]));
                final int to = everyRank[k] ? a.length : Math.max(from, Math.min(a.length, end - offsets[k]));
                System.arraycopy(saved.receptors()[k], from, a, from, to - from);
            }
        }
        network.continueAt(saved.step());
    }

    private static InputException corrupt(final String name, final String what)
    {
        return new InputException("checkpoint " + name + " is corrupt: " + what);
    }

    private static String reason(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or folder " + ex.getMessage();
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof java.nio.file.FileAlreadyExistsException exists && exists.getFile() != null &&
            org.izhsim.core.FileNames.danglingLink(Path.of(exists.getFile())) != null)
        {
            // A folder to make where a symbolic link to nothing is: the bare path was the reason.
            return org.izhsim.core.FileNames.danglingLink(Path.of(exists.getFile()));
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    /** As {@link #reason}, without the file name an exception may carry (a probe's, a temporary file's). */
    private static String reasonWithoutName(final IOException ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or folder";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException)ex).getReason() != null)
        {
            return ((java.nio.file.FileSystemException)ex).getReason();
        }
        return ex.getClass().getSimpleName();
    }

    /** Makes the rename itself durable; not every file system can open a folder, and none needs to. */
    private static void syncFolder(final Path folder)
    {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException | UnsupportedOperationException ignored)
        {
            // Best effort: the file itself is already on disk.
        }
    }

    private static int tag(final String name)
    {
        return ByteBuffer.wrap(name.getBytes(StandardCharsets.US_ASCII)).getInt();
    }

    private static String tagName(final int tag)
    {
        final byte[] bytes = ByteBuffer.allocate(4).putInt(tag).array();
        for (final byte b : bytes)
        {
            if (b < 0x20 || b > 0x7E)
            {
                return String.format("0x%08x", tag);
            }
        }
        return "'" + new String(bytes, StandardCharsets.US_ASCII) + "'";
    }

    /** A buffered big-endian writer that keeps a CRC32C of everything written. */
    private static final class Sink
    {
        private final OutputStream out;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private final CRC32C crc = new CRC32C();

        Sink(final OutputStream out)
        {
            this.out = out;
        }

        private void room(final int bytes) throws IOException
        {
            if (buffer.remaining() < bytes)
            {
                drain();
            }
        }

        private void drain() throws IOException
        {
            crc.update(buffer.array(), 0, buffer.position());
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }

        void bytes(final byte[] bytes) throws IOException
        {
            room(bytes.length);
            buffer.put(bytes);
        }

        void putInt(final int value) throws IOException
        {
            room(4);
            buffer.putInt(value);
        }

        void putLong(final long value) throws IOException
        {
            room(8);
            buffer.putLong(value);
        }

        void putString(final String text) throws IOException
        {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            putInt(bytes.length);
            for (int i = 0; i < bytes.length; )
            {
                room(1);
                final int n = Math.min(bytes.length - i, buffer.remaining());
                buffer.put(bytes, i, n);
                i += n;
            }
        }

        void putFloats(final float[] values, final int from, final int to) throws IOException
        {
            for (int i = from; i < to; )
            {
                room(4);
                final int n = Math.min(to - i, buffer.remaining() / 4);
                buffer.asFloatBuffer().put(values, i, n);
                buffer.position(buffer.position() + 4 * n);
                i += n;
            }
        }

        /** CRC32C of everything written so far. */
        int crc() throws IOException
        {
            drain();
            return (int)crc.getValue();
        }

        void flush() throws IOException
        {
            drain();
            out.flush();
        }
    }

    /** A buffered big-endian reader that keeps a CRC32C of everything consumed. */
    private static final class Source
    {
        private final InputStream in;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).flip();
        private final CRC32C crc = new CRC32C();
        /** Buffer position up to which the consumed bytes are in the CRC. */
        private int summed;
        /** The stream's bytes from its start; -1: not known (a stream a caller gave). */
        private final long length;
        /** Whether the stream ends as a whole checkpoint does ({@link #endsWhole}). */
        private final boolean whole;
        /** Bytes read from the stream into the buffer. */
        private long fetched;

        /** A reader of a stream of unknown length: its counts bounded by nothing but their own checks. */
        Source(final InputStream in)
        {
            this(in, -1, false);
        }

        Source(final InputStream in, final long length, final boolean whole)
        {
            this.in = in;
            this.length = length;
            this.whole = whole;
        }

        /**
         * Refuses a count read from the file whose {@code bytes} are more than the file holds after what was read,
         * before anything of its size is made. In a file that ends as a whole checkpoint does, the count is damaged:
         * corrupt, said as {@code what}; in one that does not, the file is cut short: an {@link EOFException}, read as
         * truncated, as the read past its end would be.
         */
        void requireRoom(final String name, final long bytes, final Supplier<String> what) throws EOFException
        {
            if (length < 0)
            {
                return;
            }
            final long left = length - (fetched - buffer.remaining());
            if (bytes > left)
            {
                if (!whole)
                {
                    throw new EOFException();
                }
                throw corrupt(name, what.get() + ", more than the file's remaining " + left + " bytes can hold");
            }
        }

        /** Makes at least {@code bytes} unread bytes available. @throws EOFException at the end. */
        private void need(final int bytes) throws IOException
        {
            if (buffer.remaining() >= bytes)
            {
                return;
            }
            sum();
            buffer.compact();
            summed = 0;
            while (buffer.position() < bytes)
            {
                final int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
                if (n < 0)
                {
                    buffer.flip();
                    throw new EOFException();
                }
                buffer.position(buffer.position() + n);
                fetched += n;
            }
            buffer.flip();
        }

        private void sum()
        {
            crc.update(buffer.array(), summed, buffer.position() - summed);
            summed = buffer.position();
        }

        boolean hasMore() throws IOException
        {
            if (buffer.hasRemaining())
            {
                return true;
            }
            return in.read() >= 0;
        }

        /** The next {@code count} bytes, or all that are left when fewer. */
        byte[] bytesOrFewer(final int count) throws IOException
        {
            try
            {
                need(count);
            }
            catch (final EOFException ex)
            {
                final byte[] rest = new byte[buffer.remaining()];
                buffer.get(rest);
                return rest;
            }
            final byte[] bytes = new byte[count];
            buffer.get(bytes);
            return bytes;
        }

        int getInt() throws IOException
        {
            need(4);
            return buffer.getInt();
        }

        long getLong() throws IOException
        {
            need(8);
            return buffer.getLong();
        }

        /** Reads a section's tag, which must be {@code tag}, and returns its payload length. */
        long getLongOfSection(final String name, final int tag) throws IOException
        {
            final int found = getInt();
            if (found != tag)
            {
                throw corrupt(name, "expected section " + tagName(tag) + ", found " + tagName(found));
            }
            return getLong();
        }

        String getString(final String name) throws IOException
        {
            final int length = getInt();
            if (length < 0 || length > MAX_NAME_BYTES)
            {
                throw corrupt(name, "a name of " + length + " bytes");
            }
            requireRoom(name, length, () -> "a name of " + length + " bytes");
            final byte[] bytes = new byte[length];
            for (int i = 0; i < length; )
            {
                need(1);
                final int n = Math.min(length - i, buffer.remaining());
                buffer.get(bytes, i, n);
                i += n;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        void getFloats(final float[] values) throws IOException
        {
            for (int i = 0; i < values.length; )
            {
                need(4);
                final int n = Math.min(values.length - i, buffer.remaining() / 4);
                buffer.asFloatBuffer().get(values, i, n);
                buffer.position(buffer.position() + 4 * n);
                i += n;
            }
        }

        /** CRC32C of everything consumed so far. */
        int crc()
        {
            sum();
            return (int)crc.getValue();
        }
    }
}
