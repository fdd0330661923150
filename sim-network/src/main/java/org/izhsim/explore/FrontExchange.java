package org.izhsim.explore;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One request that {@link RequestFront} has read whole (head checked, body read), handed to the explorer's handler
 * in this process, and its reply written straight to the client's socket. The front used to pass every request on
 * to a JDK HttpServer on a second loopback port, which anything on the machine could connect to directly, skipping
 * every check of the front (Host and Origin, time and connection limits): now there is no second port.
 * <p>
 * The reply is HTTP/1.1 with {@code Connection: close} (one request per connection, as before): a length given to
 * {@link #sendResponseHeaders} is sent as Content-Length, 0 as a chunked body (a live-event stream), -1 as no body.
 * An HTTP/1.0 client cannot read chunks (RFC 9112 7.1: not sent to it), so its body of unknown length is sent as
 * is and ends with the connection.
 * <p>
 * A HEAD request is answered as its GET with the head only (RFC 9110 9.3.2): the same fields, Content-Length
 * included, and whatever the handler writes as the body is dropped; a stream of unknown length (the live events) ends
 * at its first write, so that it holds no thread.
 */
final class FrontExchange extends HttpExchange
{
    private final String method;
    private final URI uri;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final OutputStream toClient;
    private final Map<String, Object> attributes = new HashMap<>();
    /** The request said HTTP/1.0: no chunked reply. */
    private final boolean http10;
    /** A HEAD request: the reply's head is sent, its body not. */
    private final boolean headOnly;
    private InputStream requestBody;
    private OutputStream responseBody;
    private int responseCode = -1;

    /**
     * @param head     the request's head, as {@link RequestFront#problem} accepted it.
     * @param body     the request's body, read whole by the front.
     * @param toClient the client's socket output (buffered): the reply goes there.
     */
    FrontExchange(final String head, final byte[] body, final InetSocketAddress local, final InetSocketAddress remote,
        final OutputStream toClient)
    {
        final String[] lines = head.split("\r?\n");
        final String[] requestLine = lines[0].split(" ", -1);
        this.method = requestLine[0];
        this.http10 = requestLine.length > 2 && "HTTP/1.0".equals(requestLine[2]);
        this.headOnly = "HEAD".equals(method);
        this.uri = URI.create(requestLine[1]);
        this.requestHeaders = new Headers();
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            if (colon > 0)
            {
                requestHeaders.add(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
            }
        }
        this.requestBody = new ByteArrayInputStream(body);
        this.local = local;
        this.remote = remote;
        this.toClient = toClient;
        this.responseBody = new OutputStream()
        {
            @Override
            public void write(final int b) throws IOException
            {
                throw new IOException("the reply's head has not been sent");
            }
        };
    }

    @Override
    public Headers getRequestHeaders()
    {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders()
    {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI()
    {
        return uri;
    }

    @Override
    public String getRequestMethod()
    {
        return method;
    }

    @Override
    public HttpContext getHttpContext()
    {
        return null; // no HttpServer: the explorer's one handler takes every path
    }

    @Override
    public void close()
    {
        try
        {
            requestBody.close();
            responseBody.close();
            toClient.flush();
        }
        catch (final IOException ex)
        {
            // the client went away; the front closes the socket
        }
    }

    @Override
    public InputStream getRequestBody()
    {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody()
    {
        return responseBody;
    }

    @Override
    public void sendResponseHeaders(final int code, final long length) throws IOException
    {
        if (responseCode >= 0)
        {
            throw new IOException("the reply's head was sent already");
        }
        responseCode = code;
        final StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(code).append(' ').append(reason(code)).append("\r\n");
        for (final Map.Entry<String, java.util.List<String>> field : responseHeaders.entrySet())
        {
            for (final String value : field.getValue())
            {
                head.append(field.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (length > 0)
        {
            head.append("Content-Length: ").append(length).append("\r\n");
            responseBody = new FixedLength(toClient, length);
        }
        else if (length == 0 && http10)
        {
            // Delimited by the close that Connection: close announces.
            responseBody = new FixedLength(toClient, Long.MAX_VALUE);
        }
        else if (length == 0)
        {
            head.append("Transfer-Encoding: chunked\r\n");
            responseBody = new Chunked(toClient);
        }
        else
        {
            head.append("Content-Length: 0\r\n");
            responseBody = new FixedLength(toClient, 0);
        }
        head.append("Connection: close\r\n\r\n");
        toClient.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (headOnly)
        {
            responseBody = new Dropped(toClient, length > 0 || length < 0);
        }
    }

    /** The body of a reply to HEAD: nothing of it is sent. */
    private static final class Dropped extends OutputStream
    {
        private final OutputStream out;
        /** Whether the body's length is known: else its writer is stopped at its first write. */
        private final boolean sized;

        Dropped(final OutputStream out, final boolean sized)
        {
            this.out = out;
            this.sized = sized;
        }

        @Override
        public void write(final int b) throws IOException
        {
            write(new byte[] {(byte)b}, 0, 1);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            if (!sized)
            {
                // The live events would be written to nothing for as long as the server runs.
                throw new IOException("a reply to HEAD has no body");
            }
        }

        @Override
        public void flush() throws IOException
        {
            out.flush();
        }

        @Override
        public void close() throws IOException
        {
            out.flush();
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress()
    {
        return remote;
    }

    @Override
    public int getResponseCode()
    {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress()
    {
        return local;
    }

    @Override
    public String getProtocol()
    {
        return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(final String name)
    {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(final String name, final Object value)
    {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(final InputStream in, final OutputStream out)
    {
        if (in != null)
        {
            requestBody = in;
        }
        if (out != null)
        {
            responseBody = out;
        }
    }

    @Override
    public HttpPrincipal getPrincipal()
    {
        return null;
    }

    static String reason(final int status)
    {
        switch (status)
        {
            case 100:
                return "Continue";
            case 200:
                return "OK";
            case 202:
                return "Accepted";
            case 400:
                return "Bad Request";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 408:
                return "Request Timeout";
            case 409:
                return "Conflict";
            case 413:
                return "Content Too Large";
            case 415:
                return "Unsupported Media Type";
            case 500:
                return "Internal Server Error";
            case 501:
                return "Not Implemented";
            case 503:
                return "Service Unavailable";
            default:
                return status < 300 ? "OK" : status < 500 ? "Bad Request" : "Internal Server Error";
        }
    }

    /** A body of the length its head announced: more is an error, as the JDK server's. */
    private static final class FixedLength extends OutputStream
    {
        private final OutputStream out;
        private long left;

        FixedLength(final OutputStream out, final long length)
        {
            this.out = out;
            this.left = length;
        }

        @Override
        public void write(final int b) throws IOException
        {
            write(new byte[] {(byte)b}, 0, 1);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            if (len > left)
            {
                throw new IOException("the reply's body is longer than its Content-Length");
            }
            left -= len;
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException
        {
            out.flush();
        }

        @Override
        public void close() throws IOException
        {
            out.flush();
        }
    }

    /** A body of unknown length (RFC 9112 7.1): each write one chunk, closed by the last, empty one. */
    private static final class Chunked extends OutputStream
    {
        private final OutputStream out;
        private boolean closed;

        Chunked(final OutputStream out)
        {
            this.out = out;
        }

        @Override
        public void write(final int b) throws IOException
        {
            write(new byte[] {(byte)b}, 0, 1);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            if (closed)
            {
                throw new IOException("the reply's body is closed");
            }
            if (len == 0)
            {
                return; // an empty chunk would end the body
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b, off, len);
            out.write(CRLF);
        }

        @Override
        public void flush() throws IOException
        {
            out.flush();
        }

        @Override
        public void close() throws IOException
        {
            if (!closed)
            {
                closed = true;
                out.write(LAST_CHUNK);
                out.flush();
            }
        }

        private static final byte[] CRLF = {'\r', '\n'};
        private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    }
}
