package org.izhsim.network.engine;

import org.agrona.concurrent.IdleStrategy;

/**
 * The synchronisation point of a step of a partitioned run (several ranks; in one process {@link SliceClaims}
 * takes its place): no worker starts step t + 1 before every worker has finished step t.
 * <p>
 * Each worker owns one {@link PaddedSequence}; arriving it publishes the number of steps it has completed
 * with a store-release and then waits, with its own {@link IdleStrategy}, until every other worker's sequence
 * has reached the same number (load-acquire). No counter is shared, no compare-and-swap is needed, and the
 * release/acquire pair makes all of a worker's writes of step t (its spikes in the ring, its ring counts,
 * its state) visible to all workers in step t + 1. With two workers a crossing is one cache-line transfer
 * each way. The single-thread engine never uses a barrier.
 * <p>
 * A worker that fails calls {@link #breakBarrier(Throwable)} so that the others stop waiting and rethrow.
 */
final class StepBarrier
{
    private final PaddedSequence[] completed;
    private volatile Throwable failure;

    StepBarrier(final int parties, final long startSequence)
    {
        completed = new PaddedSequence[parties];
        for (int p = 0; p < parties; p++)
        {
            completed[p] = new PaddedSequence();
            completed[p].setRelease(startSequence);
        }
    }

    /**
     * @param party    the calling worker.
     * @param sequence steps completed by the caller, counted from the network's first step.
     * @param idle     the caller's idle strategy.
     */
    void arriveAndAwait(final int party, final long sequence, final IdleStrategy idle)
    {
        completed[party].setRelease(sequence);
        for (int p = 0; p < completed.length; p++)
        {
            final PaddedSequence other = completed[p];
            while (other.getAcquire() < sequence)
            {
                if (failure != null)
                {
                    throw new IllegalStateException("another worker failed", failure);
                }
                idle.idle();
            }
        }
        idle.reset();
    }

    void breakBarrier(final Throwable cause)
    {
        failure = cause;
    }
}
