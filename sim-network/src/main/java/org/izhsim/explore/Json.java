package org.izhsim.explore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The explorer's JSON: replies written with jackson-core's streaming generator, and requests read as one flat
 * object of strings, numbers, booleans and nulls (all the API takes), so nothing needs a data-binding library.
 */
final class Json
{
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes one JSON value; may throw the generator's IOException. */
    @FunctionalInterface
    interface Body
    {
        void writeTo(JsonGenerator json) throws IOException;
    }

    private Json()
    {
    }

    static byte[] write(final Body body)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = FACTORY.createGenerator(bytes))
        {
            body.writeTo(json);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static byte[] error(final String message, final String field)
    {
        return write(json ->
        {
            json.writeStartObject();
            json.writeStringField("error", message);
            if (field != null)
            {
                json.writeStringField("field", field);
            }
            json.writeEndObject();
        });
    }

    /** NaN and infinities have no JSON form: they become null, which the page draws as a gap. */
    static void number(final JsonGenerator json, final double value) throws IOException
    {
        if (Double.isFinite(value))
        {
            json.writeNumber(value);
        }
        else
        {
            json.writeNull();
        }
    }

    static void numberField(final JsonGenerator json, final String name, final double value) throws IOException
    {
        json.writeFieldName(name);
        number(json, value);
    }

    /** Floats print in their shortest form, about half the bytes of doubles for a trace. */
    static void floats(final JsonGenerator json, final String name, final float[] values) throws IOException
    {
        json.writeArrayFieldStart(name);
        for (final float value : values)
        {
            if (Float.isFinite(value))
            {
                json.writeNumber(value);
            }
            else
            {
                json.writeNull();
            }
        }
        json.writeEndArray();
    }

    static void doubles(final JsonGenerator json, final String name, final double[] values) throws IOException
    {
        json.writeArrayFieldStart(name);
        for (final double value : values)
        {
            number(json, value);
        }
        json.writeEndArray();
    }

    /**
     * @param body a request body.
     * @return its members: String, Double, Boolean or null values, in order.
     * @throws ApiException 400 when it is not one flat JSON object, or names a member twice.
     */
    static Map<String, Object> readFlatObject(final byte[] body)
    {
        final Map<String, Object> members = new LinkedHashMap<>();
        String reading = null; // the member whose value is being read, for an error's field
        final JsonParser parser = parser(body);
        try (parser)
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw new ApiException(400, "the request body must be a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken())
            {
                final String name = parser.currentName();
                // Which of two values was meant is not ours to guess (most parsers keep the last).
                if (members.containsKey(name))
                {
                    throw new ApiException(400, name, "duplicate field '" + name + "': give each field once");
                }
                reading = name;
                final JsonToken value = parser.nextToken();
                switch (value)
                {
                    case VALUE_STRING:
                        members.put(name, parser.getText());
                        break;
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        members.put(name, parser.getDoubleValue());
                        break;
                    case VALUE_TRUE:
                    case VALUE_FALSE:
                        members.put(name, parser.getBooleanValue());
                        break;
                    case VALUE_NULL:
                        members.put(name, null);
                        break;
                    default:
                        throw new ApiException(400, name, "'" + name + "' must be a string, number, boolean or null");
                }
                reading = null;
            }
            if (parser.nextToken() != null)
            {
                throw new ApiException(400, "unexpected content after the JSON object");
            }
        }
        catch (final JsonProcessingException ex)
        {
            // A limit's exception has no location, and a number's or a string's comes while the parser reads the
            // member's name, as it reads the value after it at once: the parser knows both.
            final JsonLocation location = ex.getLocation() != null ? ex.getLocation() : parser.currentLocation();
            final boolean valueLimit = ex instanceof StreamConstraintsException &&
                !ex.getOriginalMessage().startsWith("Name length");
            throw new ApiException(400, valueLimit ? parser.getParsingContext().getCurrentName() : reading, "the request body is not valid " +
                "JSON: " + problem(ex.getOriginalMessage()) + (location != null ? " (line " + location.getLineNr() +
                ", column " + location.getColumnNr() + ")" : ""));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return members;
    }

    private static JsonParser parser(final byte[] body)
    {
        try
        {
            return FACTORY.createParser(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Jackson's limits: "... exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)". */
    private static final Pattern LIMIT = Pattern.compile(
        ".*exceeds the maximum allowed \\((\\d+), from `StreamReadConstraints\\.getMax(\\w+)\\(\\)`\\).*", Pattern.DOTALL);
    /** Where an unclosed object or array began: "(start marker at [Source: ...; line: 1, column: 1])". */
    private static final Pattern START_MARKER = Pattern.compile(
        "\\s*\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)", Pattern.DOTALL);

    /**
     * Jackson's message as one plain line for the page's user: its advice to its callers ("enable
     * JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS to allow"), its source description ("[Source: REDACTED
     * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)...]") and the names of its limits' methods go: what is
     * wrong stays, and the caller adds the line and column.
     */
    static String problem(final String message)
    {
        final Matcher limit = LIMIT.matcher(message);
        if (limit.matches())
        {
            final String max = limit.group(1);
            switch (limit.group(2))
            {
                case "NumberLength":
                    return "a number longer than " + max + " characters";
                case "NameLength":
                    return "a field name longer than " + max + " characters";
                case "StringLength":
                    return "a string longer than " + max + " characters";
                case "NestingDepth":
                    return "nested deeper than " + max + " levels";
                default:
                    return "the body goes beyond the JSON parser's limit of " + max;
            }
        }
        String text = START_MARKER.matcher(message).replaceAll(" (opened at line $1, column $2)");
        final int advice = text.indexOf(": enable ");
        text = advice > 0 ? text.substring(0, advice) : text;
        if (text.startsWith("Non-standard token"))
        {
            text += " (NaN and Infinity are no JSON numbers)";
        }
        // Anything else that describes the parser rather than the body, and line breaks: the reply is one line.
        return text.replaceAll("\\s*\\[Source: [^\\]]*\\]", "").replaceAll("`[^`]*`", "").replaceAll("\\s+", " ").strip();
    }
}
