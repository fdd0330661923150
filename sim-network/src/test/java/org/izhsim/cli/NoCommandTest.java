package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code sim} with no command at all. */
class NoCommandTest
{
    /**
     * It printed the usage on stdout and exited 0, so a script's {@code ./sim $EMPTY} "succeeded": now the usage goes
     * to stderr, with a line saying what is missing, and the exit code is bad usage's.
     */
    @Test
    void noCommandIsBadUsageWithTheUsageOnStderr()
    {
        final CommandLineRun none = CommandLineRun.of();
        assertEquals(Main.EXIT_BAD_INPUT, none.exitCode(), none.err());
        assertEquals("", none.out());
        assertTrue(none.err().startsWith("Usage: sim "), none.err());
        assertTrue(none.err().contains("  run "), none.err());
        assertTrue(none.err().strip().endsWith("sim: no command given: name one of the commands above"), none.err());
    }

    /** Asking for the usage or the version is no mistake: stdout and exit code 0, as before. */
    @Test
    void helpAndVersionStillExitZeroOnStdout()
    {
        final CommandLineRun help = CommandLineRun.of("--help");
        assertEquals(0, help.exitCode(), help.err());
        assertEquals("", help.err());
        assertTrue(help.out().startsWith("Usage: sim "), help.out());
        final CommandLineRun version = CommandLineRun.of("--version");
        assertEquals(0, version.exitCode(), version.err());
        assertEquals("", version.err());
        assertTrue(!version.out().isBlank(), version.out());
    }
}
