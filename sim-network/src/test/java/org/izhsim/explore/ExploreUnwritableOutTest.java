package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.izhsim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim explore --out} that no run could be saved in (a file such as /dev/full, a folder inside a file) used to
 * start the server anyway; every network run was then simulated in full and failed when its folder was written.
 * It is refused at start with one line and exit code 2, and nothing is created.
 */
class ExploreUnwritableOutTest
{
    @TempDir
    Path tmp;

    private static String[] explore(final Path out, final int expectedCode)
    {
        final StringWriter stdout = new StringWriter();
        final StringWriter stderr = new StringWriter();
        // A regression starts the server and waits for Ctrl-C: the timeout ends the test instead.
        final int code = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Main.execute(
            new PrintWriter(stdout, true), new PrintWriter(stderr, true), "explore", "--port", "0", "--out", out.toString()));
        assertEquals(expectedCode, code, stderr.toString());
        return new String[] {stdout.toString(), stderr.toString()};
    }

    @Test
    void anExploreOutThatIsAFileIsRefusedAtStart() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("notes.txt"), "my notes\n");
        final String[] printed = explore(file, 2);
        assertEquals("sim: explore --out '" + file + "' is a file: network runs could not be saved there",
            printed[1].strip());
        assertEquals("", printed[0]);
        assertEquals("my notes\n", Files.readString(file));
    }

    /**
     * The file-system root, refused by sim run's check of its --out: accepted, each network run would have made its
     * folder there (/cortex2003-TIME). Also as written with dots ('/tmp/..').
     */
    @Test
    void anExploreOutAtTheFileSystemRootIsRefusedAtStart() throws Exception
    {
        for (final String root : new String[] {"/", "/tmp/.."})
        {
            final String[] printed = explore(Path.of(root), 2);
            assertEquals("sim: explore --out '" + root + "' is the file-system root: give a folder for the network " +
                "runs (default: out/explore)", printed[1].strip());
            assertEquals("", printed[0]);
        }
        // Through a symbolic link to the root: a tester's run made /t4probe-TIME.
        final Path link = Files.createSymbolicLink(tmp.resolve("rootlink"), Path.of("/"));
        final String[] printed = explore(link, 2);
        assertEquals("sim: explore --out '" + link + "' is the file-system root (through a symbolic link): give a " +
            "folder for the network runs (default: out/explore)", printed[1].strip());
    }

    /** POST /api/network/start of 50 ms of the shipped cortex2003.yaml. */
    private static java.net.http.HttpResponse<String> startCortex(final ExplorerServer server) throws Exception
    {
        return java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "api/network/start"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"config\":\"cortex2003.yaml\",\"duration_ms\":50}")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** An output folder of `sim run` (its marker written by a commit), with {@code result.txt} in it. */
    private static Path earlierOutput(final Path folder) throws Exception
    {
        try (org.izhsim.output.OutputDirectory dir = org.izhsim.output.OutputDirectory.create(folder,
            java.util.List.of(), org.izhsim.output.OutputDirectory.NETWORK_RUN))
        {
            Files.writeString(dir.resolve("result.txt"), "earlier\n");
            dir.commit();
        }
        return folder;
    }

    /**
     * An earlier `sim run` output folder, or a folder inside one: accepted, each network run was simulated in full and
     * refused only when its folder (OUT/NAME-TIME, inside that output) was written, by sim run's check, which is the
     * one applied at start now. The earlier output is left as it was.
     */
    @Test
    void anExploreOutThatIsOrLiesInsideAnEarlierRunsOutputFolderIsRefusedAtStart() throws Exception
    {
        final Path earlier = earlierOutput(tmp.resolve("run1"));
        String[] printed = explore(earlier, 2);
        assertEquals("sim: explore --out '" + earlier + "' is the output folder of an earlier run, which holds that " +
            "run's files only: network runs could not be saved there", printed[1].strip());
        assertEquals("", printed[0]);
        printed = explore(earlier.resolve("explore"), 2);
        assertEquals("sim: explore --out '" + earlier.resolve("explore") + "' is inside '" + earlier + "', the " +
            "output folder of an earlier run, which holds that run's files only: network runs could not be saved there",
            printed[1].strip());
        assertEquals(java.util.List.of(".izhsim-output", "result.txt"), entries(earlier));
    }

    /** Through a symbolic link to nothing (dl -> nowhere): accepted, each run simulated whole and lost at the write. */
    @Test
    void anExploreOutThroughASymbolicLinkToNothingIsRefusedAtStart() throws Exception
    {
        final Path link = Files.createSymbolicLink(tmp.resolve("dl"), tmp.resolve("nowhere"));
        final String[] printed = explore(link.resolve("x"), 2);
        assertEquals("sim: explore --out '" + link.resolve("x") + "' cannot be made: '" + link + "' is a symbolic link " +
            "to '" + tmp.resolve("nowhere") + "', which does not exist: network runs could not be saved there",
            printed[1].strip());
    }

    @Test
    void anExploreOutInsideAFileIsRefusedAtStart() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("notes.txt"), "my notes\n");
        final String[] printed = explore(file.resolve("explore"), 2);
        assertEquals("sim: explore --out '" + file.resolve("explore") + "' is inside '" + file +
            "', which is a file: network runs could not be saved there", printed[1].strip());
        assertEquals("my notes\n", Files.readString(file));
    }

    /**
     * An out folder that became a file after the server started (rm -rf OUT; touch OUT) took a start (202): the run
     * was simulated, then failed when its folder was written, and was lost. The folder is checked at each start now.
     */
    @Test
    void aStartIsRefusedWhenTheOutFolderHasBecomeAFile() throws Exception
    {
        final Path out = tmp.resolve("out");
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), out))
        {
            Files.writeString(out, "not a folder\n");
            final java.net.http.HttpResponse<String> start = startCortex(server);
            assertEquals(400, start.statusCode(), start.body());
            assertEquals("{\"error\":\"explore --out '" + out + "' is a file: network runs could not be saved there\"}",
                start.body());
            assertEquals("not a folder\n", Files.readString(out));
        }
    }

    /**
     * An out folder that became an earlier run's output after the server started (sim run --out OUT into the still
     * empty folder) took a start: the run was simulated in full and refused when its folder was written inside that
     * output. The start is refused before anything is simulated now.
     */
    @Test
    void aStartIsRefusedWhenTheOutFolderHasBecomeAnEarlierRunsOutput() throws Exception
    {
        final Path out = tmp.resolve("out");
        try (ExplorerServer server = ExplorerServer.start(0, Path.of("..", "configs"), out))
        {
            earlierOutput(out);
            final java.net.http.HttpResponse<String> start = startCortex(server);
            assertEquals(400, start.statusCode(), start.body());
            assertEquals("{\"error\":\"explore --out '" + out + "' is the output folder of an earlier run, which " +
                "holds that run's files only: network runs could not be saved there\"}", start.body());
            assertEquals(java.util.List.of(".izhsim-output", "result.txt"), entries(out));
        }
    }

    /**
     * A folder to be made named with an escape, a tab or a newline: accepted, and echoed raw ("network runs are written
     * to e[ESC][31mred" turned the terminal red). Refused as sim run --out refuses it, with one line that shows the
     * name escaped, also when only a folder on the way is to be made; nothing is created.
     */
    @Test
    void anExploreOutThatWouldMakeAFolderNamedWithControlCharactersIsRefusedAtStart() throws Exception
    {
        for (final String name : new String[] {"e\u001b[31mred", "a\tb", "line\nbreak", "e\u001b[31mred/plain"})
        {
            final Path out = tmp.resolve(name);
            final String[] printed = explore(out, 2);
            assertEquals("sim: explore --out '" + tmp + "/" + org.izhsim.core.InputException.escaped(name, false) +
                "' would make a folder named with control characters (a newline, a tab, a terminal escape): give a " +
                "plain name", printed[1].strip());
            assertEquals("", printed[0]);
        }
        assertEquals(java.util.List.of(), entries(tmp));
    }

    /**
     * An existing folder named with a terminal escape is the user's, and is taken; it is echoed escaped, in the start's
     * line and in a refusal, as the CLI's error lines are.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void anExistingOutNamedWithControlCharactersIsEchoedEscaped() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("f\u001b[31mile"), "my notes\n");
        final String[] printed = explore(file, 2);
        assertEquals("sim: explore --out '" + tmp + "/f\\u001b[31mile' is a file: network runs could not be saved " +
            "there", printed[1].strip());
        final Path folder = Files.createDirectory(tmp.resolve("e\u001b[31mred"));
        final Process explorer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "org.izhsim.cli.Main", "explore", "--port", "0", "--out",
            folder.toString(), "--configs", tmp.toString()).redirectErrorStream(true).start();
        try
        {
            final java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                explorer.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            final String first = lines.readLine();
            assertTrue(first != null && first.startsWith("Explorer at "), first);
            assertEquals("  network runs are written to " + tmp + "/e\\u001b[31mred; Ctrl-C stops the server",
                lines.readLine());
        }
        finally
        {
            explorer.destroyForcibly();
            explorer.waitFor();
        }
    }

    /** Every entry of a folder, sorted: what it holds after a refusal. */
    private static java.util.List<String> entries(final Path folder) throws java.io.IOException
    {
        try (java.util.stream.Stream<Path> entries = Files.list(folder))
        {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }
}
