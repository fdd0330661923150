package org.izhsim.expr;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A compiled arithmetic expression of one variable, e.g. {@code -65 + 15*r^2} of the per-neuron random
 * number {@code r}, or {@code 0.5*rand} of the per-synapse one. Numbers (also {@code 1e-3}),
 * {@code + - * / ^}, parentheses and the functions {@code sqrt exp log abs min max pow}; {@code ^} is
 * right-associative and binds tighter than unary minus, so {@code -r^2 = -(r^2)}.
 * <p>
 * Immutable and safe to share between threads; {@link #applyAsDouble(double)} neither boxes nor allocates.
 */
public final class Expression implements DoubleUnaryOperator
{
    private final String source;
    private final String variable;
    private final Term root;

    private Expression(final String source, final String variable, final Term root)
    {
        this.source = source;
        this.variable = variable;
        this.root = root;
    }

    /**
     * @param source   the expression text.
     * @param variable the one variable name the expression may use, e.g. {@code "r"}.
     * @return the compiled expression.
     * @throws ExpressionException naming the problem and its 0-based offset in {@code source}.
     */
    public static Expression compile(final String source, final String variable)
    {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(variable, "variable");
        return new Expression(source, variable, new ExpressionParser(source, variable).parse());
    }

    /**
     * @param x the value of the variable.
     * @return the value of the expression at {@code x}.
     */
    @Override
    public double applyAsDouble(final double x)
    {
        return root.evaluate(x);
    }

    /**
     * @return true when the expression does not depend on its variable, e.g. {@code 2*(3+1)}.
     */
    public boolean isConstant()
    {
        return root.isConstant();
    }

    public String source()
    {
        return source;
    }

    public String variable()
    {
        return variable;
    }

    @Override
    public String toString()
    {
        return source;
    }
}
