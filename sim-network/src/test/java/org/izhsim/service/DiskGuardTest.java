package org.izhsim.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.izhsim.network.build.DiskEstimate;
import org.izhsim.output.ProgressReporter;
import org.izhsim.output.WeightHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the disk guard counts, when it stops a run, and that it never fails a run itself: every 100 ms of wall time,
 * the spikes streamed so far (8 bytes each in the folder, 80 once written out), the snapshots' second copy and the
 * outputs of known size against the disk's free space, with the growth since the last check as a margin.
 */
class DiskGuardTest
{
    @TempDir
    Path tmp;

    /** Weights 1,000 bytes, traces 500, rates.csv 2,000, figures 8 MB; no buffered spikes. */
    private static final DiskEstimate KNOWN = new DiskEstimate(2, 0, 1_000, 500, 2_000, 8_000_000, 0, Long.MAX_VALUE);

    @Test
    void countsEightyBytesPerStreamedSpikeAndTheSnapshotsOnceMore() throws IOException
    {
        Files.write(tmp.resolve("run0-0.spill"), new byte[800]);
        Files.write(tmp.resolve("all.spikes"), new byte[1600]);
        Files.write(tmp.resolve(WeightHistory.SPILL_FILE), new byte[4000]);
        final DiskGuard guard = new DiskGuard(ProgressReporter.quiet(), tmp, KNOWN, 10, p -> -1, () -> { });
        // 300 spikes in the folder: 72 more bytes each; 10 buffered spikes: 80 each; raster.svg's marks, 60 bytes for
        // each of the 310.
        assertEquals(8_000_000 + 2_000 + 1_000 + 500 + 10 * 80 + 300 * 72 + 310 * 60 + 4000, guard.needed());
    }

    /**
     * With record.spike_populations the spike files hold the filed spikes alone: the others take their 8 bytes in the
     * run's file (and their share of rates.csv, 0 here) and their mark; every spike was counted at 80 bytes, and a run
     * whose chosen files would fit stopped.
     */
    @Test
    void countsTheSpikeFilesBytesOfTheFiledSpikesAlone() throws IOException
    {
        Files.write(tmp.resolve("run0-0.spill"), new byte[800]);
        Files.write(tmp.resolve("all.spikes"), new byte[1600]);
        final DiskGuard guard = new DiskGuard(ProgressReporter.quiet(), tmp, KNOWN, 10, p -> -1, () -> { })
            .filedSpikes(() -> 20);
        // 300 spikes in the folder, 20 of them filed: 72 more bytes each of those; 10 buffered spikes, counted as
        // filed: 80 each; raster.svg's marks, 60 bytes for each of the 310.
        assertEquals(8_000_000 + 2_000 + 1_000 + 500 + 10 * 80 + 20 * 72 + 310 * 60, guard.needed());
    }

    /**
     * rates.csv grows by a cell per population and bin at most, however many spikes fall in it: 300 spikes in the
     * first 10 one-step bins of 2 populations make 20 cells nonzero, 7 bytes each, not 300 (a 1000 s stdp_song2000,
     * 3 million spikes in 2 million cells, was stopped on a disk its outputs fitted).
     */
    @Test
    void countsRatesCsvByTheCellsTheStepsSoFarReach() throws IOException
    {
        Files.write(tmp.resolve("run0-0.spill"), new byte[2400]);
        final DiskEstimate rates = new DiskEstimate(2, 0, 1_000, 500, 2_000, 8_000_000, 7, Long.MAX_VALUE, 80, 0, 1, 2);
        final DiskGuard guard = new DiskGuard(ProgressReporter.quiet(), tmp, rates, 0, p -> Long.MAX_VALUE / 4,
            () -> { });
        assertEquals(8_000_000 + 2_000 + 1_500 + 300 * 72 + 300 * 7 + 300 * 60, guard.needed(), "before a check");
        guard.onProgress(10, 1000, DiskGuard.CHECK_NANOS);
        assertEquals(8_000_000 + 2_000 + 1_500 + 300 * 72 + 20 * 7 + 300 * 60, guard.needed(), "10 steps checked");
    }

    @Test
    void stopsOnceWhenTheFreeSpaceFallsBelowTheNeedAndItsGrowth() throws IOException
    {
        final AtomicInteger stops = new AtomicInteger();
        final long base = 8_000_000 + 2_000 + 1_500;
        final long free = base + 100 * (72 + 60) + 10 * (72 + 60) - 1;
        final DiskGuard guard = new DiskGuard(ProgressReporter.quiet(), tmp, KNOWN, 0, p -> free, stops::incrementAndGet);
        final Path spill = tmp.resolve("run0-0.spill");
        Files.write(spill, new byte[90 * 8]);
        guard.onProgress(100, 1000, 0);
        assertNull(guard.reason(), "90 spikes fit");
        Files.write(spill, new byte[100 * 8]);
        // 100 spikes need 13,200 bytes with their marks, and 1,320 more came since the last check: one byte short.
        // The room left after the first check (2,639 bytes) lasts 21 steps at its 126 bytes a step: checked again
        // within 6 steps, here at the next report, before 100 ms.
        guard.onProgress(200, 1000, DiskGuard.CHECK_NANOS / 2);
        assertEquals(1, stops.get());
        assertTrue(guard.reason().startsWith("the disk of the outputs had "), guard.reason());
        guard.onProgress(400, 1000, 3 * DiskGuard.CHECK_NANOS);
        assertEquals(1, stops.get(), "asked once");
    }

