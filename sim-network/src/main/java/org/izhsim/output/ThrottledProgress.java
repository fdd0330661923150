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

    @Override
    public final void onProgress(final long stepsDone, final long totalSteps, final long wallNanosSinceStart)
    {
        if (wallNanosSinceStart < nextPrintNanos)
        {
            return;
        }
        nextPrintNanos = wallNanosSinceStart + intervalNanos;
        text.setLength(0);
        print(stepsDone, totalSteps, wallNanosSinceStart);
    }

    protected abstract void print(long stepsDone, long totalSteps, long wallNanos);
}
