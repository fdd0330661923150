package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSummaryTest
{
    private static JsonSummary summary()
    {
        final JsonSummary s = new JsonSummary().put("model", "izhikevich_2003").put("neurons", 1000L)
            .put("dt_ms", 0.1).put("converged", true);
        s.object("rates_hz").put("excitatory", 8.25).put("inhibitory", Double.NaN);
        s.put("spike_counts", new int[] {3, 0, 5}).put("isi_ms", new double[] {12.5, Double.POSITIVE_INFINITY})
            .put("populations", List.of("excitatory", "inhibitory"));
        return s;
    }

    @Test
    void compactIsOneOrderedLineWithNullForNonFiniteNumbers()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary().writeCompactLine(out);
        assertEquals("{\"model\":\"izhikevich_2003\",\"neurons\":1000,\"dt_ms\":0.1,\"converged\":true,"
            + "\"rates_hz\":{\"excitatory\":8.25,\"inhibitory\":null},\"spike_counts\":[3,0,5],"
            + "\"isi_ms\":[12.5,null],\"populations\":[\"excitatory\",\"inhibitory\"]}\n",
            out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void compactLineIntoAWriterIsTheSameTextAsIntoAStream()
    {
        final java.io.StringWriter writer = new java.io.StringWriter();
        summary().put("times_ms", new double[] {0.1, 1e-7, 4000.0045454545457, 1e300, -0.0}).put("name", "é \"q\"")
            .writeCompactLine(writer);
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        summary().put("times_ms", new double[] {0.1, 1e-7, 4000.0045454545457, 1e300, -0.0}).put("name", "é \"q\"")
            .writeCompactLine(stream);
        assertEquals(stream.toString(StandardCharsets.UTF_8), writer.toString());
    }

    @Test
    void prettyFileParsesBackToTheSameTokens(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("summary.json");
        summary().writeTo(file);
        final String text = Files.readString(file);
        final String compact = summary().toJson(false);
        assertEquals(tokens(compact), tokens(text));
        assertEquals(true, text.contains("\n  \"rates_hz\" : {\n    \"excitatory\" : 8.25,"), text);
    }

    @Test
    void keysMustBeSnakeCaseAndUnique()
    {
        assertThrows(IllegalArgumentException.class, () -> new JsonSummary().put("firingRate", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new JsonSummary().put("rate_", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new JsonSummary().put("rate", 1.0).put("rate", 2.0));
    }

    private static String tokens(final String json) throws IOException
    {
        final StringBuilder out = new StringBuilder();
        try (JsonParser p = new JsonFactory().createParser(json))
        {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken())
            {
                out.append(t).append('=').append(p.getText()).append(' ');
            }
        }
        return out.toString();
    }
}
