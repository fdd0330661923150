package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.agrona.concurrent.SleepingIdleStrategy;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoints under ranks (threads of one JVM joined by {@link LocalSpikeExchange}): rank 0 writes the file of one
 * process, byte for byte, and a checkpoint saved with any rank count resumes with any other, one process
 * included, continuing as the uncut run: run 0..T1, save, resume, run T1..T2 fires the spikes of the run 0..T2
 * and learns its weights and derivatives.
 */
class PartitionedCheckpointTest
{
    /** spnet2006's weights change at 1000 ms, between the cut and the end. */
    private static final int CUT = 700;
    private static final int END = 1300;
    private static final Map<String, Outcome> UNCUT = new HashMap<>();
    private static final Map<String, byte[]> SINGLE_FILES = new HashMap<>();

    @TempDir
    Path tmp;

    private record Outcome(SimulationResult spikes, PlasticWeights weights)
    {
    }

    /** The networks: plastic (spnet2006, dastdp2007), receptors (STP, conductances), the arrival ring. */
    private static IntFunction<NetworkBuilder> network(final String name) throws Exception
    {
        final IntFunction<NetworkBuilder> builder = switch (name)
        {
            case "dastdp2007" ->
            {
                final var config = DopamineCheckpointTest.shortRewards();
                yield threads -> NetworkAssembler.builder(config).threads(threads);
            }
            case "delayed" -> threads -> CheckpointTest.network("delayed", threads, SpikeDelivery.ARRIVAL_RING);
            default ->
            {
                final var config = ExperimentLoader.load(Path.of("..", "configs", name + ".yaml"));
                yield threads -> NetworkAssembler.builder(config).threads(threads);
            }
        };
        // Ranks and their workers outnumber the cores: waiting workers sleep instead of spinning.
        return threads -> builder.apply(threads).idleStrategy(() -> new SleepingIdleStrategy(10_000));
    }

    private static Outcome uncut(final String name) throws Exception
    {
        final IntFunction<NetworkBuilder> network = network(name);
        final Outcome cached = UNCUT.get(name);
        if (cached != null)
        {
            return cached;
        }
        try (Network net = Network.build(network.apply(1)))
        {
            final SimulationResult spikes = net.run(END);
            final Outcome outcome = new Outcome(spikes, net.plasticWeights());
            UNCUT.put(name, outcome);
            return outcome;
        }
    }

    /** The checkpoint at CUT of one process with one thread. */
    private byte[] singleFile(final String name) throws Exception
    {
        final IntFunction<NetworkBuilder> network = network(name);
        if (!SINGLE_FILES.containsKey(name))
        {
            final Path file = tmp.resolve(name + "-single.ckpt");
            try (Network net = Network.build(network.apply(1)))
            {
                net.run(CUT);
                net.saveState(file);
            }
            SINGLE_FILES.put(name, Files.readAllBytes(file));
        }
        return SINGLE_FILES.get(name);
    }

    /**
     * Runs {@code ranks} (1: one process, no exchange) over {@code threads} threads each; {@code body} gets the
     * network and the file this rank passes (ranks other than 0 a path that cannot be written or read: rank 0
     * alone touches the file). Returns rank 0's result.
     */
    private <T> T onRanks(final int ranks, final int threads, final IntFunction<NetworkBuilder> network,
        final Path file, final RankBody<T> body) throws Exception
    {
        if (ranks == 1)
        {
            try (Network net = Network.build(network.apply(threads)))
            {
                return body.run(net, file);
            }
        }
        final Path elsewhere = Files.writeString(tmp.resolve("not-a-folder"), "x").resolve("not-on-this-machine.ckpt");
        final List<T> outcomes = PartitionedRunTest.runRanks(ranks, exchange ->
        {
            try (Network net = Network.build(network.apply(threads).plan(), exchange))
            {
                return body.run(net, exchange.rank() == 0 ? file : elsewhere);
            }
        });
        return outcomes.get(0);
    }

