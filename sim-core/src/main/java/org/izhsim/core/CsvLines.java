package org.izhsim.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a CSV file (a stimulus table, a projection's connections), read so that a hostile file is refused in
 * bounded memory and located: a line is held whole only up to {@link #MAX_LINE_BYTES}, the file is read only up to
 * a limit of the caller's (its size may not be what it holds: /proc, a file still growing), and each line is decoded
 * strictly, so bytes that are not UTF-8 text are reported at their line and byte offset rather than as the decoder's
 * "Input length = 1". Lines end at LF, CRLF or CR; a UTF-8 byte order mark at the start (Excel writes one) is
 * skipped. The bytes come from a buffer of its own: BufferedInputStream.read() takes a lock per byte (a 233 MB file
 * of connections took 18 s to read through it, 5.6 s so).
 */
public final class CsvLines
{
    /** Longest line: a row is a few numbers, some 50 characters each at most. */
    public static final int MAX_LINE_BYTES = 1024;

    private final String name;
    private final InputStream in;
    private final long maxFileBytes;
    private final String fileLimit;
    private final String lineLimit;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private final byte[] bytes = new byte[MAX_LINE_BYTES];
    private final CharBuffer chars = CharBuffer.allocate(MAX_LINE_BYTES);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private long offset;
    private int number;
    private boolean afterCarriageReturn;

    /**
     * @param name         the file as messages name it.
     * @param in           its bytes (not buffered: this reader buffers them).
     * @param maxFileBytes the most bytes read before the file is refused.
     * @param fileLimit    what that limit is, to follow "the file holds more than N bytes": {@code (64 MiB), the
     *                     limit of a CSV stimulus table}.
     * @param lineLimit    what a line is, to follow "the line is longer than 1024 bytes, the limit of ": {@code a CSV
     *                     row (two numbers)}.
     */
    public CsvLines(final String name, final InputStream in, final long maxFileBytes, final String fileLimit,
        final String lineLimit)
    {
        this.name = name;
        this.in = in;
        this.maxFileBytes = maxFileBytes;
        this.fileLimit = fileLimit;
        this.lineLimit = lineLimit;
    }

    /** @return the 1-based number of the line {@link #next} returned last. */
    public int number()
    {
        return number;
    }

    /** @return the next line without its end, or null at the end of the file. */
    public String next() throws IOException
    {
        long start = offset;
        int length = 0;
        while (true)
        {
            final int b = read();
            if (b < 0)
            {
                if (offset == start)
                {
                    return null;
                }
                number++;
                return decode(length, start, number);
            }
            if (++offset > maxFileBytes)
            {
                throw new InputException(name + ": the file holds more than " + maxFileBytes + " bytes " + fileLimit);
            }
            if (b == '\n' && afterCarriageReturn && offset - 1 == start)
            {
                // The LF of a CRLF: the line ended at the CR.
                afterCarriageReturn = false;
                start = offset;
                continue;
            }
            afterCarriageReturn = b == '\r';
            if (b == '\n' || b == '\r')
            {
                number++;
                return decode(length, start, number);
            }
            if ((b < 0x20 && b != '\t') || b == 0x7f)
            {
                // A binary file: refused at its first control byte, not at the end of a long "line" of them.
                final String before = decode(length, start, number + 1);
                throw InputException.at(name, number + 1, columnOf(before, before.length()), notText(b, offset - 1));
            }
            if (length == MAX_LINE_BYTES)
            {
                throw InputException.at(name, number + 1, 1, "the line is longer than " + MAX_LINE_BYTES +
                    " bytes, the limit of " + lineLimit);
            }
            bytes[length++] = (byte)b;
        }
    }

    private int read() throws IOException
    {
        if (position == limit)
        {
            final int n = in.read(buffer, 0, buffer.length);
            if (n <= 0)
            {
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xff;
    }

    /**
     * @param length the line's bytes so far.
     * @param start  the byte offset of the line's start in the file.
     * @param line   the line's number, for messages.
     * @return the line's text, without a leading byte order mark on line 1.
     */
    private String decode(final int length, final long start, final int line)
    {
        final boolean bom = start == 0 && length >= 3 &&
            (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf;
        final int skip = bom ? 3 : 0;
        final ByteBuffer encoded = ByteBuffer.wrap(bytes, skip, length - skip);
        decoder.reset();
        chars.clear();
        final CoderResult result = decoder.decode(encoded, chars, true);
        if (result.isError())
        {
            final String decoded = chars.flip().toString();
            throw InputException.at(name, line, columnOf(decoded, decoded.length()), String.format(java.util.Locale.ROOT,
                "the file is not UTF-8 text (byte 0x%02x at byte offset %d)", bytes[encoded.position()] & 0xff,
                start + encoded.position()));
        }
        decoder.flush(chars);
        final String text = chars.flip().toString();
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c != '\t' && Character.isISOControl(c))
            {
                throw InputException.at(name, line, columnOf(text, i),
                    notText(c, start + skip + text.substring(0, i).getBytes(StandardCharsets.UTF_8).length));
            }
        }
        return text;
    }

    /**
     * @return the 1-based column of {@code text}'s char {@code index} as an editor counts it, one per code point:
     * an emoji (two chars) earlier on the line moved the column by one.
     */
    public static int columnOf(final String text, final int index)
    {
        return text.codePointCount(0, index) + 1;
    }

    private static String notText(final int character, final long byteOffset)
    {
        return String.format(java.util.Locale.ROOT, "the file is not text (control character U+%04X at byte offset %d)",
            character, byteOffset);
    }
}
