package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
 * The spnet2006 rule on three neurons driven by constant currents: two presynaptic neurons (delays 1 and 5 ms)
 * onto one postsynaptic neuron. The expected derivative and weight of each synapse are computed here from the
 * recorded spike times alone, step by step as poly_spnet.cpp orders them (arrival: sd -= LTD; traces decay;
 * each 1000 ms: sd *= 0.9, w += 0.01 + sd, clip; post spike: LTD = 0.12, sd += LTP of the source d ms back;
 * pre spike: LTP = 0.1), and compared bit for bit after each of two seconds.
 */
class SpnetRuleTest
{
    private static final int POST = 2;

    @Test
    void derivativeAndWeightFollowTheSpikeTimesOverTwoSeconds()
    {
        final NetworkBuilder builder = new NetworkBuilder().seed(3).threads(1)
            .population(PopulationSpec.of("pre1", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("pre2", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("post", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .input(InputSpec.dc("pre1", 9)).input(InputSpec.dc("pre2", 14)).input(InputSpec.dc("post", 8))
            .projection(ProjectionSpec.from("pre1", "post").rule(ConnectionRule.oneToOne()).delay(DelayRule.constant(1))
                .weight(WeightRule.constant(2)).plasticity(PlasticityRule.spnet2006()))
            .projection(ProjectionSpec.from("pre2", "post").rule(ConnectionRule.oneToOne()).delay(DelayRule.constant(5))
                .weight(WeightRule.constant(9.95)).plasticity(PlasticityRule.spnet2006()));
        try (Network net = Network.build(builder))
        {
            final SimulationResult first = net.run(1000);
            final SimulationResult second = net.run(1000);
            final boolean[][] fired = new boolean[3][2000];
            for (final SimulationResult r : List.of(first, second))
            {
                for (int k = 0; k < r.spikeSteps().length; k++)
                {
                    fired[r.spikeNeurons()[k]][r.spikeSteps()[k]] = true;
                }
            }
            final PlasticWeights now = PlasticWeights.of(net.synapses(), net.plasticity());
            assertArrayEquals(new int[] {0, 1}, now.sources());
            assertArrayEquals(new int[] {1, 5}, now.delays());
            final float[][] expected = {expect(fired, 0, 1, 2f), expect(fired, 1, 5, 9.95f)};
            for (int k = 0; k < 2; k++)
            {
                assertEquals(expected[k][0], now.derivatives()[k], 0f, "sd of synapse " + k);
                assertEquals(expected[k][1], now.weights()[k], 0f, "w of synapse " + k);
            }
            // The second synapse hits w_max (10) after the first second: the clip is exercised.
            assertEquals(10f, now.weights()[1], 0f);
            assertTrue(expected[0][2] > 0 && expected[0][3] > 0, "both potentiation and depression happened");
        }
    }

    /** {sd, w, potentiations, depressions} after 2000 steps, from the spike times only. */
    private static float[] expect(final boolean[][] fired, final int pre, final int delay, final float w0)
    {
        final float[] ltp = new float[2001]; // ltp[x]: the source's trace at time x (after step x - 1)
        float ltd = 0f;
        float sd = 0f;
        float w = w0;
        int potentiations = 0;
        int depressions = 0;
        for (int s = 0; s < 2000; s++)
        {
            if (s - delay >= 0 && fired[pre][s - delay])
            {
                sd -= ltd;
                depressions += ltd > 0 ? 1 : 0;
            }
            ltd = (float)(ltd * 0.95);
            ltp[s + 1] = (float)(0.95 * ltp[s]);
            if ((s + 1) % 1000 == 0)
            {
                sd = (float)(sd * 0.9);
                w = (float)(w + (0.01 + sd));
                w = Math.max(0f, Math.min(10f, w));
            }
            if (fired[POST][s])
            {
                ltd = 0.12f;
                final int x = s + 1 - delay;
                sd += x >= 0 ? ltp[x] : 0f;
                potentiations += x >= 0 && ltp[x] > 0 ? 1 : 0;
            }
            if (fired[pre][s])
            {
                ltp[s + 1] = 0.1f;
            }
        }
        return new float[] {sd, w, potentiations, depressions};
    }
}
