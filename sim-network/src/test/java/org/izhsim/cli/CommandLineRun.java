package org.izhsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One {@code sim ...} invocation run in-process, with what it printed.
 */
record CommandLineRun(int exitCode, String out, String err)
{
    static CommandLineRun of(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandLineRun(exitCode, out.toString(), err.toString());
    }

    /**
     * @return the single line printed on stderr besides warnings ("sim: warning: ...", such as more threads than
     *         cores on this machine), failing if there is not exactly one.
     */
    String errorLine()
    {
        final String[] lines = err.lines().filter(line -> !line.startsWith("sim: warning: ")).toArray(String[]::new);
        if (lines.length != 1)
        {
            throw new AssertionError("expected exactly one line on stderr besides warnings, got:\n" + err);
        }
        return lines[0];
    }

    /** The warnings printed on stderr. */
    java.util.List<String> warnings()
    {
        return err.lines().filter(line -> line.startsWith("sim: warning: ")).toList();
    }
}
