package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
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
                return new Outcome(result, network.synapseCount(), network.exchangeLatency().getTotalCount(),
                    network.arrivalRing() == null ? 0 : network.arrivalRing()[0].length);
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
        if (delivery == SpikeDelivery.ARRIVAL_RING)
        {
            final int neurons = network(name, 1, delivery).plan().neurons();
            long buffered = 0;
            for (final Outcome outcome : outcomes)
            {
                assertTrue(outcome.arrivalNeurons < neurons, "a rank's arrival buffers hold its neurons only");
                buffered += outcome.arrivalNeurons;
            }
            assertEquals(neurons, buffered, "the ranks' arrival buffers together cover every neuron once");
        }
    }

    /**
     * Every rank reads its own config: a rank given another seed (or another config, through the launcher's MPMD
     * syntax) ran a hybrid network without a word, or failed inside ("331 ids fired in one step, more than the 304
     * neurons"). Each rank now refuses, naming what differs.
     */
    @Test
    void ranksGivenDifferentNetworksAreRefusedNamingWhatDiffers() throws Exception
    {
        final List<String> messages = runRanks(3, exchange ->
        {
            final NetworkBuilder builder = network("delayed", 1, SpikeDelivery.DELAY_ROWS);
            if (exchange.rank() == 1)
            {
                builder.seed(99);
            }
            try (Network network = Network.build(builder.plan(), exchange))
            {
                return "built";
            }
            catch (final InputException ex)
            {
                return ex.getMessage();
            }
        });
        assertTrue(messages.get(0).startsWith("every rank must build the same network, but rank 1 has seed 99 and " +
            "rank 0 seed "), messages.get(0));
        assertTrue(messages.get(1).startsWith("every rank must build the same network, but rank 0 has seed "),
            messages.get(1));
        for (final String message : messages)
        {
            assertTrue(message.endsWith(": give every rank the same config and options"), message);
        }
    }

    /**
     * Only sizes, ranges, rules and longest delays were compared: a rank given another noise or another d (the
     * launcher's MPMD syntax, a tester's repro) ran a hybrid network with exit 0. Parameters, inputs, weights and
     * delays, synapse models and rules are compared now, and the refusal names which.
     */
    @Test
    void ranksGivenOtherParametersInputsOrWeightsAreRefusedNamingWhich() throws Exception
    {
        final String[] expected = {"populations (names, sizes, parameters or initial v)", "inputs",
            "projections (connectivity, weights or delays)"};
        for (int variant = 0; variant < expected.length; variant++)
        {
            final int v = variant;
            final String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("..", "configs", "cortex2003.yaml"));
            final List<String> messages = runRanks(2, exchange ->
            {
                final org.izhsim.config.ExperimentConfig config = org.izhsim.config.ExperimentLoader.parse(yaml
                        .replace("d: \"8 - 6*r^2\"", exchange.rank() == 1 && v == 0 ? "d: \"8 - 6.5*r^2\"" :
                            "d: \"8 - 6*r^2\"")
                        .replace("noise_sd: 5", exchange.rank() == 1 && v == 1 ? "noise_sd: 6" : "noise_sd: 5")
                        .replace("weight: \"0.5*rand\"", exchange.rank() == 1 && v == 2 ? "weight: \"0.55*rand\"" :
                            "weight: \"0.5*rand\""), "cortex2003.yaml");
                try (Network network = Network.build(org.izhsim.config.NetworkAssembler.builder(config).threads(1)
                    .plan(), exchange))
                {
                    return "built";
                }
                catch (final InputException ex)
                {
                    return ex.getMessage();
                }
            });
            assertEquals("every rank must build the same network, but rank 1 has other " + expected[v] +
                " than rank 0: give every rank the same config and options", messages.get(0));
        }
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
        ranksFireTheSpikesOfOneProcess(name, ranks, threads);
    }

    /**
     * Poisson sources (stdp_song2000: 200 of them onto one neuron whose synapses learn) draw each neuron's spikes by
     * its global id and step, whichever rank owns it: the ranks fire one process's spikes, the learning neuron's too.
     */
    @ParameterizedTest(name = "{0} ranks x {1} threads")
    @CsvSource({"2, 1", "3, 2"})
    void poissonSourcesUnderRanksFireTheSpikesOfOneProcess(final int ranks, final int threads) throws Exception
    {
        ranksFireTheSpikesOfOneProcess("stdp_song2000", ranks, threads);
    }

    /**
     * cortex2007: the 2007 model's cells (their kernel, the FS cell's rules, the spike flags) under ranks; the mixed
     * network of Izhikevich2007NetworkTest has them beside the 2003 model's.
     */
    @ParameterizedTest(name = "{0} ranks x {1} threads")
    @CsvSource({"2, 1", "3, 2"})
    void model2007PopulationsUnderRanksFireTheSpikesOfOneProcess(final int ranks, final int threads) throws Exception
    {
        ranksFireTheSpikesOfOneProcess("cortex2007", ranks, threads);
    }

    private static void ranksFireTheSpikesOfOneProcess(final String name, final int ranks, final int threads)
        throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", name + ".yaml"));
        final long synapses;
        final SimulationResult single;
        try (Network one = Network.build(NetworkAssembler.builder(config).threads(1)))
        {
            synapses = one.synapseCount();
            single = one.run(STEPS);
        }
        final long synapseBytes;
        try (Network one = Network.build(NetworkAssembler.builder(config).threads(1)))
        {
            synapseBytes = one.synapseBytes();
        }
        assertTrue(single.spikeCount() > 100, "the network must be active, got " + single.spikeCount());
        final long[] bytes = new long[ranks];
        final List<Outcome> outcomes = runRanks(ranks, exchange ->
        {
            try (Network network = Network.build(NetworkAssembler.builder(config).threads(threads)
                .idleStrategy(() -> new SleepingIdleStrategy(10_000)).plan(), exchange))
            {
                bytes[exchange.rank()] = network.synapseBytes();
                return new Outcome(network.run(STEPS), network.synapseCount(), 0);
            }
        });
        for (int r = 0; r < ranks; r++)
        {
            // The receptor stage's synapses were left out of the ranks' sums (summary.json under mpirun).
            assertEquals(synapses, outcomes.get(r).synapses, "synapses summed over the ranks, rank " + r);
            // Bytes: the same within the row index's per-block parts (one per target block, more blocks here).
            // (a few bytes per block: stdp_song2000's 200 synapses take 2036 bytes in 1 block, 2104 in 6)
            assertEquals(synapseBytes, bytes[r], synapseBytes / 100.0 + 16.0 * ranks * threads,
                "synapse bytes summed over the ranks, rank " + r);
        }
        assertArrayEquals(single.spikeSteps(), outcomes.get(0).result.spikeSteps(), "spike times");
        assertArrayEquals(single.spikeNeurons(), outcomes.get(0).result.spikeNeurons(), "spike neurons");
        assertEquals(single.synapticEvents(), outcomes.get(0).result.synapticEvents(), "events summed over the ranks");
    }

    /**
     * Under ranks the workers advance the other ranks' STP sources one step late (their factors are set at the
     * exchange): a run in parts carries the last step's update into the next part's first step, so the parts fire
     * the spikes of one process's single run.
     */
    @ParameterizedTest(name = "{0} ranks x {1} threads")
    @CsvSource({"2, 2", "3, 1"})
    void shortTermPlasticityUnderRanksCarriesItsStateFromOneRunToTheNext(final int ranks, final int threads)
        throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "stp_demo.yaml"));
        final SimulationResult single;
        try (Network one = Network.build(NetworkAssembler.builder(config).threads(1)))
        {
            single = one.run(STEPS);
        }
        final int[] parts = {97, 1, 1, STEPS - 99};
        final long[][] spikesOfRank = new long[ranks][];
        runRanks(ranks, exchange ->
        {
            try (Network network = Network.build(NetworkAssembler.builder(config).threads(threads)
                .idleStrategy(() -> new SleepingIdleStrategy(10_000)).plan(), exchange))
            {
                final List<Long> spikes = new ArrayList<>();
                for (final int steps : parts)
                {
                    final SimulationResult part = network.run(steps);
                    for (int i = 0; i < part.spikeCount(); i++)
                    {
                        spikes.add((long)part.spikeSteps()[i] << 32 | part.spikeNeurons()[i]);
                    }
                }
                spikesOfRank[exchange.rank()] = spikes.stream().mapToLong(Long::longValue).toArray();
                return new Outcome(null, network.synapseCount(), 0);
            }
        });
        final long[] expected = new long[single.spikeCount()];
        for (int i = 0; i < expected.length; i++)
        {
            expected[i] = (long)single.spikeSteps()[i] << 32 | single.spikeNeurons()[i];
        }
        assertTrue(expected.length > 100, "the network must be active, got " + expected.length);
        assertArrayEquals(expected, spikesOfRank[0], "spikes (step, neuron) of the parts, rank 0");
    }

    /**
     * A network of a few neurons under ranks: the collectives after a run (a gather of a few longs per rank) overflowed
     * the exchange, which holds N + 2R ints, and every network under 32 neurons ended in an exception under mpirun.
     */
    @ParameterizedTest(name = "{0} neurons, {1} ranks x {2} threads")
    @CsvSource({"1, 2, 1", "3, 3, 1", "8, 2, 1", "8, 3, 2", "16, 2, 2"})
    void aNetworkOfAFewNeuronsRunsUnderRanksAsInOneProcess(final int neurons, final int ranks, final int threads)
        throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.parse("name: tiny\nduration_ms: 60\nseed: 3\n" +
            "populations:\n  a: {size: " + neurons + ", params: {a: 0.02, b: 0.2, c: -65, d: 8}, " +
            "input: {dc: 6, noise_sd: 2}}\n" +
            "projections:\n  - {from: a, to: a, rule: all_to_all, weight: 2, delay_ms: 2}\n", "tiny.yaml");
        final SimulationResult single;
        try (Network one = Network.build(NetworkAssembler.builder(config).threads(1)))
        {
            single = one.run(60);
        }
        assertTrue(single.spikeCount() > 0, "the neurons must fire");
        final List<Outcome> outcomes = runRanks(ranks, neurons, exchange ->
        {
            try (Network network = Network.build(NetworkAssembler.builder(config).threads(threads)
                .idleStrategy(() -> new SleepingIdleStrategy(10_000)).plan(), exchange))
            {
                final SimulationResult first = network.run(30);
                final SimulationResult second = network.run(30);
                return new Outcome(SimulationResult.concat(List.of(first, second)), network.synapseCount(), 0);
            }
        });
        assertArrayEquals(single.spikeSteps(), outcomes.get(0).result.spikeSteps(), "spike times");
        assertArrayEquals(single.spikeNeurons(), outcomes.get(0).result.spikeNeurons(), "spike neurons");
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
                assertEquals(exchange.rank(), network.rank(), "the network's rank is its exchange's");
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

    /**
     * A plastic network of {@code name}: spnet2006, pair STDP (spnet2006's network under the stdp rule, nearest
     * pairing, multiplicative) or dastdp2007 with rewards 100..200 ms after a pairing (DopamineCheckpointTest:
     * one arrives in the first second).
     */
    private static ExperimentConfig plastic(final String name) throws Exception
    {
        if ("dastdp2007".equals(name))
        {
            return DopamineCheckpointTest.shortRewards();
        }
        final String yaml = Files.readString(Path.of("..", "configs", "spnet2006.yaml"));
        final String changed = "spnet2006".equals(name) ? yaml : yaml.replace("{rule: spnet2006, w_max: 10}",
            "{rule: stdp, w_max: 10, a_plus: 0.1, a_minus: 0.12, weight_dependence: multiplicative, pairing: nearest}");
        assertTrue("spnet2006".equals(name) || !changed.equals(yaml), "configs/spnet2006.yaml changed its plasticity");
        return ExperimentLoader.parse(changed, name + ".yaml");
    }

    private record Learnt(SimulationResult result, PlasticWeights middle, PlasticWeights end, double dopamine)
    {
    }

    /** Two runs (the weights gathered between them, as weights_every_ms does) and the weights after them. */
    private static Learnt learn(final Network network, final int steps)
    {
        final SimulationResult first = network.run(steps / 2);
        final PlasticWeights middle = network.plasticWeights();
        final SimulationResult second = network.run(steps - steps / 2);
        return new Learnt(SimulationResult.concat(List.of(first, second)), middle, network.plasticWeights(),
            network.dopamine() != null ? network.dopamine().level() : Double.NaN);
    }

    /**
     * Plastic synapses under ranks: each rank advances the LTP traces of the other ranks' sources from the
     * exchanged spikes, and its dopamine replicas from the ring's spikes of all ranks; rank 0 gathers the weights
     * in the order of one process. Spikes, weights, derivatives and the dopamine level equal one process's.
     */
    @ParameterizedTest(name = "{0} {1} ranks x {2} threads")
    @CsvSource({"spnet2006, 2, 1", "spnet2006, 3, 2", "spnet2006, 2, 2", "stdp, 3, 1", "stdp, 2, 2",
        "dastdp2007, 2, 1", "dastdp2007, 3, 2", "dastdp2007, 3, 1"})
    void plasticNetworksUnderRanksFireTheSpikesAndLearnTheWeightsOfOneProcess(final String name, final int ranks,
        final int threads) throws Exception
    {
        final ExperimentConfig config = plastic(name);
        // Two of spnet2006's 1 s weight updates; dastdp2007's reward arrives at 431..531 ms.
        final int steps = 2000;
        final PlasticWeights start;
        final Learnt single;
        try (Network network = Network.build(NetworkAssembler.builder(config).threads(1)))
        {
            start = network.plasticWeights();
            single = learn(network, steps);
        }
        assertTrue(single.result().spikeCount() > 1000, "the network must be active, got " + single.result().spikeCount());
        assertTrue(!Arrays.equals(start.weights(), single.end().weights()), "the weights must have changed");
        assertTrue(!"dastdp2007".equals(name) || single.dopamine() > 0, "a reward must have come");

        final List<Learnt> outcomes = runRanks(ranks, exchange ->
        {
            try (Network network = Network.build(NetworkAssembler.builder(config).threads(threads)
                .idleStrategy(() -> new SleepingIdleStrategy(10_000)).plan(), exchange))
            {
                return learn(network, steps);
            }
        });
        final Learnt merged = outcomes.get(0);
        assertArrayEquals(single.result().spikeSteps(), merged.result().spikeSteps(), "spike times");
        assertArrayEquals(single.result().spikeNeurons(), merged.result().spikeNeurons(), "spike neurons");
        for (final PlasticWeights[] pair : new PlasticWeights[][] {{single.middle(), merged.middle()},
            {single.end(), merged.end()}})
        {
            assertArrayEquals(pair[0].sources(), pair[1].sources(), "sources");
            assertArrayEquals(pair[0].targets(), pair[1].targets(), "targets");
            assertArrayEquals(pair[0].delays(), pair[1].delays(), "delays");
            assertArrayEquals(pair[0].weights(), pair[1].weights(), "weights");
            assertArrayEquals(pair[0].derivatives(), pair[1].derivatives(), "derivatives");
        }
        for (int r = 0; r < ranks; r++)
        {
            assertEquals(single.dopamine(), outcomes.get(r).dopamine(), 0.0, "rank " + r + "'s dopamine");
            if (r > 0)
            {
                assertNull(outcomes.get(r).end(), "only rank 0 gets the weights");
            }
        }
    }

    /**
     * A rewarded pair that no rank holds is refused by every rank with the same line, by the plan now (it draws the
     * pair's connectivity as the builder does), before any rank builds its part.
     */
    @Test
    void aRewardedPairThatNoRankHoldsIsRefusedByEveryRank() throws Exception
    {
        final String yaml = Files.readString(Path.of("..", "configs", "dastdp2007.yaml"));
        // Neuron 0 has 100 of 1000 possible targets: 1 .. 999 holds some it does not reach.
        final ExperimentConfig probe = ExperimentLoader.parse(yaml, "dastdp2007.yaml");
        int absent = -1;
        try (Network network = Network.build(NetworkAssembler.builder(probe).threads(1)))
        {
            final PlasticWeights w = network.plasticWeights();
            final boolean[] reached = new boolean[1000];
            for (int k = 0; k < w.size() && w.sources()[k] == 0; k++)
            {
                reached[w.targets()[k]] = true;
            }
            for (int t = 999; t > 0 && absent < 0; t--)
            {
                absent = reached[t] ? -1 : t;
            }
        }
        final ExperimentConfig config = ExperimentLoader.parse(yaml.replace("synapse: 1,", "post: " + absent + ","),
            "dastdp2007.yaml");
        final int target = absent;
        final List<String> messages = runRanks(2, exchange ->
            assertThrows(InputException.class, () -> Network.build(NetworkAssembler.builder(config).threads(1)
                .idleStrategy(() -> new SleepingIdleStrategy(10_000)).plan(), exchange)).getMessage());
        for (final String message : messages)
        {
            assertTrue(message.matches("dastdp2007\\.yaml:\\d+:\\d+: the rewarded pair 0 -> " + target +
                " is not a synapse of this network \\(its random connectivity, seed 1\\); neuron 0's synapses reach " +
                "6, 26, .*"), message);
        }
    }

    private record Outcome(SimulationResult result, long synapses, long exchanges, int arrivalNeurons)
    {
        Outcome(final SimulationResult result, final long synapses, final long exchanges)
        {
            this(result, synapses, exchanges, 0);
        }
    }

    static <T> List<T> runRanks(final int ranks, final Function<SpikeExchange, T> rank)
        throws Exception
    {
        return runRanks(ranks, 2000, rank);
    }

    /** With the exchange sized as `sim run` sizes it under mpirun for a network of {@code neurons}. */
    static <T> List<T> runRanks(final int ranks, final int neurons, final Function<SpikeExchange, T> rank)
        throws Exception
    {
        final LocalSpikeExchange[] group = LocalSpikeExchange.group(ranks, 16, Network.maxExchanged(neurons, ranks));
        final ExecutorService pool = Executors.newFixedThreadPool(ranks);
        try
        {
            final List<Future<T>> futures = new ArrayList<>();
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
            final List<T> outcomes = new ArrayList<>();
            // A rank whose check fails aborts the exchange, and the others then fail with "another rank
            // aborted": report the failed check (an AssertionError) rather than the first rank's consequence.
            final List<Throwable> failures = new ArrayList<>();
            for (final Future<T> future : futures)
            {
                try
                {
                    outcomes.add(future.get(120, TimeUnit.SECONDS));
                }
                catch (final ExecutionException e)
                {
                    failures.add(e.getCause());
                }
            }
            if (!failures.isEmpty())
            {
                final Throwable first = failures.stream().filter(AssertionError.class::isInstance).findFirst()
                    .orElse(failures.get(0));
                failures.stream().filter(f -> f != first).forEach(first::addSuppressed);
                if (first instanceof Exception ex)
                {
                    throw ex;
                }
                throw (Error)first;
            }
            return outcomes;
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}
