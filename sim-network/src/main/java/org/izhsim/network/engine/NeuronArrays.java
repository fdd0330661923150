package org.izhsim.network.engine;

/**
 * The neurons of a network as structure-of-arrays float buffers, indexed by global neuron id.
 * <p>
 * Parameters a, b, c, d are written at construction and read-only afterwards; state v, u and the input
 * accumulator are written every step, each element only by the worker that owns its neuron, so threads
 * never write the same element (they share cache lines only at range boundaries).
 */
public final class NeuronArrays
{
    final float[] v;
    final float[] u;
    final float[] a;
    final float[] b;
    final float[] c;
    final float[] d;
    /** This step's total input current: external drive plus arriving synaptic weights. */
    final float[] input;

    NeuronArrays(final int neurons)
    {
        v = new float[neurons];
        u = new float[neurons];
        a = new float[neurons];
        b = new float[neurons];
        c = new float[neurons];
        d = new float[neurons];
        input = new float[neurons];
    }

    public int size()
    {
        return v.length;
    }

    public float v(final int neuron)
    {
        return v[neuron];
    }

    public float u(final int neuron)
    {
        return u[neuron];
    }

    public float a(final int neuron)
    {
        return a[neuron];
    }

    public float b(final int neuron)
    {
        return b[neuron];
    }

    public float c(final int neuron)
    {
        return c[neuron];
    }

    public float d(final int neuron)
    {
        return d[neuron];
    }
}
