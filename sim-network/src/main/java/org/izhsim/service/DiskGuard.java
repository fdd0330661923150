package org.izhsim.service;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.ToLongFunction;

import org.izhsim.network.build.DiskEstimate;
import org.izhsim.network.record.SpikeFile;
import org.izhsim.output.ProgressReporter;
import org.izhsim.output.WeightHistory;

/**
 * Stops a run while the disk still holds its outputs. Spikes are what {@link DiskCheck} cannot count before the run:
 * they stream to files in the run's spike folder and are written out again, several times over, after the run
 * (spikes.csv, two .npy files, spikes.h5: {@link DiskEstimate#bytesPerSpike} in all). A disk that filled before
 * then lost the whole run ("nothing was written there"), after taking the disk from every other program. Every
 * 100 ms of the run this compares the disk's free space with what the outputs of the run so far would still need
 * and what they grew by since the last check, and when it is short asks the network to stop: the run then ends as
 * one interrupted, with its outputs.
 * <p>
 * A decorator of the run's progress reporter, called on the coordinating thread between steps (under MPI ranks,
 * on rank 0, whose stop every rank follows); it lists a folder of a few files and asks the file system once per
 * check, and allocates only then.
 */
public final class DiskGuard implements ProgressReporter
{
    /**
     * Wall time between two checks: a check lists a folder of a few files and asks the file system for its free space,
     * 66 us here (0.07 % of the run's wall time, on the coordinating thread between two steps).
     */
    static final long CHECK_NANOS = 100_000_000L;
    private final ProgressReporter progress;
    private final Path spikeFolder;
    private final long fixedBytes;
    private final DiskEstimate estimate;
    private final long bufferedSpikes;
    private final ToLongFunction<Path> usable;
    private final Runnable stop;
    private final java.util.function.Consumer<String> forecast;
    /** The spikes the spike files will hold among those streamed so far; -1: all (Network#filedSpikes). */
    private java.util.function.LongSupplier filed = () -> -1;
    private long nextCheck;
    /** The step by which the next check comes, whatever the wall time ({@link #check}). */
    private long nextCheckStep = Long.MAX_VALUE;
    /** Whether the forecast has warned (once a run). */
    private boolean forecastSaid;
    /** What the outputs needed at the last check: as much growth again may come before the next. */
    private long neededBefore = -1;
    private String reason;

    /**
     * @param spikeFolder where the run's spikes and weight snapshots are streamed (on the output folder's disk).
     * @param estimate    the outputs of known size, counted whole from the start.
     * @param bufferedSpikes spikes the workers may hold before they write them to the folder.
     * @param usable      free space of a folder's disk ({@link DiskCheck#usableSpace}; -1: unknown, no stop).
     * @param stop        asks the network to stop at its next step boundary.
     */
    public DiskGuard(final ProgressReporter progress, final Path spikeFolder, final DiskEstimate estimate,
        final long bufferedSpikes, final ToLongFunction<Path> usable, final Runnable stop)
    {
        this(progress, spikeFolder, estimate, bufferedSpikes, usable, stop, line -> { });
    }

    /**
     * As {@link #DiskGuard(ProgressReporter, Path, DiskEstimate, long, ToLongFunction, Runnable)}, giving {@code
     * forecast} one warning, the first time the outputs the run would write at its spike rate so far (after {@link
     * #FORECAST_AFTER_NANOS} and 1 % of it) do not fit on the disk: a long run found out when it stopped, hours in.
     */
    public DiskGuard(final ProgressReporter progress, final Path spikeFolder, final DiskEstimate estimate,
        final long bufferedSpikes, final ToLongFunction<Path> usable, final Runnable stop,
        final java.util.function.Consumer<String> forecast)
    {
        this.forecast = forecast;
        this.progress = progress;
        this.spikeFolder = spikeFolder;
        // The snapshots' weights already written count once more (their copy in weight_snapshots.npy), below.
        // The figures and rates.csv, whose size the plan fixes (they were a fixed 8 MB: rates.csv of a 900 s run of
        // 30 populations, 60 MB, lost the run to a full disk after its last step).
        this.fixedBytes = estimate.figureBytes() + estimate.rateBytes() + estimate.weightBytes() +
            estimate.traceBytes();
        this.estimate = estimate;
        this.bufferedSpikes = bufferedSpikes;
        this.usable = usable;
        this.stop = stop;
    }

