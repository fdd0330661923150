package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.izhsim.core.InputException;
import java.nio.file.Path;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A network partitioned over ranks (here threads of one JVM joined by {@link LocalSpikeExchange}) fires the
 * spikes of a single process: rank 0's result, which merges all ranks' spikes, equals the one-process run
 * spike for spike, with the same synaptic event and synapse counts, whatever the ranks and threads per rank.
 */
class PartitionedRunTest
{
    private static final int STEPS = 300;
    private static final Map<String, SimulationResult> SINGLE = new HashMap<>();

    /** cortex2003 (noise, delay 1, all-to-all) and the delayed sparse network (Poisson input, delays 1..20 ms). */
    static NetworkBuilder network(final String name, final int threads, final SpikeDelivery delivery)
    {
        // Ranks and their workers outnumber the cores: waiting workers sleep instead of spinning.
        return CheckpointTest.network(name, threads, delivery).idleStrategy(() -> new SleepingIdleStrategy(10_000));
    }

    static Stream<Arguments> cases()
    {
        return Stream.of("cortex2003", "delayed").flatMap(name ->
            Stream.of(SpikeDelivery.DELAY_ROWS, SpikeDelivery.ARRIVAL_RING).flatMap(delivery ->
                Stream.of(2, 3, 4).flatMap(ranks ->
                    Stream.of(1, 2).map(threads -> Arguments.of(name, delivery, ranks, threads)))));
    }

    @ParameterizedTest(name = "{0} {1} {2} ranks x {3} threads")
    @MethodSource("cases")
    void ranksTogetherFireTheSpikesOfOneProcess(final String name, final SpikeDelivery delivery, final int ranks,
        final int threads) throws Exception
    {
        final SimulationResult single = SINGLE.computeIfAbsent(name + delivery,
            key -> Network.build(network(name, 1, delivery).idleStrategy(BusySpinIdleStrategy::new)).run(STEPS));
        assertTrue(single.spikeCount() > 500, "the network must be active, got " + single.spikeCount());
        final long synapses = Network.build(network(name, 1, delivery)).synapseCount();

        final List<Outcome> outcomes = runRanks(ranks, exchange ->
        {
            try (Network network = Network.build(network(name, threads, delivery).plan(), exchange))
            {
                final SimulationResult result = network.run(STEPS);
                return new Outcome(result, network.synapseCount(), network.exchangeLatency().getTotalCount());
            }
        });
        final SimulationResult merged = outcomes.get(0).result;
        assertArrayEquals(single.spikeSteps(), merged.spikeSteps(), "spike times");
        assertArrayEquals(single.spikeNeurons(), merged.spikeNeurons(), "spike neurons");
        int ownSpikes = 0;
        for (final Outcome outcome : outcomes)
        {
            assertEquals(single.synapticEvents(), outcome.result.synapticEvents(), "events summed over the ranks");
            assertEquals(synapses, outcome.synapses, "synapses summed over the ranks");
            assertEquals(STEPS, outcome.exchanges, "one exchange per step");
            ownSpikes += outcome == outcomes.get(0) ? 0 : outcome.result.spikeCount();
        }
        assertTrue(ownSpikes < single.spikeCount(), "the other ranks record only their own spikes");
    }

    @Test
    void aStopRequestedOnOneRankEndsEveryRankAfterTheSameStep() throws Exception
    {
        final List<Outcome> outcomes = runRanks(3, exchange ->
        {
            try (Network network = Network.build(network("delayed", 1, SpikeDelivery.DELAY_ROWS).plan(), exchange))
            {
                if (exchange.rank() == 2)
                {
                    network.requestStop();
                }
                final SimulationResult result = network.run(STEPS);
                return new Outcome(result, network.synapseCount(), network.exchangeLatency().getTotalCount());
            }
        });
        for (final Outcome outcome : outcomes)
        {
            assertEquals(SimulationResult.StopReason.INTERRUPTED, outcome.result.stopReason());
            assertEquals(1, outcome.result.steps(), "stopped after the first step");
        }
    }

