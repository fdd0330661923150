package org.izhsim.expr;

/**
 * An expression that does not compile. Carries the 0-based offset of the offending character in the
 * expression text, so that a caller which knows where the text sits in a file can point at the exact
 * column.
 */
public final class ExpressionException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int offset;

    ExpressionException(final String problem, final int offset)
    {
        super(problem + " (at offset " + offset + ")");
        this.problem = problem;
        this.offset = offset;
    }

    /**
     * @return what is wrong, one line, without the location, e.g. {@code unknown variable 'x' in expression (allowed: r)}.
     */
    public String problem()
    {
        return problem;
    }

    /**
     * @return 0-based offset into the expression text where the problem starts.
     */
    public int offset()
    {
        return offset;
    }
}
