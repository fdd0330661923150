package org.izhsim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code sim bench --background-load N}: N single-threaded busy loops in processes of their own (a POSIX
 * shell's loop, {@link #BUSY_LOOP}), started before a case's build and warm-up and ended after its measured
 * runs, as another program keeping cores busy on a desktop would. Processes, not threads of this JVM, so that
 * the JVM's own accounting (CPU cores used) and safepoints do not see them. Each is ended by its own handle
 * (and by a shutdown hook if the bench dies first), never by name.
 */
final class BackgroundLoad implements AutoCloseable
{
    /**
     * A busy loop that ends once this JVM is gone: every 20,000 rounds of shell arithmetic (some tens of ms) it
     * checks that its parent process still exists. A bench killed outright (SIGKILL, the OOM killer) runs no
     * shutdown hook, and the plain {@code while :; do :; done} then kept a core busy until someone killed it.
     */
    static final String BUSY_LOOP =
        "p=$PPID; while kill -0 \"$p\" 2>/dev/null; do i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; done";

    /** Why no busy process can be started here (sh missing from the PATH), or null: checked before anything is measured. */
    static String cannotStart()
    {
        try
        {
            final Process sh = new ProcessBuilder("sh", "-c", "exit 0").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!sh.waitFor(10, TimeUnit.SECONDS))
            {
                sh.destroyForcibly();
                return "sh -c 'exit 0' did not end within 10 s";
            }
            return null;
        }
        catch (final IOException ex)
        {
            return String.valueOf(ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private final List<Process> processes = new ArrayList<>();
    private final Thread hook = new Thread(this::destroy, "izhsim-bench-background-load");

    private BackgroundLoad(final int count)
    {
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            for (int i = 0; i < count; i++)
            {
                processes.add(new ProcessBuilder("sh", "-c", BUSY_LOOP)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
        }
        catch (final IOException ex)
        {
            close();
            throw new UncheckedIOException("cannot start the background load (sh)", ex);
        }
    }

    /** Starts {@code count} busy processes; 0 starts none. */
    static BackgroundLoad start(final int count)
    {
        return new BackgroundLoad(count);
    }

    int count()
    {
        return processes.size();
    }

    /** The busy processes' ids. */
    List<Long> pids()
    {
        return processes.stream().map(Process::pid).toList();
    }

    @Override
    public void close()
    {
        destroy();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    private void destroy()
    {
        for (final Process p : processes)
        {
            p.destroy();
        }
        for (final Process p : processes)
        {
            try
            {
                if (!p.waitFor(2, TimeUnit.SECONDS))
                {
                    p.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
