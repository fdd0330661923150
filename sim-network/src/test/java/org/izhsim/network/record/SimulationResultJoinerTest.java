package org.izhsim.network.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run cut into parts (checkpoints, weight snapshots) is joined part by part: the joiner holds one latency
 * histogram and one spike file, not the parts.
 */
class SimulationResultJoinerTest
{
    /**
     * sim run kept every part's result until the end: 31 kB of step latencies each, so a 10 h run checkpointed
     * every second (36,000 parts) held 1.1 GB the memory check never counted, and ran out of memory during the run.
     * Joined as they come, the parts are garbage once added, and their spike files are deleted.
     */
    @Test
    void joinedPartsAreNotKeptAndTheirSpikeFilesAreAppendedAndDeleted(@TempDir final Path dir) throws Exception
    {
        final SimulationResult whole;
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(4).threads(1)))
        {
            whole = network.run(400);
        }
        final Path spikes = Files.createDirectory(dir.resolve("spikes"));
        final SimulationResult.Joiner joiner = new SimulationResult.Joiner(spikes.resolve("all.spikes"), true);
        final List<WeakReference<SimulationResult>> parts = new ArrayList<>();
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(4).threads(1))
            .streamSpikesTo(spikes, 16))
        {
            for (int k = 0; k < 100; k++)
            {
                final SimulationResult part = network.run(4);
                parts.add(new WeakReference<>(part));
                joiner.add(part);
            }
        }
        final SimulationResult joined = joiner.result(400);
        assertEquals(400, joined.steps());
        assertEquals(SimulationResult.StopReason.COMPLETED, joined.stopReason());
        assertEquals(whole.spikeCount(), joined.spikeCount());
        for (int k = 0; k < whole.spikeCount(); k++)
        {
            assertEquals(whole.spikeSteps()[k], joined.spikeStep(k));
            assertEquals(whole.spikeNeurons()[k], joined.spikeNeuron(k));
        }
        assertEquals(400, joined.stepLatency().getTotalCount(), "every part's steps in the one histogram");
        try (var files = Files.list(spikes))
        {
            assertEquals(List.of("all.spikes"), files.map(f -> f.getFileName().toString()).toList());
        }
        for (int attempt = 0; attempt < 20 && parts.stream().anyMatch(r -> r.get() != null); attempt++)
        {
            System.gc();
            Thread.sleep(10);
        }
        final long kept = parts.stream().filter(r -> r.get() != null).count();
        // The first (its build time and sizes are the result's) and the last (how the run ended).
        assertTrue(kept <= 2, kept + " of 100 joined parts still reachable");
    }

    /** Parts in memory join as concat joins them, an interrupted last part included. */
    @Test
    void partsInMemoryJoinAsConcatJoinsThem() throws IOException
    {
        final List<SimulationResult> parts = new ArrayList<>();
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(8).threads(1)))
        {
            parts.add(network.run(150));
            parts.add(network.run(100));
        }
        final SimulationResult.Joiner joiner = new SimulationResult.Joiner(null, false);
        parts.forEach(joiner::add);
        final SimulationResult joined = joiner.result(300);
        assertEquals(250, joined.steps());
        assertEquals(300, joined.requestedSteps());
        assertEquals(SimulationResult.StopReason.INTERRUPTED, joined.stopReason(), "short of its request");
        assertEquals(parts.get(0).spikeCount() + parts.get(1).spikeCount(), joined.spikeCount());
        assertTrue(joined.spikeCount() > 0);
        assertEquals(parts.get(1).spikeNeurons()[0], joined.spikeNeurons()[parts.get(0).spikeCount()]);
    }

    /**
     * A run in parts with traced neurons held every part's traces to the end and then the joined ones, twice what
     * the memory estimate counts (12 bytes per traced neuron and step). Joined knowing the run's length, each part's
     * traces are copied into the run's as the part comes.
     */
    @Test
    void tracesOfPartsAreCopiedIntoTheRunsAsTheyCome() throws Exception
    {
        final SimulationResult whole;
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(6).threads(1).recordTraces(2, 900)))
        {
            whole = network.run(300);
        }
        final SimulationResult.Joiner joiner = new SimulationResult.Joiner(null, false, 300);
        final List<WeakReference<Traces>> parts = new ArrayList<>();
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(6).threads(1).recordTraces(2, 900)))
        {
            for (int k = 0; k < 30; k++)
            {
                final SimulationResult part = network.run(10);
                parts.add(new WeakReference<>(part.traces()));
                joiner.add(part);
            }
        }
        final SimulationResult joined = joiner.result(300);
        for (int k = 0; k < 2; k++)
        {
            assertArrayEquals(whole.traces().v(k), joined.traces().v(k));
            assertArrayEquals(whole.traces().u(k), joined.traces().u(k));
            assertArrayEquals(whole.traces().input(k), joined.traces().input(k));
        }
        for (int attempt = 0; attempt < 20 && parts.stream().anyMatch(r -> r.get() != null); attempt++)
        {
            System.gc();
            Thread.sleep(10);
        }
        final long kept = parts.stream().filter(r -> r.get() != null).count();
        // Those of the first and the last part, which the joiner keeps.
        assertTrue(kept <= 2, kept + " of 30 parts' traces still reachable");
    }

    /**
     * concat of no results was an ArrayIndexOutOfBoundsException without a message, and the results of another
     * network (other populations, its steps following on) were joined, their spikes labelled with the first's
     * populations: each is refused naming the problem, as parts that do not follow each other are.
     */
    @Test
    void concatRefusesNoResultsAndResultsThatAreNotConsecutiveRunsOfOneNetwork()
    {
        assertEquals("no results to concatenate: give the results of at least one run",
            assertThrows(IllegalArgumentException.class, () -> SimulationResult.concat(List.of())).getMessage());
        final SimulationResult first;
        final SimulationResult second;
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(4).threads(1)))
        {
            first = network.run(100);
            second = network.run(100);
        }
        final SimulationResult other;
        try (Network network = Network.build(new NetworkBuilder().population(PopulationSpec.of("zzz", 5))
            .input(InputSpec.dc("zzz", 10))))
        {
            network.run(100);
            other = network.run(100);
        }
        assertEquals("run 1 is not of the same network as run 0: its populations are zzz 0-4 (5 neurons), run 0's " +
            "exc 0-799, inh 800-999 (1000 neurons)", assertThrows(IllegalArgumentException.class,
                () -> SimulationResult.concat(List.of(first, other))).getMessage());
        assertEquals("run 1 starts at step 0, not 200 where the run before it ended: the results to concatenate are " +
            "consecutive runs of one network, in the order they ran", assertThrows(IllegalArgumentException.class,
                () -> SimulationResult.concat(List.of(second, first))).getMessage());
        final List<SimulationResult> withNull = new ArrayList<>(List.of(first));
        withNull.add(null);
        assertEquals("result 1 of the results to concatenate is null", assertThrows(IllegalArgumentException.class,
            () -> SimulationResult.concat(withNull)).getMessage());
        assertEquals(200, SimulationResult.concat(List.of(first, second)).steps());
    }
}
