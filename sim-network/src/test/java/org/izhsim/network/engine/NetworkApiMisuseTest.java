package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.izhsim.core.InputException;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API used as its javadoc says it must not be, or at an odd moment: each misuse is refused with a clear
 * exception when it is made, never a hang, a file that cannot be read back, or a failure somewhere later.
 */
class NetworkApiMisuseTest
{
    @TempDir
    Path tmp;

    /**
     * close() from another thread while the network runs shut its workers down under the run, which then waited for
     * ever (2 threads: a loop of run(1) beside a loop of close() hung within seconds). It is refused now, and the run
     * ends as it would have.
     */
    @Test
    @Timeout(60)
    void closeDuringARunIsRefusedAndTheRunEnds() throws Exception
    {
        try (Network network = Network.build(DeterminismTest.network(2, SpikeDelivery.ARRIVAL_RING)))
        {
            network.run(10);
            final AtomicReference<Throwable> refused = new AtomicReference<>();
            final SimulationResult result = network.run(300, (done, total, wall) ->
            {
                if (refused.get() == null)
                {
                    final Thread other = new Thread(() ->
                    {
                        try
                        {
                            network.close();
                            refused.set(new AssertionError("close() during the run was accepted"));
                        }
                        catch (final IllegalStateException ex)
                        {
                            refused.set(ex);
                        }
                    });
                    other.start();
                    try
                    {
                        other.join();
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            assertEquals(SimulationResult.StopReason.COMPLETED, result.stopReason());
            assertTrue(refused.get() instanceof IllegalStateException, String.valueOf(refused.get()));
            assertTrue(refused.get().getMessage().startsWith("cannot close this network while it is running"),
                refused.get().getMessage());
            assertEquals(310, network.currentStep());
            network.close();
            assertEquals(SimulationResult.StopReason.COMPLETED, network.run(5).stopReason(), "runs on after a close");
        }
    }

    /** A network after a worker's failure said "a worker failed in an earlier run": it names what failed now. */
    @Test
    void aNetworkAfterAFailedRunNamesWhatFailed()
    {
        final Network network = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING),
            new org.izhsim.network.input.InputDrive(0, 1)
            {
                @Override
                protected void add(final float[] input, final int from, final int to, final long step,
                    final long[] scratch)
                {
                    throw new UnsupportedOperationException("the drive gave up");
                }
            });
        assertThrows(UnsupportedOperationException.class, () -> network.run(300));
        final IllegalStateException again = assertThrows(IllegalStateException.class, () -> network.run(10));
        assertEquals("this network cannot run again: an earlier run failed (java.lang.UnsupportedOperationException: " +
            "the drive gave up)", again.getMessage());
    }

    /** A blown-up network's checkpoint held infinities: it replaced a good file and every restore refused it. */
    @Test
    void aBlownUpNetworkIsNotSaved()
    {
        final Network network = Network.build(new NetworkBuilder().seed(1).threads(1)
            .population(PopulationSpec.of("p", 10))
            .projection(ProjectionSpec.from("p", "p").rule(ConnectionRule.allToAll()).weight(bits -> 3e38))
            .input(InputSpec.dc("p", 10)));
        assertEquals(SimulationResult.StopReason.BLOW_UP, network.run(100).stopReason());
        final Path file = tmp.resolve("blown.ckpt");
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> network.saveState(file));
        assertTrue(ex.getMessage().startsWith("cannot save the state of a network that blew up: numerical blow-up at t = "),
            ex.getMessage());
        assertFalse(Files.exists(file));
    }

    /** A WeightRule lambda of NaN or beyond a float's range was built and ran into a blow-up blaming the input. */
    @Test
    void aWeightRuleLambdaGivingNoFiniteFloatIsRefusedAtTheBuild()
    {
        for (final double bad : new double[] {Double.NaN, 1e39, Double.NEGATIVE_INFINITY})
        {
            final NetworkBuilder builder = new NetworkBuilder().seed(1).threads(1)
                .population(PopulationSpec.of("e", 20))
                .projection(ProjectionSpec.from("e", List.of("e")).rule(ConnectionRule.fixedOutdegree(5))
                    .weight(bits -> bad));
            final InputException ex = assertThrows(InputException.class, () -> Network.build(builder));
            assertTrue(ex.getMessage().startsWith("the weight rule of projection e -> e gave " + org.izhsim.core.ShortestDecimal.typed(bad) + " for a " +
                "synapse onto neuron "), ex.getMessage());
        }
        // A named projection is named (it was "projection 0", its index).
        final InputException named = assertThrows(InputException.class, () -> Network.build(new NetworkBuilder()
            .population(PopulationSpec.of("p", 5))
            .projection(ProjectionSpec.from("p", "p").name("recurrent").weight(bits -> Double.NaN))));
        assertTrue(named.getMessage().startsWith("the weight rule of recurrent gave NaN"), named.getMessage());
    }

    /** A restore into a blown-up network replaced its state and left it unable to run; refused before reading now. */
    @Test
    void aStateIsNotRestoredIntoANetworkThatCannotRunAgain() throws Exception
    {
        final NetworkBuilder builder = new NetworkBuilder().seed(1).threads(1)
            .population(PopulationSpec.of("p", 10))
            .projection(ProjectionSpec.from("p", "p").weight(bits -> 1e37))
            .input(InputSpec.dc("p", 10));
        final Path file = tmp.resolve("good.ckpt");
        try (Network network = Network.build(builder))
        {
            network.run(1);
            network.saveState(file);
            assertEquals(SimulationResult.StopReason.BLOW_UP, network.run(100).stopReason());
            final long step = network.currentStep();
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> network.restoreState(file));
            assertTrue(ex.getMessage().startsWith("cannot restore a state into a network that cannot run again " +
                "(numerical blow-up at t = "), ex.getMessage());
            assertEquals(step, network.currentStep(), "nothing changed");
            assertThrows(IllegalStateException.class, () -> network.restoreState(Files.newInputStream(file), "good"));
        }
        // A new network from the same description takes it and runs from step 1.
        try (Network fresh = Network.build(builder))
        {
            fresh.restoreState(file);
            assertEquals(1, fresh.currentStep());
        }
    }

