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
            // A page's event stream, read to its end on another thread: it ended before the run's end event.
            final java.util.concurrent.CompletableFuture<HttpResponse<String>> events = CLIENT.sendAsync(
                HttpRequest.newBuilder(URI.create(server.url() + "api/network/events")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            // Let it build and simulate a few chunks.
            Thread.sleep(1500);
            server.close();
            final String stream = events.get(60, java.util.concurrent.TimeUnit.SECONDS).body();
            assertTrue(stream.contains("event: chunk"), stream.length() > 2000 ? stream.substring(0, 2000) : stream);
            assertTrue(stream.contains("event: end"), "the page is told the run ended: " +
                stream.substring(Math.max(0, stream.length() - 2000)));
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

    /**
     * One Ctrl-C while a finished run's folder was being written: the explorer's shutdown hook waited for the folder
     * while the JVM's other hook deleted it ("nothing was written", 5 of 5). The first signal now closes the server
     * itself, and the process exits 130 once the folder is written. In its own JVM; needs a kill command.
     */
    @Test
    @org.junit.jupiter.api.Timeout(180)
    void aCtrlCWhileARunsFolderIsWrittenLetsItBeWritten(@TempDir final Path out) throws Exception
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/bin/kill").canExecute() ||
            new java.io.File("/usr/bin/kill").canExecute(), "no kill command");
        final Process explorer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "org.izhsim.cli.Main", "explore", "--port", "0", "--out",
            out.toString(), "--configs", Path.of("..", "configs").toString()).redirectErrorStream(true).start();
        try
        {
            final java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                explorer.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            final String first = lines.readLine();
            assertTrue(first != null && first.startsWith("Explorer at "), first);
            final String url = first.substring("Explorer at ".length()).trim();
            final HttpResponse<String> started = CLIENT.send(HttpRequest.newBuilder(URI.create(url +
                    "api/network/start"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"config\":\"spnet2006.yaml\",\"duration_ms\":120000}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, started.statusCode(), started.body());
            // The run's staging folder appears when the simulation is over and its outputs are being written.
            final long deadline = System.nanoTime() + 120_000_000_000L;
            boolean writing = false;
            while (!writing && System.nanoTime() < deadline)
            {
                try (Stream<Path> listing = Files.list(out))
                {
                    writing = listing.anyMatch(p -> p.getFileName().toString().startsWith(".spnet2006-"));
                }
                Thread.sleep(writing ? 0 : 20);
            }
            assertTrue(writing, "the run's folder was never written");
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(explorer.pid())).start().waitFor());
            assertTrue(explorer.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the explorer ends");
            final String rest = new String(explorer.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(130, explorer.exitValue(), rest);
            final List<Path> folders;
            try (Stream<Path> listing = Files.list(out))
            {
                folders = listing.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            }
            assertEquals(1, folders.size(), "folders in " + out + ": " + folders + "\n" + rest);
            final String summary = Files.readString(folders.get(0).resolve("summary.json")).replace("\" : ", "\":");
            assertTrue(summary.contains("\"status\":\"completed\""), summary);
            assertTrue(!rest.contains("nothing was written"), rest);
        }
        finally
        {
            explorer.destroyForcibly();
        }
    }
}
