package org.izhsim.explore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explorer's JSON API over HTTP: valid requests give the numbers of {@code sim neuron --json}; bad ones
 * give 400/404/405/409 with a one-line JSON error naming the field, never a stack trace.
 */
class ExplorerApiTest
{
    private static ExplorerServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start()
    {
        server = ExplorerServer.start(0, Path.of("..", "configs"), Path.of("target", "explorer-api-test-out"));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void listsEveryPresetWithItsParametersAndLimits() throws Exception
    {
        final Reply reply = get("/api/presets");
        assertEquals(200, reply.status);
        assertEquals(37, count(reply.body, "\"name\":"));
        assertTrue(reply.body.contains("\"name\":\"tonic_bursting\""));
        assertTrue(reply.body.contains("\"model_2007\":[{\"key\":\"C\""));
        assertTrue(reply.body.contains("\"methods\":[\"euler\",\"semi_implicit_euler\",\"halfstep\",\"rk4\"]"));
    }

    @Test
    void unchangedPresetIsThePlainPresetCommand() throws Exception
    {
        final Reply reply = post("/api/neuron", "{\"preset\":\"RS\",\"a\":0.02,\"b\":0.2,\"c\":-65,\"d\":8," +
            "\"dt\":0.25,\"duration\":150,\"method\":\"semi_implicit_euler\",\"stimulus\":\"preset\"}");
        assertEquals(200, reply.status, reply.body);
        assertEquals("./sim neuron --preset RS", field(reply.body, "command"));
        assertEquals(SimNeuronJson.spikeCount("./sim neuron --preset RS"), Integer.parseInt(field(reply.body, "spike_count")));
    }

    @Test
    void changedValuesBecomeOptionsAndGiveTheCommandLinesSpikes() throws Exception
    {
        final Reply reply = post("/api/neuron", "{\"preset\":\"tonic_bursting\",\"a\":\"0.03\",\"c\":-50," +
            "\"stimulus\":\"dc\",\"current\":12,\"onset\":10,\"offset\":\"\",\"method\":\"rk4\",\"dt\":0.1}");
        assertEquals(200, reply.status, reply.body);
        final String command = field(reply.body, "command");
        assertEquals("./sim neuron --preset tonic_bursting --a 0.03 --method rk4 --dt 0.1 --current 12 --onset 10",
            command);
        final int count = Integer.parseInt(field(reply.body, "spike_count"));
        assertTrue(count > 0);
        assertEquals(SimNeuronJson.spikeCount(command), count);
    }

    @Test
    void model2007PresetTakesItsMembraneParameters() throws Exception
    {
        final Reply reply = post("/api/neuron", "{\"preset\":\"izh2007_fs\",\"k\":1.2,\"stimulus\":\"dc\",\"current\":300}");
        assertEquals(200, reply.status, reply.body);
        final String command = field(reply.body, "command");
        assertEquals(SimNeuronJson.spikeCount(command), Integer.parseInt(field(reply.body, "spike_count")));
        assertEquals("pA", field(reply.body, "current_unit"));
    }

    @Test
    void traceOfAThousandMillisecondsIsDecimatedToAtMostTwoThousandPoints() throws Exception
    {
        final Reply reply = post("/api/neuron", "{\"preset\":\"RS\",\"duration\":1000,\"dt\":0.1}");
        assertEquals(200, reply.status, reply.body);
        final int points = count(between(reply.body, "\"v\":[", "]"), ",") + 1;
        assertTrue(points <= TraceDecimation.MAX_POINTS && points > 1000, "points: " + points);
    }

    @Test
    void badFieldsAreRefusedWithTheFieldAndTheReason() throws Exception
    {
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"a\":\"abc\"}"), 400, "a", "a must be a number, got 'abc'");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"d\":1e9}"), 400, "d", "d must be between -25 and 30, got 1000000000");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"dt\":0}"), 400, "dt", "dt must be between 0.005 and 1 ms, got 0");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"dt\":0.005,\"duration\":5000}"), 400, "dt",
            "dt = 0.005 ms gives 1,000,001 steps for 5000 ms; the explorer takes at most 1,000,000 (raise dt or shorten the run)");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"dt\":0.5,\"duration\":10.25}"), 200, null, null);
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"stimulus\":\"dc\",\"current\":5,\"onset\":50,\"offset\":20}"),
            400, "offset", "offset (20 ms) must be after onset (50 ms)");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"method\":\"leapfrog\"}"), 400, "method", null);
        assertError(post("/api/neuron", "{\"preset\":\"RZZ\"}"), 400, "preset",
            "unknown preset 'RZZ'; did you mean 'RZ'? (run 'sim neuron --list' to see all 37 presets)");
        assertError(post("/api/neuron", "{}"), 400, "preset", null);
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"a\":[1]}"), 400, "a", null);
        assertError(post("/api/neuron", "not json"), 400, null, null);
        assertError(post("/api/neuron", "[1,2]"), 400, null, "the request body must be a JSON object");
    }

    @Test
    void wrongMethodsAndPathsAreJsonErrors() throws Exception
    {
        assertError(get("/api/neuron"), 405, null, "GET is not allowed here; use POST");
        assertError(post("/api/presets", "{}"), 405, null, "POST is not allowed here; use GET");
        assertError(get("/api/nothing"), 404, null, "no such page or API: /api/nothing");
        assertError(get("/files/..%2F..%2Fpom.xml/x"), 404, null, null);
        assertError(get("/files/x/..%2F..%2F..%2Fpom.xml"), 404, null, null);
        assertError(get("/files/.hidden/x"), 404, null, null);
    }

    @Test
    void servesThePageAndItsAssets() throws Exception
    {
        final Reply page = get("/");
        assertEquals(200, page.status);
        assertTrue(page.body.contains("<canvas id=\"plot-v\""));
        assertEquals(200, get("/explorer.js").status);
        assertEquals(200, get("/explorer.css").status);
    }

    @Test
    void networkStartIsValidatedWithTheCommandLinesLocatedErrors() throws Exception
    {
        assertError(post("/api/network/start", "{\"config\":\"../pom.xml\"}"), 400, "config", null);
        assertError(post("/api/network/start", "{}"), 400, "config", null);
        assertError(post("/api/network/start", "{\"yaml\":\"name: x\\nseed: abc\\n\",\"filename\":\"my.yaml\"}"), 400, null,
            "my.yaml:2:7: expected an integer for 'seed', got 'abc'");
        assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"duration_ms\":\"soon\"}"), 400,
            "duration_ms", "duration_ms must be a number, got 'soon'");
        final Reply configs = get("/api/configs");
        assertEquals(200, configs.status);
        assertTrue(configs.body.contains("\"file\":\"cortex2003.yaml\""));
    }

    @Test
    void aSecondRunWhileOneIsRunningIsRefusedPolitely() throws Exception
    {
        final Reply first = post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"duration_ms\":600000}");
        assertEquals(202, first.status, first.body);
        try
        {
            assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\"}"), 409, null,
                "'cortex2003' is still running; stop it or wait for it to end before starting another run");
        }
        finally
        {
            assertEquals(200, post("/api/network/stop", "").status);
        }
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (get("/api/configs").body.contains("\"running\":true"))
        {
            assertTrue(System.nanoTime() < deadline, "the run did not stop");
            Thread.sleep(50);
        }
        assertFalse(get("/api/configs").body.contains("\"running\":true"));
    }

    @Test
    void liveEventsCarryEverySpikeCountAndEndWithTheRunsFiles() throws Exception
    {
        final HttpRequest events = HttpRequest.newBuilder(URI.create(server.url() + "api/network/events")).GET().build();
        final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream =
            CLIENT.sendAsync(events, HttpResponse.BodyHandlers.ofLines());
        final java.util.Iterator<String> lines = stream.get(10, java.util.concurrent.TimeUnit.SECONDS).body().iterator();
        final Reply started = post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"duration_ms\":300}");
        assertEquals(202, started.status, started.body);
        String event = "";
        long chunkSpikes = 0;
        long binnedSpikes = 0;
        long chunkSteps = 0;
        String end = null;
        while (end == null && lines.hasNext())
        {
            final String line = lines.next();
            if (line.startsWith("event: "))
            {
                event = line.substring(7);
            }
            else if (line.startsWith("data: ") && "chunk".equals(event))
            {
                chunkSpikes += Long.parseLong(field(line, "spikes"));
                chunkSteps += Long.parseLong(field(line, "steps"));
                final String counts = between(line, "\"counts\":[", "]]");
                for (final String count : counts.replace("[", "").replace("]", "").split(","))
                {
                    binnedSpikes += Long.parseLong(count.trim());
                }
            }
            else if (line.startsWith("data: ") && "end".equals(event))
            {
                end = line;
            }
        }
        assertTrue(end != null, "no end event");
        assertEquals(300, chunkSteps);
        assertTrue(chunkSpikes > 1000, "spikes: " + chunkSpikes);
        assertEquals(chunkSpikes, binnedSpikes);
        assertEquals(chunkSpikes, Long.parseLong(field(end, "spikes")));
        assertTrue(end.contains("/summary.json\""), end);
        final Matcher raster = Pattern.compile("\"(/files/[^\"]+/raster\\.png)\"").matcher(end);
        assertTrue(raster.find(), end);
        final Reply png = get(raster.group(1));
        assertEquals(200, png.status);
        assertEquals("image/png", png.contentType);
        stream.cancel(true);
    }

    private static void assertError(final Reply reply, final int status, final String field, final String message)
    {
        assertEquals(status, reply.status, reply.body);
        assertTrue(reply.contentType.startsWith("application/json"), reply.contentType);
        assertFalse(reply.body.contains("\tat "), "stack trace in " + reply.body);
        if (status >= 400)
        {
            assertTrue(reply.body.startsWith("{\"error\":"), reply.body);
            assertEquals(field, field(reply.body, "field"), reply.body);
            if (message != null)
            {
                assertEquals(message, field(reply.body, "error"));
            }
        }
    }

    /** A top-level string or number member, by a pattern good enough for these replies. */
    static String field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.eE]+)").matcher(json);
        if (!matcher.find())
        {
            return null;
        }
        return matcher.group(2) != null ? matcher.group(2).replace("\\\"", "\"") : matcher.group(1);
    }

    private static String between(final String text, final String from, final String to)
    {
        final int start = text.indexOf(from) + from.length();
        return text.substring(start, text.indexOf(to, start));
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length()))
        {
            count++;
        }
        return count;
    }

    private static Reply get(final String path) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).GET());
    }

    private static Reply post(final String path, final String body) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Reply send(final HttpRequest.Builder request) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private record Reply(int status, String contentType, String body)
    {
    }
}
