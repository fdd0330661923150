package org.izhsim.explore;

import com.sun.net.httpserver.HttpHandler;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.izhsim.core.InputException;

/**
 * The explorer's one listening socket, on 127.0.0.1: it reads each request's head and body, answers a malformed
 * one with the explorer's JSON error itself (a request line that is not {@code METHOD /path HTTP/1.x}, a URL
 * that does not parse such as {@code /api/%zz}, a bad header line, a head over 64 kB; a body's framing, RFC 9112
 * section 6: a Content-Length that is not a whole number (400) or over the body limit (413), Content-Length with
 * Transfer-Encoding (400), a coding other than chunked (501), a bad chunk (400)), and hands a well-formed one to the
 * explorer's handler in this process as a {@link FrontExchange}, one request per connection ({@code Connection:
 * close}). There is no second server behind it: a JDK HttpServer on a loopback port of its own served the requests
 * the front passed on, and anything on the machine could connect to that port and skip every check here.
 * <p>
 * A hostile client on the machine cannot take the server down: a request (head and body) must arrive whole within
 * {@link #REQUEST_TIMEOUT_MS}, or it is answered 408 and closed (the limit was per read, and a header line every
 * 25 s, or a head followed by part of its body, held a connection and its threads for good); at most {@link
 * #MAX_CONNECTIONS} connections are served at once, further ones get a JSON 503; a live-event stream, once its
 * request is read, counts against {@link #MAX_STREAMS} instead, so that pages that keep streams open (or a client
 * that opens many) leave room for the requests of everyone, Stop included; every write to a client must be taken
 * within {@link #WRITE_TIMEOUT_MS}, or the connection is closed (a stream nobody reads held its thread and socket
 * for good); and a failed accept (no file descriptor left) is retried after a pause: it ended the accept loop, and
 * a flood of 1100 unfinished requests under {@code ulimit -n 1024} left a server that never answered again.
 * <p>
 * A refusal is sent before the client has sent its whole request: the front then says it sends nothing more and
 * reads, for a bounded time, what the client still sends, before it closes. Closing a socket with unread input
 * resets the connection, and the client lost the reply (a 2 MB POST to a busy server saw "broken pipe", not its 503).
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
    /** Connections served at once, live-event streams aside: a page takes a handful. */
    static final int MAX_CONNECTIONS = 64;
    /** Live-event streams served at once: one per page with its network tab open. */
    static final int MAX_STREAMS = 16;
    /**
     * A write to a client that has not been taken by then (the client reads nothing, its socket's buffers are full)
     * ends the connection: a page reads its events as they come, and a download this slow has stalled.
     */
    static final int WRITE_TIMEOUT_MS = 15_000;
    /** {@link #WRITE_TIMEOUT_MS} of the fronts started from now on; tests shorten it. */
    static volatile int writeTimeoutMs = WRITE_TIMEOUT_MS;
    /** The socket send buffer of a live-event stream. */
    private static final int STREAM_SEND_BUFFER_BYTES = 64 << 10;
    /** After a refusal, the front reads what the client still sends for at most this long, then closes. */
    private static final int DRAIN_MS = 2_000;
    /** The drain of a client that did not send its request in time: short, it had its time. */
    private static final int LATE_DRAIN_MS = 250;
    /** Refused connections being drained at once (beyond them, one is closed at once). */
    private static final int MAX_DRAINING = 64;
    /** After a failed accept (no file descriptor left), the accept loop waits this long before the next. */
    private static final long ACCEPT_RETRY_MS = 100;
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
    private final HttpHandler handler;
    private final String streamPath;
    private final ExecutorService executor;
    private final long maxBodyBytes;
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final int timeoutMs;
    private final int writeTimeout;
    /** Closes the connections whose write has waited too long. */
    private final ScheduledThreadPoolExecutor writeWatch;
    /** Drains the connections refused at accept (busy), off the accepting thread; bounded, as they are. */
    private final ThreadPoolExecutor drainer;

    private RequestFront(final ServerSocket socket, final HttpHandler handler, final String streamPath,
        final ExecutorService executor, final long maxBodyBytes)
    {
        this.socket = socket;
        this.handler = handler;
        this.streamPath = streamPath;
        this.executor = executor;
        this.maxBodyBytes = maxBodyBytes;
        this.timeoutMs = requestTimeoutMs;
        this.writeTimeout = writeTimeoutMs;
        this.writeWatch = new ScheduledThreadPoolExecutor(1, task -> daemon(task, "izhsim-explore-write-watch"));
        writeWatch.setRemoveOnCancelPolicy(true);
        this.drainer = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_DRAINING),
            task -> daemon(task, "izhsim-explore-drain"));
        drainer.allowCoreThreadTimeOut(true);
    }

    private static Thread daemon(final Runnable task, final String name)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * @param port         TCP port on 127.0.0.1, 0 for any free one.
     * @param handler      serves the well-formed requests.
     * @param streamPath   the path of the live-event stream: its GETs count against {@link #MAX_STREAMS}.
     * @param maxBodyBytes a larger request body is refused (413) before it is read.
     * @return a front that accepts connections from now on.
     * @throws InputException when the port cannot be bound.
     */
    static RequestFront start(final int port, final HttpHandler handler, final String streamPath,
        final ExecutorService executor, final long maxBodyBytes)
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
        final RequestFront front = new RequestFront(socket, handler, streamPath, executor, maxBodyBytes);
        executor.execute(front::acceptLoop);
        return front;
    }

    int port()
    {
        return socket.getLocalPort();
    }

    /** Takes no more connections; the open ones go on until {@link #close()}. */
    public void stopAccepting()
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

    @Override
    public void close()
    {
        stopAccepting();
        writeWatch.shutdownNow();
        drainer.shutdownNow();
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
                executor.execute(() -> serve(client));
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

    /**
     * One connection too many: a short JSON 503 written on the accepting thread (a fresh socket's buffer takes it),
     * then drained and closed by {@link #drainer}, or at once when that is full too.
     */
    private void busy(final Socket client)
    {
        try
        {
            // Sent before the request is read: whether it asks for HEAD is not known, and its body goes with it.
            refuse(client.getOutputStream(), 503, "the explorer is serving " + MAX_CONNECTIONS + " connections " +
                "already; try again when some have ended", false);
            client.shutdownOutput();
        }
        catch (final IOException ex)
        {
            closeQuietly(client); // the client went away
            return;
        }
        try
        {
            drainer.execute(() -> drainAndClose(client));
        }
        catch (final RejectedExecutionException ex)
        {
            closeQuietly(client);
        }
    }

    /**
     * Reads and drops what a refused client still sends (its body), for at most {@link #DRAIN_MS} and a body's
     * bytes, so that its reply is not lost to a reset; then closes the connection.
     */
    private void drainAndClose(final Socket client)
    {
        drainAndClose(client, DRAIN_MS);
    }

    private void drainAndClose(final Socket client, final int drainMs)
    {
        try (client)
        {
            final InputStream in = new DeadlineInput(client, drainMs);
            final byte[] buffer = new byte[16 << 10];
            long left = maxBodyBytes + MAX_HEAD_BYTES;
            for (int n; left > 0 && (n = in.read(buffer)) >= 0; )
            {
                left -= n;
            }
        }
        catch (final IOException ex)
        {
            // timed out, or the client went away: closed either way
        }
    }

    /**
     * Sends a refusal to a client being served, half-closes and drains its connection (see the class comment).
     *
     * @param headOnly the request asked for HEAD: its refusal's head is sent, its body not.
     */
    private void refuseAndDrain(final Socket client, final int status, final String problem, final boolean headOnly)
        throws IOException
    {
        refuse(client.getOutputStream(), status, problem, headOnly);
        client.shutdownOutput();
        drainAndClose(client);
    }

    private void serve(final Socket client)
    {
        Semaphore held = connections;
        try (client)
        {
            client.setTcpNoDelay(true);
            final InputStream in = new BufferedInputStream(new DeadlineInput(client, timeoutMs));
            // The head as far as it came: a refusal of a HEAD request, the timeout's too, is sent without its body.
            final ByteArrayOutputStream received = new ByteArrayOutputStream(512);
            final String text;
            final byte[] body;
            try
            {
                final byte[] head = readHead(in, received);
                if (head == null)
                {
                    return; // connected and left
                }
                text = new String(head, StandardCharsets.ISO_8859_1);
                final String problem = head.length > MAX_HEAD_BYTES ?
                    "the request head is larger than " + MAX_HEAD_BYTES + " bytes" : problem(text);
                if (problem != null)
                {
                    refuseAndDrain(client, 400, problem, asksForHead(received));
                    return;
                }
                final long length = bodyLength(text, maxBodyBytes);
                body = length == CHUNKED ? readChunked(in, client.getOutputStream(), text, maxBodyBytes) :
                    readBody(in, client.getOutputStream(), text, length);
            }
            catch (final ApiException ex)
            {
                refuseAndDrain(client, ex.status(), ex.getMessage(), asksForHead(received));
                return;
            }
            catch (final SocketTimeoutException ex)
            {
                // RFC 9110 15.5.9: the client is told, rather than finding its connection closed without a word.
                refuse(client.getOutputStream(), 408, "the request did not arrive whole within " +
                    org.izhsim.output.Numbers.format(timeoutMs / 1000.0) + " s", asksForHead(received));
                client.shutdownOutput();
                drainAndClose(client, LATE_DRAIN_MS); // it had its time
                return;
            }
            if (isStream(text))
            {
                if (!streams.tryAcquire())
                {
                    refuseAndDrain(client, 503, "the explorer is serving " + MAX_STREAMS + " live event streams " +
                        "already (one per page with the network tab open); close some, or try again later", false);
                    return;
                }
                // The stream leaves the ordinary connections' count: streams kept open cannot lock out a Stop.
                connections.release();
                held = streams;
                // A slow page's events wait in its EventHub queue, which drops the backlog of one that lags, not in
                // megabytes of kernel buffer; and one that reads nothing meets the write timeout soon.
                client.setSendBufferSize(STREAM_SEND_BUFFER_BYTES);
            }
            client.setSoTimeout(0); // a live-event stream stays open for the whole run; nothing more is read
            final OutputStream out = new BufferedOutputStream(new WriteDeadline(client), 16 << 10);
            try (FrontExchange exchange = new FrontExchange(text, body,
                (InetSocketAddress)client.getLocalSocketAddress(), (InetSocketAddress)client.getRemoteSocketAddress(),
                out))
            {
                handler.handle(exchange);
            }
        }
        catch (final IOException ex)
        {
            // the client went away
        }
        finally
        {
            held.release();
        }
    }

    /** Whether the head asks for the live-event stream: a GET of {@link #streamPath}, query or not. */
    private boolean isStream(final String head)
    {
        final String[] requestLine = head.split("\r?\n", 2)[0].split(" ", -1);
        final String target = requestLine[1];
        final int query = target.indexOf('?');
        return requestLine[0].equals("GET") && (query < 0 ? target : target.substring(0, query)).equals(streamPath);
    }

    /**
     * The client's socket output, each write of which must be taken within {@link #writeTimeout} ms: a client
     * that reads nothing otherwise holds its thread, socket and permit for good, once the socket's buffers are full.
     */
    private final class WriteDeadline extends FilterOutputStream
    {
        private final Socket client;

        WriteDeadline(final Socket client) throws IOException
        {
            super(client.getOutputStream());
            this.client = client;
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            final ScheduledFuture<?> timeout = watch();
            try
            {
                out.write(b, off, len);
            }
            finally
            {
                timeout.cancel(false);
            }
        }

        @Override
        public void write(final int b) throws IOException
        {
            write(new byte[] {(byte)b}, 0, 1);
        }

        private ScheduledFuture<?> watch() throws IOException
        {
            try
            {
                return writeWatch.schedule(() -> closeQuietly(client), writeTimeout, TimeUnit.MILLISECONDS);
            }
            catch (final RejectedExecutionException ex)
            {
                throw new IOException("the explorer is shutting down", ex);
            }
        }
    }

    /**
     * @param head receives the head as it is read, for the refusal of one that does not arrive whole in time.
     * @return the head up to and including its empty line, at most {@link #MAX_HEAD_BYTES} + 1 bytes (then it
     *         is too large), or null when the client sent nothing.
     */
    private static byte[] readHead(final InputStream in, final ByteArrayOutputStream head) throws IOException
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
     * @return what is wrong with the head, or null when it is well-formed.
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
        // "//evil.example/api/presets" parses as a URL of another host whose path is /api/presets: it was served so.
        if (!parts[1].startsWith("/") || parts[1].startsWith("//"))
        {
            return "the request target must be a path starting with a single '/'";
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
            final String sent = line.split(";", 2)[0].strip();
            final String size = sent.replaceFirst("^0+(?=.)", "");
            if (!HEX_DIGITS.matcher(size).matches())
            {
                // Quoted as sent: without its leading zeros, "0x2" was quoted back as 'x2'.
                throw new ApiException(400, "malformed chunked body: bad chunk size '" + clip(sent) + "'");
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
     * Writes the JSON error reply; to a HEAD request its head alone, Content-Length included, as FrontExchange answers
     * HEAD (RFC 9110 9.3.2): a malformed HEAD request got the body too, which its client reads as the next reply.
     */
    private static void refuse(final OutputStream out, final int status, final String problem, final boolean headOnly)
        throws IOException
    {
        final byte[] body = Json.error(problem, null);
        out.write(("HTTP/1.1 " + status + " " + FrontExchange.reason(status) + "\r\n" +
            "Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n" +
            "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        if (!headOnly)
        {
            out.write(body);
        }
        out.flush();
    }

    /**
     * Whether a request's head, whole or as far as it came, names the method HEAD: its first token, up to a space or
     * the line's end (a request line malformed after it still asks for a head alone).
     */
    private static boolean asksForHead(final ByteArrayOutputStream received)
    {
        final byte[] start = received.toByteArray();
        final String first = new String(start, 0, Math.min(start.length, 5), StandardCharsets.ISO_8859_1);
        return first.split("[ \r\n]", 2)[0].equals("HEAD");
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
