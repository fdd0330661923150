/**
 * The spike exchange over the system's MPI C library, bound with the Foreign Function and Memory API (Java 22+):
 * {@link org.izhsim.mpi.Mpi} holds the calls, {@link org.izhsim.mpi.MpiSpikeExchange} the per-step exchange, and
 * {@link org.izhsim.mpi.MpiExchangeProvider} makes it visible to sim-network through ServiceLoader.
 */
package org.izhsim.mpi;
