package org.izhsim.network.engine;

import java.util.Objects;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.NanoClock;

/**
 * Paces a run to the wall clock for closed-loop use: step k of a run (1-based) must complete by
 * start + k x 1 ms / speed, and step k + 1 does not start before that deadline. A late step is counted as a
 * missed deadline and its lateness recorded; the schedule stays fixed (no drift), so a run that fell behind
 * catches up as soon as steps are faster than the period again.
 * <p>
 * Deadlines are on the network's clock ({@code NetworkBuilder.clock}), so give both the same clock. Touched
 * only by the coordinating worker's thread during a run; read its statistics after the run. Steps allocate
 * nothing: the lateness histogram is preallocated.
 */
public final class RealTimePacer implements StepPacer
{
    /** Parking hands the core back until this close to a deadline, then the pacer spins. */
    public static final long DEFAULT_SPIN_NANOS = 100_000;
    private static final double STEP_MS = 1.0;
    private static final long MAX_LATENESS_NANOS = 3_600_000_000_000L;
    /**
     * The slowest pace: 1 ms simulated per wall-clock second. Slower, a step's deadline times the engine's 2^31
     * steps overflows the nanosecond clock (at 1e-13 it did, within the first step), and a stop request (Ctrl-C),
     * seen at the next step boundary, would wait more than a second.
     */
    public static final double MIN_SPEED = 1e-3;
    /** The fastest: a step every microsecond of wall time, beyond which every deadline is missed anyway. */
    public static final double MAX_SPEED = 1e3;

    private final DeadlineWaiter waiter;
    private final double speed;
    private final double periodNanos;
    private final Histogram lateness = new Histogram(MAX_LATENESS_NANOS, 3);
    private long startNanos;
    private long missedDeadlines;

    /**
     * @param speed  simulated ms per wall-clock ms: 1 is real time, 0.5 half speed, 2 twice as fast.
     * @param waiter waits until a deadline on the network's clock.
     */
    public RealTimePacer(final double speed, final DeadlineWaiter waiter)
    {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED))
        {
            throw new IllegalArgumentException("speed must be between " + MIN_SPEED + " and " + MAX_SPEED + ", got " +
                speed);
        }
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.speed = speed;
        this.periodNanos = STEP_MS * 1e6 / speed;
    }

    /** A pacer that parks, then spins, until each deadline on {@code clock}. */
    public static RealTimePacer onClock(final NanoClock clock, final double speed)
    {
        // Refused here: a null clock failed at the run's first early step, and left the network unable to run.
        Objects.requireNonNull(clock, "clock");
        return new RealTimePacer(speed, DeadlineWaiter.spinThenPark(clock, DEFAULT_SPIN_NANOS));
    }

    @Override
    public void start(final long nowNanos)
    {
        startNanos = nowNanos;
        missedDeadlines = 0;
        lateness.reset();
    }

    @Override
    public long stepCompleted(final int stepsDone, final long nowNanos)
    {
        final long deadline = deadline(stepsDone);
        return book(deadline, nowNanos) ? nowNanos : waiter.awaitDeadline(deadline);
    }

    /** The stopping step is booked (on time or late) like any other, but its deadline is not waited for. */
    @Override
    public void stopping(final int stepsDone, final long nowNanos)
    {
        book(deadline(stepsDone), nowNanos);
    }

    private long deadline(final int stepsDone)
    {
        // Rounded from the step count, not accumulated, so the schedule cannot drift over long runs.
        return startNanos + Math.round(stepsDone * periodNanos);
    }

    /** Records the step's lateness; whether it missed its deadline. */
    private boolean book(final long deadline, final long nowNanos)
    {
        if (nowNanos > deadline)
        {
            missedDeadlines++;
            lateness.recordValue(Math.min(nowNanos - deadline, MAX_LATENESS_NANOS));
            return true;
        }
        lateness.recordValue(0);
        return false;
    }

    public double speed()
    {
        return speed;
    }

    /** Steps paced since {@link #start}. */
    public long steps()
    {
        return lateness.getTotalCount();
    }

    /** Steps that completed after their deadline. */
    public long missedDeadlines()
    {
        return missedDeadlines;
    }

    /** How late each step completed, 0 for a step on time, in ns. */
    public Histogram lateness()
    {
        return lateness;
    }
}
