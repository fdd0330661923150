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
            final Process process = builder.start();
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
                process.destroyForcibly();
                reader.join(1000);
                return new ProcessRun(-1, "timed out after " + timeoutSeconds + " s");
            }
            reader.join();
            return new ProcessRun(process.exitValue(), text.toString());
        }
        catch (final IOException ex)
        {
            return new ProcessRun(-2, String.valueOf(ex.getMessage()));
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
