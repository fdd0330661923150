package org.izhsim.output;

import java.io.PrintStream;

import org.izhsim.output.plot.DecimalText;

/**
 * A progress bar redrawn in place with carriage returns, at most ten times a second, for a terminal:
 * {@code  42.0% [########............]  420 / 1000 ms  ETA 0:12  3.51x real time}.
 * Called by the engine's coordinator thread only.
 */
public final class TerminalProgress extends ThrottledProgress
{
    static final long INTERVAL_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    private int lastLength;

    public TerminalProgress(final PrintStream out, final double msPerStep)
    {
        super(out, msPerStep, INTERVAL_NANOS);
    }

    @Override
    protected void print(final long stepsDone, final long totalSteps, final long wallNanos)
    {
        text.append('\r');
        final double fraction = totalSteps <= 0 ? 1 : Math.min(1, (double)stepsDone / totalSteps);
        final long tenths = Math.round(1000 * fraction);
        text.append(tenths < 1000 ? " " : "").append(tenths < 100 ? " " : "").append(tenths / 10).append('.').append(tenths % 10);
        text.append("% [");
        final int filled = (int)Math.round(fraction * BAR_WIDTH);
        for (int k = 0; k < BAR_WIDTH; k++)
        {
            text.append(k < filled ? '#' : '.');
        }
        text.append("]  ");
        DecimalText.appendRounded(text, stepsDone * msPerStep, 1).append(" / ");
        DecimalText.appendRounded(text, totalSteps * msPerStep, 1).append(" ms  ETA ");
        ProgressText.appendDuration(text, ProgressText.remainingNanos(stepsDone, totalSteps, wallNanos));
        text.append("  ");
        ProgressText.appendSpeed(text, ProgressText.realTimeFactor(stepsDone, msPerStep, wallNanos));
        // Blank out the tail of a longer previous line.
        final int length = text.length();
        for (int k = length; k < lastLength; k++)
        {
            text.append(' ');
        }
        lastLength = length;
        out.print(text);
        out.flush();
    }

    @Override
    public void onFinish(final long stepsDone, final long totalSteps, final long wallNanosSinceStart)
    {
        text.setLength(0);
        print(stepsDone, Math.max(totalSteps, stepsDone), wallNanosSinceStart);
        out.print('\n');
        out.flush();
    }
}
