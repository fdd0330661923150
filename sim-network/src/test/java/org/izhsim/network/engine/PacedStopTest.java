package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a paced run stops: at the next step boundary, within a period, without waiting for a deadline or spinning. */
class PacedStopTest
{
    /**
     * A stop decided in a step went on to wait for that step's deadline: at 0.001 x real time the run ended up to two
     * periods (2 s) after the request. On a clock driven by the waiter: a request during step 5's wait ends the run
     * after step 6 with no wait for step 6's deadline; the step is still booked by the pacer.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    @Timeout(60)
    void aStopDoesNotWaitForTheDeadlineOfTheStepItEndsTheRunWith(final int threads)
    {
        final CachedNanoClock clock = new CachedNanoClock();
        final AtomicReference<Network> network = new AtomicReference<>();
        final AtomicInteger waits = new AtomicInteger();
        final DeadlineWaiter waiter = deadline ->
        {
            if (waits.incrementAndGet() == 5)
            {
                network.get().requestStop();
            }
            clock.update(Math.max(clock.nanoTime(), deadline));
            return clock.nanoTime();
        };
        final RealTimePacer pacer = new RealTimePacer(RealTimePacer.MIN_SPEED, waiter);
        try (Network n = Network.build(DeterminismTest.network(threads, SpikeDelivery.ARRIVAL_RING).clock(clock)))
        {
            network.set(n);
            final SimulationResult result = n.run(100, ProgressListener.NONE, pacer);
            assertEquals(SimulationResult.StopReason.INTERRUPTED, result.stopReason());
            assertEquals(6, result.steps(), "the request made during step 5's wait ends the run after step 6");
            assertEquals(5, waits.get(), "no wait for the deadline of the step the stop ends the run with");
            assertEquals(6, pacer.steps(), "the stopping step is booked");
            assertEquals(0, pacer.missedDeadlines());
        }
    }

    /**
     * Interrupting the thread that runs a paced run made it spin at 100 % CPU until the run's end (parking returns at
     * once under a set interrupt flag): it is a stop request now, the run ends within a period, the flag stays set.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    @Timeout(60)
    void anInterruptOfTheRunningThreadStopsAPacedRunWithoutSpinning(final int threads) throws Exception
    {
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Network n = Network.build(DeterminismTest.network(threads, SpikeDelivery.ARRIVAL_RING)))
        {
            n.run(5);
            final AtomicReference<SimulationResult> result = new AtomicReference<>();
            final AtomicBoolean flagAfter = new AtomicBoolean();
            final AtomicLong cpuAtEnd = new AtomicLong();
            final AtomicLong wallAtEnd = new AtomicLong();
            // 0.001 x real time: a step a second; the interrupt comes during step 1's wait.
            final Thread runner = new Thread(() ->
            {
                result.set(n.run(30, ProgressListener.NONE,
                    RealTimePacer.onClock(new SystemNanoClock(), RealTimePacer.MIN_SPEED)));
                wallAtEnd.set(System.nanoTime());
                cpuAtEnd.set(mx.getCurrentThreadCpuTime());
                flagAfter.set(Thread.currentThread().isInterrupted());
            }, "paced-run");
            runner.start();
            Thread.sleep(300);
            final long cpuAtInterrupt = mx.getThreadCpuTime(runner.getId());
            final long wallAtInterrupt = System.nanoTime();
            runner.interrupt();
            runner.join(5_000);
            final boolean ended = !runner.isAlive();
            if (!ended)
            {
                n.requestStop();
                runner.join();
            }
            assertTrue(ended, "the run went on after its thread was interrupted");
            assertNotNull(result.get());
            assertEquals(SimulationResult.StopReason.INTERRUPTED, result.get().stopReason());
            assertTrue(result.get().steps() <= 2, "steps " + result.get().steps());
            assertTrue(flagAfter.get(), "the interrupt flag is the caller's again after the run");
            final long wall = wallAtEnd.get() - wallAtInterrupt;
            final long cpu = cpuAtEnd.get() - cpuAtInterrupt;
            assertTrue(wall < 1_500_000_000L, "ended " + wall / 1e6 + " ms after the interrupt, at most a period");
            assertTrue(cpu < wall / 2 + 50_000_000L, "spun: " + cpu / 1e6 + " ms of CPU in " + wall / 1e6 + " ms");
            assertFalse(n.stopPending(), "the interrupt's request is answered");
            assertEquals(SimulationResult.StopReason.COMPLETED, n.run(10).stopReason(), "runs on");
        }
    }

    /**
     * An interrupt that ended thread 0's wait for a deadline was taken as a request only when thread 0 began the next
     * step: descheduled in between, it let another thread run that step whole, and the next, and the run went on
     * (PacedStopTest's interrupt test ended once after 3 steps, not at most 2). Here thread 0 is held back right after
     * the release (its idle strategy's reset, which it calls there, spins 200 ms once) while thread 1 claims every
     * slice: the run still ends after the step that follows the wait.
     */
    @Test
    @Timeout(60)
    void anInterruptEndingThreadZerosWaitIsARequestBeforeAnotherThreadRunsTheNextStep()
    {
        final Thread caller = Thread.currentThread();
        final CachedNanoClock clock = new CachedNanoClock();
        final AtomicInteger waits = new AtomicInteger();
        final AtomicInteger interruptedAtWait = new AtomicInteger();
        final AtomicBoolean holdBack = new AtomicBoolean();
        final DeadlineWaiter waiter = deadline ->
        {
            final int wait = waits.incrementAndGet();
            if (Thread.currentThread() == caller && interruptedAtWait.get() == 0)
            {
                // As the parking waiter does when interrupted: back at once, the flag left set.
                interruptedAtWait.set(wait);
                holdBack.set(true);
                caller.interrupt();
                return clock.nanoTime();
            }
            if (interruptedAtWait.get() == 0)
            {
                // Thread 1 completed this step: a pause lets thread 0 complete one of the next (on a busy machine,
                // thread 1 alone ran all 1000 steps once, and thread 0 never waited; again, with 1 ms pauses, while a
                // verify and two other JVMs shared the 2 cores: 5000 steps of 2 ms now, ended by thread 0's first wait).
                LockSupport.parkNanos(2_000_000L);
            }
            clock.update(Math.max(clock.nanoTime(), deadline));
            return clock.nanoTime();
        };
        final AtomicInteger supplied = new AtomicInteger();
        final RealTimePacer pacer = new RealTimePacer(RealTimePacer.MIN_SPEED, waiter);
        try (Network n = Network.build(DeterminismTest.network(2, SpikeDelivery.ARRIVAL_RING).clock(clock)
            .idleStrategy(() -> supplied.getAndIncrement() == 0 ? new HeldBack(holdBack) : new BusySpinIdleStrategy())))
        {
            n.sliceClaims().alwaysTeam();
            final SimulationResult result = n.run(5000, ProgressListener.NONE, pacer);
            final boolean flagSet = Thread.interrupted();
            assertTrue(interruptedAtWait.get() > 0, "thread 0 never waited for a deadline");
            assertEquals(SimulationResult.StopReason.INTERRUPTED, result.stopReason());
            // The wait after the k-th step's completion; the step after it is the run's last.
            assertEquals(interruptedAtWait.get() + 1, result.steps(), "the run ends after the step that follows the wait");
            assertTrue(flagSet, "the interrupt flag is the caller's again after the run");
        }
        finally
        {
            Thread.interrupted();
        }
    }

    /** Thread 0's idle strategy: its first reset after {@code holdBack} is set spins 200 ms (a descheduled thread). */
    private static final class HeldBack implements IdleStrategy
    {
        private final AtomicBoolean holdBack;

        HeldBack(final AtomicBoolean holdBack)
        {
            this.holdBack = holdBack;
        }

        @Override
        public void idle(final int workCount)
        {
            idle();
        }

        @Override
        public void idle()
        {
            Thread.onSpinWait();
        }

        @Override
        public void reset()
        {
            if (holdBack.compareAndSet(true, false))
            {
                // Not a sleep: the interrupt flag is set, and sleeps and parks return at once under it.
                final long end = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < end)
                {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
