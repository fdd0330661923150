package org.izhsim.network.engine;

import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.NanoClock;

/**
 * Waits until a clock reaches a deadline. Injected into {@link RealTimePacer} so that tests drive time by hand.
 */
@FunctionalInterface
public interface DeadlineWaiter
{
    /** Returns at or after {@code deadlineNanos} on the waiter's clock, and the clock's time then. */
    long awaitDeadline(long deadlineNanos);

    /**
     * Parks while the deadline is far, then spins: parking alone wakes 50-100 us late on Linux, spinning alone
     * burns a core that the other worker may need.
     *
     * @param clock     the clock the deadlines are on.
     * @param spinNanos how close to the deadline parking stops and spinning starts.
     */
    static DeadlineWaiter spinThenPark(final NanoClock clock, final long spinNanos)
    {
        return deadlineNanos ->
        {
            long now = clock.nanoTime();
            while (deadlineNanos - now > spinNanos)
            {
                LockSupport.parkNanos(deadlineNanos - now - spinNanos);
                now = clock.nanoTime();
            }
            while (now < deadlineNanos)
            {
                Thread.onSpinWait();
                now = clock.nanoTime();
            }
            return now;
        };
    }
}
