package org.izhsim.expr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionTest
{
    private static double at(final String text, final double x)
    {
        return Expression.compile(text, "x").applyAsDouble(x);
    }

    @ParameterizedTest(name = "{0} at x={1} is {2}")
    @CsvSource(delimiter = ';', value = {
        "1 + 2 * 3;         0;   7",
        "(1 + 2) * 3;       0;   9",
        "10 - 4 - 3;        0;   3",
        "64 / 4 / 2;        0;   8",
        "2 ^ 3 ^ 2;         0;   512",
        "-x^2;              3;   -9",
        "(-x)^2;            3;   9",
        "2^-1;              0;   0.5",
        "-2^-2;             0;   -0.25",
        "2*-x;              3;   -6",
        "--x;               3;   3",
        "+x;                3;   3",
        "1e-3 * 2E3;        0;   2",
        ".5 + 1.;           0;   1.5",
        "1.5e+2;            0;   150",
        "sqrt(x);           16;  4",
        "exp(0) + log(1);   0;   1",
        "abs(-x);           2.5; 2.5",
        "min(x, 1);         3;   1",
        "max(x, 1);         3;   3",
        "pow(x, 0.5);       9;   3",
        "max(min(x,2),-2);  -7;  -2",
        "  x  *  ( 2 + x ) ; 2;  8",
        "x/0;               1;   Infinity"
    })
    void evaluatesWithMathematicalPrecedence(final String text, final double x, final double expected)
    {
        assertEquals(expected, at(text.strip(), x), 1e-12);
    }

    @Test
    void izhikevich2003HeterogeneityGivesPublishedRangesAtTheEndsOfR()
    {
        // Izhikevich (2003) net.m: re = rand; c = -65 + 15*re.^2; d = 8 - 6*re.^2; ri: a = 0.02 + 0.08*ri; b = 0.25 - 0.05*ri.
        final Expression c = Expression.compile("-65 + 15*r^2", "r");
        final Expression d = Expression.compile("8 - 6*r^2", "r");
        final Expression a = Expression.compile("0.02 + 0.08*r", "r");
        final Expression b = Expression.compile("0.25 - 0.05*r", "r");
        assertEquals(-65.0, c.applyAsDouble(0.0), 0.0);
        assertEquals(-50.0, c.applyAsDouble(1.0), 0.0);
        assertEquals(8.0, d.applyAsDouble(0.0), 0.0);
        assertEquals(2.0, d.applyAsDouble(1.0), 0.0);
        assertEquals(0.02, a.applyAsDouble(0.0), 0.0);
        assertEquals(0.10, a.applyAsDouble(1.0), 1e-15);
        assertEquals(0.25, b.applyAsDouble(0.0), 0.0);
        assertEquals(0.20, b.applyAsDouble(1.0), 1e-15);
        assertEquals(-65.0 + 15 * 0.3 * 0.3, c.applyAsDouble(0.3), 1e-12);
    }

    @Test
    void constantSubExpressionsAreFoldedAndVariableOnesAreNot()
    {
        assertTrue(Expression.compile("2 * (3 + sqrt(4)) - 1e1", "r").isConstant());
        assertEquals(0.0, Expression.compile("2 * (3 + sqrt(4)) - 1e1", "r").applyAsDouble(0.7), 0.0);
        assertFalse(Expression.compile("0.5*rand", "rand").isConstant());
        assertFalse(Expression.compile("1 + 0*r", "r").isConstant());
    }

    /**
     * exp and log were Math's, whose x86 intrinsic differs from fdlibm in about one result in ten: a parameter drawn
     * as exp(1.6314022288659995) was 5.111037 here and 5.1110363 under -XX:-UseLibmIntrinsic (or on a CPU without the
     * intrinsic), and the network's spikes parted at 1185 ms. They are StrictMath's now: the same bits everywhere.
     */
    @Test
    void expAndLogGiveFdlibmsBitsOnEveryJvm()
    {
        final double x = 1.6314022288659995;
        assertEquals(Double.doubleToRawLongBits(StrictMath.exp(x)),
            Double.doubleToRawLongBits(Expression.compile("exp(r)", "r").applyAsDouble(x)), "exp");
        final java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        final Expression exp = Expression.compile("exp(r)", "r");
        final Expression log = Expression.compile("log(r)", "r");
        for (int i = 0; i < 10_000; i++)
        {
            final double y = random.nextDouble(-20, 20);
            assertEquals(Double.doubleToRawLongBits(StrictMath.exp(y)), Double.doubleToRawLongBits(exp.applyAsDouble(y)),
                () -> "exp(" + y + ")");
            final double z = random.nextDouble(1e-3, 1e3);
            assertEquals(Double.doubleToRawLongBits(StrictMath.log(z)), Double.doubleToRawLongBits(log.applyAsDouble(z)),
                () -> "log(" + z + ")");
        }
    }

    @Test
    void evaluationDoesNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final Expression expression = Expression.compile("max(-65 + 15*r^2, sqrt(abs(r - 0.5)) / exp(-r)) ^ 1.5", "r");
        final int evaluations = 200_000;
        double sum = 0.0;
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < evaluations; i++)
        {
            sum += expression.applyAsDouble(i / (double)evaluations);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sum > 0.0 && Double.isFinite(sum), "the sum also keeps the loop from being optimised away");
        // Boxing a single double per call would be 16 bytes per evaluation: 3.2 MB here.
        assertTrue(allocated < evaluations, () -> allocated + " bytes allocated in " + evaluations + " evaluations");
    }

    @Test
    void keepsSourceAndVariableForDisplay()
    {
        final Expression expression = Expression.compile("0.5*rand", "rand");
        assertEquals("0.5*rand", expression.source());
        assertEquals("rand", expression.variable());
        assertEquals("0.5*rand", expression.toString());
    }

    @ParameterizedTest(name = "''{0}'' fails at offset {1}: {2}")
    @CsvSource(delimiter = ';', value = {
        "-65 + 15*x^2;    9;  unknown variable 'x' in expression (allowed: r)",
        "r + foo(r);      4;  unknown function 'foo' in expression (known: abs, exp, log, max, min, pow, sqrt)",
        "sqrt(r, 2);      0;  function 'sqrt' takes 1 argument, got 2",
        "min(r);          0;  function 'min' takes 2 arguments, got 1",
        "2 * sqrt;        4;  function 'sqrt' needs arguments in parentheses, e.g. sqrt(r)",
        "(r + 1;          6;  expected ')' but found the end of the expression",
        "r +;             3;  expected a number, variable, function or '(' but found the end of the expression",
        "r * * 2;         4;  expected a number, variable, function or '(' but found '*'",
        "r 2;             2;  missing operator before '2' (write '*' for a product)",
        "2r;              1;  missing operator before 'r' (write '*' for a product)",
        "r (1 + r);       2;  missing operator before '(' (write '*' for a product)",
        "0x10;            0;  hexadecimal, octal and binary numbers (0x10, 0o10, 0b10) are not read: write the decimal value",
        "r + 0o17;        4;  hexadecimal, octal and binary numbers (0x10, 0o10, 0b10) are not read: write the decimal value",
        "0B1;             0;  hexadecimal, octal and binary numbers (0x10, 0o10, 0b10) are not read: write the decimal value",
        "10x2;            2;  missing operator before 'x' (write '*' for a product)",
        "r + 1);          5;  unexpected ')' after a complete expression",
        "1.2.3 * r;       0;  malformed number '1.2.3'",
        "1e * r;          0;  malformed number '1e'",
        "r + 1e999 * r;   4;  number '1e999' is beyond the largest number (1.8e308)",
        "r $ 2;           2;  unexpected '$' after a complete expression",
        "r + $;           4;  expected a number, variable, function or '(' but found '$'"
    })
    void reportsProblemAndOffset(final String text, final int offset, final String problem)
    {
        final ExpressionException error = assertThrows(ExpressionException.class, () -> Expression.compile(text, "r"));
        assertEquals(problem, error.problem());
        assertEquals(offset, error.offset());
    }

    @Test
    void emptyExpressionIsAnError()
    {
        final ExpressionException error = assertThrows(ExpressionException.class, () -> Expression.compile("   ", "r"));
        assertEquals("empty expression", error.problem());
        assertEquals(0, error.offset());
    }

    @Test
    void nestingAndChainsDeeperThanTheLimitAreErrorsNotStackOverflows()
    {
        final ExpressionException parentheses = assertThrows(ExpressionException.class,
            () -> Expression.compile("(".repeat(100_000) + "x" + ")".repeat(100_000), "x"));
        assertEquals(ExpressionParser.MAX_DEPTH, parentheses.offset());
        assertTrue(parentheses.problem().startsWith("expression nests deeper than 100 levels"), parentheses.problem());
        final ExpressionException chain = assertThrows(ExpressionException.class,
            () -> Expression.compile("x" + "*x".repeat(100_000), "x"));
        assertEquals(2 * ExpressionParser.MAX_DEPTH + 1, chain.offset(), "just after the operand that made the tree too deep");
        // At the limit, both still compile and evaluate.
        assertEquals(1.0, Expression.compile("(".repeat(99) + "x" + ")".repeat(99), "x").applyAsDouble(1.0));
        assertEquals(99.0, Expression.compile("x" + "+x".repeat(98), "x").applyAsDouble(1.0));
    }
}
