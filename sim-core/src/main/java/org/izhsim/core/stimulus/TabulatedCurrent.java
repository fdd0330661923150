package org.izhsim.core.stimulus;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.izhsim.core.InputException;

/**
 * A piecewise-linear current read from a CSV file: a header {@code t_ms,current}, then one
 * {@code time,current} row per line with strictly increasing times. Linear interpolation between rows;
 * before the first row and after the last the end values are held. Blank lines are skipped.
 * A malformed file throws {@link InputException#at} with the line and column of the offending field.
 */
public final class TabulatedCurrent implements Stimulus
{
    private final double[] times;
    private final double[] currents;

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
    }

    /**
     * @param file the CSV file; its name as given appears in error messages.
     */
    public static TabulatedCurrent fromCsv(final Path file)
    {
        final String name = file.toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return parse(name, reader);
        }
        catch (final IOException ex)
        {
            throw new InputException(name + ": cannot read stimulus file: " + ex.getMessage());
        }
    }

    static TabulatedCurrent parse(final String name, final BufferedReader reader) throws IOException
    {
        double[] times = new double[64];
        double[] currents = new double[64];
        int rows = 0;
        int lineNumber = 0;
        boolean headerSeen = false;
        String line;
        while ((line = reader.readLine()) != null)
        {
            lineNumber++;
            if (line.isBlank())
            {
                continue;
            }
            final int comma = line.indexOf(',');
            if (comma < 0 || line.indexOf(',', comma + 1) >= 0)
            {
                throw InputException.at(name, lineNumber, 1, "expected two comma-separated fields, got '" + line.strip() + "'");
            }
            if (!headerSeen)
            {
                if (!line.substring(0, comma).strip().equalsIgnoreCase("t_ms") ||
                    !line.substring(comma + 1).strip().equalsIgnoreCase("current"))
                {
                    throw InputException.at(name, lineNumber, 1, "expected the header 't_ms,current', got '" + line.strip() + "'");
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
                times = Arrays.copyOf(times, rows * 2);
                currents = Arrays.copyOf(currents, rows * 2);
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
            throw InputException.at(name, lineNumber + 1, 1, "no data rows after the header");
        }
        return new TabulatedCurrent(Arrays.copyOf(times, rows), Arrays.copyOf(currents, rows));
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
        final double value;
        try
        {
            value = Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw InputException.at(name, line, column, "the " + what + " '" + text + "' is not a number");
        }
        if (!Double.isFinite(value))
        {
            throw InputException.at(name, line, column, "the " + what + " must be finite, got '" + text + "'");
        }
        return value;
    }

    @Override
    public double current(final double tMs, final long step)
    {
        final int last = times.length - 1;
        if (tMs <= times[0])
        {
            return currents[0];
        }
        if (tMs >= times[last])
        {
            return currents[last];
        }
        int hi = Arrays.binarySearch(times, tMs);
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
        return times.length;
    }

    @Override
    public String toString()
    {
        return "table(" + times.length + " points, " + times[0] + ".." + times[times.length - 1] + " ms)";
    }
}
