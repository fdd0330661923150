package org.izhsim.network.engine;

/**
 * The neurons fired in each of the last D + 1 steps: a ring of D + 1 slots, slot {@code t mod (D + 1)} for
 * step t (D + 1 + L slots, {@code t mod (D + 1 + L)}, when a pipelined network's plasticity may read L steps behind
 * the dynamics, {@link PlasticityPipeline}).
 * <p>
 * Each slot is split into one segment per worker, at that worker's first neuron, so that a worker writes the
 * spikes of its own neurons (ascending) with no coordination. In step t every worker writes its segment of
 * slot t and reads slots t - 1 .. t - D; the slot written in step t last held step t - D - 1, which nobody
 * reads any more, and the step barrier orders a step's writes before the next step's reads. Reading the
 * segments in worker order lists a slot's neurons in ascending id, whatever the number of workers.
 * <p>
 * Only source neurons (those some projection starts from) are kept: a slot has room for all of them and no
 * more, so a network whose synapses leave few neurons, or none, needs no D x N ring.
 */
final class SpikeRing
{
    /**
     * Ints of padding on each side of a segment's counts: every worker writes its count of each step, so the
     * workers' counts live in separate arrays, each alone on its cache lines (they shared one 8-byte array per
     * slot before: one line written by every worker every step).
     */
    static final int COUNT_PAD = 16;
    private final int slots;
    /** A multiple of the slots far above D + lead: {@link #slotOf}'s offset. */
    private final long bias;
    private final int[][] fired;
    /** Per segment, its count of each slot at {@code COUNT_PAD + slot}. */
    private final int[][] count;
    private final int[] segmentStart;
    /** Ascending disjoint {first, end} ranges of the source neurons. */
    private final int[][] sourceRanges;

    /**
     * @param sources      number of source neurons: a slot's capacity.
     * @param segmentStart per worker, the number of source neurons owned by the workers before it.
     * @param sourceRanges the source neurons, as ascending disjoint {first, end} ranges.
     * @param lead         steps kept beyond the last D + 1: 0, or a pipelined network's lead.
     */
    SpikeRing(final int maxDelay, final int sources, final int[] segmentStart, final int[][] sourceRanges,
        final int lead)
    {
        this.slots = maxDelay + 1 + lead;
        this.bias = (long)slots << 32;
        this.segmentStart = segmentStart.clone();
        this.sourceRanges = sourceRanges.clone();
        fired = new int[slots][sources];
        count = new int[segmentStart.length][slots + 2 * COUNT_PAD];
    }

    /** Whether the spikes of this neuron are kept: it is the source of some projection. */
    boolean keeps(final int neuron)
    {
        for (final int[] range : sourceRanges)
        {
            if (neuron < range[1])
            {
                return neuron >= range[0];
            }
        }
        return false;
    }

    /** The most spikes one slot holds: the number of source neurons. */
    int capacity()
    {
        return fired[0].length;
    }

    /**
     * Slot of step t, for t >= -D - lead (the delivery of the first steps reads the slots of steps before 0). A
     * remainder of t plus a multiple of the slots, which keeps the operand positive, rather than {@code floorMod}:
     * its branch for a negative t is taken only in a network's first D steps, so code compiled while one network ran
     * had it as a trap, and the next network built in the same JVM (the bench's measured one, an explorer live run)
     * started by throwing the compiled step loop away (seen with -Xlog:deoptimization).
     */
    int slotOf(final long step)
    {
        return (int)((step + bias) % slots);
    }

    /** Neuron ids of the slot; segment w holds {@code count(slot, w)} ids from {@code segmentStart(w)}. */
    int[] fired(final int slot)
    {
        return fired[slot];
    }

    int count(final int slot, final int segment)
    {
        return count[segment][COUNT_PAD + slot];
    }

    void setCount(final int slot, final int segment, final int n)
    {
        count[segment][COUNT_PAD + slot] = n;
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
