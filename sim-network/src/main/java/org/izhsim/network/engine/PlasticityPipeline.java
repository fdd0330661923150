package org.izhsim.network.engine;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import org.agrona.concurrent.IdleStrategy;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.synapse.PlasticSynapses;

/**
 * A pipelined plastic network's two threads ({@link NetworkPlan#pipelinesPlasticity()}): the dynamics thread runs
 * the one {@link Worker}'s steps without their plasticity (drive, delivery of the weights, integration, detection);
 * the plasticity thread runs {@link Worker#plasticStep} for each step the dynamics hand over, reading its spikes from
 * the {@link SpikeRing}. Nothing the dynamics read depends on the plasticity between two periodic weight updates,
 * and the plasticity's operations on each trace, sd and weight are those of the one-thread step in the same order:
 * the spikes and weights are one thread's, bit for bit.
 * <p>
 * Sequences, each written by one thread at a time (store-release) and read by the other (load-acquire): {@link
 * #handedOver}, the last step whose plasticity the dynamics handed over, which publishes that step's ring slot, and
 * {@link #plasticDone}, the last step whose plasticity is done. Before step t the dynamics wait until the
 * plasticity has finished step t - 1 - {@link NetworkPlan#PIPELINE_LEAD} (the ring slot step t overwrites held step
 * t - D - 1 - lead, the oldest the plasticity may still read). A step that updates the weights ends with the two
 * threads sharing the update, half of every block's synapses each ({@link #sharedUpdate}), after the plasticity's
 * depression and trace decay of that step and before its potentiation, as in one thread's step; the dynamics go on
 * when both halves are done (the next step's delivery reads the new weights).
 * <p>
 * When another program keeps a core busy, the plasticity thread is descheduled for milliseconds at a time and the
 * dynamics wait for it: a {@link ModeChooser} compares the wall time per step of the pipeline with that of the
 * dynamics thread running whole steps alone (the one-thread step, plasticity included), and runs the faster. The
 * dynamics go alone at a step boundary once the plasticity has finished every step handed over; they hand over
 * again by naming the first step that is the plasticity thread's ({@link #skipTo}) before handing it over, so that
 * the plasticity thread never runs a step the dynamics ran alone. While the dynamics run alone the plasticity thread
 * sleeps (a thread waking every 100 us to look would preempt the dynamics thousands of times a second on a busy
 * machine). No lock; a run ends when the plasticity has caught up with its last step, so that between runs every
 * weight, sd and trace is that of the last step.
 */
