package org.izhsim.expr;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A node of a compiled expression tree. Evaluation is a plain recursive walk over final fields with
 * primitive doubles: no boxing and no allocation per call, so an expression can be evaluated once per
 * synapse while a network of 10^8 synapses is built.
 */
abstract class Term
{
    /** Levels of this tree; evaluation recurses this deep, so the parser caps it. */
    final int depth;

    Term(final int depth)
    {
        this.depth = depth;
    }

    static int depthOver(final Term... children)
    {
        int deepest = 0;
        for (final Term child : children)
        {
            deepest = Math.max(deepest, child.depth);
        }
        return deepest + 1;
    }

    /**
     * @param x the value bound to the expression's variable.
     * @return the value of this term.
     */
    abstract double evaluate(double x);

    /**
     * @return true when the value does not depend on the variable (the parser folds such terms).
     */
    boolean isConstant()
    {
        return false;
    }

    static final class Constant extends Term
    {
        private final double value;

        Constant(final double value)
        {
            super(1);
            this.value = value;
        }

        @Override
        double evaluate(final double x)
        {
            return value;
        }

        @Override
        boolean isConstant()
        {
            return true;
        }
    }

    static final class Variable extends Term
    {
        Variable()
        {
            super(1);
        }

        @Override
        double evaluate(final double x)
        {
            return x;
        }
    }

    static final class Negate extends Term
    {
        private final Term operand;

        Negate(final Term operand)
        {
            super(depthOver(operand));
            this.operand = operand;
        }

        @Override
        double evaluate(final double x)
        {
            return -operand.evaluate(x);
        }
    }

    static final class Add extends Term
    {
        private final Term left;
        private final Term right;

        Add(final Term left, final Term right)
        {
            super(depthOver(left, right));
            this.left = left;
            this.right = right;
        }

        @Override
        double evaluate(final double x)
        {
            return left.evaluate(x) + right.evaluate(x);
        }
    }

    static final class Subtract extends Term
    {
        private final Term left;
        private final Term right;

        Subtract(final Term left, final Term right)
        {
            super(depthOver(left, right));
            this.left = left;
            this.right = right;
        }

        @Override
        double evaluate(final double x)
        {
            return left.evaluate(x) - right.evaluate(x);
        }
    }

    static final class Multiply extends Term
    {
        private final Term left;
        private final Term right;

        Multiply(final Term left, final Term right)
        {
            super(depthOver(left, right));
            this.left = left;
            this.right = right;
        }

        @Override
        double evaluate(final double x)
        {
            return left.evaluate(x) * right.evaluate(x);
        }
    }

    static final class Divide extends Term
    {
        private final Term left;
        private final Term right;

        Divide(final Term left, final Term right)
        {
            super(depthOver(left, right));
            this.left = left;
            this.right = right;
        }

        @Override
        double evaluate(final double x)
        {
            return left.evaluate(x) / right.evaluate(x);
        }
    }

    /** {@code base ^ exponent}; a literal exponent 2 (as in {@code 15*r^2}) is a multiplication. */
    static final class Power extends Term
    {
        private final Term base;
        private final Term exponent;

        Power(final Term base, final Term exponent)
        {
            super(depthOver(base, exponent));
            this.base = base;
            this.exponent = exponent;
        }

        @Override
        double evaluate(final double x)
        {
            return Math.pow(base.evaluate(x), exponent.evaluate(x));
        }
    }

    static final class Square extends Term
    {
        private final Term base;

        Square(final Term base)
        {
            super(depthOver(base));
            this.base = base;
        }

        @Override
        double evaluate(final double x)
        {
            final double value = base.evaluate(x);
            return value * value;
        }
    }

    /** A one-argument function; the operator is a non-capturing method reference such as {@code Math::sqrt}. */
    static final class Call1 extends Term
    {
        private final DoubleUnaryOperator function;
        private final Term argument;

        Call1(final DoubleUnaryOperator function, final Term argument)
        {
            super(depthOver(argument));
            this.function = function;
            this.argument = argument;
        }

        @Override
        double evaluate(final double x)
        {
            return function.applyAsDouble(argument.evaluate(x));
        }
    }

    static final class Call2 extends Term
    {
        private final DoubleBinaryOperator function;
        private final Term first;
        private final Term second;

        Call2(final DoubleBinaryOperator function, final Term first, final Term second)
        {
            super(depthOver(first, second));
            this.function = function;
            this.first = first;
            this.second = second;
        }

        @Override
        double evaluate(final double x)
        {
            return function.applyAsDouble(first.evaluate(x), second.evaluate(x));
        }
    }
}
