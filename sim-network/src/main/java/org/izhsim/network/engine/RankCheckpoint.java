package org.izhsim.network.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.izhsim.core.InputException;
import org.izhsim.core.InputFile;
import org.izhsim.network.random.CounterRandom;
import org.izhsim.network.synapse.PlasticSynapses;
import org.izhsim.network.synapse.PlasticWeights;

/**
 * Checkpoints of a network partitioned over ranks: the file of one process ({@link Checkpoint}, the same format
 * and description), so that a checkpoint saved by R ranks resumes with any other rank or thread count, one
 * process included. Every method is a collective (every rank calls it at the same point), made of the spike
 * exchange's own collectives.
 * <p>
 * Saving: each value comes from the rank that owns it (v, u, input arrivals, LTD, conductances of its neurons;
 * the LTP and STP state of its source neurons, which the other ranks keep as copies; its plastic synapses, in
 * the order of one process as {@link Network#plasticWeights()} gathers them); the spikes in flight and the
 * dopamine, which every rank holds whole, come from rank 0. Rank 0 assembles the whole state and writes the file
 * once, atomically, as one process does; the other ranks write nothing (their machines need not share its
 * disk). Then rank 0 tells every rank whether it succeeded: a file it cannot write is every rank's
 * {@link InputException}, with rank 0's message.
 * <p>
 * Resuming: rank 0 alone reads the file and sends its bytes to every rank (or the reason it could not read it).
 * Every rank then checks and reads the same bytes, so a damaged file or one made for another network is refused
 * by every rank with the same message, and takes its part: its own neurons' state and plastic synapses, and
 * whole what every rank keeps whole.
 */
final class RankCheckpoint
{
    /** The most bytes rank 0 sends in one checkpoint: one Java array. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    private RankCheckpoint()
    {
    }

    /**
     * The description of the whole network, the same on every rank and equal to one process's: the neuron
     * fingerprint over every rank's neurons (hashed on rank 0), the synapse sums and counts added over the ranks.
     */
    static Checkpoint.Description description(final Network network, final RankSlice rank)
    {
        final NeuronArrays state = network.state();
        final int n = network.neurons();
        final float[][] parameters = gatherOwned(rank, new float[][] {state.a, state.b, state.c, state.d},
            new int[4]);
        final ReceptorStage stage = network.receptors();
        final long[] sums = stage == null ? new long[0] : stage.channelSynapseSums();
        final long[] counts = stage == null ? new long[0] : stage.channelSynapseCounts();
        final long[] bySource = Checkpoint.synapseSumsBySource(network.synapses(), network.plasticity(),
            network.populations());
        final long[] own = new long[3 + 2 * sums.length + bySource.length];
        own[0] = Checkpoint.synapseSum(network.synapses(), network.plasticity());
        own[1] = network.synapses().synapseCount();
        own[2] = network.synapses().synapseCount() + (stage == null ? 0 : stage.synapseCount());
        for (int c = 0; c < sums.length; c++)
        {
            own[3 + c] = sums[c];
            own[3 + sums.length + c] = counts[c];
        }
        System.arraycopy(bySource, 0, own, 3 + 2 * sums.length, bySource.length);
        final long[] total = new long[own.length];
        for (int k = 0; k < total.length; k++)
        {
            // One value per collective: the exchange's buffers hold N + 2 R ints, which a tiny network keeps small.
            total[k] = rank.sum(own[k]);
        }
        // Rank 0, which gathered every rank's parameters, hashes them: the whole and each population's.
        final int populations = network.populations().size();
        final long[] hashes = new long[1 + populations];
        if (parameters != null)
        {
            hashes[0] = Checkpoint.withModels(Checkpoint.neuronFingerprint(n, parameters[0], parameters[1],
                parameters[2], parameters[3]), network.populationModels());
            System.arraycopy(Checkpoint.withModels(Checkpoint.neuronFingerprints(network.populations(), parameters[0],
                parameters[1], parameters[2], parameters[3]), network.populationModels()), 0, hashes, 1, populations);
        }
        final long[] rootHashes = rank.gather(hashes)[0];
        final long neuronFingerprint = rootHashes[0];
        long synapseFingerprint = Checkpoint.synapseFingerprint(total[0], total[1]);
        if (stage != null)
        {
            final long[] channelSums = new long[sums.length];
            final long[] channelCounts = new long[sums.length];
            System.arraycopy(total, 3, channelSums, 0, sums.length);
            System.arraycopy(total, 3 + sums.length, channelCounts, 0, sums.length);
            synapseFingerprint = CounterRandom.mix(synapseFingerprint ^ stage.fingerprint(channelSums, channelCounts));
        }
        final List<String> names = new ArrayList<>();
        final int[] sizes = new int[network.populations().size()];
        for (int p = 0; p < sizes.length; p++)
        {
            names.add(network.populations().get(p).name());
            sizes[p] = network.populations().get(p).size();
        }
        return new Checkpoint.Description(network.seed(), names, sizes, n, total[2], network.synapses().maxDelay(),
            network.delivery().name(), network.scheme().name(), neuronFingerprint, synapseFingerprint,
            Checkpoint.Description.plasticityTerms(network), network.noiseSeed(), Checkpoint.sourceFingerprints(
                java.util.Arrays.copyOfRange(total, 3 + 2 * sums.length, total.length)),
            java.util.Arrays.copyOfRange(rootHashes, 1, rootHashes.length));
    }

