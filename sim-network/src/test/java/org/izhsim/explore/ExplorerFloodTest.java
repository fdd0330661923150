package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile client on the machine (RequestFront): a request that trickles in is cut at the whole request's deadline,
 * connections beyond the limit get a 503, and a server that ran out of file descriptors answers again once the
 * flood has gone. Before, the head's timeout was per read, a connection that had sent its head waited for its body
 * for good, and a failed accept ended the accept loop: under {@code ulimit -n 1024}, 1100 unfinished requests left
 * a server that never answered again.
 */
class ExplorerFloodTest
{
    @TempDir
    Path tmp;

    private static final String PRESETS = "GET /api/presets HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n";

    private static Socket open(final int port, final String text) throws IOException
    {
        final Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The status of a whole GET /api/presets, or -1 when no reply came within 5 s. */
    private static int presets(final int port) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.getOutputStream().write((String.format(PRESETS, port) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.setSoTimeout(5000);
            final String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return reply.startsWith("HTTP/1.1 ") ? Integer.parseInt(reply.substring(9, 12)) : -1;
        }
        catch (final IOException ex)
        {
            return -1; // no connection, or no reply within 5 s
        }
    }

    /** Whether the server closed the connection; header lines keep coming every 200 ms until it does. */
    private static long closedAfterMs(final Socket socket, final String trickle) throws IOException
    {
        final long start = System.nanoTime();
        socket.setSoTimeout(200);
        final InputStream in = socket.getInputStream();
        final OutputStream out = socket.getOutputStream();
        while (System.nanoTime() - start < 10_000_000_000L)
        {
            try
            {
                if (in.read() < 0)
                {
                    return (System.nanoTime() - start) / 1_000_000L;
                }
            }
            catch (final SocketTimeoutException ex)
            {
                try
                {
                    out.write(trickle.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                catch (final IOException closed)
                {
                    return (System.nanoTime() - start) / 1_000_000L;
                }
            }
            catch (final IOException reset)
            {
                return (System.nanoTime() - start) / 1_000_000L;
            }
        }
        return Long.MAX_VALUE;
    }

    @Test
    @Timeout(60)
    void aRequestThatTricklesInIsCutAtItsDeadline() throws IOException
    {
        RequestFront.requestTimeoutMs = 1500;
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), tmp.resolve("out")))
        {
            final int port = server.port();
            try (Socket head = open(port, String.format(PRESETS, port));
                 Socket body = open(port, "POST /api/neuron HTTP/1.1\r\nHost: 127.0.0.1:" + port +
                     "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"))
            {
                final long headMs = closedAfterMs(head, "X-More: 1\r\n");
                assertTrue(headMs < 4000, "a head sent a line every 200 ms was still read after " + headMs + " ms");
                final long bodyMs = closedAfterMs(body, " ");
                assertTrue(bodyMs < 4000, "a body sent a byte every 200 ms was still read after " + bodyMs + " ms");
            }
            assertEquals(200, presets(port), "the server still answers");
        }
        finally
        {
            RequestFront.requestTimeoutMs = RequestFront.REQUEST_TIMEOUT_MS;
        }
    }

