package org.izhsim.output;

/**
 * What the ./sim launcher tells of the terminal: whether standard error is one ({@code -Dizhsim.stderr.tty}, from the
 * shell's {@code [ -t 2 ]}) and its width ({@code -Dizhsim.columns}, from {@code stty size}). Java alone can only ask
 * whether standard input and output are a terminal (System.console()): a run at a terminal with {@code 2> run.log} wrote
 * the bar's redraws into the log, and a bar of 78 columns wrapped over four lines of a 20-column terminal.
 */
final class Terminal
{
    /** When the launcher does not say (the Java API, tests): 80, the terminal's classic width. */
    static final int DEFAULT_COLUMNS = 80;

    private Terminal()
    {
    }

    /** Whether standard error is a terminal: the launcher's word, else System.console()'s. */
    static boolean standardErrorIsTerminal()
    {
        final String said = System.getProperty("izhsim.stderr.tty");
        return said != null ? Boolean.parseBoolean(said) : System.console() != null;
    }

    /** The terminal's columns, as the launcher read them, else {@link #DEFAULT_COLUMNS}. */
    static int columns()
    {
        try
        {
            final int columns = Integer.parseInt(System.getProperty("izhsim.columns", ""));
            return columns > 0 ? columns : DEFAULT_COLUMNS;
        }
        catch (final NumberFormatException notSaid)
        {
            return DEFAULT_COLUMNS;
        }
    }
}