    /**
     * The receptor stage under ranks: conductances (cortex2003_cond) and short-term plasticity (stp_demo, whose
     * factors every rank advances for the other ranks' sources) fire the spikes of one process.
     */
    @ParameterizedTest(name = "{0} {1} ranks x {2} threads")
    @CsvSource({"cortex2003_cond, 2, 1", "cortex2003_cond, 3, 2", "stp_demo, 2, 1", "stp_demo, 3, 2", "stp_demo, 2, 2"})
    void receptorsAndShortTermPlasticityUnderRanksFireTheSpikesOfOneProcess(final String name, final int ranks,
        final int threads) throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", name + ".yaml"));
        final SimulationResult single = Network.build(NetworkAssembler.builder(config).threads(1)).run(STEPS);
        assertTrue(single.spikeCount() > 100, "the network must be active, got " + single.spikeCount());
        final List<Outcome> outcomes = runRanks(ranks, exchange ->
        {
            try (Network network = Network.build(NetworkAssembler.builder(config).threads(threads)
                .idleStrategy(() -> new SleepingIdleStrategy(10_000)).plan(), exchange))
            {
                return new Outcome(network.run(STEPS), network.synapseCount(), 0);
            }
        });
        assertArrayEquals(single.spikeSteps(), outcomes.get(0).result.spikeSteps(), "spike times");
        assertArrayEquals(single.spikeNeurons(), outcomes.get(0).result.spikeNeurons(), "spike neurons");
        assertEquals(single.synapticEvents(), outcomes.get(0).result.synapticEvents(), "events summed over the ranks");
    }

    /** Traced neurons on every rank: each rank's result holds all their traces, equal to one process's. */
    @Test
    void tracesOfNeuronsOnEveryRankReachEveryRank() throws Exception
    {
        final int[] traced = {3, 450, 999};
        final SimulationResult single = Network.build(network("cortex2003", 1, SpikeDelivery.DELAY_ROWS)
            .recordTraces(traced)).run(STEPS);
        final List<Outcome> outcomes = runRanks(3, exchange ->
        {
            try (Network network = Network.build(network("cortex2003", 1, SpikeDelivery.DELAY_ROWS)
                .recordTraces(traced).plan(), exchange))
            {
                return new Outcome(network.run(STEPS), network.synapseCount(), 0);
            }
        });
        for (final Outcome outcome : outcomes)
        {
            for (int k = 0; k < traced.length; k++)
            {
                assertArrayEquals(single.traces().v(k), outcome.result.traces().v(k), "v of " + traced[k]);
                assertArrayEquals(single.traces().u(k), outcome.result.traces().u(k), "u of " + traced[k]);
                assertArrayEquals(single.traces().input(k), outcome.result.traces().input(k), "input of " + traced[k]);
            }
        }
    }

    /** Rank 1 owns the neurons that overflow; rank 0, which reports for the job, must say blow-up, not interrupted. */
    @Test
    void aBlowUpOnAnotherRankIsReportedByEveryRankAsThatBlowUp() throws Exception
    {
        final NetworkBuilder builder = new NetworkBuilder().threads(1).seed(4)
            .idleStrategy(() -> new SleepingIdleStrategy(10_000))
            .population(PopulationSpec.of("quiet", 1000)).population(PopulationSpec.of("hot", 5))
            .input(InputSpec.noise("quiet", 5)).input(InputSpec.dc("hot", 1e38));
        final SimulationResult single = Network.build(builder).run(50);
        assertEquals(SimulationResult.StopReason.BLOW_UP, single.stopReason());
        final List<Outcome> outcomes = runRanks(2, exchange ->
        {
            try (Network network = Network.build(builder.plan(), exchange))
            {
                assertTrue(network.rank() == 0 || exchange.rank() == 1);
                final SimulationResult result = network.run(50);
                return new Outcome(result, network.synapseCount(), network.exchangeLatency().getTotalCount());
            }
        });
        for (final Outcome outcome : outcomes)
        {
            assertEquals(SimulationResult.StopReason.BLOW_UP, outcome.result.stopReason());
            assertEquals(single.blowUp(), outcome.result.blowUp());
            assertEquals(single.steps(), outcome.result.steps());
        }
        assertEquals("hot", outcomes.get(0).result.blowUp().population());
    }

    /** Each rank's figures reach every rank, in rank order. */
    @Test
    void ranksGatherEachOthersFiguresInRankOrder() throws Exception
    {
        final List<Outcome> outcomes = runRanks(3, exchange ->
        {
            try (Network network = Network.build(network("delayed", 1, SpikeDelivery.DELAY_ROWS).plan(), exchange))
            {
                final long[][] figures = network.gatherFromRanks(exchange.rank(), -7L * exchange.rank(), 1L << 40);
                for (int r = 0; r < 3; r++)
                {
                    assertArrayEquals(new long[] {r, -7L * r, 1L << 40}, figures[r], "rank " + r + "'s row");
                }
                return new Outcome(network.run(2), network.synapseCount(), 0);
            }
        });
        assertEquals(3, outcomes.size());
    }

    @Test
    void plasticSynapsesUnderMoreThanOneRankAreRefusedWithOneLine()
    {
        final LocalSpikeExchange[] group = LocalSpikeExchange.group(2, 16, Network.maxExchanged(2000, 2));
        final InputException e = assertThrows(InputException.class, () -> Network.build(
            ReferenceNetworks.spnet2006().threads(1).plan(), group[0]));
        assertTrue(e.getMessage().startsWith("plastic synapses (stdp, dastdp) under more than one rank"),
            e.getMessage());
    }

    private record Outcome(SimulationResult result, long synapses, long exchanges)
    {
    }

    private static List<Outcome> runRanks(final int ranks, final Function<SpikeExchange, Outcome> rank)
        throws Exception
    {
        final LocalSpikeExchange[] group = LocalSpikeExchange.group(ranks, 16, Network.maxExchanged(2000, ranks));
        final ExecutorService pool = Executors.newFixedThreadPool(ranks);
        try
        {
            final List<Future<Outcome>> futures = new ArrayList<>();
            for (final LocalSpikeExchange exchange : group)
            {
                futures.add(pool.submit(() ->
                {
                    try
                    {
                        return rank.apply(exchange);
                    }
                    catch (final RuntimeException | Error e)
                    {
                        exchange.abort(1);
                        throw e;
                    }
                }));
            }
            final List<Outcome> outcomes = new ArrayList<>();
            for (final Future<Outcome> future : futures)
            {
                try
                {
                    outcomes.add(future.get(120, TimeUnit.SECONDS));
                }
                catch (final ExecutionException e)
                {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
            return outcomes;
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}
