package org.izhsim.network.engine;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.NanoClock;

/**
 * The bookkeeping of a run done by worker 0 after each barrier crossing: step latency into a preallocated
 * histogram and a progress report every {@value #PROGRESS_INTERVAL} steps. Touched only by worker 0's thread.
 */
final class Coordinator
{
    static final int PROGRESS_INTERVAL = 100;

    private final NanoClock clock;
    private final Histogram latency;
    private final ProgressListener listener;
    private final int totalSteps;
    private final long startNanos;
    private long lastNanos;

    Coordinator(final NanoClock clock, final Histogram latency, final ProgressListener listener, final int totalSteps)
    {
        this.clock = clock;
        this.latency = latency;
        this.listener = listener;
        this.totalSteps = totalSteps;
        this.startNanos = clock.nanoTime();
        this.lastNanos = startNanos;
    }

    void stepCompleted(final int stepsDone)
    {
        final long now = clock.nanoTime();
        latency.recordValue(Math.min(Math.max(now - lastNanos, 0), latency.getHighestTrackableValue()));
        lastNanos = now;
        if (stepsDone % PROGRESS_INTERVAL == 0 || stepsDone == totalSteps)
        {
            listener.onProgress(stepsDone, totalSteps, now - startNanos);
        }
    }

    long startNanos()
    {
        return startNanos;
    }
}
