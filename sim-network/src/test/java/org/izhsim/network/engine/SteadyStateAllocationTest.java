package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.izhsim.network.build.SpikeDelivery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The step loop allocates nothing once warm (LMAX Disruptor's rule): bytes allocated by the running threads,
 * measured with com.sun.management.ThreadMXBean between steps 1000 and 3000 of a run whose spike record is
 * presized.
 */
class SteadyStateAllocationTest
{
    private static final int STEPS = 3000;
    private static final int WARM = 1000;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void singleThreadStepLoopAllocatesNothing(final SpikeDelivery delivery)
    {
        final Network network = DeterminismTest.network(1, delivery).spikeCapacity(1 << 20).recordTraces(3, 1700)
            .build();
        final long[] allocated = new long[2];
        network.run(STEPS, (done, total, wall) ->
        {
            if (done == WARM)
            {
                allocated[0] = THREADS.getCurrentThreadAllocatedBytes();
            }
            else if (done == STEPS)
            {
                allocated[1] = THREADS.getCurrentThreadAllocatedBytes();
            }
        });
        assertTrue(allocated[0] > 0, "allocation measurement must be supported");
        assertEquals(0, allocated[1] - allocated[0], "bytes allocated in " + (STEPS - WARM) + " steps");
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void twoThreadStepLoopAllocatesNothingOnEitherThread(final SpikeDelivery delivery)
    {
        final Network network = DeterminismTest.network(2, delivery).spikeCapacity(1 << 20).build();
        final long[] ids = new long[2];
        final long[] before = new long[2];
        final long[] after = new long[2];
        network.run(STEPS, (done, total, wall) ->
        {
            if (done == WARM / 2)
            {
                ids[0] = Thread.currentThread().getId();
                for (final Thread t : Thread.getAllStackTraces().keySet())
                {
                    if (t.getName().equals("izhsim-worker-1"))
                    {
                        ids[1] = t.getId();
                    }
                }
            }
            else if (done == WARM)
            {
                before[0] = THREADS.getCurrentThreadAllocatedBytes();
                before[1] = THREADS.getThreadAllocatedBytes(ids[1]);
            }
            else if (done == STEPS - 100)
            {
                // The worker may already be in its last step; its count is complete up to there either way.
                after[1] = THREADS.getThreadAllocatedBytes(ids[1]);
                after[0] = THREADS.getCurrentThreadAllocatedBytes();
            }
        });
        assertTrue(ids[1] != 0, "worker thread found");
        assertEquals(0, after[0] - before[0], "bytes allocated by the coordinating worker");
        assertEquals(0, after[1] - before[1], "bytes allocated by worker 1");
    }
}
