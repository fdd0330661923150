package org.izhsim.network.record;

/**
 * State traces of chosen neurons, one value per step: membrane potential v (mV, after the step's
 * integration, clipped at the 30 mV peak as in the paper's figures), recovery variable u, and the step's
 * total input current I. Preallocated for the whole run; element [k][step] of trace k is written by the
 * worker owning neuron k during the run and read after it. The traces of a run that ended early are a view of the
 * first {@link #steps()} steps of these arrays ({@link #firstSteps}), not a copy.
 */
public final class Traces
{
    private final int[] neurons;
    private final float[][] v;
    private final float[][] u;
    private final float[][] input;
    /** The steps these traces hold: the arrays' length, or fewer for the view of a run that ended early. */
    private final int steps;

    public Traces(final int[] neurons, final int steps)
    {
        this.neurons = neurons.clone();
        v = new float[neurons.length][steps];
        u = new float[neurons.length][steps];
        input = new float[neurons.length][steps];
        this.steps = steps;
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
            total = Math.addExact(total, steps[i]);
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

    private Traces(final int[] neurons, final float[][] v, final float[][] u, final float[][] input, final int steps)
    {
        this.neurons = neurons;
        this.v = v;
        this.u = u;
        this.input = input;
        this.steps = steps;
    }

    /** Copies steps 0 .. count - 1 of these traces to steps at .. at + count - 1 of {@code target}'s. */
    void copyTo(final Traces target, final int at, final int count)
    {
        if (!java.util.Arrays.equals(neurons, target.neurons))
        {
            throw new IllegalArgumentException("traces of different neurons");
        }
        java.util.Objects.checkFromIndexSize(0, count, steps);
        java.util.Objects.checkFromIndexSize(at, count, target.steps);
        for (int k = 0; k < neurons.length; k++)
        {
            System.arraycopy(v[k], 0, target.v[k], at, count);
            System.arraycopy(u[k], 0, target.u[k], at, count);
            System.arraycopy(input[k], 0, target.input[k], at, count);
        }
    }

    /**
     * The first {@code steps} steps, for a run that ended early: a view of these arrays, not a copy. A copy took the
     * traces' heap a second time while the run's were alive: a run stopped at 64 % ran out of the heap its memory
     * check had accepted (which counts the traces once) and lost all its outputs.
     */
    public Traces firstSteps(final int steps)
    {
        // 0 <= steps <= this.steps: checkIndex(steps, this.steps + 1) overflowed for a run of 2^31 - 1 steps that
        // ended early, which lost all its outputs to an IndexOutOfBoundsException.
        java.util.Objects.checkFromToIndex(0, steps, this.steps);
        return steps == this.steps ? this : new Traces(neurons, v, u, input, steps);
    }

    /** The steps these traces hold, from the run's first. */
    public int steps()
    {
        return steps;
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

    /**
     * v of the k-th traced neuron, one value per step of {@link #steps()}; the array is live, not a copy, unless the
     * run ended early: then it is a copy of its first steps (see {@link #v(int, int)} to read without one).
     */
    public float[] v(final int k)
    {
        return first(v[k]);
    }

    public float[] u(final int k)
    {
        return first(u[k]);
    }

    public float[] input(final int k)
    {
        return first(input[k]);
    }

    /** v of the k-th traced neuron at step {@code step} (0 .. {@link #steps()} - 1) of the run. */
    public float v(final int k, final int step)
    {
        return v[k][java.util.Objects.checkIndex(step, steps)];
    }

    public float u(final int k, final int step)
    {
        return u[k][java.util.Objects.checkIndex(step, steps)];
    }

    public float input(final int k, final int step)
    {
        return input[k][java.util.Objects.checkIndex(step, steps)];
    }

    private float[] first(final float[] trace)
    {
        return trace.length == steps ? trace : java.util.Arrays.copyOf(trace, steps);
    }

    /**
     * Called by the owning worker after integrating step {@code stepInRun}, before the reset, with v as the figures
     * draw it (a 2003 neuron's at most 30 mV, a 2007 neuron's vpeak in its spike step).
     */
    public void record(final int k, final int stepInRun, final float vNow, final float uNow, final float inputNow)
    {
        v[k][stepInRun] = vNow;
        u[k][stepInRun] = uNow;
        input[k][stepInRun] = inputNow;
    }
}