    /** Null plans, exchanges and trace origins were NullPointerExceptions from inside the library. */
    @Test
    void nullArgumentsAreNamed()
    {
        assertEquals("plan", assertThrows(NullPointerException.class,
            () -> Network.build((org.izhsim.network.build.NetworkPlan)null)).getMessage());
        final org.izhsim.network.build.NetworkPlan plan = new NetworkBuilder().population(PopulationSpec.of("p", 2)).plan();
        assertEquals("exchange", assertThrows(NullPointerException.class,
            () -> Network.build(plan, (SpikeExchange)null)).getMessage());
        assertEquals("origins", assertThrows(NullPointerException.class,
            () -> new NetworkBuilder().recordTraces(new int[] {0}, null)).getMessage());
    }

    /**
     * A null clock for a pacer, or an idle strategy supplier giving null, were taken and failed mid-run (an NPE at the
     * first early step; "idle is null"), leaving the network unable to run: refused when given, or at the build.
     */
    @Test
    void aNullPacerClockOrIdleStrategyIsRefusedBeforeTheRun()
    {
        assertEquals("clock", assertThrows(NullPointerException.class,
            () -> RealTimePacer.onClock(null, 1.0)).getMessage());
        for (final int threads : new int[] {1, 2})
        {
            final NetworkBuilder builder = DeterminismTest.network(threads, SpikeDelivery.ARRIVAL_RING)
                .idleStrategy(() -> null);
            assertEquals("the idle strategy supplier (NetworkBuilder.idleStrategy) gave null",
                assertThrows(NullPointerException.class, () -> Network.build(builder)).getMessage());
        }
    }

    /** spikeCapacity(Integer.MAX_VALUE) was taken, and the run failed: "Requested array size exceeds VM limit". */
    @Test
    void aSpikeCapacityNoArrayCanHoldIsRefused()
    {
        assertEquals("spike capacity must be at most 2147483639 (the longest array every JVM allocates), got " +
            "2147483647", assertThrows(InputException.class,
                () -> new NetworkBuilder().spikeCapacity(Integer.MAX_VALUE)).getMessage());
        new NetworkBuilder().spikeCapacity(Integer.MAX_VALUE - 8);
    }

