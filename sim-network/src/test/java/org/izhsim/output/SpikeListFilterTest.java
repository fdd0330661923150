package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link SpikeList#only}: the spikes of chosen neuron ranges, in order, read forwards, backwards or at random. */
class SpikeListFilterTest
{
    @Test
    void theFilteredViewHoldsTheChosenNeuronsSpikesInOrder()
    {
        final Random random = new Random(3);
        final int n = 5000;
        final int[] steps = new int[n];
        final int[] ids = new int[n];
        for (int k = 0; k < n; k++)
        {
            steps[k] = k / 7;
            ids[k] = random.nextInt(100);
        }
        final SpikeList all = SpikeList.ofSteps(steps, ids, n);
        final int[] ranges = {10, 20, 95, 100, 0, 1};
        final List<int[]> expected = new ArrayList<>();
        for (int k = 0; k < n; k++)
        {
            if (ids[k] < 1 || ids[k] >= 10 && ids[k] < 20 || ids[k] >= 95)
            {
                expected.add(new int[] {steps[k], ids[k]});
            }
        }
        final SpikeList kept = all.only(ranges);
        assertEquals(expected.size(), kept.count());
        for (int k = 0; k < kept.count(); k++)
        {
            assertEquals(expected.get(k)[0], kept.time(k), 0.0, "forwards " + k);
            assertEquals(expected.get(k)[1], kept.id(k), "forwards " + k);
        }
        for (int k = kept.count() - 1; k >= kept.count() - 50; k--)
        {
            assertEquals(expected.get(k)[1], kept.id(k), "backwards " + k);
        }
        for (int trial = 0; trial < 200; trial++)
        {
            final int k = random.nextInt(kept.count());
            assertEquals(expected.get(k)[0], kept.time(k), 0.0, "at random " + k);
        }
        assertEquals(0, all.only(new int[] {100, 200}).count());
        assertThrows(IndexOutOfBoundsException.class, () -> kept.id(kept.count()));
    }
}
