package org.izhsim.explore;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Server-Sent Events for GET /api/network/events. The simulation thread only formats an event once and
 * offers it to each client's bounded queue, never waiting for a socket; each client's own HTTP thread drains
 * its queue. A client that falls more than {@link #QUEUE_CAPACITY} events or {@link #CLIENT_BYTES} behind loses the
 * backlog (it is sent a "lagging" event), not the run its speed.
 * <p>
 * The events of the current run are kept and replayed to a page that connects late, within {@link #HISTORY_LIMIT}
 * events and {@link #HISTORY_BYTES}: past either, the oldest periodic events (chunks, weight snapshots) are dropped,
 * except the first weight snapshot (the page's reference). So a late page is sent the run's start, its network, its
 * first and latest weight snapshots, its latest chunks (which carry the run's progress and spike total, and the raster
 * and rates of the last second that the page shows) and, once there, its end: the picture of the run now. The limit
 * was 20,000 events whatever their size, and 1000 one-neuron populations ran the explorer out of memory (-Xmx512m).
 */
final class EventHub
{
    private static final int QUEUE_CAPACITY = 4096;
    /** A client's queue beyond this many bytes is a client that lags. */
    static final long CLIENT_BYTES = 16L << 20;
    static final int HISTORY_LIMIT = 20_000;
    /** The history's bytes at most: 64 MB, or a sixteenth of the heap when that is less. */
    static final long HISTORY_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
    /** The events a run publishes again and again; the others are few per run. */
    private static final java.util.Set<String> PERIODIC = java.util.Set.of("chunk", "weights");
    /** The periodic events whose first is kept: the page draws the weights now against the first snapshot. */
    private static final java.util.Set<String> FIRST_KEPT = java.util.Set.of("weights");
    /**
     * An idle stream's comment line, which is also how a page that went away is noticed (its write fails): with 15 s,
     * 70 pages closed at once kept the server at its connection limit (503 to everyone) for 10-25 s.
     */
    static final long KEEP_ALIVE_SECONDS = 2;

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    /** The current run's events in order, each marked when it may be dropped (periodic, not the first weights). */
    private final java.util.LinkedList<Kept> history = new java.util.LinkedList<>();
    private final java.util.Set<String> kindsSeen = new java.util.HashSet<>();
    private long historyBytes;
    private final long historyLimitBytes;
    private volatile boolean closed;

    private record Kept(String message, boolean droppable)
    {
    }

    /** One stream's queue, and the bytes in it. */
    private static final class Client
    {
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        long bytes; // guarded by this

        synchronized void offer(final String message)
        {
            if (bytes + message.length() > CLIENT_BYTES || !queue.offer(message))
            {
                queue.clear();
                bytes = 0;
                queue.offer("event: lagging\ndata: {}\n\n");
                queue.offer(message);
            }
            bytes += message.length();
        }

        String poll(final long seconds) throws InterruptedException
        {
            final String message = queue.poll(seconds, TimeUnit.SECONDS);
            if (message != null)
            {
                synchronized (this)
                {
                    bytes = Math.max(0, bytes - message.length());
                }
            }
            return message;
        }
    }

    EventHub()
    {
        this(HISTORY_BYTES);
    }

    /** @param historyLimitBytes the history's bytes at most (tests use less). */
    EventHub(final long historyLimitBytes)
    {
        this.historyLimitBytes = historyLimitBytes;
    }

    /** Forgets the previous run's events: a new run starts. */
    synchronized void reset()
    {
        history.clear();
        kindsSeen.clear();
        historyBytes = 0;
    }

    /**
     * @param event the SSE event name.
     * @param json  its data, one line of JSON.
     */
    void publish(final String event, final byte[] json)
    {
        final String message = "event: " + event + "\ndata: " + new String(json, StandardCharsets.UTF_8) + "\n\n";
        synchronized (this)
        {
            // Past the limits the oldest periodic events go; the run's start, notes and last event stay: a page that
            // connected late to a long run must see it end, and the links to its folder.
            history.add(new Kept(message, PERIODIC.contains(event) && !(FIRST_KEPT.contains(event) && kindsSeen.add(event))));
            historyBytes += message.length();
            for (final java.util.Iterator<Kept> old = history.iterator();
                 (historyBytes > historyLimitBytes || history.size() > HISTORY_LIMIT) && old.hasNext(); )
            {
                final Kept kept = old.next();
                if (kept.droppable())
                {
                    old.remove();
                    historyBytes -= kept.message().length();
                }
            }
        }
        for (final Client client : clients)
        {
            client.offer(message);
        }
    }

    /** The events of the current run so far, as sent (for tests). */
    synchronized List<String> history()
    {
        return history.stream().map(Kept::message).toList();
    }

    /** Streams events to one client until it goes away or the server closes; runs on that client's thread. */
    void serve(final HttpExchange exchange) throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        final Client client = new Client();
        final List<String> replay;
        synchronized (this)
        {
            replay = history();
            clients.add(client);
        }
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            for (final String message : replay)
            {
                out.write(message.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            while (true)
            {
                // Once closed, what is queued (a stopped run's end) is still sent, then the stream ends.
                final String message = client.poll(closed ? 0 : KEEP_ALIVE_SECONDS);
                if (message == null && closed)
                {
                    break;
                }
                out.write((message != null ? message : ": keep-alive\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            // the page went away: nothing to report
        }
        finally
        {
            clients.remove(client);
        }
    }

    /**
     * Ends every stream once it has sent what is queued, waiting up to {@code waitMillis} for them: the server closes
     * after the run's last event (a page was not told that a run stopped by Ctrl-C had ended).
     */
    void close(final long waitMillis)
    {
        closed = true;
        for (final Client client : clients)
        {
            // Wakes a stream waiting for its next event (an SSE comment, which pages ignore).
            client.offer(": closing\n\n");
        }
        final long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (!clients.isEmpty() && System.nanoTime() < deadline)
        {
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