    /** Writes the whole network's checkpoint to {@code file} on rank 0 (the others' {@code file} is not used). */
    static void save(final Network network, final RankSlice rank, final Path file)
    {
        final Checkpoint.Description description = network.checkpointDescription();
        final Checkpoint.Saved image = image(network, rank);
        String failure = null;
        if (image != null)
        {
            try
            {
                Checkpoint.write(file, out -> Checkpoint.write(description, image, out));
            }
            catch (final InputException ex)
            {
                failure = ex.getMessage();
            }
        }
        failOnEveryRank(rank, failure);
    }

    /** As {@link #save(Network, RankSlice, Path)}, to rank 0's {@code out} (not atomic; the caller closes it). */
    static void save(final Network network, final RankSlice rank, final OutputStream out, final String name)
    {
        final Checkpoint.Description description = network.checkpointDescription();
        final Checkpoint.Saved image = image(network, rank);
        String failure = null;
        if (image != null)
        {
            try
            {
                Checkpoint.write(description, image, out);
            }
            catch (final IOException ex)
            {
                failure = "cannot write checkpoint " + name + ": " + ex.getMessage();
            }
        }
        failOnEveryRank(rank, failure);
    }

    /** Replaces every rank's state with its part of the checkpoint in rank 0's {@code file}. */
    static void restore(final Network network, final RankSlice rank, final Path file)
    {
        final Checkpoint.Part part = prepare(network, rank);
        byte[] bytes = null;
        String failure = null;
        if (rank.exchange().rank() == 0)
        {
            try
            {
                bytes = readFile(file);
            }
            catch (final InputException ex)
            {
                failure = ex.getMessage();
            }
        }
        apply(network, rank, part, bytes, failure, file.toString());
    }

    /** As {@link #restore(Network, RankSlice, Path)}, from rank 0's {@code in}; {@code name} names it. */
    static void restore(final Network network, final RankSlice rank, final InputStream in, final String name)
    {
        final Checkpoint.Part part = prepare(network, rank);
        byte[] bytes = null;
        String failure = null;
        if (rank.exchange().rank() == 0)
        {
            try
            {
                bytes = readAll(in, name);
            }
            catch (final IOException ex)
            {
                failure = "cannot read checkpoint " + name + ": " + ex.getMessage();
            }
            catch (final InputException ex)
            {
                failure = ex.getMessage();
            }
        }
        apply(network, rank, part, bytes, failure, name);
    }

    /** The collectives before a restore: the description, and where this rank's plastic synapses stand. */
    private static Checkpoint.Part prepare(final Network network, final RankSlice rank)
    {
        network.checkpointDescription();
        final PlasticSynapses plastic = network.plasticity();
        if (plastic == null)
        {
            return new Checkpoint.Part(rank.firstNeuron(), rank.endNeuron(), 0, null);
        }
        final PlasticWeights own = PlasticWeights.of(network.synapses(), plastic);
        final int[][] sources = rank.gatherToAll(own.sources());
        final int[][] delays = rank.gatherToAll(own.delays());
        long count = 0;
        for (final int[] s : sources)
        {
            count += s.length;
        }
        return new Checkpoint.Part(rank.firstNeuron(), rank.endNeuron(), count,
            PlasticWeights.positions(sources, delays, rank.exchange().rank()));
    }

