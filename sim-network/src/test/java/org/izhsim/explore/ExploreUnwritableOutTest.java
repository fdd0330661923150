package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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

    @Test
    void anExploreOutInsideAFileIsRefusedAtStart() throws Exception
    {
        final Path file = Files.writeString(tmp.resolve("notes.txt"), "my notes\n");
        final String[] printed = explore(file.resolve("explore"), 2);
        assertEquals("sim: explore --out '" + file.resolve("explore") + "' is inside '" + file +
            "', which is a file: network runs could not be saved there", printed[1].strip());
        assertEquals("my notes\n", Files.readString(file));
    }
}
