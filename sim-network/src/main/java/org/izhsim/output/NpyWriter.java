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
    private static final int CHUNK = 1 << 16;

    private NpyWriter()
    {
    }

    /**
     * Writes {@code values[0 .. count)} as float64 ({@code <f8}), e.g. spike times in ms.
     */
    public static void writeFloat64(final Path file, final double[] values, final int count)
    {
        try (FileChannel channel = open(file))
        {
            final ByteBuffer buffer = startFile(channel, "<f8", count);
            for (int k = 0; k < count; k++)
            {
                buffer.putDouble(values[k]);
                drainIfFull(channel, buffer, Double.BYTES);
            }
            drain(channel, buffer);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes float times widened to float64, so every spike file has the same dtype.
     */
    public static void writeFloat64(final Path file, final float[] values, final int count)
    {
        try (FileChannel channel = open(file))
        {
            final ByteBuffer buffer = startFile(channel, "<f8", count);
            for (int k = 0; k < count; k++)
            {
                buffer.putDouble(values[k]);
                drainIfFull(channel, buffer, Double.BYTES);
            }
            drain(channel, buffer);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes {@code values[0 .. count)} as int32 ({@code <i4}), e.g. neuron ids.
     */
    public static void writeInt32(final Path file, final int[] values, final int count)
    {
        try (FileChannel channel = open(file))
        {
            final ByteBuffer buffer = startFile(channel, "<i4", count);
            for (int k = 0; k < count; k++)
            {
                buffer.putInt(values[k]);
                drainIfFull(channel, buffer, Integer.BYTES);
            }
            drain(channel, buffer);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return magic, version, header length and the padded header dict for a 1-D array.
     */
    static byte[] preamble(final String descr, final int count)
    {
        final String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + count + ",), }";
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

    private static FileChannel open(final Path file) throws IOException
    {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    }

    private static ByteBuffer startFile(final FileChannel channel, final String descr, final int count) throws IOException
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("negative element count " + count);
        }
        final ByteBuffer header = ByteBuffer.wrap(preamble(descr, count));
        while (header.hasRemaining())
        {
            channel.write(header);
        }
        return ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void drainIfFull(final FileChannel channel, final ByteBuffer buffer, final int next) throws IOException
    {
        if (buffer.remaining() < next)
        {
            drain(channel, buffer);
        }
    }

    private static void drain(final FileChannel channel, final ByteBuffer buffer) throws IOException
    {
        buffer.flip();
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
