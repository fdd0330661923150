package org.izhsim.network.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.izhsim.core.InputException;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;

/** Given synapses: a projection of a table is the network its synapses describe. */
class ConnectionTableTest
{
    private static final int STEPS = 2500;

    /** spnet2006 with its excitatory projection {@code exc}. */
    private static NetworkBuilder spnet(final ProjectionSpec exc, final int threads)
    {
        return new NetworkBuilder().seed(9).threads(threads)
            .population(PopulationSpec.of("exc", 800).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("inh", 200).a(r -> 0.1).b(r -> 0.2).c(r -> -65).d(r -> 2))
            .projection(exc.plasticity(PlasticityRule.spnet2006()))
            .projection(ProjectionSpec.from("inh", "exc").rule(ConnectionRule.fixedOutdegree(100)).autapses(false)
                .delay(DelayRule.constant(1)).weight(WeightRule.constant(-5)))
            .input(InputSpec.randomPick(List.of("exc", "inh"), 20, 1));
    }

    private static ProjectionSpec drawn()
    {
        return ProjectionSpec.from("exc", List.of("exc", "inh")).rule(ConnectionRule.fixedOutdegree(100))
            .autapses(false).delay(DelayRule.splitEvenly(1, 20)).weight(WeightRule.constant(6));
    }