final class PlasticityPipeline
{
    private final Worker worker;
    private final PlasticSynapses plastic;
    private final int lead;
    private final IdleStrategy dynamicsIdle;
    private final IdleStrategy plasticIdle;
    private final PaddedSequence handedOver = new PaddedSequence();
    private final PaddedSequence plasticDone = new PaddedSequence();
    /** The first step handed over after the dynamics last ran alone: the plasticity thread resumes there. */
    private final PaddedSequence skipTo = new PaddedSequence();
    /** The last update step whose depression and trace decay the plasticity has done: the update may start. */
    private final PaddedSequence updateReady = new PaddedSequence();
    /** The last update step whose first half of the weights the dynamics thread has updated. */
    private final PaddedSequence dynamicsUpdated = new PaddedSequence();
    /** The last update step whose second half of the weights the plasticity thread has updated. */
    private final PaddedSequence plasticUpdated = new PaddedSequence();
    /** The blocks of the worker: all of the network's (a pipelined network is one slice). */
    private final int blocks;
    /** dastdp2007's rule: the update reads the dopamine level. */
    private final boolean dopamine;
    /** The dopamine level of the update step in {@link #updateReady}: written before it is published. */
    private double updateLevel;
    /** Whether the plasticity thread's half of the last update was finite: written before {@link #plasticUpdated}. */
    private boolean plasticHalfFinite = true;
    /** The dynamics' choice between the pipeline and running alone; the dynamics thread's only. */
    private final ModeChooser chooser = new ModeChooser();
    /**
     * The first step of the pipeline after a stay alone, until the woken plasticity thread has done its plasticity;
     * -1 otherwise. The dynamics thread's only. Until then no step is measured: the wake-up of a parked thread (tens
     * to hundreds of us on this VM) is the switch's cost, not the pipeline's. Measured with it, the pipeline's trial
     * after a stay alone was over the chooser's abort ratio within its first 5 steps, and spnet2006 at 2 threads ran
     * 59,025 of 60,000 steps alone (5.0 us per step, where the pipeline ran 2.5; probe Two.java, BENCHMARKS.md).
     */
    private long wokenAt = -1;
    /**
     * 1 while the dynamics thread runs whole steps alone, else 0; written by it, read by the plasticity thread as it
     * waits: padded, like {@link #lastStep}, away from the dynamics' per-step writes (the step counters below).
     */
    private final PaddedSequence alone = new PaddedSequence();
    /** The plasticity thread while it sleeps, else null. */
    private volatile Thread sleeper;
    /** The dynamics' last step of the run once known, else {@link Long#MAX_VALUE}; {@link Long#MIN_VALUE}: abandon. */
    private final PaddedSequence lastStep = new PaddedSequence();
    private volatile Throwable plasticFailure;
    /** Tests only: called on the plasticity thread before each of its steps (to make it lag), else null. */
    private LongConsumer beforePlasticStep;
    /**
     * Steps the pipelines of this JVM run before a chooser may send the dynamics alone: while the plasticity
     * thread's code is still being compiled the pipeline is slower than one thread, and a trial of the pipeline (a
     * window of 50 steps or fewer) gave that thread too few steps to get compiled, so the chooser kept the dynamics
     * alone (spnet2006 at 2 threads in a bench run: 0.00383 with 40 % of its steps alone, 0.0025 in the pipeline).
     * Counted over the JVM, not per network: the code, once compiled, stays so for the next network (the bench's
     * measured one after its warm-up copy: with 20,000 steps per network, a third of its 60 s run beside a busy
     * process stayed in a pipeline whose second thread had no core).
     */
    static final int WARM_STEPS = 20_000;
    private int warmSteps = WARM_STEPS;
    /** Steps all pipelines of this JVM ran in the pipeline in their finished runs: see {@link #WARM_STEPS}. */
    private static volatile long jvmPipelinedSteps;
    /** Whether this JVM's pipelines have run {@link #warmSteps} pipelined steps; the dynamics thread's. */
    private boolean warm;
    /** Tests only: the mode is the chooser's (0), always the pipeline (1) or always alone (2). */
    private int forcedMode;
    /** {@link #pipelinedSteps} when the run began. */
    private long pipelinedAtRunStart;
    /**
     * Steps the dynamics ran in the pipeline and alone, over the network's life; the dynamics thread's, counted every
     * step, so each on a cache line of its own: as plain fields they shared a line with the references the plasticity
     * thread reads as it waits (a concurrency review's JOL layout), which each step's count took from its core.
     */
    private final PaddedSequence pipelinedSteps = new PaddedSequence();
    private final PaddedSequence aloneSteps = new PaddedSequence();

    PlasticityPipeline(final Worker worker, final PlasticSynapses plastic, final int blocks, final int lead,
        final IdleStrategy dynamicsIdle, final IdleStrategy plasticIdle)
    {
        this.worker = worker;
        this.blocks = blocks;
        this.dopamine = plastic.rule().reward() != null;
        this.plastic = plastic;
        this.lead = lead;
        this.dynamicsIdle = dynamicsIdle;
        this.plasticIdle = plasticIdle;
    }

    /** On the dynamics thread, before the plasticity thread is handed the run. */
    void beginRun(final long firstStep)
    {
        lastStep.setRelease(Long.MAX_VALUE);
        plasticFailure = null;
        handedOver.setRelease(firstStep - 1);
        plasticDone.setRelease(firstStep - 1);
        skipTo.setRelease(firstStep);
        updateReady.setRelease(firstStep - 1);
        dynamicsUpdated.setRelease(firstStep - 1);
        plasticUpdated.setRelease(firstStep - 1);
        chooser.restart();
        // The plasticity thread is handed the run now: as after a wake-up, measured from its first step.
        wokenAt = firstStep;
        pipelinedAtRunStart = pipelinedSteps.getPlain();
    }

    /** Dynamics, at the run's end: its pipelined steps count for the JVM's pipelines ({@link #WARM_STEPS}). */
    private void addToJvmSteps()
    {
        synchronized (PlasticityPipeline.class)
        {
            jvmPipelinedSteps += pipelinedSteps.getPlain() - pipelinedAtRunStart;
        }
        pipelinedAtRunStart = pipelinedSteps.getPlain();
    }