    /**
     * The next check comes by the steps too, before the room left could run out at the spikes per step so far (a
     * quarter of those steps): every 100 ms alone, a fast run (cortex2003, 4 s in a quarter of a second) ran on past
     * the room between two checks and lost its outputs to the full disk (3 of a tester's 50 runs on a 1 MB disk).
     */
    @Test
    void aRunIsCheckedAgainBeforeItsSpikesCanFillTheRoomLeft() throws IOException
    {
        final AtomicInteger looks = new AtomicInteger();
        final long base = 8_000_000 + 2_000 + 1_500;
        // Room for 1,000 spikes at 140 bytes each (80 in the files, 60 for the mark); 100 held in buffers.
        final long free = base + 1_000 * 140;
        final DiskGuard guard = new DiskGuard(ProgressReporter.quiet(), tmp, KNOWN, 100, p ->
        {
            looks.incrementAndGet();
            return free;
        }, () -> { });
        Files.write(tmp.resolve("run0-0.spill"), new byte[100 * 8]);
        guard.onProgress(100, 100_000, 0);
        assertEquals(1, looks.get());
        // 200 spikes fired in 100 steps, 2 a step (280 bytes): the room left, 112,800 bytes (800 spikes' 140 bytes,
        // and the 800 bytes of the folder's 100 already written), lasts about 403 steps, a quarter of them 100: checked
        // again by step 200 whatever the wall time.
        guard.onProgress(199, 100_000, 1);
        assertEquals(1, looks.get(), "not yet");
        guard.onProgress(200, 100_000, 2);
        assertEquals(2, looks.get(), "by the steps");
        // A roomy disk: every 100 ms.
        final AtomicInteger roomyLooks = new AtomicInteger();
        final DiskGuard roomy = new DiskGuard(ProgressReporter.quiet(), tmp, KNOWN, 100, p ->
        {
            roomyLooks.incrementAndGet();
            return Long.MAX_VALUE / 4;
        }, () -> { });
        roomy.onProgress(100, 100_000, 0);
        roomy.onProgress(50_000, 100_000, DiskGuard.CHECK_NANOS - 1);
        assertEquals(1, roomyLooks.get());
        roomy.onProgress(50_100, 100_000, DiskGuard.CHECK_NANOS);
        assertEquals(2, roomyLooks.get());
    }

    /**
     * A run whose outputs would not fit at its spike rate so far is told so once, 2 s and 1 % into it (or a minute
     * into a longer one): a long run found out when the guard stopped it, hours in.
     */
    @Test
    void aRunWhoseOutputsWouldNotFitIsWarnedOnceEarly() throws IOException
    {
        Files.write(tmp.resolve("run0-0.spill"), new byte[100 * 8]);
        final java.util.List<String> said = new java.util.ArrayList<>();
        // 100 spikes in 100 of 1,000 steps: 1,000 at the end, 140 bytes each with their marks, besides 8,003,500.
        final DiskGuard tight = new DiskGuard(ProgressReporter.quiet(), tmp, KNOWN, 0, p -> 8_050_000, () -> { },
            said::add);
        tight.onProgress(100, 1000, DiskGuard.FORECAST_AFTER_NANOS - 1);
        assertTrue(said.isEmpty(), "not in the run's first 2 s");
        tight.onProgress(100, 1000, DiskGuard.FORECAST_AFTER_NANOS + DiskGuard.CHECK_NANOS);
        assertEquals(1, said.size());
        // It stops when 8,050,800 bytes (the free space and the folder's) hold 8,003,500 + 1,400 per step: at 338.
        assertTrue(said.get(0).startsWith("at the spike rate of its first 10.0 %, this run's outputs would need about ") &&
            said.get(0).contains("at about 34 % of its duration"), said.get(0));
        tight.onProgress(200, 1000, DiskGuard.FORECAST_AFTER_NANOS + 3 * DiskGuard.CHECK_NANOS);
        assertEquals(1, said.size(), "said once");
        assertNull(tight.reason(), "a forecast stops nothing");

        final java.util.List<String> roomy = new java.util.ArrayList<>();
        new DiskGuard(ProgressReporter.quiet(), tmp, KNOWN, 0, p -> 8_200_000, () -> { }, roomy::add)
            .onProgress(100, 1000, DiskGuard.FORECAST_AFTER_NANOS);
        assertTrue(roomy.isEmpty(), "8,143,500 bytes fit in 8,200,800");

        // 100 of 100,000 steps (0.1 %): not yet at 2 s, but after a minute.
        final java.util.List<String> slow = new java.util.ArrayList<>();
        final DiskGuard early = new DiskGuard(ProgressReporter.quiet(), tmp, KNOWN, 0, p -> 8_050_000, () -> { },
            slow::add);
        early.onProgress(100, 100_000, DiskGuard.FORECAST_AFTER_NANOS);
        assertTrue(slow.isEmpty(), "0.1 % of the run says little of its rate");
        early.onProgress(100, 100_000, DiskGuard.FORECAST_LATEST_NANOS);
        assertEquals(1, slow.size());
    }

    /**
     * A spike folder removed during the run (with the output's staging folder): the guard skips its check, and the
     * spikes' next write fails with the line that names the output folder. Thrown from the progress call, the
     * listing's failure named the hidden folder instead.
     */
    @Test
    void aFolderThatCannotBeListedStopsNothingAndThrowsNothing()
    {
        final AtomicInteger stops = new AtomicInteger();
        final DiskGuard guard = new DiskGuard(ProgressReporter.quiet(), tmp.resolve("gone"), KNOWN, 0, p -> 0,
            stops::incrementAndGet);
        guard.onProgress(100, 1000, 0);
        assertEquals(0, stops.get());
        assertNull(guard.reason());
    }
}
