package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;

/**
 * Dopamine-modulated STDP (daspnet.m) on one rewarded synapse between two neurons driven by constant currents,
 * with a fixed reward delay: weight and eligibility after 3000 steps equal those computed here from the
 * recorded spike times alone (eligibility from spnet's traces with a- = 0.15; DA *= 0.995 each ms; every 10 ms
 * w += (0.002 + DA) c, clipped to [0, 4], c *= 0.99; +0.01 DA 50 ms after each post spike 1..19 ms after a pre
 * spike).
 */
class DopamineStdpRuleTest
{
    private static final int STEPS = 3000;
    private static final int DELAY = 50;
    private static final double PULSE = 0.01;

    /**
     * The Java API bounds what the file bounds: a pulse of 1e308 made the dopamine level Infinity (two rewards 30 ms
     * apart), a drift or baseline of 1e39 pinned every weight at w_max.
     */
    @Test
    void aPulseOrBaselineBeyondTheFloatRangeIsRefused()
    {
        final org.izhsim.core.InputException pulse = assertThrows(org.izhsim.core.InputException.class, () ->
            PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 0, 4, 0.002, 0.99, 10, 0.995,
                new PlasticityRule.Reward(0, 1, 20, DELAY, DELAY, 1e308, 3.5)));
        assertTrue(pulse.getMessage().contains("a pulse in [0, 3.4e38]"), pulse.getMessage());
        PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 0, 4, 0.002, 0.99, 10, 0.995,
            new PlasticityRule.Reward(0, 1, 20, DELAY, DELAY, 3e38, 3.5));
        final org.izhsim.core.InputException baseline = assertThrows(org.izhsim.core.InputException.class, () ->
            PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 0, 4, 1e39, 0.99, 10, 0.995, null));
        assertEquals("baseline 1e39 is outside the range a float holds (+-3.4e38)", baseline.getMessage());
    }

    @Test
    void weightAndEligibilityFollowTheSpikeTimesAndTheRewards()
    {
        final PlasticityRule rule = PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 0, 4, 0.002, 0.99, 10, 0.995,
            new PlasticityRule.Reward(0, 1, 20, DELAY, DELAY, PULSE, 3.5));
        final NetworkBuilder builder = new NetworkBuilder().seed(3).threads(1)
            .population(PopulationSpec.of("pre", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("post", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .input(InputSpec.dc("pre", 12)).input(InputSpec.dc("post", 9))
            .projection(ProjectionSpec.from("pre", "post").rule(ConnectionRule.oneToOne())
                .delay(DelayRule.constant(1)).weight(WeightRule.constant(2)).plasticity(rule))
            // The reward rule reads spikes from the spike ring, which keeps only sources: a null synapse back.
            .projection(ProjectionSpec.from("post", "pre").rule(ConnectionRule.oneToOne()).weight(WeightRule.constant(0)));
        try (Network net = Network.build(builder))
        {
            final SimulationResult r = net.run(STEPS);
            final boolean[][] fired = new boolean[2][STEPS];
            for (int k = 0; k < r.spikeSteps().length; k++)
            {
                fired[r.spikeNeurons()[k]][r.spikeSteps()[k]] = true;
            }
            final double[] expected = expect(fired);
            final PlasticWeights now = PlasticWeights.of(net.synapses(), net.plasticity());
            assertEquals((float)expected[0], now.weights()[0], 0f, "weight (starts at the reward's initial 3.5, not the rule's 2)");
            assertEquals((float)expected[1], now.derivatives()[0], 0f, "eligibility");
            assertTrue(expected[2] >= 3, "rewards delivered: " + expected[2]);
            assertTrue(expected[0] > 0 && expected[0] < 3.5, "the weight moved and stayed inside its bounds: " + expected[0]);
        }
    }

    /** {w, c, rewards} after STEPS steps. */
    private static double[] expect(final boolean[][] fired)
    {
        final float[] x = new float[STEPS + 1];
        float y = 0f;
        float c = 0f;
        float w = 3.5f;
        double da = 0;
        long lastPre = Long.MIN_VALUE / 2;
        final boolean[] due = new boolean[STEPS + DELAY + 1];
        int rewards = 0;
        for (int s = 0; s < STEPS; s++)
        {
            if (s >= 1 && fired[0][s - 1])
            {
                c -= y;
            }
            y = (float)(y * 0.95);
            x[s + 1] = (float)(0.95 * x[s]);
            da *= 0.995;
            if ((s + 1) % 10 == 0)
            {
                w = (float)Math.max(0f, Math.min(4f, w + (0.002 + da) * c));
                c = (float)(c * 0.99);
            }
            if (s >= 1)
            {
                lastPre = fired[0][s - 1] ? s - 1 : lastPre;
                if (fired[1][s - 1] && s - 1 > lastPre && s - 1 - lastPre < 20)
                {
                    due[s + DELAY] = true;
                }
            }
            if (due[s])
            {
                da += PULSE;
                rewards++;
            }
            if (fired[1][s])
            {
                y = 0.15f;
                c += x[s];
            }
            if (fired[0][s])
            {
                x[s + 1] = 0.1f;
            }
        }
        return new double[] {w, c, rewards};
    }
}
