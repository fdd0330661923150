package org.izhsim.network.engine;

/**
 * The arithmetic of one 1 ms step of the 2003 model (Izhikevich 2003, eqs. 1-2) over a range of neurons.
 * <p>
 * Branch-free loops over float arrays only, so that C2 turns them into SIMD code; the rare reset at
 * v >= 30 mV is a separate pass in {@link Worker}. A single loop fusing threshold, reset and input was
 * measured at 4-5 ns per neuron, the split form at about 1 ns. Stateless; called by each worker on its range.
 */
final class NeuronKernel
{
    private NeuronKernel()
    {
    }

    /**
     * net.m: {@code v=v+0.5*(0.04*v.^2+5*v+140-u+I); v=v+0.5*(0.04*v.^2+5*v+140-u+I); u=u+a.*(b.*v-u);}
     * Two 0.5 ms Euler steps of v with u and I held, then a 1 ms Euler step of u with the new v.
     */
    static void halfStep(final float[] v, final float[] u, final float[] a, final float[] b, final float[] input,
        final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final float ui = u[i];
            final float drive = 140.0f - ui + input[i];
            float vi = v[i];
            vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + drive);
            vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + drive);
            v[i] = vi;
            u[i] = ui + a[i] * (b[i] * vi - ui);
        }
    }

    /** One forward-Euler step of 1 ms: v first, then u with the new v (the order of net.m). */
    static void euler(final float[] v, final float[] u, final float[] a, final float[] b, final float[] input,
        final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final float ui = u[i];
            float vi = v[i];
            vi += 0.04f * vi * vi + 5.0f * vi + 140.0f - ui + input[i];
            v[i] = vi;
            u[i] = ui + a[i] * (b[i] * vi - ui);
        }
    }
}
