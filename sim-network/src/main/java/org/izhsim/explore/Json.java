package org.izhsim.explore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

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
        try (JsonParser parser = FACTORY.createParser(body))
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
            }
            if (parser.nextToken() != null)
            {
                throw new ApiException(400, "unexpected content after the JSON object");
            }
        }
        catch (final JsonProcessingException ex)
        {
            // Jackson's own advice ("enable JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS to allow") is for its callers,
            // not for the page's: the first sentence names the problem, its location says where.
            final String message = ex.getOriginalMessage();
            final int advice = message.indexOf(": enable ");
            final String problem = message.startsWith("Non-standard token") ?
                message.substring(0, advice > 0 ? advice : message.length()) + " (NaN and Infinity are no JSON numbers)" :
                advice > 0 ? message.substring(0, advice) : message;
            throw new ApiException(400, "the request body is not valid JSON: " + problem +
                (ex.getLocation() != null ? " (line " + ex.getLocation().getLineNr() + ", column " +
                    ex.getLocation().getColumnNr() + ")" : ""));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return members;
    }
}
