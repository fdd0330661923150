package org.izhsim.mpi;

import org.izhsim.network.engine.BlockExchange;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The {@link BlockExchange} protocol over MPI_Allgather (the fixed-size block of every step) and MPI_Allgatherv
 * (the rare overflow round). Owns native buffers sized once for the most a step can carry, so a step copies ids
 * in and out and allocates nothing. Used by one thread at a time.
 */
public final class MpiSpikeExchange extends BlockExchange
{
    private final Mpi mpi;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment send;
    private final MemorySegment received;
    private final MemorySegment counts;
    private final MemorySegment displacements;

    public MpiSpikeExchange(final Mpi mpi, final int capacity, final int maxTotal)
    {
        super(mpi.rank(), mpi.size(), capacity, maxTotal);
        this.mpi = mpi;
        final long blockInts = capacity + 1L;
        send = arena.allocate(JAVA_INT, Math.max(blockInts, maxTotal));
        received = arena.allocate(JAVA_INT, Math.max(blockInts * mpi.size(), maxTotal));
        counts = arena.allocate(JAVA_INT, mpi.size());
        displacements = arena.allocate(JAVA_INT, mpi.size());
    }

    public Mpi mpi()
    {
        return mpi;
    }

    @Override
    protected void allgather(final int[] ids, final int length, final int[] all)
    {
        MemorySegment.copy(ids, 0, send, JAVA_INT, 0, length);
        mpi.allgather(send, length, Mpi.Datatype.INT, received);
        MemorySegment.copy(received, JAVA_INT, 0, all, 0, length * size());
    }

    @Override
    protected void allgatherv(final int[] ids, final int count, final int[] rankCounts,
        final int[] rankDisplacements, final int[] all)
    {
        MemorySegment.copy(ids, 0, send, JAVA_INT, 0, count);
        MemorySegment.copy(rankCounts, 0, counts, JAVA_INT, 0, size());
        MemorySegment.copy(rankDisplacements, 0, displacements, JAVA_INT, 0, size());
        mpi.allgatherv(send, count, Mpi.Datatype.INT, received, counts, displacements);
        final int last = size() - 1;
        MemorySegment.copy(received, JAVA_INT, 0, all, 0, rankDisplacements[last] + rankCounts[last]);
    }

    @Override
    public String transport()
    {
        return "MPI (" + mpi.flavour() + " handles, " + mpi.library() + ")";
    }

    /**
     * MPI_Abort, after a pause that lets the launcher forward what this rank has just printed: Hydra (MPICH) reads
     * a rank's output through its proxy and drops what it has not read yet when it tears the job down, so the
     * failing rank's own line was lost once in a CI run of MpiLaunchTest (an abort 0.7 s into the job).
     */
    @Override
    public void abort(final int exitCode)
    {
        System.out.flush();
        System.err.flush();
        try
        {
            Thread.sleep(ABORT_PAUSE_MILLIS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        mpi.abort(exitCode);
    }

    /** How long {@link #abort} waits for the launcher to forward this rank's last output. */
    static final long ABORT_PAUSE_MILLIS = 250;

    /** MPI_Finalize; the native buffers are freed after it. */
    @Override
    public void close()
    {
        try
        {
            mpi.close();
        }
        finally
        {
            arena.close();
        }
    }
}
