package org.izhsim.cli;

import org.izhsim.core.InputException;
import org.izhsim.core.run.StateDiverged;
import org.izhsim.service.VersionText;
import org.izhsim.explore.ExploreCommand;
import org.izhsim.output.IoFailures;
import org.izhsim.service.DecimalOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entry point of {@code ./sim}. Every kind of bad input (an option, a config or data file) ends in one
 * line on stderr and exit code 2; an I/O failure (a full disk, a folder removed during the run) one line naming the
 * file and exit code 1; any other unexpected failure keeps its stack trace and exits with 1; a run that blows up
 * numerically exits with 3, one ended by Ctrl-C or SIGTERM with 130.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = VersionText.class,
    description = "Izhikevich spiking neuron and network simulator.",
    footer = { "", "Benchmarks: ./sim bench --help (run by the launcher from sim-bench's own jar)." },
    subcommands = { RunCommand.class, ValidateCommand.class, NeuronCommand.class, GalleryCommand.class,
        ExploreCommand.class, HelpCommand.class })
public final class Main implements java.util.concurrent.Callable<Integer>
{
    public static final int EXIT_BAD_INPUT = 2;
    /** A write or read failed (a full disk, a read-only file system, a folder removed during the run): one line. */
    public static final int EXIT_IO_FAILURE = 1;
    /** A neuron's state became infinite or NaN; the outputs of the steps before are written, marked failed. */
    public static final int EXIT_BLOW_UP = 3;
    /** Ctrl-C or SIGTERM ended the run; the outputs of the simulated part are written (128 + SIGINT's 2). */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * {@code sim} with no command: the usage on stderr and exit code 2, as any other bad usage. It printed the usage on
     * stdout and exited 0, so a script's {@code ./sim $EMPTY} "succeeded". {@code sim --help} prints it on stdout, 0.
     */
    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.println("sim: no command given: name one of the commands above");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /** Set by {@link #main}: the JVM is this command's, which may end it (not a test's, through {@link #execute}). */
    private static volatile boolean ownsTheProcess;

    /** Whether the JVM is this command's own (started by {@link #main}), which a signal may end at once. */
    static boolean ownsTheProcess()
    {
        return ownsTheProcess;
    }

    public static void main(final String[] args)
    {
        ownsTheProcess = true;
        System.setProperty("java.awt.headless", "true");
        final StandardOutput stdout = StandardOutput.install();
        int code;
        try
        {
            code = execute(args);
        }
        catch (final OutOfMemoryError ex)
        {
            // What the memory checks do not foresee (a heap of a few MB while a large config is read, sim gallery's
            // figures under -Xmx12m) ended in a stack trace; one line says what to do. Whatever was being written
            // is left as an interrupted run leaves it: staging folders are deleted by their owners' finally blocks.
            final long limit = org.izhsim.output.HostInfo.heapLimitBytes();
            System.err.println("sim: ran out of Java heap (heap limit " +
                org.izhsim.network.build.MemoryEstimate.bytes(limit) + "; " +
                oneLine(String.valueOf(ex.getMessage())) + "): give Java more heap if the machine has the memory " +
                "(SIM_JAVA_OPTS='" + twiceTheHeap(limit) + " -Xmn64m -XX:+UseParallelGC' for ./sim)");
            code = EXIT_IO_FAILURE;
        }
        System.exit(stdout.check(code, new PrintWriter(System.err, true)));
    }

    /**
     * The -Xmx to try after running out of a heap of {@code limit} bytes: twice it, in MiB, and at least 128 MiB beside
     * the launcher's -Xmn64m (the line said "-Xmx&lt;size&gt;", leaving the size to guess).
     */
    static String twiceTheHeap(final long limit)
    {
        final long mib = limit <= 0 || limit > Long.MAX_VALUE / 4 ? -1 :
            Math.max(128, (2 * limit + (1 << 20) - 1) >> 20);
        return mib < 0 ? "-Xmx<size>" : mib >= 10 * 1024 ? "-Xmx" + (mib + 1023) / 1024 + "g" : "-Xmx" + mib + "m";
    }

