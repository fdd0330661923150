package org.izhsim.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * The JVM's exit as the bench's own thread sees it. A first Ctrl-C, SIGTERM or SIGHUP ends {@code sim bench} through
 * the JVM's shutdown hooks: sim-network's deletes the unfinished output folder and says so in one line, and
 * {@link ProcessRun}'s ends the peer running then. The bench's thread is not stopped by them: it went on with the
 * next peer (compiled it, started Brian2 in the deleted folder, "failed: Cannot run program"), printed a failure line
 * for each, recreated the deleted folder to write bench.json into it (a hidden folder that no later run swept), and
 * ended in a stack trace ("Shutdown in progress", "was abandoned at exit"). Where it would start more work or report
 * a failure, it now asks {@link #inProgress()} and, if so, waits for the JVM to halt.
 */
final class JvmExit
{
    /** How long a peer that died of a signal waits for the JVM's exit to begin (the same Ctrl-C reached both). */
    private static final long SIGNAL_GRACE_NANOS = 1_000_000_000L;

    private JvmExit()
    {
    }

    /** Whether the JVM is running its shutdown hooks (it refuses new hooks from their start on). */
    static boolean inProgress()
    {
        final Thread probe = new Thread(() ->
        {
        }, "izhsim-bench-exit-probe");
        try
        {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        }
        catch (final IllegalStateException ex)
        {
            return true;
        }
    }

    /** Does nothing more if the JVM is exiting: waits for it to halt. */
    static void stopIfExiting()
    {
        if (inProgress())
        {
            awaitHalt();
        }
    }

    /**
     * For a peer that ended with {@code exitCode}: if it died of a signal (128 + its number), as a Ctrl-C of the
     * terminal ends the peer and the JVM at once, waits up to a second for the JVM's exit to begin before its failure is
     * reported, and stops if it does.
     */
    static void stopIfExitingAfter(final int exitCode)
    {
        final long deadline = System.nanoTime() + (exitCode > 128 ? SIGNAL_GRACE_NANOS : 0);
        do
        {
            stopIfExiting();
            if (System.nanoTime() >= deadline)
            {
                return;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        while (true);
    }

    /** Waits until the JVM halts (its shutdown hooks end it): never returns. */
    static void awaitHalt()
    {
        while (true)
        {
            LockSupport.park();
        }
    }
}
