package org.izhsim.output.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DecimalTextTest
{
    private static String exact(final double x)
    {
        return DecimalText.appendExact(new StringBuilder(), x).toString();
    }

    private static String rounded(final double x, final int decimals)
    {
        return DecimalText.appendRounded(new StringBuilder(), x, decimals).toString();
    }

    @Test
    void spikeTimesOnTheDtGridPrintShort()
    {
        assertEquals("12.3", exact(123 * 0.1));
        assertEquals("1000", exact(1000.0));
        assertEquals("0.025", exact(0.025));
        assertEquals("-3.5", exact(-3.5));
        assertEquals("0", exact(0.0));
    }

    @Test
    void exactKeepsEveryBitEvenWhenTheDecimalIsLong()
    {
        assertEquals("0.30000000000000004", exact(3 * 0.1));
        final SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < 100_000; k++)
        {
            final double onGrid = random.nextInt(10_000_000) * 0.01;
            assertEquals(onGrid, Double.parseDouble(exact(onGrid)), 0.0);
            final double any = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 18));
            assertEquals(any, Double.parseDouble(exact(any)), 0.0);
        }
    }

    @Test
    void roundedDropsTrailingZerosAndNegativeZero()
    {
        assertEquals("1.5", rounded(1.50, 2));
        assertEquals("0", rounded(-0.0001, 2));
        assertEquals("-65.123457", rounded(-65.123456789, 6));
        assertEquals("0.05", rounded(0.05, 6));
        assertEquals("-7", rounded(-7.0000001, 6));
        assertEquals("1.0E20", rounded(1e20, 3));
    }
}
