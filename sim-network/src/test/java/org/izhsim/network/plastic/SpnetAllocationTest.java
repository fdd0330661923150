package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.junit.jupiter.api.Test;

/**
 * The plastic step loop allocates nothing: bytes allocated by the (single) running thread over windows of
 * 1000 steps, each holding one weight update, after a warm-up. As in the engine's SteadyStateAllocationTest,
 * one clean window is asked for, since the JVM now and then allocates on a thread outside our code.
 */
class SpnetAllocationTest
{
    private static final int WARM = 2000;
    private static final int WINDOW = 1000;
    private static final int WINDOWS = 3;

    @Test
    void plasticStepLoopWithWeightUpdatesAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Network network = Network.build(ReferenceNetworks.spnet2006().threads(1).spikeCapacity(1 << 20)))
        {
            final long[] readings = new long[WINDOWS + 1];
            network.run(WARM + WINDOWS * WINDOW + 100, (done, total, wall) ->
            {
                if (done >= WARM && (done - WARM) % WINDOW == 0 && (done - WARM) / WINDOW <= WINDOWS)
                {
                    readings[(int)((done - WARM) / WINDOW)] = threads.getCurrentThreadAllocatedBytes();
                }
            });
            assertTrue(readings[0] > 0, "allocation measurement must be supported");
            final long[] windows = new long[WINDOWS];
            for (int k = 0; k < WINDOWS; k++)
            {
                windows[k] = readings[k + 1] - readings[k];
            }
            assertEquals(0, Arrays.stream(windows).min().orElseThrow(), "bytes per " + WINDOW + " steps: " +
                Arrays.toString(windows));
        }
    }
}
