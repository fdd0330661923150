package org.izhsim.network.engine;

import org.agrona.concurrent.IdleStrategy;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.synapse.PlasticSynapses;

/**
 * A pipelined plastic network's two threads ({@link NetworkPlan#pipelinesPlasticity()}): the dynamics thread runs
 * the one {@link Worker}'s steps without their plasticity (drive, delivery of the weights, integration, detection);
 * the plasticity thread runs {@link Worker#plasticStep} for each step the dynamics have finished, reading its spikes
 * from the {@link SpikeRing}. Nothing the dynamics read depends on the plasticity between two periodic weight
 * updates, and the plasticity's operations on each trace, sd and weight are those of the one-thread step in the same
 * order: the spikes and weights are one thread's, bit for bit.
 * <p>
 * Two sequences, each written by one thread (store-release) and read by the other (load-acquire):
 * {@link #dynamicsDone}, the last step the dynamics finished, which publishes that step's ring slot, and
 * {@link #plasticDone}, the last step the plasticity finished. Before step t the dynamics wait until the plasticity
 * has finished step t - 1 - {@link NetworkPlan#PIPELINE_LEAD} (the ring slot step t overwrites held step t - D - 1 -
 * lead, the oldest the plasticity may still read), and, when step t - 1 updated the weights, step t - 1 itself (the
 * delivery of step t reads the new weights). No lock: each thread waits by its {@link IdleStrategy}; a run ends when
 * the plasticity has caught up with the last step of the dynamics, so that between runs every weight, sd and trace
 * is that of the last step.
 */
final class PlasticityPipeline
{
    private final Worker worker;
    private final PlasticSynapses plastic;
    private final int lead;
    private final IdleStrategy dynamicsIdle;
    private final IdleStrategy plasticIdle;
    private final PaddedSequence dynamicsDone = new PaddedSequence();
    private final PaddedSequence plasticDone = new PaddedSequence();
    /** The dynamics' last step of the run once known, else {@link Long#MAX_VALUE}; {@link Long#MIN_VALUE}: abandon. */
    private volatile long lastStep = Long.MAX_VALUE;
    private volatile Throwable plasticFailure;
    /** Tests only: called on the plasticity thread before each of its steps (to make it lag), else null. */
    private java.util.function.LongConsumer beforePlasticStep;

    PlasticityPipeline(final Worker worker, final PlasticSynapses plastic, final int lead,
        final IdleStrategy dynamicsIdle, final IdleStrategy plasticIdle)
    {
        this.worker = worker;
        this.plastic = plastic;
        this.lead = lead;
        this.dynamicsIdle = dynamicsIdle;
        this.plasticIdle = plasticIdle;
    }

    /** On the dynamics thread, before the plasticity thread is handed the run. */
    void beginRun(final long firstStep)
    {
        lastStep = Long.MAX_VALUE;
        plasticFailure = null;
        dynamicsDone.setRelease(firstStep - 1);
        plasticDone.setRelease(firstStep - 1);
    }

    /** Dynamics: waits until step {@code step} may run (see the class comment). */
    void beforeStep(final long step)
    {
        final long needed = plastic.updatesAfter(step - 1) ? step - 1 : step - 1 - lead;
        while (plasticDone.getAcquire() < needed)
        {
            failIfPlasticityFailed();
            dynamicsIdle.idle();
        }
        dynamicsIdle.reset();
    }

    /** Dynamics: step {@code step} is done; its spikes are in the ring. */
    void afterStep(final long step)
    {
        dynamicsDone.setRelease(step);
    }

    /** Dynamics: the run's last step was {@code step}; returns when the plasticity has finished it. */
    void finish(final long step)
    {
        lastStep = step;
        while (plasticDone.getAcquire() < step)
        {
            failIfPlasticityFailed();
            dynamicsIdle.idle();
        }
        dynamicsIdle.reset();
    }

    /** Dynamics, after a failure of its own: the plasticity thread leaves at its next step. */
    void abandon()
    {
        lastStep = Long.MIN_VALUE;
    }

    /** The plasticity thread's part of a run from {@code firstStep}: every step the dynamics finish, in order. */
    void runPlasticity(final long firstStep)
    {
        try
        {
            for (long step = firstStep; ; step++)
            {
                while (dynamicsDone.getAcquire() < step)
                {
                    if (lastStep < step)
                    {
                        return;
                    }
                    plasticIdle.idle();
                }
                plasticIdle.reset();
                if (beforePlasticStep != null)
                {
                    beforePlasticStep.accept(step);
                }
                worker.plasticStep(step);
                plasticDone.setRelease(step);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            plasticFailure = ex;
            throw ex;
        }
    }

    /** Tests only, between runs: {@code hook} runs on the plasticity thread before each of its steps. */
    void beforePlasticStep(final java.util.function.LongConsumer hook)
    {
        beforePlasticStep = hook;
    }

    /** Tests only: the last step the dynamics have finished. */
    long dynamicsDone()
    {
        return dynamicsDone.getAcquire();
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