    /**
     * Dynamics: before step {@code step}, takes the mode the chooser named (going alone once the plasticity has
     * caught up; handing over again from this step) and, in the pipeline, waits until the step may overwrite its
     * ring slot (see the class comment).
     */
    void beforeStep(final long step)
    {
        final boolean pipeline = forcedMode == 0 ? !warm() || chooser.team() : forcedMode == 1;
        if (pipeline && alone.getPlain() != 0)
        {
            skipTo.setRelease(step);
            worker.dynamicsOnly(true);
            alone.setRelease(0);
            wakeSleeper();
            wokenAt = step;
        }
        else if (!pipeline && alone.getPlain() == 0)
        {
            await(plasticDone, step - 1);
            worker.dynamicsOnly(false);
            alone.setRelease(1);
            // The wait for the plasticity to catch up (up to the lead's steps of a thread without a core) is the
            // switch's cost, not the mode's: the window starts after this step.
            chooser.restart();
        }
        if (alone.getPlain() == 0)
        {
            await(plasticDone, step - 1 - lead);
        }
    }

    /**
     * Dynamics: step {@code step} is done. In the pipeline its plasticity is handed over (its spikes are in the
     * ring), and when it updates the weights the two threads share the update ({@link #sharedUpdate}) before the
     * dynamics go on: the next step's delivery reads them. Alone, the step's plasticity was part of it.
     */
    void afterStep(final long step)
    {
        if (alone.getPlain() != 0)
        {
            aloneSteps.setPlain(aloneSteps.getPlain() + 1);
            plasticDone.setRelease(step);
            return;
        }
        pipelinedSteps.setPlain(pipelinedSteps.getPlain() + 1);
        handedOver.setRelease(step);
        if (plastic.updatesAfter(step))
        {
            await(updateReady, step);
            final boolean finite = updateHalf(0, updateLevel, step);
            dynamicsUpdated.setRelease(step);
            await(plasticUpdated, step);
            // The plasticity thread's half, published by plasticUpdated: either ends the run after this step.
            worker.plasticityFinite(finite && plasticHalfFinite, step);
        }
    }

    /**
     * Half {@code half} of every block's weight update of step {@code step}, with dastdp2007's dopamine {@code level};
     * whether its weights, derivatives and traces are finite.
     */
    private boolean updateHalf(final int half, final double level, final long step)
    {
        boolean finite = true;
        for (int block = 0; block < blocks; block++)
        {
            if (dopamine)
            {
                finite &= plastic.updateWeights(block, level, half, 2);
            }
            else
            {
                finite &= plastic.updateWeights(block, half, 2);
            }
            finite &= plastic.tracesFinite(block, half, 2, step);
        }
        return finite;
    }

    /** Dynamics: the step's end, {@code now} nanoseconds: the chooser's measure of the mode it ran in. */
    void stepEnded(final long now)
    {
        if (forcedMode != 0 || !warm())
        {
            chooser.restart();
            return;
        }
        if (wokenAt >= 0)
        {
            // The window starts once the woken thread has done its first step.
            chooser.restart();
            if (plasticDone.getAcquire() >= wokenAt)
            {
                wokenAt = -1;
                chooser.stepEnded(now);
            }
            return;
        }
        chooser.stepEnded(now);
    }

    /**
     * Plasticity, in its step {@code step} that updates the weights, after the depression and the traces' decay and
     * before the potentiation: the second half of every block's weights, while the dynamics thread updates the
     * first; returns when both halves are done.
     *
     * @param level dastdp2007's dopamine level after this step's decay, else NaN.
     * @return false when the dynamics have abandoned the run.
     */
    boolean sharedUpdate(final long step, final double level)
    {
        updateLevel = level;
        updateReady.setRelease(step);
        plasticHalfFinite = updateHalf(1, level, step);
        plasticUpdated.setRelease(step);
        while (dynamicsUpdated.getAcquire() < step)
        {
            if (lastStep.getAcquire() == Long.MIN_VALUE)
            {
                return false;
            }
            plasticIdle.idle();
        }
        plasticIdle.reset();
        return true;
    }

