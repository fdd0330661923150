package org.izhsim.output;

import org.izhsim.network.record.SimulationResult;

/**
 * A read-only view of recorded spikes as parallel columns: time (ms) and neuron id, the first
 * {@code count} entries of each array. Times may be doubles or floats (a recorder storing a million
 * spikes in floats halves its memory); the arrays are not copied. A view of a network run's result reads its
 * spikes where they are, in memory or in the file they were streamed to.
 */
public final class SpikeList
{
    private final double[] doubleTimes;
    private final float[] floatTimes;
    private final int[] stepTimes;
    private final int[] ids;
    private final int count;
    private final SimulationResult result;
    private final int offset;
    /** A filtered view: the list it filters and the neuron ranges it keeps ({first, end} pairs); else null. */
    private final SpikeList base;
    private final int[] kept;
    /** The filtered view's cursor: its spike {@link #at} is the base's spike {@link #atBase}. */
    private int at = -1;
    private int atBase = -1;

    private SpikeList(final double[] doubleTimes, final float[] floatTimes, final int[] ids, final int count, final int length)
    {
        this(doubleTimes, floatTimes, null, ids, count, length);
    }

    private SpikeList(final double[] doubleTimes, final float[] floatTimes, final int[] stepTimes, final int[] ids,
        final int count, final int length)
    {
        if (count < 0 || count > length || count > ids.length)
        {
            throw new IllegalArgumentException("spike count " + count + " exceeds the arrays (" + length + " times, "
                + ids.length + " ids)");
        }
        this.doubleTimes = doubleTimes;
        this.floatTimes = floatTimes;
        this.stepTimes = stepTimes;
        this.ids = ids;
        this.count = count;
        this.result = null;
        this.offset = 0;
        this.base = null;
        this.kept = null;
    }

    private SpikeList(final SpikeList base, final int[] kept, final int count)
    {
        this.doubleTimes = null;
        this.floatTimes = null;
        this.stepTimes = null;
        this.ids = null;
        this.result = null;
        this.offset = 0;
        this.base = base;
        this.kept = kept;
        this.count = count;
    }

    /**
     * The spikes of the neurons in {@code ranges} ({first, end} pairs of ids), in this list's order, without a copy:
     * one pass counts them; read in order (as the spike files' writers read), each spike costs a step of a cursor
     * (going back restarts it), so a run's spikes streamed to disk need no heap for the view.
     */
    public SpikeList only(final int[] ranges)
    {
        int n = 0;
        for (int k = 0; k < count; k++)
        {
            n += keeps(ranges, id(k)) ? 1 : 0;
        }
        return new SpikeList(this, ranges.clone(), n);
    }

    private static boolean keeps(final int[] ranges, final int id)
    {
        for (int r = 0; r < ranges.length; r += 2)
        {
            if (id >= ranges[r] && id < ranges[r + 1])
            {
                return true;
            }
        }
        return false;
    }

    /** The base's index of this filtered view's spike {@code k}. */
    private int baseIndex(final int k)
    {
        if (k < 0 || k >= count)
        {
            throw new IndexOutOfBoundsException("spike " + k + " of " + count);
        }
        if (k < at)
        {
            at = -1;
            atBase = -1;
        }
        while (at < k)
        {
            atBase++;
            while (!keeps(kept, base.id(atBase)))
            {
                atBase++;
            }
            at++;
        }
        return atBase;
    }

    private SpikeList(final SimulationResult result, final int offset, final int count)
    {
        this.doubleTimes = null;
        this.floatTimes = null;
        this.stepTimes = null;
        this.ids = null;
        this.result = result;
        this.offset = offset;
        this.count = count;
        this.base = null;
        this.kept = null;
    }

    /** The spikes of a network run, times in steps of 1 ms, wherever the result holds them. */
    public static SpikeList of(final SimulationResult result)
    {
        return new SpikeList(result, 0, result.spikeCount());
    }

    /** Spikes {@code from .. from + count - 1} of this list of a run's result, without a copy. */
    public SpikeList slice(final int from, final int count)
    {
        if (result == null || from < 0 || count < 0 || from + count > this.count)
        {
            throw new IllegalArgumentException("cannot slice " + from + " + " + count + " of " + this.count);
        }
        return new SpikeList(result, offset + from, count);
    }

    public static SpikeList of(final double[] timesMs, final int[] ids, final int count)
    {
        return new SpikeList(timesMs, null, ids, count, timesMs.length);
    }

    public static SpikeList of(final float[] timesMs, final int[] ids, final int count)
    {
        return new SpikeList(null, timesMs, ids, count, timesMs.length);
    }

    /** Times given as steps of 1 ms (the network engine's record): time(k) is steps[k] ms, exactly. */
    public static SpikeList ofSteps(final int[] steps, final int[] ids, final int count)
    {
        return new SpikeList(null, null, steps, ids, count, steps.length);
    }

    /**
     * Whether the spikes are known to be in time order: those of a network run's result are (step by step, as
     * recorded), which lets a reader go through them once, a window of time at a time.
     */
    public boolean timeOrdered()
    {
        return result != null || base != null && base.timeOrdered();
    }

    public int count()
    {
        return count;
    }

    /**
     * @return the time (ms) of spike {@code k}.
     */
    public double time(final int k)
    {
        if (base != null)
        {
            return base.time(baseIndex(k));
        }
        return result != null ? result.spikeStep(offset + k) :
            doubleTimes != null ? doubleTimes[k] : floatTimes != null ? floatTimes[k] : stepTimes[k];
    }

    /**
     * @return the neuron id of spike {@code k}.
     */
    public int id(final int k)
    {
        if (base != null)
        {
            return base.id(baseIndex(k));
        }
        return result != null ? result.spikeNeuron(offset + k) : ids[k];
    }
}
