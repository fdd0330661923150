package org.izhsim.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.ToLongFunction;

import org.izhsim.core.InputException;
import org.izhsim.network.build.DiskEstimate;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.record.SpikeRecorder;
import org.izhsim.output.Numbers;
import org.izhsim.output.OutputDirectory;

/**
 * The disk check of {@code sim run}: refuses, before anything is built or written, a run whose outputs of known
 * size ({@link DiskEstimate}) need more than the free space of the disk the output folder goes to. A run that
 * filled the disk lost its outputs at the end, and took the disk from every other program meanwhile.
 */
public final class DiskCheck
{
    private DiskCheck()
    {
    }

    /** The bytes this process may still write on the disk holding {@code path}'s nearest existing folder, or -1. */
    public static long usableSpace(final Path path)
    {
        final Path existing = OutputDirectory.nearestExistingFolder(path);
        if (existing == null)
        {
            return -1;
        }
        try
        {
            return Files.getFileStore(existing).getUsableSpace();
        }
        catch (final IOException | SecurityException ex)
        {
            return -1;
        }
    }

    /** The fewest spikes a streamed buffer holds ({@link #spikeBuffer}): a write of 8 kB. */
    public static final int MIN_SPIKE_BUFFER = 1024;

    /**
     * Spikes each worker of {@code sim run} buffers before writing them to its file, chosen so that all the buffers'
     * spikes take at most an eighth of what the disk has beside the outputs of known size: {@link
     * SpikeRecorder#STREAMED_BUFFER_SPIKES} on a roomy disk (or one of unknown free space), at least {@link
     * #MIN_SPIKE_BUFFER}. Fixed buffers of 65,536 spikes refused the default 1 s cortex2003, whose folder takes 548 kB,
     * on an 8 MB disk for the 13 MB of spikes its three buffers might hold.
     *
     * @param free the disk's free bytes (-1: unknown).
     */
    public static int spikeBuffer(final DiskEstimate estimate, final int threads, final long free)
    {
        if (free < 0)
        {
            return SpikeRecorder.STREAMED_BUFFER_SPIKES;
        }
        final long spikes = Math.max(0, free - estimate.total()) / 8 / ((threads + 1L) *
            Math.max(1, estimate.bytesPerSpikeAtMost()));
        return (int)Math.max(MIN_SPIKE_BUFFER, Math.min(SpikeRecorder.STREAMED_BUFFER_SPIKES, spikes));
    }

    /**
     * @param target the output folder (it need not exist yet).
     * @param usable the free space of a folder's disk ({@link #usableSpace}; -1 when unknown: no check).
     *               The spikes sim run's workers may hold before they write them count too, as its DiskGuard counts
     *               them.
     * @throws InputException located at the part that needs most, when the estimate exceeds the free space.
     */
    public static void require(final String name, final NetworkPlan plan, final DiskEstimate estimate,
        final double durationMs, final Path target, final ToLongFunction<Path> usable)
    {
        require(name, plan, estimate, durationMs, target, usable,
            (plan.threads() + 1L) * SpikeRecorder.STREAMED_BUFFER_SPIKES);
    }

