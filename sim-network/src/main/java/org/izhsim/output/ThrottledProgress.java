package org.izhsim.output;

import java.io.PrintStream;

/**
 * Checks the print interval so both printing reporters throttle the same way: a call that does not
 * print costs one comparison and allocates nothing. Used by one thread.
 */
abstract class ThrottledProgress implements ProgressReporter
{
    protected final PrintStream out;
    protected final double msPerStep;
    protected final StringBuilder text = new StringBuilder(128);
    private final long intervalNanos;
    private long nextPrintNanos;

    protected ThrottledProgress(final PrintStream out, final double msPerStep, final long intervalNanos)
    {
        if (!(msPerStep > 0))
        {
            throw new IllegalArgumentException("msPerStep must be > 0, got " + msPerStep);
        }
        this.out = out;
        this.msPerStep = msPerStep;
        this.intervalNanos = intervalNanos;
        this.nextPrintNanos = intervalNanos;
    }

    /**
     * The progress of the last half minute, a sample a second: the ETA extrapolates its speed, not the run's average,
     * which the JIT's first seconds and a network whose activity changes leave behind (spnet2006 over an hour ran 5x
     * real time at first and 26x later, and the ETA said 12 minutes where the run took 2:22).
     */
    private static final int SAMPLES = 32;
    private static final long SAMPLE_EVERY_NANOS = 1_000_000_000L;
    private final long[] sampleWall = new long[SAMPLES];
    private final long[] sampleSteps = new long[SAMPLES];
    private int samples;
    private int newest = -1;
    private long nextSampleNanos;

    @Override
    public final void onProgress(final long stepsDone, final long totalSteps, final long wallNanosSinceStart)
    {
        if (wallNanosSinceStart >= nextSampleNanos)
        {
            newest = (newest + 1) % SAMPLES;
            sampleWall[newest] = wallNanosSinceStart;
            sampleSteps[newest] = stepsDone;
            samples = Math.min(samples + 1, SAMPLES);
            nextSampleNanos = wallNanosSinceStart + SAMPLE_EVERY_NANOS;
        }
        if (wallNanosSinceStart < nextPrintNanos)
        {
            return;
        }
        nextPrintNanos = wallNanosSinceStart + intervalNanos;
        text.setLength(0);
        print(stepsDone, totalSteps, wallNanosSinceStart);
    }

    protected abstract void print(long stepsDone, long totalSteps, long wallNanos);

    /**
     * @return simulated per wall time over the last half minute (the run's average before 3 samples): the speed the
     *         ETA beside it extrapolates (the average there said "2x real time" beside an ETA of the last 30 s's 10x).
     */
    protected final double recentSpeed(final long stepsDone, final long wallNanos)
    {
        final int oldest = oldestSample(stepsDone, wallNanos);
        return oldest < 0 ? ProgressText.speed(stepsDone, msPerStep, wallNanos) :
            ProgressText.speed(stepsDone - sampleSteps[oldest], msPerStep, wallNanos - sampleWall[oldest]);
    }

    /**
     * @return the wall time left at the speed of the last half minute (the run's average before it has 3 samples).
     */
    protected final long remainingNanos(final long stepsDone, final long totalSteps, final long wallNanos)
    {
        final int oldest = oldestSample(stepsDone, wallNanos);
        return oldest < 0 ? ProgressText.remainingNanos(stepsDone, totalSteps, wallNanos) :
            ProgressText.remainingNanos(stepsDone - sampleSteps[oldest], totalSteps - sampleSteps[oldest],
                wallNanos - sampleWall[oldest]);
    }

    /** The oldest sample of the window when it has 3 and the run moved since it, else -1 (the average is used). */
    private int oldestSample(final long stepsDone, final long wallNanos)
    {
        if (samples < 3)
        {
            return -1;
        }
        final int oldest = (newest - samples + 1 + SAMPLES) % SAMPLES;
        return wallNanos > sampleWall[oldest] && stepsDone > sampleSteps[oldest] ? oldest : -1;
    }
}
