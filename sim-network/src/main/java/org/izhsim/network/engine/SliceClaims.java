package org.izhsim.network.engine;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.IdleStrategy;

/**
 * Who runs which slice of each step, when several threads step one network in one process: each step's
 * slices (the {@link Worker}s, each owning whole target blocks and every buffer written for them) are claimed
 * one at a time, so that a thread the operating system has descheduled between two steps does not hold the
 * step: the threads that are running take its slices. Every thread first claims its home slice (the one it
 * ran before, whose neurons are in its core's cache), then any slice still unclaimed.
 * <p>
 * Memory stays owned by the slice, never by the thread: a slice writes only its own neurons, its ring segment,
 * its recorder, its counters, whichever thread runs it, and the slices of a step are independent. So the
 * spikes do not depend on which thread ran what, nor on the number of threads (DeterminismTest,
 * SliceClaimsTest). What a descheduled thread still holds is the one slice it is running when preempted.
 * <p>
 * Per step q (counted over the network's life, from 1): slice s is claimed by a compare-and-set of its
 * {@link #claimed} sequence from q - 1 to q; a finished slice adds one to {@link #done}; the thread whose
 * addition completes the step (done = q x slices) does the step's serial part (the stop decision, the
 * coordinator's latency record and pacing) and then publishes {@link #released} = q with a store-release.
 * No thread claims a slice of step q + 1 before it has read released = q (load-acquire), and the atomic
 * additions to {@link #done} chain every slice's writes of step q to the completing thread, so all writes of
 * step q are visible to every slice of step q + 1. The progress listener is still told on the calling thread
 * (thread 0), after it reads the release. Lock-free: no thread ever blocks another except by running a slice
 * it claimed; waiting follows each thread's {@link IdleStrategy}, and a thread parked by it delays nobody but
 * itself, since its home slice goes to whoever is awake.
 */
final class SliceClaims
{
    private final Worker[] slices;
    private final PaddedSequence[] claimed;
    private final PaddedSequence done = new PaddedSequence();
    private final PaddedSequence released = new PaddedSequence();
    /** At a progress step, the completing thread publishes the step here and thread 0 releases it after the report. */
    private final PaddedSequence booked = new PaddedSequence();
    /** Whether the release of the step in {@link #booked} must wake the sleepers; published by {@link #booked}. */
    private boolean releaseWakes;
    private final StopControl stop;
    private final IdleStrategy[] idle;
    private volatile Throwable failure;
    /** Per thread, the thread itself while it sleeps in {@link #awaitReleased}, else null. */
    private final AtomicReferenceArray<Thread> sleepers;
    /** Set by thread 0 before a run's threads start; read by whichever thread completes a step. */
    private Coordinator coordinator;
    /** Slices run by a thread other than their home thread, per thread; for tests and the bench. */
    private final long[] foreign;

    /** This step: every thread claims slices (true) or thread 0 alone (false). Written by {@link #adapt}. */
    private volatile boolean team = true;
    private boolean adaptive = true;
    /** The choice of {@link #team}, by the completing thread of each step. */
    private final ModeChooser chooser = new ModeChooser();

    SliceClaims(final Worker[] slices, final StopControl stop, final IdleStrategy[] idle)
    {
        this.slices = slices;
        this.stop = stop;
        this.idle = idle;
        this.claimed = new PaddedSequence[slices.length];
        for (int s = 0; s < slices.length; s++)
        {
            claimed[s] = new PaddedSequence();
        }
        this.foreign = new long[idle.length];
        this.sleepers = new AtomicReferenceArray<>(idle.length);
    }

    int threads()
    {
        return idle.length;
    }

    /** Between runs, on thread 0: the sequence of the last completed step, from which the next run counts. */
    long beginRun(final Coordinator coordinator)
    {
        this.coordinator = coordinator;
        failure = null;
        chooser.restart();
        return released.getPlain();
    }

    /**
     * After a run, on thread 0, once every thread has left it: the run's coordinator (with the caller's listener and
     * pacer) is let go. Kept, it tied an unclosed network to its worker threads' clean-up action through a listener
     * that refers to the network, so neither was ever freed.
     */
    void endRun()
    {
        this.coordinator = null;
    }

    /**
     * Runs steps {@code firstStep .. firstStep + steps - 1} as thread {@code thread}, taking part in each step
     * until all of its slices are done, and leaves after the step that {@link StopControl} names.
     *
     * @param sequence what {@link #beginRun} returned for this run.
     * @return the steps run, the last one included.
     */
    int run(final int thread, final long firstStep, final int steps, final long sequence)
    {
        final IdleStrategy idle = this.idle[thread];
        final int count = slices.length;
        try
        {
            for (int i = 0; i < steps; i++)
            {
                final long q = sequence + i + 1;
                final long step = firstStep + i;
                if (thread == 0)
                {
                    // An interrupt of the caller's thread is a stop request, decided when a step completes.
                    stop.takeInterrupt();
                }
                if (i > 0)
                {
                    awaitReleased(thread, q - 1, idle);
                }
                // Alone, thread 0 claims every slice and the others only follow the releases.
                final int claims = team || thread == 0 ? count : 0;
                for (int k = 0; k < claims; k++)
                {
                    final int s = (thread + k) % count;
                    final PaddedSequence claim = claimed[s];
                    if (claim.getAcquire() < q && claim.compareAndSet(q - 1, q))
                    {
                        slices[s].step(step, i);
                        if (k != 0)
                        {
                            foreign[thread]++;
                        }
                        if (done.getAndAdd(1) + 1 == q * count)
                        {
                            complete(thread, step, i + 1, steps, q);
                        }
                    }
                }
                if (thread == 0 && coordinator.reportsAt(i + 1))
                {
                    // A progress step is released by thread 0 after the listener, as a barrier run does: a stop
                    // the listener asks for ends the run after the next step, not wherever the others have got to.
                    awaitBooked(q, idle);
                    final boolean reported = coordinator.progress(i + 1);
                    if (!reported)
                    {
                        // The listener threw: the run ends at this boundary, told to every thread by the release.
                        stop.stopAfter(step);
                    }
                    release(q, releaseWakes || !reported);
                }
                awaitReleased(thread, q, idle);
                if (stop.stopsAfter(step))
                {
                    return i + 1;
                }
            }
            return steps;
        }
        catch (final Throwable ex)
        {
            failure = ex;
            wakeSleepers();
            throw ex;
        }
    }

