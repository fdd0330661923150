package org.izhsim.network.engine;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.NanoClock;

/**
 * The bookkeeping of a run done by worker 0 after each barrier crossing: step latency into a preallocated
 * histogram, a progress report every {@value #PROGRESS_INTERVAL} steps, and the pacer's wait for the next
 * step's start. Touched only by worker 0's thread; with {@link SliceClaims}, the latency and pacing by the
 * thread that completes each step (one at a time, ordered by the step's release) and the progress by thread 0. A step's latency runs from its start (after any pacing
 * wait) to the end of its barrier crossing, so pacing never shows up as latency.
 */
final class Coordinator
{
    static final int PROGRESS_INTERVAL = 100;

    private final NanoClock clock;
    private final Histogram latency;
    private final ProgressListener listener;
    private final StepPacer pacer;
    private final int totalSteps;
    private final long startNanos;
    private long lastNanos;
    /**
     * The first exception the caller's listener or pacer threw in this run, or null. Such an exception ends the run at
     * the step boundary where it was thrown (a consistent state, as a stop), and the run rethrows it; the callbacks
     * are not called again in the run. Written by the thread that called the callback, before the step's release
     * (or, in a barrier run, before worker 0's next barrier arrival); read by the caller after the run's join.
     */
    private Throwable callbackFailure;

    Coordinator(final NanoClock clock, final Histogram latency, final ProgressListener listener,
        final StepPacer pacer, final int totalSteps)
    {
        this.clock = clock;
        this.latency = latency;
        this.listener = listener;
        this.pacer = pacer;
        this.totalSteps = totalSteps;
        this.startNanos = clock.nanoTime();
        this.lastNanos = startNanos;
        pacer.start(startNanos);
    }

    /**
     * Books a completed step: its latency, the listener's report when due, the pacer's wait.
     *
     * @return false if the listener or the pacer threw (now or earlier in the run): the run must stop here.
     */
    boolean stepCompleted(final int stepsDone, final boolean stopping)
    {
        final long now = clock.nanoTime();
        latency.recordValue(Math.min(Math.max(now - lastNanos, 0), latency.getHighestTrackableValue()));
        lastNanos = now;
        if (callbackFailure != null)
        {
            return false;
        }
        try
        {
            if (stepsDone % PROGRESS_INTERVAL == 0 || stepsDone == totalSteps)
            {
                listener.onProgress(stepsDone, totalSteps, now - startNanos);
            }
            lastNanos = pace(stepsDone, now, stopping);
            return true;
        }
        catch (final Throwable ex)
        {
            callbackFailure = ex;
            return false;
        }
    }

    /** The pacer's wait for the next step; none after the step a stop ends the run with (no next step comes). */
    private long pace(final int stepsDone, final long now, final boolean stopping)
    {
        if (stopping)
        {
            pacer.stopping(stepsDone, now);
            return now;
        }
        return pacer.stepCompleted(stepsDone, now);
    }

    /**
     * {@link SliceClaims}: the latency record and the pacing of a completed step, on whichever thread completed
     * it, before the next step is released (the release/acquire of the step orders these calls); the progress
     * report stays on thread 0, by {@link #progress}.
     */
    boolean stepBooked(final int stepsDone, final boolean stopping)
    {
        final long now = clock.nanoTime();
        latency.recordValue(Math.min(Math.max(now - lastNanos, 0), latency.getHighestTrackableValue()));
        lastNanos = now;
        if (callbackFailure != null)
        {
            return false;
        }
        try
        {
            lastNanos = pace(stepsDone, now, stopping);
            return true;
        }
        catch (final Throwable ex)
        {
            callbackFailure = ex;
            return false;
        }
    }

    /** {@link SliceClaims}: whether {@link #progress} tells the listener after {@code stepsDone} steps. */
    boolean reportsAt(final int stepsDone)
    {
        return listener != ProgressListener.NONE && (stepsDone % PROGRESS_INTERVAL == 0 || stepsDone == totalSteps);
    }

    /**
     * {@link SliceClaims}: tells the listener on thread 0, at the steps {@link #reportsAt} names.
     *
     * @return false if the listener or the pacer threw (now or earlier in the run): the run must stop here.
     */
    boolean progress(final int stepsDone)
    {
        if (callbackFailure != null)
        {
            return false;
        }
        try
        {
            listener.onProgress(stepsDone, totalSteps, clock.nanoTime() - startNanos);
            return true;
        }
        catch (final Throwable ex)
        {
            callbackFailure = ex;
            return false;
        }
    }

    /** What the caller's listener or pacer threw in this run, or null; read after the run's join. */
    Throwable callbackFailure()
    {
        return callbackFailure;
    }

    /** When the last booked step ended (after any pacing): the start of the next. */
    long lastNanos()
    {
        return lastNanos;
    }

    long startNanos()
    {
        return startNanos;
    }
}