    @FunctionalInterface
    private interface RankBody<T>
    {
        T run(Network network, Path file);
    }

    @ParameterizedTest(name = "{0}: {1} ranks x {2} threads -> {3} ranks x {4} threads")
    @CsvSource({"spnet2006, 2, 1, 1, 1", "spnet2006, 2, 2, 3, 1", "spnet2006, 3, 1, 2, 2", "spnet2006, 1, 2, 2, 1",
        "spnet2006, 1, 1, 3, 1", "dastdp2007, 3, 1, 1, 2", "dastdp2007, 1, 1, 2, 1", "stp_demo, 2, 1, 1, 1",
        "stp_demo, 3, 2, 2, 1", "stp_demo, 1, 1, 3, 1", "cortex2003_cond, 2, 1, 3, 1", "cortex2003_cond, 1, 1, 2, 1",
        "delayed, 3, 1, 1, 1", "delayed, 1, 2, 2, 1"})
    void aCheckpointSavedUnderSomeRanksResumesUnderOthersAsTheUncutRun(final String name, final int savingRanks,
        final int savingThreads, final int resumingRanks, final int resumingThreads) throws Exception
    {
        final Outcome uncut = uncut(name);
        assertTrue(uncut.spikes().spikeCount() > 500, "the network must be active, got " + uncut.spikes().spikeCount());
        final IntFunction<NetworkBuilder> network = network(name);
        final Path file = tmp.resolve("state.ckpt");
        final SimulationResult first = onRanks(savingRanks, savingThreads, network, file, (net, f) ->
        {
            final SimulationResult result = net.run(CUT);
            net.saveState(f);
            return result;
        });
        assertArrayEquals(singleFile(name), Files.readAllBytes(file), "the file of one process, byte for byte");
        final Outcome second = onRanks(resumingRanks, resumingThreads, network, file, (net, f) ->
        {
            net.restoreState(f);
            assertEquals(CUT, net.currentStep());
            final SimulationResult result = net.run(END - CUT);
            return new Outcome(result, net.plasticWeights());
        });
        final SimulationResult both = SimulationResult.concat(List.of(first, second.spikes()));
        assertArrayEquals(uncut.spikes().spikeSteps(), both.spikeSteps(), "spike times");
        assertArrayEquals(uncut.spikes().spikeNeurons(), both.spikeNeurons(), "spike neurons");
        if (uncut.weights() != null)
        {
            assertNotNull(second.weights());
            assertFalse(Arrays.equals(uncut.weights().weights(), startWeights(network)), "the weights must have learnt");
            assertArrayEquals(uncut.weights().weights(), second.weights().weights(), "final weights");
            assertArrayEquals(uncut.weights().derivatives(), second.weights().derivatives(), "final derivatives");
        }
    }

