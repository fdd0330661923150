package org.izhsim.network.record;

/**
 * State traces of chosen neurons, one value per step: membrane potential v (mV, after the step's
 * integration, clipped at the 30 mV peak as in the paper's figures), recovery variable u, and the step's
 * total input current I. Preallocated for the whole run; element [k][step] of trace k is written by the
 * worker owning neuron k during the run and read after it.
 */
public final class Traces
{
    private final int[] neurons;
    private final float[][] v;
    private final float[][] u;
    private final float[][] input;

    public Traces(final int[] neurons, final int steps)
    {
        this.neurons = neurons.clone();
        v = new float[neurons.length][steps];
        u = new float[neurons.length][steps];
        input = new float[neurons.length][steps];
    }

    /**
     * The traces of consecutive runs of the same neurons as one.
     *
     * @param steps the steps each part ran, at most its length (a run stopped early leaves the rest unused).
     */
    public static Traces concat(final Traces[] parts, final int[] steps)
    {
        int total = 0;
        for (int i = 0; i < parts.length; i++)
        {
            if (!java.util.Arrays.equals(parts[i].neurons, parts[0].neurons))
            {
                throw new IllegalArgumentException("traces of different neurons");
            }
            total += steps[i];
        }
        final Traces all = new Traces(parts[0].neurons, total);
        int at = 0;
        for (int i = 0; i < parts.length; i++)
        {
            for (int k = 0; k < parts[i].neurons.length; k++)
            {
                System.arraycopy(parts[i].v[k], 0, all.v[k], at, steps[i]);
                System.arraycopy(parts[i].u[k], 0, all.u[k], at, steps[i]);
                System.arraycopy(parts[i].input[k], 0, all.input[k], at, steps[i]);
            }
            at += steps[i];
        }
        return all;
    }

    private Traces(final int[] neurons, final float[][] v, final float[][] u, final float[][] input)
    {
        this.neurons = neurons;
        this.v = v;
        this.u = u;
        this.input = input;
    }

    /** Copies steps 0 .. count - 1 of these traces to steps at .. at + count - 1 of {@code target}'s. */
    void copyTo(final Traces target, final int at, final int count)
    {
        if (!java.util.Arrays.equals(neurons, target.neurons))
        {
            throw new IllegalArgumentException("traces of different neurons");
        }
        for (int k = 0; k < neurons.length; k++)
        {
            System.arraycopy(v[k], 0, target.v[k], at, count);
            System.arraycopy(u[k], 0, target.u[k], at, count);
            System.arraycopy(input[k], 0, target.input[k], at, count);
        }
    }

    /** A copy of the first {@code steps} steps, for a run that ended early. */
    public Traces firstSteps(final int steps)
    {
        final float[][] v2 = new float[neurons.length][];
        final float[][] u2 = new float[neurons.length][];
        final float[][] input2 = new float[neurons.length][];
        for (int k = 0; k < neurons.length; k++)
        {
            v2[k] = java.util.Arrays.copyOf(v[k], steps);
            u2[k] = java.util.Arrays.copyOf(u[k], steps);
            input2[k] = java.util.Arrays.copyOf(input[k], steps);
        }
        return new Traces(neurons, v2, u2, input2);
    }

    /** The traced neurons' global ids, in the order asked for. */
    public int[] neurons()
    {
        return neurons.clone();
    }

    public int count()
    {
        return neurons.length;
    }

    /** v of the k-th traced neuron, one value per step of the run; the array is live, not a copy. */
    public float[] v(final int k)
    {
        return v[k];
    }

    public float[] u(final int k)
    {
        return u[k];
    }

    public float[] input(final int k)
    {
        return input[k];
    }

    /** Called by the owning worker after integrating step {@code stepInRun}, before the reset. */
    public void record(final int k, final int stepInRun, final float vNow, final float uNow, final float inputNow)
    {
        v[k][stepInRun] = Math.min(vNow, 30.0f);
        u[k][stepInRun] = uNow;
        input[k][stepInRun] = inputNow;
    }
}
