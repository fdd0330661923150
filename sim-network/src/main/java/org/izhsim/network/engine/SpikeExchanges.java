package org.izhsim.network.engine;

import org.izhsim.core.InputException;

import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds a {@link SpikeExchange} transport by name through {@link ServiceLoader}, and tells whether this process
 * was started by an MPI launcher. The MPI transport lives in the sim-mpi module, compiled for Java 22+ (it binds
 * the MPI C library with the Foreign Function and Memory API, final in JDK 22), so on an older JVM asking for
 * it gives one line instead of a class-version error.
 */
public final class SpikeExchanges
{
    /** The first Java feature release with the final Foreign Function and Memory API (JEP 454). */
    public static final int MPI_MIN_JAVA = 22;

    /**
     * World-size variables of the launchers: Open MPI's mpirun, and the PMI of MPICH's Hydra, Intel MPI and
     * Slurm's srun (--mpi=pmi2); PMIx (Open MPI 5's PRRTE, srun --mpi=pmix). Open MPI 5 also sets the OMPI_ name.
     */
    private static final String[] WORLD_SIZE_VARIABLES = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"};
    /** Their rank variables, in the same order. */
    private static final String[] RANK_VARIABLES = {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"};
    /**
     * Slurm's job step (srun): its tasks and this task's rank. Only inside a step, which SLURM_STEP_ID (or the
     * older SLURM_STEPID) marks: an sbatch script or an salloc shell also has SLURM_NTASKS and SLURM_PROCID=0
     * (Slurm's srun and sbatch manuals, "OUTPUT ENVIRONMENT VARIABLES"), and is no MPI rank.
     */
    private static final String SLURM_STEP_TASKS = "SLURM_STEP_NUM_TASKS";
    private static final String SLURM_TASKS = "SLURM_NTASKS";
    private static final String SLURM_RANK = "SLURM_PROCID";

    private SpikeExchanges()
    {
    }

    /**
     * The number of ranks the launcher started, or 0 when no MPI launcher started this process: Open MPI's or
     * a PMI variable, else the tasks of a Slurm job step of more than one task (srun without --mpi, or with a
     * plugin that sets no PMI variable); a step of one task (e.g. {@code srun --pty bash}) is not an MPI job.
     */
    public static int launcherWorldSize(final Map<String, String> environment)
    {
        for (final String name : WORLD_SIZE_VARIABLES)
        {
            if (environment.get(name) != null)
            {
                return Math.max(number(environment, name), 1);
            }
        }
        if (inSlurmStep(environment))
        {
            final String name = environment.containsKey(SLURM_STEP_TASKS) ? SLURM_STEP_TASKS : SLURM_TASKS;
            if (environment.containsKey(name))
            {
                final int tasks = number(environment, name);
                return tasks > 1 ? tasks : 0;
            }
        }
        return 0;
    }

    /**
     * This process's rank as its launcher numbered it (the same variables as {@link #launcherWorldSize}), or -1
     * when no launcher did. MPI's own rank must agree: a library of another MPI numbers every process 0.
     */
    public static int launcherRank(final Map<String, String> environment)
    {
        for (int v = 0; v < WORLD_SIZE_VARIABLES.length; v++)
        {
            if (environment.get(WORLD_SIZE_VARIABLES[v]) != null)
            {
                return environment.containsKey(RANK_VARIABLES[v]) ? number(environment, RANK_VARIABLES[v]) : -1;
            }
        }
        return launcherWorldSize(environment) > 0 && environment.containsKey(SLURM_RANK) ?
            number(environment, SLURM_RANK) : -1;
    }

    /** The variable that gave the world size, as NAME=value, for messages; "no launcher" when none did. */
    public static String launcherVariable(final Map<String, String> environment)
    {
        for (final String name : WORLD_SIZE_VARIABLES)
        {
            if (environment.containsKey(name))
            {
                return name + "=" + environment.get(name);
            }
        }
        if (launcherWorldSize(environment) > 0)
        {
            final String name = environment.containsKey(SLURM_STEP_TASKS) ? SLURM_STEP_TASKS : SLURM_TASKS;
            return name + "=" + environment.get(name) + " (Slurm job step)";
        }
        return "no launcher";
    }

    private static boolean inSlurmStep(final Map<String, String> environment)
    {
        return environment.containsKey("SLURM_STEP_ID") || environment.containsKey("SLURM_STEPID");
    }

    private static int number(final Map<String, String> environment, final String name)
    {
        final String value = environment.get(name);
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException e)
        {
            throw new InputException("the MPI launcher set " + name + "=" + value + ", not a number");
        }
    }

    /** Whether MPI is asked for: explicitly, or implicitly by running under an MPI launcher. */
    public static boolean mpiRequested(final boolean explicitly, final Map<String, String> environment)
    {
        return explicitly || launcherWorldSize(environment) > 0;
    }

    /**
     * Opens the named transport.
     *
     * @param javaFeature the running JVM's feature release ({@code Runtime.version().feature()}).
     * @throws InputException when the transport needs a newer Java or is not on the class path, or cannot join
     *                        (for MPI: no library, a library that is not MPI or not the launcher's): a fault of
     *                        the machine's set-up that its message names, not of the program.
     */
    public static SpikeExchange open(final String name, final int capacity, final int maxTotal,
        final int javaFeature)
    {
        final SpikeExchange.Provider provider = provider(name, javaFeature);
        try
        {
            return provider.open(capacity, maxTotal);
        }
        catch (final IllegalStateException e)
        {
            throw new InputException(e.getMessage());
        }
    }

    /**
     * The named transport, without joining a job yet.
     *
     * @throws InputException when the transport needs a newer Java or is not on the class path.
     */
    public static SpikeExchange.Provider provider(final String name, final int javaFeature)
    {
        if ("mpi".equals(name) && javaFeature < MPI_MIN_JAVA)
        {
            // With the way out: each rank printed the bare line and a user had to find JAVA_HOME in the README.
            throw new InputException("MPI needs Java " + MPI_MIN_JAVA + "+; this is Java " + javaFeature + ": run ./sim " +
                "with JAVA_HOME set to a JDK " + MPI_MIN_JAVA + " or newer, which builds the sim-mpi module (README, " +
                "MPI ranks)");
        }
        try
        {
            for (final SpikeExchange.Provider provider : ServiceLoader.load(SpikeExchange.Provider.class))
            {
                if (provider.name().equals(name))
                {
                    return provider;
                }
            }
        }
        catch (final ServiceConfigurationError e)
        {
            throw new InputException("the spike exchange '" + name + "' could not be loaded: " + e.getMessage());
        }
        throw new InputException("no spike exchange '" + name + "' on the class path: the sim-mpi module is " +
            "built when Maven runs on JDK " + MPI_MIN_JAVA + "+ (JAVA_HOME=/path/to/jdk-22+ mvn -B package)");
    }
}
