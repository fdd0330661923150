package org.izhsim.mpi;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Launches {@link MpiCheck} under the machine's real MPI launchers on localhost ({@code mpirun -np 2} and
 * {@code -np 3}), so the FFM binding is tested against the C library it binds. Skipped, with the reason printed,
 * when the launcher is not installed. Open MPI refuses root without {@code --allow-run-as-root}, binds every rank
 * to one core unless told {@code --bind-to none}, and refuses more ranks than cores without
 * {@code --oversubscribe}; a command named {@code java} it rewrites for its own Java bindings, so the ranks run a
 * script that execs the JVM.
 */
class MpiLaunchTest
{
    @ParameterizedTest(name = "{0} -np {1}")
    @CsvSource({"openmpi, 2", "openmpi, 3", "mpich, 2", "mpich, 3"})
    void everyBoundCallGivesThePredictedResultOnEveryRank(final String implementation, final int ranks)
        throws IOException, InterruptedException
    {
        final Path launcher = launcher(implementation);
        final List<String> command = new ArrayList<>(List.of(launcher.toString()));
        if (implementation.equals("openmpi"))
        {
            command.addAll(List.of("--allow-run-as-root", "--oversubscribe", "--bind-to", "none"));
        }
        command.addAll(List.of("-np", Integer.toString(ranks), rankScript().toString()));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // UCX (MPICH's default device here, and Open MPI's on InfiniBand) installs signal handlers that turn the
        // JVM's own SIGSEGV-based null checks into a crash.
        builder.environment().put("UCX_ERROR_SIGNALS", "");
        final Process process = builder.start();
        final boolean done = process.waitFor(90, TimeUnit.SECONDS);
        if (!done)
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "the MPI job did not finish in 90 s:\n" + output);
        assertEquals(0, process.exitValue(), output);
        for (int r = 0; r < ranks; r++)
        {
            assertTrue(output.contains("rank " + r + "/" + ranks + ": ok"), output);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi", "mpich"})
    void aRankThatAbortsStopsTheWholeJobWithinSeconds(final String implementation)
        throws IOException, InterruptedException
    {
        final Path launcher = launcher(implementation);
        final List<String> command = new ArrayList<>(List.of(launcher.toString()));
        if (implementation.equals("openmpi"))
        {
            command.addAll(List.of("--allow-run-as-root", "--oversubscribe", "--bind-to", "none"));
        }
        command.addAll(List.of("-np", "3", rankScript().toString(), "--fail", "1"));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("UCX_ERROR_SIGNALS", "");
        final long start = System.nanoTime();
        final Process process = builder.start();
        final boolean done = process.waitFor(60, TimeUnit.SECONDS);
        if (!done)
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "ranks still waiting 60 s after rank 1 aborted:\n" + output);
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("rank 1: failing on purpose"), output);
        System.out.printf("MpiLaunchTest: %s job stopped %.1f s after its start by rank 1's MPI_Abort%n", implementation,
            (System.nanoTime() - start) * 1e-9);
    }

    @Test
    void aLibraryFromAnotherMpiIsRefusedInsteadOfRunningRanksOfSizeOne() throws IOException, InterruptedException
    {
        final Path launcher = launcher("openmpi");
        final Path mpich = Path.of("/usr/lib/x86_64-linux-gnu/" + Mpi.MPICH_LIBRARY);
        if (!Files.exists(mpich))
        {
            System.out.println("MpiLaunchTest: no " + mpich + " (Debian: libmpich-dev): wrong-library test skipped");
            Assumptions.abort("no " + mpich);
        }
        final ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--allow-run-as-root", "--oversubscribe",
            "--bind-to", "none", "-x", Mpi.LIBRARY_VARIABLE, "-np", "2", rankScript().toString())
            .redirectErrorStream(true);
        builder.environment().put("UCX_ERROR_SIGNALS", "");
        builder.environment().put(Mpi.LIBRARY_VARIABLE, mpich.toString());
        final Process process = builder.start();
        final boolean done = process.waitFor(90, TimeUnit.SECONDS);
        if (!done)
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, output);
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("sees a world of 1 rank but the launcher started 2 (OMPI_COMM_WORLD_SIZE=2)"),
            output);
        assertFalse(output.contains(": ok"), output);
    }

    /** The launcher of one implementation, or a skipped test with the reason printed. */
    static Path launcher(final String implementation)
    {
        final String[] names = implementation.equals("openmpi") ?
            new String[] {"mpirun.openmpi", "mpiexec.openmpi"} : new String[] {"mpirun.mpich", "mpiexec.mpich"};
        for (final String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            for (final String name : names)
            {
                final Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate))
                {
                    return candidate;
                }
            }
        }
        final String reason = "no " + String.join(" or ", names) + " on PATH (Debian: " +
            (implementation.equals("openmpi") ? "openmpi-bin libopenmpi-dev" : "mpich libmpich-dev") +
            "): MPI test skipped";
        System.out.println("MpiLaunchTest: " + reason);
        Assumptions.abort(reason);
        return null;
    }

    /** A script that starts {@link MpiCheck} on this test's JVM and class path. */
    private static Path rankScript() throws IOException
    {
        return script("-XX:TieredStopAtLevel=1", MpiCheck.class.getName());
    }

    /** A script that starts {@code mainClass} on this test's JVM and class path with its arguments. */
    static Path script(final String jvmOptions, final String mainClass) throws IOException
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Path script = Files.createTempFile("mpi-rank", ".sh");
        script.toFile().deleteOnExit();
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED -Xshare:auto " +
            jvmOptions + " --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp '" + classPath + "' " + mainClass +
            " \"$@\"\n");
        script.toFile().setExecutable(true);
        return script;
    }
}
