package org.izhsim.bench;

import java.io.PrintWriter;

import org.izhsim.cli.Main;
import org.izhsim.cli.StandardOutput;
import org.izhsim.core.InputException;
import org.izhsim.output.IoFailures;
import picocli.CommandLine;

/**
 * Entry point of {@code ./sim bench} (sim-bench/target/izhsim-bench.jar). As for {@code ./sim}: bad input
 * ends in one line on stderr and exit code 2, a failed write (a full disk) in one line and exit code 1, an
 * unexpected failure keeps its stack trace and exits with 1.
 * The same jar holds the JMH benchmarks: {@code java -cp izhsim-bench.jar org.openjdk.jmh.Main}.
 */
public final class BenchMain
{
    public static final int EXIT_BAD_INPUT = 2;
    /** A network that blows up (as {@code sim run}'s exit 3). */
    public static final int EXIT_BLOW_UP = 3;

    private BenchMain()
    {
    }

    public static void main(final String[] args)
    {
        // As sim's Main: a table or help text that standard output does not take (> /dev/full, a full disk) is reported
        // with one line and exit code 1; it was lost with exit code 0.
        final StandardOutput stdout = StandardOutput.install();
        final PrintWriter err = new PrintWriter(System.err, true);
        System.exit(stdout.check(execute(new PrintWriter(System.out, true), err, args), err, "sim bench"));
    }

    /** Runs the command line with its output sent to the given writers; returns the exit code. */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        // Numbers spelt as sim's options and experiment files spell them (--duration 1e3).
        final CommandLine commandLine = org.izhsim.service.DecimalOption.registerOn(new CommandLine(new BenchCommand()));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            // Values quoted short and escaped, as sim's own commands quote them.
            // A misspelt option named with the one meant, as sim's own commands do ("Unknown options: '--repaet',
            // '1'" took its value for a second one).
            final String option = Main.unknownOption(ex, arguments);
            ex.getCommandLine().getErr().println("sim bench: " + (option != null ? option :
                Main.parserMessage(ex.getMessage())) + " (see 'sim bench --help')");
            ex.getCommandLine().getErr().flush();
            return EXIT_BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            if (ex instanceof InputException || ex instanceof CommandLine.ParameterException)
            {
                cmd.getErr().println("sim bench: " + (ex instanceof InputException ? Main.oneLine(ex.getMessage()) :
                    Main.parserMessage(ex.getMessage())));
                cmd.getErr().flush();
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof EndToEndRunner.BlownUp)
            {
                cmd.getErr().println("sim bench: " + Main.oneLine(ex.getMessage()));
                cmd.getErr().flush();
                return EXIT_BLOW_UP;
            }
            if (IoFailures.isIoFailure(ex))
            {
                // A write that failed (a full disk): one line and exit 1, as sim's commands.
                cmd.getErr().println("sim bench: " + IoFailures.describe(ex));
                cmd.getErr().flush();
                return 1;
            }
            throw ex;
        });
        return commandLine.execute(args);
    }
}
