package org.izhsim.mpi;

import org.izhsim.network.engine.SpikeExchange;

/**
 * The {@code mpi} spike exchange, registered in META-INF/services for {@link java.util.ServiceLoader}: joins the
 * job this process was launched in (MPI_Init_thread) with the library its launcher's environment names.
 */
public final class MpiExchangeProvider implements SpikeExchange.Provider
{
    @Override
    public String name()
    {
        return "mpi";
    }

    @Override
    public SpikeExchange open(final int capacity, final int maxTotal)
    {
        return new MpiSpikeExchange(Mpi.init(), capacity, maxTotal);
    }
}
