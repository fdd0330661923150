package org.izhsim.mpi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // UCX (MPICH's default device here, and Open MPI's on InfiniBand) installs signal handlers that turn the
        // JVM's own SIGSEGV-based null checks into a crash.
        builder.environment().put("UCX_ERROR_SIGNALS", "");
        builder.environment().putAll(environment);
        final long start = System.nanoTime();
        final Process process = builder.start();
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
}