    /**
     * The excitatory synapses of a drawn spnet2006, given back as a table in a shuffled order with weights of their
     * own: the network built from the table fires the spikes and learns the weights of the drawn one with those
     * weights (both built from the same synapses, rows in the same order), for 1 and 3 threads.
     */
    @Test
    void aTableOfADrawnNetworksSynapsesRunsAsThatNetwork()
    {
        final PlasticWeights synapses;
        try (Network net = Network.build(spnet(drawn(), 1)))
        {
            synapses = PlasticWeights.of(net.synapses(), net.plasticity());
        }
        final int n = synapses.size();
        assertEquals(80_000, n);
        // Shuffled: the table sorts by source and target itself.
        final int[] order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = (int)((i * 7919L) % n);
        }
        final int[] sources = new int[n];
        final int[] targets = new int[n];
        final int[] delays = new int[n];
        final float[] weights = new float[n];
        for (int i = 0; i < n; i++)
        {
            sources[i] = synapses.sources()[order[i]];
            targets[i] = synapses.targets()[order[i]];
            delays[i] = synapses.delays()[order[i]];
            weights[i] = order[i] % 3 == 0 ? 6f : 5f;
        }
        final ConnectionTable table = ConnectionTable.of("test table", 0, 800, sources, targets, delays, weights, n);
        assertEquals(n, table.size());
        assertEquals(1, table.minDelay());
        assertEquals(20, table.maxDelay());
        for (final int threads : new int[] {1, 3})
        {
            final SimulationResult expected;
            final PlasticWeights expectedWeights;
            // The drawn network with the table's weights: entry j of source order gets the weight of its synapse.
            try (Network net = Network.build(spnet(drawn(), threads)))
            {
                final float[] w = new float[n];
                for (int i = 0; i < n; i++)
                {
                    w[order[i]] = weights[i];
                }
                PlasticWeights.restore(net.synapses(), net.plasticity(), w, new float[n]);
                expected = net.run(STEPS);
                expectedWeights = PlasticWeights.of(net.synapses(), net.plasticity());
            }
            try (Network net = Network.build(spnet(ProjectionSpec.from("exc", List.of("exc", "inh")).connections(table),
                threads)))
            {
                final PlasticWeights initial = PlasticWeights.of(net.synapses(), net.plasticity());
                assertArrayEquals(synapses.sources(), initial.sources());
                assertArrayEquals(synapses.targets(), initial.targets());
                assertArrayEquals(synapses.delays(), initial.delays());
                final SimulationResult r = net.run(STEPS);
                assertTrue(r.spikeSteps().length > 3_000, "spikes: " + r.spikeSteps().length + " of " + expected.spikeSteps().length);
                assertArrayEquals(expected.spikeSteps(), r.spikeSteps(), threads + " threads");
                assertArrayEquals(expected.spikeNeurons(), r.spikeNeurons(), threads + " threads");
                assertArrayEquals(expectedWeights.weights(), PlasticWeights.of(net.synapses(), net.plasticity())
                    .weights(), threads + " threads");
            }
        }
    }

    /** dastdp2007 rewards one synapse: a pair that a table lists twice is refused (both took its initial weight). */
    @Test
    void aRewardedPairThatATableListsTwiceIsRefused()
    {
        final PlasticityRule rule = PlasticityRule.dastdp2007(0.1, 0.15, 0.95, 0, 4, 0.002, 0.99, 10, 0.995,
            new PlasticityRule.Reward(0, 1, 20, 50, 50, 0.01, 3.5));
        final java.util.function.IntFunction<NetworkBuilder> network = copies -> new NetworkBuilder().seed(3).threads(1)
            .population(PopulationSpec.of("pre", 1)).population(PopulationSpec.of("post", 1))
            .projection(ProjectionSpec.from("pre", "post").connections(ConnectionTable.of("pairs.csv", 0, 1,
                new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 2}, new float[] {1f, 2f}, copies)).plasticity(rule))
            .projection(ProjectionSpec.from("post", "pre").rule(ConnectionRule.oneToOne()).weight(WeightRule.constant(0)));
        network.apply(1).plan();
        final InputException twice = assertThrows(InputException.class, () -> network.apply(2).plan());
        assertTrue(twice.getMessage().contains("the rewarded pair 0 -> 1 has 2 synapses in pairs.csv, and the reward " +
            "names one synapse: list the pair once"), twice.getMessage());
    }

    /** The same synapses named by two paths (ranks started in two folders) describe one rule; other weights not. */
    @Test
    void aTablesDescriptionIsItsSynapsesNotItsPath()
    {
        final int[] sources = {0, 1};
        final int[] targets = {2, 3};
        final int[] delays = {1, 2};
        final ConnectionRule here = ConnectionRule.table(ConnectionTable.of("c.csv", 0, 2, sources, targets, delays,
            new float[] {1f, 2f}, 2));
        final ConnectionRule there = ConnectionRule.table(ConnectionTable.of("../run/c.csv", 0, 2, sources, targets,
            delays, new float[] {1f, 2f}, 2));
        final ConnectionRule other = ConnectionRule.table(ConnectionTable.of("c.csv", 0, 2, sources, targets, delays,
            new float[] {1f, 2.5f}, 2));
        assertEquals(here.toString(), there.toString());
        assertEquals(here, there);
        assertTrue(!here.toString().equals(other.toString()) && !here.equals(other), other.toString());
    }

    @Test
    void aTableWhoseSynapsesLieOutsideTheProjectionIsRefusedByThePlan()
    {
        final ConnectionTable table = ConnectionTable.of("t.csv", 0, 2, new int[] {0, 1}, new int[] {2, 5},
            new int[] {1, 2}, new float[] {1f, 2f}, 2);
        final NetworkBuilder builder = new NetworkBuilder().seed(1).threads(1)
            .population(PopulationSpec.of("a", 2)).population(PopulationSpec.of("b", 3))
            .projection(ProjectionSpec.from("a", "b").connections(table));
        final InputException ex = assertThrows(InputException.class, builder::plan);
        assertTrue(ex.getMessage().contains("t.csv has targets 2..5, outside the projection's b (neurons 2..4)"),
            ex.getMessage());
        final InputException source = assertThrows(InputException.class, () -> ConnectionTable.of("t.csv", 0, 2,
            new int[] {0, 2}, new int[] {2, 3}, new int[] {1, 1}, new float[] {1f, 1f}, 2));
        assertTrue(source.getMessage().contains("synapse 2's source 2 is not one of the projection's sources (0..1)"),
            source.getMessage());
    }
}
