package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer lists and starts the regular .yaml files of its configs folder only: a named pipe there (which no
 * process writes to) held GET /api/configs forever, as reading it waits for a writer; a folder named x.yaml was
 * listed as a config that failed to load.
 */
class ExplorerConfigsFolderTest
{
    @TempDir
    Path tmp;

    /**
     * Started outside the project (no configs/ in its working folder) without --configs, the explorer offered an empty
     * network tab without a word; it says so now (a missing --configs given is refused, as before).
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aMissingDefaultConfigsFolderIsSaidAtStart() throws Exception
    {
        final Process explorer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "org.izhsim.cli.Main", "explore", "--port", "0", "--out",
            tmp.resolve("out").toString()).directory(tmp.toFile()).redirectErrorStream(true).start();
        try
        {
            final java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                explorer.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("sim: warning: explore: no folder configs/ in " + tmp.toRealPath() + ": the network tab " +
                "offers no experiment file; give --configs DIR", lines.readLine());
            final String next = lines.readLine();
            assertTrue(next != null && next.startsWith("Explorer at "), next);
        }
        finally
        {
            explorer.destroyForcibly();
            explorer.waitFor();
        }
    }

    @Test
    void aPipeOrAFolderNamedYamlIsNeitherListedNorStarted() throws Exception
    {
        final Path configs = Files.createDirectory(tmp.resolve("configs"));
        Files.copy(Path.of("..", "configs", "cortex2003.yaml"), configs.resolve("cortex2003.yaml"));
        Files.createDirectory(configs.resolve("folder.yaml"));
        final Path pipe = configs.resolve("pipe.yaml");
        assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "needs mkfifo");
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ExplorerServer server = ExplorerServer.start(0, configs, tmp.resolve("out")))
        {
            final HttpResponse<String> list = client.send(HttpRequest.newBuilder(URI.create(server.url() +
                "api/configs")).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(list.body().contains("\"file\":\"cortex2003.yaml\""), list.body());
            assertFalse(list.body().contains("pipe.yaml") || list.body().contains("folder.yaml"), list.body());

            final HttpResponse<String> start = client.send(HttpRequest.newBuilder(URI.create(server.url() +
                "api/network/start")).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"config\":\"pipe.yaml\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(400, start.statusCode(), start.body());
            assertTrue(start.body().contains("no shipped config 'pipe.yaml'"), start.body());
        }
    }

    /**
     * An error in an uploaded file or a shipped config came without a field: it names the request's field now,
     * "yaml" for an upload's text and "config" for a shipped file's name.
     */
    @Test
    void anUploadsOrAShippedConfigsErrorNamesItsField() throws Exception
    {
        final Path configs = Files.createDirectory(tmp.resolve("configs"));
        Files.writeString(configs.resolve("broken.yaml"), "name: broken\nseed: abc\n");
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ExplorerServer server = ExplorerServer.start(0, configs, tmp.resolve("out")))
        {
            for (final String[] request : new String[][] {
                {"{\"config\":\"broken.yaml\"}", "config"},
                {"{\"yaml\":\"name: broken\\nseed: abc\\n\",\"filename\":\"broken.yaml\"}", "yaml"}})
            {
                final HttpResponse<String> start = client.send(HttpRequest.newBuilder(URI.create(server.url() +
                    "api/network/start")).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request[0])).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(400, start.statusCode(), start.body());
                assertTrue(start.body().contains("broken.yaml:2:7: expected an integer for 'seed', got 'abc'"),
                    start.body());
                assertEquals(request[1], ExplorerApiTest.field(start.body(), "field"), start.body());
            }
        }
    }
}
