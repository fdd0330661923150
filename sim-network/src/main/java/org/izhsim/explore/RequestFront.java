package org.izhsim.explore;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import org.izhsim.core.InputException;

/**
 * The explorer's listening socket on 127.0.0.1, in front of the JDK HttpServer: it reads each request's head
 * and answers a malformed one (a request line that is not {@code METHOD /path HTTP/1.x}, a URL the JDK
 * cannot parse such as {@code /api/%zz}, a bad header line, a head over 64 kB) with the explorer's JSON 400
 * itself, because the JDK answers those with an HTML page of its own ("URISyntaxException thrown") before
 * any handler runs. So is a body's framing (RFC 9112 section 6): a Content-Length that is not a whole number
 * (400) or over the body limit (413), Content-Length with Transfer-Encoding (400), a coding other than
 * chunked (501). A chunked body is read and checked here, and passed on with its Content-Length: the JDK
 * reports a bad chunk only to the handler reading it, as an IOException that leaves no way to answer.
 * Well-formed requests and their replies otherwise pass through byte for byte, one per connection (both heads
 * gain {@code Connection: close}), so no later request on a kept-alive connection escapes the check.
 * <p>
 * A hostile client on the machine cannot take the server down: a request (head and body) must arrive whole within
 * {@link #REQUEST_TIMEOUT_MS} (the limit was per read, and a header line every 25 s, or a head followed by part
 * of its body, held a connection and its threads for good); at most {@link #MAX_CONNECTIONS} connections are
 * served at once, further ones get a JSON 503 and are closed; and a failed accept (no file descriptor left) is
 * retried after a pause: it ended the accept loop, and a flood of 1100 unfinished requests under {@code ulimit -n
 * 1024} left a server that never answered again. So the front reads every body itself (a Content-Length body too)
 * and passes it on with one Content-Length of its own (two Content-Length fields or a list such as {@code 15,15}
 * got the JDK's HTML page; a body cut short got no reply).
 * <p>
 * Owns its server socket and the connections it accepts; runs on the server's executor.
 */
final class RequestFront implements AutoCloseable
{
    private static final int MAX_HEAD_BYTES = 64 << 10;
    /** A client that has not sent its whole request (head and body) by then is not a browser. */
    static final int REQUEST_TIMEOUT_MS = 30_000;
    /** {@link #REQUEST_TIMEOUT_MS} of the fronts started from now on; tests shorten it. */
    static volatile int requestTimeoutMs = REQUEST_TIMEOUT_MS;
    /** Connections served at once: a page takes a handful (its requests and the live events). */
    static final int MAX_CONNECTIONS = 64;
    /** After a failed accept (no file descriptor left), the accept loop waits this long before the next. */
    private static final long ACCEPT_RETRY_MS = 100;
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");
    /** RFC 9110 field values: visible ASCII, obs-text, spaces and tabs; no other control characters. */
    private static final Pattern FIELD_VALUE = Pattern.compile("[\\t\\x20-\\x7e\\x80-\\xff]*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern HEX_DIGITS = Pattern.compile("[0-9A-Fa-f]+");
    /** A chunk-size line, extensions included, or a trailer line longer than this is not a client's. */
    private static final int MAX_CHUNK_LINE_BYTES = 4096;
    /** {@link #bodyLength}'s answer for a chunked body. */
    private static final long CHUNKED = -1;

    private final ServerSocket socket;
    private final InetSocketAddress backend;
    private final ExecutorService executor;
    private final long maxBodyBytes;
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
    private final int timeoutMs;

    private RequestFront(final ServerSocket socket, final InetSocketAddress backend, final ExecutorService executor,
        final long maxBodyBytes)
    {
        this.socket = socket;
        this.backend = backend;
        this.executor = executor;
        this.maxBodyBytes = maxBodyBytes;
        this.timeoutMs = requestTimeoutMs;
    }

    /**
     * @param port         TCP port on 127.0.0.1, 0 for any free one.
     * @param backend      the HttpServer that serves well-formed requests.
     * @param maxBodyBytes a larger request body is refused (413) before it is read.
     * @return a front that accepts connections from now on.
     * @throws InputException when the port cannot be bound.
     */
    static RequestFront start(final int port, final InetSocketAddress backend, final ExecutorService executor,
        final long maxBodyBytes)
    {
        final ServerSocket socket;
        try
        {
            socket = new ServerSocket(port, 64, InetAddress.getLoopbackAddress());
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot listen on 127.0.0.1:" + port + ": " + ex.getMessage() +
                " (use --port N for another port, or --port 0 for any free one)");
        }
        final RequestFront front = new RequestFront(socket, backend, executor, maxBodyBytes);
        executor.execute(front::acceptLoop);
        return front;
    }

