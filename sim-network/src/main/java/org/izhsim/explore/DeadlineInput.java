package org.izhsim.explore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input that must be read by a deadline: before each read the socket's timeout is set to the time left,
 * so a client that sends a byte now and then cannot keep the read going past it (a per-read timeout restarts with
 * every byte). Not thread-safe: one reading thread.
 */
final class DeadlineInput extends FilterInputStream
{
    private final Socket socket;
    private final long deadlineNanos;
    private final int timeoutMs;

    /** @param timeoutMs the time, from now, by which everything read from it must have arrived. */
    DeadlineInput(final Socket socket, final int timeoutMs) throws IOException
    {
        super(socket.getInputStream());
        this.socket = socket;
        this.timeoutMs = timeoutMs;
        this.deadlineNanos = System.nanoTime() + timeoutMs * 1_000_000L;
    }

    private void arm() throws IOException
    {
        final long leftMs = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (leftMs <= 0)
        {
            throw new SocketTimeoutException("the request did not arrive whole within " + timeoutMs + " ms");
        }
        socket.setSoTimeout((int)Math.min(Integer.MAX_VALUE, leftMs));
    }

    @Override
    public int read() throws IOException
    {
        arm();
        return super.read();
    }

    @Override
    public int read(final byte[] b, final int off, final int len) throws IOException
    {
        arm();
        return super.read(b, off, len);
    }
}
