package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * spnet2006's populations with plastic excitatory-to-excitatory synapses and fixed excitatory-to-inhibitory ones, a
 * common choice (refused before: "make all projections of a source population plastic or none"). The fixed
 * projection goes through the receptor stage as plain currents.
 */
class FixedBesidePlasticTest
{
    private static final int STEPS = 2500;

    @TempDir
    Path dir;

    /** exc -> exc (80 targets each, delays 1..20) with {@code rule}, or fixed when null; exc -> inh (20) fixed. */
    private static NetworkBuilder network(final PlasticityRule rule, final int threads)
    {
        return network(rule, threads, 6);
    }

    private static NetworkBuilder network(final PlasticityRule rule, final int threads, final double excToInh)
    {
        final ProjectionSpec ee = ProjectionSpec.from("exc", "exc").rule(ConnectionRule.fixedOutdegree(80))
            .autapses(false).delay(DelayRule.splitEvenly(1, 20)).weight(WeightRule.constant(6));
        return new NetworkBuilder().seed(4).threads(threads)
            .population(PopulationSpec.of("exc", 800).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("inh", 200).a(r -> 0.1).b(r -> 0.2).c(r -> -65).d(r -> 2))
            .projection(rule == null ? ee : ee.plasticity(rule))
            .projection(ProjectionSpec.from("exc", "inh").rule(ConnectionRule.fixedOutdegree(20))
                .delay(DelayRule.splitEvenly(1, 20)).weight(WeightRule.constant(excToInh)))
            .projection(ProjectionSpec.from("inh", "exc").rule(ConnectionRule.fixedOutdegree(100)).autapses(false)
                .delay(DelayRule.constant(1)).weight(WeightRule.constant(-5)))
            .input(InputSpec.randomPick(List.of("exc", "inh"), 20, 1));
    }

    @Test
    void onlyTheExcitatoryToExcitatorySynapsesLearnAndTheRunIsTheSameForOneToFourThreads()
    {
        SimulationResult first = null;
        PlasticWeights firstWeights = null;
        // 2 threads pipeline the plasticity (the receptor stage is the dynamics'), 3 and 4 split the neurons.
        assertTrue(network(PlasticityRule.spnet2006(), 2).plan().pipelinesPlasticity());
        org.junit.jupiter.api.Assertions.assertFalse(network(PlasticityRule.spnet2006(), 3).plan().pipelinesPlasticity());
        for (final int threads : new int[] {1, 2, 3, 4})
        {
            try (Network net = Network.build(network(PlasticityRule.spnet2006(), threads)))
            {
                final SimulationResult r = net.run(STEPS);
                final PlasticWeights w = PlasticWeights.of(net.synapses(), net.plasticity());
                if (first == null)
                {
                    first = r;
                    firstWeights = w;
                    assertEquals(800 * 80, w.size(), "the plastic synapses are exc -> exc's");
                    assertTrue(java.util.Arrays.stream(w.targets()).allMatch(t -> t < 800), "every target excitatory");
                    assertTrue(r.spikeSteps().length > 5_000, "the network is active: " + r.spikeSteps().length);
                    boolean changed = false;
                    for (final float x : w.weights())
                    {
                        changed |= x != 6f;
                    }
                    assertTrue(changed, "two weight updates changed weights");
                    continue;
                }
                assertArrayEquals(first.spikeSteps(), r.spikeSteps(), threads + " threads: spike steps");
                assertArrayEquals(first.spikeNeurons(), r.spikeNeurons(), threads + " threads: spike neurons");
                assertArrayEquals(firstWeights.sources(), w.sources(), threads + " threads: sources");
                assertArrayEquals(firstWeights.targets(), w.targets(), threads + " threads: targets");
                assertArrayEquals(firstWeights.weights(), w.weights(), threads + " threads: weights");
                assertArrayEquals(firstWeights.derivatives(), w.derivatives(), threads + " threads: sd");
            }
        }
    }

    /**
     * A rule that changes nothing (no trace amplitudes, no drift) gives the spikes of the network where nothing is
     * plastic: the fixed projection, moved out of the plain matrix, delivers the same currents in the same steps
     * (the weights and the input are whole numbers, so any order of the sums is exact).
     */
    @Test
    void aRuleThatChangesNothingFiresTheSpikesOfTheFixedNetwork()
    {
        final PlasticityRule still = PlasticityRule.of(0, 10, 0, 0, 0.95, 0.95, 0, 0.9, 1000);
        for (final int threads : new int[] {1, 2})
        {
            final SimulationResult fixed;
            try (Network net = Network.build(network(null, threads)))
            {
                fixed = net.run(STEPS);
            }
            try (Network net = Network.build(network(still, threads)))
            {
                final SimulationResult r = net.run(STEPS);
                assertTrue(fixed.spikeSteps().length > 5_000);
                assertArrayEquals(fixed.spikeSteps(), r.spikeSteps(), threads + " threads: spike steps");
                assertArrayEquals(fixed.spikeNeurons(), r.spikeNeurons(), threads + " threads: spike neurons");
            }
        }
    }

    @Test
    void aResumedRunEqualsTheUnbrokenOne() throws Exception
    {
        final SimulationResult tail;
        final PlasticWeights unbroken;
        final Path file = dir.resolve("mixed.ckpt");
        try (Network net = Network.build(network(PlasticityRule.spnet2006(), 1)))
        {
            net.run(1300);
            net.saveState(file);
            tail = net.run(1200);
            unbroken = PlasticWeights.of(net.synapses(), net.plasticity());
        }
        try (Network net = Network.build(network(PlasticityRule.spnet2006(), 2)))
        {
            net.restoreState(file);
            final SimulationResult resumed = net.run(1200);
            final PlasticWeights after = PlasticWeights.of(net.synapses(), net.plasticity());
            assertTrue(tail.spikeSteps().length > 1000);
            assertArrayEquals(tail.spikeSteps(), resumed.spikeSteps());
            assertArrayEquals(tail.spikeNeurons(), resumed.spikeNeurons());
            assertArrayEquals(unbroken.weights(), after.weights());
            assertArrayEquals(unbroken.derivatives(), after.derivatives());
        }
        // Other fixed weights beside the plastic ones: refused, named as such (the message spoke of a synapse model
        // or stp, which the network has neither of).
        try (Network net = Network.build(network(PlasticityRule.spnet2006(), 1, 5)))
        {
            final String refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.izhsim.core.InputException.class, () -> net.restoreState(file)).getMessage();
            assertTrue(refused.contains("other synapses with a synapse model or stp, or fixed beside plastic ones of " +
                "their source population"), refused);
        }
    }
}
