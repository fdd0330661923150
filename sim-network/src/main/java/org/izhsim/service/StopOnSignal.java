package org.izhsim.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT), SIGTERM, SIGHUP and SIGUSR1 while {@code sim run} simulates (or {@code sim explore} serves):
 * the first of them asks the network to stop at its next step boundary, so that the outputs of the simulated part
 * can be written and committed, and hands the signals back to their previous handlers at once, so that a second one does what it would have done
 * without us (for the JVM's own handlers: exit at once, running the shutdown hooks). Held from the start of
 * the run until its outputs are committed ({@link #close()} restores the previous handlers): a first signal
 * after the last step lets the outputs be written ({@link #runEnded}).
 * <p>
 * sun.misc.Signal (module jdk.unsupported, present in JDK 17 to 25) rather than a shutdown hook: once a hook
 * runs, the JVM is already exiting and cannot finish writing the outputs.
 */
public final class StopOnSignal implements AutoCloseable
{
    /**
     * SIGHUP too (a closed terminal): it ended the process at once and the simulated part was lost. SIGUSR1 for jobs
     * under Open MPI's mpirun, which answers Ctrl-C by sending the ranks SIGTERM and SIGKILL a second later, too soon
     * for rank 0 to write a long run's outputs (all were lost), but forwards SIGUSR1 to every rank.
     */
    private static final String[] SIGNALS = {"INT", "TERM", "HUP", "USR1"};

    /** The handlers before ours; filled by the constructor, read only after it. */
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final AtomicBoolean signalled = new AtomicBoolean();
    private boolean restored;
    private volatile Runnable stop;

    /** @param stop what to do on the first signal: called on the JVM's signal thread, must return quickly. */
    public StopOnSignal(final Runnable stop)
    {
        this.stop = stop;
        for (final String name : SIGNALS)
        {
            try
            {
                final Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, this::onSignal));
            }
            catch (final IllegalArgumentException ex)
            {
                // Not available here (unknown signal, or the JVM runs with -Xrs): that one keeps its handler.
            }
        }
    }

    private void onSignal(final Signal signal)
    {
        if (!signalled.compareAndSet(false, true))
        {
            // A second signal that came before the first had handed the signals back (5-50 ms apart): it was taken
            // for a first one and ignored. It does what it would do without us.
            final SignalHandler next = afterUs(previous.get(signal));
            if (next != SignalHandler.SIG_IGN)
            {
                next.handle(signal);
            }
            return;
        }
        restore(true);
        stop.run();
    }

    /**
     * What a signal does once we have handed it back: its handler before ours, but the system's default (SIGUSR1's:
     * end the process at once) exits through the shutdown hooks instead, with a signal's exit code, so that a second
     * signal, too, says that nothing was written and leaves no staging folder (a second SIGUSR1 ended the JVM without a
     * word and left it).
     */
    private static SignalHandler afterUs(final SignalHandler before)
    {
        return before == SignalHandler.SIG_DFL ? signal -> System.exit(128 + signal.getNumber()) : before;
    }

    /** @param afterSignal handing the signals back after a first one ({@link #afterUs}), not at {@link #close}. */
    private synchronized void restore(final boolean afterSignal)
    {
        if (restored)
        {
            return;
        }
        restored = true;
        for (final Map.Entry<Signal, SignalHandler> e : previous.entrySet())
        {
            Signal.handle(e.getKey(), afterSignal ? afterUs(e.getValue()) : e.getValue());
        }
    }

    /**
     * The run is over and its outputs are being written: a first signal from now on prints {@code message} on
     * standard error instead of stopping the network (and this handler lets the network go).
     */
    public void runEnded(final String message)
    {
        stop = () -> System.err.println(message);
    }

    @Override
    public void close()
    {
        restore(false);
    }
}
