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
    private static final int MAX_PENDING = 4096;

    private final double decay;
    private final PlasticityRule.Reward reward;
    private final long seed;
    private final long stream;
    private final long[] pending = new long[MAX_PENDING];
    private int count;
    private double level;
    private long lastPre = Long.MIN_VALUE / 2;

    Dopamine(final PlasticityRule rule, final long seed, final long stream)
    {
        this.decay = rule.dopamineDecay();
        this.reward = rule.reward();
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
            if (count == MAX_PENDING)
            {
                throw new IllegalStateException("more than " + MAX_PENDING + " rewards pending");
            }
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
