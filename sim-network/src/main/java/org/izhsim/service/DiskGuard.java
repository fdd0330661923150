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
    private long nextCheck;
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
        if (reason == null && wallNanosSinceStart >= nextCheck)
        {
            nextCheck = wallNanosSinceStart + CHECK_NANOS;
            check();
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

    private void check()
    {
        final long free = usable.applyAsLong(spikeFolder);
        if (free < 0)
        {
            return;
        }
        final long needed = needed();
        if (needed < 0)
        {
            return;
        }
        // The growth since the last check, which as many more steps add before the next one.
        final long margin = neededBefore < 0 ? 0 : Math.max(0, needed - neededBefore);
        neededBefore = needed;
        if (free < needed + margin)
        {
            reason = String.format(Locale.ROOT, "the disk of the outputs had %s free, less than the outputs of the " +
                "run so far need (about %s, with what they grow by before the next check)", DiskEstimate.bytes(free),
                DiskEstimate.bytes(needed + margin));
            stop.run();
        }
    }

    /** What writing the outputs of the run so far would still take on the disk; -1 when the folder cannot be read. */
    long needed()
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
            return -1;
        }
        // The spikes in the folder and those the workers still hold take spikeBytes in all once written, less the 8
        // bytes of those already in the folder; the snapshots are copied once.
        final long spikes = spikeBytes / SpikeFile.RECORD_BYTES;
        return fixedBytes + estimate.spikeBytes(spikes + bufferedSpikes) - spikes * SpikeFile.RECORD_BYTES +
            snapshotBytes;
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
