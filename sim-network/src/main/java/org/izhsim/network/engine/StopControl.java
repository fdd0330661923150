package org.izhsim.network.engine;

/**
 * How the workers of a network agree to end a run early at one and the same step boundary, for any number
 * of workers.
 * <p>
 * A stop is decided during a step t by the worker that needs it and published as {@link #lastStep} = t
 * before that worker arrives at the step barrier; every worker reads it after crossing the barrier (whose
 * release/acquire pair orders the write before the read) and leaves its loop after step t. Two causes:
 * a worker whose threshold pass finds a non-finite neuron (deterministic: the same step for any thread
 * count), and {@link #request()} from any thread, which worker 0 turns into a decision at the end of its
 * next step (so that no worker can see the request one step earlier than another). All writers of one step
 * write the same value. The step loop pays one volatile read per worker per step (worker 0: two), a plain
 * load on x86, of a line written only when a run stops.
 */
final class StopControl
{
    private static final long NONE = Long.MAX_VALUE;

    /** Set by {@link #request()}, cleared when a run stops for it. */
    private volatile boolean requested;
    /** The coordinating thread's own: it took an interrupt of itself as a request during this run ({@link #takeInterrupt}). */
    private boolean interruptTaken;
    private volatile long lastStep = NONE;

    /** Asks the current run (or the next, if none is under way) to stop at its next step boundary. */
    void request()
    {
        requested = true;
    }

    boolean requested()
    {
        return requested;
    }

    /**
     * On the coordinating thread (the caller of run), at each step and in its waits: an interrupt of it is a stop
     * request. The flag is cleared, so that its parks park instead of returning at once (a loop of them spun at 100 %
     * CPU until the run's end), and set again by the caller at the run's end ({@link #interruptTakenInRun}).
     *
     * @return whether it was interrupted.
     */
    boolean takeInterrupt()
    {
        if (Thread.interrupted())
        {
            interruptTaken = true;
            requested = true;
            return true;
        }
        return false;
    }

    /** At the end of a run, on the coordinating thread: whether it took an interrupt in the run; forgets it. */
    boolean interruptTakenInRun()
    {
        final boolean taken = interruptTaken;
        interruptTaken = false;
        return taken;
    }

    /** Called by a worker during step {@code step}, before its barrier arrival. */
    void stopAfter(final long step)
    {
        lastStep = step;
    }

    /** True once some worker decided that {@code step} is the run's last; read after the barrier. */
    boolean stopsAfter(final long step)
    {
        return lastStep <= step;
    }

    /** Between runs, on the coordinating thread: consumes the decision (and the request it answered, if any). */
    void reset(final boolean consumeRequest)
    {
        lastStep = NONE;
        if (consumeRequest)
        {
            requested = false;
        }
    }
}
