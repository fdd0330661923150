package org.izhsim.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.output.plot.DecimalText;

/**
 * A comma-separated file with a header row, written through one reused StringBuilder that is flushed
 * in large chunks: no String.format and no per-field objects in the row loop. Used by one thread.
 */
public final class CsvWriter implements Closeable
{
    private static final int FLUSH_AT = 1 << 16;

    private final Path file;
    private final Writer out;
    private final StringBuilder row = new StringBuilder(FLUSH_AT + 256);
    /** The rows' characters on their way to the writer (Writer.append(row) made a String of them each time). */
    private char[] chars = new char[FLUSH_AT + 256];
    private boolean rowStarted;

    /**
     * Creates (or replaces) {@code file} and writes the header.
     */
    public CsvWriter(final Path file, final String... header)
    {
        this.file = file;
        try
        {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + file + ": " + ex.getMessage(), ex);
        }
        for (final String name : header)
        {
            field(name);
        }
        endRow();
    }

    /**
     * A number that must survive the round trip exactly (times on the dt grid).
     */
    public CsvWriter exact(final double value)
    {
        separate();
        DecimalText.appendExact(row, value);
        return this;
    }

    /**
     * A state value rounded to {@code decimals} places (trailing zeros dropped).
     */
    public CsvWriter rounded(final double value, final int decimals)
    {
        separate();
        DecimalText.appendRounded(row, value, decimals);
        return this;
    }

    public CsvWriter field(final long value)
    {
        separate();
        row.append(value);
        return this;
    }

    /**
     * Text, quoted per RFC 4180 when it holds a comma, quote or line break.
     */
    public CsvWriter field(final String text)
    {
        separate();
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0)
        {
            row.append(text);
        }
        else
        {
            row.append('"').append(text.replace("\"", "\"\"")).append('"');
        }
        return this;
    }

    public void endRow()
    {
        row.append('\n');
        rowStarted = false;
        if (row.length() >= FLUSH_AT)
        {
            flushRows();
        }
    }

    @Override
    public void close()
    {
        try (out)
        {
            flushRows();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private void separate()
    {
        if (rowStarted)
        {
            row.append(',');
        }
        rowStarted = true;
    }

    private void flushRows()
    {
        try
        {
            final int length = row.length();
            if (chars.length < length)
            {
                chars = new char[length];
            }
            row.getChars(0, length, chars, 0);
            out.write(chars, 0, length);
            row.setLength(0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
