package org.izhsim.explore;

import org.izhsim.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spike count {@code sim neuron ARGS --json} prints, run in-process: what the page's numbers must match.
 */
final class SimNeuronJson
{
    private static final Pattern COUNT = Pattern.compile("\"spike_count\":(\\d+)");

    private SimNeuronJson()
    {
    }

    /** The spike counts {@code sim neuron ... --fi ... --json} prints, joined by commas. */
    static String fiSpikeCounts(final String command)
    {
        final Matcher matcher = Pattern.compile("\"spike_counts\":\\[([0-9,]*)\\]").matcher(json(command));
        if (!matcher.find())
        {
            throw new AssertionError("no spike_counts for " + command);
        }
        return matcher.group(1);
    }

    /** @param command a line as the page shows it: {@code ./sim neuron --preset X ...}. */
    static int spikeCount(final String command)
    {
        final Matcher matcher = COUNT.matcher(json(command));
        if (!matcher.find())
        {
            throw new AssertionError("no spike_count for " + command);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The warnings {@code sim neuron ARGS --json} prints on stderr, each without its "sim: warning: ". */
    static List<String> warnings(final String command)
    {
        final List<String> warnings = new ArrayList<>();
        for (final String line : run(command)[1].split("\\R"))
        {
            if (line.startsWith("sim: warning: "))
            {
                warnings.add(line.substring("sim: warning: ".length()));
            }
        }
        return warnings;
    }

    /** What {@code sim neuron ARGS --json} prints. */
    static String json(final String command)
    {
        return run(command)[0];
    }

    /** The command's stdout and stderr. */
    private static String[] run(final String command)
    {
        final String prefix = "./sim neuron ";
        if (!command.startsWith(prefix))
        {
            throw new AssertionError("not a sim neuron command: " + command);
        }
        final List<String> args = new ArrayList<>(List.of("neuron"));
        args.addAll(List.of(command.substring(prefix.length()).trim().split(" +")));
        args.add("--json");
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(new String[0]));
        if (exit != 0)
        {
            throw new AssertionError(command + " exited with " + exit + ": " + err);
        }
        return new String[] {out.toString(), err.toString()};
    }
}
