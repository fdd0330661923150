package org.izhsim.expr;

import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Recursive-descent parser for the arithmetic of config values such as {@code -65 + 15*r^2}.
 * <pre>
 *   sum     := product (('+' | '-') product)*
 *   product := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?          right-associative; binds tighter than unary minus
 *   primary := number | variable | function '(' sum (',' sum)* ')' | '(' sum ')'
 * </pre>
 * So {@code -r^2 = -(r^2)}, {@code 2^3^2 = 2^9} and {@code 2^-1 = 0.5}, as in mathematics. Sub-terms that do
 * not depend on the variable are folded to constants. One instance parses one text; not thread-safe.
 * <p>
 * Both the parser and the evaluation of the tree recurse, so nesting (parentheses, signs, powers, calls)
 * and the depth of the tree (a chain {@code r+r+...+r} is as deep as it is long) are capped at
 * {@link #MAX_DEPTH}: a hostile text is one clear error, never a StackOverflowError.
 */
final class ExpressionParser
{
    private enum Function
    {
        // StrictMath (fdlibm): the same bits on every JVM and CPU. Math.exp's x86 intrinsic differs from it in about
        // one result in ten (exp(1.6314022288659995): a parameter one float step apart, another spike train, under
        // -XX:-UseLibmIntrinsic or on a CPU without the intrinsic). pow stays Math's: StrictMath.pow allocates 96
        // bytes a call (JDK 17 and 25), and expressions are evaluated per neuron and per synapse at the build; Math.pow
        // gives the same bits in every JIT mode on x86, and r^2 is exact in both.
        SQRT(StrictMath::sqrt), EXP(StrictMath::exp), LOG(StrictMath::log), ABS(Math::abs),
        MIN(Math::min), MAX(Math::max), POW(Math::pow);

        final DoubleUnaryOperator unary;
        final DoubleBinaryOperator binary;

        Function(final DoubleUnaryOperator unary)
        {
            this.unary = unary;
            this.binary = null;
        }

        Function(final DoubleBinaryOperator binary)
        {
            this.unary = null;
            this.binary = binary;
        }

        int arity()
        {
            return unary != null ? 1 : 2;
        }

        String displayName()
        {
            return name().toLowerCase(Locale.ROOT);
        }

        static Function named(final String name)
        {
            for (final Function function : values())
            {
                if (function.displayName().equals(name))
                {
                    return function;
                }
            }
            return null;
        }
    }

    private static final String KNOWN_FUNCTIONS = "abs, exp, log, max, min, pow, sqrt";

    /** Deepest nesting and deepest tree; a real parameter expression needs a handful of levels. */
    static final int MAX_DEPTH = 100;
    /** A number literal; compiled once (String.matches compiled it for every number, 53 ms per 300 kB expression). */
    private static final java.util.regex.Pattern NUMBER =
        java.util.regex.Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final String text;
    private final String variable;
    private int position;
    private int nesting;

    ExpressionParser(final String text, final String variable)
    {
        this.text = text;
        this.variable = variable;
    }

    Term parse()
    {
        skipSpaces();
        if (position == text.length())
        {
            throw new ExpressionException("empty expression", 0);
        }
        final Term term = sum();
        skipSpaces();
        if (position < text.length())
        {
            final char c = text.charAt(position);
            if (radixPrefix())
            {
                // "0x10" told to write '*' for a product: YAML 1.2 writes integers so, these expressions do not.
                throw new ExpressionException("hexadecimal, octal and binary numbers (0x10, 0o10, 0b10) are not read: " +
                    "write the decimal value", position - 1);
            }
            // "2r" or "r (1 + r)": a juxtaposition that mathematics reads as a product.
            final String problem = Character.isLetterOrDigit(c) || c == '(' || c == '.' ?
                "missing operator before " + describeCurrent() + " (write '*' for a product)" :
                "unexpected " + describeCurrent() + " after a complete expression";
            throw new ExpressionException(problem, position);
        }
        return term;
    }

    /** Whether the text at the current position continues a lone "0" as 0x, 0o or 0b followed by a digit. */
    private boolean radixPrefix()
    {
        final char c = Character.toLowerCase(text.charAt(position));
        return (c == 'x' || c == 'o' || c == 'b') && position > 0 && text.charAt(position - 1) == '0' &&
            (position == 1 || !Character.isLetterOrDigit(text.charAt(position - 2)) && text.charAt(position - 2) != '.') &&
            position + 1 < text.length() && Character.digit(text.charAt(position + 1), 16) >= 0;
    }

    private Term sum()
    {
        Term left = product();
        while (true)
        {
            skipSpaces();
            if (accept('+'))
            {
                final Term right = product();
                left = folded(new Term.Add(left, right), left, right);
            }
            else if (accept('-'))
            {
                final Term right = product();
                left = folded(new Term.Subtract(left, right), left, right);
            }
            else
            {
                return left;
            }
        }
    }

    private Term product()
    {
        Term left = unary();
        while (true)
        {
            skipSpaces();
            if (accept('*'))
            {
                final Term right = unary();
                left = folded(new Term.Multiply(left, right), left, right);
            }
            else if (accept('/'))
            {
                final Term right = unary();
                left = folded(new Term.Divide(left, right), left, right);
            }
            else
            {
                return left;
            }
        }
    }

    /** Every recursion of the grammar passes through here, so this is where nesting is counted. */
    private Term unary()
    {
        if (++nesting > MAX_DEPTH)
        {
            throw tooDeep();
        }
        skipSpaces();
        final Term term;
        if (accept('-'))
        {
            final Term operand = unary();
            term = operand.isConstant() ? new Term.Constant(-operand.evaluate(0.0)) : checked(new Term.Negate(operand));
        }
        else if (accept('+'))
        {
            term = unary();
        }
        else
        {
            term = power();
        }
        nesting--;
        return term;
    }

    private Term checked(final Term term)
    {
        if (term.depth > MAX_DEPTH)
        {
            throw tooDeep();
        }
        return term;
    }

    private ExpressionException tooDeep()
    {
        return new ExpressionException("expression nests deeper than " + MAX_DEPTH +
            " levels (parentheses, signs, powers, calls or a chain of operators)", Math.min(position, text.length()));
    }

    private Term power()
    {
        final Term base = primary();
        skipSpaces();
        if (!accept('^'))
        {
            return base;
        }
        final Term exponent = unary();
        if (exponent.isConstant() && exponent.evaluate(0.0) == 2.0)
        {
            return folded(new Term.Square(base), base);
        }
        return folded(new Term.Power(base, exponent), base, exponent);
    }

    private Term primary()
    {
        skipSpaces();
        if (position == text.length())
        {
            throw new ExpressionException("expected a number, variable, function or '(' but found the end of the expression", position);
        }
        final char c = text.charAt(position);
        if (isDigit(c) || c == '.')
        {
            return number();
        }
        if (Character.isLetter(c) || c == '_')
        {
            return identifier();
        }
        if (accept('('))
        {
            final Term inner = sum();
            expect(')');
            return inner;
        }
        throw new ExpressionException("expected a number, variable, function or '(' but found " + describeCurrent(), position);
    }

    private Term number()
    {
        final int start = position;
        while (position < text.length() && (isDigit(text.charAt(position)) || text.charAt(position) == '.'))
        {
            position++;
        }
        if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E'))
        {
            position++;
            if (position < text.length() && (text.charAt(position) == '+' || text.charAt(position) == '-'))
            {
                position++;
            }
            while (position < text.length() && isDigit(text.charAt(position)))
            {
                position++;
            }
        }
        final String literal = text.substring(start, position);
        // Double.parseDouble also takes "1d", "0x1p3" and "NaN"; the scan above admits digits only.
        if (!NUMBER.matcher(literal).matches())
        {
            throw new ExpressionException("malformed number '" + literal + "'", start);
        }
        final double value = Double.parseDouble(literal);
        if (Double.isInfinite(value))
        {
            // "1e999*r" was "NaN at r = 0" (infinity times 0), about a number the reader rounded to infinity.
            throw new ExpressionException("number '" + literal + "' is beyond the largest number (1.8e308)", start);
        }
        return new Term.Constant(value);
    }

    private Term identifier()
    {
        final int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_'))
        {
            position++;
        }
        final String name = text.substring(start, position);
        skipSpaces();
        if (position < text.length() && text.charAt(position) == '(')
        {
            if (name.equals(variable))
            {
                throw new ExpressionException("missing operator before '(' (write '*' for a product)", position);
            }
            return call(name, start);
        }
        if (!name.equals(variable))
        {
            final Function function = Function.named(name);
            final String problem = function != null ?
                "function '" + name + "' needs arguments in parentheses, e.g. " + name + "(" + variable + ")" :
                "unknown variable '" + name + "' in expression (allowed: " + variable + ")";
            throw new ExpressionException(problem, start);
        }
        return new Term.Variable();
    }

    private Term call(final String name, final int start)
    {
        final Function function = Function.named(name);
        if (function == null)
        {
            throw new ExpressionException("unknown function '" + name + "' in expression (known: " + KNOWN_FUNCTIONS + ")", start);
        }
        expect('(');
        final Term first = sum();
        skipSpaces();
        Term second = null;
        int arguments = 1;
        while (accept(','))
        {
            final Term argument = sum();
            skipSpaces();
            if (arguments == 1)
            {
                second = argument;
            }
            arguments++;
        }
        expect(')');
        if (arguments != function.arity())
        {
            throw new ExpressionException("function '" + name + "' takes " + function.arity() +
                (function.arity() == 1 ? " argument" : " arguments") + ", got " + arguments, start);
        }
        return function.arity() == 1 ?
            folded(new Term.Call1(function.unary, first), first) :
            folded(new Term.Call2(function.binary, first, second), first, second);
    }

    private Term folded(final Term term, final Term... operands)
    {
        for (final Term operand : operands)
        {
            if (!operand.isConstant())
            {
                return checked(term);
            }
        }
        return new Term.Constant(term.evaluate(0.0));
    }

    private void expect(final char expected)
    {
        skipSpaces();
        if (!accept(expected))
        {
            throw new ExpressionException("expected '" + expected + "' but found " + describeCurrent(), position);
        }
    }

    private boolean accept(final char expected)
    {
        if (position < text.length() && text.charAt(position) == expected)
        {
            position++;
            return true;
        }
        return false;
    }

    private void skipSpaces()
    {
        while (position < text.length() && Character.isWhitespace(text.charAt(position)))
        {
            position++;
        }
    }

    private String describeCurrent()
    {
        // The whole character: an emoji's first UTF-16 half printed as '?'; a control character escaped, as quoted
        // values are (a raw U+0001 went into the message).
        return position == text.length() ? "the end of the expression" :
            org.izhsim.core.InputException.quoted(new String(Character.toChars(text.codePointAt(position))));
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }
}
