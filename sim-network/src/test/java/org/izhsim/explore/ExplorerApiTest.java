package org.izhsim.explore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /**
     * The server takes a run as over once its events are all sent (LiveRun drains its publisher, then clears
     * running), so its "end" event can reach the client first: a start right after it (the next test's) was refused
     * with 409 ("'stopped_cortex' is still running") once in 5 runs of this class on the busy 2-core machine.
     */
    @BeforeEach
    void noRunIsRunning() throws Exception
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (get("/api/configs").body.contains("\"running\":true"))
        {
            assertTrue(System.nanoTime() < deadline, "an earlier test's run did not end within 30 s");
            Thread.sleep(20);
        }
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

    /**
     * A preset whose equations are not its family's standard form carries them as sim neuron prints them (its
     * "equations:" line, --json's params.equations): the page's header showed the standard form above them.
     */
    @Test
    void presetsOutsideTheStandardFormCarryTheirEquations() throws Exception
    {
        final String catalog = get("/api/presets").body;
        for (final String preset : new String[] {"class_1_excitable", "accommodation", "izh2007_fs", "izh2007_lts",
            "izh2007_tc", "izh2007_rtn"})
        {
            final String equations = field(SimNeuronJson.json("./sim neuron --preset " + preset), "equations");
            assertTrue(equations != null && !equations.isEmpty(), preset);
            assertTrue(catalog.contains("{\"name\":\"" + preset + "\",") &&
                field(catalog.substring(catalog.indexOf("{\"name\":\"" + preset + "\",")), "equations").equals(equations),
                preset + ": " + equations);
        }
        assertEquals("v' = 0.04 v^2 + 4.1 v + 108 - u + I (not 0.04 v^2 + 5 v + 140)",
            field(catalog.substring(catalog.indexOf("{\"name\":\"class_1_excitable\",")), "equations"));
        for (final String preset : new String[] {"RS", "izh2007_rs"})
        {
            assertTrue(catalog.contains("\"name\":\"" + preset + "\",") && catalog.substring(catalog.indexOf(
                "\"name\":\"" + preset + "\",")).matches("(?s)[^}]*\"equations\":null,.*"), preset);
        }
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

    /**
     * The resonator's pulses are 0.65 and it rests (and oscillates) at 0 between them: the phase plane had only the
     * v-nullcline at 0.65; the reply carries the one at the held current too. A DC step held for most of the run
     * (RS: 10 from 10 ms of 150) has one.
     */
    @Test
    void aPulseProtocolsPhasePlaneHasTheNullclineOfItsRestingCurrentToo() throws Exception
    {
        final Reply pulses = post("/api/neuron", "{\"preset\":\"resonator\"}");
        assertEquals(200, pulses.status, pulses.body);
        assertEquals("0.65", field(pulses.body, "current"));
        assertEquals("0.0", field(pulses.body, "held_current"));
        assertTrue(pulses.body.contains("\"v_nullcline_held_u\":["), pulses.body.substring(0, 200));
        final Reply step = post("/api/neuron", "{\"preset\":\"RS\"}");
        assertEquals(200, step.status, step.body);
        assertTrue(!step.body.contains("held_current"), "RS holds its strongest current");
    }

    /**
     * A spike's sample holds u after the reset: the page drew the peak there (the upstroke climbed by d). The reply
     * names the spike samples among those sent ("peaks", decimated or not) and u before each reset ("peak_u").
     */
    @Test
    void theReplyGivesEachSentSpikeSampleItsUBeforeTheReset() throws Exception
    {
        for (final String body : new String[] {"{\"preset\":\"RS\"}", "{\"preset\":\"RS\",\"duration\":1000,\"dt\":0.1}"})
        {
            final Reply reply = post("/api/neuron", body);
            assertEquals(200, reply.status, reply.body);
            final double[] v = numbers(between(reply.body, "\"v\":[", "]"));
            final double[] u = numbers(between(reply.body, "\"u\":[", "]"));
            final double[] peaks = numbers(between(reply.body, "\"peaks\":[", "]"));
            final double[] peakU = numbers(between(reply.body, "\"peak_u\":[", "]"));
            assertEquals(Integer.parseInt(field(reply.body, "spike_count")), peaks.length, body);
            assertEquals(peaks.length, peakU.length);
            for (int m = 0; m < peaks.length; m++)
            {
                final int k = (int)peaks[m];
                assertEquals(30.0, v[k], 0.0, body + ": sample " + k + " is a peak");
                // RS: d = 8 (floats on the wire).
                assertEquals(u[k] - 8, peakU[m], 1e-4, body + ": spike " + m);
            }
        }
    }

    private static double[] numbers(final String list)
    {
        return list.isBlank() ? new double[0] :
            java.util.Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
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
        // As the command line the request is copied to, and experiment files: no hexadecimal, no type suffix.
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"a\":\"0x1p3\"}"), 400, "a", "a must be a number, got '0x1p3'");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"d\":1e9}"), 400, "d", "d must be between -25 and 30, got 1000000000");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"dt\":0}"), 400, "dt", "dt must be between 0.005 and 1 ms, got 0");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"dt\":0.005,\"duration\":5000}"), 400, "dt",
            "dt = 0.005 ms gives 1,000,001 steps for 5000 ms; the explorer takes at most 1,000,000 (raise dt or shorten the run)");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"dt\":0.5,\"duration\":10.25}"), 200, null, null);
        // A value of the wrong type is named as given ("preset is required" of 5; "got 5.0" of 5).
        assertError(post("/api/neuron", "{\"preset\":5}"), 400, "preset",
            "preset must be a preset's name in quotes, got 5 (GET /api/presets lists them)");
        assertError(post("/api/network/start", "{\"config\":5}"), 400, "config", "config must be a string, got 5");
        // The command line's warnings reach the page: a step between two step starts did nothing, without a word.
        final Reply narrow = post("/api/neuron", "{\"preset\":\"RS\",\"stimulus\":\"dc\",\"current\":100," +
            "\"onset\":20.1,\"offset\":20.2}");
        assertEquals(200, narrow.status, narrow.body);
        assertTrue(narrow.body.contains("\"warnings\":[\"the --current step (--onset 20.1) lasts from 20.1 to 20.2 ms, " +
            "less than the time step (dt = 0.25 ms)") && narrow.body.contains("none of it is applied"), narrow.body);
        final Reply plain = post("/api/neuron", "{\"preset\":\"RS\"}");
        assertTrue(plain.body.contains("\"warnings\":[]"), plain.body);
        // A stop takes no fields: its body was ignored, garbage answered "stopping".
        assertError(post("/api/network/stop", "garbage"), 400, null, null);
        assertError(post("/api/network/stop", "{\"x\":1}"), 400, "x", "unknown field 'x' (a stop takes none)");
        // NaN in the body: the problem and where, not Jackson's advice to enable a feature.
        final Reply nan = post("/api/neuron", "{\"preset\":\"RS\",\"a\":NaN}");
        assertEquals(400, nan.status, nan.body);
        assertTrue(nan.body.contains("the request body is not valid JSON: Non-standard token 'NaN' (NaN and Infinity " +
            "are no JSON numbers) (line 1, column ") && !nan.body.contains("enable"), nan.body);
        // A model that blows up is marked at dt, the first remedy its message names (no field was marked).
        final Reply blown = post("/api/neuron", "{\"preset\":\"RS\",\"a\":-0.1,\"b\":-1.5,\"d\":-25," +
            "\"stimulus\":\"dc\",\"current\":100,\"dt\":1,\"method\":\"rk4\"}");
        assertEquals(400, blown.status, blown.body);
        assertTrue(blown.body.contains("\"field\":\"dt\"") && blown.body.contains("numerical blow-up at t = "),
            blown.body);
        // The sliders' dt and duration need not meet on whole steps, which sim neuron requires: the run ends at the
        // last whole step and the command shown says so (1000 ms at dt 0.3: 3333 steps, 999.9 ms).
        final Reply snapped = post("/api/neuron", "{\"preset\":\"RS\",\"dt\":0.3,\"duration\":1000}");
        assertEquals(200, snapped.status, snapped.body);
        assertTrue(snapped.body.contains("\"duration_ms\":999.9,") && snapped.body.contains("--duration 999.9\""),
            snapped.body);
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"stimulus\":\"dc\",\"current\":5,\"onset\":50,\"offset\":20}"),
            400, "offset", "offset (20 ms) must be after onset (50 ms)");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"method\":\"leapfrog\"}"), 400, "method", null);
        assertError(post("/api/neuron", "{\"preset\":\"RZZ\"}"), 400, "preset",
            "unknown preset 'RZZ'; did you mean 'RZ'? (GET /api/presets lists all 37)");
        assertError(post("/api/neuron", "{}"), 400, "preset", null);
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"a\":[1]}"), 400, "a", null);
        assertError(post("/api/neuron", "not json"), 400, null, null);
        assertError(post("/api/neuron", "[1,2]"), 400, null, "the request body must be a JSON object");
    }

    /**
     * Fields the API does not take, given twice or of the wrong type are refused naming the field, not ignored
     * (a misspelt dt ran with the default dt; "real_time": "yes" ran at full speed), and a duration that is not a
     * whole number of steps is reported against duration_ms, not the command line's --duration.
     */
    @Test
    void misspeltRepeatedOrMistypedFieldsAreRefusedNotIgnored() throws Exception
    {
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"dT\":0.01}"), 400, "dT",
            "unknown field 'dT', did you mean 'dt'?");
        assertError(post("/api/neuron", "{\"presets\":\"RS\"}"), 400, "presets",
            "unknown field 'presets', did you mean 'preset'?");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"vpeak\":35}"), 400, "vpeak",
            "unknown field 'vpeak' for preset 'RS' (fields: preset, method, stimulus, a, b, c, d, current, onset, " +
                "offset, dt, duration)");
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"dt\":0.5,\"dt\":0.1}"), 400, "dt",
            "duplicate field 'dt': give each field once");
        // The DC step's fields act only with "stimulus": "dc"; without it they ran the preset's protocol, even "x".
        final String needsDc =
            " sets the DC step, which needs stimulus 'dc' (with stimulus 'preset', the default, the preset's protocol runs)";
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"current\":\"x\"}"), 400, "current", "current" + needsDc);
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"current\":10}"), 400, "current", "current" + needsDc);
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"stimulus\":\"preset\",\"onset\":5}"), 400, "onset",
            "onset" + needsDc);
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"offset\":null}"), 200, null, null);
        assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"duraton_ms\":300}"), 400,
            "duraton_ms", "unknown field 'duraton_ms', did you mean 'duration_ms'?");
        assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"config\":\"sparse10k.yaml\"}"),
            400, "config", "duplicate field 'config': give each field once");
        assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"real_time\":\"yes\"}"), 400,
            "real_time", "real_time must be true or false, got 'yes'");
        assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"real_time\":1}"), 400,
            "real_time", "real_time must be true or false, got 1");
        assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"duration_ms\":1.5}"), 400,
            "duration_ms", "duration_ms must be a multiple of dt_ms = 1, got 1.5");
        assertTrue(get("/api/configs").body.contains("\"running\":false"), "a refused request must not start a run");
    }

    /**
     * A body the JSON parser refuses was answered with the parser's internals: "expected close marker for Object
     * (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column:
     * 1])", "exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)". One plain line
     * now: what is wrong, where, and the field when one was being read.
     */
    @Test
    void aBodyThatIsNotJsonIsAnsweredInOnePlainLine() throws Exception
    {
        assertError(post("/api/neuron", "{\"preset\":\"RS\""), 400, null, "the request body is not valid JSON: " +
            "Unexpected end-of-input: expected close marker for Object (opened at line 1, column 1) (line 1, column 15)");
        final Reply number = post("/api/neuron", "{\"dt\":" + "1".repeat(1001) + "}");
        assertError(number, 400, "dt", null);
        assertTrue(field(number.body, "error").startsWith("the request body is not valid JSON: a number longer than " +
            "1000 characters (line 1, column "), number.body);
        final Reply name = post("/api/neuron", "{\"" + "k".repeat(1_000_001) + "\":1}");
        assertError(name, 400, null, null);
        assertTrue(field(name.body, "error").startsWith("the request body is not valid JSON: a field name longer than " +
            "50000 characters (line 1, column "), name.body);
        for (final Reply reply : new Reply[] {number, name, post("/api/neuron", "{\"dt\":NaN}"),
            post("/api/neuron", "[1,{\"a\":")})
        {
            assertFalse(reply.body.contains("Source") || reply.body.contains("`") || reply.body.contains("REDACTED") ||
                reply.body.contains("StreamRead") || reply.body.contains("\\n"), reply.body);
        }
    }

    /**
     * Each neuron request checked its trace against half the heap alone: 60 at once (4990 ms at dt 0.005, 32 MB each)
     * under -Xmx512m answered 500 OutOfMemoryError. Their traces share half the heap now; one that does not fit beside
     * those being simulated gets a 503 saying so. Here the others' traces are stood in by taking the permits.
     */
    @Test
    void neuronRequestsWhoseTracesDoNotFitBesideOthersInFlightGetA503() throws Exception
    {
        final int taken = NeuronReply.TRACE_KIB.drainPermits();
        try
        {
            final Reply busy = post("/api/neuron", "{\"preset\":\"RS\"}");
            assertError(busy, 503, null, null);
            assertTrue(field(busy.body, "error").startsWith("the explorer is simulating other neurons' runs"), busy.body);
        }
        finally
        {
            NeuronReply.TRACE_KIB.release(taken);
        }
        assertEquals(200, post("/api/neuron", "{\"preset\":\"RS\"}").status);
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

    /**
     * /files serves what runs wrote, nothing else under the out folder: a link there to another folder served its
     * files (a link to /etc served /etc/hostname), and so was any user file two folders deep.
     */
    @Test
    void onlyTheFilesARunWroteAreServed() throws Exception
    {
        final Path out = Path.of("target", "explorer-api-test-out");
        final Path user = out.resolve("users_folder");
        final Path link = out.resolve("linked_configs");
        java.nio.file.Files.createDirectories(user);
        try
        {
            java.nio.file.Files.writeString(user.resolve("notes.txt"), "a user's notes");
            java.nio.file.Files.createSymbolicLink(link, Path.of("..", "configs").toAbsolutePath());
            assertTrue(java.nio.file.Files.isRegularFile(link.resolve("cortex2003.yaml")));
            assertError(get("/files/users_folder/notes.txt"), 404, null, "no such run file: /files/users_folder/notes.txt");
            assertError(get("/files/linked_configs/cortex2003.yaml"), 404, null,
                "no such run file: /files/linked_configs/cortex2003.yaml");
        }
        finally
        {
            java.nio.file.Files.deleteIfExists(link);
            java.nio.file.Files.deleteIfExists(user.resolve("notes.txt"));
            java.nio.file.Files.deleteIfExists(user);
        }
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

    /**
     * An upload named "." or ".." (dots only, which name no file) is named as an unnamed one, upload.yaml: it was kept,
     * and its errors read ".:2:7: ..." (a tester's finding).
     */
    @Test
    void anUploadNamedWithDotsOnlyIsNamedAsTheDefault() throws Exception
    {
        for (final String dots : new String[] {".", "..", " ... "})
        {
            assertError(post("/api/network/start", "{\"yaml\":\"name: x\\nseed: abc\\n\",\"filename\":\"" + dots +
                "\"}"), 400, "yaml", "upload.yaml:2:7: expected an integer for 'seed', got 'abc'");
        }
        // A name with dots and more is the user's, as before.
        assertError(post("/api/network/start", "{\"yaml\":\"name: x\\nseed: abc\\n\",\"filename\":\"..a\"}"), 400,
            "yaml", "..a:2:7: expected an integer for 'seed', got 'abc'");
    }

    /** A number given as text takes spaces around it, not control characters: "0.02\\u0000" was read as 0.02. */
    @Test
    void aNumberWithAControlCharacterIsRefused() throws Exception
    {
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"a\":\"0.02\\u0000\"}"), 400, "a",
            "a must be a number, got '0.02\\\\u0000'");
        assertEquals(200, post("/api/neuron", "{\"preset\":\"RS\",\"a\":\" 0.02 \"}").status);
    }

    /** A filename of a million characters was echoed whole in the refusal (1 MB) and kept in summary.json. */
    @Test
    void anUploadsFilenameLongerThanAFilesNameIsRefused() throws Exception
    {
        final String name = "a".repeat(100_000);
        final Reply reply = post("/api/network/start", "{\"yaml\":\"name: x\\nseed: abc\\n\",\"filename\":\"" + name +
            "\"}");
        assertError(reply, 400, "filename", "filename must be at most 255 characters (a file's name), got 100,000");
        assertTrue(reply.body.length() < 300, reply.body.length() + " bytes");
        assertError(post("/api/network/start", "{\"yaml\":\"name: x\\nseed: abc\\n\",\"filename\":\"" +
            "b".repeat(255) + "\"}"), 400, "yaml", "b".repeat(255) + ":2:7: expected an integer for 'seed', got 'abc'");
    }

    @Test
    void networkStartIsValidatedWithTheCommandLinesLocatedErrors() throws Exception
    {
        assertError(post("/api/network/start", "{\"config\":\"../pom.xml\"}"), 400, "config", null);
        assertError(post("/api/network/start", "{}"), 400, "config", null);
        assertError(post("/api/network/start", "{\"yaml\":\"name: x\\nseed: abc\\n\",\"filename\":\"my.yaml\"}"), 400, "yaml",
            "my.yaml:2:7: expected an integer for 'seed', got 'abc'");
        assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"duration_ms\":\"soon\"}"), 400,
            "duration_ms", "duration_ms must be a number, got 'soon'");
        // An empty filename is the default's (the message was located at ":2:7"), and a refusal the plan makes at a
        // place in the file is the file's field's, as the parser's are (it came without a field).
        assertError(post("/api/network/start", "{\"yaml\":\"name: x\\nseed: abc\\n\",\"filename\":\" \"}"), 400,
            "yaml", "upload.yaml:2:7: expected an integer for 'seed', got 'abc'");
        final Reply located = post("/api/network/start", "{\"yaml\":\"name: t\\npopulations:\\n  p: {size: 2, " +
            "params: {a: 0.02, b: 0.2, c: -65, d: 8}}\\nrecord: {weights_every_ms: 1}\\n\",\"duration_ms\":1}");
        assertError(located, 400, "yaml", null);
        assertTrue(located.body.contains("upload.yaml:4:28: 'weights_every_ms' takes snapshots of plastic weights"),
            located.body);
        // Both a shipped config and an upload, or a file name without its text: refused, not one of them ignored
        // (the upload ran, and the shipped config named in the same request was dropped without a word).
        assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"yaml\":\"name: x\\n\"}"), 400,
            "yaml", "give either 'config' (a shipped file name) or 'yaml' (a file's text), not both");
        assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"filename\":\"my.yaml\"}"), 400,
            "filename", "filename names an uploaded 'yaml', and there is none");
        final Reply configs = get("/api/configs");
        assertEquals(200, configs.status);
        assertTrue(configs.body.contains("\"file\":\"cortex2003.yaml\""));
        // With the memory sim validate estimates (the page showed sparse1m's million neurons, not its 7.5 GB).
        assertTrue(configs.body.contains("\"file\":\"sparse1m.yaml\"") &&
            configs.body.matches("(?s).*\"file\":\"sparse1m.yaml\"[^}]*\"memory\":\"7\\.\\d GB\".*"), configs.body);
    }

    /**
     * An empty duration ran the file's own duration while a blank one was refused: both are refused now, as the page
     * leaves an empty field out of its request.
     */
    @Test
    void anEmptyDurationIsRefusedAsABlankOneIs() throws Exception
    {
        for (final String empty : new String[] {"", " "})
        {
            assertError(post("/api/network/start", "{\"config\":\"cortex2003.yaml\",\"duration_ms\":\"" + empty +
                "\"}"), 400, "duration_ms", "duration_ms is empty: enter a number");
        }
        assertTrue(get("/api/configs").body.contains("\"running\":false"), "nothing was started");
    }

    /**
     * A network `sim validate` refuses for memory is refused when it is started, naming the memory it needs, not
     * accepted and then failed with an OutOfMemoryError; an upload's own duration has the request field's cap.
     */
    @Test
    void aNetworkTooLargeForTheHeapOrTooLongIsRefusedBeforeAnythingIsBuilt() throws Exception
    {
        // 10^7 neurons with 1000 synapses each: about 190 GB, more than any test JVM's heap.
        final String sparse = java.nio.file.Files.readString(Path.of("..", "configs", "sparse10k.yaml"))
            .replace("size: 8000", "size: 8000000").replace("size: 2000", "size: 2000000");
        final Reply tooLarge = post("/api/network/start", upload(sparse, null));
        assertError(tooLarge, 400, null, null);
        final String error = field(tooLarge.body, "error");
        // The heap's refusal with its -Xmx on a machine that has 190 GB, else the machine's.
        assertTrue(error.startsWith("sparse10k needs about ") && error.contains("more than the ") &&
            (error.matches(".*SIM_JAVA_OPTS='-Xmx\\d+g -Xmn64m -XX:\\+UseParallelGC'.*") ||
                error.contains(" of memory (RAM) this machine has, whatever the heap")), error);
        assertTrue(get("/api/configs").body.contains("\"running\":false"), "a refused network must not run");

        final String cortex = java.nio.file.Files.readString(Path.of("..", "configs", "cortex2003.yaml"));
        assertTrue(cortex.contains("duration_ms: 1000\n"), "the shipped file's duration moved");
        final String tooLong = cortex.replace("duration_ms: 1000\n", "duration_ms: 7200000\n");
        assertError(post("/api/network/start", upload(tooLong, null)), 400, "duration_ms",
            "duration must be between 1 and 3600000 ms, got 7200000");
        assertTrue(get("/api/configs").body.contains("\"running\":false"), "a refused network must not run");
    }

    /**
     * A run whose weight snapshots cannot fit on the out folder's disk is refused when it is started, as sim run
     * refuses it, not run until the disk is full.
     */
    @Test
    void aRunWhoseSnapshotsCannotFitOnTheDiskIsRefusedBeforeAnythingIsBuilt() throws Exception
    {
        // 720,000 plastic synapses, a snapshot every ms for an hour: 2 x 3.6 x 10^6 x 2.9 MB, 21 TB.
        final String spnet = java.nio.file.Files.readString(Path.of("..", "configs", "spnet2006.yaml"));
        assertTrue(spnet.contains("k: 100\n") && spnet.contains("weights_every_ms: 10000"), "the shipped file moved");
        final String everyMs = spnet.replace("k: 100\n", "k: 900\n").replace("weights_every_ms: 10000",
            "weights_every_ms: 1");
        final Reply refused = post("/api/network/start", upload(everyMs, 3_600_000.0));
        // Located at the file's weights_every_ms: the upload's field, as the parser's refusals are.
        assertError(refused, 400, "yaml", null);
        final String error = field(refused.body, "error");
        assertTrue(error.matches("[^:]+:\\d+:\\d+: spnet2006 over 3600000 ms: its outputs need .* TB \\(3,600,001 weight " +
            "snapshots .*\\) on disk and the spikes, about \\d+ bytes each, more than the .* free on the disk of .*"), error);
        assertTrue(get("/api/configs").body.contains("\"running\":false"), "a refused network must not run");
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
        long chunkSpikes = 0;
        long binnedSpikes = 0;
        long chunkSteps = 0;
        String end = null;
        for (final Event event : runEvents("{\"config\":\"cortex2003.yaml\",\"duration_ms\":300}", "cortex2003"))
        {
            if ("chunk".equals(event.name))
            {
                chunkSpikes += Long.parseLong(field(event.data, "spikes"));
                chunkSteps += Long.parseLong(field(event.data, "steps"));
                final String counts = between(event.data, "\"counts\":[", "]]");
                for (final String count : counts.replace("[", "").replace("]", "").split(","))
                {
                    binnedSpikes += Long.parseLong(count.trim());
                }
            }
            else if ("end".equals(event.name))
            {
                end = event.data;
            }
        }
        assertTrue(end != null, "no end event");
        assertEquals(300, chunkSteps);
        assertTrue(chunkSpikes > 1000, "spikes: " + chunkSpikes);
        assertEquals(chunkSpikes, binnedSpikes);
        assertEquals(chunkSpikes, Long.parseLong(field(end, "spikes")));
        assertTrue(end.contains("/summary.json\""), end);
        final Path folder = Path.of(field(end, "folder"));
        final Path shipped = Path.of("..", "configs", "cortex2003.yaml");
        assertEquals(java.nio.file.Files.readString(shipped),
            java.nio.file.Files.readString(folder.resolve("config.yaml")), "the shipped file's text");
        final String summary = java.nio.file.Files.readString(folder.resolve("summary.json")).replace("\" : ", "\":");
        assertEquals(shipped.toAbsolutePath().normalize().toString(), field(summary, "config_file"), summary);
        assertTrue(summary.contains("\"config=cortex2003.yaml\", \"duration_ms=300\""), summary);
        final Matcher raster = Pattern.compile("\"(/files/[^\"]+/raster\\.png)\"").matcher(end);
        assertTrue(raster.find(), end);
        final Reply png = get(raster.group(1));
        assertEquals(200, png.status);
        assertEquals("image/png", png.contentType);
        assertTrue(end.contains("\"warnings\":[]"), end);
        // Each population's spikes and rate, as sim run prints them: they add up to the total.
        final Matcher populations = Pattern.compile("\\{\"name\":\"(exc|inh)\",\"spikes\":(\\d+),\"rate_hz\":([0-9.]+)\\}")
            .matcher(end);
        long sum = 0;
        int found = 0;
        while (populations.find())
        {
            sum += Long.parseLong(populations.group(2));
            found++;
        }
        assertEquals(2, found, end);
        assertEquals(chunkSpikes, sum);
    }

    /**
     * What sim run prints after its outputs (a population firing in every step, figures not drawn without fonts,
     * spikes.h5 left out) was said on the explorer's stderr at most, never to the page: the end event carries it.
     */
    @Test
    void theEndEventCarriesTheWarningsOfTheWrittenFolder() throws Exception
    {
        String end = null;
        for (final Event event : runEvents(upload("name: saturated\npopulations:\n  p: {size: 3, params: {a: 0.02, " +
            "b: 0.2, c: -65, d: 8}, input: {dc: 1000}}\n", 120.0), "saturated"))
        {
            end = "end".equals(event.name) ? event.data : end;
        }
        assertTrue(end != null && end.contains("\"warnings\":[\"population 'p' fired at "), end);
    }

    /**
     * A live run stopped from the page is recorded as `sim run` records one interrupted by Ctrl-C at that time:
     * status "interrupted" at the stop time, the requested duration kept (it was "completed" with the stop time
     * as its duration).
     */
    @Test
    void aStoppedRunIsRecordedAsInterruptedAtTheStopTimeWithItsRequestedDuration() throws Exception
    {
        // A name of its own: the event stream first replays the last run's events, which may be cortex2003's.
        final String yaml = java.nio.file.Files.readString(Path.of("..", "configs", "cortex2003.yaml"))
            .replace("name: cortex2003", "name: stopped_cortex");
        String end = null;
        for (final Event event : runEvents(upload(yaml, 600_000.0), "stopped_cortex", Stop.AFTER_FIRST_CHUNK))
        {
            if ("end".equals(event.name))
            {
                end = event.data;
            }
        }
        assertTrue(end != null, "no end event");
        assertEquals("true", between(end, "\"stopped\":", ","), end);
        final double stoppedAtMs = Double.parseDouble(field(end, "simulated_ms"));
        assertTrue(stoppedAtMs > 0 && stoppedAtMs < 600_000, end);
        // Pretty-printed: "key" : value.
        final String summary = java.nio.file.Files.readString(Path.of(field(end, "folder")).resolve("summary.json"))
            .replace("\" : ", "\":");
        assertEquals("interrupted", field(summary, "status"), summary);
        assertEquals(stoppedAtMs, Double.parseDouble(field(summary, "interrupted_at_ms")), summary);
        assertEquals(stoppedAtMs, Double.parseDouble(field(summary, "simulated_ms")), summary);
        assertEquals(600_000.0, Double.parseDouble(field(summary, "requested_ms")), summary);
        // Its config's provenance, as sim run's (an explorer run's folder named the build alone): the upload's text.
        assertEquals(yaml, java.nio.file.Files.readString(Path.of(field(end, "folder")).resolve("config.yaml")));
        assertEquals("uploaded to the explorer as upload.yaml", field(summary, "config_file"), summary);
        assertTrue(summary.contains("\"yaml=(" + yaml.length() + " characters)\", \"duration_ms=600000\""), summary);
    }

    /**
     * A run named with ".." (name: a..b, or an upload my..run.yaml without a name) was written, and every link to its
     * files answered 404: the folder kept "..", which /files refuses in any name. The folder has none now.
     */
    @Test
    void theFilesOfARunNamedWithTwoDotsAreServed() throws Exception
    {
        final String yaml = "name: a..b\nseed: 1\nduration_ms: 5\npopulations:\n" +
            "  p: {size: 4, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 10}}\n";
        final java.util.List<Event> events = runEvents(upload(yaml, null), "a..b");
        final String end = events.get(events.size() - 1).data;
        assertTrue(end.contains("\"files\":[\"/files/a_b-"), end);
        final Matcher file = Pattern.compile("\"(/files/[^\"]+)\"").matcher(end);
        int files = 0;
        while (file.find())
        {
            files++;
            final HttpResponse<byte[]> got = bytes(file.group(1), "GET");
            assertEquals(200, got.statusCode(), file.group(1));
            // HEAD as GET, without the body (it was 405): the file's length is its Content-Length.
            final HttpResponse<byte[]> head = bytes(file.group(1), "HEAD");
            assertEquals(200, head.statusCode(), file.group(1));
            assertEquals(0, head.body().length, file.group(1));
            assertEquals(String.valueOf(got.body().length), head.headers().firstValue("Content-Length").orElse(null),
                file.group(1));
            assertEquals(got.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"));
        }
        assertTrue(files > 0, end);
    }

    /**
     * A page that starts the next run as soon as it sees the last one's end event is not told that the last one is
     * "still running" (its thread was still draining the events: the 409 came once in a full test run, on a busy
     * machine). A race: these 20 back-to-back runs passed without the fix too on a quiet one.
     */
    @Test
    void aRunStartedRightAfterTheLastOnesEndEventIsAccepted() throws Exception
    {
        for (int k = 0; k < 20; k++)
        {
            final String yaml = "name: quick_" + k + "\nseed: 1\nduration_ms: 5\npopulations:\n" +
                "  p: {size: 4, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 10}}\n";
            final java.util.List<Event> events = runEvents(upload(yaml, null), "quick_" + k);
            assertEquals("end", events.get(events.size() - 1).name, events.toString());
        }
    }

    /**
     * Stop while the network is being built ends the build at its next chunk of synapses: it went on to the end
     * (sparse1m builds for 40 s and more) and the page could only wait. This network of 40 million synapses takes
     * about 2 s to build on 2 cores.
     */
    @Test
    void stopDuringTheBuildEndsItWithoutARun() throws Exception
    {
        final String yaml = "name: slow_build\nseed: 1\nduration_ms: 1000\npopulations:\n" +
            "  exc: {size: 40000, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {noise_sd: 5}}\nprojections:\n" +
            "  - {from: exc, to: exc, rule: fixed_outdegree, k: 1000, weight: 0.1, delay_ms: 5}\n";
        final long started = System.nanoTime();
        final java.util.List<Event> events = runEvents(upload(yaml, null), "slow_build", Stop.AT_START);
        final double seconds = (System.nanoTime() - started) * 1e-9;
        final java.util.List<String> names = events.stream().map(e -> e.name).toList();
        assertEquals(java.util.List.of("start", "end"), names, "the build was stopped, not finished");
        final String end = events.get(1).data;
        assertEquals("true", between(end, "\"stopped\":", ","), end);
        assertEquals(0.0, Double.parseDouble(field(end, "simulated_ms")), end);
        assertTrue(seconds < 1.5, "ended " + seconds + " s after the start (the build alone takes about 2 s)");
    }

    /**
     * A plastic network in the explorer records its weights as `sim run` does: a "weights" event (the histogram
     * over all plastic synapses) at the start, every weights_every_ms and at the end, and the run folder's
     * weights.npy, weight snapshots and weights.png, the weights those of the same network run directly.
     */
    @Test
    void aPlasticRunPublishesItsWeightHistogramsAndWritesTheWeightsOfSimRun() throws Exception
    {
        final Path file = Path.of("..", "configs", "spnet2006.yaml");
        final String yaml = java.nio.file.Files.readString(file).replace("weights_every_ms: 10000",
            "weights_every_ms: 500");
        assertTrue(yaml.contains("weights_every_ms: 500"), "the shipped file's snapshot interval moved");
        final String body = new String(Json.write(json ->
        {
            json.writeStartObject();
            json.writeStringField("yaml", yaml);
            json.writeStringField("filename", "spnet_small.yaml");
            json.writeNumberField("duration_ms", 1500);
            json.writeEndObject();
        }), java.nio.charset.StandardCharsets.UTF_8);
        final java.util.List<Double> times = new java.util.ArrayList<>();
        String end = null;
        for (final Event event : runEvents(body, "spnet2006"))
        {
            if ("weights".equals(event.name))
            {
                times.add(Double.parseDouble(field(event.data, "t_ms")));
                long total = 0;
                for (final String count : between(event.data, "\"counts\":[", "]").split(","))
                {
                    total += Long.parseLong(count.trim());
                }
                assertEquals(80_000, total, "every plastic synapse in the histogram: " + event.data);
                assertEquals(80_000, Long.parseLong(field(event.data, "synapses")));
                assertEquals(10.0, Double.parseDouble(field(event.data, "w_max")));
            }
            else if ("end".equals(event.name))
            {
                end = event.data;
            }
        }
        assertTrue(end != null, "no end event");
        assertEquals(java.util.List.of(0.0, 500.0, 1000.0, 1500.0), times, "snapshot times of the weights events");
        assertTrue(end.contains("/weights.png\""), end);
        final Path folder = Path.of(field(end, "folder"));
        final ByteBuffer snapshotTimes = npyData(folder.resolve("weight_snapshot_times_ms.npy"));
        assertEquals(4 * 8, snapshotTimes.remaining());
        for (final double t : new double[] {0, 500, 1000, 1500})
        {
            assertEquals(t, snapshotTimes.getDouble());
        }
        final float[] expected;
        try (org.izhsim.network.engine.Network network = org.izhsim.network.engine.Network.build(
            org.izhsim.config.NetworkAssembler.builder(org.izhsim.config.ExperimentLoader.parse(yaml,
                "spnet_small.yaml").withDurationMs(1500))))
        {
            network.run(1500);
            expected = network.plasticWeights().weights();
        }
        final ByteBuffer weights = npyData(folder.resolve("weights.npy"));
        assertEquals(4 * expected.length, weights.remaining());
        for (int k = 0; k < expected.length; k++)
        {
            assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(weights.getFloat()), "weight " + k);
        }
    }

    /**
     * Starts a run with {@code startBody} and returns its events, from its "start" (named {@code name}) to its
     * "end": the stream first replays the last run's events, which may be another test's.
     */
    private static java.util.List<Event> runEvents(final String startBody, final String name) throws Exception
    {
        return runEvents(startBody, name, Stop.NEVER);
    }

    /** When {@link #runEvents(String, String, Stop)} asks the run to stop. */
    private enum Stop
    {
        NEVER, AT_START, AFTER_FIRST_CHUNK
    }

    /** As {@link #runEvents(String, String)}, asking the run to stop at its start event or after its first chunk. */
    private static java.util.List<Event> runEvents(final String startBody, final String name, final Stop stop)
        throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "api/network/events")).GET().build();
        final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream =
            CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        // Closed at the end: a stream left open counts against the explorer's live-event streams (RequestFront).
        final java.util.stream.Stream<String> body = stream.get(10, java.util.concurrent.TimeUnit.SECONDS).body();
        final java.util.Iterator<String> lines = body.iterator();
        final Reply started = post("/api/network/start", startBody);
        assertEquals(202, started.status, started.body);
        final java.util.List<Event> events = new java.util.ArrayList<>();
        String event = "";
        boolean mine = false;
        int chunks = 0;
        while (lines.hasNext())
        {
            final String line = lines.next();
            if (line.startsWith("event: "))
            {
                event = line.substring(7);
            }
            else if (line.startsWith("data: "))
            {
                final String data = line.substring(6);
                if ("start".equals(event))
                {
                    mine = name.equals(field(data, "name"));
                }
                if (mine)
                {
                    events.add(new Event(event, data));
                    if (stop == Stop.AT_START && "start".equals(event) ||
                        stop == Stop.AFTER_FIRST_CHUNK && "chunk".equals(event) && chunks++ == 0)
                    {
                        assertEquals(200, post("/api/network/stop", "{}").status);
                    }
                    if ("end".equals(event) || "failed".equals(event))
                    {
                        break;
                    }
                }
            }
        }
        body.close();
        return events;
    }

    /** A POST /api/network/start body uploading {@code yaml}, with {@code durationMs} unless null. */
    private static String upload(final String yaml, final Double durationMs)
    {
        return new String(Json.write(json ->
        {
            json.writeStartObject();
            json.writeStringField("yaml", yaml);
            if (durationMs != null)
            {
                json.writeNumberField("duration_ms", durationMs);
            }
            json.writeEndObject();
        }), java.nio.charset.StandardCharsets.UTF_8);
    }

    private record Event(String name, String data)
    {
    }

    /** The data of a .npy file (version 1: a 10-byte preamble, the header's length at byte 8), little-endian. */
    private static ByteBuffer npyData(final Path file) throws IOException
    {
        final ByteBuffer all = ByteBuffer.wrap(java.nio.file.Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        all.position(10 + (all.getShort(8) & 0xffff));
        return all.slice().order(ByteOrder.LITTLE_ENDIAN);
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

    static String between(final String text, final String from, final String to)
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

    /**
     * A refusal by the command line's code is said in the request's words: "--method: unknown method 'rk5'" named an
     * option the request has none of, where its other messages say "dt must be between ...".
     */
    @Test
    void refusalsNameTheRequestsFieldsNotTheCommandLinesOptions() throws Exception
    {
        final String expected = "unknown method %s; expected one of euler, semi_implicit_euler, halfstep, rk4";
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"method\":\"rk5\"}"), 400, "method",
            "method: " + String.format(expected, "'rk5'"));
        assertError(post("/api/neuron", "{\"preset\":\"RS\",\"method\":\"\"}"), 400, "method",
            "method: " + String.format(expected, "''"));
        assertError(post("/api/neuron/fi", "{\"preset\":\"RS\",\"method\":\"rk5\",\"fi_to\":20,\"fi_step\":1}"), 400,
            "method", "method: " + String.format(expected, "'rk5'"));
        // A blow-up's remedy names dt and the method as the command line's options; the request's fields here.
        assertEquals("numerical blow-up: dt 1 ms is too large for method rk4, or a parameter (a, vpeak, duration)",
            NeuronRequest.inRequestWords("numerical blow-up: --dt 1 ms is too large for --method rk4, or a parameter " +
                "(--a, --vpeak, --duration)"));
        assertEquals("--fi and --list stay", NeuronRequest.inRequestWords("--fi and --list stay"));
    }

    /** k = 0 is refused at the field k, as sim neuron and the network refuse k <= 0 (it said "--k must be ..."). */
    @Test
    void aGainOfZeroIsRefusedAtItsField() throws Exception
    {
        final Reply zero = post("/api/neuron", "{\"preset\":\"izh2007_rs\",\"k\":0}");
        assertEquals(400, zero.status, zero.body);
        assertTrue(zero.body.contains("\"error\":\"k must be between 0.01 and 5 nS/mV, got 0\"") &&
            zero.body.contains("\"field\":\"k\""), zero.body);
    }

    /**
     * POST /api/neuron/fi: the f-I curve of the page's neuron is `sim neuron ... --fi ... --json`'s, count for count,
     * and its command says so; a bad field of the curve is named.
     */
    @Test
    void anFiCurveIsTheCommandLinesCurve() throws Exception
    {
        final Reply reply = post("/api/neuron/fi", "{\"preset\":\"class_2_excitable\",\"b\":0.27,\"fi_from\":0," +
            "\"fi_to\":1,\"fi_step\":0.1,\"fi_duration\":2000}");
        assertEquals(200, reply.status, reply.body);
        final String command = field(reply.body, "command");
        assertEquals("./sim neuron --preset class_2_excitable --b 0.27 --duration 2000 --fi 0:1:0.1", command);
        assertEquals(SimNeuronJson.fiSpikeCounts(command), between(reply.body, "\"spike_counts\":[", "]"));
        final Reply silent = post("/api/neuron/fi", "{\"preset\":\"class_2_excitable\",\"fi_from\":0,\"fi_to\":0.4," +
            "\"fi_step\":0.2}");
        assertTrue(silent.body.contains("\"spike_counts\":[0,0,") && silent.body.contains("\"first_spike_latency_ms\":" +
            "[null,null,"), silent.body);
        // A dt that does not divide the run: the runs end at the last whole step, as the neuron tab's (it was refused).
        final Reply odd = post("/api/neuron/fi", "{\"preset\":\"RS\",\"dt\":0.3,\"fi_to\":10,\"fi_step\":5}");
        assertEquals(200, odd.status, odd.body);
        assertEquals("./sim neuron --preset RS --dt 0.3 --duration 999.9 --fi 0:10:5", field(odd.body, "command"));
        // A current whose run blows up is marked, and the others kept (the whole curve was lost to it).
        final Reply blown = post("/api/neuron/fi", "{\"preset\":\"RS\",\"fi_from\":0,\"fi_to\":1e10,\"fi_step\":5e9," +
            "\"method\":\"rk4\"}");
        assertEquals(200, blown.status, blown.body);
        assertTrue(blown.body.contains("\"blow_up_ms\":[null,0.5,0.5]") && blown.body.contains("\"blow_up\":\"at " +
            "current 5000000000: numerical blow-up at t = 0.5 ms: ") && blown.body.contains("; 1 more current blew up " +
            "(10000000000)\""), blown.body);
        assertTrue(blown.body.contains("\"spike_counts\":[0,null,null],\"rate_hz\":[0.0,null,null]"), blown.body);
        // The FS cell at dt 1: the runs whose Euler step overshot the rest point are said, as /api/neuron's are.
        final Reply coarse = post("/api/neuron/fi", "{\"preset\":\"izh2007_fs\",\"dt\":1,\"fi_from\":100," +
            "\"fi_to\":300,\"fi_step\":100,\"fi_duration\":50}");
        assertEquals(200, coarse.status, coarse.body);
        assertTrue(coarse.body.contains("\"warnings\":[\"at ") && coarse.body.contains(" currents (") &&
            coarse.body.contains("where the step overshoots the rest point"), coarse.body);
        // Its rate at 0.4 moves by 9 % at a quarter of dt (34 spikes, 37): said, as sim neuron --fi says it.
        assertTrue(silent.body.contains("\"warnings\":[\"the rates depend on dt: at current 0.4 the run fired 34 " +
            "spikes at dt 0.25 ms and 37 at dt 0.0625 ms (+9 %): "), silent.body);
        final Reply converged = post("/api/neuron/fi", "{\"preset\":\"RS\",\"fi_from\":0,\"fi_to\":10," +
            "\"fi_step\":5}");
        assertEquals(200, converged.status, converged.body);
        assertTrue(!converged.body.contains("\"warnings\""), converged.body);
        for (final String[] bad : new String[][] {
            {"{\"preset\":\"RS\",\"fi_to\":20}", "fi_step", "give fi_step, the step between amplitudes"},
            // In the request's words, not the command line's ("--fi 20:0:1: TO must be >= FROM").
            {"{\"preset\":\"RS\",\"fi_from\":20,\"fi_to\":0,\"fi_step\":1}", "fi_to", "fi_to must be >= fi_from, got 0"},
            {"{\"preset\":\"RS\",\"fi_to\":20,\"fi_step\":0}", "fi_step", "fi_step must be > 0, got 0"},
            {"{\"preset\":\"RS\",\"fi_to\":1e39,\"fi_step\":1}", "fi_to",
                "fi_to 1.0E39 is outside the range a float holds (+-3.4e38)"},
            {"{\"preset\":\"RS\",\"fi_to\":2000,\"fi_step\":1}", "fi_step",
                "more than 1000 currents (a larger fi_step gives fewer)"},
            {"{\"preset\":\"RS\",\"fi_to\":20,\"fi_step\":1,\"fi_duration\":9000}", "fi_duration",
                "each run of the curve lasts 10 to 5000 ms, got 9000"},
            {"{\"preset\":\"RS\",\"fi_to\":20,\"fi_step\":1,\"fi_stpe\":1}", "fi_stpe",
                "unknown field 'fi_stpe', did you mean 'fi_step'?"},
            {"{\"preset\":\"RS\",\"fi_to\":20,\"fi_step\":1,\"stimulus\":\"dc\",\"current\":5}", "stimulus",
                "an f-I curve runs its own DC steps: give stimulus 'preset'"},
            {"{\"preset\":\"RS\",\"fi_to\":999,\"fi_step\":1,\"dt\":0.01,\"fi_duration\":5000}", "fi_step",
                "1000 currents of 500,001 steps each are more than the explorer runs for one curve (20,000,000 steps): " +
                "fewer currents (a larger step), shorter runs or a larger dt; './sim neuron ... --fi' runs any number"}})
        {
            final Reply refused = post("/api/neuron/fi", bad[0]);
            assertEquals(400, refused.status, refused.body);
            assertEquals(bad[1], field(refused.body, "field"), refused.body);
            assertEquals(bad[2], field(refused.body, "error"), refused.body);
        }
    }

    /**
     * The f-I reply carries the warnings `sim neuron --fi` prints on stderr: the FS cell driven at a million pA fires at
     * the step rate, 4000 Hz set by dt, which the page drew without the CLI's warning (the reply had no warnings).
     */
    @Test
    void anFiCurveCarriesTheWarningsTheCommandLinePrints() throws Exception
    {
        final Reply reply = post("/api/neuron/fi", "{\"preset\":\"izh2007_fs\",\"fi_from\":1000000," +
            "\"fi_to\":1200000,\"fi_step\":100000,\"fi_duration\":100}");
        assertEquals(200, reply.status, reply.body);
        final String command = field(reply.body, "command");
        assertEquals("./sim neuron --preset izh2007_fs --duration 100 --fi 1000000:1200000:100000", command);
        final java.util.List<String> printed = SimNeuronJson.warnings(command);
        assertEquals(java.util.List.of("at 3 of the 3 currents (1000000 to 1200000) the neuron fired in every step or " +
            "every other step for 10 steps or more: the rate there is set by dt, not by the model"), printed);
        assertTrue(reply.body.contains("\"warnings\":[\"" + printed.get(0) + "\"]"), reply.body);
        // Both kinds, in the command line's order: the FS cell at dt 1 overshoots, at 300 pA, and at 200300 pA fires at the step rate.
        final Reply both = post("/api/neuron/fi", "{\"preset\":\"izh2007_fs\",\"dt\":1,\"fi_from\":300," +
            "\"fi_to\":200300,\"fi_step\":200000,\"fi_duration\":50}");
        assertEquals(200, both.status, both.body);
        final java.util.List<String> cli = SimNeuronJson.warnings(field(both.body, "command"));
        assertEquals(2, cli.size(), cli.toString());
        assertTrue(both.body.contains("\"warnings\":[\"" + String.join("\",\"", cli) + "\"]"), both.body + "\n" + cli);
    }

    private static Reply get(final String path) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).GET());
    }

    private static HttpResponse<byte[]> bytes(final String path, final String method)
        throws IOException, InterruptedException
    {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
            .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
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
