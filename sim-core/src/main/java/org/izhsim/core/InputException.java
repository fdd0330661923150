package org.izhsim.core;

/**
 * Bad user input (a CLI option, a config or data file): the message is one line that names the
 * problem and, where a file is involved, its location as {@code file:line:column: ...}.
 * The command line prints it without a stack trace and exits with code 2; a Java API caller gets the trace (it had
 * none, so the call that passed a bad value could not be found).
 */
public class InputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public InputException(final String message)
    {
        super(message);
    }

    /** Longest value a message quotes whole; a longer one keeps its start and end (as experiment files do). */
    private static final int MAX_QUOTED = 80;

    /**
     * @return {@code value} in single quotes for a message: control characters written as backslash-u escapes, so
     *         that the message stays one line and cannot drive the terminal, and a value over 80 characters cut to its
     *         start and end with its length: {@code 'xxxx...xxxx' (100000 characters)}.
     */
    public static String quoted(final String value)
    {
        final String shown = value.length() <= MAX_QUOTED ? value :
            value.substring(0, MAX_QUOTED / 2) + "..." + value.substring(value.length() - MAX_QUOTED / 4);
        final String out = "'" + escaped(shown, false) + "'";
        return value.length() <= MAX_QUOTED ? out : out + " (" + value.length() + " characters)";
    }

    /**
     * @return {@code text} with each control character (but a tab when {@code keepTabs}) written as a backslash-u
     *         escape with four hex digits, so that a message stays one line and cannot drive the terminal; so are the
     *         invisible ones a value can hide behind (the line and paragraph separators U+2028 and U+2029, format
     *         characters such as the right-to-left override U+202E and zero-width spaces), which made
     *         {@code unknown key ' duration_ms'} of a key that began with U+2028.
     */
    public static String escaped(final String text, final boolean keepTabs)
    {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if ((Character.isISOControl(c) || invisible(c)) && !(keepTabs && c == '\t'))
            {
                if (out == null)
                {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int)c));
            }
            else if (out != null)
            {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean invisible(final char c)
    {
        final int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
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
