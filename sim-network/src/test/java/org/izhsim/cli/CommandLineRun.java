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
     * A {@code sim ...} run in another JVM: its standard input closed, then what it printed and its exit code once it
     * ends (within a minute).
     */
    static CommandLineRun of(final Process sim) throws java.io.IOException, InterruptedException
    {
        sim.getOutputStream().close();
        final byte[] out = sim.getInputStream().readAllBytes();
        final byte[] err = sim.getErrorStream().readAllBytes();
        org.junit.jupiter.api.Assertions.assertTrue(sim.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        return new CommandLineRun(sim.exitValue(), new String(out, java.nio.charset.StandardCharsets.UTF_8),
            new String(err, java.nio.charset.StandardCharsets.UTF_8));
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
