package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The step loop allocates nothing once warm (LMAX Disruptor's rule): bytes allocated by the running threads,
 * measured with com.sun.management.ThreadMXBean over four windows of 500 steps after a 1000-step warm-up, in
 * a run whose spike record is presized.
 * <p>
 * Any allocation in the step loop, even one every few hundred steps, shows in every window. The JVM itself
 * now and then allocates a few hundred bytes on a thread outside our code (seen under load, and with C1 only),
 * so the test asks for one clean window per thread rather than four.
 */
class SteadyStateAllocationTest
{
    private static final int WARM = 1000;
    private static final int WINDOW = 500;
    private static final int WINDOWS = 4;
    private static final int STEPS = WARM + WINDOWS * WINDOW + 100;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void singleThreadStepLoopAllocatesNothing(final SpikeDelivery delivery)
    {
        final Network network = Network.build(DeterminismTest.network(1, delivery).spikeCapacity(1 << 20)
            .recordTraces(3, 1700));
        final long[] readings = unread();
        network.run(STEPS, (done, total, wall) ->
        {
            final int k = windowBoundary(done);
            if (k >= 0)
            {
                readings[k] = THREADS.getCurrentThreadAllocatedBytes();
            }
        });
        assertTrue(readings[0] > 0, "allocation measurement must be supported");
        assertTaken(readings);
        assertEquals(0, cleanest(readings),
            "bytes allocated per " + WINDOW + " steps: " + Arrays.toString(windows(readings)));
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void twoThreadStepLoopAllocatesNothingOnEitherThread(final SpikeDelivery delivery)
    {
        final Network network = Network.build(DeterminismTest.network(2, delivery).spikeCapacity(1 << 20));
        // This network's worker 1 (its threads start with its first run), not one of an earlier network of the
        // same JVM still waiting for its cleaner: found by name alone, an idle one was measured (readings all 0).
        final List<Long> earlier = workerOnes();
        final List<Long> started = new java.util.ArrayList<>();
        final long[] workerId = new long[1];
        final long[] coordinator = unread();
        final long[] worker = unread();
        network.run(STEPS, (done, total, wall) ->
        {
            if (done == WARM / 2)
            {
                started.addAll(workerOnes());
                started.removeAll(earlier);
                workerId[0] = started.isEmpty() ? 0 : started.get(0);
            }
            final int k = windowBoundary(done);
            if (k >= 0)
            {
                // Worker 1 is at most one step ahead, so its counts cover the same windows to within a step.
                worker[k] = THREADS.getThreadAllocatedBytes(workerId[0]);
                coordinator[k] = THREADS.getCurrentThreadAllocatedBytes();
            }
        });
        assertEquals(1, started.size(), "one worker 1 started by this network: " + started);
        assertTaken(coordinator);
        assertTaken(worker);
        assertEquals(0, cleanest(coordinator), "bytes allocated by the coordinating worker per " + WINDOW +
            " steps: " + Arrays.toString(windows(coordinator)));
        assertEquals(0, cleanest(worker),
            "bytes allocated by worker 1 per " + WINDOW + " steps: " + Arrays.toString(windows(worker)));
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void conductancesAndStpAllocateNothing(final SpikeDelivery delivery)
    {
        final Network network = Network.build(ReceptorStageTest.cobaNetwork(1, delivery).spikeCapacity(1 << 20)
            .recordTraces(3));
        final long[] readings = unread();
        network.run(STEPS, (done, total, wall) ->
        {
            final int k = windowBoundary(done);
            if (k >= 0)
            {
                readings[k] = THREADS.getCurrentThreadAllocatedBytes();
            }
        });
        assertTaken(readings);
        assertEquals(0, cleanest(readings),
            "bytes allocated per " + WINDOW + " steps: " + Arrays.toString(windows(readings)));
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void partitionedStepLoopAllocatesNothingAroundTheExchange(final SpikeDelivery delivery)
    {
        // Rank 0 of 2 (neurons 0..999 of 2000) whose partner "fires" the mirror of its spikes (id + 1000): the
        // step's exchange, the ring's fill and the recording of the other rank's spikes all run. While building,
        // it sends what rank 0 sends (the same thread count).
        final boolean[] running = new boolean[1];
        final SpikeExchange mirror = new SpikeExchange()
        {
            @Override
            public int rank()
            {
                return 0;
            }

            @Override
            public int size()
            {
                return 2;
            }

            @Override
            public int exchange(final int[] fired, final int count, final int[] all)
            {
                System.arraycopy(fired, 0, all, 0, count);
                int n = count;
                for (int i = 0; i < count; i++)
                {
                    all[n++] = running[0] && fired[i] >= 0 ? fired[i] + 1000 : fired[i];
                }
                return n;
            }

            @Override
            public void abort(final int exitCode)
            {
            }

            @Override
            public void close()
            {
            }
        };
        final Network network = Network.build(DeterminismTest.network(1, delivery).spikeCapacity(1 << 20).plan(),
            mirror);
        running[0] = true;
        final long[] readings = unread();
        final SimulationResult result = network.run(STEPS, (done, total, wall) ->
        {
            final int k = windowBoundary(done);
            if (k >= 0)
            {
                readings[k] = THREADS.getCurrentThreadAllocatedBytes();
            }
        });
        assertTrue(result.spikeCount() > 0 && result.spikeNeurons()[result.spikeCount() - 1] >= 1000,
            "the mirrored spikes must be recorded");
        assertTaken(readings);
        assertEquals(0, cleanest(readings),
            "bytes allocated per " + WINDOW + " steps: " + Arrays.toString(windows(readings)));
    }

    /** The ids of the live threads named izhsim-worker-1. */
    private static List<Long> workerOnes()
    {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("izhsim-worker-1"))
            .map(Thread::getId).toList();
    }

    /** Progress arrives every 100 steps; the windows start and end on multiples of it. */
    private static int windowBoundary(final long done)
    {
        final int k = (int)((done - WARM) / WINDOW);
        return done >= WARM && (done - WARM) % WINDOW == 0 && k <= WINDOWS ? k : -1;
    }

    private static final long UNREAD = Long.MIN_VALUE;

    /** Readings at the WINDOWS + 1 boundaries, none taken yet. */
    private static long[] unread()
    {
        final long[] readings = new long[WINDOWS + 1];
        Arrays.fill(readings, UNREAD);
        return readings;
    }

    /**
     * Every window boundary was read, and read a count (the JVM's -1 is "not measured"): with readings that start
     * at 0, a boundary the progress reports never reached stayed 0, and a window between two unread boundaries
     * counted 0 - 0 = 0 bytes, an allocation-free window that was never measured. (A worker thread may really
     * have allocated 0 bytes since it started, so 0 itself is a reading.)
     */
    private static void assertTaken(final long[] readings)
    {
        for (int k = 0; k < readings.length; k++)
        {
            assertTrue(readings[k] != UNREAD && readings[k] >= 0, "no allocation reading at step " +
                (WARM + k * WINDOW) + ": " + Arrays.toString(readings));
        }
    }

    private static long cleanest(final long[] readings)
    {
        return Arrays.stream(windows(readings)).min().orElseThrow();
    }

    private static long[] windows(final long[] readings)
    {
        final long[] bytes = new long[WINDOWS];
        for (int k = 0; k < WINDOWS; k++)
        {
            bytes[k] = readings[k + 1] - readings[k];
        }
        return bytes;
    }
}
