package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
 * Same seed, same spikes: the guarantee NEST users keep asking for (nest-simulator issues 2119, 1394, 3217),
 * checked the way NEST checks it, by comparing whole spike trains across thread counts and reruns.
 */
class DeterminismTest
{
    /** Two populations, delays 1..20 ms, noise and Poisson drive, four projection rules. */
    static NetworkBuilder network(final int threads, final SpikeDelivery delivery)
    {
        return new NetworkBuilder()
            .seed(2003)
            .threads(threads)
            .delivery(delivery)
            .population(PopulationSpec.of("exc", 1600).c(r -> -65 + 15 * r * r).d(r -> 8 - 6 * r * r))
            .population(PopulationSpec.of("inh", 400).a(r -> 0.02 + 0.08 * r).b(r -> 0.25 - 0.05 * r).d(r -> 2))
            .projection(ProjectionSpec.from("exc", List.of("exc", "inh")).rule(ConnectionRule.fixedOutdegree(100))
                .weight(WeightRule.ofRandom(rand -> 5 * rand)).delay(DelayRule.uniform(1, 20)))
            .projection(ProjectionSpec.from("inh", "exc").rule(ConnectionRule.fixedIndegree(40))
                .weight(WeightRule.normal(-4, 1)).delay(DelayRule.constant(1)))
            .projection(ProjectionSpec.from("inh", "inh").rule(ConnectionRule.pairwiseProbability(0.1)).autapses(false)
                .weight(WeightRule.uniform(-4, -1)).delay(DelayRule.uniform(1, 3)))
            .input(InputSpec.noise("exc", 5))
            .input(InputSpec.noise("inh", 2))
            .input(InputSpec.poisson("exc", 10, 2, 50));
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void spikeTrainsAreBitIdenticalForOneToFourThreadsAndOnRerun(final SpikeDelivery delivery)
    {
        final SimulationResult reference = Network.build(network(1, delivery)).run(600);
        assertTrue(reference.spikeCount() > 2000, "the network must be active, got " + reference.spikeCount());
        for (final int threads : new int[] {2, 3, 4, 1})
        {
            final Network network = Network.build(network(threads, delivery));
            assertEquals(threads, network.threads());
            final SimulationResult result = network.run(600);
            assertArrayEquals(reference.spikeSteps(), result.spikeSteps(), "spike times, " + threads + " threads");
            assertArrayEquals(reference.spikeNeurons(), result.spikeNeurons(), "spike neurons, " + threads + " threads");
            assertEquals(reference.synapticEvents(), result.synapticEvents(), "events, " + threads + " threads");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void twoRunsInSequenceEqualOneRunOfTheirLength(final SpikeDelivery delivery)
    {
        final SimulationResult whole = Network.build(network(2, delivery)).run(400);
        final Network network = Network.build(network(3, delivery));
        final SimulationResult first = network.run(150);
        final SimulationResult second = network.run(250);
        assertEquals(150, second.firstStep());
        assertEquals(whole.spikeCount(), first.spikeCount() + second.spikeCount());
        for (int i = 0; i < first.spikeCount(); i++)
        {
            assertEquals(whole.spikeSteps()[i], first.spikeSteps()[i]);
            assertEquals(whole.spikeNeurons()[i], first.spikeNeurons()[i]);
        }
        for (int i = 0; i < second.spikeCount(); i++)
        {
            assertEquals(whole.spikeSteps()[first.spikeCount() + i], second.spikeSteps()[i]);
            assertEquals(whole.spikeNeurons()[first.spikeCount() + i], second.spikeNeurons()[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void spikesAreInTimeThenNeuronOrder(final SpikeDelivery delivery)
    {
        final SimulationResult result = Network.build(network(3, delivery)).run(300);
        final int[] steps = result.spikeSteps();
        final int[] neurons = result.spikeNeurons();
        for (int i = 1; i < steps.length; i++)
        {
            assertTrue(steps[i - 1] < steps[i] || steps[i - 1] == steps[i] && neurons[i - 1] < neurons[i],
                "spike " + i + " out of order");
        }
    }
}