    /**
     * Rank 0 counts the whole file a save writes at least, for the disk check before a run: under ranks --save-state
     * was not checked, and a state its disk could not hold was found out at the run's end. With the plan's plastic
     * synapses (exact for spnet2006's fixed out-degree) it is the count of one process; with receptors (rank 0's share of
     * their state alone) at most the file.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"spnet2006", "dastdp2007", "cortex2003_cond", "stp_demo"})
    void rankZeroCountsTheWholeStateItWritesAtMost(final String name) throws Exception
    {
        final IntFunction<NetworkBuilder> network = network(name);
        final long plastic = network.apply(1).plan().plasticSynapsesAtLeast();
        final long single;
        try (Network net = Network.build(network.apply(1)))
        {
            single = net.stateBytesAtLeast();
            assertEquals(single, net.stateBytesAtLeast(plastic), "one process counts its own synapses");
            assertEquals(net.plasticity() == null ? 0 : net.plasticity().count(), plastic, "the plan's count");
        }
        final long ranked = onRanks(2, 1, network, tmp.resolve("unused.ckpt"), (net, f) ->
        {
            assertEquals(-1, net.stateBytesAtLeast(), "a rank's own count is not the file's");
            return net.stateBytesAtLeast(plastic);
        });
        final long file = singleFile(name).length;
        assertTrue(ranked > 0 && ranked <= single && single <= file, ranked + " and " + single + " of " + file);
        if (!name.startsWith("cortex") && !name.startsWith("stp"))
        {
            assertEquals(single, ranked, "no receptors: the same count");
            assertTrue(ranked > 0.8 * file, ranked + " of " + file);
        }
    }

    private static float[] startWeights(final IntFunction<NetworkBuilder> network)
    {
        try (Network net = Network.build(network.apply(1)))
        {
            return net.plasticWeights().weights();
        }
    }

    /** A checkpoint of another network (another seed) is refused by every rank with the same line, no rank waiting. */
    @Test
    void aCheckpointOfAnotherNetworkIsRefusedByEveryRankWithOneLine() throws Exception
    {
        final Path file = tmp.resolve("seed1.ckpt");
        try (Network net = Network.build(CheckpointTest.network("delayed", 1, SpikeDelivery.DELAY_ROWS).seed(1)))
        {
            net.run(50);
            net.saveState(file);
        }
        final List<String> messages = PartitionedRunTest.runRanks(3, exchange ->
        {
            try (Network net = Network.build(CheckpointTest.network("delayed", 1, SpikeDelivery.DELAY_ROWS).seed(2)
                .idleStrategy(() -> new SleepingIdleStrategy(10_000)).plan(), exchange))
            {
                final String message = assertThrows(InputException.class,
                    () -> net.restoreState(exchange.rank() == 0 ? file : tmp.resolve("absent.ckpt"))).getMessage();
                assertEquals(0, net.currentStep(), "nothing restored");
                return message;
            }
        });
        for (final String message : messages)
        {
            assertTrue(message.startsWith("checkpoint " + file + " was made with seed 1, this network has seed 2"), message);
        }
    }

    /** Rank 0 failing to read or write the file is every rank's failure, with rank 0's message. */
    @Test
    void aFileThatRankZeroCannotWriteOrReadFailsEveryRankWithItsMessage() throws Exception
    {
        final Path user = Files.writeString(tmp.resolve("notes.txt"), "the user's\n");
        final Path under = user.resolve("state.ckpt");
        final Path missing = tmp.resolve("missing.ckpt");
        final List<String[]> messages = PartitionedRunTest.runRanks(2, exchange ->
        {
            try (Network net = Network.build(CheckpointTest.network("delayed", 1, SpikeDelivery.DELAY_ROWS)
                .idleStrategy(() -> new SleepingIdleStrategy(10_000)).plan(), exchange))
            {
                net.run(20);
                final Path other = tmp.resolve("rank" + exchange.rank() + ".ckpt");
                final String[] m = {
                    assertThrows(InputException.class, () -> net.saveState(exchange.rank() == 0 ? user : other))
                        .getMessage(),
                    assertThrows(InputException.class, () -> net.saveState(exchange.rank() == 0 ? under : other))
                        .getMessage(),
                    assertThrows(InputException.class, () -> net.restoreState(exchange.rank() == 0 ? missing : other))
                        .getMessage()};
                // Still usable together: the failures were collective, no rank is left in a collective.
                assertEquals(10, net.run(10).steps());
                return m;
            }
        });
        for (final String[] m : messages)
        {
            assertTrue(m[0].startsWith("cannot save the state to " + user + ": the file exists and is not an izhsim " +
                "checkpoint"), m[0]);
            assertTrue(m[1].startsWith("cannot write checkpoint " + under + ": "), m[1]);
            assertEquals("cannot resume from " + missing + ": no such file", m[2]);
        }
        assertEquals("the user's\n", Files.readString(user));
        assertFalse(Files.exists(tmp.resolve("rank1.ckpt")), "only rank 0 writes");
    }
}