    @Override
    public void onProgress(final long stepsDone, final long totalSteps, final long wallNanosSinceStart)
    {
        progress.onProgress(stepsDone, totalSteps, wallNanosSinceStart);
        if (reason == null && (wallNanosSinceStart >= nextCheck || stepsDone >= nextCheckStep))
        {
            nextCheck = wallNanosSinceStart + CHECK_NANOS;
            nextCheckStep = Long.MAX_VALUE;
            check(stepsDone, totalSteps, wallNanosSinceStart);
        }
    }

    @Override
    public void onFinish(final long stepsDone, final long totalSteps, final long wallNanosSinceStart)
    {
        progress.onFinish(stepsDone, totalSteps, wallNanosSinceStart);
    }

    /** Why the run was asked to stop, or null if it was not. */
    public String reason()
    {
        return reason;
    }

    /**
     * The forecast waits for 1 % of the run's steps and at least this much wall time, or {@link
     * #FORECAST_LATEST_NANOS} of a longer run: its first steps (a network settling) say little of its rate, and a fast
     * run (cortex2003 at 100x real time) fills a small disk in seconds.
     */
    static final long FORECAST_AFTER_NANOS = 2_000_000_000L;
    static final long FORECAST_LATEST_NANOS = 60_000_000_000L;

    private void check(final long stepsDone, final long totalSteps, final long wallNanos)
    {
        final long free = usable.applyAsLong(spikeFolder);
        if (free < 0)
        {
            return;
        }
        final Usage usage = usage();
        if (usage == null)
        {
            return;
        }
        stepsChecked = stepsDone;
        final long needed = needed(usage);
        if (!forecastSaid && wallNanos >= FORECAST_AFTER_NANOS && stepsDone > 0 && stepsDone < totalSteps &&
            (stepsDone >= totalSteps / 100 || wallNanos >= FORECAST_LATEST_NANOS))
        {
            final String line = forecast(usage, free, stepsDone, totalSteps);
            if (line != null)
            {
                forecastSaid = true;
                forecast.accept(line);
            }
        }
        // The growth since the last check, which as many more steps add before the next one.
        final long margin = neededBefore < 0 ? 0 : Math.max(0, needed - neededBefore);
        neededBefore = needed;
        if (free >= needed + margin && stepsDone > 0)
        {
            // Also by the steps: the next check comes before the room left could run out at the spikes per step so far
            // (those in the folder and the buffers', counted as fired) and the snapshots', in a quarter of those
            // steps. Every 100 ms alone, a fast run (cortex2003, 4 s in a quarter of a second) ran on past the room
            // between two checks and lost its outputs to the full disk (3 of a tester's 50 runs on a 1 MB disk).
            final double bytesPerStep = ((double)(usage.spikes() + bufferedSpikes) * estimate.bytesPerSpikeAtMost() +
                2.0 * usage.snapshotBytes()) / stepsDone;
            final double steps = bytesPerStep > 0 ? (free - needed - margin) / bytesPerStep / 4 : Double.MAX_VALUE;
            nextCheckStep = stepsDone + (long)Math.max(1, Math.min(Long.MAX_VALUE / 4, steps));
        }
        if (free < needed + margin)
        {
            reason = String.format(Locale.ROOT, "the disk of the outputs had %s free, less than the outputs of the " +
                "run so far need (about %s, with what they grow by before the next check)", DiskEstimate.bytes(free),
                DiskEstimate.bytes(needed + margin));
            stop.run();
        }
    }