    /**
     * A parameter function is checked on a grid of r; one that was NaN between its points was built, and the network
     * blew up at step 0 with a message blaming the input. The values drawn at the build are checked too now.
     */
    @Test
    void aParameterFunctionNotFiniteBetweenTheGridPointsIsRefusedAtTheBuild()
    {
        final java.util.function.DoubleUnaryOperator onTheGridOnly = r ->
            r * 4096 == Math.floor(r * 4096) || r > 0.999 ? 0.02 : Double.NaN;
        final InputException ex = assertThrows(InputException.class, () -> Network.build(new NetworkBuilder().seed(1)
            .threads(1).population(PopulationSpec.of("p", 1000).a(onTheGridOnly))));
        assertTrue(ex.getMessage().startsWith("parameter a of population 'p' is NaN for its neuron 0 (r = ") &&
            ex.getMessage().endsWith("): it must be a finite float (within +-3.4e38) for every neuron"), ex.getMessage());
        final java.util.function.DoubleUnaryOperator hugeOffTheGrid = r ->
            r * 4096 == Math.floor(r * 4096) || r > 0.999 ? -65 : 1e39;
        assertTrue(assertThrows(InputException.class, () -> Network.build(new NetworkBuilder().seed(1).threads(1)
            .population(PopulationSpec.of("q", 10).initialV(hugeOffTheGrid)))).getMessage()
            .startsWith("parameter initial v of population 'q' is Infinity for its neuron 0 (r = "));
        // A reset at or above the cutoff between the grid points: the neuron fired every step (968 Hz).
        final java.util.function.DoubleUnaryOperator resetOffTheGrid = r ->
            r * 4096 == Math.floor(r * 4096) || r > 0.999 ? -65 : 35;
        assertTrue(assertThrows(InputException.class, () -> Network.build(new NetworkBuilder().seed(1).threads(1)
            .population(PopulationSpec.of("s", 10).c(resetOffTheGrid)))).getMessage()
            .startsWith("parameter c of population 's' is 35.0 for its neuron 0 (r = "));
        assertEquals("parameter a of population 't' must be a finite number, got NaN", assertThrows(
            InputException.class, () -> PopulationSpec.of("t", 10).parameters(Double.NaN, 0.2, -65, 8)).getMessage());
    }

    /**
     * A spike capacity within the documented range but beyond the heap (150 million under -Xmx1g) passed the build,
     * whose estimate left it out, and every run ran out of heap allocating the workers' records: the estimate counts
     * it now, so the build refuses it with the estimate's "recording" part.
     */
    @Test
    void aSpikeCapacityBeyondTheHeapIsRefusedAtTheBuild()
    {
        final long heap = Runtime.getRuntime().maxMemory();
        // 8 bytes per spike for each of 2 workers and the coordinator: 3 x 8 x capacity is past the heap.
        final int capacity = (int)Math.min(NetworkBuilder.MAX_SPIKE_CAPACITY, heap / 16);
        final NetworkBuilder builder = new NetworkBuilder().seed(1).threads(2).spikeCapacity(capacity)
            .population(PopulationSpec.of("p", 100));
        assertTrue(builder.plan().memory(0).total() > heap,
            "estimate " + builder.plan().memory(0).total() + " against heap " + heap);
        final InputException ex = assertThrows(InputException.class, () -> Network.build(builder));
        assertTrue(ex.getMessage().startsWith("cannot build this network: its memory estimate is about ") &&
            ex.getMessage().contains(", recording " + org.izhsim.network.build.MemoryEstimate.bytes(
                3L * 8 * capacity)), ex.getMessage());
    }

    /**
     * A plan whose memory estimate is above the heap limit was built until a raw OutOfMemoryError (10^8 neurons under
     * -Xmx1g, estimated at 4 GB): refused before anything is allocated, naming the estimate and the limit.
     */
    @Test
    @Timeout(60)
    void aNetworkEstimatedAboveTheHeapLimitIsRefusedBeforeItIsBuilt()
    {
        final long heap = Runtime.getRuntime().maxMemory();
        // Synapses of 10,000 each from 2^k neurons: past the heap, whatever it is (below 2^31 neurons).
        int neurons = 1 << 16;
        org.izhsim.network.build.NetworkPlan plan;
        do
        {
            neurons *= 2;
            plan = new NetworkBuilder().seed(1).threads(1).population(PopulationSpec.of("p", neurons))
                .projection(ProjectionSpec.from("p", "p").rule(ConnectionRule.fixedOutdegree(10_000))).plan();
        }
        while (plan.memory(0).total() <= heap && neurons < 1 << 29);
        final org.izhsim.network.build.NetworkPlan big = plan;
        assertTrue(big.memory(0).total() > heap, "the plan's estimate passes the heap");
        final InputException ex = assertThrows(InputException.class, () -> Network.build(big));
        assertTrue(ex.getMessage().startsWith("cannot build this network: its memory estimate is about " +
            org.izhsim.network.build.MemoryEstimate.bytes(big.memory(0).total()) + " (synapses "), ex.getMessage());
        assertTrue(ex.getMessage().endsWith(", more than the heap limit of this JVM, " +
            org.izhsim.network.build.MemoryEstimate.bytes(heap) + " (Runtime.maxMemory(); raise it with -Xmx), or " +
            "build a smaller network"), ex.getMessage());
    }

