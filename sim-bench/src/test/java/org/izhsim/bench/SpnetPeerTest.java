package org.izhsim.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spnet C loop does the work of our spnet2006 run: on the shipped config's network, 2 s (two weight updates),
 * the same spikes, step for step, and the same final weights, bit for bit.
 */
class SpnetPeerTest
{
    private static final Path CONFIG = Path.of("..", "configs", "spnet2006.yaml");
    private static final int STEPS = 2000;

    @Test
    void theCLoopFiresTheSameSpikesAndEndsWithTheSameWeightsAsOurRun(@TempDir final Path dir) throws IOException
    {
        final SpnetPeer peer = new SpnetPeer(dir);
        peer.prepare();
        assumeTrue(peer.binary() != null, "no C loop to compare with: " + peer.unavailable());
        final ExperimentConfig config = ExperimentLoader.load(CONFIG);
        final Path file = dir.resolve("spnet.bin");
        SpnetPeer.write(config, STEPS, file);
        final Path spikesFile = dir.resolve("spikes.bin");
        final Path weightsFile = dir.resolve("weights.bin");
        final ProcessRun c = ProcessRun.of(List.of(peer.binary().toString(), file.toString(), spikesFile.toString(),
            weightsFile.toString()), dir, Map.of(), 120);
        assertEquals(0, c.exitCode(), c.output());

        final SimulationResult ours;
        final PlasticWeights weights;
        try (Network network = Network.build(NetworkAssembler.builder(config.withThreads(OptionalInt.of(2)))))
        {
            ours = network.run(STEPS);
            weights = PlasticWeights.of(network.synapses(), network.plasticity());
        }
        final long[] oursSpikes = pairs(ours.spikeSteps(), ours.spikeNeurons());
        final int[] cPairs = ints(spikesFile);
        final int[] cSteps = new int[cPairs.length / 2];
        final int[] cNeurons = new int[cPairs.length / 2];
        for (int k = 0; k < cSteps.length; k++)
        {
            cSteps[k] = cPairs[2 * k];
            cNeurons[k] = cPairs[2 * k + 1];
        }
        final long[] cSpikes = pairs(cSteps, cNeurons);
        // Thousands of spikes in 2 s: the network ran, and the comparison is not between two empty lists.
        assertTrue(oursSpikes.length > 5000, "only " + oursSpikes.length + " spikes");
        assertEquals(firstDifference(oursSpikes, cSpikes), -1, "first differing spike (step << 32 | neuron)");
        assertEquals(oursSpikes.length, cSpikes.length);

        // The C program writes all synapses in the file's order (source, delay, target); the plastic ones,
        // sources 0..799, come first, in the order of PlasticWeights.
        final float[] cWeights = floats(weightsFile);
        final float[] plastic = Arrays.copyOf(cWeights, weights.size());
        assertArrayEquals(weights.weights(), plastic);
        assertTrue(weights.weights()[0] != 6.0f || weights.weights()[1] != 6.0f, "the weights moved from 6");
    }

    /** (step << 32 | neuron), sorted: the order of spikes within a step is not part of the result. */
    private static long[] pairs(final int[] steps, final int[] neurons)
    {
        final long[] p = new long[steps.length];
        for (int k = 0; k < p.length; k++)
        {
            p[k] = (long)steps[k] << 32 | neurons[k];
        }
        Arrays.sort(p);
        return p;
    }

    /** The first index where the two sorted lists differ, or -1 when one is a prefix of the other. */
    private static long firstDifference(final long[] a, final long[] b)
    {
        for (int k = 0; k < Math.min(a.length, b.length); k++)
        {
            if (a[k] != b[k])
            {
                return Math.min(a[k], b[k]);
            }
        }
        return -1;
    }

    private static int[] ints(final Path file) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        final int[] values = new int[bytes.remaining() / 4];
        bytes.asIntBuffer().get(values);
        return values;
    }

    private static float[] floats(final Path file) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        final float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return values;
    }
}
