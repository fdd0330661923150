package org.izhsim.core.stimulus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.izhsim.core.CsvLines;
import org.izhsim.core.InputException;
import org.izhsim.core.InputFile;
import org.izhsim.core.NumberSyntax;

/**
 * A piecewise-linear current read from a CSV file: a header {@code t_ms,current}, then one
 * {@code time,current} row per line with strictly increasing times. Linear interpolation between rows;
 * before the first row and after the last the end values are held. Blank lines and a leading UTF-8 byte order
 * mark are skipped. A malformed file throws {@link InputException#at} with the line and column of the offending
 * field; a file larger than {@link #MAX_FILE_BYTES} is refused before it is read.
 */
public final class TabulatedCurrent implements Stimulus
{
    /**
     * Largest CSV table, checked before reading: a few million rows, e.g. a 10 s recording at 0.005 ms steps,
     * whose arrays fit a small heap; the YAML stimulus file itself is limited to 1 MiB.
     */
    public static final long MAX_FILE_BYTES = 64L << 20;
    /** Longest line of a CSV table: a row is two numbers, some 50 characters at most. */
    public static final int MAX_LINE_BYTES = CsvLines.MAX_LINE_BYTES;

    /** The first {@link #size} entries are the table; a table read from a file keeps the slack of its growth. */
    private final double[] times;
    private final double[] currents;
    private final int size;

    /**
     * @param times    strictly increasing, finite, at least one.
     * @param currents finite, same length.
     */
    public TabulatedCurrent(final double[] times, final double[] currents)
    {
        if (times.length == 0 || times.length != currents.length)
        {
            throw new InputException("a tabulated current needs as many currents as times, and at least one, got " +
                times.length + " times and " + currents.length + " currents");
        }
        for (int i = 0; i < times.length; i++)
        {
            Stimuli.requireFinite("tabulated time", times[i]);
            Stimuli.requireFinite("tabulated current", currents[i]);
            if (i > 0 && !(times[i] > times[i - 1]))
            {
                throw new InputException("tabulated times must increase, but " + times[i] + " follows " + times[i - 1]);
            }
        }
        this.times = times.clone();
        this.currents = currents.clone();
        this.size = times.length;
    }

    /** Takes the arrays of a table {@link #parse} has checked row by row, without copying them. */
    private TabulatedCurrent(final double[] times, final double[] currents, final int size)
    {
        this.times = times;
        this.currents = currents;
        this.size = size;
    }

    /**
     * @param file the CSV file; its name as given appears in error messages.
     * @throws InputException when the file is not a regular file ({@link InputFile}), larger than {@link #MAX_FILE_BYTES}, has a line longer
     *         than {@link #MAX_LINE_BYTES}, is not UTF-8 text or is not a table of increasing times.
     */
    public static TabulatedCurrent fromCsv(final Path file)
    {
        final String name = file.toString();
        final String unreadable = InputFile.refusal(file);
        if (unreadable != null)
        {
            throw new InputException(unreadable);
        }
        try (InputStream in = Files.newInputStream(file))
        {
            final long size = Files.size(file);
            if (size > MAX_FILE_BYTES)
            {
                throw new InputException(name + ": the file " + tooLarge(size));
            }
            return parse(name, in, Runtime.getRuntime().maxMemory() / 4);
        }
        catch (final IOException ex)
        {
            throw new InputException(name + ": cannot read stimulus file: " + ex.getMessage());
        }
    }

    /**
     * @param bytes the size of a CSV table larger than {@link #MAX_FILE_BYTES}.
     * @return what is wrong, to follow "the file" or the file's name.
     */
    public static String tooLarge(final long bytes)
    {
        return "is " + bytes + " bytes, larger than " + MAX_FILE_BYTES + " bytes (64 MiB), the limit of a CSV stimulus table";
    }

