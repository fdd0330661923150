package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code sim help}: what it cannot place is refused as everywhere else. */
class HelpCommandTest
{
    /**
     * picocli skips its checks once help is asked for: `sim help --bogus` printed the main usage and `sim help run
     * extra` run's, exit code 0 both, while `sim help nope` was refused.
     */
    @Test
    void helpRefusesArgumentsItCannotPlace()
    {
        final CommandLineRun bogus = CommandLineRun.of("help", "--bogus");
        assertEquals(2, bogus.exitCode(), bogus.out());
        assertEquals("", bogus.out());
        assertEquals("sim: Unknown option: '--bogus'; help takes one COMMAND (see 'sim help --help')", bogus.errorLine());
        final CommandLineRun extra = CommandLineRun.of("help", "run", "extra");
        assertEquals(2, extra.exitCode(), extra.out());
        assertEquals("", extra.out());
        assertEquals("sim: Unmatched argument: 'extra'; help takes one COMMAND (see 'sim help --help')",
            extra.errorLine());
        assertEquals("sim: Unknown subcommand 'nope'. (see 'sim --help')", CommandLineRun.of("help", "nope").errorLine());
        final CommandLineRun run = CommandLineRun.of("help", "run");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: sim run "), run.out());
        final CommandLineRun main = CommandLineRun.of("help");
        assertEquals(0, main.exitCode(), main.err());
        assertTrue(main.out().startsWith("Usage: sim ") && main.out().contains("  help      Display help information"),
            main.out());
    }
}
