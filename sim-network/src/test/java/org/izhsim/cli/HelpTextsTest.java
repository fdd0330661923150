package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the commands' --help says, as a reader sees it at 80 columns. */
class HelpTextsTest
{
    /** The help of {@code sim COMMAND}, which exits 0 with nothing on stderr. */
    private static String help(final String command)
    {
        final CommandLineRun run = CommandLineRun.of(command, "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        return run.out();
    }

    /** The help as one line of words, its wrapping undone. */
    private static String unwrapped(final String help)
    {
        return help.replaceAll("\\s+", " ");
    }

    /** sim explore's help said "Open the model in the browser", which it does not: it serves the page, prints a URL. */
    @Test
    void exploreHelpSaysItServesThePageAndPrintsItsUrl()
    {
        final String help = unwrapped(help("explore"));
        assertFalse(help.contains("Open the model"), help);
        assertTrue(help.contains("Serve the browser explorer and print its URL, to open in a browser"), help);
    }
}
