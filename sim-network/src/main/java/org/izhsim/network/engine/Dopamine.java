package org.izhsim.network.engine;

import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.random.CounterRandom;

/**
 * The global dopamine level of dopamine-modulated STDP (Izhikevich 2007, daspnet.m) and its pending rewards.
 * Each worker owns a replica and advances it from the same inputs (the shared spike ring after the barrier,
 * random bits keyed on the step), so every replica holds the same value at every step without any exchange.
 * <p>
 * A step, after integration: DA *= decay (daspnet.m line 81); the weights are updated with it; then the reward
 * rule looks at the spikes of the previous step's detection (daspnet's "fired" of this step): a spike of
 * {@code pre} is remembered (line 87), a spike of {@code post} strictly after the last one of {@code pre} and
 * less than {@code window} ms after it schedules a reward delay_min..delay_max ms later (lines 89-93; the
 * program draws 1000 + ceil(2000 rand), 1001..3000 ms); a reward due now adds the pulse (lines 95-97, once
 * however many are due).
 */
final class Dopamine
{
    /**
     * The most rewards pending at once in any network: at most one is scheduled per step and each waits at most
     * delay_max ms, so delay_max + 1 (a fixed 4096 ended a run whose post neuron fired in the window every step for
     * longer than that, with a stack trace and no outputs).
     */
    private static final int MAX_PENDING = PlasticityRule.MAX_REWARD_DELAY_MS + 1;

    private final double decay;
    private final PlasticityRule.Reward reward;
    private final long seed;
    private final long stream;
    private long[] pending;
    private int count;
    private double level;
    private long lastPre = Long.MIN_VALUE / 2;

    Dopamine(final PlasticityRule rule, final long seed, final long stream)
    {
        this.decay = rule.dopamineDecay();
        this.reward = rule.reward();
        this.pending = new long[reward == null ? 0 : reward.delayMaxMs() + 1];
        this.seed = seed;
        this.stream = stream;
    }

    /** DA after this step's decay; used by the weight update that follows. */
    double decayed()
    {
        level *= decay;
        return level;
    }

    double level()
    {
        return level;
    }

    /** The step of the reward rule's last pre spike (for checkpoints). */
    long lastPre()
    {
        return lastPre;
    }

    /** The steps of the pending rewards, in this replica's order (for checkpoints). */
    long[] pending()
    {
        return java.util.Arrays.copyOf(pending, count);
    }

    /** A replica's state as a checkpoint holds it: the level, the last pre spike's step, the pending rewards. */
    record State(double level, long lastPre, long[] pending)
    {
    }

    /**
     * Replaces the state with a checkpoint's (between runs). A file of format 4 names no rule and may come from a
     * run with a longer delay_max, whose rewards stay pending longer than this rule's: room for them beside the
     * delay_max + 1 this rule schedules (more than that ended the resumed run with an IllegalArgumentException).
     */
    void restore(final State saved)
    {
        final int room = reward == null ? 0 : reward.delayMaxMs() + 1;
        if (saved.pending().length > 0)
        {
            pending = new long[room + saved.pending().length];
        }
        this.level = saved.level();
        this.lastPre = saved.lastPre();
        System.arraycopy(saved.pending(), 0, this.pending, 0, saved.pending().length);
        this.count = saved.pending().length;
    }

    /** The most rewards pending at once. */
    static int maxPending()
    {
        return MAX_PENDING;
    }

    /** The rewarded rule's check for step t, after the weight update (see the class comment). */
    void rewardStep(final long step, final SpikeRing ring)
    {
        final long spikeStep = step - 1;
        final int slot = ring.slotOf(spikeStep);
        final int[] fired = ring.fired(slot);
        boolean post = false;
        for (int segment = 0; segment < ring.segments(); segment++)
        {
            final int first = ring.segmentStart(segment);
            for (int i = first; i < first + ring.count(slot, segment); i++)
            {
                lastPre = fired[i] == reward.pre() ? spikeStep : lastPre;
                post |= fired[i] == reward.post();
            }
        }
        if (step > 0 && post && spikeStep > lastPre && spikeStep - lastPre < reward.windowMs())
        {
            // count < pending.length: those scheduled in the last delay_max + 1 steps, beside any restored ones.
            final long bits = CounterRandom.bits(CounterRandom.key(seed, stream, step), 0);
            pending[count++] = step + reward.delayMinMs() +
                CounterRandom.uniformInt(bits, reward.delayMaxMs() - reward.delayMinMs() + 1);
        }
        boolean due = false;
        for (int k = 0; k < count; )
        {
            if (pending[k] == step)
            {
                due = true;
                pending[k] = pending[--count];
            }
            else
            {
                k++;
            }
        }
        if (due)
        {
            level += reward.pulse();
        }
    }
}
