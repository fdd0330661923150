package org.izhsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The shortest text that reads back as the same double, in Double.toString's layout, the same on every JDK. */
class ShortestDecimalTest
{
    /**
     * JDK 17's Double.toString wrote 2.24014962899550208E17 where JDK 19 and later write 2.240149628995502E17 (a
     * traces.csv line of a blown-up run differed between the JDKs, and a checkpoint's plasticity text did).
     */
    @Test
    void valuesJdk17WroteWithADigitTooManyGetTheShortestText()
    {
        assertEquals("2.240149628995502E17", ShortestDecimal.of(2.240149628995502E17));
        // JDK 17: 2.77767305757809376E17 (the w_max of a checkpoint JDK 25 refused), 9.999999999999999E22, 1.9999999999999998E23.
        assertEquals("2.7776730575780938E17", ShortestDecimal.of(2.7776730575780938E17));
        assertEquals("1.0E23", ShortestDecimal.of(1e23));
        assertEquals("2.0E23", ShortestDecimal.of(2e23));
        assertEquals("2.0E-323", ShortestDecimal.of(2e-323));
        assertEquals("9.1E-322", ShortestDecimal.of(9.1e-322));
    }

    /** Messages echo a number as typed: "got 0.0" for --duration 0 and "1.0E39" for --current 1e39 read as Java's. */
    @Test
    void typedWritesWholeValuesWithoutAPointAndExponentsInLowerCase()
    {
        assertEquals("0", ShortestDecimal.typed(0.0));
        assertEquals("-5", ShortestDecimal.typed(-5.0));
        assertEquals("2.5", ShortestDecimal.typed(2.5));
        assertEquals("1e39", ShortestDecimal.typed(1e39));
        assertEquals("1e20", ShortestDecimal.typed(1e20));
        assertEquals("1.5e-7", ShortestDecimal.typed(1.5e-7));
        assertEquals("-1e-30", ShortestDecimal.typed(-1e-30));
        assertEquals("123456789012345", ShortestDecimal.typed(123456789012345.0));
        assertEquals("NaN", ShortestDecimal.typed(Double.NaN));
        assertEquals("-Infinity", ShortestDecimal.typed(Double.NEGATIVE_INFINITY));
        assertEquals(0.1 + 0.2, Double.parseDouble(ShortestDecimal.typed(0.1 + 0.2)));
    }

    @Test
    void theLayoutIsDoubleToStrings()
    {
        assertEquals("0.0", ShortestDecimal.of(0.0));
        assertEquals("-0.0", ShortestDecimal.of(-0.0));
        assertEquals("1.0", ShortestDecimal.of(1.0));
        assertEquals("100.0", ShortestDecimal.of(100.0));
        assertEquals("0.1", ShortestDecimal.of(0.1));
        assertEquals("-18.25", ShortestDecimal.of(-18.25));
        assertEquals("0.001", ShortestDecimal.of(0.001));
        assertEquals("1.0E-4", ShortestDecimal.of(1e-4));
        assertEquals("1.5E-8", ShortestDecimal.of(1.5e-8));
        assertEquals("1234567.0", ShortestDecimal.of(1234567.0));
        assertEquals("9999999.5", ShortestDecimal.of(9999999.5));
        assertEquals("1.0E7", ShortestDecimal.of(1e7));
        assertEquals("1.2345678E7", ShortestDecimal.of(12345678.0));
        assertEquals("0.30000000000000004", ShortestDecimal.of(0.1 + 0.2));
        assertEquals("4.9E-324", ShortestDecimal.of(Double.MIN_VALUE));
        assertEquals("1.7976931348623157E308", ShortestDecimal.of(Double.MAX_VALUE));
        assertEquals("NaN", ShortestDecimal.of(Double.NaN));
        assertEquals("-Infinity", ShortestDecimal.of(Double.NEGATIVE_INFINITY));
    }

    /**
     * Every text reads back as its double, is never longer than Double.toString's, and on a JDK whose Double.toString
     * is the shortest (19 and later) is the same text.
     */
    @Test
    void everyTextReadsBackAndIsNoLongerThanDoubleToStrings()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final boolean shortestJdk = Runtime.version().feature() >= 19;
        for (int i = 0; i < 200_000; i++)
        {
            final double value = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) :
                Math.rint(random.nextDouble(-1e6, 1e6) * 1e4) / 1e4;
            if (!Double.isFinite(value))
            {
                continue;
            }
            final String text = ShortestDecimal.of(value);
            assertEquals(value, Double.parseDouble(text), text);
            final String jdk = Double.toString(value);
            assertTrue(text.length() <= jdk.length(), () -> text + " against " + jdk);
            // The BigDecimal search JDK 17 uses gives the text JDK 19's Double.toString gives.
            final String computed = value == 0.0 ? text : ShortestDecimal.appendComputed(new StringBuilder(), value).toString();
            assertEquals(value, Double.parseDouble(computed), computed);
            if (shortestJdk)
            {
                assertEquals(jdk, text);
                assertEquals(jdk, computed);
            }
        }
    }
}
