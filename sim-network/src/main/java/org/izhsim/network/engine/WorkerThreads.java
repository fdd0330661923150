package org.izhsim.network.engine;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The threads of workers 1..T-1, started once and kept between runs: starting and joining a thread cost about
 * 200 us on a virtual machine here, so a thread per run made every short run (the explorer's live chunks,
 * closed-loop use through the Java API) pay a millisecond. Between runs each thread blocks on its inbox and
 * costs nothing.
 * <p>
 * The coordinating thread posts one {@link Run} to every inbox and awaits it; the queue hand-off and the
 * latch order every write of a run before the coordinator reads the results. The threads are daemons and end
 * on {@link #close()}, which the owning {@link Network} calls when closed or when it becomes unreachable.
 */
final class WorkerThreads implements Runnable
{
    private static final Run SHUTDOWN = new Run(0, 0, 0, 0);

    private final BlockingQueue<Run>[] inboxes;
    /**
     * What the threads run, emptied by {@link #close()}: a thread's code reaches the workers only through it, so
     * that a closed network's memory is free even while the JVM still holds its ended threads (Temurin 25 kept
     * an ended thread's task reachable through a full GC now and then: sparse10k's 64 MB at sim run's outputs).
     */
    private final AtomicReference<Body> body;

    /** What thread t does with a run: {@link Worker#run} of its own worker, or its part in {@link SliceClaims}. */
    interface Body
    {
        void run(int thread, Run run);
    }

    @SuppressWarnings("unchecked")
    WorkerThreads(final int threads, final Body body)
    {
        inboxes = new BlockingQueue[threads];
        this.body = new AtomicReference<>(body);
        final AtomicReference<Body> code = this.body;
        for (int t = 1; t < threads; t++)
        {
            final int index = t;
            final BlockingQueue<Run> inbox = new ArrayBlockingQueue<>(1);
            inboxes[t] = inbox;
            final Thread thread = new Thread(() -> serve(index, code, inbox), "izhsim-worker-" + t);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Hands the run to every worker thread; returns at once. */
    void start(final Run run)
    {
        for (int t = 1; t < inboxes.length; t++)
        {
            putUninterruptibly(inboxes[t], run);
        }
    }

    /** Ends the threads once they finish what they were given (between runs: they have nothing left). */
    void close()
    {
        start(SHUTDOWN);
        body.set(null);
    }

    /** For {@link java.lang.ref.Cleaner}: must not refer to the Network, or the Network would never be cleaned. */
    @Override
    public void run()
    {
        close();
    }

    private static void serve(final int index, final AtomicReference<Body> code, final BlockingQueue<Run> inbox)
    {
        while (true)
        {
            final Run run = takeUninterruptibly(inbox);
            if (run == SHUTDOWN)
            {
                return;
            }
            try
            {
                code.get().run(index, run);
            }
            catch (final Throwable ex)
            {
                run.failures[index] = ex;
            }
            finally
            {
                run.done.countDown();
            }
        }
    }

    private static void putUninterruptibly(final BlockingQueue<Run> queue, final Run run)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                queue.put(run);
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static Run takeUninterruptibly(final BlockingQueue<Run> queue)
    {
        while (true)
        {
            try
            {
                return queue.take();
            }
            catch (final InterruptedException ex)
            {
                // A worker thread is ours alone: nobody has a reason to interrupt it, and a run must finish.
            }
        }
    }

    /**
     * One run's steps, the failures of its workers by index, and the count of worker threads still in it; with
     * {@link SliceClaims}, the step sequence it counts from.
     */
    static final class Run
    {
        final long firstStep;
        final int steps;
        final long sequence;
        final Throwable[] failures;
        final CountDownLatch done;

        Run(final long firstStep, final int steps, final int workers, final long sequence)
        {
            this.firstStep = firstStep;
            this.steps = steps;
            this.sequence = sequence;
            this.failures = new Throwable[Math.max(workers, 1)];
            this.done = new CountDownLatch(Math.max(workers - 1, 0));
        }

        void awaitDone()
        {
            boolean interrupted = false;
            while (true)
            {
                try
                {
                    done.await();
                    break;
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
