package org.izhsim.network.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The spikes of one worker's neurons in (step, neuron) order, in primitive arrays. Written during a run by the
 * thread that runs its worker's slice in that step (never two at once; a slice's steps are ordered by its claims
 * or its thread), read after the run's threads have been joined. Three kinds:
 * <ul>
 * <li>growable ({@link #SpikeRecorder(int)}): growth doubles the arrays, so recording costs amortised O(1) and
 * allocates nothing once the capacity suffices; the whole run stays on the heap;</li>
 * <li>spilling ({@link #spillingTo}): a fixed buffer that its worker, when it is full, writes to the end of its
 * own file through one preallocated direct buffer and reuses, so a run of any length holds a bounded amount of
 * spikes on the heap (the file is merged with the other workers' at the end, {@link SpikeFile#merge});</li>
 * <li>discarding ({@link #discarding}): a fixed buffer emptied when full, for a process whose spikes another
 * one records (an MPI rank other than 0).</li>
 * </ul>
 */
public final class SpikeRecorder
{
    /** Spikes a worker buffers before writing them to its file when a run streams its spikes: 512 kB. */
    public static final int STREAMED_BUFFER_SPIKES = 1 << 16;

    private int[] steps;
    private int[] neurons;
    private int size;
    /** Reopened when an interrupt closed it ({@link #writeChunk}); the worker's thread only. */
    private FileChannel spill;
    /** Bytes of the spill file written whole. */
    private long spilled;
    private final Path spillFile;
    private final ByteBuffer chunk;
    private final boolean discard;
    /**
     * The neurons ({first, end} pairs of ids) whose spikes the run's spike files will hold (record.spike_populations),
     * or null for all: the spills count theirs, so that a disk guard counts what the outputs will take.
     */
    private int[] filedRanges;
    /** The spikes of {@link #filedRanges} among those spilled so far; written by the worker's thread at each spill. */
    private volatile long filedSpilled;

    public SpikeRecorder(final int initialCapacity)
    {
        this(initialCapacity, null, null, false);
    }

    private SpikeRecorder(final int capacity, final Path spillFile, final FileChannel spill, final boolean discard)
    {
        steps = new int[Math.max(16, capacity)];
        neurons = new int[steps.length];
        this.spillFile = spillFile;
        this.spill = spill;
        this.discard = discard;
        this.chunk = spill == null ? null :
            ByteBuffer.allocateDirect(SpikeFile.CHUNK_RECORDS * SpikeFile.RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A recorder of at most {@code bufferSpikes} spikes on the heap that spills them to {@code file} (created
     * new) whenever its buffer is full, and at {@link #finish()}.
     */
    public static SpikeRecorder spillingTo(final Path file, final int bufferSpikes)
    {
        try
        {
            return new SpikeRecorder(bufferSpikes, file,
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), false);
        }
        catch (final IOException ex)
        {
            // NoSuchFileException's message is the path alone ("cannot create X: X"): say what it means.
            throw new UncheckedIOException("cannot create " + file + ": " + (ex instanceof java.nio.file.NoSuchFileException ?
                "its folder " + file.getParent() + " does not exist (deleted or moved?)" : ex.getMessage()), ex);
        }
    }

    /** A recorder that keeps at most {@code bufferSpikes} spikes, the last ones since it was last emptied. */
    public static SpikeRecorder discarding(final int bufferSpikes)
    {
        return new SpikeRecorder(bufferSpikes, null, null, true);
    }

    /** Heap bytes of a spilling or discarding recorder of {@code bufferSpikes}: its two arrays and its chunk. */
    public static long boundedBytes(final int bufferSpikes)
    {
        return 8L * Math.max(16, bufferSpikes) + (long)SpikeFile.CHUNK_RECORDS * SpikeFile.RECORD_BYTES;
    }

    public void add(final int step, final int neuron)
    {
        if (size == steps.length)
        {
            full();
        }
        steps[size] = step;
        neurons[size] = neuron;
        size++;
    }

    private void full()
    {
        if (spill != null)
        {
            spill();
        }
        else if (discard)
        {
            size = 0;
        }
        else
        {
            steps = Arrays.copyOf(steps, 2 * size);
            neurons = Arrays.copyOf(neurons, 2 * size);
        }
    }

    /** Counts, at each spill, the spilled spikes of the neurons in {@code ranges} ({first, end} pairs of ids). */
    public SpikeRecorder countingFiled(final int[] ranges)
    {
        this.filedRanges = ranges.clone();
        return this;
    }

    /** The spilled spikes of {@link #countingFiled}'s neurons (all spilled spikes without it: -1). */
    public long filedSpilled()
    {
        return filedRanges == null ? -1 : filedSpilled;
    }

    /** Appends the buffer to the spill file and empties it; the worker's thread only. */
    private void spill()
    {
        if (filedRanges != null)
        {
            long filed = 0;
            for (int k = 0; k < size; k++)
            {
                final int neuron = neurons[k];
                for (int r = 0; r < filedRanges.length; r += 2)
                {
                    if (neuron >= filedRanges[r] && neuron < filedRanges[r + 1])
                    {
                        filed++;
                        break;
                    }
                }
            }
            filedSpilled += filed;
        }
        try
        {
            for (int k = 0; k < size; k++)
            {
                if (!chunk.hasRemaining())
                {
                    writeChunk();
                }
                chunk.putInt(steps[k]).putInt(neurons[k]);
            }
            writeChunk();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + spillFile + ": " + ex.getMessage(), ex);
        }
        size = 0;
    }

    /**
     * Appends the chunk to the spill file. A FileChannel is closed by an interrupt of the thread writing it: a Java API
     * caller's Thread.interrupt, which a run takes as a stop request, landed in a spill and failed the run ("cannot
     * write ...spill: null") and the network for good. Then the file is reopened, cut back to what was written whole,
     * and the chunk written again; the interrupt flag is set again for the run to take.
     */
    private void writeChunk() throws IOException
    {
        chunk.flip();
        final int bytes = chunk.limit();
        boolean interrupted = false;
        while (true)
        {
            try
            {
                while (chunk.hasRemaining())
                {
                    spill.write(chunk);
                }
                break;
            }
            catch (final ClosedByInterruptException ex)
            {
                // Cleared, or the reopened channel would be closed at once.
                interrupted |= Thread.interrupted();
                spill = FileChannel.open(spillFile, StandardOpenOption.WRITE);
                spill.truncate(spilled);
                spill.position(spilled);
                chunk.position(0).limit(bytes);
            }
        }
        spilled += bytes;
        chunk.clear();
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** A spilling recorder: writes what its buffer holds and closes its file, whose path it returns. */
    public Path finish()
    {
        if (spill == null)
        {
            throw new IllegalStateException("this recorder does not spill");
        }
        spill();
        try
        {
            spill.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + spillFile + ": " + ex.getMessage(), ex);
        }
        return spillFile;
    }

    /** Closes a spilling recorder's file without writing (a failed run); nothing for the other kinds. */
    public void abandon()
    {
        if (spill != null)
        {
            try
            {
                spill.close();
            }
            catch (final IOException ex)
            {
                // the file goes with its folder; a failed run reports its own error
            }
            SpikeFile.delete(spillFile);
        }
    }

    public int size()
    {
        return size;
    }

    /** Forgets the spikes recorded so far and keeps the arrays: for benchmarks that reset the pass millions of times. */
    public void clear()
    {
        size = 0;
    }

    public int step(final int i)
    {
        return steps[i];
    }

    public int neuron(final int i)
    {
        return neurons[i];
    }

    /**
     * Merges spilling recorders into the file {@code target} (created new) in (step, neuron) order, keeping the
     * spikes of steps before {@code endStep}, as {@link #merge} does in memory; their spill files are deleted.
     */
    public static SpikeFile mergeToFile(final SpikeRecorder[] recorders, final Path target, final long endStep)
    {
        final Path[] files = new Path[recorders.length];
        for (int r = 0; r < recorders.length; r++)
        {
            files[r] = recorders[r].finish();
        }
        try
        {
            boolean interrupted = false;
            while (true)
            {
                try
                {
                    final SpikeFile merged = SpikeFile.merge(files, target, endStep);
                    if (interrupted)
                    {
                        Thread.currentThread().interrupt();
                    }
                    return merged;
                }
                catch (final UncheckedIOException ex)
                {
                    // An interrupt closed a channel of the merge (see writeChunk): merged again from the start, the
                    // flag kept for the caller.
                    if (!(ex.getCause() instanceof ClosedByInterruptException))
                    {
                        throw ex;
                    }
                    interrupted |= Thread.interrupted();
                    SpikeFile.delete(target);
                }
            }
        }
        finally
        {
            for (final Path file : files)
            {
                SpikeFile.delete(file);
            }
        }
    }

    /**
     * Merges workers' recordings into (step, neuron) order: within a step the workers' neurons are ascending
     * ranges in worker order, so concatenating each step's runs in worker order sorts them.
     *
     * @return {steps, neurons}.
     */
    public static int[][] merge(final SpikeRecorder[] recorders)
    {
        int total = 0;
        for (final SpikeRecorder r : recorders)
        {
            total += r.size;
        }
        final int[] steps = new int[total];
        final int[] neurons = new int[total];
        final int[] head = new int[recorders.length];
        int out = 0;
        while (out < total)
        {
            int step = Integer.MAX_VALUE;
            for (int w = 0; w < recorders.length; w++)
            {
                if (head[w] < recorders[w].size)
                {
                    step = Math.min(step, recorders[w].steps[head[w]]);
                }
            }
            for (int w = 0; w < recorders.length; w++)
            {
                final SpikeRecorder r = recorders[w];
                while (head[w] < r.size && r.steps[head[w]] == step)
                {
                    steps[out] = step;
                    neurons[out++] = r.neurons[head[w]++];
                }
            }
        }
        return new int[][] {steps, neurons};
    }
}
