package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run keeps its spikes on the heap: one that would fill it is stopped and written, as the page's Stop
 * does, instead of ending in an OutOfMemoryError that loses the whole run. Here the limit is lowered to 2,000
 * spikes (cortex2003 fires about 7 a millisecond).
 */
class LiveRunHeldSpikesTest
{
    @TempDir
    Path out;

    /** Waits (at most a minute) for the run to end; the summary.json of the one folder it wrote, in compact form. */
    private String stoppedRunsSummary(final LiveRun live) throws Exception
    {
        LiveRunWait.untilEnded(live, "the run was not stopped");
        final List<Path> folders;
        try (Stream<Path> listing = Files.list(out))
        {
            folders = listing.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        assertEquals(1, folders.size(), folders.toString());
        return Files.readString(folders.get(0).resolve("summary.json")).replace("\" : ", "\":");
    }

    @Test
    void aRunWhoseSpikesWouldFillTheHeapIsStoppedAndWritten() throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"))
            .withDurationMs(60_000);
        final LiveRun live = new LiveRun(out, new EventHub());
        live.limitHeldSpikes(2_000);
        live.start(config, NetworkAssembler.builder(config), false);
        final String summary = stoppedRunsSummary(live);
        assertEquals("interrupted", ExplorerApiTest.field(summary, "status"), summary);
        final double simulatedMs = Double.parseDouble(ExplorerApiTest.field(summary, "simulated_ms"));
        assertTrue(simulatedMs < 60_000, summary);
        assertTrue(Long.parseLong(ExplorerApiTest.field(summary, "spikes")) > 2_000, summary);
        live.close(10_000);
    }

    /** What the 60 s run's outputs of known size take on disk (figures, rates.csv): the disk's stand-in holds them. */
    private static long known()
    {
        return estimate().total();
    }

    private static org.izhsim.network.build.DiskEstimate estimate()
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"))
            .withDurationMs(60_000);
        return org.izhsim.service.ExperimentRuns.diskEstimate(config, NetworkAssembler.plan(config));
    }

    /**
     * A 60 s run of cortex2003 on a stand-in disk whose free space {@code usable} gives: it must be stopped before
     * its end and written, its note naming the disk; the summary.json it wrote.
     */
    private String stoppedForTheDisk(final java.util.function.ToLongFunction<Path> usable) throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"))
            .withDurationMs(60_000);
        final EventHub hub = new EventHub();
        final LiveRun live = new LiveRun(out, hub);
        live.usableSpace(usable);
        live.start(config, NetworkAssembler.builder(config), false);
        final String summary = stoppedRunsSummary(live);
        assertEquals("interrupted", ExplorerApiTest.field(summary, "status"), summary);
        assertTrue(Double.parseDouble(ExplorerApiTest.field(summary, "simulated_ms")) < 60_000, summary);
        final String events = String.join("\n", hub.history());
        assertTrue(events.contains("spikes are as many as the disk of " + out + " holds"), events);
        live.close(10_000);
        return summary;
    }

    /**
     * A live run writes its outputs when it ends, about 87 bytes per spike (rates.csv's share included): one whose spikes the out folder's disk
     * could not hold is stopped and written while they fit, with a note that says so (the disk lost the whole run).
     * Here the disk stands in at the outputs of known size and 3,000 spikes.
     */
    @Test
    void aRunWhoseSpikesWouldFillTheDiskIsStoppedAndWritten() throws Exception
    {
        final String summary = stoppedForTheDisk(folder -> known() + 3_000L * estimate().bytesPerSpike() +
            estimate().markBytes(3_000));
        assertTrue(Long.parseLong(ExplorerApiTest.field(summary, "spikes")) > 3_000, summary);
    }

    /**
     * With record.spike_populations the spike files hold the chosen populations' spikes alone: a live run on a disk
     * that holds its outputs with inh's spikes written, but not with every spike at the spike files' bytes, ends
     * (every held spike was counted at those bytes, and a tester's run stopped at 280 s of 1000); on half that disk it
     * is stopped.
     */
    @Test
    void aRunWhoseChosenSpikeFilesFitEndsAndOneWhoseDoNotIsStopped() throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.parse(Files.readString(Path.of("..", "configs",
            "cortex2003.yaml")), "cortex2003.yaml", List.of("record.spike_populations=[inh]")).withDurationMs(20_000);
        final org.izhsim.network.build.DiskEstimate disk = org.izhsim.service.ExperimentRuns.diskEstimate(config,
            NetworkAssembler.plan(config));
        final long all;
        final long inh;
        try (org.izhsim.network.engine.Network net = org.izhsim.network.engine.Network.build(
            NetworkAssembler.builder(config)))
        {
            final org.izhsim.network.record.SimulationResult r = net.run(20_000);
            all = r.spikeCount();
            inh = r.populationSpikeCounts()[1];
        }
        final long spikes = disk.spikeBytes(all, inh, -1);
        assertTrue(disk.spikeBytes(all) > 1.3 * spikes, "every spike at full bytes is more: " +
            disk.spikeBytes(all) + " against " + spikes);
        for (final boolean fits : new boolean[] {true, false})
        {
            final Path folder = Files.createDirectories(out.resolve(fits ? "fits" : "short"));
            final EventHub hub = new EventHub();
            final LiveRun live = new LiveRun(folder, hub);
            final long usable = disk.total() + (fits ? spikes + spikes / 20 : spikes / 2);
            live.usableSpace(f -> usable);
            live.start(config, NetworkAssembler.builder(config), false);
            LiveRunWait.untilEnded(live, "the run did not end");
            live.close(10_000);
            final Path written;
            try (Stream<Path> listing = Files.list(folder))
            {
                written = listing.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
            }
            final String summary = Files.readString(written.resolve("summary.json")).replace("\" : ", "\":");
            assertEquals(fits ? "completed" : "interrupted", ExplorerApiTest.field(summary, "status"), summary);
        }
    }

    /**
     * A disk that another program fills during the run, free at the start and full after a few chunks: the disk is
     * asked after every chunk, not only at the start.
     */
    @Test
    void aRunWhoseDiskFillsDuringTheRunIsStoppedAndWritten() throws Exception
    {
        final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        stoppedForTheDisk(folder -> asked.incrementAndGet() < 5 ? Long.MAX_VALUE / 2 :
            known());
        assertTrue(asked.get() >= 5, "the disk was asked " + asked.get() + " times");
    }

    /** A run paced to the wall clock for watching: its summary says so, as sim run --realtime's does (it did not). */
    @Test
    void aPacedRunsSummarySaysItWasPaced() throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml"))
            .withDurationMs(300);
        final LiveRun paced = new LiveRun(out, new EventHub());
        paced.start(config, NetworkAssembler.builder(config), true);
        final String summary = stoppedRunsSummary(paced);
        paced.close(10_000);
        assertTrue(summary.contains("\"realtime\":{") && summary.contains("\"speed\":1.0") &&
            summary.contains("\"paced_by\":\"the explorer, to the wall clock at the end of each chunk of steps\""),
            summary);
        // Whether it kept up: a run too slow for real time said speed 1 and nothing of being behind.
        final long chunks = Long.parseLong(ExplorerApiTest.field(summary, "chunks"));
        final long late = Long.parseLong(ExplorerApiTest.field(summary, "late_chunks"));
        assertTrue(chunks >= 1 && late >= 0 && late <= chunks, summary);
        assertTrue(Double.parseDouble(ExplorerApiTest.field(summary, "max_lateness_ms")) >= 0, summary);
    }
}
