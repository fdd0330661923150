package org.izhsim.network.engine;

import org.izhsim.network.record.SpikeRecorder;
import org.izhsim.network.record.Traces;

/**
 * For benchmarks only (sim-bench's JMH classes), not for simulations: the four phases of one step of a built
 * single-threaded network, each the engine's own method of its {@link Worker}, callable one at a time so that
 * JMH times the code the engine runs and not a copy of it: {@link #driveInput}, {@link #deliverSpikes} (by the
 * network's {@link org.izhsim.network.build.SpikeDelivery} scheme), {@link #integrate}, {@link #detectAndReset},
 * and {@link #fire} to place chosen spikes in the ring that delivery reads.
 * <p>
 * The entry points stay as they are when the loops behind them change. Calls must come from one thread at a
 * time and never while the network runs; the network's own {@link Network#run} recording is not touched (the
 * reset pass records into a buffer of this object's, emptied whenever it might fill up: nothing is allocated).
 */
public final class StepKernels
{
    private final Worker worker;
    private final SpikeRing ring;
    private final NeuronArrays state;
    /** Spikes the reset pass records before they are dropped (room for one step of all neurons after them). */
    private final int recorded;
    private final SpikeRecorder recorder;

    private StepKernels(final Network network)
    {
        if (network.threads() != 1)
        {
            throw new IllegalArgumentException("StepKernels needs a network built with 1 thread, got " +
                network.threads());
        }
        this.worker = network.workers()[0];
        this.ring = network.spikeRing();
        this.state = network.state();
        this.recorded = Math.max(1 << 16, state.size());
        this.recorder = new SpikeRecorder(recorded + state.size());
        worker.prepareRun(recorder, new Traces(new int[0], 1), new int[0]);
    }

    /** @param network built with 1 thread and not running; its state is changed by every call. */
    public static StepKernels of(final Network network)
    {
        return new StepKernels(network);
    }

    /** Phase 1: input = the external drives of this step (noise, DC, ...). */
    public void driveInput(final long step)
    {
        worker.driveInput(step);
    }

    /**
     * Phase 2: adds the weights of the spikes arriving in this step to the input, reading the ring slots of steps
     * {@code step - D .. step - 1} (delay rows) or {@code step - 1} (arrival ring).
     *
     * @return the synaptic events delivered.
     */
    public long deliverSpikes(final long step)
    {
        return worker.deliverSpikes(step);
    }

    /**
     * Phase 3: one step of every neuron's equations with the current input, then the spike sources' spikes of
     * {@code step}.
     */
    public void integrate(final long step)
    {
        worker.integrate(step);
    }

    /**
     * Phase 4: threshold, reset, and the list of this step's spikes in the ring slot of {@code step}.
     *
     * @return the neurons that fired (those the ring keeps).
     */
    public int detectAndReset(final long step)
    {
        if (recorder.size() > recorded)
        {
            recorder.clear();
        }
        worker.detect(step);
        return ring.count(ring.slotOf(step), 0);
    }

    /**
     * Makes the ring say that exactly {@code neurons} fired in {@code step}, as phase 4 would have.
     *
     * @param neurons ascending ids of source neurons (neurons some projection starts from), at most the ring's
     *                capacity.
     */
    public void fire(final long step, final int[] neurons)
    {
        final int slot = ring.slotOf(step);
        final int[] fired = ring.fired(slot);
        int n = 0;
        for (final int neuron : neurons)
        {
            if (!ring.keeps(neuron))
            {
                throw new IllegalArgumentException("neuron " + neuron + " is no source of any projection");
            }
            fired[n++] = neuron;
        }
        ring.setCount(slot, 0, n);
    }

    /** The neurons' state: parameters, v, u and the input the phases read and write. */
    public NeuronArrays state()
    {
        return state;
    }
}
