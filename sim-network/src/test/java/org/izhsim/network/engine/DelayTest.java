package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A spike fired in step k is input in step k + delay, exactly: a chain 0 -> 1 (delay 3) -> 2 (delay 5)
 * whose synapses are strong enough (weight 1000) to make the target fire in the step the input arrives.
 */
class DelayTest
{
    private static final float DRIVE = 10.0f;

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void chainFiresAtExactlyTheDelays(final SpikeDelivery delivery)
    {
        final SimulationResult result = Network.build(new NetworkBuilder()
            .threads(2)
            .delivery(delivery)
            .population(PopulationSpec.of("first", 1))
            .population(PopulationSpec.of("second", 1))
            .population(PopulationSpec.of("third", 1))
            .projection(ProjectionSpec.from("first", "second").rule(ConnectionRule.oneToOne())
                .weight(WeightRule.constant(1000)).delay(DelayRule.constant(3)))
            .projection(ProjectionSpec.from("second", "third").rule(ConnectionRule.oneToOne())
                .weight(WeightRule.constant(1000)).delay(DelayRule.constant(5)))
            .input(InputSpec.dc("first", DRIVE)))
            .run(200);

        final int[] first = spikesOf(result, 0);
        final int[] expected = regularSpikingUnderDc(200);
        assertArrayEquals(expected, first, "neuron 0 follows the hand-written net.m update");
        final int[] second = spikesOf(result, 1);
        final int[] third = spikesOf(result, 2);
        assertArrayEquals(Arrays.stream(first).map(k -> k + 3).filter(k -> k < 200).toArray(), second);
        assertArrayEquals(Arrays.stream(second).map(k -> k + 5).filter(k -> k < 200).toArray(), third);
        assertEquals(first.length + second.length + third.length, result.spikeCount());
    }

    /** net.m's update for one regular-spiking cell (a, b, c, d = 0.02, 0.2, -65, 8) under DC, spike at the step v >= 30. */
    private static int[] regularSpikingUnderDc(final int steps)
    {
        float v = -65.0f;
        float u = 0.2f * v;
        final int[] spikes = new int[steps];
        int n = 0;
        for (int k = 0; k < steps; k++)
        {
            final float drive = 140.0f - u + DRIVE;
            v += 0.5f * (0.04f * v * v + 5.0f * v + drive);
            v += 0.5f * (0.04f * v * v + 5.0f * v + drive);
            u += 0.02f * (0.2f * v - u);
            if (v >= 30.0f)
            {
                spikes[n++] = k;
                v = -65.0f;
                u += 8.0f;
            }
        }
        return Arrays.copyOf(spikes, n);
    }

    private static int[] spikesOf(final SimulationResult result, final int neuron)
    {
        final int[] steps = result.spikeSteps();
        final int[] neurons = result.spikeNeurons();
        return java.util.stream.IntStream.range(0, steps.length).filter(i -> neurons[i] == neuron)
            .map(i -> steps[i]).toArray();
    }
}
