package org.izhsim.core;

/**
 * Bad user input (a CLI option, a config or data file): the message is one line that names the
 * problem and, where a file is involved, its location as {@code file:line:column: ...}.
 * The command line prints it without a stack trace and exits with code 2.
 */
public class InputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public InputException(final String message)
    {
        super(message, null, false, false);
    }

    /**
     * @param file   the file as the user named it.
     * @param line   1-based line.
     * @param column 1-based column.
     * @param what   what is wrong, naming the key where there is one.
     * @return an exception whose message reads {@code file:line:column: what}.
     */
    public static InputException at(final String file, final int line, final int column, final String what)
    {
        return new InputException(file + ":" + line + ":" + column + ": " + what);
    }
}
