package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weight snapshots of a long run: kept in a file beside the outputs, written as those kept on the heap. */
class WeightHistoryTest
{
    private static final int SYNAPSES = 10_000;
    private static final int SNAPSHOTS = 200;

    /** Synapses 0 -> k + 1 with random weights in [0, 10] (snapshot {@code seed}). */
    private static PlasticWeights weights(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] sources = new int[SYNAPSES];
        final int[] targets = new int[SYNAPSES];
        final int[] delays = new int[SYNAPSES];
        final int[] bits = new int[SYNAPSES];
        for (int k = 0; k < SYNAPSES; k++)
        {
            sources[k] = k % 100;
            targets[k] = k / 100 + 100;
            delays[k] = 1;
            bits[k] = Float.floatToRawIntBits((float)(10 * random.nextDouble()));
        }
        return PlasticWeights.merged(new int[][] {sources}, new int[][] {targets}, new int[][] {delays},
            new int[][] {bits}, new int[][] {new int[SYNAPSES]});
    }

    /**
     * Each snapshot's weights were copied onto the heap for the whole run (4 bytes per plastic synapse and
     * snapshot): a 10 h run of spnet2006 under -Xmx300m (memory estimate 3 MB) ran out of memory after 1.9 h, and a
     * 1 h run of dastdp2007 under -Xmx150m after 54 min. Spilled, a snapshot leaves its histogram on the heap.
     */
    @Test
    void spilledSnapshotsLeaveNoCopyOfTheWeightsOnTheHeap(@TempDir final Path dir)
    {
        final PlasticWeights[] snapshots = new PlasticWeights[4];
        for (int k = 0; k < snapshots.length; k++)
        {
            snapshots[k] = weights(k);
        }
        final WeightHistory history = new WeightHistory(0, 10).spillingTo(dir.resolve("spill.f32"));
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int k = 0; k < SNAPSHOTS; k++)
        {
            history.snapshot(1000.0 * k, snapshots[k % snapshots.length]);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // Kept, the copies are 200 x 40 kB = 8 MB.
        assertTrue(allocated < 1_000_000L, allocated + " bytes allocated for 200 snapshots of 10,000 weights");
    }

    /** The files and the summary of spilled snapshots are those of snapshots kept on the heap, byte for byte. */
    @Test
    void spilledSnapshotsWriteTheSameFilesAsKeptOnes(@TempDir final Path dir) throws IOException
    {
        final Path kept = write(new WeightHistory(0, 10), dir.resolve("kept"));
        final Path spilled = write(new WeightHistory(0, 10).spillingTo(dir.resolve("spill.f32")), dir.resolve("spilled"));
        for (final String file : List.of("weights.npy", "synapse_sources.npy", "synapse_targets.npy",
            "synapse_delays_ms.npy", "weight_snapshots.npy", "weight_snapshot_times_ms.npy", "weights.png"))
        {
            assertArrayEquals(Files.readAllBytes(kept.resolve(file)), Files.readAllBytes(spilled.resolve(file)), file);
        }
        assertEquals(Files.readString(kept.resolve("summary.json")), Files.readString(spilled.resolve("summary.json")));
        assertEquals(128 + 4L * 25 * SYNAPSES, Files.size(spilled.resolve("weight_snapshots.npy")), "header and data");
        assertTrue(Files.readString(spilled.resolve("summary.json")).contains("\"rewarded_synapse\""));
    }

    private static Path write(final WeightHistory history, final Path target)
    {
        history.track(7, 100);
        for (int k = 0; k < 25; k++)
        {
            history.snapshot(1000.0 * k, weights(k));
        }
        try (OutputDirectory out = OutputDirectory.create(target))
        {
            history.writeTo(out);
            final JsonSummary summary = new JsonSummary();
            history.putSummary(summary);
            summary.writeTo(out.resolve("summary.json"));
            out.commit();
        }
        return target;
    }

    /**
     * A run that blew up in its plasticity leaves NaN weights in its last snapshot: (int) floor(NaN) is 0, so they
     * were counted in the lowest bin, and the summary's mean, sd, min and max were null. They are in no bin; the
     * summary describes the finite weights and counts the others as non_finite.
     */
    @Test
    void nonFiniteWeightsAreInNoBinAndCountedApartInTheSummary(@TempDir final Path dir) throws IOException
    {
        final WeightHistory history = new WeightHistory(0, 10);
        final float[] w = {Float.NaN, 5f, Float.POSITIVE_INFINITY, 10f, Float.NaN};
        final long[] bins = history.histogram(w);
        assertEquals(2, java.util.Arrays.stream(bins).sum(), java.util.Arrays.toString(bins));
        assertEquals(0, bins[0]);
        final int[] ids = {0, 1, 2, 3, 4};
        final int[] bits = new int[w.length];
        for (int k = 0; k < w.length; k++)
        {
            bits[k] = Float.floatToRawIntBits(w[k]);
        }
        history.snapshot(0, PlasticWeights.merged(new int[][] {ids}, new int[][] {ids}, new int[][] {new int[5]},
            new int[][] {bits}, new int[][] {new int[5]}));
        final JsonSummary summary = new JsonSummary();
        history.putSummary(summary);
        summary.writeTo(dir.resolve("summary.json"));
        final String json = Files.readString(dir.resolve("summary.json"));
        assertTrue(json.contains("\"non_finite\" : 3"), json);
        assertTrue(json.contains("\"mean\" : 7.5") && json.contains("\"min\" : 5.0") && json.contains("\"max\" : 10.0"),
            json);
    }

    /** A pairing protocol's one plastic synapse was titled "1 synapses". */
    @org.junit.jupiter.api.Test
    void theTitleCountsInTheSingularForOne()
    {
        org.junit.jupiter.api.Assertions.assertEquals("Plastic weights: 1 synapse, 2 snapshots from 0 to 3 s",
            WeightHistory.title(1, 2, 0, 3000));
        org.junit.jupiter.api.Assertions.assertEquals("Plastic weights: 80,000 synapses, 61 snapshots from 0 to 600 s",
            WeightHistory.title(80_000, 61, 0, 600_000));
    }

}
