package org.izhsim.network.synapse;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a body over the chunks of 0..items-1 on a fixed number of short-lived threads, the calling thread
 * being worker 0. Chunks are claimed dynamically for load balance; callers must make the result independent
 * of which worker ran which chunk (construction does: every random number is keyed by neuron, not by
 * worker). Used only while building a network, never in the step loop. Each chunk starts with a check of the
 * build's {@link BuildCancel} condition.
 */
final class ParallelChunks
{
    /** Work on items [from, to) with the scratch state of worker {@code worker}. */
    @FunctionalInterface
    interface Body
    {
        void run(int from, int to, int worker);
    }

    private ParallelChunks()
    {
    }

    static void run(final int workers, final int items, final int chunk, final Body body)
    {
        final AtomicInteger next = new AtomicInteger();
        final Throwable[] failure = new Throwable[workers];
        final Thread[] threads = new Thread[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            final int worker = w;
            threads[w - 1] = new Thread(() -> failure[worker] = drain(next, items, chunk, body, worker),
                "izhsim-build-" + w);
            threads[w - 1].start();
        }
        failure[0] = drain(next, items, chunk, body, 0);
        for (final Thread thread : threads)
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building the network", ex);
            }
        }
        for (final Throwable t : failure)
        {
            if (t instanceof RuntimeException)
            {
                throw (RuntimeException)t;
            }
            if (t instanceof Error)
            {
                throw (Error)t;
            }
        }
    }

    private static Throwable drain(final AtomicInteger next, final int items, final int chunk, final Body body,
        final int worker)
    {
        try
        {
            for (int from = next.getAndAdd(chunk); from < items; from = next.getAndAdd(chunk))
            {
                BuildCancel.check();
                body.run(from, Math.min(items, from + chunk), worker);
            }
            return null;
        }
        catch (final Throwable t)
        {
            next.set(items);
            return t;
        }
    }
}
