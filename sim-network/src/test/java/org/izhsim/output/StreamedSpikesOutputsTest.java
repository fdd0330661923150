package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that streams its spikes to disk (what {@code sim run} does) writes the same files as one that keeps them
 * in memory: spikes.csv, the npy files, spikes.h5, the rasters and rates byte for byte, and the same summary
 * apart from the timings.
 */
class StreamedSpikesOutputsTest
{
    private static final List<String> SAME_FILES = List.of("spikes.csv", "spike_times_ms.npy", "spike_ids.npy",
        "spikes.h5", "raster.png", "raster.svg", "raster_last_second.png", "rates.csv");
    private static final int BUFFER = 4096;

    @Test
    void streamedSpikesGiveTheSameOutputsAsSpikesInMemory(@TempDir final Path dir) throws IOException
    {
        // 2 threads and 10.5 s: cortex2003 fires ~7.7 x 10^4 spikes, each worker's buffer of 4096 spills about ten
        // times; the last-second raster reads a slice of the streamed file.
        final int steps = 10_500;
        final SimulationResult inMemory;
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(5).threads(2)))
        {
            inMemory = network.run(steps);
        }
        final Path spikeFolder = Files.createDirectory(dir.resolve("spikes"));
        final SimulationResult streamed;
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(5).threads(2)).streamSpikesTo(spikeFolder, BUFFER))
        {
            streamed = network.run(steps);
        }
        assertNotNull(streamed.spikeFile());
        assertTrue(inMemory.spikeCount() > 10 * BUFFER,
            "the run must spill: " + inMemory.spikeCount() + " spikes");
        assertEquals(inMemory.spikeCount(), streamed.spikeCount());
        assertThrows(IllegalStateException.class, streamed::spikeSteps, "no arrays behind a streamed result");
        try (var files = Files.list(spikeFolder))
        {
            assertEquals(List.of("run0.spikes"), files.map(f -> f.getFileName().toString()).toList(),
                "only the merged file is left");
        }

        final RunOutputs.Description description = new RunOutputs.Description("c", 5, 1.0, 5.0, false, false, false);
        final Path a = write(dir.resolve("memory"), description, inMemory);
        final Path b = write(dir.resolve("streamed"), description, streamed);
        for (final String file : SAME_FILES)
        {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
        assertEquals(withoutTimings(a.resolve("summary.json")), withoutTimings(b.resolve("summary.json")));
    }

    @Test
    void runsInPartsJoinTheirStreamedSpikes(@TempDir final Path dir) throws IOException
    {
        final SimulationResult whole;
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(9).threads(1)))
        {
            whole = network.run(300);
        }
        final Path spikeFolder = Files.createDirectory(dir.resolve("spikes"));
        final SimulationResult joined;
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(9).threads(1)).streamSpikesTo(spikeFolder, 16))
        {
            joined = SimulationResult.concat(List.of(network.run(100), network.run(200)), spikeFolder.resolve("all"));
        }
        assertEquals(whole.spikeCount(), joined.spikeCount());
        for (int k = 0; k < whole.spikeCount(); k++)
        {
            assertEquals(whole.spikeSteps()[k], joined.spikeStep(k));
            assertEquals(whole.spikeNeurons()[k], joined.spikeNeuron(k));
        }
    }

    private static Path write(final Path target, final RunOutputs.Description description,
        final SimulationResult result)
    {
        try (OutputDirectory out = OutputDirectory.create(target))
        {
            new RunOutputs(description, result).writeTo(out);
            out.commit();
        }
        return target;
    }

    /** summary.json without the lines that measure this machine (times, rates of work, memory). */
    private static List<String> withoutTimings(final Path summary) throws IOException
    {
        return Files.readAllLines(summary).stream()
            .filter(line -> !line.matches(".*\"(build_wall_s|run_wall_s|real_time_factor|synaptic_events_per_s|" +
                "peak_heap_bytes|peak_rss_bytes|p50|p90|p99|max)\".*"))
            .toList();
    }
}
