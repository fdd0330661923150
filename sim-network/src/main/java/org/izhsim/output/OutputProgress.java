package org.izhsim.output;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * What a long output stage is doing, on stderr: the outputs of a 10 h run (gigabytes of spikes.csv and NumPy
 * arrays) take minutes, after the run's progress has said "done". Nothing for the first {@link #QUIET_NANOS} (most
 * runs' outputs take less), then the file being written and the time spent on the outputs, as a line every 2 s (logs,
 * pipes) or one line redrawn in place (a terminal), and the time they took at the end. {@link RunOutputs} names each
 * file as it starts it, from the writing thread; a daemon thread of this object prints. {@link #tick} takes the time
 * from the caller, so that a test can drive it by hand.
 */
public final class OutputProgress implements AutoCloseable
{
    /** Outputs written within this time say nothing. */
    static final long QUIET_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final long start;
    private final StringBuilder text = new StringBuilder(96);
    private volatile String file = "";
    private long nextPrint;
    private int lastLength;
    private boolean printed;
    private boolean written;
    private Thread ticker;

    /**
     * @param out      where it prints; null for nowhere.
     * @param terminal whether to redraw one line in place (ten times a second) rather than print a line every 2 s.
     * @param start    the time the outputs started, ns on the clock {@link #tick} is given.
     */
    OutputProgress(final PrintStream out, final boolean terminal, final long start)
    {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = terminal ? TerminalProgress.INTERVAL_NANOS : LineProgress.INTERVAL_NANOS;
        this.start = start;
        this.nextPrint = start + QUIET_NANOS;
    }

    /** Prints nothing. */
    public static OutputProgress quiet()
    {
        return new OutputProgress(null, false, 0);
    }

    /** On {@code System.err}: redrawn in place when a terminal is attached, else a line every 2 s; started now. */
    public static OutputProgress forStandardError()
    {
        final OutputProgress progress = new OutputProgress(System.err, Terminal.standardErrorIsTerminal(),
            System.nanoTime());
        progress.startTicking(System::nanoTime);
        return progress;
    }

    private void startTicking(final LongSupplier clock)
    {
        ticker = new Thread(() ->
        {
            try
            {
                while (!Thread.currentThread().isInterrupted())
                {
                    Thread.sleep(intervalNanos / 1_000_000L);
                    tick(clock.getAsLong());
                }
            }
            catch (final InterruptedException ex)
            {
                // close(): the outputs are written.
            }
        }, "output-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** The output being written from now on, as a reader knows it ("spikes.csv"). */
    public void writing(final String name)
    {
        file = name;
    }

    /** Every output is written: {@link #close} then says how long they took (else it only ends its line). */
    public synchronized void written()
    {
        written = true;
    }

    /** Prints what is being written when the outputs have taken long enough and the last print is old enough. */
    synchronized void tick(final long now)
    {
        if (out == null || now < nextPrint)
        {
            return;
        }
        nextPrint = now + intervalNanos;
        text.setLength(0);
        text.append(terminal ? "\r" : "").append("writing the outputs: ").append(file).append(", ");
        ProgressText.appendDuration(text, now - start).append(" elapsed");
        if (terminal)
        {
            final int length = text.length();
            for (int k = length; k < lastLength; k++)
            {
                text.append(' ');
            }
            lastLength = length;
            out.print(text);
        }
        else
        {
            out.println(text);
        }
        out.flush();
        printed = true;
    }

    /** Ends the printing, with the outputs' time when anything was printed and they were all {@link #written}. */
    @Override
    public void close()
    {
        if (ticker != null)
        {
            ticker.interrupt();
            try
            {
                ticker.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        finish(System.nanoTime());
    }

    /**
     * The last line, at {@code now}: the time the outputs took, after a progress line; nothing after none. Outputs that
     * failed (the exception says how) only get the terminal's line ended.
     */
    synchronized void finish(final long now)
    {
        if (!printed)
        {
            return;
        }
        text.setLength(0);
        if (!written)
        {
            if (terminal)
            {
                out.println();
                out.flush();
            }
            printed = false;
            return;
        }
        text.append(terminal ? "\r" : "").append("outputs written in ");
        ProgressText.appendDuration(text, now - start);
        for (int k = text.length(); terminal && k < lastLength; k++)
        {
            text.append(' ');
        }
        out.println(text);
        out.flush();
        printed = false;
    }
}
