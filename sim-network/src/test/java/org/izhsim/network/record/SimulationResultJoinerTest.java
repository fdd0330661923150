package org.izhsim.network.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
