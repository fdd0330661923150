package org.izhsim.network.input;

/**
 * External current into a contiguous range of neurons, added once per step. Implementations are immutable
 * and stateless between steps (random numbers are functions of (seed, stream, step, neuron)), so each worker
 * calls {@link #addTo} on its own neuron range with no coordination and the result is the same for any
 * split of the neurons.
 */
public abstract class InputDrive
{
    protected final int first;
    protected final int end;

    protected InputDrive(final int first, final int end)
    {
        this.first = first;
        this.end = end;
    }

    /**
     * Adds this step's current of neurons {@code max(from, first) .. min(to, end) - 1} to {@code input}.
     * Called by the worker that owns neurons {@code from .. to - 1}, on its thread, once per step.
     */
    public final void addTo(final float[] input, final int from, final int to, final long step)
    {
        final int lo = Math.max(from, first);
        final int hi = Math.min(to, end);
        if (lo < hi)
        {
            add(input, lo, hi, step);
        }
    }

    protected abstract void add(float[] input, int from, int to, long step);
}
