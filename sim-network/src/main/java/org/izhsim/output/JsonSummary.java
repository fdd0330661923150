package org.izhsim.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

/**
 * An ordered JSON object built key by key and written with Jackson's streaming generator: pretty for
 * {@code summary.json}, or as one compact line for {@code sim neuron --json}. Keys are snake_case and
 * keep their insertion order; NaN and infinities, which JSON cannot express, are written as null.
 */
public final class JsonSummary
{
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Map<String, Object> entries = new LinkedHashMap<>();

    public JsonSummary put(final String key, final String value)
    {
        return putValue(key, value);
    }

    public JsonSummary put(final String key, final long value)
    {
        return putValue(key, value);
    }

    public JsonSummary put(final String key, final double value)
    {
        return putValue(key, value);
    }

    public JsonSummary put(final String key, final boolean value)
    {
        return putValue(key, value);
    }

    public JsonSummary put(final String key, final double[] values)
    {
        return putValue(key, values.clone());
    }

    public JsonSummary put(final String key, final long[] values)
    {
        return putValue(key, values.clone());
    }

    public JsonSummary put(final String key, final int[] values)
    {
        return putValue(key, values.clone());
    }

    public JsonSummary put(final String key, final List<String> values)
    {
        return putValue(key, List.copyOf(values));
    }

    /** Whole numbers, null where {@code absent} says so (an f-I current whose run blew up has no spike count). */
    public JsonSummary put(final String key, final int[] values, final boolean[] absent)
    {
        if (absent.length != values.length)
        {
            throw new IllegalArgumentException(values.length + " values, " + absent.length + " marks");
        }
        return putValue(key, new Counts(values.clone(), absent.clone()));
    }

    private record Counts(int[] values, boolean[] absent)
    {
    }

    /**
     * @return a new nested object stored under {@code key}, to be filled by the caller.
     */
    public JsonSummary object(final String key)
    {
        final JsonSummary child = new JsonSummary();
        putValue(key, child);
        return child;
    }

    /**
     * A nested object under a name the user chose (a population's: letters, digits and _, as a config allows, so
     * {@code E}, {@code L23_exc}), not one of this program's snake_case keys. Such a name was refused as not snake_case
     * after the simulation, and the run's outputs were lost.
     */
    public JsonSummary namedObject(final String name)
    {
        final JsonSummary child = new JsonSummary();
        putEntry(name, child);
        return child;
    }

    /**
     * Writes the object, indented, with a trailing newline.
     */
    public void writeTo(final Path file)
    {
        try (OutputStream out = Files.newOutputStream(file))
        {
            write(out, true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes the object as one line and a newline (the stream is flushed, not closed: it may be stdout).
     */
    public void writeCompactLine(final OutputStream out)
    {
        try
        {
            write(out, false);
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write JSON: " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes the object as one line and a newline straight into {@code out} (flushed, not closed: it may be
     * stdout). Unlike {@link #toJson}, no copy of the whole text is held in memory: {@code sim neuron --json} of a
     * long run lists millions of spike times.
     */
    public void writeCompactLine(final Writer out)
    {
        try
        {
            try (JsonGenerator json = FACTORY.createGenerator(out))
            {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                writeObject(json);
            }
            out.write('\n');
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write JSON: " + ex.getMessage(), ex);
        }
    }

    public String toJson(final boolean pretty)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try
        {
            write(out, pretty);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void write(final OutputStream out, final boolean pretty) throws IOException
    {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8))
        {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty)
            {
                // Number arrays stay on one line: a rate series is hundreds of values.
                json.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));
            }
            writeObject(json);
        }
        out.write('\n');
    }

    private void writeObject(final JsonGenerator json) throws IOException
    {
        json.writeStartObject();
        for (final Map.Entry<String, Object> e : entries.entrySet())
        {
            json.writeFieldName(e.getKey());
            writeValue(json, e.getValue());
        }
        json.writeEndObject();
    }

    private static void writeValue(final JsonGenerator json, final Object value) throws IOException
    {
        if (value instanceof JsonSummary child)
        {
            child.writeObject(json);
        }
        else if (value instanceof String text)
        {
            json.writeString(text);
        }
        else if (value instanceof Double d)
        {
            writeDouble(json, d, new Digits());
        }
        else if (value instanceof Long l)
        {
            json.writeNumber(l);
        }
        else if (value instanceof Boolean b)
        {
            json.writeBoolean(b);
        }
        else if (value instanceof double[] values)
        {
            // A spike list of millions (sim neuron --json): one text buffer for all, nothing allocated per number.
            final Digits digits = new Digits();
            json.writeStartArray();
            for (final double v : values)
            {
                writeDouble(json, v, digits);
            }
            json.writeEndArray();
        }
        else if (value instanceof long[] values)
        {
            json.writeArray(values, 0, values.length);
        }
        else if (value instanceof int[] values)
        {
            json.writeArray(values, 0, values.length);
        }
        else if (value instanceof Counts counts)
        {
            json.writeStartArray();
            for (int k = 0; k < counts.values().length; k++)
            {
                if (counts.absent()[k])
                {
                    json.writeNull();
                }
                else
                {
                    json.writeNumber(counts.values()[k]);
                }
            }
            json.writeEndArray();
        }
        else if (value instanceof List<?> values)
        {
            json.writeStartArray();
            for (final Object v : values)
            {
                json.writeString((String)v);
            }
            json.writeEndArray();
        }
        else
        {
            throw new IllegalStateException("unexpected JSON value type " + value.getClass());
        }
    }

    /** A number's text, reused from one number to the next. */
    private static final class Digits
    {
        final StringBuilder text = new StringBuilder(32);
        char[] chars = new char[32];
    }

    private static void writeDouble(final JsonGenerator json, final double value, final Digits digits) throws IOException
    {
        if (!Double.isFinite(value))
        {
            json.writeNull();
            return;
        }
        // Not writeNumber(double): its Double.toString text differs between JDK 17 and 19+ for some values.
        final StringBuilder text = digits.text;
        text.setLength(0);
        org.izhsim.core.ShortestDecimal.append(text, value);
        if (text.length() > digits.chars.length)
        {
            digits.chars = new char[text.length()];
        }
        text.getChars(0, text.length(), digits.chars, 0);
        json.writeNumber(digits.chars, 0, text.length());
    }

    private JsonSummary putValue(final String key, final Object value)
    {
        if (!SNAKE_CASE.matcher(key).matches())
        {
            throw new IllegalArgumentException("JSON key '" + key + "' is not snake_case");
        }
        return putEntry(key, value);
    }

    private JsonSummary putEntry(final String key, final Object value)
    {
        if (value == null)
        {
            throw new IllegalArgumentException("JSON key '" + key + "' has a null value");
        }
        if (entries.putIfAbsent(key, value) != null)
        {
            throw new IllegalArgumentException("JSON key '" + key + "' is already set");
        }
        return this;
    }
}
