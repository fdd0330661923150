package org.izhsim.output;

import java.io.PrintStream;

import org.izhsim.output.plot.DecimalText;

/**
 * Progress as a plain line every 2 seconds, for logs and pipes where carriage returns would pile up:
 * {@code progress 42.0%: 420 of 1000 ms simulated, 0:03 elapsed, ETA 0:04, 3.51x faster than real time}.
 * Called by the engine's coordinator thread only.
 */
public final class LineProgress extends ThrottledProgress
{
    static final long INTERVAL_NANOS = 2_000_000_000L;

    public LineProgress(final PrintStream out, final double msPerStep)
    {
        super(out, msPerStep, INTERVAL_NANOS);
    }

    @Override
    protected void print(final long stepsDone, final long totalSteps, final long wallNanos)
    {
        final double percent = totalSteps <= 0 ? 100 : 100.0 * stepsDone / totalSteps;
        text.append("progress ");
        DecimalText.appendRounded(text, percent, 1).append("%: ");
        DecimalText.appendRounded(text, stepsDone * msPerStep, 1).append(" of ");
        DecimalText.appendRounded(text, totalSteps * msPerStep, 1).append(" ms simulated, ");
        ProgressText.appendDuration(text, wallNanos).append(" elapsed, ETA ");
        ProgressText.appendDuration(text, remainingNanos(stepsDone, totalSteps, wallNanos));
        text.append(", ");
        ProgressText.appendSpeed(text, recentSpeed(stepsDone, wallNanos));
        out.println(text);
    }

    @Override
    public void onFinish(final long stepsDone, final long totalSteps, final long wallNanosSinceStart)
    {
        text.setLength(0);
        // A run that ends early (Ctrl-C, a blow-up) says so here too, before the line that gives the reason.
        if (stepsDone < totalSteps)
        {
            text.append("stopped early: ");
            DecimalText.appendRounded(text, stepsDone * msPerStep, 1).append(" of ");
            DecimalText.appendRounded(text, totalSteps * msPerStep, 1).append(" ms simulated in ");
        }
        else
        {
            text.append("done: ");
            DecimalText.appendRounded(text, stepsDone * msPerStep, 1).append(" ms simulated in ");
        }
        ProgressText.appendDuration(text, wallNanosSinceStart).append(", ");
        ProgressText.appendSpeed(text, ProgressText.speed(stepsDone, msPerStep, wallNanosSinceStart));
        out.println(text);
    }
}