    /** Rank 0's bytes, or its failure, to every rank, which all read the same bytes (and refuse them alike). */
    private static void apply(final Network network, final RankSlice rank, final Checkpoint.Part part,
        final byte[] rootBytes, final String rootFailure, final String name)
    {
        failOnEveryRank(rank, rootFailure);
        // Every rank's messages name the file as rank 0 knows it.
        final byte[] rootName = name.getBytes(StandardCharsets.UTF_8);
        final String named = new String(rank.broadcast(rootName, rootName.length), StandardCharsets.UTF_8);
        final byte[] bytes = rank.broadcast(rootBytes, rootBytes == null ? 0 : rootBytes.length);
        try
        {
            Checkpoint.read(network, bytes, named, part);
        }
        catch (final IOException ex)
        {
            // Bytes in memory: nothing to fail but the reading itself, which reports its own damage.
            throw new InputException("cannot read checkpoint " + named + ": " + ex.getMessage());
        }
    }

    private static byte[] readFile(final Path file)
    {
        final String unreadable = InputFile.refusal(file);
        if (unreadable != null)
        {
            throw new InputException("cannot resume from " + unreadable);
        }
        try (InputStream in = Files.newInputStream(file))
        {
            return readAll(in, file.toString());
        }
        catch (final NoSuchFileException ex)
        {
            throw new InputException("cannot read checkpoint " + file + ": no such file or folder " + ex.getMessage());
        }
        catch (final AccessDeniedException ex)
        {
            throw new InputException("cannot read checkpoint " + file + ": permission denied");
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot read checkpoint " + file + ": " + ex.getMessage());
        }
    }

