package org.izhsim.core.stimulus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabulatedCurrentTest
{
    @TempDir
    Path dir;

    private Path csv(final String text) throws IOException
    {
        return Files.writeString(dir.resolve("stim.csv"), text);
    }

    private String error(final String text) throws IOException
    {
        return error(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the message without the file's name. */
    private String error(final byte[] bytes) throws IOException
    {
        final Path file = Files.write(dir.resolve("stim.csv"), bytes);
        return assertThrows(InputException.class, () -> TabulatedCurrent.fromCsv(file)).getMessage()
            .substring(file.toString().length());
    }

    @Test
    void interpolatesLinearlyAndHoldsTheEndValues() throws IOException
    {
        final TabulatedCurrent table = TabulatedCurrent.fromCsv(csv("t_ms,current\n0,0\n10,5\n\n20, -5\n"));
        assertEquals(3, table.size());
        assertEquals(0.0, table.current(-1, 0));
        assertEquals(2.5, table.current(5, 0), 1e-12);
        assertEquals(5.0, table.current(10, 0));
        assertEquals(0.0, table.current(15, 0), 1e-12);
        assertEquals(-5.0, table.current(99, 0));
    }

    @Test
    void malformedFilesAreReportedAtTheirLineAndColumn() throws IOException
    {
        assertEquals(":1:1: expected the header 't_ms,current', got 'time,I'", error("time,I\n0,1\n"));
        assertEquals(":3:5: the current 'abc' is not a number", error("t_ms,current\n0,1\n10, abc\n"));
        assertEquals(":2:1: the time 'x' is not a number", error("t_ms,current\nx,1\n"));
        assertEquals(":3:1: time 5.0 ms does not increase on the previous row's 10.0 ms", error("t_ms,current\n10,1\n5,2\n"));
        assertEquals(":2:1: expected two comma-separated fields, got '1,2,3'", error("t_ms,current\n1,2,3\n"));
        assertEquals(":2:1: the time must be finite, got '1e999'", error("t_ms,current\n1e999,2\n"));
        assertEquals(":2:1: the time 'NaN' is not a number", error("t_ms,current\nNaN,2\n"));
        // Infinity was "not a number".
        assertEquals(":2:3: the current must be finite, got 'Infinity'", error("t_ms,current\n0,Infinity\n"));
        assertEquals(":2:1: the time must be finite, got '-inf'", error("t_ms,current\n-inf,2\n"));
        assertEquals(":1:1: empty stimulus file, expected the header 't_ms,current'", error(""));
        assertEquals(":2:1: no data rows after the header", error("t_ms,current\n"));
    }

    @Test
    void missingFileIsAnInputError()
    {
        final Path missing = dir.resolve("missing.csv");
        final InputException ex = assertThrows(InputException.class, () -> TabulatedCurrent.fromCsv(missing));
        assertEquals(missing + ": no such file", ex.getMessage());
    }

    @Test
    void tableLargerThanTheLimitIsRefusedBeforeItIsRead() throws IOException
    {
        final Path file = dir.resolve("huge.csv");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw"))
        {
            sparse.setLength(TabulatedCurrent.MAX_FILE_BYTES + 1);
        }
        final InputException ex = assertThrows(InputException.class, () -> TabulatedCurrent.fromCsv(file));
        assertEquals(file + ": the file is 67108865 bytes, larger than 67108864 bytes (64 MiB), the limit of a CSV " +
            "stimulus table", ex.getMessage());
    }

    @Test
    void lineLongerThanTheLimitIsRefusedAtItsLine() throws IOException
    {
        assertEquals(":3:1: the line is longer than 1024 bytes, the limit of a CSV row (two numbers)",
            error("t_ms,current\n0,1\n" + "0".repeat(2000) + "5,3\n"));
    }

    @Test
    void tableTooLongForTheHeapIsRefusedWithItsSize() throws IOException
    {
        final StringBuilder text = new StringBuilder("t_ms,current\n");
        for (int row = 0; row < 30_000; row++)
        {
            text.append(row).append(",1\n");
        }
        final InputException ex = assertThrows(InputException.class, () -> TabulatedCurrent.parse("stim.csv",
            new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), 1 << 20));
        assertEquals("stim.csv:27996:1: the table has more than 27994 rows, whose times and currents need 1.1 MiB while " +
            "they are read, more than the 1.0 MiB (a quarter of the JVM's maximum heap) a CSV table may take: thin the " +
            "table or give the JVM more heap (SIM_JAVA_OPTS=-Xmx...)", ex.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreReportedAtTheirLineAndByteOffset() throws IOException
    {
        final byte[] latin1 = "t_ms,current\n0,1\n10,\u00b5\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(":3:4: the file is not UTF-8 text (byte 0xb5 at byte offset 20)", error(latin1));
    }

    /** Under a locale with other digits (ar-SA) the offsets were written in them: "byte offset \u0662\u0660". */
    @Test
    void offsetsAreAsciiDigitsWhateverTheLocale() throws IOException
    {
        final java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-SA-u-nu-arab"));
        try
        {
            assertEquals(":3:4: the file is not UTF-8 text (byte 0xb5 at byte offset 20)",
                error("t_ms,current\n0,1\n10,\u00b5\n".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(":2:3: the file is not text (control character U+0001 at byte offset 15)",
                error("t_ms,current\n0,\u0001\n".getBytes(StandardCharsets.UTF_8)));
        }
        finally
        {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void binaryFileIsReportedAtItsFirstControlCharacter() throws IOException
    {
        assertEquals(":2:3: the file is not text (control character U+0000 at byte offset 15)",
            error(new byte[] {'t', '_', 'm', 's', ',', 'c', 'u', 'r', 'r', 'e', 'n', 't', '\n', '0', ',', 0, 0, 0}));
    }

    @Test
    void columnsCountAnEmojiEarlierOnTheLineAsOneColumn() throws IOException
    {
        // U+1F600 is two chars in Java and four bytes in UTF-8: an editor shows it as one column.
        final String emoji = "\ud83d\ude00";
        assertEquals(":2:3: the file is not UTF-8 text (byte 0xff at byte offset 18)",
            error(concat(("t_ms,current\n" + emoji + "x").getBytes(StandardCharsets.UTF_8), new byte[] {(byte)0xff, '\n'})));
        assertEquals(":2:3: the file is not text (control character U+0001 at byte offset 18)",
            error(("t_ms,current\n" + emoji + "x\u0001\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(":2:3: the file is not text (control character U+0085 at byte offset 18)",
            error(("t_ms,current\n" + emoji + "x\u0085\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void leadingByteOrderMarkIsSkipped() throws IOException
    {
        final TabulatedCurrent table = TabulatedCurrent.fromCsv(csv("\ufefft_ms,current\n0,2\n10,4\n"));
        assertEquals(2, table.size());
        assertEquals(3.0, table.current(5, 0), 1e-12);
    }

    @Test
    void windowsAndOldMacLineEndsAreRowEnds() throws IOException
    {
        assertEquals(3, TabulatedCurrent.fromCsv(csv("t_ms,current\r\n0,2\r\n\r\n10,4\r\n20,1")).size());
        assertEquals(2, TabulatedCurrent.fromCsv(csv("t_ms,current\r0,2\r10,4\r")).size());
    }

    @Test
    void folderIsReportedAsAFolder() throws IOException
    {
        final Path folder = Files.createDirectory(dir.resolve("x.csv"));
        final InputException ex = assertThrows(InputException.class, () -> TabulatedCurrent.fromCsv(folder));
        assertEquals(folder + ": is a folder, not a file", ex.getMessage());
    }

    /** A named pipe with no writer: the open waited for ever. */
    @Test
    void aNamedPipeIsRefusedWithoutWaitingForAWriter() throws Exception
    {
        final Path fifo = dir.resolve("pipe.csv");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0)
        {
            return; // no mkfifo on this system
        }
        final InputException ex = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(InputException.class, () -> TabulatedCurrent.fromCsv(fifo)));
        assertEquals(fifo + ": is a pipe, not a regular file (reading it waits for a writer): save its contents to a file",
            ex.getMessage());
    }

    /** Numbers are spelled as in stimulus files: Double.parseDouble alone took hexadecimal and a type suffix. */
    @Test
    void numbersAreDecimalsAsInStimulusFiles() throws IOException
    {
        assertEquals(":2:3: the current '0x1p3' is not a number", error("t_ms,current\n0,0x1p3\n"));
        assertEquals(":2:3: the current '1d' is not a number", error("t_ms,current\n0,1d\n"));
        assertEquals(":2:1: the time must be finite, got 'Infinity'", error("t_ms,current\nInfinity,1\n"));
        assertEquals(2, TabulatedCurrent.fromCsv(csv("t_ms,current\n0,+1.5E+01\n.5,-2.\n")).size());
    }

    @Test
    void currentsWhoseInterpolationWouldBeInfiniteAreRefused() throws IOException
    {
        assertEquals(":3:4: the current '1e308' is outside the range a float holds (+-3.4e38)",
            error("t_ms,current\n0,-3e38\n10,1e308\n"));
    }
}
