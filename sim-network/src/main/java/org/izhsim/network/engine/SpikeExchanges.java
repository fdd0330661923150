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
     * Slurm's srun (--mpi=pmi2). Open MPI 5's PRRTE also sets the OMPI_ name for compatibility.
     */
    private static final String[] WORLD_SIZE_VARIABLES = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"};

    private SpikeExchanges()
    {
    }

    /** The number of ranks the launcher started, or 0 when no MPI launcher started this process. */
    public static int launcherWorldSize(final Map<String, String> environment)
    {
        for (final String name : WORLD_SIZE_VARIABLES)
        {
            final String value = environment.get(name);
            if (value != null)
            {
                try
                {
                    return Math.max(Integer.parseInt(value.trim()), 1);
                }
                catch (final NumberFormatException e)
                {
                    throw new InputException("the MPI launcher set " + name + "=" + value + ", not a number");
                }
            }
        }
        return 0;
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
     * @throws InputException when the transport needs a newer Java or is not on the class path.
     */
    public static SpikeExchange open(final String name, final int capacity, final int maxTotal,
        final int javaFeature)
    {
        return provider(name, javaFeature).open(capacity, maxTotal);
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
            throw new InputException("MPI needs Java " + MPI_MIN_JAVA + "+; this is Java " + javaFeature);
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
