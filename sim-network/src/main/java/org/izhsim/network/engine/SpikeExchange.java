package org.izhsim.network.engine;

/**
 * The exchange of each step's fired neuron ids between the ranks of a partitioned run: every rank steps its own
 * contiguous slice of the neurons and, once per step, learns the ids that fired on every rank, in rank order,
 * so that each rank delivers the same spikes in the same order whatever the number of ranks.
 * <p>
 * One rank's exchange is used by one thread at a time (the engine's worker 0 while the other workers wait at
 * the step barrier). Implementations: {@link LocalSpikeExchange} (ranks as threads in one JVM, for tests) and
 * the MPI binding of the sim-mpi module (Java 22+), found through {@link java.util.ServiceLoader} as a
 * {@link Provider}; {@link SpikeExchanges} does the finding.
 */
public interface SpikeExchange extends AutoCloseable
{
    /** This rank, 0 to {@link #size()} - 1. */
    int rank();

    /** The number of ranks. */
    int size();

    /**
     * Collective: every rank calls it once per step, in the same order. Sends this rank's
     * {@code fired[0, count)} and writes every rank's ids, rank 0's first, into {@code all}.
     *
     * @param all room for every id that can fire in one step (the network's neuron count).
     * @return the number of ids written to {@code all}.
     */
    int exchange(int[] fired, int count, int[] all);

    /**
     * Stops every rank of the job, this one with the message already printed; used when this rank fails so that
     * the others do not wait forever in their next exchange. Does not return when the job is aborted.
     */
    void abort(int exitCode);

    /** What carries the spikes, for summary.json (for MPI: the library and its handle convention). */
    default String transport()
    {
        return getClass().getSimpleName();
    }

    /** Leaves the group (for MPI: MPI_Finalize). */
    @Override
    void close();

    /** A transport that {@link SpikeExchanges} finds through {@link java.util.ServiceLoader}. */
    interface Provider
    {
        /** The name asked for, e.g. {@code mpi}. */
        String name();

        /**
         * Joins the job this process was launched in.
         *
         * @param capacity ids per rank sent in the fixed-size block of each step; more take a second round.
         * @param maxTotal the most ids that can fire in one step over all ranks (the network's neuron count).
         */
        SpikeExchange open(int capacity, int maxTotal);
    }
}
