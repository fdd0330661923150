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

    /**
     * spnet2006 at 2 threads in one process: the plasticity on a thread of its own beside the dynamics (the
     * pipeline), each thread's windows measured; and dastdp2007's dopamine and reward at 1 thread. Neither had an
     * allocation test (a concurrency review, 2026-12-07, measured both at 0 bytes by hand).
     */
    @Test
    void pipelinedPlasticityAllocatesNothingOnEitherThread()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Network network = Network.build(ReferenceNetworks.spnet2006().threads(2).spikeCapacity(1 << 20)))
        {
            final java.util.List<Long> earlier = workerOnes();
            final long[] plasticity = new long[1];
            final long[] dynamics = new long[WINDOWS + 1];
            final long[] other = new long[WINDOWS + 1];
            network.run(WARM + WINDOWS * WINDOW + 100, (done, total, wall) ->
            {
                if (done == WARM / 2)
                {
                    final java.util.List<Long> started = new java.util.ArrayList<>(workerOnes());
                    started.removeAll(earlier);
                    plasticity[0] = started.size() == 1 ? started.get(0) : -1;
                }
                if (done >= WARM && (done - WARM) % WINDOW == 0 && (done - WARM) / WINDOW <= WINDOWS)
                {
                    final int k = (int)((done - WARM) / WINDOW);
                    dynamics[k] = threads.getCurrentThreadAllocatedBytes();
                    other[k] = threads.getThreadAllocatedBytes(plasticity[0]);
                }
            });
            assertTrue(plasticity[0] > 0, "this network's second thread");
            // -1: a thread the JVM does not measure (or one that ended); the plasticity thread may have allocated
            // nothing at all since it started (0).
            assertTrue(other[0] >= 0 && other[WINDOWS] >= 0, "its allocation is measured: " + Arrays.toString(other));
            assertEquals(0, cleanest(dynamics), "dynamics thread, bytes per " + WINDOW + " steps: " +
                Arrays.toString(dynamics));
            assertEquals(0, cleanest(other), "plasticity thread, bytes per " + WINDOW + " steps: " +
                Arrays.toString(other));
        }
    }

    @Test
    void dopamineModulatedPlasticityAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final org.izhsim.config.ExperimentConfig config =
            org.izhsim.config.ExperimentLoader.load(java.nio.file.Path.of("..", "configs", "dastdp2007.yaml"));
        try (Network network = Network.build(org.izhsim.config.NetworkAssembler.builder(config).threads(1)
            .spikeCapacity(1 << 20)))
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
            assertEquals(0, cleanest(readings), "bytes per " + WINDOW + " steps: " + Arrays.toString(readings));
        }
    }

    /** The smallest of the windows between consecutive readings. */
    private static long cleanest(final long[] readings)
    {
        long min = Long.MAX_VALUE;
        for (int k = 0; k < WINDOWS; k++)
        {
            min = Math.min(min, readings[k + 1] - readings[k]);
        }
        return min;
    }

    private static java.util.List<Long> workerOnes()
    {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("izhsim-worker-1"))
            .map(Thread::getId).toList();
    }
}
