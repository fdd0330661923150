package org.izhsim.network.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spilling recorders hold a bounded buffer and merge on disk to what the growable ones merge to in memory. */
class SpikeRecorderTest
{
    /** Three workers owning neurons 0-99, 100-199, 200-299; worker w fires neuron (step * 7 + k * 13) mod 100. */
    private static void record(final SpikeRecorder[] recorders, final int steps)
    {
        fire(recorders.length, steps, (w, step, neuron) -> recorders[w].add(step, neuron));
    }

    private interface Spike
    {
        void fired(int worker, int step, int neuron);
    }

    private static void fire(final int workers, final int steps, final Spike spike)
    {
        for (int step = 0; step < steps; step++)
        {
            for (int w = 0; w < workers; w++)
            {
                final int fired = (step * 31 + w * 5) % 11;
                int neuron = 100 * w;
                for (int k = 0; k < fired; k++)
                {
                    neuron += 1 + (step + k) % 7;
                    spike.fired(w, step, neuron);
                }
            }
        }
    }

    @Test
    void spillingRecordersMergeOnDiskToTheInMemoryMerge(@TempDir final Path dir) throws IOException
    {
        final SpikeRecorder[] memory = {new SpikeRecorder(16), new SpikeRecorder(16), new SpikeRecorder(16)};
        final SpikeRecorder[] spilling = new SpikeRecorder[3];
        for (int w = 0; w < 3; w++)
        {
            // A buffer of 16 spikes spills many times over 500 steps, also in the middle of a step.
            spilling[w] = SpikeRecorder.spillingTo(dir.resolve("w" + w), 16);
        }
        record(memory, 500);
        record(spilling, 500);
        final int[][] expected = SpikeRecorder.merge(memory);
        // The in-memory merge against the spikes recorded, listed here in (step, neuron) order: both merges share
        // SpikeRecorder.add, so comparing them alone would miss a change there.
        final java.util.List<long[]> recorded = new java.util.ArrayList<>();
        fire(3, 500, (w, step, neuron) -> recorded.add(new long[] {step, neuron}));
        recorded.sort(java.util.Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
        assertEquals(recorded.size(), expected[0].length);
        assertTrue(recorded.size() > 16 * 3 * 10, "every buffer spills many times: " + recorded.size());
        for (int k = 0; k < recorded.size(); k++)
        {
            assertEquals(recorded.get(k)[0], expected[0][k], "step of spike " + k);
            assertEquals(recorded.get(k)[1], expected[1][k], "neuron of spike " + k);
        }
        int kept = 0;
        while (kept < expected[0].length && expected[0][kept] < 450)
        {
            kept++;
        }
        final SpikeFile file = SpikeRecorder.mergeToFile(spilling, dir.resolve("merged"), 450);
        assertEquals(kept, file.count());
        final int[] steps = new int[file.count()];
        final int[] neurons = new int[file.count()];
        for (int k = 0; k < file.count(); k++)
        {
            steps[k] = file.step(k);
            neurons[k] = file.neuron(k);
        }
        assertArrayEquals(java.util.Arrays.copyOf(expected[0], kept), steps);
        assertArrayEquals(java.util.Arrays.copyOf(expected[1], kept), neurons);
        for (int w = 0; w < 3; w++)
        {
            assertFalse(Files.exists(dir.resolve("w" + w)), "the spill files are deleted after the merge");
        }
    }

    @Test
    void aDiscardingRecorderKeepsAtMostItsBuffer()
    {
        final SpikeRecorder recorder = SpikeRecorder.discarding(16);
        for (int i = 0; i < 1000; i++)
        {
            recorder.add(i, i);
        }
        assertEquals(1000 % 16 == 0 ? 16 : 1000 % 16, recorder.size());
    }
}
