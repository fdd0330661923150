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
     * Pages that open the live event stream and go away (70 closed at once by a tester): their streams held the
     * connections until the next keep-alive write failed, 15 s and more, and the server answered 503 to everyone
     * meanwhile. A stream's keep-alive comes every 2 s now: the server answers within a few seconds.
     */
    @Test
    @Timeout(60)
    void eventStreamsOfPagesThatWentAwayFreeTheirConnectionsWithinSeconds() throws IOException, InterruptedException
    {
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), tmp.resolve("out")))
        {
            final int port = server.port();
            final List<Socket> held = new ArrayList<>();
            for (int i = 0; i < RequestFront.MAX_CONNECTIONS; i++)
            {
                final Socket socket = open(port, "GET /api/network/events HTTP/1.1\r\nHost: 127.0.0.1:" + port +
                    "\r\n\r\n");
                held.add(socket);
            }
            // Each stream answered (its head and "retry"): all 64 are being served.
            for (final Socket socket : held)
            {
                socket.setSoTimeout(5000);
                assertTrue(socket.getInputStream().read() >= 0, "the stream began");
            }
            assertEquals(503, presets(port), "at the limit");
            for (final Socket socket : held)
            {
                socket.close();
            }
            final long closedAt = System.nanoTime();
            int status = 0;
            while (status != 200 && System.nanoTime() - closedAt < 30_000_000_000L)
            {
                status = presets(port);
                Thread.sleep(status == 200 ? 0 : 200);
            }
            final double seconds = (System.nanoTime() - closedAt) * 1e-9;
            assertEquals(200, status);
            assertTrue(seconds < 8, "answered " + seconds + " s after they went away");
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
