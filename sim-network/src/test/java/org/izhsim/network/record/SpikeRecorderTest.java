package org.izhsim.network.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
        for (int step = 0; step < steps; step++)
        {
            for (int w = 0; w < recorders.length; w++)
            {
                final int fired = (step * 31 + w * 5) % 11;
                int neuron = 100 * w;
                for (int k = 0; k < fired; k++)
                {
                    neuron += 1 + (step + k) % 7;
                    recorders[w].add(step, neuron);
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
