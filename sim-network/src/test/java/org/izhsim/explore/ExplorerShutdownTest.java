package org.izhsim.explore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shutting the explorer down (Ctrl-C or SIGTERM run {@link ExplorerServer#close} from the shutdown hook) while a
 * network runs keeps what was simulated: the run is stopped as the page's Stop stops it and its folder is
 * written before close returns. The run's thread is a daemon, so the JVM's exit used to discard the run.
 */
class ExplorerShutdownTest
{
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shuttingDownDuringALiveRunWritesTheRunsFolderBeforeClosing(@TempDir final Path out) throws Exception
    {
        final ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), out);
        try
        {
            final HttpResponse<String> started = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() +
                    "api/network/start"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"config\":\"cortex2003.yaml\",\"duration_ms\":600000}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, started.statusCode(), started.body());
            // Let it build and simulate a few chunks.
            Thread.sleep(1500);
        }
        finally
        {
            server.close();
        }
        final List<Path> folders;
        try (Stream<Path> listing = Files.list(out))
        {
            folders = listing.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        assertEquals(1, folders.size(), "folders in " + out + ": " + folders);
        final String summary = Files.readString(folders.get(0).resolve("summary.json")).replace("\" : ", "\":");
        assertTrue(summary.contains("\"status\":\"interrupted\""), summary);
        assertTrue(Files.size(folders.get(0).resolve("spikes.csv")) > 0);
    }
}
