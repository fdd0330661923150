package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The events a page that connects late is sent again: a long run's oldest chunks are dropped beyond the history's
 * limits, its start, first weight snapshot and end are not (a tiny plastic network with a snapshot every ms ran 30 s;
 * the replay stopped at chunk 9,999 of 30,000 without its end event, so a reloaded page showed the run stuck, without
 * links to its folder).
 */
class EventHubTest
{
    private static byte[] json(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theEndOfALongRunIsKeptWhenItsOldestChunksNoLongerAre()
    {
        final EventHub hub = new EventHub();
        hub.publish("start", json("{\"name\":\"long\"}"));
        final int published = EventHub.HISTORY_LIMIT + 500;
        for (int k = 0; k < published; k++)
        {
            hub.publish(k % 2 == 0 ? "chunk" : "weights", json("{\"done\":" + k + "}"));
        }
        hub.publish("note", json("{\"note\":\"stopped\"}"));
        hub.publish("end", json("{\"stopped\":true}"));
        final List<String> history = hub.history();
        assertEquals(EventHub.HISTORY_LIMIT, history.size());
        assertEquals("event: start\ndata: {\"name\":\"long\"}\n\n", history.get(0));
        // The first weight snapshot, the page's reference; then the latest events (4 are kept whatever comes).
        assertEquals("event: weights\ndata: {\"done\":1}\n\n", history.get(1));
        assertEquals("event: chunk\ndata: {\"done\":" + (published + 4 - EventHub.HISTORY_LIMIT) + "}\n\n",
            history.get(2));
        assertEquals("event: weights\ndata: {\"done\":" + (published - 1) + "}\n\n", history.get(history.size() - 3));
        assertEquals("event: note\ndata: {\"note\":\"stopped\"}\n\n", history.get(history.size() - 2));
        assertEquals("event: end\ndata: {\"stopped\":true}\n\n", history.get(history.size() - 1));
        hub.reset();
        assertEquals(List.of(), hub.history(), "a new run starts afresh");
    }

    /**
     * The history was limited to 20,000 events whatever their size: the chunks of 1000 one-neuron populations (tens
     * of MB each) ran the explorer out of memory (-Xmx512m), and the run was lost. It is limited in bytes too: the
     * latest chunks that fit are kept, in order, with the run's start, network, first weights and end.
     */
    @Test
    void theHistoryKeepsWithinItsBytesTheRunsLatestChunks()
    {
        final long limit = 100_000;
        final EventHub hub = new EventHub(limit);
        hub.publish("start", json("{\"name\":\"big\"}"));
        hub.publish("built", json("{\"neurons\":1000}"));
        hub.publish("weights", json("{\"t_ms\":0}"));
        final String filler = "0,".repeat(5000);
        for (int k = 0; k < 1000; k++)
        {
            hub.publish("chunk", json("{\"done\":" + k + ",\"counts\":[" + filler + "0]}"));
        }
        hub.publish("end", json("{\"stopped\":false}"));
        final List<String> history = hub.history();
        final long bytes = history.stream().mapToLong(String::length).sum();
        assertTrue(bytes <= limit, bytes + " bytes kept");
        assertTrue(history.get(0).startsWith("event: start\n"), history.get(0));
        assertTrue(history.get(1).startsWith("event: built\n"), history.get(1));
        assertEquals("event: weights\ndata: {\"t_ms\":0}\n\n", history.get(2));
        assertTrue(history.get(history.size() - 2).startsWith("event: chunk\ndata: {\"done\":999,"));
        assertEquals("event: end\ndata: {\"stopped\":false}\n\n", history.get(history.size() - 1));
        int previous = -1;
        for (final String event : history.subList(3, history.size() - 1))
        {
            final int done = Integer.parseInt(ExplorerApiTest.field(event.substring(event.indexOf('{')), "done"));
            assertTrue(done > previous, "in order: " + done + " after " + previous);
            previous = done;
        }
        assertTrue(history.size() > 10, "the latest chunks that fit are kept: " + history.size());
    }
}
