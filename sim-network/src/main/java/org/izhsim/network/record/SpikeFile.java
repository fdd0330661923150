package org.izhsim.network.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A run's spikes on disk: records of (step, neuron) as two little-endian int32, in (step, neuron) order, read
 * back through memory maps so that a reader indexes spike k without holding the spikes on the heap (the page
 * cache holds what was read last). Written by {@link SpikeRecorder}s that spill their bounded buffers and by
 * the merge at the end of a run; read-only once constructed, by any thread.
 * <p>
 * The maps are segments of at most {@value #SEGMENT_RECORDS} records (1 GiB), since one Java 17 map is limited
 * to 2 GiB. A spike count, like {@link SimulationResult#spikeCount()}, is an int.
 */
public final class SpikeFile
{
    /** Bytes of one record: step and neuron. */
    public static final int RECORD_BYTES = 8;
    static final int SEGMENT_RECORDS = 1 << 27;
    /** Records moved per read or write call: 64 kB. */
    static final int CHUNK_RECORDS = 1 << 13;

    private final Path file;
    private final int count;
    private final MappedByteBuffer[] segments;

    private SpikeFile(final Path file, final int count, final MappedByteBuffer[] segments)
    {
        this.file = file;
        this.count = count;
        this.segments = segments;
    }

    /** Maps a file of whole records. */
    public static SpikeFile open(final Path file)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size % RECORD_BYTES != 0 || size / RECORD_BYTES > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException(file + ": " + size + " bytes are not a whole number of at most " +
                    Integer.MAX_VALUE + " spike records");
            }
            final int count = (int)(size / RECORD_BYTES);
            final MappedByteBuffer[] segments = new MappedByteBuffer[(count + SEGMENT_RECORDS - 1) / SEGMENT_RECORDS];
            for (int s = 0; s < segments.length; s++)
            {
                final long from = (long)s * SEGMENT_RECORDS * RECORD_BYTES;
                segments[s] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(size - from,
                    (long)SEGMENT_RECORDS * RECORD_BYTES));
                segments[s].order(ByteOrder.LITTLE_ENDIAN);
            }
            return new SpikeFile(file, count, segments);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    public Path path()
    {
        return file;
    }

    public int count()
    {
        return count;
    }

    public int step(final int k)
    {
        return segments[k / SEGMENT_RECORDS].getInt((k % SEGMENT_RECORDS) * RECORD_BYTES);
    }

    public int neuron(final int k)
    {
        return segments[k / SEGMENT_RECORDS].getInt((k % SEGMENT_RECORDS) * RECORD_BYTES + 4);
    }

    /** Appends this file's records to {@code out}, at its position. */
    void appendTo(final FileChannel out) throws IOException
    {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ))
        {
            long at = 0;
            final long size = in.size();
            while (at < size)
            {
                at += in.transferTo(at, size - at, out);
            }
        }
    }

    /** The records of {@code parts}, one after the other, as a new file {@code target}. */
    public static SpikeFile concat(final List<SpikeFile> parts, final Path target)
    {
        long total = 0;
        for (final SpikeFile part : parts)
        {
            total += part.count;
        }
        if (total > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(total + " spikes are more than one result holds");
        }
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            for (final SpikeFile part : parts)
            {
                part.appendTo(out);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + target + ": " + ex.getMessage(), ex);
        }
        return open(target);
    }

    /**
     * Merges sorted record files into {@code target} in (step, neuron) order, keeping the spikes of steps before
     * {@code endStep}: within a step the sources' neurons are ascending ranges in source order (workers in order,
     * then, on MPI rank 0, the other ranks'), so each step's runs are concatenated in source order, as
     * {@link SpikeRecorder#merge} does in memory. Reads each source through one chunk buffer.
     */
    static SpikeFile merge(final Path[] sources, final Path target, final long endStep)
    {
        final Cursor[] cursors = new Cursor[sources.length];
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            for (int s = 0; s < sources.length; s++)
            {
                cursors[s] = new Cursor(FileChannel.open(sources[s], StandardOpenOption.READ));
            }
            final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_RECORDS * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long written = 0;
            while (true)
            {
                int step = Integer.MAX_VALUE;
                for (final Cursor c : cursors)
                {
                    if (c.available())
                    {
                        step = Math.min(step, c.step());
                    }
                }
                if (step == Integer.MAX_VALUE || step >= endStep)
                {
                    break;
                }
                for (final Cursor c : cursors)
                {
                    while (c.available() && c.step() == step)
                    {
                        if (!buffer.hasRemaining())
                        {
                            drain(out, buffer);
                        }
                        buffer.putInt(step).putInt(c.neuron());
                        c.advance();
                        written++;
                    }
                }
            }
            drain(out, buffer);
            if (written > Integer.MAX_VALUE)
            {
                throw new IllegalStateException(written + " spikes are more than one result holds");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + target + ": " + ex.getMessage(), ex);
        }
        finally
        {
            for (final Cursor c : cursors)
            {
                if (c != null)
                {
                    c.close();
                }
            }
        }
        return open(target);
    }

    /** Writes the buffer's content from 0 to its position and clears it. */
    static void drain(final FileChannel out, final ByteBuffer buffer) throws IOException
    {
        buffer.flip();
        while (buffer.hasRemaining())
        {
            out.write(buffer);
        }
        buffer.clear();
    }

    /** Sequential reading of one record file through a chunk buffer. */
    private static final class Cursor
    {
        private final FileChannel channel;
        private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_RECORDS * RECORD_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);

        Cursor(final FileChannel channel) throws IOException
        {
            this.channel = channel;
            chunk.limit(0);
            fill();
        }

        boolean available()
        {
            return chunk.remaining() >= RECORD_BYTES;
        }

        int step()
        {
            return chunk.getInt(chunk.position());
        }

        int neuron()
        {
            return chunk.getInt(chunk.position() + 4);
        }

        void advance() throws IOException
        {
            chunk.position(chunk.position() + RECORD_BYTES);
            if (!available())
            {
                fill();
            }
        }

        private void fill() throws IOException
        {
            chunk.compact();
            while (chunk.position() < RECORD_BYTES && channel.read(chunk) >= 0)
            {
                // a short read: go on until one whole record or the end of the file
            }
            chunk.flip();
        }

        void close()
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** Deletes a file this package wrote (spills and merged files live in a folder the caller owns). */
    static void delete(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + file + ": " + ex.getMessage(), ex);
        }
    }
}