    int port()
    {
        return socket.getLocalPort();
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            // closing anyway
        }
    }

    private void acceptLoop()
    {
        while (!socket.isClosed())
        {
            final Socket client;
            try
            {
                client = socket.accept();
            }
            catch (final IOException ex)
            {
                if (socket.isClosed())
                {
                    return;
                }
                pause(); // e.g. "Too many open files": the connections being served will end and free some
                continue;
            }
            if (!connections.tryAcquire())
            {
                busy(client);
                continue;
            }
            try
            {
                executor.execute(() ->
                {
                    try
                    {
                        serve(client);
                    }
                    finally
                    {
                        connections.release();
                    }
                });
            }
            catch (final RuntimeException ex)
            {
                connections.release();
                closeQuietly(client); // the executor is shutting down
            }
        }
    }

    private static void pause()
    {
        try
        {
            Thread.sleep(ACCEPT_RETRY_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection too many: a short JSON 503 on the accepting thread (a fresh socket's buffer takes it), closed. */
    private static void busy(final Socket client)
    {
        try (client)
        {
            client.setSoTimeout(1000);
            refuse(client.getOutputStream(), 503, "the explorer is serving " + MAX_CONNECTIONS + " connections " +
                "already; try again when some have ended");
        }
        catch (final IOException ex)
        {
            // the client went away
        }
    }

    private void serve(final Socket client)
    {
        try (client)
        {
            client.setTcpNoDelay(true);
            final InputStream in = new BufferedInputStream(new DeadlineInput(client, timeoutMs));
            final byte[] head = readHead(in);
            if (head == null)
            {
                return; // connected and left
            }
            final String text = new String(head, StandardCharsets.ISO_8859_1);
            final String problem = head.length > MAX_HEAD_BYTES ?
                "the request head is larger than " + MAX_HEAD_BYTES + " bytes" : problem(text);
            if (problem != null)
            {
                refuse(client.getOutputStream(), 400, problem);
                return;
            }
            if (text.startsWith("HEAD "))
            {
                // The JDK server logged a multi-line warning for the handlers' 405 reply to a HEAD with a length.
                refuse(client.getOutputStream(), 405, "HEAD is not allowed here; use GET");
                return;
            }
            final byte[] body;
            try
            {
                final long length = bodyLength(text, maxBodyBytes);
                body = length == CHUNKED ? readChunked(in, client.getOutputStream(), text, maxBodyBytes) :
                    readBody(in, client.getOutputStream(), text, length);
            }
            catch (final ApiException ex)
            {
                refuse(client.getOutputStream(), ex.status(), ex.getMessage());
                return;
            }
            client.setSoTimeout(0); // a live-event stream stays open for the whole run; nothing more is read
            forward(client, forwardedHead(text, body), body);
        }
        catch (final IOException ex)
        {
            // the client went away or timed out
        }
    }

    /**
     * @param body the request's body, read by the front.
     */
    private void forward(final Socket client, final String head, final byte[] body)
        throws IOException
    {
        try (Socket server = new Socket())
        {
            server.connect(backend, CONNECT_TIMEOUT_MS);
            server.setTcpNoDelay(true);
            final OutputStream toServer = server.getOutputStream();
            toServer.write(head.getBytes(StandardCharsets.ISO_8859_1));
            toServer.flush();
            // The body goes up on another thread while the reply comes down on this one (a handler may answer
            // before it reads a large body); closing both sockets when the reply ends stops the upward copy.
            if (body.length > 0)
            {
                executor.execute(() ->
                {
                    try
                    {
                        toServer.write(body);
                        toServer.flush();
                    }
                    catch (final IOException ex)
                    {
                        // one side closed
                    }
                });
            }
            final InputStream fromServer = new BufferedInputStream(server.getInputStream());
            final OutputStream toClient = client.getOutputStream();
            // The reply says so too, or a client that keeps connections alive would send its next request
            // into a closed socket.
            byte[] replyHead = readHead(fromServer);
            // An interim reply (100 Continue to a client's Expect with a Content-Length body) goes down as its
            // status line alone: it was passed on with the JDK's Content-Length: 0 and this front's Connection:
            // close, which belong to the final reply only (RFC 9110 15.2 and 8.6), and that one then lacked it.
            while (replyHead != null && isInterim(replyHead))
            {
                final String interim = new String(replyHead, StandardCharsets.ISO_8859_1);
                toClient.write((interim.split("\r?\n", 2)[0] + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                toClient.flush();
                replyHead = readHead(fromServer);
            }
            if (replyHead == null)
            {
                return;
            }
            toClient.write(forwardedHead(new String(replyHead, StandardCharsets.ISO_8859_1), null)
                .getBytes(StandardCharsets.ISO_8859_1));
            final byte[] buffer = new byte[16 << 10];
            for (int n; (n = fromServer.read(buffer)) >= 0; )
            {
                toClient.write(buffer, 0, n);
                toClient.flush(); // live events must not wait for a full buffer
            }
        }
    }

    /**
     * @return the head up to and including its empty line, at most {@link #MAX_HEAD_BYTES} + 1 bytes (then it
     *         is too large), or null when the client sent nothing.
     */
    private static byte[] readHead(final InputStream in) throws IOException
    {
        int b;
        do
        {
            b = in.read(); // RFC 9112 2.2: empty lines before the request line are ignored
            if (b < 0)
            {
                return null;
            }
        }
        while (b == '\r' || b == '\n');
        final ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        head.write(b);
        int last = b;
        int beforeLast = -1;
        while (head.size() <= MAX_HEAD_BYTES)
        {
            b = in.read();
            if (b < 0)
            {
                break; // problem() reports the unfinished head
            }
            head.write(b);
            // The head ends with an empty line: "\n\n" or "\n\r\n".
            if (b == '\n' && (last == '\n' || last == '\r' && beforeLast == '\n'))
            {
                break;
            }
            beforeLast = last;
            last = b;
        }
        return head.toByteArray();
    }

    /**
     * @return what is wrong with the head, or null when the JDK server will take it.
     */
    static String problem(final String head)
    {
        if (!head.endsWith("\n\n") && !head.endsWith("\n\r\n"))
        {
            return "the request ended inside its head";
        }
        final String[] lines = head.split("\r?\n");
        final String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches() || !VERSION.matcher(parts[2]).matches())
        {
            return "malformed request line (expected 'METHOD /path HTTP/1.1')";
        }
        if (!parts[1].startsWith("/"))
        {
            return "the request target must be a path starting with '/'";
        }
        try
        {
            new URI(parts[1]);
        }
        catch (final URISyntaxException ex)
        {
            return "malformed URL: " + ex.getReason() + " at index " + ex.getIndex();
        }
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(lines[i].substring(0, colon)).matches() ||
                !FIELD_VALUE.matcher(lines[i].substring(colon + 1)).matches())
            {
                return "malformed header line " + i;
            }
        }
        if (values(head, "host").size() > 1)
        {
            return "a request has one Host field (RFC 9112 3.2), this one more"; // the server checks the first only
        }
        return null;
    }

    /**
     * The length of the body a well-formed head announces, checked here because the JDK answers a bad
     * Content-Length with its HTML page (RFC 9112 6.1-6.3).
     *
     * @param head a head {@link #problem} accepts.
     * @return the Content-Length, 0 without one, or {@link #CHUNKED}.
     * @throws ApiException 400 for a Content-Length that is not one whole number or comes with a
     *                      Transfer-Encoding, 413 for one over {@code maxBodyBytes}, 501 for a coding other
     *                      than chunked.
     */
    static long bodyLength(final String head, final long maxBodyBytes)
    {
        final List<String> lengths = values(head, "content-length");
        final List<String> codings = values(head, "transfer-encoding");
        if (!codings.isEmpty())
        {
            if (!lengths.isEmpty())
            {
                throw new ApiException(400, "a request must not give both Content-Length and Transfer-Encoding");
            }
            if (codings.size() != 1 || !codings.get(0).equalsIgnoreCase("chunked"))
            {
                throw new ApiException(501, "the only Transfer-Encoding taken is chunked, got '" +
                    clip(String.join(", ", codings)) + "'");
            }
            return CHUNKED;
        }
        if (lengths.isEmpty())
        {
            return 0;
        }
        final String length = lengths.get(0);
        if (!DIGITS.matcher(length).matches())
        {
            throw new ApiException(400, "Content-Length must be a whole number of bytes, got '" + clip(length) + "'");
        }
        if (lengths.stream().anyMatch(other -> !other.equals(length)))
        {
            throw new ApiException(400, "conflicting Content-Length values: " + clip(String.join(", ", lengths)));
        }
        final String significant = length.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 18 || Long.parseLong(significant) > maxBodyBytes)
        {
            throw new ApiException(413, "the request body is larger than " + maxBodyBytes + " bytes");
        }
        return Long.parseLong(significant);
    }

    /** The values of every header field called {@code name} (lower case), list members one by one. */
    private static List<String> values(final String head, final String name)
    {
        final List<String> values = new ArrayList<>();
        final String[] lines = head.split("\r?\n");
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            if (colon == name.length() && lines[i].regionMatches(true, 0, name, 0, colon))
            {
                for (final String member : lines[i].substring(colon + 1).split(","))
                {
                    if (!member.isBlank())
                    {
                        values.add(member.strip());
                    }
                }
            }
        }
        return values;
    }

    /**
     * Reads a chunked body to its end (RFC 9112 7.1), trailer fields included; chunk extensions and trailers
     * are dropped. A client that waits for {@code 100 Continue} gets it from here first.
     *
     * @return the body's data.
     * @throws ApiException 400 for a malformed or unfinished chunk, 413 when the data exceed {@code maxBodyBytes}.
     */
    private static byte[] readChunked(final InputStream in, final OutputStream out, final String head,
        final long maxBodyBytes) throws IOException
    {
        if (values(head, "expect").stream().anyMatch("100-continue"::equalsIgnoreCase))
        {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true)
        {
            final String line = chunkLine(in);
            final String size = line.split(";", 2)[0].strip().replaceFirst("^0+(?=.)", "");
            if (!HEX_DIGITS.matcher(size).matches())
            {
                throw new ApiException(400, "malformed chunked body: bad chunk size '" + clip(size) + "'");
            }
            if (size.length() > 8 || body.size() + Long.parseLong(size, 16) > maxBodyBytes)
            {
                throw new ApiException(413, "the request body is larger than " + maxBodyBytes + " bytes");
            }
            final int length = Integer.parseInt(size, 16);
            if (length == 0)
            {
                break;
            }
            final byte[] data = in.readNBytes(length);
            body.write(data);
            if (data.length < length || !chunkLine(in).isEmpty())
            {
                throw new ApiException(400, data.length < length ? "the request ended inside its chunked body" :
                    "malformed chunked body: a chunk's data must end with CRLF");
            }
        }
        int trailerBytes = 0;
        for (String trailer = chunkLine(in); !trailer.isEmpty(); trailer = chunkLine(in))
        {
            trailerBytes += trailer.length();
            if (trailerBytes > MAX_HEAD_BYTES)
            {
                throw new ApiException(400, "the trailer fields are larger than " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return body.toByteArray();
    }

    /**
     * Reads a body of {@code length} bytes (a client that waits for {@code 100 Continue} gets it from here first).
     *
     * @throws ApiException 400 when the client ends its side before the whole body.
     */
    private static byte[] readBody(final InputStream in, final OutputStream out, final String head, final long length)
        throws IOException
    {
        if (length > 0 && values(head, "expect").stream().anyMatch("100-continue"::equalsIgnoreCase))
        {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        final byte[] body = in.readNBytes((int)length);
        if (body.length < length)
        {
            throw new ApiException(400, "the request ended after " + body.length + " of the " + length +
                " bytes its Content-Length announces");
        }
        return body;
    }

    /** One line of a chunked body, without its CRLF (or bare LF). */
    private static String chunkLine(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        for (int b = in.read(); b != '\n'; b = in.read())
        {
            if (b < 0)
            {
                throw new ApiException(400, "the request ended inside its chunked body");
            }
            if (line.size() == MAX_CHUNK_LINE_BYTES)
            {
                throw new ApiException(400, "malformed chunked body: a line longer than " + MAX_CHUNK_LINE_BYTES +
                    " bytes");
            }
            line.write(b);
        }
        final String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** A client's value, shortened for a one-line error. */
    private static String clip(final String value)
    {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    /**
     * A request's or reply's head to pass on: any Connection header replaced by {@code Connection: close}, and
     * for a request ({@code body} not null: the front has read it) the body's own Content-Length instead of the
     * client's Content-Length, Transfer-Encoding and Expect.
     */
    private static String forwardedHead(final String head, final byte[] body)
    {
        final StringBuilder out = new StringBuilder(head.length() + 40);
        final String[] lines = head.split("\r?\n");
        out.append(lines[0]).append("\r\n");
        for (int i = 1; i < lines.length; i++)
        {
            final boolean dropped = isField(lines[i], "connection") ||
                body != null && (isField(lines[i], "transfer-encoding") || isField(lines[i], "expect") ||
                    isField(lines[i], "content-length"));
            if (!dropped)
            {
                out.append(lines[i]).append("\r\n");
            }
        }
        if (body != null)
        {
            out.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    /** Whether a reply head's status is 1xx: "HTTP/1.1 1" and two more digits. */
    private static boolean isInterim(final byte[] head)
    {
        return head.length > 12 && new String(head, 0, 10, StandardCharsets.ISO_8859_1).matches("HTTP/1\\.[01] 1") &&
            Character.isDigit(head[10]) && Character.isDigit(head[11]) && head[12] == ' ';
    }

    private static boolean isField(final String line, final String name)
    {
        return line.length() > name.length() && line.charAt(name.length()) == ':' &&
            line.regionMatches(true, 0, name, 0, name.length());
    }

    private static void refuse(final OutputStream out, final int status, final String problem) throws IOException
    {
        final byte[] body = Json.error(problem, null);
        out.write(("HTTP/1.1 " + status + " " + reason(status) + "\r\n" +
            "Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n" +
            "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String reason(final int status)
    {
        switch (status)
        {
            case 405:
                return "Method Not Allowed";
            case 413:
                return "Content Too Large";
            case 501:
                return "Not Implemented";
            case 503:
                return "Service Unavailable";
            default:
                return "Bad Request";
        }
    }

    private static void closeQuietly(final Socket socket)
    {
        try
        {
            socket.close();
        }
        catch (final IOException ex)
        {
            // nothing to do
        }
    }
}
