package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;

/**
 * Real-time pacing on a clock driven by hand: waiting moves the clock to the deadline, so the tests know
 * exactly when each step starts and ends.
 */
class RealTimePacerTest
{
    private static final long MS = 1_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final DeadlineWaiter jumpToDeadline = deadline ->
    {
        clock.update(Math.max(clock.nanoTime(), deadline));
        return clock.nanoTime();
    };

    @Test
    void fastStepsWaitForTheirDeadlineAndMissNone()
    {
        final RealTimePacer pacer = new RealTimePacer(1.0, jumpToDeadline);
        clock.update(5 * MS);
        pacer.start(clock.nanoTime());
        for (int step = 1; step <= 10; step++)
        {
            clock.advance(300_000);
            final long next = pacer.stepCompleted(step, clock.nanoTime());
            assertEquals(5 * MS + step * MS, next, "step " + step + " ends on its deadline");
        }
        assertEquals(0, pacer.missedDeadlines());
        assertEquals(10, pacer.steps());
        assertEquals(0, pacer.lateness().getMaxValue());
    }

    @Test
    void aLateStepIsCountedAndTheScheduleDoesNotDrift()
    {
        final RealTimePacer pacer = new RealTimePacer(1.0, jumpToDeadline);
        pacer.start(0);
        clock.update(0);
        clock.advance(2_500_000);
        assertEquals(2_500_000, pacer.stepCompleted(1, clock.nanoTime()), "a late step starts the next at once");
        clock.advance(200_000);
        assertEquals(2_700_000, pacer.stepCompleted(2, clock.nanoTime()), "still 0.7 ms behind step 2's deadline");
        clock.advance(200_000);
        assertEquals(3 * MS, pacer.stepCompleted(3, clock.nanoTime()), "caught up: step 3 keeps its deadline");
        assertEquals(2, pacer.missedDeadlines());
        assertEquals(1_500_000, pacer.lateness().getMaxValue(), 1_500_000 / 1000.0);
        assertEquals(3, pacer.lateness().getTotalCount());
    }

    @Test
    void speedScalesThePeriod()
    {
        final RealTimePacer twice = new RealTimePacer(2.0, jumpToDeadline);
        twice.start(0);
        clock.update(0);
        assertEquals(MS / 2, twice.stepCompleted(1, 0));
        final RealTimePacer third = new RealTimePacer(1.0 / 3, jumpToDeadline);
        third.start(0);
        clock.update(0);
        assertEquals(3 * MS, third.stepCompleted(1, 0));
        assertEquals(30 * MS, third.stepCompleted(10, 3 * MS), "deadlines are rounded from the step count");
    }

    @Test
    void speedMustBeFromAThousandthToAThousand()
    {
        assertThrows(IllegalArgumentException.class, () -> new RealTimePacer(1e-13, jumpToDeadline));
        assertThrows(IllegalArgumentException.class, () -> new RealTimePacer(1e4, jumpToDeadline));
        new RealTimePacer(RealTimePacer.MIN_SPEED, jumpToDeadline);
        new RealTimePacer(RealTimePacer.MAX_SPEED, jumpToDeadline);
        assertThrows(IllegalArgumentException.class, () -> new RealTimePacer(0, jumpToDeadline));
        assertThrows(IllegalArgumentException.class, () -> new RealTimePacer(-1, jumpToDeadline));
        assertThrows(IllegalArgumentException.class, () -> new RealTimePacer(Double.NaN, jumpToDeadline));
        assertThrows(IllegalArgumentException.class, () -> new RealTimePacer(Double.POSITIVE_INFINITY, jumpToDeadline));
    }

    @Test
    void aPacedRunTakesExactlyItsSimulatedTimeOnTheClockAndChangesNoSpike()
    {
        final SimulationResult free = Network.build(cortex(2, new SystemNanoClock())).run(120);
        final NetworkBuilder paced = cortex(2, clock);
        final Network network = Network.build(paced);
        final RealTimePacer pacer = new RealTimePacer(1.0, jumpToDeadline);
        final SimulationResult result = network.run(120, ProgressListener.NONE, pacer);

        assertArrayEquals(free.spikeSteps(), result.spikeSteps());
        assertArrayEquals(free.spikeNeurons(), result.spikeNeurons());
        assertEquals(120 * MS, result.runNanos(), "the hand-driven clock only moves when the pacer waits");
        assertEquals(1.0, result.realTimeFactor(), 1e-12);
        assertEquals(120, pacer.steps());
        assertEquals(0, pacer.missedDeadlines());
        assertEquals(0, result.stepLatency().getMaxValue(), "waiting is not step latency");
    }

    @Test
    void onTheWallClockARunIsNeverShorterThanItsSimulatedTime()
    {
        final SystemNanoClock wall = new SystemNanoClock();
        final Network network = Network.build(cortex(1, wall));
        final RealTimePacer pacer = RealTimePacer.onClock(wall, 2.0);
        final SimulationResult result = network.run(100, ProgressListener.NONE, pacer);
        assertTrue(result.runNanos() >= 50 * MS, "100 steps at speed 2 need >= 50 ms, took " + result.runNanos());
        assertEquals(100, pacer.steps());
        assertEquals(100, pacer.lateness().getTotalCount());
    }

    private static NetworkBuilder cortex(final int threads, final org.agrona.concurrent.NanoClock clock)
    {
        return ReferenceNetworks.cortex2003().seed(7).threads(threads).clock(clock);
    }
}
