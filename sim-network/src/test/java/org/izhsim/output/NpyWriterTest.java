package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest
{
    private static final byte[] MAGIC = {(byte)0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    /**
     * Checks the version 1.0 preamble byte by byte and returns the data section.
     */
    private static ByteBuffer checkPreamble(final byte[] file, final String descr, final int count)
    {
        assertArrayEquals(MAGIC, Arrays.copyOf(file, 8), "magic and version 1.0");
        final int headerLength = (file[8] & 0xFF) | (file[9] & 0xFF) << 8;
        final int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64, "data starts on a 64-byte boundary");
        final String header = new String(file, 10, headerLength, StandardCharsets.US_ASCII);
        final String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + count + ",), }";
        assertEquals(dict + " ".repeat(headerLength - dict.length() - 1) + "\n", header);
        return ByteBuffer.wrap(file, dataStart, file.length - dataStart).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void float64SpikeTimesFollowTheSpecExactly(@TempDir final Path dir) throws IOException
    {
        final double[] times = {0.1, 12.3, 999.9, 0, -0.0, 7.25};
        final Path file = dir.resolve("t.npy");
        NpyWriter.writeFloat64(file, times, 5);
        final byte[] bytes = Files.readAllBytes(file);
        final ByteBuffer data = checkPreamble(bytes, "<f8", 5);
        assertEquals(5 * 8, data.remaining());
        for (int k = 0; k < 5; k++)
        {
            assertEquals(Double.doubleToRawLongBits(times[k]), Double.doubleToRawLongBits(data.getDouble()));
        }
        // Header for a short array: 10 + 70 bytes of dict + padding = 128 total before the data.
        assertEquals(128 + 40, bytes.length);
    }

    /**
     * A matrix written row by row across the writer's chunks (a trace of more than 2^31 - 1 values was refused: the 1-D
     * writers count in ints), and float64 values computed as they are written (a trace's times held their array).
     */
    @Test
    void aMatrixAndComputedValuesAreWrittenAcrossChunks(@TempDir final Path dir) throws IOException
    {
        final Path matrix = dir.resolve("m.npy");
        NpyWriter.writeFloat32Matrix(matrix, 3, 30_000, (row, column) -> row * 100_000f + column);
        final byte[] bytes = Files.readAllBytes(matrix);
        final String header = new String(bytes, 10, (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 30000), }"), header);
        final ByteBuffer data = ByteBuffer.wrap(bytes, 128, bytes.length - 128).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3 * 30_000 * 4, data.remaining());
        for (int row = 0; row < 3; row++)
        {
            for (int column = 0; column < 30_000; column++)
            {
                assertEquals(row * 100_000f + column, data.getFloat());
            }
        }
        final Path times = dir.resolve("t.npy");
        NpyWriter.writeFloat64(times, 70_000, k -> 1000 + 0.5 * k);
        final ByteBuffer t = checkPreamble(Files.readAllBytes(times), "<f8", 70_000);
        for (int k = 0; k < 70_000; k++)
        {
            assertEquals(1000 + 0.5 * k, t.getDouble());
        }
    }

    @Test
    void floatTimesAreWidenedToFloat64(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("t.npy");
        NpyWriter.writeFloat64(file, new float[] {0.5f, 1.1f}, 2);
        final ByteBuffer data = checkPreamble(Files.readAllBytes(file), "<f8", 2);
        assertEquals(0.5, data.getDouble(), 0);
        assertEquals((double)1.1f, data.getDouble(), 0);
    }

    @Test
    void int32IdsAcrossManyBufferChunks(@TempDir final Path dir) throws IOException
    {
        final int n = 100_003;
        final int[] ids = new int[n];
        for (int k = 0; k < n; k++)
        {
            ids[k] = k * 7 - 50_000;
        }
        final Path file = dir.resolve("ids.npy");
        NpyWriter.writeInt32(file, ids, n);
        final ByteBuffer data = checkPreamble(Files.readAllBytes(file), "<i4", n);
        assertEquals(4 * n, data.remaining());
        for (int k = 0; k < n; k++)
        {
            assertEquals(ids[k], data.getInt());
        }
    }

    @Test
    void anEmptyArrayIsJustTheHeader(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("none.npy");
        NpyWriter.writeInt32(file, new int[0], 0);
        final byte[] bytes = Files.readAllBytes(file);
        assertEquals(0, checkPreamble(bytes, "<i4", 0).remaining());
        assertEquals(64 * ((bytes.length + 63) / 64), bytes.length);
    }

    @Test
    void numpyLoadsWhatWeWrite(@TempDir final Path dir) throws Exception
    {
        assumeTrue(run("python3", "-c", "import numpy") == 0, "python3 with numpy is not installed: skipping the numpy check");
        final Path times = dir.resolve("t.npy");
        final Path ids = dir.resolve("ids.npy");
        NpyWriter.writeFloat64(times, new double[] {0.1, 12.3, 1e-300}, 3);
        NpyWriter.writeInt32(ids, new int[] {0, -5, Integer.MAX_VALUE}, 3);
        final String check = "import numpy as np, sys\n"
            + "t = np.load(sys.argv[1]); i = np.load(sys.argv[2])\n"
            + "assert t.dtype == np.dtype('<f8') and t.shape == (3,) and list(t) == [0.1, 12.3, 1e-300], t\n"
            + "assert i.dtype == np.dtype('<i4') and list(i) == [0, -5, 2147483647], i\n";
        assertEquals(0, run("python3", "-c", check, times.toString(), ids.toString()));
    }

    private static int run(final String... command) throws Exception
    {
        try
        {
            final Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(60, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }
}
