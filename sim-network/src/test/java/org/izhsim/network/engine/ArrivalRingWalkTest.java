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
import org.izhsim.network.build.TargetPartition;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;

/**
 * ARRIVAL_RING walks a block source by source when its D arrival slices outgrow L2 and delay by delay
 * otherwise. The block size follows the thread count, so one network run with 1 thread (one block of 30,000:
 * 2.4 MB of slices, by source) and with 3 threads (blocks of 10,000: 0.8 MB, by delay) takes both walks; the
 * engine promises the same spikes.
 */
class ArrivalRingWalkTest
{
    private static final int NEURONS = 30_000;
    private static final int MAX_DELAY = 20;

    private static NetworkBuilder network(final int threads)
    {
        return network(threads, 60);
    }

    private static NetworkBuilder network(final int threads, final int outdegree)
    {
        return new NetworkBuilder()
            .seed(12)
            .threads(threads)
            .delivery(SpikeDelivery.ARRIVAL_RING)
            .population(PopulationSpec.of("exc", NEURONS * 4 / 5).c(r -> -65 + 15 * r * r).d(r -> 8 - 6 * r * r))
            .population(PopulationSpec.of("inh", NEURONS / 5).a(r -> 0.02 + 0.08 * r).b(r -> 0.25 - 0.05 * r).d(r -> 2))
            .projection(ProjectionSpec.from("exc", List.of("exc", "inh")).rule(ConnectionRule.fixedOutdegree(outdegree))
                .weight(WeightRule.ofRandom(rand -> 4 * rand)).delay(DelayRule.uniform(1, MAX_DELAY)))
            .projection(ProjectionSpec.from("inh", List.of("exc", "inh")).rule(ConnectionRule.fixedOutdegree(60))
                .weight(WeightRule.ofRandom(rand -> -6 * rand)).delay(DelayRule.uniform(1, 3)))
            .input(InputSpec.noise("exc", 5))
            .input(InputSpec.noise("inh", 2));
    }

    @Test
    void walkBySourceOfLargeBlocksGivesTheSpikesOfTheWalkByDelay()
    {
        final long bySourceSlices = 4L * MAX_DELAY * (NEURONS / new TargetPartition(NEURONS, 1).blocks());
        final long byDelaySlices = 4L * MAX_DELAY * (NEURONS / new TargetPartition(NEURONS, 3).blocks());
        assertTrue(bySourceSlices > Worker.ARRIVAL_SLICES_IN_L2_BYTES, "1 thread must walk by source");
        assertTrue(byDelaySlices <= Worker.ARRIVAL_SLICES_IN_L2_BYTES, "3 threads must walk by delay");

        final SimulationResult bySource = Network.build(network(1)).run(300);
        final SimulationResult byDelay = Network.build(network(3)).run(300);
        assertTrue(bySource.spikeCount() > 20_000, "the network must be active, got " + bySource.spikeCount());
        assertArrayEquals(byDelay.spikeSteps(), bySource.spikeSteps(), "spike times");
        assertArrayEquals(byDelay.spikeNeurons(), bySource.spikeNeurons(), "spike neurons");
        assertEquals(byDelay.synapticEvents(), bySource.synapticEvents(), "events");
    }

    /**
     * Spans of at most {@link Worker#SHORT_SPAN} synapses on average are walked with a touch-ahead of the next
     * group, longer ones without: the additions keep their order, so both fire the spikes of the walk by delay.
     */
    @Test
    void walkBySourceOfLongSpansWithoutTouchAheadGivesTheSpikesOfTheWalkByDelay()
    {
        final int outdegree = 2 * Worker.SHORT_SPAN;
        assertTrue(Worker.shortSpans(60L * NEURONS, NEURONS), "60 synapses per source are short spans");
        assertTrue(!Worker.shortSpans((long)outdegree * NEURONS, NEURONS), outdegree + " are not");
        final SimulationResult bySource = Network.build(network(1, outdegree)).run(100);
        final SimulationResult byDelay = Network.build(network(3, outdegree)).run(100);
        assertTrue(bySource.spikeCount() > 5_000, "the network must be active, got " + bySource.spikeCount());
        assertArrayEquals(byDelay.spikeSteps(), bySource.spikeSteps(), "spike times");
        assertArrayEquals(byDelay.spikeNeurons(), bySource.spikeNeurons(), "spike neurons");
    }

    /**
     * Under ranks a block's walk follows its own size, as in one process: it was decided on the block's end
     * within the rank's arrival buffers, so rank r > 0 took its blocks of 10,000 (0.8 MB of slices) for blocks
     * of (r + 1) x 10,000 and walked them source by source.
     */
    @Test
    void aRanksBlocksAreWalkedAsTheSameBlocksOfOneProcess() throws Exception
    {
        final List<Boolean> single = new java.util.ArrayList<>();
        try (Network network = Network.build(network(3)))
        {
            for (final Worker worker : network.workers())
            {
                single.add(worker.walksBySource(network.synapses().partition().firstBlock(worker.slice())));
            }
        }
        assertEquals(List.of(false, false, false), single, "blocks of 10,000 are walked delay by delay");
        final List<Boolean> ranked = PartitionedRunTest.runRanks(3, exchange ->
        {
            try (Network network = Network.build(network(1).plan(), exchange))
            {
                final Worker worker = network.workers()[0];
                return worker.walksBySource(network.synapses().partition().firstBlock(worker.slice()));
            }
        });
        assertEquals(single, ranked, "per rank");
    }
}
