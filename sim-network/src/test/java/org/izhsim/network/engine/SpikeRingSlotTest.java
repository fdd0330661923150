package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The ring's slot of a step is the step modulo the slots for every step the engine asks about, from the steps before
 * 0 that the first deliveries read to the last step a network may run, with and without a pipeline's lead.
 */
class SpikeRingSlotTest
{
    @Test
    void theSlotOfAStepIsItsFloorModuloTheSlotsFromBeforeStepZeroToTheLastStep()
    {
        for (final int lead : new int[] {0, 16})
        {
            for (final int maxDelay : new int[] {1, 20, 1000})
            {
                final SpikeRing ring = new SpikeRing(maxDelay, 1, new int[] {0}, new int[][] {{0, 1}}, lead);
                final long slots = maxDelay + 1 + lead;
                for (long step = -slots; step <= 3 * slots; step++)
                {
                    assertEquals(Math.floorMod(step, slots), ring.slotOf(step), "step " + step);
                }
                for (final long step : new long[] {Integer.MAX_VALUE - 1L, Integer.MAX_VALUE, 1L << 40})
                {
                    assertEquals(Math.floorMod(step, slots), ring.slotOf(step), "step " + step);
                }
            }
        }
    }
}
