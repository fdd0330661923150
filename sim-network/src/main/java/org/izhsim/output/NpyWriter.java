package org.izhsim.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * NumPy {@code .npy} format version 1.0 for 1-D arrays, as specified in numpy/lib/format.py: the magic
 * {@code \x93NUMPY}, version bytes 1 and 0, the header length as little-endian uint16, then an ASCII
 * dict literal padded with spaces and ended by '\n' so the data starts on a 64-byte boundary, then the
 * raw little-endian values. {@code numpy.load} reads the files without copying.
 */
public final class NpyWriter
{
    /** Alignment of the data start that numpy itself writes (enables memory mapping). */
    static final int ALIGNMENT = 64;
    private static final byte[] MAGIC = {(byte)0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** Values per write: 512 KiB of doubles. */
    private static final int CHUNK_VALUES = 1 << 16;

    /**
     * Copies values [from, to) into a little-endian buffer that has room for them.
     */
    @FunctionalInterface
    private interface ChunkCopier
    {
        void copy(ByteBuffer littleEndian, int from, int to);
    }

    private NpyWriter()
    {
    }

    /**
     * Writes {@code values[0 .. count)} as float64 ({@code <f8}), e.g. spike times in ms.
     */
    public static void writeFloat64(final Path file, final double[] values, final int count)
    {
        write(file, "<f8", Double.BYTES, checked(count, values.length), (buffer, from, to) ->
        {
            buffer.asDoubleBuffer().put(values, from, to - from);
            buffer.position(buffer.position() + (to - from) * Double.BYTES);
        });
    }

    /**
     * Writes float times widened to float64, so every spike-time file has the same dtype.
     */
    public static void writeFloat64(final Path file, final float[] values, final int count)
    {
        write(file, "<f8", Double.BYTES, checked(count, values.length), (buffer, from, to) ->
        {
            for (int k = from; k < to; k++)
            {
                buffer.putDouble(values[k]);
            }
        });
    }

    /**
     * Writes whole numbers (spike steps of 1 ms) widened to float64, straight from the int array: no copy of
     * the times is made, however many spikes there are.
     */
    public static void writeFloat64(final Path file, final int[] values, final int count)
    {
        write(file, "<f8", Double.BYTES, checked(count, values.length), (buffer, from, to) ->
        {
            for (int k = from; k < to; k++)
            {
                buffer.putDouble(values[k]);
            }
        });
    }

    /** Writes the spike times of a list as float64 ms, streaming: nothing proportional to the spikes is held. */
    public static void writeTimesFloat64(final Path file, final SpikeList spikes)
    {
        write(file, "<f8", Double.BYTES, spikes.count(), (buffer, from, to) ->
        {
            for (int k = from; k < to; k++)
            {
                buffer.putDouble(spikes.time(k));
            }
        });
    }

    /** Writes the neuron ids of a list as int32, streaming. */
    public static void writeIdsInt32(final Path file, final SpikeList spikes)
    {
        write(file, "<i4", Integer.BYTES, spikes.count(), (buffer, from, to) ->
        {
            for (int k = from; k < to; k++)
            {
                buffer.putInt(spikes.id(k));
            }
        });
    }

    /**
     * Writes {@code values[0 .. count)} as int32 ({@code <i4}), e.g. neuron ids.
     */
    public static void writeInt32(final Path file, final int[] values, final int count)
    {
        write(file, "<i4", Integer.BYTES, checked(count, values.length), (buffer, from, to) ->
        {
            buffer.asIntBuffer().put(values, from, to - from);
            buffer.position(buffer.position() + (to - from) * Integer.BYTES);
        });
    }

    /**
     * @return magic, version, header length and the padded header dict for a 1-D array.
     */
    static byte[] preamble(final String descr, final int count)
    {
        return preamble(descr, count + ",");
    }

    /** As {@link #preamble(String, int)} for an array of {@code shape} ("3, 4": 3 rows of 4, C order). */
    private static byte[] preamble(final String descr, final String shape)
    {
        final String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        final int unpadded = MAGIC.length + 2 + dict.length() + 1;
        final int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        final int headerLength = total - MAGIC.length - 2;
        final ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short)headerLength).put(dict.getBytes(StandardCharsets.US_ASCII));
        while (out.position() < total - 1)
        {
            out.put((byte)' ');
        }
        out.put((byte)'\n');
        return out.array();
    }

    /** A float32 value of a matrix by row and column. */
    @FunctionalInterface
    public interface FloatMatrix
    {
        float at(int row, int column);
    }

    /**
     * Writes a {@code rows} x {@code columns} matrix as float32 ({@code <f4}), row by row (C order): numpy reads it as
     * {@code np.load(file)[row, column]}.
     */
    public static void writeFloat32Matrix(final Path file, final int rows, final int columns, final FloatMatrix values)
    {
        if (rows < 0 || columns < 1)
        {
            throw new IllegalArgumentException(rows + " x " + columns + " values");
        }
        // Row by row, so that a matrix of more than 2^31 - 1 values (10,000 traced neurons for 215 s) is written too:
        // the 1-D writers count in ints.
        open(file, "<f4", rows + ", " + columns, channel ->
        {
            final ByteBuffer buffer = ByteBuffer.allocate(CHUNK_VALUES * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int row = 0; row < rows; row++)
            {
                for (int column = 0; column < columns; column++)
                {
                    if (!buffer.hasRemaining())
                    {
                        drain(channel, buffer.flip());
                        buffer.clear();
                    }
                    buffer.putFloat(values.at(row, column));
                }
            }
            drain(channel, buffer.flip());
        });
    }

    /** A float64 value by its index. */
    @FunctionalInterface
    public interface DoubleSequence
    {
        double at(int index);
    }

    /**
     * Writes {@code count} values as float64 ({@code <f8}), each computed as it is written: the times of a trace of 12
     * million steps held 96 MB the memory check had not counted, and the run lost its folder.
     */
    public static void writeFloat64(final Path file, final int count, final DoubleSequence values)
    {
        write(file, "<f8", Double.BYTES, Math.max(0, count), (buffer, from, to) ->
        {
            for (int k = from; k < to; k++)
            {
                buffer.putDouble(values.at(k));
            }
        });
    }

    private static void write(
        final Path file, final String descr, final int bytesPerValue, final int count, final ChunkCopier copier)
    {
        open(file, descr, count + ",", channel ->
        {
            final ByteBuffer buffer = ByteBuffer.allocate(CHUNK_VALUES * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < count; from += CHUNK_VALUES)
            {
                buffer.clear();
                copier.copy(buffer, from, Math.min(count, from + CHUNK_VALUES));
                buffer.flip();
                drain(channel, buffer);
            }
        });
    }

    /** What a file holds after its preamble. */
    @FunctionalInterface
    private interface Body
    {
        void write(FileChannel channel) throws IOException;
    }

    /** Writes into a new {@code file}: the preamble of an array of {@code shape}, then what {@code body} writes. */
    private static void open(final Path file, final String descr, final String shape, final Body body)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            drain(channel, ByteBuffer.wrap(preamble(descr, shape)));
            body.write(channel);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static int checked(final int count, final int length)
    {
        if (count < 0 || count > length)
        {
            throw new IllegalArgumentException("count " + count + " outside the array of " + length);
        }
        return count;
    }

    private static void drain(final FileChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }
}
