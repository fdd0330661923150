package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The events a page that connects late is sent again: a long run's chunks beyond the history's limit are dropped,
 * its end is not (a tiny plastic network with a snapshot every ms ran 30 s; the replay stopped at chunk 9,999 of
 * 30,000 without its end event, so a reloaded page showed the run stuck, without links to its folder).
 */
class EventHubTest
{
    private static byte[] json(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theEndOfALongRunIsKeptWhenItsChunksNoLongerAre()
    {
        final EventHub hub = new EventHub();
        hub.publish("start", json("{\"name\":\"long\"}"));
        for (int k = 0; k < EventHub.HISTORY_LIMIT + 500; k++)
        {
            hub.publish(k % 2 == 0 ? "chunk" : "weights", json("{\"done\":" + k + "}"));
        }
        hub.publish("note", json("{\"note\":\"stopped\"}"));
        hub.publish("end", json("{\"stopped\":true}"));
        final List<String> history = hub.history();
        assertEquals(EventHub.HISTORY_LIMIT + 2, history.size());
        assertTrue(history.get(0).startsWith("event: start\n"), history.get(0));
        assertTrue(history.get(EventHub.HISTORY_LIMIT - 1).contains("{\"done\":" + (EventHub.HISTORY_LIMIT - 2) + "}"));
        assertEquals("event: note\ndata: {\"note\":\"stopped\"}\n\n", history.get(EventHub.HISTORY_LIMIT));
        assertEquals("event: end\ndata: {\"stopped\":true}\n\n", history.get(EventHub.HISTORY_LIMIT + 1));
        hub.reset();
        assertEquals(List.of(), hub.history(), "a new run starts afresh");
    }
}
