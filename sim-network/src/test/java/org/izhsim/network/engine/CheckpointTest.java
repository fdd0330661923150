package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.izhsim.core.InputException;
import org.izhsim.TestProcesses;
import org.izhsim.core.ProcessOwner;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Save and resume: a run cut in two by a checkpoint, resumed with any thread count, fires exactly the spikes of
 * the uncut run; a checkpoint is refused, naming why, by a network it was not made for, when damaged, and
 * never replaces a file that is not a checkpoint.
 */
class CheckpointTest
{
    private static final Map<String, SimulationResult> WHOLE_RUNS = new HashMap<>();

    @TempDir
    Path tmp;

    /** cortex2003 (noise, delay 1) and the determinism network (noise, Poisson input, delays 1..20 ms). */
    static NetworkBuilder network(final String name, final int threads, final SpikeDelivery delivery)
    {
        if (name.equals("cortex2003"))
        {
            return ReferenceNetworks.cortex2003().seed(1).threads(threads).delivery(delivery);
        }
        return DeterminismTest.network(threads, delivery);
    }

    static Stream<Arguments> cases()
    {
        final int[][] threadPairs = {{1, 1}, {1, 3}, {2, 1}, {3, 2}};
        return Stream.of("cortex2003", "delayed").flatMap(name ->
            Stream.of(SpikeDelivery.DELAY_ROWS, SpikeDelivery.ARRIVAL_RING).flatMap(delivery ->
                Arrays.stream(threadPairs).map(pair -> Arguments.of(name, delivery, pair[0], pair[1]))));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} threads")
    @MethodSource("cases")
    void aRunResumedFromItsCheckpointFiresTheSpikesOfTheUncutRun(final String name, final SpikeDelivery delivery,
        final int savingThreads, final int resumingThreads) throws IOException
    {
        final SimulationResult whole = WHOLE_RUNS.computeIfAbsent(name + delivery,
            key -> Network.build(network(name, 1, delivery)).run(600));
        final Path file = tmp.resolve("state.ckpt");
        final SimulationResult first;
        try (Network saving = Network.build(network(name, savingThreads, delivery)))
        {
            assertEquals(delivery, saving.delivery());
            first = saving.run(300);
            saving.saveState(file);
        }
        final SimulationResult second;
        try (Network resuming = Network.build(network(name, resumingThreads, delivery)))
        {
            assertEquals(resumingThreads, resuming.threads());
            resuming.restoreState(file);
            assertEquals(300, resuming.currentStep());
            second = resuming.run(300);
        }
        assertEquals(300, second.firstStep());
        assertTrue(first.spikeCount() > 1000 && second.spikeCount() > 1000, "both halves fire");
        assertArrayEquals(whole.spikeSteps(), concat(first.spikeSteps(), second.spikeSteps()), "spike steps");
        assertArrayEquals(whole.spikeNeurons(), concat(first.spikeNeurons(), second.spikeNeurons()), "spike neurons");
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void savingBetweenRunsChangesNoSpike(final SpikeDelivery delivery)
    {
        final SimulationResult whole = Network.build(network("delayed", 2, delivery)).run(600);
        final Path file = tmp.resolve("every100.ckpt");
        int[] steps = new int[0];
        int[] neurons = new int[0];
        try (Network network = Network.build(network("delayed", 2, delivery)))
        {
            for (int chunk = 0; chunk < 6; chunk++)
            {
                final SimulationResult part = network.run(100);
                network.saveState(file);
                steps = concat(steps, part.spikeSteps());
                neurons = concat(neurons, part.spikeNeurons());
            }
        }
        assertArrayEquals(whole.spikeSteps(), steps);
        assertArrayEquals(whole.spikeNeurons(), neurons);
    }

    /**
     * The size a run's disk check counts for --save-state ({@link Network#stateBytesAtLeast}) is at most the file's, and
     * falls short of it by the spikes in flight and the header's names alone: for fixed, plastic, dopamine and
     * receptor networks, with the arrival ring and the delay rows.
     */
    @Test
    void theStateSizeCountedBeforeARunIsTheFilesLessTheSpikesInFlight() throws Exception
    {
        final java.util.List<org.izhsim.network.build.NetworkBuilder> networks = java.util.List.of(
            ReferenceNetworks.cortex2003().threads(1), small(80, 0.5).delivery(SpikeDelivery.DELAY_ROWS),
            ReferenceNetworks.spnet2006().threads(1), shipped("dastdp2007"), shipped("cortex2003_cond"),
            shipped("stp_demo"), network("delayed", 1, SpikeDelivery.ARRIVAL_RING));
        for (final org.izhsim.network.build.NetworkBuilder builder : networks)
        {
            final Path file = tmp.resolve("size.ckpt");
            // Each network's own file: a save refuses another network's checkpoint.
            Files.deleteIfExists(file);
            try (Network network = Network.build(builder))
            {
                network.run(50);
                network.saveState(file);
                long inFlight = 0;
                for (final int[] ids : Checkpoint.image(network).firedBefore())
                {
                    inFlight += ids.length;
                }
                final long size = Files.size(file);
                final long least = network.stateBytesAtLeast();
                // The plan's count, before the build, is a lower bound of the built network's.
                final long planned = Network.stateBytesAtLeast(builder.plan());
                assertTrue(planned > 0 && planned <= least, "planned " + planned + ", built " + least);
                assertTrue(least <= size && size - least <= 4 * inFlight + 1024, "at least " + least + ", file " + size +
                    ", spikes in flight " + inFlight);
            }
        }
    }

    /**
     * A run killed (kill -9) while saving left its hidden partial file beside the checkpoint, and only a later save to
     * the same name removed it; a resume from the checkpoint does too. A live process's partial file stays.
     */
    @Test
    void aResumeSweepsTheDeadPartialFilesOfItsCheckpoint() throws Exception
    {
        final Path file = tmp.resolve("s.ckpt");
        try (Network network = Network.build(small(80, 0.5).threads(1)))
        {
            network.run(20);
            network.saveState(file);
        }
        final Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        final String tag = org.izhsim.core.ProcessOwner.thisProcess().tag();
        final Path dead = Files.createFile(tmp.resolve(".s.ckpt." + gone.pid() + "-12345-" + tag + ".partial"));
        final Path live = Files.createFile(tmp.resolve(".s.ckpt." + ProcessHandle.current().pid() + "-12346-" + tag +
            ".partial"));
        try (Network network = Network.build(small(80, 0.5).threads(1)))
        {
            network.restoreState(file);
        }
        assertFalse(Files.exists(dead), "the killed run's partial file is swept");
        assertTrue(Files.exists(live), "a live process's is not");
        // Resumed through a symbolic link to the checkpoint: the saves wrote beside the file it names.
        final Path again = Files.createFile(tmp.resolve(".s.ckpt." + gone.pid() + "-12347-" + tag + ".partial"));
        final Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        final Path link = Files.createSymbolicLink(elsewhere.resolve("link.ckpt"), file);
        try (Network network = Network.build(small(80, 0.5).threads(1)))
        {
            network.restoreState(link);
        }
        assertFalse(Files.exists(again), "swept beside the file the link names");
    }

    /** Other neuron parameters are named by the population that has them (format 7 on; it named none). */
    @Test
    void aCheckpointOfOtherNeuronParametersNamesThePopulation() throws Exception
    {
        final Path file = tmp.resolve("neurons.ckpt");
        final String yaml = Files.readString(Path.of("..", "configs", "cortex2003.yaml"));
        try (Network network = Network.build(org.izhsim.config.NetworkAssembler.builder(
            org.izhsim.config.ExperimentLoader.parse(yaml, "cortex2003.yaml")).threads(1)))
        {
            network.run(20);
            network.saveState(file);
        }
        final String changed = yaml.replaceFirst("d: 2\\b", "d: 2.5");
        org.junit.jupiter.api.Assumptions.assumeFalse(changed.equals(yaml), "cortex2003's inh d is 2");
        try (Network other = Network.build(org.izhsim.config.NetworkAssembler.builder(
            org.izhsim.config.ExperimentLoader.parse(changed, "cortex2003.yaml")).threads(1)))
        {
            assertEquals("checkpoint " + file + " was made with other neuron models or parameters (a, b, c, d; a 2007 population's C, k, vr, vt, vpeak, steps_per_ms, cell rules) in 'inh' than this " +
                "network", assertThrows(InputException.class, () -> other.restoreState(file)).getMessage());
        }
    }

    /**
     * A spike source population has the parameters of a possible 2003 neuron (a = b = d = 0, c = -65): its checkpoint
     * resumed, without a word, into neurons of those parameters (which then fell silent), and theirs into sources.
     */
    @Test
    void aCheckpointOfSpikeSourcesDoesNotResumeIntoNeuronsOfTheirParameters() throws Exception
    {
        final java.util.function.Function<PopulationSpec, NetworkBuilder> network = in -> new NetworkBuilder().seed(3)
            .threads(1).population(in).population(PopulationSpec.of("post", 2).parameters(0.02, 0.2, -65, 8))
            .projection(ProjectionSpec.from("in", "post").rule(ConnectionRule.allToAll())
                .weight(WeightRule.constant(3)));
        final PopulationSpec[] kinds = {PopulationSpec.of("in", 20).poisson(30),
            PopulationSpec.of("in", 20).parameters(0, 0, -65, 0),
            PopulationSpec.of("in", 20).spikeTimes(new long[20][0], 0)};
        for (int saved = 0; saved < kinds.length; saved++)
        {
            final Path file = tmp.resolve("kind" + saved + ".ckpt");
            try (Network net = Network.build(network.apply(kinds[saved])))
            {
                net.run(10);
                net.saveState(file);
            }
            for (int resumed = 0; resumed < kinds.length; resumed++)
            {
                try (Network other = Network.build(network.apply(kinds[resumed])))
                {
                    if (resumed == saved)
                    {
                        other.restoreState(file);
                        continue;
                    }
                    assertEquals("checkpoint " + file + " was made with other neuron models or parameters (a, b, c, d; a 2007 population's C, k, vr, vt, vpeak, steps_per_ms, cell rules) " +
                        "in 'in' than this network", assertThrows(InputException.class,
                        () -> other.restoreState(file)).getMessage(), saved + " into " + resumed);
                }
            }
        }
    }

    /**
     * The synapses of projections with a synapse model or stp, kept apart from the matrix, differ as one group: named
     * so, and not as a source population's (stp_demo with its depressing projection's U changed).
     */
    @Test
    void aCheckpointOfOtherStpSynapsesIsRefusedNamingThem() throws Exception
    {
        final Path file = tmp.resolve("stp.ckpt");
        try (Network network = Network.build(shipped("stp_demo")))
        {
            network.run(20);
            network.saveState(file);
        }
        final String yaml = Files.readString(Path.of("..", "configs", "stp_demo.yaml"));
        final String changed = yaml.replace("stp: excitatory", "stp: {defaults: excitatory, U: 0.3}");
        org.junit.jupiter.api.Assumptions.assumeFalse(changed.equals(yaml), "stp_demo names its stp by kind");
        try (Network other = Network.build(org.izhsim.config.NetworkAssembler.builder(
            org.izhsim.config.ExperimentLoader.parse(changed, "stp_demo.yaml")).threads(1)))
        {
            assertEquals("checkpoint " + file + " was made with other synapses with a synapse model or stp, or fixed " +
                "beside plastic ones of their source population (their targets, delays or weights, or the model's or " +
                "stp's constants) than this network",
                assertThrows(InputException.class, () -> other.restoreState(file)).getMessage());
        }
    }

    private static org.izhsim.network.build.NetworkBuilder shipped(final String name)
    {
        return org.izhsim.config.NetworkAssembler.builder(org.izhsim.config.ExperimentLoader.load(
            Path.of("..", "configs", name + ".yaml"))).threads(1);
    }

    @Test
    void aCheckpointOfAnotherSeedIsRefusedNamingBothSeeds()
    {
        final Path file = saved(ReferenceNetworks.cortex2003().seed(1).threads(1), 20);
        final Network other = Network.build(ReferenceNetworks.cortex2003().seed(2).threads(1));
        final InputException ex = assertThrows(InputException.class, () -> other.restoreState(file));
        assertEquals("checkpoint " + file + " was made with seed 1, this network has seed 2", ex.getMessage());
        assertEquals(0, other.currentStep(), "a refused checkpoint changes nothing");
    }

    /**
     * A network built without a noise seed restored a checkpoint whose run drew its noise with noise seed 5 and went
     * on under its own (the seed, 1), silently: other spikes from the saved step on than the uncut run (a tester's
     * spnet2006: 13,967 against 12,155 in 2 s). It is refused, naming both and the cure; built with noise seed 5 it
     * goes on with that run's spikes, and with another noise seed given it draws other noise, a new trial.
     */
    @Test
    void aCheckpointRunUnderAnotherNoiseSeedIsRefusedUnlessANoiseSeedIsGiven()
    {
        final java.util.function.Supplier<NetworkBuilder> cortex = () -> ReferenceNetworks.cortex2003().seed(1).threads(1);
        final Path file = saved(cortex.get().noiseSeed(5), 30);
        final SimulationResult uncut;
        try (Network whole = Network.build(cortex.get().noiseSeed(5)))
        {
            whole.run(30);
            uncut = whole.run(40);
        }
        try (Network bare = Network.build(cortex.get()))
        {
            final InputException ex = assertThrows(InputException.class, () -> bare.restoreState(file));
            assertEquals("checkpoint " + file + " was run under noise seed 5, and this network, built without a noise " +
                "seed, draws its noise with its seed 1: build it with NetworkBuilder.noiseSeed(5) to go on with that " +
                "run's noise (Network.checkStateHeader reads it from the file), or give another noise seed for other " +
                "noise from the saved step on", ex.getMessage());
            assertEquals(0, bare.currentStep(), "a refused checkpoint changes nothing");
        }
        try (Network same = Network.build(cortex.get().noiseSeed(5)))
        {
            same.restoreState(file);
            final SimulationResult resumed = same.run(40);
            assertArrayEquals(uncut.spikeSteps(), resumed.spikeSteps());
            assertArrayEquals(uncut.spikeNeurons(), resumed.spikeNeurons());
        }
        try (Network other = Network.build(cortex.get().noiseSeed(1)))
        {
            other.restoreState(file);
            final SimulationResult trial = other.run(40);
            assertFalse(Arrays.equals(uncut.spikeNeurons(), trial.spikeNeurons()), "noise seed 1 given: other noise");
        }
    }

    /**
     * saveState through the API replaced another network's checkpoint without a word, where sim run --save-state
     * refuses it (exit 2): it is refused and left alone; this network's own state at another step is replaced.
     */
    @Test
    void savingOverAnotherNetworksCheckpointIsRefusedAndItsOwnIsReplaced() throws IOException
    {
        final Path file = saved(small(80, 0.5), 20);
        final byte[] before = Files.readAllBytes(file);
        try (Network other = Network.build(small(90, 0.5)))
        {
            other.run(5);
            final InputException ex = assertThrows(InputException.class, () -> other.saveState(file));
            assertTrue(ex.getMessage().startsWith(file + " holds the checkpoint of another network (made with " +
                "populations exc 80, inh 20, this network has exc 90, inh 20;"), ex.getMessage());
            assertTrue(ex.getMessage().endsWith("which this save would replace: name another file, or delete it first"),
                ex.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file), "left alone");
        try (Network same = Network.build(small(80, 0.5)))
        {
            same.run(7);
            same.saveState(file);
            assertEquals(7, Network.checkStateHeader(file, small(80, 0.5).plan()).step());
        }
    }

    @Test
    void aCheckpointOfAnotherPopulationSizeIsRefusedNamingTheSizes()
    {
        final Path file = saved(small(80, 0.5), 20);
        final InputException ex = assertThrows(InputException.class, () -> Network.build(small(90, 0.5)).restoreState(file));
        assertTrue(ex.getMessage().startsWith("checkpoint " + file + " was made with populations exc 80, inh 20, " +
            "this network has exc 90, inh 20;"), ex.getMessage());
        assertTrue(ex.getMessage().contains("2000 synapses, this network has 2200"), ex.getMessage());
    }

    @Test
    void aCheckpointOfOtherWeightsOrAnotherDeliveryIsRefused()
    {
        final Path file = saved(small(80, 0.5).delivery(SpikeDelivery.DELAY_ROWS), 20);
        final InputException weights = assertThrows(InputException.class,
            () -> Network.build(small(80, 0.6).delivery(SpikeDelivery.DELAY_ROWS)).restoreState(file));
        // Named by the population the synapses come from (format 7 on; the whole network's synapses before).
        assertEquals("checkpoint " + file + " was made with other synapses from 'exc' (their targets, delays or " +
            "weights) than this network", weights.getMessage());
        final InputException delivery = assertThrows(InputException.class,
            () -> Network.build(small(80, 0.5).delivery(SpikeDelivery.ARRIVAL_RING)).restoreState(file));
        assertEquals("checkpoint " + file + " was made with spike delivery delay_rows, this network has arrival_ring",
            delivery.getMessage());
        // Named as the config names them (it said HALFSTEP and SEMI_IMPLICIT_EULER for `integration: euler`).
        final InputException scheme = assertThrows(InputException.class, () -> Network.build(small(80, 0.5)
            .delivery(SpikeDelivery.DELAY_ROWS).scheme(org.izhsim.core.integrate.Method.SEMI_IMPLICIT_EULER))
            .restoreState(file));
        assertEquals("checkpoint " + file + " was made with integration halfstep, this network has euler",
            scheme.getMessage());
    }

    /**
     * A checkpoint name of 210 characters (Linux takes 255) was refused with "File name too long": its partial file's
     * name, the checkpoint's with 49 more characters, was.
     */
    @Test
    void aCheckpointWithALongNameIsSavedAndRead() throws Exception
    {
        final Path file = tmp.resolve("c".repeat(240) + ".ckpt");
        try (Network network = Network.build(small(80, 0.5)))
        {
            network.run(20);
            network.saveState(file);
            network.saveState(file);
        }
        final Network fresh = Network.build(small(80, 0.5));
        fresh.restoreState(file);
        assertEquals(20, fresh.currentStep());
        try (java.util.stream.Stream<Path> left = Files.list(tmp))
        {
            assertEquals(List.of(file.getFileName().toString()), left.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("short.ckpt", Checkpoint.partialStem("short.ckpt"));
    }

    /**
     * A file whose checksums match but that holds a state no run saves (NaN or an infinity: a blown-up run saves
     * nothing) ran into a blow-up (exit 3) or on with NaN weights, instead of being refused as bad input.
     */
    @Test
    void aCheckpointHoldingANonFiniteStateIsRefused()
    {
        final Path file = tmp.resolve("nan.ckpt");
        try (Network network = Network.build(small(80, 0.5)))
        {
            network.run(20);
            network.state().u[7] = Float.NEGATIVE_INFINITY;
            network.saveState(file);
        }
        final Network fresh = Network.build(small(80, 0.5));
        final InputException ex = assertThrows(InputException.class, () -> fresh.restoreState(file));
        assertEquals("checkpoint " + file + " is corrupt: its u 7 is -Infinity, which no run saves", ex.getMessage());
        assertEquals(0, fresh.currentStep(), "a refused checkpoint changes nothing");
    }

    @Test
    void damagedTruncatedAndForeignFilesAreRefusedAndChangeNothing() throws Exception
    {
        final NetworkBuilder builder = DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING);
        final Path file = saved(builder, 50);
        final byte[] good = Files.readAllBytes(file);
        final SimulationResult fresh = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING)).run(50);

        final Network network = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING));
        for (final int length : new int[] {0, 5, 12, 40, good.length / 2, good.length - 1})
        {
            Files.write(file, Arrays.copyOf(good, length));
            final String message = assertThrows(InputException.class, () -> network.restoreState(file)).getMessage();
            // An empty file says so; a start of the magic alone is a checkpoint cut short (both were "not an izhsim
            // checkpoint", which pointed away from a copy that failed).
            assertEquals(length == 0 ? file + " is empty (0 bytes), not a checkpoint" :
                "checkpoint " + file + " is truncated: it ends before its checksum", message, "cut at " + length);
        }
        for (final int at : new int[] {30, good.length / 2, good.length - 2})
        {
            final byte[] flipped = good.clone();
            flipped[at] ^= 0x10;
            Files.write(file, flipped);
            final String message = assertThrows(InputException.class, () -> network.restoreState(file)).getMessage();
            assertTrue(message.startsWith("checkpoint " + file + " is corrupt: "), message);
        }
        final byte[] longer = Arrays.copyOf(good, good.length + 1);
        Files.write(file, longer);
        assertEquals("checkpoint " + file + " is corrupt: it goes on after its checksum",
            assertThrows(InputException.class, () -> network.restoreState(file)).getMessage());

        final byte[] newer = good.clone();
        ByteBuffer.wrap(newer).putInt(8, 99);
        Files.write(file, newer);
        assertEquals("checkpoint " + file + " has format version 99; this izhsim reads versions 1 to " +
            Checkpoint.LATEST_FORMAT_VERSION,
            assertThrows(InputException.class, () -> network.restoreState(file)).getMessage());

        Files.writeString(file, "t_ms,neuron,population\n0,1,exc\n");
        assertEquals(file + " is not an izhsim checkpoint",
            assertThrows(InputException.class, () -> network.restoreState(file)).getMessage());
        final Path missing = tmp.resolve("missing.ckpt");
        assertEquals("cannot resume from " + missing + ": no such file",
            assertThrows(InputException.class, () -> network.restoreState(missing)).getMessage());
        // A named pipe nobody writes to: the open waited for ever.
        final Path fifo = tmp.resolve("pipe.ckpt");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0)
        {
            assertEquals("cannot resume from " + fifo + ": is a pipe, not a regular file (reading it waits for a writer): " +
                "save its contents to a file", assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(InputException.class, () -> network.restoreState(fifo))).getMessage());
        }

        assertEquals(0, network.currentStep());
        final SimulationResult after = network.run(50);
        assertArrayEquals(fresh.spikeSteps(), after.spikeSteps(), "the refused files left the state alone");
        assertArrayEquals(fresh.spikeNeurons(), after.spikeNeurons());
    }

    @Test
    void aFileThatIsNotACheckpointIsNeverOverwritten() throws IOException
    {
        final Path target = tmp.resolve("results.csv");
        final byte[] canary = "t_ms,neuron\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Files.write(target, canary);
        final Network network = Network.build(small(80, 0.5));
        network.run(10);
        final InputException ex = assertThrows(InputException.class, () -> network.saveState(target));
        assertEquals("cannot save the state to " + target + ": the file exists and is not an izhsim checkpoint, " +
            "so it is left alone (choose another name or remove it)", ex.getMessage());
        assertArrayEquals(canary, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(), "no temporary file is left behind");

        final Path folder = Files.createDirectory(tmp.resolve("folder.ckpt"));
        assertEquals("cannot save the state to " + folder + ": it is a folder",
            assertThrows(InputException.class, () -> network.saveState(folder)).getMessage());
    }

    @Test
    void aCheckpointReplacesAnOlderCheckpointAndLeavesNoTemporaryFile() throws IOException
    {
        final Path file = tmp.resolve("state.ckpt");
        final Network network = Network.build(small(80, 0.5));
        network.run(10);
        network.saveState(file);
        final byte[] older = Files.readAllBytes(file);
        network.run(10);
        network.saveState(file);
        assertTrue(!Arrays.equals(older, Files.readAllBytes(file)), "the newer state replaced the older");
        assertEquals(List.of(file), listing());
        final Network resumed = Network.build(small(80, 0.5));
        resumed.restoreState(file);
        assertEquals(20, resumed.currentStep());
    }

    @Test
    void partialFilesOfKilledWritersAreSweptAndLiveOrForeignOnesKept() throws Exception
    {
        final long dead = TestProcesses.endedPid();
        final Process sleeping = TestProcesses.sleeping();
        try
        {
            final String mine = ProcessOwner.thisProcess().tag();
            final String otherHost = new ProcessOwner(ProcessOwner.thisProcess().host() + "-other",
                ProcessOwner.thisProcess().boot(), dead).tag();
            final Path killed = partial(".state.ckpt." + dead + "-11-" + mine + ".partial");
            final Path live = partial(".state.ckpt." + sleeping.pid() + "-12-" + mine + ".partial");
            final Path foreignHost = partial(".state.ckpt." + dead + "-13-" + otherHost + ".partial");
            final Path otherTarget = partial(".other.ckpt." + dead + "-14-" + mine + ".partial");
            final Path userFile = partial(".state.ckpt." + dead + "-15.partial");

            Network.build(small(80, 0.5)).saveState(tmp.resolve("state.ckpt"));

            assertTrue(Files.notExists(killed), "a killed writer's partial file is swept");
            for (final Path kept : List.of(live, foreignHost, otherTarget, userFile))
            {
                assertEquals("partial", Files.readString(kept), kept + " is kept");
            }
            assertEquals(5, listing().size(), "the four kept and the checkpoint: " + listing());
        }
        finally
        {
            sleeping.destroy();
        }
    }

    private Path partial(final String name) throws IOException
    {
        return Files.writeString(tmp.resolve(name), "partial");
    }

    @Test
    void aCheckpointOfAnUnrunNetworkResumesAtStepZero()
    {
        final Path file = saved(DeterminismTest.network(2, SpikeDelivery.DELAY_ROWS), 0);
        final Network resumed = Network.build(DeterminismTest.network(1, SpikeDelivery.DELAY_ROWS));
        resumed.restoreState(file);
        assertArrayEquals(Network.build(DeterminismTest.network(1, SpikeDelivery.DELAY_ROWS)).run(100).spikeNeurons(),
            resumed.run(100).spikeNeurons());
    }

    /**
     * Two damaged header words (2^31 - 1 neurons, 2^31 - 16 populations) made an 8 GB array before the header's
     * checksum was read: 20 s and 8.5 GB of memory before "is corrupt", and under a small heap the advice to give Java
     * more heap. A count is bounded by the bytes left in the file: refused at once, nothing of its size made (nor of a
     * count a heap holds: 10^8 populations made 400 MB). From a stream of unknown length the populations are made as
     * they are read; a file cut short in its list of populations is still truncated.
     */
    @Test
    void aDamagedPopulationCountIsRefusedBeforeAnythingOfItsSizeIsMade() throws IOException
    {
        final Path file = saved(small(80, 0.5), 20);
        final byte[] good = Files.readAllBytes(file);
        try (Network network = Network.build(small(80, 0.5)))
        {
            for (final int populations : new int[] {0x7ffffff0, 100_000_000})
            {
                final byte[] damaged = good.clone();
                // Format 7: magic, version, seed, noise seed, then the neurons and the populations.
                ByteBuffer.wrap(damaged).putInt(28, 0x7fffffff).putInt(32, populations);
                Files.write(file, damaged);
                long before = allocatedBytes();
                final String message = assertThrows(InputException.class, () -> network.restoreState(file))
                    .getMessage();
                final long made = allocatedBytes() - before;
                final String corrupt = " is corrupt: " + populations + " populations in its header, more than the " +
                    "file's remaining " + (good.length - 36) + " bytes can hold";
                assertEquals("checkpoint " + file + corrupt, message);
                assertTrue(made < 16 << 20, populations + " populations: " + made + " bytes allocated");
                // Rank 0's bytes, which every rank of a partitioned run reads.
                assertEquals("checkpoint bytes" + corrupt, assertThrows(InputException.class,
                    () -> Checkpoint.read(network, damaged, "bytes", Checkpoint.Part.whole(network))).getMessage());
                before = allocatedBytes();
                assertThrows(InputException.class,
                    () -> network.restoreState(new java.io.ByteArrayInputStream(damaged), "stream"));
                final long streamed = allocatedBytes() - before;
                assertTrue(streamed < 16 << 20, populations + " populations, streamed: " + streamed + " bytes made");
            }
            Files.write(file, Arrays.copyOf(good, 44));
            assertEquals("checkpoint " + file + " is truncated: it ends before its checksum",
                assertThrows(InputException.class, () -> network.restoreState(file)).getMessage());
            assertEquals(0, network.currentStep(), "a refused checkpoint changes nothing");
        }
    }

    /**
     * A file of format version 0 or -1 was said to be "a damaged file, or one of an izhsim far later than this": no
     * izhsim writes a version below 1, so it is damaged. A version above the latest may still be a later izhsim's.
     */
    @Test
    void aFormatVersionBelowOneIsSaidToBeDamagedNotLater() throws IOException
    {
        final Path file = saved(small(80, 0.5), 20);
        final byte[] good = Files.readAllBytes(file);
        try (Network network = Network.build(small(80, 0.5)))
        {
            for (final int version : new int[] {0, -1, Integer.MIN_VALUE})
            {
                final byte[] damaged = good.clone();
                ByteBuffer.wrap(damaged).putInt(8, version);
                Files.write(file, damaged);
                assertEquals("checkpoint " + file + " is corrupt: its format version is " + version + ", which no " +
                    "izhsim writes (they begin at 1)",
                    assertThrows(InputException.class, () -> network.restoreState(file)).getMessage());
            }
            final byte[] far = good.clone();
            ByteBuffer.wrap(far).putInt(8, 1000);
            Files.write(file, far);
            assertEquals("checkpoint " + file + " has format version 1000; this izhsim reads versions 1 to " +
                Checkpoint.LATEST_FORMAT_VERSION + " (a damaged file, or one of an izhsim far later than this)",
                assertThrows(InputException.class, () -> network.restoreState(file)).getMessage());
            assertEquals(0, network.currentStep(), "a refused checkpoint changes nothing");
        }
    }

    /** Bytes this thread has allocated so far. */
    private static long allocatedBytes()
    {
        return ((com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean())
            .getCurrentThreadAllocatedBytes();
    }

    private Path saved(final NetworkBuilder builder, final int steps)
    {
        final Path file = tmp.resolve("saved.ckpt");
        try (Network network = Network.build(builder))
        {
            if (steps > 0)
            {
                network.run(steps);
            }
            network.saveState(file);
        }
        return file;
    }

    private List<Path> listing() throws IOException
    {
        try (Stream<Path> files = Files.list(tmp))
        {
            return files.sorted().toList();
        }
    }

    private static NetworkBuilder small(final int excitatory, final double maxWeight)
    {
        return new NetworkBuilder().seed(3).threads(1)
            .population(PopulationSpec.of("exc", excitatory))
            .population(PopulationSpec.of("inh", 20).a(r -> 0.1).d(r -> 2))
            .projection(ProjectionSpec.from("exc", List.of("exc", "inh"))
                .rule(org.izhsim.network.build.ConnectionRule.fixedOutdegree(20))
                .weight(WeightRule.ofRandom(rand -> maxWeight * rand)))
            .projection(ProjectionSpec.from("inh", "exc").rule(org.izhsim.network.build.ConnectionRule.fixedOutdegree(20))
                .weight(WeightRule.ofRandom(rand -> -rand)))
            .input(InputSpec.noise("exc", 5));
    }

    private static int[] concat(final int[] a, final int[] b)
    {
        final int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * A second Ctrl-C while a run went on to its next save could create the save's temporary file after the exit had
     * deleted this process's partial files: a whole-size .FILE.PID-...partial was left with no word (4 of a tester's 55
     * tries). Once the exit has begun, neither a save nor a claim creates a file, and the save writes nothing.
     */
    @Test
    void noPartialFileIsCreatedOnceTheExitHasBegun(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("k.ckpt");
        final boolean[] written = new boolean[1];
        Checkpoint.AtExit.exiting(true);
        try
        {
            final InputException save = assertThrows(InputException.class,
                () -> Checkpoint.write(file, out -> written[0] = true));
            assertEquals("cannot write checkpoint " + file + ": the process is exiting", save.getMessage());
            final InputException claim = assertThrows(InputException.class, () -> Checkpoint.claim(file));
            assertTrue(claim.getMessage().endsWith(": the process is exiting"), claim.getMessage());
        }
        finally
        {
            Checkpoint.AtExit.exiting(false);
        }
        assertFalse(written[0], "the body was not written");
        try (Stream<Path> left = Files.list(dir))
        {
            assertEquals(List.of(), left.toList());
        }
        // And after: a save goes through as before.
        Checkpoint.write(file, out -> out.write(1));
        assertTrue(Files.isRegularFile(file));
    }
}
