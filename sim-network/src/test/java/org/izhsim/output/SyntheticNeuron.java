package org.izhsim.output;

/**
 * Test data: a regular-spiking neuron of Izhikevich (2003), (a, b, c, d) as given (default: a = 0.02,
 * b = 0.2, c = -65, d = 8), integrated with 0.1 ms Euler steps under a step current, so its spike train adapts as in the
 * paper's Fig. 2 "regular spiking". Written here so the output tests need no model classes.
 */
final class SyntheticNeuron
{
    final double[] t;
    final double[] v;
    final double[] u;
    final double[] current;
    final double[] spikes;

    SyntheticNeuron(final double durationMs, final double stepOnsetMs, final double amplitude)
    {
        this(0.02, 0.2, -65, 8, durationMs, stepOnsetMs, amplitude);
    }

    /**
     * Any (a, b, c, d) of Izhikevich (2003), Fig. 2, with a current step.
     */
    SyntheticNeuron(
        final double a, final double b, final double c, final double d,
        final double durationMs, final double stepOnsetMs, final double amplitude)
    {
        final double dt = 0.1;
        final int n = (int)Math.round(durationMs / dt) + 1;
        t = new double[n];
        v = new double[n];
        u = new double[n];
        current = new double[n];
        final double[] found = new double[n];
        int spikeCount = 0;
        double vv = -70;
        double uu = b * vv;
        for (int k = 0; k < n; k++)
        {
            final double time = k * dt;
            final double input = time >= stepOnsetMs ? amplitude : 0;
            t[k] = time;
            current[k] = input;
            if (vv >= 30)
            {
                v[k] = 30;
                u[k] = uu;
                found[spikeCount++] = time;
                vv = c;
                uu += d;
                continue;
            }
            v[k] = vv;
            u[k] = uu;
            final double dv = 0.04 * vv * vv + 5 * vv + 140 - uu + input;
            final double du = a * (b * vv - uu);
            vv = Math.min(30, vv + dt * dv);
            uu += dt * du;
        }
        spikes = java.util.Arrays.copyOf(found, spikeCount);
    }
}
