package org.izhsim.explore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a web page in the user's browser, or a hostile client on the machine, can make the explorer do: requests
 * naming another host, from another origin or POSTed as a form are refused; malformed requests get the
 * explorer's JSON 400, never the JDK's HTML page. Sent over raw sockets, byte for byte.
 */
class ExplorerOriginTest
{
    private static ExplorerServer server;

    @BeforeAll
    static void start()
    {
        server = ExplorerServer.start(0, Path.of("..", "configs"), Path.of("target", "explorer-origin-test-out"));
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    private record Reply(int status, String head, String body)
    {
        boolean isJsonError()
        {
            return head.toLowerCase().contains("content-type: application/json") && body.startsWith("{\"error\":");
        }
    }

    private static Reply raw(final String request)
    {
        return raw(request, false);
    }

    /**
     * @param halfClose whether the client then says it will send nothing more.
     */
    private static Reply raw(final String request, final boolean halfClose)
    {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port()))
            {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(request.replace("PORT", Integer.toString(server.port()))
                    .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                if (halfClose)
                {
                    socket.shutdownOutput();
                }
                final InputStream in = socket.getInputStream();
                final String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                final int split = reply.indexOf("\r\n\r\n");
                final Matcher status = Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(reply);
                assertTrue(split > 0 && status.lookingAt(), reply);
                return new Reply(Integer.parseInt(status.group(1)), reply.substring(0, split), reply.substring(split + 4));
            }
        });
    }

    private static Reply get(final String path, final String headers)
    {
        return raw("GET " + path + " HTTP/1.1\r\n" + headers + "\r\n");
    }

    private static Reply post(final String path, final String headers, final String body)
    {
        return raw("POST " + path + " HTTP/1.1\r\n" + headers + "Content-Length: " +
            body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /api/%zz HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n",
        "GET /a b HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n",
        "GET /{}\u0001\u007f HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n",
        "GET /api/configs\\ HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n",
        "GARBAGE\r\n\r\n",
        "GET /api/presets HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nBad header line\r\n\r\n",
        "GET http://evil.example/api/configs HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n",
        // Parsed as a URL of the host evil.example, path /api/presets: it was served as /api/presets.
        "GET //evil.example/api/presets HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n",
    })
    void malformedRequestsGetAJsonErrorNotTheJdkPage(final String request)
    {
        final Reply reply = raw(request);
        assertEquals(400, reply.status, reply.head + "\n" + reply.body);
        assertTrue(reply.isJsonError(), reply.head + "\n" + reply.body);
        assertFalse(reply.body.contains("URISyntaxException") || reply.body.contains("<h1>"), reply.body);
    }

    /**
     * A body's framing the JDK server cannot take got its HTML page (a Content-Length that is not a whole number
     * or too large for a long, Content-Length with Transfer-Encoding) or no reply at all (a bad chunk size).
     */
    @ParameterizedTest
    @MethodSource("badFraming")
    void badBodyFramingGetsOneJsonErrorNotTheJdkPageOrNoReply(final String framing, final int status,
        final String error)
    {
        final Reply reply = raw("POST /api/neuron HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n" +
            "Content-Type: application/json\r\n" + framing);
        assertEquals(status, reply.status, reply.head + "\n" + reply.body);
        assertEquals("{\"error\":\"" + error + "\"}", reply.body);
        assertTrue(reply.isJsonError(), reply.head);
    }

    static Stream<Arguments> badFraming()
    {
        final String chunks = "f\r\n{\"preset\":\"RS\"}\r\n0\r\n\r\n";
        return Stream.of(
            Arguments.of("Content-Length: -5\r\n\r\n{}", 400,
                "Content-Length must be a whole number of bytes, got '-5'"),
            Arguments.of("Content-Length: 99999999999999999999\r\n\r\n{}", 413,
                "the request body is larger than 2097152 bytes"),
            Arguments.of("Content-Length: 20\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks, 400,
                "a request must not give both Content-Length and Transfer-Encoding"),
            Arguments.of("Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"preset\":\"RS\"}\r\n0\r\n\r\n", 400,
                "malformed chunked body: bad chunk size 'zz'"),
            // Quoted as sent: it was quoted back without its leading zero, as 'x2'.
            Arguments.of("Transfer-Encoding: chunked\r\n\r\n0x2\r\n{}\r\n0\r\n\r\n", 400,
                "malformed chunked body: bad chunk size '0x2'"),
            Arguments.of("Transfer-Encoding: gzip, chunked\r\n\r\n" + chunks, 501,
                "the only Transfer-Encoding taken is chunked, got 'gzip, chunked'"),
            Arguments.of("Content-Length: 15\r\nHost: evil.example\r\n\r\n{\"preset\":\"RS\"}", 400,
                "a request has one Host field (RFC 9112 3.2), this one more"));
    }

    /**
     * A body of fewer bytes than its Content-Length, the client's side then closed, got no reply at all; two equal
     * Content-Length fields, or a list of equal values, got the JDK's HTML page (RFC 9110 8.6 lets a recipient take
     * them as one).
     */
    @Test
    void aBodyCutShortGetsAJsonErrorAndRepeatedEqualLengthsAreOne()
    {
        final String head = "POST /api/neuron HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nContent-Type: application/json\r\n";
        final Reply cut = raw(head + "Content-Length: 100\r\n\r\n{\"preset\":\"RS\"}", true);
        assertEquals(400, cut.status, cut.head + "\n" + cut.body);
        assertEquals("{\"error\":\"the request ended after 15 of the 100 bytes its Content-Length announces\"}",
            cut.body);
        for (final String lengths : new String[] {"Content-Length: 15,15\r\n", "Content-Length: 15, 15\r\n",
            "Content-Length: 15\r\nContent-Length: 15\r\n"})
        {
            final Reply reply = raw(head + lengths + "\r\n{\"preset\":\"RS\"}");
            assertEquals(200, reply.status, lengths + reply.head + "\n" + reply.body);
            assertTrue(reply.body.startsWith("{\"preset\":\"RS\""), reply.body);
        }
    }

    /** A well-formed chunked body is read by the front and passed on with its length. */
    @Test
    void aChunkedBodyIsPassedOn()
    {
        final Reply reply = raw("POST /api/neuron HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
            "5;x=1\r\n{\"pre\r\na\r\nset\":\"RS\"}\r\n0\r\nX-Trailer: 1\r\n\r\n");
        assertEquals(200, reply.status, reply.head + "\n" + reply.body);
        assertTrue(reply.body.startsWith("{\"preset\":\"RS\""), reply.body);
    }

    /**
     * A client that sends Expect: 100-continue with a Content-Length body gets the interim reply as its status line
     * alone and the final one with Connection: close (the interim one carried the JDK's Content-Length: 0 and the
     * front's Connection: close, and the final one no Connection field).
     */
    @Test
    void anInterimContinueIsPassedOnAloneAndTheFinalReplyClosesTheConnection()
    {
        final String body = "{\"preset\":\"RS\"}";
        final String reply = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port()))
            {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("POST /api/neuron HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() +
                    "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " +
                    body.length() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                final InputStream in = socket.getInputStream();
                final byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
                assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.ISO_8859_1));
                socket.getOutputStream().write(body.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        final String head = reply.substring(0, reply.indexOf("\r\n\r\n"));
        assertTrue(head.startsWith("HTTP/1.1 200 "), reply);
        assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close"), head);
        assertTrue(reply.contains("{\"preset\":\"RS\""), reply);
    }

    /**
     * An HTTP/1.0 client asking for the live events got a chunked body, which it cannot read (its events arrived
     * framed by chunk sizes): it gets the events as they are, ended by the connection's close.
     */
    @Test
    void anHttp10ClientGetsTheEventStreamUnchunked()
    {
        final String start = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port()))
            {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("GET /api/network/events HTTP/1.0\r\nHost: 127.0.0.1:" + server.port() +
                    "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                // The stream stays open: read the head and the first event only.
                final InputStream in = socket.getInputStream();
                final StringBuilder reply = new StringBuilder();
                while (!reply.toString().contains("retry: 1000\n\n") && reply.length() < 4096)
                {
                    final int b = in.read();
                    if (b < 0)
                    {
                        break;
                    }
                    reply.append((char)b);
                }
                return reply.toString();
            }
        });
        final int split = start.indexOf("\r\n\r\n");
        assertTrue(start.startsWith("HTTP/1.1 200 ") && split > 0, start);
        final String head = start.substring(0, split).toLowerCase();
        assertFalse(head.contains("transfer-encoding"), head);
        assertTrue(head.contains("connection: close"), head);
        assertEquals("retry: 1000\n\n", start.substring(split + 4), "the body as it is, no chunk size before it");
    }

    /**
     * HEAD is answered wherever GET is (RFC 9110 9.1), with GET's head and no body: it got 405, and link checkers and
     * curl -I called the page broken. The live events' head ends the reply at once (it does not hold a connection).
     */
    @Test
    void aHeadRequestGetsTheHeadOfItsGetAndNoBody()
    {
        for (final String path : new String[] {"/", "/explorer.js", "/api/presets", "/api/configs"})
        {
            final Reply get = get(path, "Host: 127.0.0.1:PORT\r\n");
            final Reply head = raw("HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n");
            assertEquals(200, head.status, path + ": " + head.head);
            assertEquals("", head.body, path);
            assertEquals(get.head, head.head, path);
            assertTrue(head.head.contains("\r\nContent-Length: " + get.body.getBytes(StandardCharsets.UTF_8).length),
                path + ": " + head.head);
        }
        final Reply events = raw("HEAD /api/network/events HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n");
        assertEquals(200, events.status, events.head);
        assertTrue(events.head.contains(": text/event-stream"), events.head);
        assertEquals("", events.body);
        // Only where GET is taken: a POST path's 405 lists POST alone, a GET path's HEAD beside GET.
        final Reply post = raw("HEAD /api/neuron HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n");
        assertEquals(405, post.status, post.head);
        assertTrue(post.head.contains("\r\nAllow: POST\r\n"), post.head);
        final Reply put = raw("PUT /api/presets HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nContent-Length: 0\r\n\r\n");
        assertEquals(405, put.status, put.head);
        assertTrue(put.head.contains("\r\nAllow: GET, HEAD\r\n"), put.head);
    }

    /**
     * The refusals of a malformed request, sent before it is routed, answer HEAD with their head alone, as a routed
     * reply does: they carried their JSON body, which a client of HEAD reads as the start of the next reply. The head
     * is the GET's, Content-Length included.
     */
    @Test
    void aMalformedHeadRequestsRefusalHasNoBody()
    {
        for (final String[] request : new String[][] {
            {" /api/%zz HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n", "400"},
            {" /api/presets HTTP/2.0\r\nHost: 127.0.0.1:PORT\r\n\r\n", "400"},
            {" /api/presets HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nBad header\r\n\r\n", "400"},
            {" /api/presets HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nContent-Length: x\r\n\r\n", "400"},
            {" /api/presets HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nTransfer-Encoding: gzip\r\n\r\n", "501"}})
        {
            final Reply get = raw("GET" + request[0]);
            final Reply head = raw("HEAD" + request[0]);
            assertEquals(Integer.parseInt(request[1]), head.status, request[0] + ": " + head.head);
            assertTrue(get.isJsonError(), get.body);
            assertEquals("", head.body, request[0]);
            assertEquals(get.head, head.head, request[0]);
            assertTrue(head.head.contains("\r\nContent-Length: " + get.body.getBytes(StandardCharsets.UTF_8).length),
                head.head);
        }
        // Cut short inside its head, a HEAD request's refusal is a head too.
        final Reply cut = raw("HEAD /api/presets HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n", true);
        assertEquals(400, cut.status, cut.head);
        assertEquals("", cut.body);
    }

    @Test
    void aHeadCutShortIsAJsonError()
    {
        final Reply reply = raw("GET /api/presets HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n", true);
        assertEquals(400, reply.status);
        assertEquals("{\"error\":\"the request ended inside its head\"}", reply.body);
    }

    @Test
    void anOversizedHeadIsRefusedWithoutReadingItAll()
    {
        final Reply reply = get("/api/presets", "Host: 127.0.0.1:PORT\r\nX-Filler: " + "x".repeat(100_000) + "\r\n");
        assertEquals(400, reply.status);
        assertEquals("{\"error\":\"the request head is larger than 65536 bytes\"}", reply.body);
    }

    @Test
    void requestsThatDoNotNameThisServerAsHostAreRefused()
    {
        final Reply rebound = get("/api/configs", "Host: evil.example:PORT\r\n");
        assertEquals(403, rebound.status);
        assertTrue(rebound.isJsonError());
        assertTrue(rebound.body.contains("the Host header must name this explorer"), rebound.body);
        assertEquals(403, get("/api/configs", "Host: 127.0.0.1:1\r\n").status);
        assertEquals(403, get("/api/configs", "").status);
        assertEquals(200, get("/api/configs", "Host: localhost:PORT\r\n").status);
        assertEquals(200, get("/api/configs", "Host: 127.0.0.1:PORT\r\n").status);
    }

    @Test
    void crossOriginRequestsAreRefused()
    {
        final Reply csrf = post("/api/network/stop", "Host: 127.0.0.1:PORT\r\nOrigin: http://evil.example\r\n" +
            "Content-Type: application/json\r\n", "{}");
        assertEquals(403, csrf.status);
        assertEquals("{\"error\":\"cross-origin requests are refused (Origin 'http://evil.example')\"}", csrf.body);
        assertEquals(403, get("/api/configs", "Host: 127.0.0.1:PORT\r\nOrigin: null\r\n").status);
        assertEquals(200, post("/api/network/stop", "Host: 127.0.0.1:PORT\r\nOrigin: http://127.0.0.1:PORT\r\n" +
            "Content-Type: application/json\r\n", "{}").status);
    }

    /**
     * A page of another site sends no Origin with a plain GET: its no-cors GET of the live events was streamed to it.
     * Browsers say where every request comes from (Sec-Fetch-Site); another site, or another origin of this one (a
     * page on another port of this machine), is refused; the page's own requests and typed addresses are served.
     */
    @Test
    void requestsTheBrowserMarksAsFromAnotherSiteAreRefused()
    {
        final Reply events = get("/api/network/events", "Host: 127.0.0.1:PORT\r\nSec-Fetch-Site: cross-site\r\n");
        assertEquals(403, events.status, events.body);
        assertEquals("{\"error\":\"requests from other sites are refused (Sec-Fetch-Site 'cross-site')\"}", events.body);
        assertEquals(403, get("/api/configs", "Host: 127.0.0.1:PORT\r\nSec-Fetch-Site: same-site\r\n").status);
        assertEquals(200, get("/api/configs", "Host: 127.0.0.1:PORT\r\nSec-Fetch-Site: same-origin\r\n").status);
        assertEquals(200, get("/", "Host: 127.0.0.1:PORT\r\nSec-Fetch-Site: none\r\n").status);
    }

    /** A 405 had no Allow field (RFC 9110 15.5.6: it must list the methods the path takes). */
    @Test
    void aRefusedMethodIsAnsweredWithTheMethodsThePathTakes()
    {
        final Reply post = post("/api/presets", "Host: 127.0.0.1:PORT\r\nContent-Type: application/json\r\n", "{}");
        assertEquals(405, post.status, post.body);
        assertTrue(post.head.contains("\r\nAllow: GET"), post.head);
        final Reply get = get("/api/neuron", "Host: 127.0.0.1:PORT\r\n");
        assertEquals(405, get.status, get.body);
        assertTrue(get.head.contains("\r\nAllow: POST"), get.head);
    }

    @Test
    void postsThatAreNotJsonAreRefusedAndStartNothing()
    {
        for (final String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
        {
            final Reply form = post("/api/network/start", "Host: 127.0.0.1:PORT\r\nContent-Type: " + type + "\r\n",
                "{\"config\":\"cortex2003.yaml\"}");
            assertEquals(415, form.status, form.body);
            assertEquals("{\"error\":\"a POST must send Content-Type: application/json, got '" + type + "'\"}", form.body);
        }
        assertEquals(415, post("/api/network/stop", "Host: 127.0.0.1:PORT\r\n", "").status);
        assertTrue(get("/api/configs", "Host: 127.0.0.1:PORT\r\n").body.contains("\"running\":false"));
        assertEquals(200, post("/api/neuron", "Host: 127.0.0.1:PORT\r\nContent-Type: application/json; charset=utf-8\r\n",
            "{\"preset\":\"RS\"}").status);
    }

    @Test
    void thePageSendsEveryPostAsJson() throws IOException
    {
        final String script = Files.readString(Path.of("src", "main", "resources", "org", "izhsim", "explore", "static",
            "explorer.js"));
        final Matcher post = Pattern.compile("fetch\\([^)]*?method: 'POST'[^)]*?\\)", Pattern.DOTALL).matcher(script);
        int posts = 0;
        while (post.find())
        {
            posts++;
            assertTrue(post.group().contains("headers: { 'Content-Type': 'application/json' }"), post.group());
        }
        assertEquals(4, posts, "neuron, f-I curve, network start and network stop");
    }
}