    /**
     * @param maxTableBytes the heap the table's arrays may take, growth included: a quarter of the JVM's heap,
     *                      so that a long table on a small heap is refused with its size, not an OutOfMemoryError
     *                      (a run's trace may take half).
     */
    static TabulatedCurrent parse(final String name, final InputStream in, final long maxTableBytes) throws IOException
    {
        final CsvLines lines = new CsvLines(name, in, MAX_FILE_BYTES, "(64 MiB), the limit of a CSV stimulus table",
            "a CSV row (two numbers)");
        double[] times = new double[64];
        double[] currents = new double[64];
        int rows = 0;
        boolean headerSeen = false;
        String line;
        while ((line = lines.next()) != null)
        {
            final int lineNumber = lines.number();
            if (line.isBlank())
            {
                continue;
            }
            final int comma = line.indexOf(',');
            if (comma < 0 || line.indexOf(',', comma + 1) >= 0)
            {
                throw InputException.at(name, lineNumber, 1, "expected two comma-separated fields, got " + quoted(line.strip()));
            }
            if (!headerSeen)
            {
                if (!line.substring(0, comma).strip().equalsIgnoreCase("t_ms") ||
                    !line.substring(comma + 1).strip().equalsIgnoreCase("current"))
                {
                    throw InputException.at(name, lineNumber, 1, "expected the header 't_ms,current', got " + quoted(line.strip()));
                }
                headerSeen = true;
                continue;
            }
            final double t = number(name, lineNumber, 1, line.substring(0, comma), "time");
            final double i = number(name, lineNumber, comma + 2, line.substring(comma + 1), "current");
            if (rows > 0 && !(t > times[rows - 1]))
            {
                throw InputException.at(name, lineNumber, 1,
                    "time " + t + " ms does not increase on the previous row's " + times[rows - 1] + " ms");
            }
            if (rows == times.length)
            {
                // By half: while both are held, the old and new arrays take 40 bytes per row, against 48 when doubling.
                final int capacity = (int)Math.min(rows + (rows >> 1), Integer.MAX_VALUE - 16);
                final long bytes = 2L * Double.BYTES * ((long)rows + capacity);
                if (bytes > maxTableBytes || capacity == rows)
                {
                    throw InputException.at(name, lineNumber, 1, String.format(Locale.ROOT,
                        "the table has more than %d rows, whose times and currents need %.1f MiB while they are read, " +
                            "more than the %.1f MiB (a quarter of the JVM's maximum heap) a CSV table may take: thin the " +
                            "table or give the JVM more heap (SIM_JAVA_OPTS=-Xmx...)",
                        rows, bytes / (double)(1 << 20), maxTableBytes / (double)(1 << 20)));
                }
                times = Arrays.copyOf(times, capacity);
                currents = Arrays.copyOf(currents, capacity);
            }
            times[rows] = t;
            currents[rows] = i;
            rows++;
        }
        if (!headerSeen)
        {
            throw InputException.at(name, 1, 1, "empty stimulus file, expected the header 't_ms,current'");
        }
        if (rows == 0)
        {
            throw InputException.at(name, lines.number() + 1, 1, "no data rows after the header");
        }
        return new TabulatedCurrent(times, currents, rows);
    }

    /** @return {@code 'text'}, its middle elided when it is long, so that a message stays a short line. */
    private static String quoted(final String text)
    {
        return text.length() <= 80 ? "'" + text + "'" :
            "'" + text.substring(0, 40) + "..." + text.substring(text.length() - 20) + "' (" + text.length() + " characters)";
    }

    /**
     * @param fieldColumn 1-based column where the field starts; errors point at its first non-blank.
     */
    private static double number(final String name, final int line, final int fieldColumn, final String field, final String what)
    {
        final String text = field.strip();
        int leading = 0;
        while (leading < field.length() && Character.isWhitespace(field.charAt(leading)))
        {
            leading++;
        }
        final int column = fieldColumn + leading;
        // The spelling of experiment and stimulus files: Double.parseDouble alone also took 0x1p3 and 1d.
        if (!NumberSyntax.isDecimal(text))
        {
            // 'Infinity' was called "not a number", which it is, as the reader of a table sees it.
            final boolean infinite = text.matches("(?i)[+-]?(inf|infinity|\\.inf)");
            throw InputException.at(name, line, column, infinite ? "the " + what + " must be finite, got '" + text + "'" :
                "the " + what + " '" + text + "' is not a number");
        }
        final double value = Double.parseDouble(text);
        if (!Double.isFinite(value))
        {
            throw InputException.at(name, line, column, "the " + what + " must be finite, got '" + text + "'");
        }
        if (what.equals("current") && Math.abs(value) > Float.MAX_VALUE)
        {
            // As the stimulus file's currents: the difference of two rows, -1e308 and 1e308, would be infinite.
            throw InputException.at(name, line, column, "the current '" + text + "' is outside the range a float holds (+-3.4e38)");
        }
        return value;
    }

    @Override
    public double current(final double tMs, final long step)
    {
        final int last = size - 1;
        if (tMs <= times[0])
        {
            return currents[0];
        }
        if (tMs >= times[last])
        {
            return currents[last];
        }
        int hi = Arrays.binarySearch(times, 0, size, tMs);
        if (hi >= 0)
        {
            return currents[hi];
        }
        hi = -hi - 1;
        final int lo = hi - 1;
        final double fraction = (tMs - times[lo]) / (times[hi] - times[lo]);
        return currents[lo] + fraction * (currents[hi] - currents[lo]);
    }

    public int size()
    {
        return size;
    }

    /** @return the time of the last row, ms: after it the last current is held. */
    public double lastTimeMs()
    {
        return times[size - 1];
    }

    @Override
    public String toString()
    {
        return "table(" + size + " points, " + times[0] + ".." + times[size - 1] + " ms)";
    }
}
