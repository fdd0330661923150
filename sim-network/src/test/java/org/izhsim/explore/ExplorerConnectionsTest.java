package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The explorer runs a config of its folder whose projection reads a connections file beside it (it was refused as
 * if uploaded), and refuses an uploaded one naming a file (which would read the server's files).
 */
class ExplorerConnectionsTest
{
    @TempDir
    Path tmp;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aShippedConfigReadsItsConnectionsAndAnUploadCannot() throws Exception
    {
        final Path configs = Files.createDirectories(tmp.resolve("configs"));
        final String yaml = "name: net\nduration_ms: 50\npopulations:\n  a: {size: 3, params: RS, input: {dc: 12}}\n" +
            "  b: {size: 2, params: RS}\nprojections:\n  - {from: a, to: b, connections: conn.csv}\n";
        Files.writeString(configs.resolve("net.yaml"), yaml);
        Files.writeString(configs.resolve("conn.csv"), "source,target,delay_ms,weight\n0,3,1,10\n1,4,2,10.5\n");
        final ExplorerServer server = ExplorerServer.start(0, configs, tmp.resolve("out"));
        try
        {
            final HttpResponse<String> shipped = post(server, "{\"config\":\"net.yaml\"}");
            assertEquals(202, shipped.statusCode(), shipped.body());
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (get(server, "/api/configs").contains("\"running\":true"))
            {
                assertTrue(System.nanoTime() < deadline, "the run did not end within 30 s");
                Thread.sleep(20);
            }
            final HttpResponse<String> named = post(server, "{\"yaml\":\"" + new String(
                com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(yaml)) +
                "\",\"filename\":\"up.yaml\"}");
            assertEquals(400, named.statusCode(), named.body());
            assertTrue(named.body().contains("up.yaml:7:35: 'connections' of projection 'a->b' reads a file, which " +
                "an experiment sent as text cannot name"), named.body());
        }
        finally
        {
            server.close();
        }
    }

    private static HttpResponse<String> post(final ExplorerServer server, final String body) throws Exception
    {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "api/network/start"))
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(final ExplorerServer server, final String path) throws Exception
    {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).timeout(
            Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
