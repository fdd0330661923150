package org.izhsim.output;

import java.io.PrintStream;

import org.izhsim.output.plot.DecimalText;

/**
 * A progress bar redrawn in place with carriage returns, at most ten times a second, for a terminal:
 * {@code  42.0% [########............]  420 / 1000 ms  ETA 0:12  3.51x faster than real time}.
 * Called by the engine's coordinator thread only.
 */
public final class TerminalProgress extends ThrottledProgress
{
    static final long INTERVAL_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    private final int columns;
    private final StringBuilder tail = new StringBuilder(64);
    private int lastLength;

    /** A bar of full width whatever the line's length. */
    public TerminalProgress(final PrintStream out, final double msPerStep)
    {
        this(out, msPerStep, Integer.MAX_VALUE);
    }

    /**
     * @param columns the terminal's width: the line is kept within it, the bar shortened or left out first (a line
     *                wider than the terminal wraps, and each redraw then adds lines).
     */
    public TerminalProgress(final PrintStream out, final double msPerStep, final int columns)
    {
        super(out, msPerStep, INTERVAL_NANOS);
        this.columns = Math.max(2, columns);
    }

    @Override
    protected void print(final long stepsDone, final long totalSteps, final long wallNanos)
    {
        text.append('\r');
        final double fraction = totalSteps <= 0 ? 1 : Math.min(1, (double)stepsDone / totalSteps);
        final long tenths = Math.round(1000 * fraction);
        text.append(tenths < 1000 ? " " : "").append(tenths < 100 ? " " : "").append(tenths / 10).append('.').append(tenths % 10);
        text.append('%');
        tail.setLength(0);
        tail.append("  ");
        DecimalText.appendRounded(tail, stepsDone * msPerStep, 1).append(" / ");
        DecimalText.appendRounded(tail, totalSteps * msPerStep, 1).append(" ms  ETA ");
        ProgressText.appendDuration(tail, remainingNanos(stepsDone, totalSteps, wallNanos));
        tail.append("  ");
        ProgressText.appendSpeed(tail, recentSpeed(stepsDone, wallNanos));
        // Within columns - 1 (the last column would wrap on some terminals), '\r' not counted: the bar gives way first.
        final int bar = (int)Math.min(BAR_WIDTH, (long)columns - 1 - (text.length() - 1) - " []".length() - tail.length());
        if (bar >= 5)
        {
            text.append(" [");
            final int filled = (int)Math.round(fraction * bar);
            for (int k = 0; k < bar; k++)
            {
                text.append(k < filled ? '#' : '.');
            }
            text.append(']');
        }
        text.append(tail);
        text.setLength((int)Math.min(text.length(), (long)columns));
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
