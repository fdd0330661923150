package org.izhsim.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code sim help [COMMAND]}: picocli's HelpCommand, but strict. picocli skips its checks once help is asked for, so
 * {@code sim help --bogus} printed the main usage and {@code sim help run extra} run's, both with exit code 0, while
 * {@code sim help nope} was refused: every argument it cannot place is now refused the same way (one line, exit 2).
 */
@Command(name = "help", helpCommand = true, header = "Display help information about the specified command.",
    synopsisHeading = "%nUsage: ",
    description = { "%nWhen no COMMAND is given, the usage help for the main command is displayed.",
        "If a COMMAND is specified, the help for that command is shown.%n" })
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable
{
    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show usage help for the help command and exit.")
    boolean helpRequested;

    @Parameters(paramLabel = "COMMAND", arity = "0..1",
        description = "The COMMAND to display the usage help message for.")
    String command;

    /** Makes picocli keep the arguments it cannot place, to be refused below, rather than drop them. */
    @Unmatched
    List<String> unmatchedField = new ArrayList<>();

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private java.io.PrintWriter out;

    @Override
    public void init(final CommandLine helpCommandLine, final CommandLine.Help.ColorScheme colorScheme,
        final java.io.PrintWriter outWriter, final java.io.PrintWriter errWriter)
    {
        self = helpCommandLine;
        colors = colorScheme;
        out = outWriter;
    }

    @Override
    public void run()
    {
        final CommandLine parent = self.getParent();
        // The parse result's list: picocli fills the @Unmatched field only when no help was asked for.
        final List<String> unmatched = self.getParseResult() != null ? self.getParseResult().unmatched() :
            unmatchedField;
        if (!unmatched.isEmpty())
        {
            final String first = unmatched.get(0);
            throw new CommandLine.ParameterException(self, (first.startsWith("-") ? "Unknown option: '" :
                "Unmatched argument: '") + first + "'" + (unmatched.size() > 1 ? " (and " + (unmatched.size() - 1) +
                " more)" : "") + "; help takes one COMMAND", null, first);
        }
        if (command == null)
        {
            parent.usage(out, colors);
            return;
        }
        final CommandLine subcommand = parent.getSubcommands().get(command);
        if (subcommand == null)
        {
            throw new CommandLine.ParameterException(parent, "Unknown subcommand '" + command + "'.", null, command);
        }
        subcommand.usage(out, colors);
    }
}
