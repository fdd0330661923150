package org.izhsim.output;

import java.io.PrintStream;

/**
 * Receives the progress of a run from the engine's coordinator thread. Calls must be cheap: an
 * implementation compares the given time with its next print time and only formats (and allocates)
 * when it prints. The caller supplies the wall time, which makes every reporter testable with a
 * made-up clock.
 */
public interface ProgressReporter
{
    /**
     * @param stepsDone           steps completed so far.
     * @param totalSteps          steps of the whole run.
     * @param wallNanosSinceStart wall-clock time since the run started.
     */
    void onProgress(long stepsDone, long totalSteps, long wallNanosSinceStart);

    /**
     * The run ended after {@code stepsDone} of its {@code totalSteps} steps: completed, or stopped early when fewer.
     */
    void onFinish(long stepsDone, long totalSteps, long wallNanosSinceStart);

    /**
     * @return a reporter that prints nothing (for --quiet and for tests of other parts).
     */
    static ProgressReporter quiet()
    {
        return Quiet.INSTANCE;
    }

    /**
     * @param msPerStep simulated milliseconds per step (dt), for the real-time factor.
     * @return a live bar on {@code System.err} when a terminal is attached, else a line every 2 s.
     */
    /**
     * Whether {@link #forStandardError}'s progress is one line redrawn in place (a terminal), which a warning printed
     * during the run must end first; without a terminal its lines are whole, and a line break before a warning left a
     * blank line.
     */
    static boolean redrawsOneLine()
    {
        return Terminal.standardErrorIsTerminal();
    }

    static ProgressReporter forStandardError(final double msPerStep)
    {
        return Terminal.standardErrorIsTerminal()
            ? new TerminalProgress(System.err, msPerStep, Terminal.columns())
            : new LineProgress(System.err, msPerStep);
    }

    /**
     * The reporter that reports nothing.
     */
    enum Quiet implements ProgressReporter
    {
        INSTANCE;

        @Override
        public void onProgress(final long stepsDone, final long totalSteps, final long wallNanosSinceStart)
        {
        }

        @Override
        public void onFinish(final long stepsDone, final long totalSteps, final long wallNanosSinceStart)
        {
        }
    }
}
