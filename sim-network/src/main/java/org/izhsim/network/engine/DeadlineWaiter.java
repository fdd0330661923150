package org.izhsim.network.engine;

import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.NanoClock;

/**
 * Waits until a clock reaches a deadline. Injected into {@link RealTimePacer} so that tests drive time by hand.
 */
@FunctionalInterface
public interface DeadlineWaiter
{
    /**
     * Returns at or after {@code deadlineNanos} on the waiter's clock, and the clock's time then; or at once, when the
     * thread is interrupted (its flag left set: the network takes it as a stop request at the next step).
     */
    long awaitDeadline(long deadlineNanos);

    /**
     * Parks while the deadline is far, then spins: parking alone wakes 50-100 us late on Linux, spinning alone
     * burns a core that the other worker may need. An interrupted thread does not wait (parking returns at once
     * while its flag is set: the loop spun at 100 % CPU until the deadline, and the run went on).
     *
     * @param clock     the clock the deadlines are on.
     * @param spinNanos how close to the deadline parking stops and spinning starts.
     */
    static DeadlineWaiter spinThenPark(final NanoClock clock, final long spinNanos)
    {
        java.util.Objects.requireNonNull(clock, "clock");
        return deadlineNanos ->
        {
            final Thread self = Thread.currentThread();
            long now = clock.nanoTime();
            while (deadlineNanos - now > spinNanos && !self.isInterrupted())
            {
                LockSupport.parkNanos(deadlineNanos - now - spinNanos);
                now = clock.nanoTime();
            }
            while (now < deadlineNanos && !self.isInterrupted())
            {
                Thread.onSpinWait();
                now = clock.nanoTime();
            }
            return now;
        };
    }
}
