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
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

import org.izhsim.core.InputException;

/**
 * The explorer's listening socket on 127.0.0.1, in front of the JDK HttpServer: it reads each request's head
 * and answers a malformed one (a request line that is not {@code METHOD /path HTTP/1.x}, a URL the JDK
 * cannot parse such as {@code /api/%zz}, a bad header line, a head over 64 kB) with the explorer's JSON 400
 * itself, because the JDK answers those with an HTML page of its own ("URISyntaxException thrown") before
 * any handler runs. Well-formed requests and their replies pass through byte for byte, one per connection
 * (both heads gain {@code Connection: close}), so no later request on a kept-alive connection escapes the check.
 * <p>
 * Owns its server socket and the connections it accepts; runs on the server's executor.
 */
final class RequestFront implements AutoCloseable
{
    private static final int MAX_HEAD_BYTES = 64 << 10;
    /** A client that has not sent its head by then is not a browser. */
    private static final int HEAD_TIMEOUT_MS = 30_000;
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");
    /** RFC 9110 field values: visible ASCII, obs-text, spaces and tabs; no other control characters. */
    private static final Pattern FIELD_VALUE = Pattern.compile("[\\t\\x20-\\x7e\\x80-\\xff]*");

    private final ServerSocket socket;
    private final InetSocketAddress backend;
    private final ExecutorService executor;

    private RequestFront(final ServerSocket socket, final InetSocketAddress backend, final ExecutorService executor)
    {
        this.socket = socket;
        this.backend = backend;
        this.executor = executor;
    }

    /**
     * @param port    TCP port on 127.0.0.1, 0 for any free one.
     * @param backend the HttpServer that serves well-formed requests.
     * @return a front that accepts connections from now on.
     * @throws InputException when the port cannot be bound.
     */
    static RequestFront start(final int port, final InetSocketAddress backend, final ExecutorService executor)
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
        final RequestFront front = new RequestFront(socket, backend, executor);
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
                return; // closed
            }
            try
            {
                executor.execute(() -> serve(client));
            }
            catch (final RuntimeException ex)
            {
                closeQuietly(client); // the executor is shutting down
            }
        }
    }

    private void serve(final Socket client)
    {
        try (client)
        {
            client.setTcpNoDelay(true);
            client.setSoTimeout(HEAD_TIMEOUT_MS);
            final InputStream in = new BufferedInputStream(client.getInputStream());
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
                refuse(client.getOutputStream(), problem);
                return;
            }
            client.setSoTimeout(0); // a live-event stream stays open for the whole run
            forward(client, in, withConnectionClose(text));
        }
        catch (final IOException ex)
        {
            // the client went away or timed out
        }
    }

    private void forward(final Socket client, final InputStream in, final String head) throws IOException
    {
        try (Socket server = new Socket())
        {
            server.connect(backend, CONNECT_TIMEOUT_MS);
            server.setTcpNoDelay(true);
            final OutputStream toServer = server.getOutputStream();
            toServer.write(head.getBytes(StandardCharsets.ISO_8859_1));
            toServer.flush();
            // The body, if any, goes up on another thread while the reply comes down on this one; closing both
            // sockets when the reply ends stops the upward copy.
            executor.execute(() ->
            {
                try
                {
                    in.transferTo(toServer);
                    server.shutdownOutput();
                }
                catch (final IOException ex)
                {
                    // one side closed
                }
            });
            final InputStream fromServer = new BufferedInputStream(server.getInputStream());
            final OutputStream toClient = client.getOutputStream();
            // The reply says so too, or a client that keeps connections alive would send its next request
            // into a closed socket.
            final byte[] replyHead = readHead(fromServer);
            if (replyHead == null)
            {
                return;
            }
            toClient.write(withConnectionClose(new String(replyHead, StandardCharsets.ISO_8859_1))
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
        return null;
    }

    /** The head with any Connection header replaced by {@code Connection: close}. */
    private static String withConnectionClose(final String head)
    {
        final StringBuilder out = new StringBuilder(head.length() + 20);
        final String[] lines = head.split("\r?\n");
        out.append(lines[0]).append("\r\n");
        for (int i = 1; i < lines.length; i++)
        {
            if (!lines[i].regionMatches(true, 0, "connection:", 0, "connection:".length()))
            {
                out.append(lines[i]).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static void refuse(final OutputStream out, final String problem) throws IOException
    {
        final byte[] body = Json.error(problem, null);
        out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n" +
            "Cache-Control: no-store\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
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
