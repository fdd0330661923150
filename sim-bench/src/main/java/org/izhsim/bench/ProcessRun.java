package org.izhsim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A peer's process: run to completion with a time limit, standard output and error captured together.
 */
record ProcessRun(int exitCode, String output)
{
    /** The environment variable that tells a peer to end when its standard input ends. */
    static final String WATCH_STDIN = "IZHSIM_PEER_WATCH_STDIN";

    static ProcessRun of(final List<String> command, final Path directory, final Map<String, String> environment,
        final long timeoutSeconds)
    {
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (directory != null)
            {
                builder.directory(directory.toFile());
            }
            builder.environment().putAll(environment);
            // The peers end once this JVM is gone (kill -9, the OOM killer: no hook runs): their standard input is a
            // pipe from here that nobody writes, and they watch it for its end (izh_baseline.c, brian2_peer.py).
            builder.environment().put(WATCH_STDIN, "1");
            // No new work once the JVM exits (Ctrl-C): that work was started in the deleted output folder.
            JvmExit.stopIfExiting();
            final Process process = builder.start();
            // Ended with its children if the JVM exits first (Ctrl-C): an interrupted bench left Brian2's build (make
            // and about 30 compilers) running on the shared cores, orphaned.
            final Thread hook = new Thread(() -> endTree(process), "izhsim-bench-peer-cleanup");
            try
            {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            catch (final IllegalStateException exiting)
            {
                // The exit began since the check above ("Shutdown in progress" was a stack trace): no hook ends it.
                endTree(process);
                JvmExit.awaitHalt();
            }
            try
            {
                final ProcessRun run = waitFor(process, timeoutSeconds);
                // Ended by the exit's hook, or by the Ctrl-C that also reached the JVM: no failure line for it.
                JvmExit.stopIfExitingAfter(run.exitCode());
                return run;
            }
            finally
            {
                try
                {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                catch (final IllegalStateException exiting)
                {
                    // the JVM is exiting: the hook runs
                }
            }
        }
        catch (final IOException ex)
        {
            // "Cannot run program ... (in directory ...)": the exit deleted the folder meanwhile.
            JvmExit.stopIfExiting();
            return new ProcessRun(-2, String.valueOf(ex.getMessage()));
        }
    }

    /** The process and every process under it: asked to end, then killed after a second. */
    private static void endTree(final Process process)
    {
        final List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        final long deadline = System.nanoTime() + 1_000_000_000L;
        for (final ProcessHandle p : tree)
        {
            try
            {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex)
            {
                p.destroyForcibly();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private static ProcessRun waitFor(final Process process, final long timeoutSeconds)
    {
        try
        {
            // Read on another thread: a chatty child would block on a full pipe while we wait for it.
            final StringBuilder text = new StringBuilder();
            final Thread reader = new Thread(() ->
            {
                try
                {
                    text.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
                catch (final IOException ignored)
                {
                    // the process died; its exit code says so
                }
            });
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
            {
                endTree(process);
                reader.join(1000);
                return new ProcessRun(-1, "timed out after " + timeoutSeconds + " s");
            }
            reader.join();
            return new ProcessRun(process.exitValue(), text.toString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new ProcessRun(-3, "interrupted");
        }
    }

    /** The output's last non-blank line, shortened: the reason a failed peer gives in the report. */
    String lastLine()
    {
        final String[] lines = output.strip().split("\n");
        final String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        return last.length() > 160 ? last.substring(0, 160) + "..." : last;
    }
}