    /**
     * Runs the command line and returns its exit code; used by {@link #main} and by tests.
     */
    public static int execute(final String... args)
    {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command line with its standard output and error sent to the given writers.
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        final CommandLine commandLine = DecimalOption.registerOn(new CommandLine(new Main()));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(Main::onBadParameter);
        commandLine.setExecutionExceptionHandler(Main::onExecutionFailure);
        return commandLine.execute(args);
    }

    private static int onBadParameter(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine cmd = ex.getCommandLine();
        final PrintWriter err = cmd.getErr();
        if (args.length > 0 && ("bench".equals(args[0]) || "help".equals(args[0]) && args.length > 1 &&
            "bench".equals(args[1])))
        {
            // ./sim hands "bench" to the benchmark jar; it reaches this one as "help bench" or through java -jar.
            err.println("sim: 'bench' is not a command of this jar: the ./sim launcher runs it from " +
                "sim-bench/target/izhsim-bench.jar (see './sim bench --help')");
            err.flush();
            return EXIT_BAD_INPUT;
        }
        final String command = unknownCommand(ex, args);
        if (command != null)
        {
            err.println("sim: " + command + " (see 'sim --help')");
            err.flush();
            return EXIT_BAD_INPUT;
        }
        final String option = unknownOption(ex, args);
        if (option != null)
        {
            err.println("sim: " + option + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("sim: " + parserMessage(afterDoubleDash(ex, args)) + dashedFile(args) + " (see '" +
            cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /**
     * "unknown command 'runn', did you mean 'run'?" for a first argument that names no command; picocli said
     * "Unmatched arguments from index 0: 'runn', 'x.yaml'". Null for any other problem.
     */
    private static String unknownCommand(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine cmd = ex.getCommandLine();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) || cmd.getParent() != null || args.length == 0 ||
            args[0].startsWith("-") || cmd.getSubcommands().containsKey(args[0]))
        {
            return null;
        }
        final java.util.List<String> commands = new java.util.ArrayList<>(cmd.getSubcommands().keySet());
        return "unknown command " + InputException.quoted(args[0]) +
            org.izhsim.config.SpellingSuggestion.hint(args[0], commands, "commands: ");
    }

    /**
     * "unknown option '--duratoin', did you mean '--duration'?" for a misspelt option before any {@code --}; picocli
     * said "Unknown options: '--duratoin', '5'", its value taken for a second unknown option. Null for any other
     * problem (a file that starts with a dash is {@link #dashedFile}'s).
     */
    public static String unknownOption(final CommandLine.ParameterException ex, final String[] args)
    {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty())
        {
            return null;
        }
        final String first = unmatched.getUnmatched().get(0);
        final int at = java.util.Arrays.asList(args).indexOf(first);
        final int dashes = java.util.Arrays.asList(args).indexOf("--");
        if (!first.startsWith("-") || first.length() < 2 || at < 0 || dashes >= 0 && dashes < at ||
            !dashedFile(args).isEmpty())
        {
            return null;
        }
        final String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        // One dash for two (-duration) is compared as two; a single-letter option (-h) is no such slip.
        final String typed = name.startsWith("--") ? name : "-" + name;
        final java.util.List<String> names = new java.util.ArrayList<>();
        for (final CommandLine.Model.OptionSpec o : ex.getCommandLine().getCommandSpec().options())
        {
            for (final String n : o.names())
            {
                if (n.startsWith("--"))
                {
                    names.add(n);
                }
            }
        }
        // The one option the start names (--dur), else a near name only: the list of every option is --help's.
        final java.util.List<String> starting = typed.length() < 4 ? java.util.List.of() :
            names.stream().filter(n -> n.startsWith(typed)).toList();
        final String hint = starting.size() == 1 ? ", did you mean " + InputException.quoted(starting.get(0)) + "?" :
            org.izhsim.config.SpellingSuggestion.hint(typed, names, "");
        return "unknown option " + InputException.quoted(name) + (hint.startsWith(", did you mean") ? hint : "");
    }

    /**
     * The parser's message, with the arguments after {@code --} it could not place called what they are: arguments
     * after {@code --} are positional parameters, never options, and picocli called {@code run -- small.yaml --quiet}'s
     * '--quiet' an "Unknown option".
     */
    private static String afterDoubleDash(final CommandLine.ParameterException ex, final String[] args)
    {
        final int dashes = java.util.Arrays.asList(args).indexOf("--");
        if (dashes < 0 || !(ex instanceof CommandLine.UnmatchedArgumentException))
        {
            return ex.getMessage();
        }
        final java.util.List<String> unmatched = ((CommandLine.UnmatchedArgumentException)ex).getUnmatched();
        final int from = args.length - unmatched.size();
        if (unmatched.isEmpty() || from <= dashes ||
            !unmatched.equals(java.util.Arrays.asList(args).subList(from, args.length)))
        {
            return ex.getMessage();
        }
        final StringBuilder message = new StringBuilder(unmatched.size() == 1 ? "Unmatched argument" :
            "Unmatched arguments").append(" after '--' (there every argument is a positional parameter, not an " +
            "option): ");
        for (int i = 0; i < unmatched.size(); i++)
        {
            message.append(i > 0 ? ", '" : "'").append(unmatched.get(i)).append('\'');
        }
        return message.toString();
    }

    /**
     * A hint when an argument starting with '-' names an existing file: `sim validate -dash.yaml` read it as an option
     * and said "Missing required parameter: 'FILE.yaml'". Arguments after {@code --} are read as files already.
     */
    private static String dashedFile(final String[] args)
    {
        for (final String arg : args)
        {
            if ("--".equals(arg))
            {
                break;
            }
            try
            {
                if (arg.startsWith("-") && arg.length() > 1 && arg.length() < 4096 && !arg.startsWith("--") &&
                    !arg.contains("=") && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(arg)))
                {
                    return "; '" + arg + "' was read as an option: name the file './" + arg + "' or put it after '--'";
                }
            }
            catch (final java.nio.file.InvalidPathException notAPath)
            {
                // Not a file name on this system: no hint.
            }
        }
        return "";
    }