    /**
     * As {@link #require(String, NetworkPlan, DiskEstimate, double, Path, ToLongFunction)} for a run that may hold
     * {@code heldSpikes} spikes before they reach the disk ({@code sim run}'s workers' buffers; 0 for the explorer,
     * whose run keeps its spikes on the heap and stops while the disk holds them).
     */
    public static void require(final String name, final NetworkPlan plan, final DiskEstimate estimate,
        final double durationMs, final Path target, final ToLongFunction<Path> usable, final long heldSpikes)
    {
        final long free = usable.applyAsLong(target);
        // As the run's DiskGuard counts at its first look: the spikes each worker (and the run) may hold before it
        // writes them, besides what the plan fixes. The guard stopped at 101 ms a run of traces this check accepted.
        // No more than the run can fire: every neuron every step (a 10 ms run was refused on a 3 MB disk for the
        // 196,608 spikes two workers may hold).
        final long buffered = estimate.spikeBytes(heldSpikes);
        final long needed = estimate.total() + buffered < 0 ? Long.MAX_VALUE : estimate.total() + buffered;
        if (free < 0 || needed <= free)
        {
            return;
        }
        final long largest = Math.max(Math.max(estimate.snapshotBytes(), estimate.connectionBytes()),
            Math.max(estimate.traceBytes(), estimate.rateBytes()));
        // The spikes the workers may hold before they write them outweigh the rest: fewer threads hold fewer (the
        // advice was rates.csv's wider bins, for a 10 kB rates.csv, on a disk that 1 thread's run fitted).
        final long perBuffer = heldSpikes / (plan.threads() + 1L);
        final boolean held = buffered > largest && plan.threads() > 1 && perBuffer > 0;
        final boolean connections = largest == estimate.connectionBytes() && largest > 0;
        final boolean snapshots = !connections && largest == estimate.snapshotBytes() && largest > 0;
        final boolean traces = !snapshots && largest == estimate.traceBytes() && largest > 0;
        final boolean rates = !snapshots && !traces && largest == estimate.rateBytes() && largest > 0;
        final String origin = snapshots ? plan.weightSnapshotsOrigin() :
            traces && !plan.traceOrigins().isEmpty() ? plan.traceOrigins().get(0) : null;
        // The figures' part (and raster.svg's marks), which --no-figures leaves out: the advice never named it, and a
        // 10 ms cortex2003 on a 2 MB disk was refused for its figures' 2 MB alone.
        final long figures = estimate.drawn() ? estimate.figureBytes() + estimate.markBytes(heldSpikes) : 0;
        final String noFigures = figures > 0 && needed - figures + estimate.withoutFigures().figureBytes() <= free ?
            "leave out the figures (--no-figures: " + DiskEstimate.bytes(figures) + " of it), or " : "";
        if (buffered > largest && !held)
        {
            // The room for the spikes held before they are written decides: wider rates bins (10 kB) or a shorter
            // run did not help the default 1 s cortex2003 (548 kB written) refused on an 8 MB disk for its 13 MB.
            throw new InputException(String.format(Locale.ROOT, "%s over %s ms: its outputs need %s on disk, and room " +
                "for the spikes it may hold before it writes them (%s, about %d bytes each), more than the %s free on " +
                "the disk of %s: %swrite elsewhere (--out)", name, Numbers.format(durationMs), estimate.describe(),
                DiskEstimate.bytes(buffered), estimate.bytesPerSpike(), DiskEstimate.bytes(free), target, noFigures));
        }
        throw new InputException(String.format(Locale.ROOT, "%s%s over %s ms: its outputs need %s on disk and the " +
            "spikes, about %d bytes each%s, more than the %s free on the disk of %s: %s%srun shorter (--duration) or " +
            "write elsewhere (--out)",
            origin != null ? origin + ": " : "", name, Numbers.format(durationMs), estimate.describe(),
            estimate.bytesPerSpike(), buffered > 0 ? " (" + DiskEstimate.bytes(buffered) + " for those the run " +
                "may hold at once)" : "", DiskEstimate.bytes(free), target, noFigures,
            held ? String.format(Locale.ROOT, "run fewer threads (--threads: each may hold %,d spikes before it " +
                "writes them), ", perBuffer) :
                connections ? "leave out the connections files (record: connections), " :
                snapshots ? "take snapshots less often (record: weights_every_ms), " :
                traces ? "trace fewer neurons (record: traces), " :
                rates ? "write rates.csv in wider bins (record: rates_bin_ms), " : ""));
    }

    /**
     * The explorer keeps a live run's weight snapshots in a file of its temporary folder until the run's folder is
     * written: their first copy ({@link DiskEstimate#snapshotBytes} / 2) against that folder's disk, often another
     * one than the out folder's (a tmpfs in memory).
     *
     * @throws InputException located at {@code weights_every_ms}, when they exceed the free space there.
     */
    public static void requireSpill(final String name, final NetworkPlan plan, final DiskEstimate estimate,
        final double durationMs, final Path folder, final ToLongFunction<Path> usable)
    {
        final long spill = estimate.snapshotBytes() / 2;
        final long free = spill == 0 ? -1 : usable.applyAsLong(folder);
        if (free < 0 || spill <= free)
        {
            return;
        }
        final String origin = plan.weightSnapshotsOrigin();
        throw new InputException(String.format(Locale.ROOT, "%s%s over %s ms: its %,d weight snapshots need %s in %s " +
            "until the run's folder is written, more than the %s free there: take snapshots less often (record: " +
            "weights_every_ms) or run shorter", origin != null ? origin + ": " : "", name, Numbers.format(durationMs),
            estimate.snapshots(), DiskEstimate.bytes(spill), folder, DiskEstimate.bytes(free)));
    }
}