    /**
     * The Java API compared a plan with the heap limit alone: under -Xmx40g on a 25 GB machine an embedding program
     * built a 30 GB plan, which the kernel kills while it is built. A plan above the machine's memory is refused
     * first, whatever the heap (a machine of 16 MB here, with a 60 MB network).
     */
    @Test
    void aNetworkEstimatedAboveTheMachinesMemoryIsRefusedWhateverTheHeap()
    {
        final org.izhsim.network.build.NetworkPlan plan = new NetworkBuilder().seed(1).threads(1)
            .population(PopulationSpec.of("p", 10_000))
            .projection(ProjectionSpec.from("p", "p").rule(ConnectionRule.fixedOutdegree(1000))).plan();
        final java.util.function.Supplier<org.izhsim.network.build.MachineMemory> before =
            org.izhsim.network.build.MachineMemory.current;
        org.izhsim.network.build.MachineMemory.current = () -> new org.izhsim.network.build.MachineMemory(16L << 20,
            16L << 20);
        try
        {
            final InputException ex = assertThrows(InputException.class, () -> Network.build(plan));
            assertTrue(ex.getMessage().startsWith("cannot build this network: its memory estimate is about " +
                org.izhsim.network.build.MemoryEstimate.bytes(plan.memory(0).withoutOutputs().total()) + " (synapses "),
                ex.getMessage());
            assertTrue(ex.getMessage().endsWith(", and with 5 % for the collector more than the 17 MB of memory (RAM) " +
                "this machine has, whatever the heap: build a smaller network, or use a machine with more memory"),
                ex.getMessage());
            // Within the machine by less than the collector's 5 %: the command line refused it, the API built it.
            final long total = plan.memory(0).withoutOutputs().total();
            org.izhsim.network.build.MachineMemory.current = () -> new org.izhsim.network.build.MachineMemory(
                total + total / 50, total + total / 50);
            assertThrows(InputException.class, () -> Network.build(plan));
            // A supplier that gives nothing: the machine is unknown, no NullPointerException.
            org.izhsim.network.build.MachineMemory.current = () -> null;
            assertEquals(org.izhsim.network.build.MachineMemory.UNKNOWN, org.izhsim.network.build.MachineMemory.now());
        }
        finally
        {
            org.izhsim.network.build.MachineMemory.current = before;
        }
        try (Network network = Network.build(plan))
        {
            assertEquals(10_000_000, network.synapseCount(), "built on this machine");
        }
    }

    /** A missing folder was taken and failed at the next run's first full buffer, naming a worker's spill file. */
    @Test
    void streamingSpikesToAFolderThatIsNotOneIsRefusedWhenAsked() throws Exception
    {
        try (Network network = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING)))
        {
            final Path missing = tmp.resolve("missing");
            assertEquals("cannot stream spikes to " + missing + ": no such folder (the caller creates it, and deletes " +
                "it after use)", assertThrows(InputException.class, () -> network.streamSpikesTo(missing)).getMessage());
            final Path file = Files.writeString(tmp.resolve("file"), "x");
            assertEquals("cannot stream spikes to " + file + ": it is not a folder",
                assertThrows(InputException.class, () -> network.streamSpikesTo(file)).getMessage());
            network.streamSpikesTo(tmp);
            assertTrue(network.run(20).spikeCount() > 0);
            // Deleted after the call: the run's refusal said "cannot create X: X", the reason lost.
            final Path gone = Files.createDirectory(tmp.resolve("gone"));
            network.streamSpikesTo(gone);
            Files.delete(gone);
            final java.io.UncheckedIOException refused = assertThrows(java.io.UncheckedIOException.class,
                () -> network.run(20));
            assertTrue(refused.getMessage().endsWith(": its folder " + gone + " does not exist (deleted or moved?)"),
                refused.getMessage());
            network.streamSpikesTo(tmp);
            assertTrue(network.run(20).spikeCount() > 0, "the network runs on");
        }
    }

    /**
     * Network.build compared the heap with an estimate that counted the command line's 24 MB of figure buffers, which
     * the Java API never allocates: a small network was refused under -Xmx24m.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aSmallNetworkBuildsInASmallHeapThroughTheApi() throws Exception
    {
        final Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx24m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
            SmallHeapBuild.class.getName()).redirectErrorStream(true).start();
        final String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(child.waitFor(50, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), out);
        assertEquals("ran 10 steps", out.strip());
    }
}