    private static int onExecutionFailure(
        final Exception ex, final CommandLine cmd, final CommandLine.ParseResult parseResult) throws Exception
    {
        if (ex instanceof StateDiverged)
        {
            // sim neuron's blow-up: exit 3 as a network's (it was 2, as an option the command could not read).
            cmd.getErr().println("sim: " + oneLine(ex.getMessage()));
            cmd.getErr().flush();
            return EXIT_BLOW_UP;
        }
        if (ex instanceof InputException)
        {
            cmd.getErr().println("sim: " + oneLine(ex.getMessage()));
            cmd.getErr().flush();
            return EXIT_BAD_INPUT;
        }
        if (abandoned(ex))
        {
            // The process is exiting on a second signal, whose line said already that nothing was written.
            return EXIT_IO_FAILURE;
        }
        if (IoFailures.isIoFailure(ex))
        {
            cmd.getErr().println("sim: " + IoFailures.describe(ex));
            cmd.getErr().flush();
            return EXIT_IO_FAILURE;
        }
        throw ex;
    }

    /** Whether {@code ex}, or an exception it wraps, is an output given up as the process exits. */
    private static boolean abandoned(final Throwable ex)
    {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause())
        {
            if (t instanceof org.izhsim.output.OutputDirectory.Abandoned)
            {
                return true;
            }
        }
        return false;
    }

    /** Longest message of the option parser printed whole (thousands of unmatched arguments are listed in one). */
    private static final int MAX_PARSER_MESSAGE = 400;
    private static final Pattern LONG_QUOTE = Pattern.compile("'([^']{81,})'");

    /**
     * The option parser's message with the values it quotes as messages about files quote them: each cut to 80
     * characters and its control characters escaped (picocli echoed a 100,000-character value whole, and a newline
     * or an escape sequence in a value raw), and the whole cut to 400 characters.
     */
    public static String parserMessage(final String message)
    {
        final String quotesShortened = LONG_QUOTE.matcher(message)
            .replaceAll(match -> Matcher.quoteReplacement(InputException.quoted(match.group(1))));
        final String line = oneLine(quotesShortened);
        return line.length() <= MAX_PARSER_MESSAGE ? line :
            line.substring(0, MAX_PARSER_MESSAGE / 2) + " ... " + line.substring(line.length() - MAX_PARSER_MESSAGE / 4) +
                " (" + line.length() + " characters)";
    }

    /**
     * An error message as one line: control characters (a newline, the escape of a terminal colour sequence) that
     * came in with a value are written as backslash-u escapes; a tab stays.
     */
    public static String oneLine(final String message)
    {
        return InputException.escaped(message, true);
    }
}
