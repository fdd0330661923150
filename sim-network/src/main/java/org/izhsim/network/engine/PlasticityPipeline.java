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
 * Sequences, each written by one thread (store-release) and read by the other (load-acquire): {@link
 * #dynamicsDone}, the last step the dynamics finished, which publishes that step's ring slot, and {@link
 * #plasticDone}, the last step the plasticity finished. Before step t the dynamics wait until the plasticity has
 * finished step t - 1 - {@link NetworkPlan#PIPELINE_LEAD} (the ring slot step t overwrites held step t - D - 1 -
 * lead, the oldest the plasticity may still read). A step that updates the weights ends with the two threads
 * sharing the update, half of every block's synapses each ({@link #sharedUpdate}), after the plasticity's
 * depression and trace decay of that step and before its potentiation, as in one thread's step; the dynamics go on
 * when both halves are done (the next step's delivery reads the new weights). No lock: each thread waits by its
 * {@link IdleStrategy}; a run ends when the plasticity has caught up with the last step of the dynamics, so that
 * between runs every weight, sd and trace is that of the last step.
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
    /** The last update step whose depression and trace decay the plasticity has done: the update may start. */
    private final PaddedSequence updateReady = new PaddedSequence();
    /** The last update step whose first half of the weights the dynamics thread has updated. */
    private final PaddedSequence dynamicsUpdated = new PaddedSequence();
    /** The last update step whose second half of the weights the plasticity thread has updated. */
    private final PaddedSequence plasticUpdated = new PaddedSequence();
    /** The blocks of the worker: all of the network's (a pipelined network is one slice). */
    private final int blocks;
    /** The dynamics' last step of the run once known, else {@link Long#MAX_VALUE}; {@link Long#MIN_VALUE}: abandon. */
    private volatile long lastStep = Long.MAX_VALUE;
    private volatile Throwable plasticFailure;
    /** Tests only: called on the plasticity thread before each of its steps (to make it lag), else null. */
    private java.util.function.LongConsumer beforePlasticStep;

    PlasticityPipeline(final Worker worker, final PlasticSynapses plastic, final int blocks, final int lead,
        final IdleStrategy dynamicsIdle, final IdleStrategy plasticIdle)
    {
        this.worker = worker;
        this.blocks = blocks;
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
        updateReady.setRelease(firstStep - 1);
        dynamicsUpdated.setRelease(firstStep - 1);
        plasticUpdated.setRelease(firstStep - 1);
    }

    /** Dynamics: waits until step {@code step} may overwrite its ring slot (see the class comment). */
    void beforeStep(final long step)
    {
        await(plasticDone, step - 1 - lead);
    }

    /**
     * Dynamics: step {@code step} is done; its spikes are in the ring. When it updates the weights, the two threads
     * share the update ({@link #sharedUpdate}) before the dynamics go on: the next step's delivery reads them.
     */
    void afterStep(final long step)
    {
        dynamicsDone.setRelease(step);
        if (plastic.updatesAfter(step))
        {
            await(updateReady, step);
            for (int block = 0; block < blocks; block++)
            {
                plastic.updateWeights(block, 0, 2);
            }
            dynamicsUpdated.setRelease(step);
            await(plasticUpdated, step);
        }
    }

    /**
     * Plasticity, in its step {@code step} that updates the weights, after the depression and the traces' decay and
     * before the potentiation: the second half of every block's weights, while the dynamics thread updates the
     * first; returns when both halves are done.
     *
     * @return false when the dynamics have abandoned the run.
     */
    boolean sharedUpdate(final long step)
    {
        updateReady.setRelease(step);
        for (int block = 0; block < blocks; block++)
        {
            plastic.updateWeights(block, 1, 2);
        }
        plasticUpdated.setRelease(step);
        while (dynamicsUpdated.getAcquire() < step)
        {
            if (lastStep == Long.MIN_VALUE)
            {
                return false;
            }
            plasticIdle.idle();
        }
        plasticIdle.reset();
        return true;
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

    /** Dynamics: the run's last step was {@code step}; returns when the plasticity has finished it. */
    void finish(final long step)
    {
        lastStep = step;
        await(plasticDone, step);
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
                if (!worker.plasticStep(step, this))
                {
                    return;
                }
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
