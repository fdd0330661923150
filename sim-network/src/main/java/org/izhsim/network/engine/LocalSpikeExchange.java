package org.izhsim.network.engine;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link SpikeExchange} whose ranks are threads of one JVM, so that tests cover partitioned runs and the
 * exchange protocol of {@link BlockExchange} without MPI. The group owns one shared buffer; every collective is
 * write-own-part, barrier, read-all, barrier. The barrier is a {@link CyclicBarrier} (it takes a lock): this
 * transport is for tests, not for speed.
 */
public final class LocalSpikeExchange extends BlockExchange
{
    private final Group group;

    private LocalSpikeExchange(final Group group, final int rank, final int capacity, final int maxTotal)
    {
        super(rank, group.barrier.getParties(), capacity, maxTotal);
        this.group = group;
    }

    /** One exchange per rank; give each to its own thread. */
    public static LocalSpikeExchange[] group(final int size, final int capacity, final int maxTotal)
    {
        final Group group = new Group(size, Math.max(Math.multiplyExact(size, capacity + 1), maxTotal));
        final LocalSpikeExchange[] ranks = new LocalSpikeExchange[size];
        for (int r = 0; r < size; r++)
        {
            ranks[r] = new LocalSpikeExchange(group, r, capacity, maxTotal);
        }
        return ranks;
    }

    @Override
    protected void allgather(final int[] send, final int length, final int[] received)
    {
        System.arraycopy(send, 0, group.shared, rank() * length, length);
        await();
        System.arraycopy(group.shared, 0, received, 0, size() * length);
        await();
    }

    @Override
    protected void allgatherv(final int[] send, final int count, final int[] counts, final int[] displacements,
        final int[] received)
    {
        System.arraycopy(send, 0, group.shared, displacements[rank()], count);
        await();
        final int last = size() - 1;
        System.arraycopy(group.shared, 0, received, 0, displacements[last] + counts[last]);
        await();
    }

    /**
     * Breaks the group's barrier for good: the other ranks' current or next exchange throws. A zero-timeout wait
     * breaks a {@link CyclicBarrier} until it is reset; when it instead completes the barrier (everyone else was
     * already waiting, and they see the flag as they leave), the next zero-timeout wait finds it alone and breaks it.
     */
    @Override
    public void abort(final int exitCode)
    {
        group.aborted = true;
        while (!group.barrier.isBroken())
        {
            try
            {
                group.barrier.await(0, TimeUnit.NANOSECONDS);
            }
            catch (final BrokenBarrierException | TimeoutException e)
            {
                // broken, as intended
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close()
    {
    }

    private void await()
    {
        try
        {
            group.barrier.await();
        }
        catch (final BrokenBarrierException | InterruptedException e)
        {
            if (e instanceof InterruptedException)
            {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("rank " + rank() + ": another rank " +
                (group.aborted ? "aborted" : "failed") + " during the spike exchange", e);
        }
        if (group.aborted)
        {
            throw new IllegalStateException("rank " + rank() + ": another rank aborted during the spike exchange");
        }
    }

    private static final class Group
    {
        final CyclicBarrier barrier;
        final int[] shared;
        volatile boolean aborted;

        Group(final int size, final int sharedLength)
        {
            this.barrier = new CyclicBarrier(size);
            this.shared = new int[sharedLength];
        }
    }
}
