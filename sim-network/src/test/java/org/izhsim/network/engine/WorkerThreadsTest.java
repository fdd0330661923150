package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.stream.Collectors;

import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;

/**
 * Worker threads live from a network's first run to its close, and a closed network runs again on new ones.
 */
class WorkerThreadsTest
{
    @Test
    void threadsAreKeptBetweenRunsAndEndOnClose() throws InterruptedException
    {
        final Set<Thread> before = workerThreads();
        final Network network = Network.build(DeterminismTest.network(3, SpikeDelivery.DELAY_ROWS));
        network.run(20);
        final Set<Thread> started = workerThreads();
        started.removeAll(before);
        assertEquals(2, started.size(), "workers 1 and 2 run on threads of their own");

        network.run(20);
        final Set<Thread> afterSecondRun = workerThreads();
        afterSecondRun.removeAll(before);
        assertEquals(started, afterSecondRun, "the second run reuses the first run's threads and starts no others");

        network.close();
        for (final Thread thread : started)
        {
            thread.join(10_000);
            assertTrue(!thread.isAlive(), thread.getName() + " ended on close");
        }
    }

    /**
     * An ended worker thread's object may outlive it (this test keeps them; Temurin 25 kept one's task reachable
     * through a full GC now and then, where JDK 17 clears it): what it ran must not keep the closed network's
     * memory. Before the fix this failed on Temurin 25 every time (the threads' code held the workers).
     */
    @Test
    void endedWorkerThreadsDoNotKeepTheirClosedNetworksMemory() throws InterruptedException
    {
        final Set<Thread> before = workerThreads();
        Network network = Network.build(DeterminismTest.network(3, SpikeDelivery.DELAY_ROWS));
        network.run(20);
        final Set<Thread> ended = workerThreads();
        ended.removeAll(before);
        final WeakReference<Object> synapses = new WeakReference<>(network.synapses());
        network.close();
        for (final Thread thread : ended)
        {
            thread.join(10_000);
        }
        network = null;
        for (int k = 0; k < 10 && synapses.get() != null; k++)
        {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(synapses.get(), "the closed network's synapses are garbage");
        assertEquals(2, ended.size(), "the two ended threads, still referenced here");
    }

    @Test
    void runsBeforeAndAfterCloseEqualOneRun()
    {
        final SimulationResult whole = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING)).run(300);
        final Network network = Network.build(DeterminismTest.network(2, SpikeDelivery.ARRIVAL_RING));
        final SimulationResult first = network.run(100);
        network.close();
        final SimulationResult second = network.run(200);
        network.close();

        assertEquals(whole.spikeCount(), first.spikeCount() + second.spikeCount());
        final int[] neurons = new int[whole.spikeCount()];
        System.arraycopy(first.spikeNeurons(), 0, neurons, 0, first.spikeCount());
        System.arraycopy(second.spikeNeurons(), 0, neurons, first.spikeCount(), second.spikeCount());
        assertArrayEquals(whole.spikeNeurons(), neurons);
    }

    private static Set<Thread> workerThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("izhsim-worker-") && t.isAlive())
            .collect(Collectors.toSet());
    }
}
