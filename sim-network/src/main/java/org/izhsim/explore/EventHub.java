package org.izhsim.explore;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Server-Sent Events for GET /api/network/events. The simulation thread only formats an event once and
 * offers it to each client's bounded queue, never waiting for a socket; each client's own HTTP thread drains
 * its queue. A client that falls more than {@link #QUEUE_CAPACITY} events behind loses the backlog, not the
 * run its speed. The events of the current run are kept and replayed to a page that connects late.
 */
final class EventHub
{
    private static final int QUEUE_CAPACITY = 4096;
    static final int HISTORY_LIMIT = 20_000;
    /** The events a run publishes again and again; the others are few per run. */
    private static final java.util.Set<String> PERIODIC = java.util.Set.of("chunk", "weights");
    /**
     * An idle stream's comment line, which is also how a page that went away is noticed (its write fails): with 15 s,
     * 70 pages closed at once kept the server at its connection limit (503 to everyone) for 10-25 s.
     */
    static final long KEEP_ALIVE_SECONDS = 2;

    private final List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();
    private final List<String> history = new ArrayList<>();
    private volatile boolean closed;

    /** Forgets the previous run's events: a new run starts. */
    synchronized void reset()
    {
        history.clear();
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
            // Past the limit the periodic events (a run's chunks and weight snapshots) are no longer kept, but its
            // start, notes and last event are: a page that connected late to a long run replayed 20,000 events and
            // never saw the run end, nor the links to its folder.
            if (history.size() < HISTORY_LIMIT || !PERIODIC.contains(event))
            {
                history.add(message);
            }
        }
        for (final BlockingQueue<String> queue : clients)
        {
            if (!queue.offer(message))
            {
                queue.clear();
                queue.offer("event: lagging\ndata: {}\n\n");
                queue.offer(message);
            }
        }
    }

    /** The events of the current run so far, as sent (for tests). */
    synchronized List<String> history()
    {
        return List.copyOf(history);
    }

    /** Streams events to one client until it goes away or the server closes; runs on that client's thread. */
    void serve(final HttpExchange exchange) throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        final List<String> replay;
        synchronized (this)
        {
            replay = new ArrayList<>(history);
            clients.add(queue);
        }
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            for (final String message : replay)
            {
                out.write(message.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            while (!closed)
            {
                final String message = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
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
            clients.remove(queue);
        }
    }

    void close()
    {
        closed = true;
    }
}
