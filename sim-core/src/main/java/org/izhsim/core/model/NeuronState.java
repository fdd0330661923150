package org.izhsim.core.model;

/**
 * The mutable state (v, u) of one neuron, advanced in place by an integrator so that a run allocates
 * nothing per step. Owned by one run on one thread.
 */
public final class NeuronState
{
    /** Membrane potential, mV. */
    public double v;

    /** Recovery variable, in the model's current units. */
    public double u;

    public NeuronState(final double v, final double u)
    {
        this.v = v;
        this.u = u;
    }

    @Override
    public String toString()
    {
        return "(v=" + v + ", u=" + u + ")";
    }
}