    private static byte[] readAll(final InputStream in, final String name) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer))
        {
            total += n;
            if (total > MAX_BYTES)
            {
                throw new InputException("cannot resume from " + name + " under ranks: it holds more than " +
                    MAX_BYTES + " bytes, the most that rank 0 sends to the others");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Collective: rank 0's failure (null for none) thrown on every rank as an {@link InputException}. */
    private static void failOnEveryRank(final RankSlice rank, final String rootFailure)
    {
        final byte[] message = rootFailure == null ? new byte[0] : rootFailure.getBytes(StandardCharsets.UTF_8);
        final byte[] received = rank.broadcast(message, message.length);
        if (received.length > 0)
        {
            throw new InputException(new String(received, StandardCharsets.UTF_8));
        }
    }

    /** The whole network's state on rank 0, each value from its owner; null on the other ranks. */
    private static Checkpoint.Saved image(final Network network, final RankSlice rank)
    {
        final NeuronArrays state = network.state();
        final List<float[]> arrays = new ArrayList<>();
        final List<Integer> firsts = new ArrayList<>();
        arrays.add(state.v);
        arrays.add(state.u);
        // A rank's arrival buffers hold its own neurons only: gathered apart, before the whole-length arrays.
        final float[][] arrivals = network.arrivalRing();
        final float[][] wholeArrivals = arrivals == null ? null : gatherSlices(rank, arrivals, state.size());
        final PlasticSynapses plastic = network.plasticity();
        int ltpSlots = 0;
        if (plastic != null)
        {
            // The LTP of a source is its owner's (the others advance copies), LTD that of a target.
            final float[][] ltp = plastic.ltpHistory();
            ltpSlots = ltp.length;
            arrays.addAll(List.of(ltp));
            arrays.add(plastic.ltd());
        }
        while (firsts.size() < arrays.size())
        {
            firsts.add(0);
        }
        final ReceptorStage stage = network.receptors();
        if (stage != null)
        {
            arrays.addAll(stage.state());
            for (final int first : stage.stateFirstNeurons())
            {
                firsts.add(first);
            }
        }
        final float[][] whole = gatherOwned(rank, arrays.toArray(new float[0][]),
            firsts.stream().mapToInt(Integer::intValue).toArray());
        final PlasticWeights weights = network.plasticWeightsClaimed();
        if (whole == null)
        {
            return null;
        }
        int k = 0;
        final float[] v = whole[k++];
        final float[] u = whole[k++];
        float[][] ltp = null;
        float[] ltd = null;
        Dopamine.State dopamine = null;
        if (plastic != null)
        {
            ltp = new float[ltpSlots][];
            for (int s = 0; s < ltp.length; s++)
            {
                ltp[s] = whole[k++];
            }
            ltd = whole[k++];
            final Dopamine d = network.dopamine();
            dopamine = d == null ? null : new Dopamine.State(d.level(), d.lastPre(), d.pending());
        }
        float[][] receptors = null;
        if (stage != null)
        {
            receptors = new float[whole.length - k][];
            for (int a = 0; a < receptors.length; a++)
            {
                receptors[a] = whole[k++];
            }
        }
        final long step = network.currentStep();
        return new Checkpoint.Saved(step, v, u, Checkpoint.firedBefore(network.spikeRing(), step,
            network.synapses().maxDelay()), wholeArrivals, receptors, weights == null ? null : weights.weights(),
            weights == null ? null : weights.derivatives(), ltp, ltd, dopamine);
    }

    /**
     * Collective: {@code slices}, each rank's arrays of its own neurons (entry i is neuron firstNeuronOf(rank) +
     * i), as arrays of all {@code neurons} on rank 0; null on the others.
     */
    private static float[][] gatherSlices(final RankSlice rank, final float[][] slices, final int neurons)
    {
        final int length = slices.length == 0 ? 0 : slices[0].length;
        final int[] bits = new int[Math.multiplyExact(slices.length, length)];
        for (int k = 0; k < slices.length; k++)
        {
            for (int i = 0; i < length; i++)
            {
                bits[k * length + i] = Float.floatToRawIntBits(slices[k][i]);
            }
        }
        final int[][] rows = rank.gatherToRoot(bits);
        if (rows == null)
        {
            return null;
        }
        final float[][] whole = new float[slices.length][neurons];
        for (int r = 0; r < rows.length; r++)
        {
            final int first = rank.firstNeuronOf(r);
            final int size = rank.endNeuronOf(r) - first;
            if (rows[r].length != slices.length * size)
            {
                throw new IllegalStateException("rank " + r + " sent " + rows[r].length + " values, not " +
                    slices.length * size);
            }
            for (int k = 0; k < slices.length; k++)
            {
                for (int i = 0; i < size; i++)
                {
                    whole[k][first + i] = Float.intBitsToFloat(rows[r][k * size + i]);
                }
            }
        }
        return whole;
    }

    /**
     * Collective: the {@code arrays} (the same lengths on every rank; entry i of array k belongs to neuron
     * {@code firsts[k] + i}) whole on rank 0, each entry from the rank that owns its neuron; null on the others.
     */
    static float[][] gatherOwned(final RankSlice rank, final float[][] arrays, final int[] firsts)
    {
        final int me = rank.exchange().rank();
        long total = 0;
        for (int k = 0; k < arrays.length; k++)
        {
            total += end(rank, me, arrays[k], firsts[k]) - start(rank, me, arrays[k], firsts[k]);
        }
        final int[] bits = new int[Math.toIntExact(total)];
        int at = 0;
        for (int k = 0; k < arrays.length; k++)
        {
            for (int i = start(rank, me, arrays[k], firsts[k]); i < end(rank, me, arrays[k], firsts[k]); i++)
            {
                bits[at++] = Float.floatToRawIntBits(arrays[k][i]);
            }
        }
        final int[][] rows = rank.gatherToRoot(bits);
        if (rows == null)
        {
            return null;
        }
        final float[][] whole = new float[arrays.length][];
        for (int k = 0; k < arrays.length; k++)
        {
            whole[k] = new float[arrays[k].length];
        }
        for (int r = 0; r < rows.length; r++)
        {
            at = 0;
            for (int k = 0; k < arrays.length; k++)
            {
                for (int i = start(rank, r, arrays[k], firsts[k]); i < end(rank, r, arrays[k], firsts[k]); i++)
                {
                    whole[k][i] = Float.intBitsToFloat(rows[r][at++]);
                }
            }
            if (at != rows[r].length)
            {
                throw new IllegalStateException("rank " + r + " sent " + rows[r].length + " values, not " + at);
            }
        }
        return whole;
    }

    /** The first entry of {@code array} (entry 0 is neuron {@code first}'s) that rank r owns. */
    private static int start(final RankSlice rank, final int r, final float[] array, final int first)
    {
        return Math.max(0, Math.min(array.length, rank.firstNeuronOf(r) - first));
    }

    private static int end(final RankSlice rank, final int r, final float[] array, final int first)
    {
        return Math.max(start(rank, r, array, first), Math.min(array.length, rank.endNeuronOf(r) - first));
    }
}
