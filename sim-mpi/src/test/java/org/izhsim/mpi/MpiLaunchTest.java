package org.izhsim.mpi;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * <p>
 * Implementation {@code abi} is the MPI-5 standard ABI ({@code libmpi_abi.so.1}) under MPICH's launcher: the
 * library named by {@value #ABI_LIBRARY_VARIABLE}, else the system's; when that library needs a newer C library
 * than the system's (Debian 12 with sid's MPICH 5, see .ci/mpi-abi-from-sid), {@value #ABI_LOADER_VARIABLE} is
 * the command that runs the JVM under it (a dynamic loader and its --library-path).
 */
class MpiLaunchTest
{
    static final String ABI_LIBRARY_VARIABLE = "IZHSIM_MPI_ABI_LIBRARY";
    static final String ABI_LOADER_VARIABLE = "IZHSIM_MPI_ABI_LOADER";
    private static final Path SYSTEM_ABI_LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/" + Mpi.ABI_LIBRARY);

    @ParameterizedTest(name = "{0} -np {1}")
    @CsvSource({"openmpi, 2", "openmpi, 3", "mpich, 2", "mpich, 3", "abi, 2", "abi, 3"})
    void everyBoundCallGivesThePredictedResultOnEveryRank(final String implementation, final int ranks)
        throws IOException, InterruptedException
    {
        final List<String> command = MpiJob.mpirun(implementation, ranks);
        command.add(rankScript(implementation).toString());
        final MpiJob.Finished job = MpiJob.run(command, 90);
        final String output = job.output();
        assertTrue(job.done(), "the MPI job did not finish in 90 s:\n" + output);
        assertEquals(0, job.exitValue(), output);
        for (int r = 0; r < ranks; r++)
        {
            assertTrue(output.contains("rank " + r + "/" + ranks + ": ok (" + flavour(implementation) + ", "), output);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi", "mpich", "abi"})
    void aRankThatAbortsStopsTheWholeJobWithinSeconds(final String implementation)
        throws IOException, InterruptedException
    {
        final List<String> command = MpiJob.mpirun(implementation, 3);
        command.addAll(List.of(rankScript(implementation).toString(), "--fail", "1"));
        final MpiJob.Finished job = MpiJob.run(command, 60);
        final String output = job.output();
        assertTrue(job.done(), "ranks still waiting 60 s after rank 1 aborted:\n" + output);
        assertNotEquals(0, job.exitValue(), output);
        assertTrue(output.contains("rank 1: failing on purpose"), output);
        System.out.printf("MpiLaunchTest: %s job stopped %.1f s after its start by rank 1's MPI_Abort%n", implementation,
            job.seconds());
    }

    @Test
    void aLibraryFromAnotherMpiIsRefusedInsteadOfRunningRanksOfSizeOne() throws IOException, InterruptedException
    {
        final Path mpich = Path.of("/usr/lib/x86_64-linux-gnu/" + Mpi.MPICH_LIBRARY);
        if (!Files.exists(mpich))
        {
            System.out.println("MpiLaunchTest: no " + mpich + " (Debian: libmpich-dev): wrong-library test skipped");
            Assumptions.abort("no " + mpich);
        }
        final List<String> command = MpiJob.mpirun("openmpi", 2, "-x", Mpi.LIBRARY_VARIABLE);
        command.add(rankScript("openmpi").toString());
        final MpiJob.Finished job = MpiJob.run(command, 90, Map.of(Mpi.LIBRARY_VARIABLE, mpich.toString()));
        final String output = job.output();
        assertTrue(job.done(), output);
        assertNotEquals(0, job.exitValue(), output);
        assertTrue(output.contains("sees a world of 1 rank but the launcher started 2 (OMPI_COMM_WORLD_SIZE=2)"),
            output);
        assertFalse(output.contains(": ok"), output);
    }

    /**
     * A Slurm step of two tasks started without a PMI plugin the library reads: each task a world of its own. The line
     * told the user to change the library (MPI_JAVA_LIBRARY), where srun's --mpi is the way.
     */
    @Test
    void aSlurmStepWithoutPmiNamesSrunsMpiOption() throws IOException, InterruptedException
    {
        final MpiJob.Finished job = MpiJob.run(List.of(rankScript("openmpi").toString()), 90, Map.of(
            "SLURM_JOB_ID", "5", "SLURM_STEP_ID", "0", "SLURM_STEP_NUM_TASKS", "2", "SLURM_NTASKS", "2",
            "SLURM_PROCID", "0"));
        final String output = job.output();
        assertTrue(job.done(), output);
        assertNotEquals(0, job.exitValue(), output);
        assertTrue(output.contains("sees a world of 1 rank but srun started 2 tasks (SLURM_STEP_NUM_TASKS=2 (Slurm job " +
            "step)): srun gave the tasks no PMI that the library reads; run srun --mpi=pmix (Open MPI) or srun " +
            "--mpi=pmi2 (MPICH)"), output);
    }

    /** The handle convention {@link Mpi} must find for the library of {@code implementation}. */
    static Mpi.Flavour flavour(final String implementation)
    {
        return switch (implementation)
        {
            case "openmpi" -> Mpi.Flavour.OPEN_MPI;
            case "mpich" -> Mpi.Flavour.MPICH;
            default -> Mpi.Flavour.ABI;
        };
    }

    /** The launcher of one implementation, or a skipped test with the reason printed. */
    static Path launcher(final String implementation)
    {
        if (implementation.equals("abi"))
        {
            abiLibrary();
            return launcher("mpich");
        }
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

    /**
     * The standard ABI library the {@code abi} cases load (MPICH-built: its launcher is MPICH's), or a skipped test
     * with the reason printed.
     */
    static Path abiLibrary()
    {
        final String named = System.getenv(ABI_LIBRARY_VARIABLE);
        final Path library = named != null && !named.isBlank() ? Path.of(named) : SYSTEM_ABI_LIBRARY;
        if (!Files.exists(library))
        {
            final String reason = "no MPI-5 standard ABI library (" + (named != null && !named.isBlank() ? named :
                SYSTEM_ABI_LIBRARY + "; or set " + ABI_LIBRARY_VARIABLE) + ", e.g. MPICH 5's, see " +
                ".ci/mpi-abi-from-sid): ABI test skipped";
            System.out.println("MpiLaunchTest: " + reason);
            Assumptions.abort(reason);
        }
        return library;
    }

    /** A script that starts {@link MpiCheck} on this test's JVM and class path. */
    private static Path rankScript(final String implementation) throws IOException
    {
        return script(implementation, "-XX:TieredStopAtLevel=1", MpiCheck.class.getName());
    }

    /** A script that starts {@code mainClass} on this test's JVM and class path with its arguments. */
    static Path script(final String jvmOptions, final String mainClass) throws IOException
    {
        return script("", jvmOptions, mainClass);
    }

    /**
     * A script that starts {@code mainClass} on this test's JVM and class path with its arguments; for
     * implementation {@code abi} with {@code MPI_JAVA_LIBRARY} naming the ABI library, under
     * {@value #ABI_LOADER_VARIABLE} when set.
     */
    static Path script(final String implementation, final String jvmOptions, final String mainClass)
        throws IOException
    {
        final boolean abi = implementation.equals("abi");
        final String library = abi ? "export " + Mpi.LIBRARY_VARIABLE + "='" + abiLibrary() + "'\n" : "";
        final String loader = abi ? System.getenv().getOrDefault(ABI_LOADER_VARIABLE, "") : "";
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Path script = Files.createTempFile("mpi-rank", ".sh");
        script.toFile().deleteOnExit();
        Files.writeString(script, "#!/bin/sh\n" + library + "exec " + loader + " '" + java + "' --enable-native-access=ALL-UNNAMED -Xshare:auto " +
            jvmOptions + " --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp '" + classPath + "' " + mainClass +
            " \"$@\"\n");
        script.toFile().setExecutable(true);
        return script;
    }
}
