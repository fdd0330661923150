package org.izhsim.network.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.engine.LocalSpikeExchange;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plan's memory estimate against the arrays the engine builds: exact for the synapse matrix where the
 * synapse count is, and no structure that grows with N x blocks or N x D when there are no synapses.
 */
class MemoryEstimateTest
{
    private static ExperimentConfig shipped(final String name)
    {
        return ExperimentLoader.load(Path.of("..", "configs", name + ".yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cortex2003", "sparse10k"})
    void synapseMatrixEstimateIsTheBuiltMatrix(final String name)
    {
        for (final int threads : new int[] {1, 2})
        {
            final NetworkPlan plan = NetworkAssembler.builder(shipped(name)).threads(threads).plan();
            final MemoryEstimate estimate = plan.memory(1000);
            try (Network network = Network.build(plan))
            {
                assertEquals(network.synapseCount(), estimate.synapses());
                assertEquals(network.synapseBytes(), estimate.synapseBytes() + estimate.rowIndexBytes(),
                    name + " with " + threads + " threads");
            }
        }
    }

    /**
     * Each MPI rank checks its own share: the synapses and row index of the blocks it builds, within 0.5% (a
     * fixed out-degree spreads a source's targets at random, so a rank's count is binomial around its share).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cortex2003", "sparse10k"})
    void aRanksShareIsTheMatrixThatRankBuilds(final String name) throws Exception
    {
        final int ranks = 3;
        final NetworkPlan plan = NetworkAssembler.builder(shipped(name)).threads(1).plan();
        final LocalSpikeExchange[] group = LocalSpikeExchange.group(ranks, 64, Network.maxExchanged(plan.neurons(), ranks));
        final ExecutorService pool = Executors.newFixedThreadPool(ranks);
        try
        {
            final List<Future<long[]>> built = new ArrayList<>();
            for (final LocalSpikeExchange exchange : group)
            {
                built.add(pool.submit(() ->
                {
                    try (Network network = Network.build(plan, exchange))
                    {
                        return new long[] {network.synapses().synapseCount(), network.synapses().bytes()};
                    }
                }));
            }
            long synapses = 0;
            long ringBytes = 0;
            for (int r = 0; r < ranks; r++)
            {
                final MemoryEstimate share = MemoryEstimate.rankShare(plan, 1000, r, ranks);
                ringBytes += share.ringBytes();
                final long[] matrix = built.get(r).get(120, TimeUnit.SECONDS);
                assertEquals(matrix[0], share.synapses(), 0.005 * matrix[0], name + ", rank " + r);
                assertEquals(matrix[1], share.synapseBytes() + share.rowIndexBytes(), 0.005 * matrix[1],
                    name + ", rank " + r);
                assertEquals(plan.memory(1000).neuronBytes(), share.neuronBytes(), "every rank holds every neuron");
                synapses += share.synapses();
            }
            assertEquals(plan.memory(1000).synapses(), synapses, ranks, "the shares add up to the whole");
            // Every rank keeps the whole spike ring, but the arrival buffers (sparse10k: D x N floats) of its own
            // neurons only (PartitionedRunTest checks the buffers built).
            final long arrival = plan.delivery() == SpikeDelivery.ARRIVAL_RING ? 4L * plan.maxDelay() * plan.neurons() : 0;
            assertEquals(ranks * (plan.memory(1000).ringBytes() - arrival) + arrival, ringBytes,
                "the arrival buffers split over the ranks");
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    /**
     * A rank's share counts the synapses of the receptor stage that end in its neurons (conductances, exponential
     * currents, STP): under mpirun a rank of cortex2003_cond estimated "0 synapses" of its 1,000,000. The shares add up
     * to the whole's count (cortex2003_cond's each about a third of it).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cortex2003_cond", "stp_demo"})
    void aRanksShareCountsItsReceptorStageSynapses(final String name)
    {
        final NetworkPlan plan = NetworkAssembler.builder(shipped(name)).threads(1).plan();
        final long whole = plan.memory(1000).synapses();
        assertTrue(whole > 0 && plan.receptors().channels().length > 0, name + " has receptor-stage projections");
        long sum = 0;
        for (int r = 0; r < 3; r++)
        {
            final MemoryEstimate share = MemoryEstimate.rankShare(plan, 1000, r, 3);
            // cortex2003_cond's all-to-all reaches every rank; stp_demo's first third is its drive, which nothing reaches.
            assertTrue(name.equals("stp_demo") || share.synapses() > whole / 6, name + ", rank " + r + ": " +
                share.synapses() + " of " + whole);
            assertEquals(6 * share.synapses(), share.synapseBytes());
            sum += share.synapses();
        }
        assertEquals(whole, sum, 3, "the shares add up to the whole");
    }

    /**
     * The copies of the plastic weights are counted while the network runs (PlasticRunMemoryTest): 2 x 20 bytes per
     * plastic synapse in one process; under ranks each rank 28 per plastic synapse of its own and rank 0 three
     * copies of the whole network's besides.
     */
    @Test
    void theWeightCopiesAreCountedWhileTheNetworkRuns()
    {
        final NetworkPlan plan = NetworkAssembler.builder(shipped("spnet2006")).threads(1).plan();
        final long plastic = Math.round(plan.expectedPlasticSynapses());
        assertEquals(80_000, plastic);
        final MemoryEstimate one = plan.memory(1000);
        assertTrue(one.recordingBytes() >= 40 * plastic, one.describe());
        assertTrue(one.total() >= one.network() + one.buildBytes() + 40 * plastic, one.describe());
        final int ranks = 3;
        long sum = 0;
        for (int r = 0; r < ranks; r++)
        {
            final MemoryEstimate share = MemoryEstimate.rankShare(plan, 1000, r, ranks);
            sum += share.recordingBytes() - (one.recordingBytes() - 40 * plastic);
            assertEquals(r == 0 ? 0 : one.outputBytes(), one.outputBytes() - share.outputBytes(), "rank 0 writes");
        }
        assertEquals(28 * plastic + 60 * plastic, sum, 28.0 * ranks, "each rank its own part, rank 0 the whole 3 times");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spnet2006", "dastdp2007"})
    void plasticStateEstimateIsTheBuiltPlasticity(final String name)
    {
        for (final int threads : new int[] {1, 2, 3})
        {
            final NetworkPlan plan = NetworkAssembler.builder(shipped(name)).threads(threads).plan();
            try (Network network = Network.build(plan))
            {
                assertTrue(network.plasticity().bytes() > 0);
                assertEquals(network.plasticity().bytes(), plan.memory(0).plasticBytes(),
                    name + " with " + threads + " threads");
            }
        }
    }

    @Test
    void plasticIndexEntriesPackKeyAndPositionOnlyWhenBothFit()
    {
        // spnet2006: 1000 sources (10 bits) and 20 delays (5 bits) leave 17 bits for 100,000 positions.
        assertEquals(17, MemoryEstimate.plasticPositionBits(1000, 20, 100_000));
        assertEquals(0, MemoryEstimate.plasticPositionBits(1000, 20, 200_000));
        assertEquals(16, MemoryEstimate.plasticPositionBits(1000, 40, 65_536));
        assertEquals(31, MemoryEstimate.plasticPositionBits(1, 1, 1L << 31));
        assertEquals(0, MemoryEstimate.plasticPositionBits(1L << 32, 1, 1));
        assertEquals(0, MemoryEstimate.delayBits(1));
        assertEquals(5, MemoryEstimate.delayBits(20));
        assertEquals(5, MemoryEstimate.delayBits(32));
        assertEquals(6, MemoryEstimate.delayBits(33));
    }

    @Test
    void pairwiseSynapsesAreEstimatedFromTheirExpectedCount()
    {
        final NetworkPlan plan = new NetworkBuilder().threads(1)
            .population(PopulationSpec.of("a", 3000))
            .projection(ProjectionSpec.from("a", "a").rule(ConnectionRule.pairwiseProbability(0.1)))
            .plan();
        final MemoryEstimate estimate = plan.memory(0);
        try (Network network = Network.build(plan))
        {
            final double actual = network.synapseBytes();
            final double estimated = estimate.synapseBytes() + estimate.rowIndexBytes();
            assertTrue(Math.abs(estimated / actual - 1) < 0.01, estimated + " against " + actual);
        }
    }

    /**
     * The memory check counted nothing of the output stage: a 1 h run of cortex2003 (estimate 7 MB) passed it under
     * -Xmx24m, simulated to the end, and lost its outputs to an OutOfMemoryError in the rate spectrum's 21 MB. The
     * estimate holds the output stage's part now, which stops growing at the spectrum's longest segment.
     */
    /**
     * A traced run cut into parts (checkpoints, weight snapshots) holds the run's joined traces, the last part's and
     * the running one's: twice the traces for two halves, which the estimate counted once.
     */
    @Test
    void aTracedRunInPartsCountsThePartsTracesBesideTheRuns()
    {
        final ExperimentConfig config = ExperimentLoader.parse("populations:\n  e: {size: 10, params: {a: 0.02, " +
            "b: 0.2, c: -65, d: 8}}\nrecord: {traces: {neurons: [0, 1, 2, 3]}}\n", "traced.yaml");
        final NetworkPlan plan = NetworkAssembler.plan(config);
        final long whole = plan.memory(10_000).recordingBytes();
        assertEquals(whole, plan.memory(10_000, 0).recordingBytes(), "one part");
        assertEquals(whole, plan.memory(10_000, 10_000).recordingBytes(), "a part as long as the run");
        assertEquals(whole + 12L * 4 * 10_000, plan.memory(10_000, 5_000).recordingBytes(), "two halves");
        assertEquals(whole + 12L * 4 * 2_000, plan.memory(10_000, 1_000).recordingBytes(), "ten parts");
    }

    @Test
    void theEstimateHoldsTheOutputStageOfALongRun()
    {
        final NetworkPlan plan = ReferenceNetworks.cortex2003().threads(1).plan();
        final MemoryEstimate hour = plan.memory(3_600_000);
        final long spectrum = org.izhsim.network.analysis.PowerSpectrum.heapBytes(3_600_000);
        assertTrue(spectrum > 20_000_000L, "a segment of 2^20 samples: " + spectrum);
        assertTrue(hour.total() >= hour.recordingBytes() + spectrum + MemoryEstimate.FIGURE_BYTES, hour.describe());
        assertEquals(hour.outputBytes(), plan.memory(36_000_000).outputBytes(), "bounded however long the run");
        final MemoryEstimate second = plan.memory(1000);
        assertTrue(second.outputBytes() < 9_000_000L + MemoryEstimate.SVG_BYTES, second.describe());
        assertTrue(second.describe().endsWith("; then outputs " + MemoryEstimate.bytes(second.outputBytes()) +
            " once the network is freed)"), second.describe());
    }

    /** Used to allocate a row index of N x D ints per block of 65,536 neurons: 6 GB for 10^7 neurons. */
    @Test
    void tenMillionNeuronsWithoutSynapsesNeedNoRowIndexNorRing()
    {
        final NetworkBuilder builder = new NetworkBuilder().threads(2).spikeCapacity(0)
            .population(PopulationSpec.of("a", 10_000_000)).input(InputSpec.dc("a", 10));
        final MemoryEstimate estimate = builder.plan().memory(2);
        assertTrue(estimate.rowIndexBytes() < 4096, estimate.describe());
        assertTrue(estimate.ringBytes() < 4096, estimate.describe());
        assertEquals(40L * 10_000_000, estimate.neuronBytes());
        assertTrue(estimate.total() < 500_000_000L, estimate.describe());
        try (Network network = Network.build(builder.plan()))
        {
            assertEquals(0, network.synapseBytes() - estimate.rowIndexBytes());
            assertEquals(2, network.run(2).steps());
        }
    }

    /**
     * The ring keeps only source neurons; the neurons between two source populations fire too and must neither
     * be delivered nor shift the others. Counts are exact: x's 5 synapses arrive 3 steps later, z's 7 one step
     * later (DELAY_ROWS counts arrivals within the run, ARRIVAL_RING dispatches in the next step).
     */
    @Test
    void spikesOfNeuronsThatProjectNowhereAreNotDelivered()
    {
        for (final SpikeDelivery delivery : new SpikeDelivery[] {SpikeDelivery.DELAY_ROWS, SpikeDelivery.ARRIVAL_RING})
        {
            int[] reference = null;
            for (final int threads : new int[] {1, 3})
            {
                final NetworkBuilder builder = new NetworkBuilder().threads(threads).delivery(delivery)
                    .population(PopulationSpec.of("x", 300)).population(PopulationSpec.of("quiet", 300))
                    .population(PopulationSpec.of("z", 300))
                    .input(InputSpec.noise("x", 6)).input(InputSpec.noise("quiet", 8)).input(InputSpec.noise("z", 6))
                    .projection(ProjectionSpec.from("x", "quiet").rule(ConnectionRule.fixedOutdegree(5))
                        .delay(DelayRule.constant(3)).weight(WeightRule.constant(0.5)))
                    .projection(ProjectionSpec.from("z", "x").rule(ConnectionRule.fixedOutdegree(7))
                        .weight(WeightRule.constant(-0.5)));
                try (Network network = Network.build(builder))
                {
                    final SimulationResult result = network.run(200);
                    final int lagX = delivery == SpikeDelivery.DELAY_ROWS ? 3 : 1;
                    long expected = 0;
                    long quiet = 0;
                    for (int k = 0; k < result.spikeCount(); k++)
                    {
                        final int n = result.spikeNeurons()[k];
                        final int step = result.spikeSteps()[k];
                        expected += n < 300 ? (step + lagX < 200 ? 5 : 0) : n >= 600 ? (step + 1 < 200 ? 7 : 0) : 0;
                        quiet += n >= 300 && n < 600 ? 1 : 0;
                    }
                    assertTrue(quiet > 100, "the neurons that project nowhere fire: " + quiet);
                    assertEquals(expected, result.synapticEvents(), delivery + ", " + threads + " threads");
                    if (reference == null)
                    {
                        reference = result.spikeNeurons();
                    }
                    assertArrayEquals(reference, result.spikeNeurons(), delivery + ", " + threads + " threads");
                }
            }
        }
    }

    /**
     * sparse1m's D x N ring (80 MB) is far beyond the cache budget but 1.3% of its synapse matrix: AUTO picks
     * the arrival ring for it, whatever the thread count, and the estimate counts the ring.
     */
    @Test
    void autoPicksTheArrivalRingWhenItIsASmallShareOfTheMatrix()
    {
        for (final int threads : new int[] {1, 2, 16})
        {
            final NetworkPlan plan = NetworkAssembler.builder(shipped("sparse1m")).threads(threads).plan();
            assertEquals(SpikeDelivery.ARRIVAL_RING, plan.delivery(), threads + " threads");
            assertTrue(plan.memory(100).ringBytes() >= 4L * 20 * 1_000_000, "ring counted");
        }
        // the same neurons and delays with 10 synapses per neuron and a small row index: the ring would outweigh both
        assertEquals(SpikeDelivery.DELAY_ROWS,
            NetworkPlan.resolveDelivery(SpikeDelivery.AUTO, 20, 1_000_000, 1e7, 0));
        assertEquals(SpikeDelivery.ARRIVAL_RING,
            NetworkPlan.resolveDelivery(SpikeDelivery.AUTO, 20, 1_000_000, 1e9, 0));
        // within the cache budget the ring is picked whatever the synapse count
        assertEquals(SpikeDelivery.ARRIVAL_RING, NetworkPlan.resolveDelivery(SpikeDelivery.AUTO, 20, 10_000, 0, 0));
    }

    /**
     * The choice compared the ring with the synapse matrix alone, not the row index both schemes carry: a million
     * neurons with 53 random synapses each (an 80 MB ring, 318 MB of synapses, a 1.3 GB row index) took delay rows and
     * ran 2.8-4x slower than with 54 (a tester's runs), and 300,000 neurons with 10 each 2x slower. Those take the ring
     * now, whatever the thread count (the row index is counted at one thread's blocks).
     */
    @Test
    void autoWeighsTheRingAgainstTheRowIndexToo()
    {
        for (final int[] network : new int[][] {{1_000_000, 53}, {300_000, 10}})
        {
            for (final int threads : new int[] {1, 2, 7})
            {
                final NetworkPlan plan = NetworkAssembler.builder(ExperimentLoader.load(Path.of("..", "configs",
                    "sparse10k.yaml"), java.util.List.of("populations.exc.size=" + network[0] * 4 / 5,
                    "populations.inh.size=" + network[0] / 5, "projections.#1.k=" + network[1],
                    "projections.#2.k=" + network[1]))).threads(threads).plan();
                assertEquals(SpikeDelivery.ARRIVAL_RING, plan.delivery(), network[0] + " x " + network[1] + ", " +
                    threads + " threads");
            }
        }
    }
}
