package org.izhsim.mpi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A job the MPI tests start: the launcher's command line with the options this machine needs, and a run bounded
 * in time whose processes are all ended when it is exceeded (a hung rank must not outlive the test).
 */
final class MpiJob
{
    /** How a job ended: within its time or not, its exit code (-1 if killed), its output, its wall time. */
    record Finished(boolean done, int exitValue, String output, double seconds)
    {
    }

    private MpiJob()
    {
    }

    /**
     * {@code mpirun} of {@code implementation} ("openmpi" or "mpich"), or a skipped test, with Open MPI's options
     * for this machine (root, 2 cores for up to 4 ranks, no binding of a rank to one core), up to {@code -np}.
     */
    static List<String> mpirun(final String implementation, final int ranks, final String... options)
    {
        final List<String> command = new ArrayList<>(List.of(MpiLaunchTest.launcher(implementation).toString()));
        if (implementation.equals("openmpi"))
        {
            command.addAll(List.of("--allow-run-as-root", "--oversubscribe", "--bind-to", "none"));
        }
        command.addAll(List.of(options));
        command.addAll(List.of("-np", Integer.toString(ranks)));
        return command;
    }

    /** Runs {@code command}, its output and error merged, for at most {@code timeoutSeconds}. */
    static Finished run(final List<String> command, final int timeoutSeconds, final Map<String, String> environment)
        throws IOException, InterruptedException
    {
        final long start = System.nanoTime();
        final Process process = start(command, environment);
        final boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done)
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Finished(done, done ? process.exitValue() : -1, output, (System.nanoTime() - start) * 1e-9);
    }

    static Finished run(final List<String> command, final int timeoutSeconds) throws IOException, InterruptedException
    {
        return run(command, timeoutSeconds, Map.of());
    }

    /** Starts {@code command}, its output and error merged, with {@code environment} added to this process's. */
    private static Process start(final List<String> command, final Map<String, String> environment)
        throws IOException
    {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // UCX (MPICH's default device here, and Open MPI's on InfiniBand) installs signal handlers that turn the
        // JVM's own SIGSEGV-based null checks into a crash.
        builder.environment().put("UCX_ERROR_SIGNALS", "");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Runs {@code command}; once its output shows {@code marker}, kills rank {@code rank}'s process with SIGKILL
     * (the launcher's child whose environment says it is that rank: OMPI_COMM_WORLD_RANK or PMI_RANK), then waits
     * at most {@code timeoutSeconds} for the job to end. {@link Finished#seconds} counts from the kill.
     */
    static Finished runKillingRank(final List<String> command, final int timeoutSeconds, final String marker,
        final int rank) throws IOException, InterruptedException
    {
        return runActingAfter(command, timeoutSeconds, marker, "kill rank " + rank + "'s process", job ->
        {
            final ProcessHandle victim = rankProcess(job, rank);
            if (victim == null)
            {
                return false;
            }
            victim.destroyForcibly();
            return true;
        });
    }

    /**
     * Runs {@code command}; once its output shows {@code marker}, sends SIGINT to the launcher (as Ctrl-C in its
     * terminal does: it forwards the signal to the ranks), then waits at most {@code timeoutSeconds} for the job to
     * end. {@link Finished#seconds} counts from the signal.
     */
    static Finished runInterruptingLauncher(final List<String> command, final int timeoutSeconds, final String marker)
        throws IOException, InterruptedException
    {
        return runActingAfter(command, timeoutSeconds, marker, "send SIGINT to the launcher", job ->
        {
            try
            {
                return new ProcessBuilder("kill", "-INT", Long.toString(job.pid())).start().waitFor() == 0;
            }
            catch (final IOException e)
            {
                return false;
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** An action on a running job: true once done, false to be tried again 100 ms later. */
    private interface JobAction
    {
        boolean tryOn(Process job);
    }

    /**
     * Runs {@code command}, its output read as it comes; once the output shows {@code marker}, tries {@code action}
     * every 100 ms until it is done, then waits at most {@code timeoutSeconds} for the job to end. A job not done
     * within {@code timeoutSeconds} of the start, or that ends first, is a Finished that is not done, whose output
     * says what could not be done ({@code what}).
     */
    private static Finished runActingAfter(final List<String> command, final int timeoutSeconds, final String marker,
        final String what, final JobAction action) throws IOException, InterruptedException
    {
        final Process process = start(command, Map.of());
        final StringBuffer output = new StringBuffer();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    output.append(line).append('\n');
                }
            }
            catch (final IOException e)
            {
                output.append("(output lost: ").append(e).append(")\n");
            }
        });
        reader.start();
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            boolean acted = false;
            while (System.nanoTime() < deadline && process.isAlive() && !acted)
            {
                Thread.sleep(100);
                acted = output.indexOf(marker) >= 0 && action.tryOn(process);
            }
            if (!acted)
            {
                return new Finished(false, -1, "could not " + what + " after \"" + marker + "\":\n" + output, 0);
            }
            final long start = System.nanoTime();
            final boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            final double seconds = (System.nanoTime() - start) * 1e-9;
            reader.join(5000);
            return new Finished(done, done ? process.exitValue() : -1, output.toString(), seconds);
        }
        finally
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** The JVM of rank {@code rank} among the job's processes, or null if not (yet) there. */
    private static ProcessHandle rankProcess(final Process job, final int rank)
    {
        final String[] names = {"OMPI_COMM_WORLD_RANK=" + rank, "PMI_RANK=" + rank};
        return job.descendants().filter(p ->
        {
            try
            {
                final String environment = new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()),
                    "environ")), StandardCharsets.UTF_8);
                final boolean java = p.info().command().map(c -> c.endsWith("/java")).orElse(false);
                return java && Arrays.stream(environment.split("\0")).anyMatch(v -> v.equals(names[0]) ||
                    v.equals(names[1]));
            }
            catch (final IOException e)
            {
                return false;
            }
        }).findFirst().orElse(null);
    }
}
