package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A signal raised in this JVM again and again while an in-process command runs, as Ctrl-C or SIGTERM would reach a
 * {@code sim} process. A handler of the test's own sits under the command's, so that a signal raised before the
 * command installs its handler (or after it restored ours) only counts here and never ends the test JVM.
 */
final class RaisedSignal
{
    private RaisedSignal()
    {
    }

    /**
     * @param name    the signal, "TERM" or "INT".
     * @param every   the pause between two raises while the command runs.
     * @param command the command, run on another thread.
     * @return what it printed and its exit code (within 60 s).
     */
    static CommandLineRun whileRunning(final String name, final Duration every, final Supplier<CommandLineRun> command)
        throws InterruptedException
    {
        return whileRunning(name, Duration.ZERO, every, command);
    }

    /**
     * As {@link #whileRunning(String, Duration, Supplier)}, raising the first signal only {@code firstAfter} after the
     * command started (it returns at once if the command ends before).
     */
    static CommandLineRun whileRunning(final String name, final Duration firstAfter, final Duration every,
        final Supplier<CommandLineRun> command) throws InterruptedException
    {
        final Signal signal = new Signal(name);
        final AtomicInteger caughtByTest = new AtomicInteger();
        final SignalHandler original = Signal.handle(signal, s -> caughtByTest.incrementAndGet());
        final AtomicInteger raised = new AtomicInteger();
        try
        {
            return assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
            {
                final CompletableFuture<CommandLineRun> running = CompletableFuture.supplyAsync(command);
                if (!firstAfter.isZero())
                {
                    try
                    {
                        return running.get(firstAfter.toNanos(), TimeUnit.NANOSECONDS);
                    }
                    catch (final TimeoutException ex)
                    {
                        // still running: start raising
                    }
                }
                while (!running.isDone())
                {
                    raised.incrementAndGet();
                    Signal.raise(signal);
                    try
                    {
                        return running.get(every.toNanos(), TimeUnit.NANOSECONDS);
                    }
                    catch (final TimeoutException ex)
                    {
                        // still running: raise again
                    }
                }
                return running.get();
            });
        }
        finally
        {
            // A raised signal is dispatched later, on the JVM's signal thread, to the handler installed then:
            // one still pending when the JVM's own handler is back would end this JVM (exit 143). The command
            // took exactly one, so wait until the test's handler has seen all the others (bounded: two signals
            // pending at once may be delivered as one).
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (caughtByTest.get() < raised.get() - 1 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            Signal.handle(signal, original);
        }
    }
}
