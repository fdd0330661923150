package org.izhsim.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT), SIGTERM, SIGHUP and SIGUSR1 while {@code sim run} simulates (or {@code sim explore} serves): the first of them asks the network to stop at
 * its next step boundary, so that the outputs of the simulated part can be written and committed, and hands
 * both signals back to their previous handlers at once, so that a second one does what it would have done
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

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    /** The handlers before ours, kept after {@link #restore}: a second signal that raced the first goes to them. */
    private final Map<String, SignalHandler> before = new LinkedHashMap<>();
    private final AtomicBoolean signalled = new AtomicBoolean();
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
                final SignalHandler old = Signal.handle(signal, this::onSignal);
                previous.put(signal, old);
                before.put(name, old);
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
            forward(signal);
            return;
        }
        restore(true);
        stop.run();
    }

    private void forward(final Signal signal)
    {
        final SignalHandler old = before.get(signal.getName());
        if (old != null && old != SignalHandler.SIG_DFL && old != SignalHandler.SIG_IGN)
        {
            old.handle(signal);
        }
        else if (old != SignalHandler.SIG_IGN)
        {
            // The system's default for these signals ends the process; as the JVM's own handlers do, with the exit
            // code of a signal and the shutdown hooks (which say that nothing was written).
            System.exit(128 + signal.getNumber());
        }
    }

    /**
     * @param afterSignal handing the signals back after a first one: a signal whose handler was the system's default
     *                    (SIGUSR1's: end the process at once) gets one that exits through the shutdown hooks instead,
     *                    so that a second signal, too, says that nothing was written and leaves no staging folder (a
     *                    second SIGUSR1 ended the JVM without a word and left it).
     */
    private synchronized void restore(final boolean afterSignal)
    {
        for (final Map.Entry<Signal, SignalHandler> e : previous.entrySet())
        {
            Signal.handle(e.getKey(), afterSignal && e.getValue() == SignalHandler.SIG_DFL ?
                signal -> System.exit(128 + signal.getNumber()) : e.getValue());
        }
        previous.clear();
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
