package org.izhsim.network.engine;

/**
 * The neurons fired in each of the last D + 1 steps: a ring of D + 1 slots, slot {@code t mod (D + 1)} for
 * step t.
 * <p>
 * Each slot is split into one segment per worker, at that worker's first neuron, so that a worker writes the
 * spikes of its own neurons (ascending) with no coordination. In step t every worker writes its segment of
 * slot t and reads slots t - 1 .. t - D; the slot written in step t last held step t - D - 1, which nobody
 * reads any more, and the step barrier orders a step's writes before the next step's reads. Reading the
 * segments in worker order lists a slot's neurons in ascending id, whatever the number of workers.
 */
final class SpikeRing
{
    private final int slots;
    private final int[][] fired;
    private final int[][] count;
    private final int[] segmentStart;

    SpikeRing(final int maxDelay, final int neurons, final int[] segmentStart)
    {
        this.slots = maxDelay + 1;
        this.segmentStart = segmentStart.clone();
        fired = new int[slots][neurons];
        count = new int[slots][segmentStart.length];
    }

    int slotOf(final long step)
    {
        return (int)Math.floorMod(step, (long)slots);
    }

    /** Neuron ids of the slot; segment w holds {@code count(slot, w)} ids from {@code segmentStart(w)}. */
    int[] fired(final int slot)
    {
        return fired[slot];
    }

    int count(final int slot, final int segment)
    {
        return count[slot][segment];
    }

    void setCount(final int slot, final int segment, final int n)
    {
        count[slot][segment] = n;
    }

    int segmentStart(final int segment)
    {
        return segmentStart[segment];
    }

    int segments()
    {
        return segmentStart.length;
    }
}
