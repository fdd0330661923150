package org.izhsim.network.input;

/**
 * The spikes of a spike-times source population ({@code model: spike_times}; PyNN's {@code SpikeSourceArray}, NEST's
 * {@code spike_generator}): neuron i fires in the steps its list gives, and with a repeat period P in every step
 * whose remainder modulo P is one of them. Kept step-major: the (step, neuron) pairs of all neurons sorted by step,
 * then neuron, so a step finds its pairs by one binary search, whichever slice asks.
 */
public final class SpikeTimesSource extends SpikeSource
{
    /** The steps of the pairs, ascending. */
    private final int[] steps;
    /** The neuron (global id) of each pair, ascending within a step. */
    private final int[] neurons;
    /** The repeat period in steps; 0: none. */
    private final long period;

    /**
     * @param timesMs each neuron's ascending spike times in ms (= steps: the network's step is 1 ms), neuron
     *                {@code first + i} the i-th.
     */
    public SpikeTimesSource(final int first, final int end, final long[][] timesMs, final long repeatEveryMs,
        final double rest)
    {
        super(first, end, rest);
        int count = 0;
        for (final long[] times : timesMs)
        {
            count = Math.addExact(count, times.length);
        }
        final long[] pairs = new long[count];
        int k = 0;
        for (int i = 0; i < timesMs.length; i++)
        {
            for (final long t : timesMs[i])
            {
                pairs[k++] = t << 32 | (first + i);
            }
        }
        java.util.Arrays.sort(pairs);
        this.steps = new int[count];
        this.neurons = new int[count];
        for (k = 0; k < count; k++)
        {
            steps[k] = (int)(pairs[k] >>> 32);
            neurons[k] = (int)pairs[k];
        }
        this.period = repeatEveryMs;
    }

    @Override
    protected void fireRange(final float[] v, final float[] u, final int lo, final int hi, final long step,
        final long[] scratch)
    {
        for (int i = lo; i < hi; i++)
        {
            v[i] = rest;
            u[i] = 0.0f;
        }
        final long at = period > 0 ? step % period : step;
        if (at > Integer.MAX_VALUE)
        {
            return;
        }
        for (int k = firstPair((int)at); k < steps.length && steps[k] == at; k++)
        {
            if (neurons[k] >= lo && neurons[k] < hi)
            {
                v[neurons[k]] = SPIKE_MV;
            }
        }
    }

    /** The first pair at or after step {@code at}. */
    private int firstPair(final int at)
    {
        int low = 0;
        int high = steps.length;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (steps[mid] < at)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