    /** Dynamics: the run's last step was {@code step}; returns when the plasticity has finished it. */
    void finish(final long step)
    {
        lastStep.setRelease(step);
        wakeSleeper();
        await(plasticDone, step);
        addToJvmSteps();
    }

    /** Dynamics, after a failure of its own: the plasticity thread leaves at its next step. */
    void abandon()
    {
        lastStep.setRelease(Long.MIN_VALUE);
        wakeSleeper();
        addToJvmSteps();
    }

    /**
     * The plasticity thread's part of a run from {@code firstStep}: every step the dynamics hand over, in order,
     * from {@link #skipTo} on; leaves when the plasticity has caught up with the run's last step.
     */
    void runPlasticity(final long firstStep)
    {
        try
        {
            long next = firstStep;
            while (true)
            {
                final long given = handedOver.getAcquire();
                if (given >= next)
                {
                    // Read after the hand-over it was written before: the steps the dynamics ran alone are skipped.
                    next = Math.max(next, skipTo.getAcquire());
                    if (given >= next)
                    {
                        plasticIdle.reset();
                        if (beforePlasticStep != null)
                        {
                            beforePlasticStep.accept(next);
                        }
                        if (!worker.plasticStep(next))
                        {
                            return;
                        }
                        plasticDone.setRelease(next);
                        next++;
                        continue;
                    }
                }
                if (plasticDone.getAcquire() >= lastStep.getAcquire())
                {
                    return;
                }
                if (alone.getAcquire() != 0)
                {
                    sleep();
                }
                else
                {
                    plasticIdle.idle();
                }
            }
        }
        catch (final Throwable ex)
        {
            plasticFailure = ex;
            throw ex;
        }
    }

    /** Plasticity: sleeps while the dynamics run alone and the run goes on. */
    private void sleep()
    {
        sleeper = Thread.currentThread();
        // Announce, fence, look again; the dynamics write, fence, look for the sleeper: one of the two sees the
        // other's write, so no wake-up is lost (and an early unpark leaves a permit).
        VarHandle.fullFence();
        if (alone.getAcquire() != 0 && lastStep.getAcquire() == Long.MAX_VALUE)
        {
            LockSupport.park(this);
        }
        sleeper = null;
    }

    private void wakeSleeper()
    {
        VarHandle.fullFence();
        final Thread t = sleeper;
        if (t != null)
        {
            LockSupport.unpark(t);
        }
    }

    /** Tests only, between runs: {@code hook} runs on the plasticity thread before each of its steps. */
    void beforePlasticStep(final LongConsumer hook)
    {
        beforePlasticStep = hook;
    }

    /** Tests only: the chooser of the dynamics' mode. */
    ModeChooser chooser()
    {
        return chooser;
    }

    /** Tests only, between runs: 0 lets the chooser decide, 1 keeps the pipeline, 2 the dynamics thread alone. */
    void forceMode(final int mode)
    {
        forcedMode = mode;
    }

    /** Dynamics: whether the JVM's pipelines, this one's steps of this run included, have run {@link #warmSteps}. */
    private boolean warm()
    {
        if (!warm && jvmPipelinedSteps + pipelinedSteps.getPlain() - pipelinedAtRunStart >= warmSteps)
        {
            warm = true;
        }
        return warm;
    }

    /** Tests only, between runs: the steps of {@link #WARM_STEPS}. */
    void warmSteps(final int steps)
    {
        warmSteps = steps;
    }

    /** Steps run as a pipeline and alone, over the network's life; between runs. */
    long pipelinedSteps()
    {
        return pipelinedSteps.getPlain();
    }

    long aloneSteps()
    {
        return aloneSteps.getPlain();
    }

    /** Tests only: the last step the dynamics have handed over. */
    long dynamicsDone()
    {
        return handedOver.getAcquire();
    }

    /** Dynamics: waits until {@code sequence} reaches {@code value}, or fails with the plasticity thread. */
    private void await(final PaddedSequence sequence, final long value)
    {
        while (sequence.getAcquire() < value)
        {
            failIfPlasticityFailed();
            dynamicsIdle.idle();
        }
        dynamicsIdle.reset();
    }

    private void failIfPlasticityFailed()
    {
        final Throwable failure = plasticFailure;
        if (failure != null)
        {
            // The message Network.primary passes over for the failure itself.
            throw new IllegalStateException("another worker failed", failure);
        }
    }
}