    /** For tests, between runs: every thread claims in every step, whatever the speed. */
    void alwaysTeam()
    {
        adaptive = false;
        team = true;
    }

    /** Steps since the network was built run with every thread claiming, and with thread 0 alone (adapting only). */
    long teamSteps()
    {
        return chooser.teamSteps();
    }

    long soloSteps()
    {
        return chooser.soloSteps();
    }

    /** Slices thread {@code thread} ran that were not its home slice, over the network's life; after a run. */
    long foreignSlices(final int thread)
    {
        return foreign[thread];
    }

    /** The step's serial part, on the thread that finished its last slice, before anyone starts the next. */
    private void complete(final int thread, final long step, final int stepsDone, final int steps, final long q)
    {
        if (stop.requested())
        {
            stop.stopAfter(step);
        }
        if (!coordinator.stepBooked(stepsDone, stop.stopsAfter(step)))
        {
            // The pacer threw: the run ends at this boundary, before the release that starts the next step.
            stop.stopAfter(step);
        }
        if (thread == 0)
        {
            // An interrupt during thread 0's wait for the deadline ends that wait with the flag set: a request before
            // the release, so the next step's completer sees it whoever it is. Taken only at the next step's start,
            // it missed a step that another thread ran whole while thread 0 was descheduled (the run went a period
            // longer than documented: 3 steps instead of at most 2 in PacedStopTest).
            stop.takeInterrupt();
        }
        final boolean wasTeam = team;
        adapt(coordinator.lastNanos());
        final boolean wakes = team && !wasTeam || stepsDone == steps || stop.stopsAfter(step);
        if (coordinator.reportsAt(stepsDone))
        {
            releaseWakes = wakes;
            booked.setRelease(q);
        }
        else
        {
            release(q, wakes);
        }
    }

    /** Publishes step q to every thread (see the class comment), waking the sleepers when asked to. */
    private void release(final long q, final boolean wakes)
    {
        released.setRelease(q);
        if (wakes)
        {
            wakeSleepers();
        }
    }

    /** Thread 0, at a progress step: waits until the step's serial part is done (it releases the step itself). */
    private void awaitBooked(final long q, final IdleStrategy idle)
    {
        while (booked.getAcquire() < q)
        {
            if (failure != null)
            {
                throw new IllegalStateException("another worker failed", failure);
            }
            // Cleared when taken: the idle strategy's parks returned at once under a set interrupt flag (a spin).
            stop.takeInterrupt();
            idle.idle();
        }
        idle.reset();
    }

    /** Unparks the threads that {@link #awaitReleased} put to sleep while thread 0 ran alone. */
    private void wakeSleepers()
    {
        VarHandle.fullFence();
        for (int t = 1; t < sleepers.length(); t++)
        {
            final Thread sleeper = sleepers.get(t);
            if (sleeper != null)
            {
                LockSupport.unpark(sleeper);
            }
        }
    }

    /**
     * Chooses the mode of the next step ({@link ModeChooser}): all threads claiming slices, or thread 0 alone, by
     * the wall time per step each mode last achieved. Called by the completing thread only, before the release that
     * publishes {@link #team} for the next step.
     */
    private void adapt(final long now)
    {
        if (adaptive)
        {
            // Stored only when it changes: a volatile store every step cost a fence and took the line that holds
            // the claims' references, which every thread reads in its claim and wait loops, from their cores.
            final boolean next = chooser.stepEnded(now);
            if (next != team)
            {
                team = next;
            }
        }
    }

    /**
     * Waits for step q's release with the thread's idle strategy; a thread other than 0, while thread 0 runs
     * alone, instead sleeps until the team is called back or the run ends ({@link #wakeSleepers}): a thread
     * that woke every 100 us to look would, on a busy machine, preempt thread 0 thousands of times a second.
     */
    private void awaitReleased(final int thread, final long q, final IdleStrategy idle)
    {
        while (released.getAcquire() < q)
        {
            if (failure != null)
            {
                throw new IllegalStateException("another worker failed", failure);
            }
            if (thread != 0 && !team)
            {
                sleepers.set(thread, Thread.currentThread());
                // Announce, fence, look again; the completer publishes, fences, looks for sleepers: one of the
                // two sees the other's write, so no wake-up is lost (and an early unpark leaves a permit).
                VarHandle.fullFence();
                if (!team && released.getAcquire() < q && failure == null)
                {
                    LockSupport.park(this);
                }
                sleepers.set(thread, null);
            }
            else
            {
                if (thread == 0)
                {
                    // Cleared when taken: the idle strategy's parks returned at once under a set flag (a spin while
                    // another thread waited for a deadline of the pacer).
                    stop.takeInterrupt();
                }
                idle.idle();
            }
        }
        idle.reset();
    }
}
