package org.izhsim.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./sim bench} is run by the launcher from its own jar (sim-bench), so this jar's command line does not know
 * it: {@code ./sim --help} listed every command but bench, and {@code ./sim help bench} answered "Unknown subcommand
 * 'bench'". Both now say where it is.
 */
class BenchCommandPointerTest
{
    @Test
    void topLevelHelpSaysHowToReachTheBenchCommand()
    {
        final CommandLineRun run = CommandLineRun.of("--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("./sim bench --help"), run.out());
    }

    @Test
    void helpBenchAndBenchGivenToThisJarSayWhereTheBenchCommandIs()
    {
        for (final String[] args : new String[][] {{"help", "bench"}, {"bench", "--quick"}})
        {
            final CommandLineRun run = CommandLineRun.of(args);
            assertEquals(2, run.exitCode(), run.err());
            assertEquals("sim: 'bench' is not a command of this jar: the ./sim launcher runs it from " +
                "sim-bench/target/izhsim-bench.jar (see './sim bench --help')", run.errorLine());
        }
    }
}