    @Test
    @Timeout(60)
    void connectionsBeyondTheLimitGetA503AndTheServerAnswersWhenTheyEnd() throws IOException
    {
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), tmp.resolve("out")))
        {
            final int port = server.port();
            final List<Socket> held = new ArrayList<>();
            try
            {
                for (int i = 0; i < RequestFront.MAX_CONNECTIONS; i++)
                {
                    held.add(open(port, String.format(PRESETS, port)));
                }
                // The accept loop takes them in order; the next one is over the limit once all are being served.
                int status = 0;
                for (int attempt = 0; attempt < 50 && status != 503; attempt++)
                {
                    status = presets(port);
                }
                assertEquals(503, status, "one connection too many");
            }
            finally
            {
                for (final Socket socket : held)
                {
                    socket.close();
                }
            }
            int status = 0;
            for (int attempt = 0; attempt < 50 && status != 200; attempt++)
            {
                status = presets(port);
            }
            assertEquals(200, status, "the server answers once they have ended");
        }
    }

    /**
     * The explorer had a second listening port on 127.0.0.1, its JDK HttpServer's behind the front, which any program
     * on the machine could connect to directly: a POST there started a run without any of the front's checks, and
     * 1100 unfinished requests there left the explorer dead for good. Starting an explorer now opens one listening
     * socket of this process, on the port it announces.
     */
    @Test
    @Timeout(30)
    void theExplorerListensOnItsOnePortOnly() throws IOException
    {
        final java.util.Set<Integer> before = listeningPorts();
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), tmp.resolve("out")))
        {
            final java.util.Set<Integer> opened = new java.util.TreeSet<>(listeningPorts());
            opened.removeAll(before);
            assertEquals(java.util.Set.of(server.port()), opened, "the ports the explorer listens on");
            assertEquals(200, presets(server.port()));
        }
    }

    /** The TCP ports this process listens on (Linux: its sockets' inodes in /proc/net/tcp and tcp6). */
    private static java.util.Set<Integer> listeningPorts() throws IOException
    {
        final java.util.Set<String> inodes = new java.util.HashSet<>();
        try (java.util.stream.Stream<Path> fds = java.nio.file.Files.list(Path.of("/proc/self/fd")))
        {
            for (final Path fd : (Iterable<Path>)fds::iterator)
            {
                try
                {
                    final String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:["))
                    {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                }
                catch (final IOException gone)
                {
                    // closed meanwhile
                }
            }
        }
        final java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (final String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"})
        {
            for (final String line : java.nio.file.Files.readAllLines(Path.of(table)))
            {
                final String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ... inode (10th): st 0A is LISTEN
                if (f.length > 9 && "0A".equals(f[3]) && inodes.contains(f[9]))
                {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /** The status of the reply that begins on {@code socket}, or -1 when none came within 5 s. */
    private static int status(final Socket socket) throws IOException
    {
        socket.setSoTimeout(5000);
        final byte[] line = socket.getInputStream().readNBytes(12);
        final String text = new String(line, StandardCharsets.ISO_8859_1);
        return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    private static String events(final int port)
    {
        return "GET /api/network/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
    }

    /**
     * Live-event streams are counted apart from other requests: 64 streams that nobody closed took every connection,
     * and everyone, a Stop included, got 503. At {@link RequestFront#MAX_STREAMS} streams another stream is refused
     * while other requests are served; and streams of pages that went away end within seconds (their keep-alive
     * write fails), so that a new page's stream is taken again.
     */
    @Test
    @Timeout(60)
    void eventStreamsAreCountedApartAndCannotLockOutOtherRequests() throws IOException, InterruptedException
    {
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), tmp.resolve("out")))
        {
            final int port = server.port();
            final List<Socket> held = new ArrayList<>();
            for (int i = 0; i < RequestFront.MAX_STREAMS; i++)
            {
                held.add(open(port, events(port)));
            }
            for (final Socket socket : held)
            {
                assertEquals(200, status(socket), "the stream began");
            }
            try (Socket extra = open(port, events(port)))
            {
                assertEquals(503, status(extra), "one stream too many");
            }
            assertEquals(200, presets(port), "other requests are served");
            try (Socket stop = open(port, "POST /api/network/stop HTTP/1.1\r\nHost: 127.0.0.1:" + port +
                "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))
            {
                assertEquals(200, status(stop), "a Stop is served");
            }
            for (final Socket socket : held)
            {
                socket.close();
            }
            final long closedAt = System.nanoTime();
            int status = 0;
            while (status != 200 && System.nanoTime() - closedAt < 30_000_000_000L)
            {
                try (Socket again = open(port, events(port)))
                {
                    status = status(again);
                }
                Thread.sleep(status == 200 ? 0 : 200);
            }
            final double seconds = (System.nanoTime() - closedAt) * 1e-9;
            assertEquals(200, status);
            assertTrue(seconds < 8, "a stream was taken " + seconds + " s after the others went away");
        }
    }

    /**
     * A client that opens the live events and reads nothing held its connection (and thread) for as long as the
     * explorer ran: its writes waited for good once the socket's buffers were full. Now a write not taken within the
     * write timeout closes the connection: the client, reading at last, finds its stream ended.
     */
    @Test
    @Timeout(60)
    void anEventStreamWhoseClientReadsNothingIsClosedAtTheWriteTimeout() throws Exception
    {
        RequestFront.writeTimeoutMs = 500;
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), tmp.resolve("out")))
        {
            final int port = server.port();
            try (Socket stream = new Socket())
            {
                stream.setReceiveBufferSize(4096);
                stream.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                stream.getOutputStream().write(events(port).getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(200, status(stream), "the stream began");
                try (Socket start = open(port, post(port, "/api/network/start",
                    "{\"config\":\"cortex2003.yaml\",\"duration_ms\":600000}")))
                {
                    assertEquals(202, status(start), "the run started");
                }
                // The run's events fill the buffers within a second or two; then the write times out.
                Thread.sleep(4000);
                stream.setSoTimeout(200);
                final InputStream in = stream.getInputStream();
                final byte[] buffer = new byte[1 << 16];
                final long start = System.nanoTime();
                boolean ended = false;
                while (!ended && System.nanoTime() - start < 10_000_000_000L)
                {
                    try
                    {
                        ended = in.read(buffer) < 0;
                    }
                    catch (final SocketTimeoutException quiet)
                    {
                        // nothing yet
                    }
                    catch (final IOException reset)
                    {
                        ended = true;
                    }
                }
                assertTrue(ended, "the stream of a client that read nothing was still open");
            }
            finally
            {
                try (Socket stop = open(port, post(port, "/api/network/stop", "{}")))
                {
                    status(stop);
                }
            }
        }
        finally
        {
            RequestFront.writeTimeoutMs = RequestFront.WRITE_TIMEOUT_MS;
        }
    }

    private static String post(final int port, final String path, final String body)
    {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n" +
            "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /**
     * A request whose head or body had not arrived by the deadline was closed without a word; now the client is
     * told, with a JSON 408.
     */
    @Test
    @Timeout(30)
    void aRequestThatDoesNotArriveInTimeIsAnswered408() throws IOException
    {
        RequestFront.requestTimeoutMs = 500;
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), tmp.resolve("out"));
             Socket socket = open(server.port(), "POST /api/neuron HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() +
                 "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"pre"))
        {
            socket.setSoTimeout(5000);
            final String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 408 "), reply);
            assertTrue(reply.endsWith("\r\n\r\n{\"error\":\"the request did not arrive whole within 0.5 s\"}"), reply);
        }
        finally
        {
            RequestFront.requestTimeoutMs = RequestFront.REQUEST_TIMEOUT_MS;
        }
    }

    /** The 408 of a HEAD request whose head had not arrived whole is a head alone: it carried its JSON body. */
    @Test
    @Timeout(30)
    void aHeadRequestThatDoesNotArriveInTimeGets408WithoutABody() throws IOException
    {
        RequestFront.requestTimeoutMs = 500;
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), tmp.resolve("out"));
             Socket socket = open(server.port(), "HEAD /api/presets HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()))
        {
            socket.setSoTimeout(5000);
            final String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 408 "), reply);
            assertTrue(reply.endsWith("\r\nConnection: close\r\n\r\n"), reply);
        }
        finally
        {
            RequestFront.requestTimeoutMs = RequestFront.REQUEST_TIMEOUT_MS;
        }
    }

    /**
     * The 503 of a server at its connection limit was written and the connection closed with the client's body
     * unread, which resets it: a client sending a large POST saw "broken pipe" or "connection reset", not the 503.
     */
    @Test
    @Timeout(60)
    void aBusyServersRefusalReachesAClientThatSentALargeBody() throws Exception
    {
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), tmp.resolve("out")))
        {
            final int port = server.port();
            final List<Socket> held = new ArrayList<>();
            try
            {
                for (int i = 0; i < RequestFront.MAX_CONNECTIONS; i++)
                {
                    held.add(open(port, "GET / HTTP/1.1\r\n"));
                }
                int status = 0;
                for (int attempt = 0; attempt < 50 && status != 503; attempt++)
                {
                    status = presets(port);
                }
                assertEquals(503, status, "at the limit");
                final byte[] body = ("{\"preset\":\"RS\"}" + " ".repeat(1 << 20)).getBytes(StandardCharsets.UTF_8);
                // As most clients do (Python's http.client, the tester's script): the whole request, then the reply.
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port))
                {
                    socket.setSoTimeout(5000);
                    socket.getOutputStream().write(("POST /api/neuron HTTP/1.1\r\nHost: 127.0.0.1:" + port +
                        "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().write(body);
                    socket.getOutputStream().flush();
                    final String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(reply.startsWith("HTTP/1.1 503 "), reply);
                    assertTrue(reply.contains("{\"error\":\"the explorer is serving 64 connections already"), reply);
                }
            }
            finally
            {
                for (final Socket socket : held)
                {
                    socket.close();
                }
            }
        }
    }

    /**
     * An explorer left 16 file descriptors beyond those it holds once started ({@code prlimit} on its process):
     * unfinished requests run it out of them (its accept fails with "Too many open files"); once they are closed
     * it must answer again.
     */
    @Test
    @Timeout(120)
    void aServerOutOfFileDescriptorsAnswersAgainWhenTheFloodEnds() throws Exception
    {
        final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.izhsim.cli.Main", "explore", "--port", "0",
            "--configs", Path.of("..", "configs").toString(), "--out", tmp.resolve("out").toString())
            .redirectErrorStream(true).start();
        try
        {
            final BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
            final Matcher url = Pattern.compile("Explorer at http://127\\.0\\.0\\.1:(\\d+)").matcher("");
            String line = lines.readLine();
            while (line != null && !url.reset(line).find())
            {
                line = lines.readLine();
            }
            assertTrue(line != null, "the explorer printed its address");
            final int port = Integer.parseInt(url.group(1));
            assertEquals(200, presets(port), "before the flood");
            final long open;
            try (java.util.stream.Stream<Path> fds = java.nio.file.Files.list(Path.of("/proc", Long.toString(
                process.pid()), "fd")))
            {
                open = fds.count();
            }
            final Process limit = new ProcessBuilder("prlimit", "--pid", Long.toString(process.pid()),
                "--nofile=" + (open + 16)).inheritIO().start();
            assertEquals(0, limit.waitFor(), "prlimit");
            final List<Socket> flood = new ArrayList<>();
            try
            {
                for (int i = 0; i < 100; i++)
                {
                    final Socket socket = new Socket();
                    flood.add(socket);
                    socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                    socket.getOutputStream().write(String.format(PRESETS, port).getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            catch (final IOException full)
            {
                // the backlog is full: the server accepts no more
            }
            finally
            {
                for (final Socket socket : flood)
                {
                    socket.close();
                }
            }
            assertTrue(flood.size() > 16, "the flood went beyond the descriptors left: " + flood.size());
            int status = -1;
            for (int attempt = 0; attempt < 20 && status != 200; attempt++)
            {
                status = presets(port);
            }
            assertEquals(200, status, "after the flood");
            assertTrue(process.isAlive());
        }
        finally
        {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
