package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.SystemNanoClock;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A caller's listener, pacer or clock that throws what Java would call a checked exception without declaring it (a
 * Kotlin or Groovy lambda, Lombok's @SneakyThrows) went past the engine's catches of RuntimeException and Error: with
 * one thread the next run numbered its steps from the failed run's first again (other noise, other spikes, no
 * error); with two, a worker thread stayed in the old run and the next run hung for good. A concurrency review found
 * them (2026-12-07).
 */
class UndeclaredCallbackFailureTest
{
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(final Throwable t) throws T
    {
        throw (T)t;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @Timeout(60)
    void aListenersUndeclaredCheckedExceptionEndsTheRunAndTheNetworkRunsOn(final int threads)
    {
        final IOException thrown = new IOException("from the listener");
        try (Network n = Network.build(DeterminismTest.network(threads, SpikeDelivery.ARRIVAL_RING));
             Network reference = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING)))
        {
            final IllegalStateException caught = assertThrows(IllegalStateException.class, () -> n.run(400,
                (done, total, nanos) ->
                {
                    if (done >= 200)
                    {
                        sneakyThrow(thrown);
                    }
                }));
            assertSame(thrown, caught.getCause(), "the caller's exception, as the cause of an unchecked one");
            assertEquals(200, n.currentStep(), "the run ended at the listener's step, and says so");
            final SimulationResult next = n.run(100);
            reference.run(200);
            final SimulationResult expected = reference.run(100);
            assertEquals(200, next.firstStep());
            assertEquals(expected.spikeCount(), next.spikeCount(), "steps 200..299, as a network that ran on");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @Timeout(60)
    void aPacersUndeclaredCheckedExceptionEndsTheRunWithoutAHang(final int threads)
    {
        try (Network n = Network.build(DeterminismTest.network(threads, SpikeDelivery.ARRIVAL_RING)))
        {
            final StepPacer pacer = new StepPacer()
            {
                @Override
                public void start(final long nowNanos)
                {
                }

                @Override
                public long stepCompleted(final int stepsDone, final long nowNanos)
                {
                    if (stepsDone == 150)
                    {
                        sneakyThrow(new IOException("from the pacer"));
                    }
                    return nowNanos;
                }
            };
            final IllegalStateException caught = assertThrows(IllegalStateException.class,
                () -> n.run(400, ProgressListener.NONE, pacer));
            assertTrue(caught.getCause() instanceof IOException, String.valueOf(caught.getCause()));
            final long at = n.currentStep();
            assertTrue(at > 0 && at <= 151, "ended at the pacer's step: " + at);
            assertEquals(at, n.run(50).firstStep(), "the next run goes on from there, and ends");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    @Timeout(60)
    void aClockThatThrowsAfterTheLastStepBreaksTheNetworkInsteadOfRenumberingItsSteps(final int threads)
    {
        final SystemNanoClock system = new SystemNanoClock();
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicBoolean thrown = new AtomicBoolean();
        final org.agrona.concurrent.NanoClock clock = () ->
        {
            if (armed.get() && thrown.compareAndSet(false, true))
            {
                throw new ArithmeticException("clock");
            }
            return system.nanoTime();
        };
        try (Network n = Network.build(DeterminismTest.network(threads, SpikeDelivery.ARRIVAL_RING).clock(clock)))
        {
            // Armed at the last progress report: the clock's next call is the run's end.
            assertThrows(ArithmeticException.class, () -> n.run(100, (done, total, nanos) -> armed.set(done == total)));
            assertTrue(thrown.get());
            final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> n.run(10));
            assertTrue(refused.getMessage().contains("clock"), refused.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    @Timeout(60)
    void anUnclosedNetworkWhoseListenerRefersToItIsStillFreedWithItsThreads() throws InterruptedException
    {
        final Set<Thread> before = workerThreads();
        final WeakReference<Network> weak = runUnclosed();
        final Set<Thread> started = workerThreads();
        started.removeAll(before);
        assertEquals(1, started.size(), "worker 1's thread");
        for (int k = 0; k < 40 && weak.get() != null; k++)
        {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(weak.get(), "the unclosed network is garbage");
        for (final Thread thread : started)
        {
            for (int k = 0; k < 40 && thread.isAlive(); k++)
            {
                System.gc();
                thread.join(250);
            }
            assertTrue(!thread.isAlive(), thread.getName() + " ended with its network");
        }
    }

    /** A 2-thread network run once with a listener that refers to it, then dropped unclosed. */
    private static WeakReference<Network> runUnclosed()
    {
        final Network network = Network.build(DeterminismTest.network(2, SpikeDelivery.ARRIVAL_RING));
        network.run(50, (done, total, nanos) ->
        {
            if (done < 0)
            {
                network.requestStop();
            }
        });
        return new WeakReference<>(network);
    }

    private static Set<Thread> workerThreads()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("izhsim-worker-") && t.isAlive())
            .collect(java.util.stream.Collectors.toSet());
    }
}