    /**
     * The warning when the outputs of the whole run, at the rate of spikes and snapshots of its {@code stepsDone} steps
     * so far, would need more than the disk's {@code free} bytes and what the run's folder already holds; null if they
     * fit.
     */
    String forecast(final Usage usage, final long free, final long stepsDone, final long totalSteps)
    {
        final double scale = (double)totalSteps / stepsDone;
        final long spikesAtEnd = (long)Math.min(Long.MAX_VALUE / 2, usage.spikes() * scale);
        final long filedNow = filed.getAsLong();
        final long filedAtEnd = filedNow < 0 ? -1 : (long)Math.min(Long.MAX_VALUE / 2, filedNow * scale);
        // Snapshots are streamed to the folder and copied into weight_snapshots.npy at the end: twice.
        final double growing = estimate.spikeBytes(usage.spikes(), filedNow, stepsDone) + 2.0 * usage.snapshotBytes();
        final double atEnd = fixedBytes + estimate.spikeBytes(spikesAtEnd, filedAtEnd, totalSteps) + 2.0 *
            usage.snapshotBytes() * scale;
        final double available = (double)free + usage.spikeFileBytes() + usage.snapshotBytes();
        if (!(atEnd > available) || !(growing > 0))
        {
            return null;
        }
        final double stopsAt = Math.max(0, Math.min(1, (available - fixedBytes) / (growing * scale)));
        return String.format(Locale.ROOT, "at the spike rate of its first %.1f %%, this run's outputs would need about " +
            "%s on disk and %s is free there: the run would stop when the disk runs short, at about %.0f %% of its " +
            "duration, and write the outputs of what it ran (a shorter --duration, or free space, lets it finish)",
            100.0 * stepsDone / totalSteps, DiskEstimate.bytes((long)Math.min(Long.MAX_VALUE, atEnd)),
            DiskEstimate.bytes((long)available), 100 * stopsAt);
    }

    /**
     * The spike files hold the spikes {@code filed} counts alone (record.spike_populations; {@link
     * org.izhsim.network.engine.Network#filedSpikes}): every spike was counted at the spike files' bytes, and a run whose
     * chosen populations' files would fit stopped (a tester's 1000 s of stdp_song2000 with [post], 13.4 MB, at 43 % on a
     * 60 MB disk).
     */
    public DiskGuard filedSpikes(final java.util.function.LongSupplier filed)
    {
        this.filed = filed;
        return this;
    }

    /** The steps done at the last check; -1 before it. */
    private long stepsChecked = -1;

    /** What the run's spike folder holds: the spikes streamed to it, their files' bytes, the weight snapshots'. */
    record Usage(long spikes, long spikeFileBytes, long snapshotBytes)
    {
    }

    /** What writing the outputs of the run so far would still take on the disk; -1 when the folder cannot be read. */
    long needed()
    {
        final Usage usage = usage();
        return usage == null ? -1 : needed(usage);
    }

    private long needed(final Usage usage)
    {
        // The spikes in the folder and those the workers still hold take spikeBytes in all once written, less the 8
        // bytes of those already in the folder; the snapshots are copied once.
        // The buffered spikes, not yet counted apart, count as filed.
        final long filedNow = filed.getAsLong();
        return fixedBytes + estimate.spikeBytes(usage.spikes() + bufferedSpikes, filedNow < 0 ? -1 : filedNow + bufferedSpikes,
            stepsChecked) - usage.spikes() * SpikeFile.RECORD_BYTES + usage.snapshotBytes();
    }

    /** The spike folder's files as they are now; null when it cannot be read. */
    private Usage usage()
    {
        long spikeBytes = 0;
        long snapshotBytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spikeFolder))
        {
            for (final Path file : files)
            {
                final long size = sizeOrZero(file);
                if (file.getFileName().toString().equals(WeightHistory.SPILL_FILE))
                {
                    snapshotBytes += size;
                }
                else
                {
                    spikeBytes += size;
                }
            }
        }
        catch (final IOException | DirectoryIteratorException ex)
        {
            // The folder removed or unreadable: the spikes' next write fails and names the output folder; a failure
            // thrown from here, inside the run's progress call, would not.
            return null;
        }
        return new Usage(spikeBytes / SpikeFile.RECORD_BYTES, spikeBytes, snapshotBytes);
    }

    /** A file's size; 0 for one deleted since it was listed (a run's part, appended to the joined file). */
    private static long sizeOrZero(final Path file) throws IOException
    {
        try
        {
            return Files.size(file);
        }
        catch (final NoSuchFileException ex)
        {
            return 0;
        }
    }
}
