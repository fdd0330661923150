package org.izhsim.output.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TicksTest
{
    @Test
    void niceStepRoundsUpToOneTwoOrFiveTimesAPowerOfTen()
    {
        assertEquals(1, Ticks.niceStep(0.7), 0);
        assertEquals(1, Ticks.niceStep(1), 0);
        assertEquals(2, Ticks.niceStep(1.3), 0);
        assertEquals(5, Ticks.niceStep(2.1), 0);
        assertEquals(10, Ticks.niceStep(7), 0);
        assertEquals(0.05, Ticks.niceStep(0.03), 1e-15);
        assertEquals(500, Ticks.niceStep(230), 0);
        assertEquals(2e-4, Ticks.niceStep(1.9e-4), 1e-18);
    }

    @Test
    void timeAxisOfAThreeHundredMillisecondRunGetsFiftyMillisecondTicks()
    {
        assertArrayEquals(new double[] {0, 50, 100, 150, 200, 250, 300}, Ticks.values(0, 300, 8), 0);
    }

    @Test
    void voltageAxisWithThreeTicksStillGetsTwoLabels()
    {
        assertArrayEquals(new double[] {-50, 0}, Ticks.values(-80, 35, 3), 0);
    }

    @Test
    void ticksAreExactMultiplesWithoutAccumulatedRoundingError()
    {
        final double[] ticks = Ticks.values(0, 1, 11);
        assertEquals(11, ticks.length);
        assertEquals(0.3, ticks[3], 0);
        assertEquals(0.7, ticks[7], 0);
    }

    @Test
    void anyRangeGetsAtMostTheRequestedCountOfEvenlySpacedNiceTicksInside()
    {
        final SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 2000; trial++)
        {
            final double min = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-3, 6));
            final double max = min + Math.pow(10, random.nextInt(-3, 6)) * (0.01 + random.nextDouble());
            final int maxCount = random.nextInt(2, 12);
            final double step = Ticks.step(min, max, maxCount);
            final double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-12));
            assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                "step " + step);
            final double[] ticks = Ticks.values(min, max, maxCount);
            assertTrue(ticks.length <= maxCount, ticks.length + " ticks > " + maxCount);
            assertTrue(ticks.length >= 1, "no tick in [" + min + ", " + max + "]");
            for (int k = 0; k < ticks.length; k++)
            {
                assertTrue(ticks[k] >= min - 1e-9 * step && ticks[k] <= max + 1e-9 * step);
                if (k > 0)
                {
                    // Subtracting neighbours loses the digits the values' magnitude takes.
                    assertEquals(step, ticks[k] - ticks[k - 1], 1e-9 * step + 1e-15 * Math.abs(ticks[k]));
                }
            }
        }
    }

    @Test
    void hugeAndTinyLabelsAreScientificNotHundredsOfDigits()
    {
        // The phase plane of sim neuron --current 1e300 labelled its u axis with 301-digit numbers.
        assertEquals("2.0e+300", Ticks.label(2e300, 5e299));
        assertEquals("\u22121.5e+07", Ticks.label(-1.5e7, 5e6));
        assertEquals("3e-300", Ticks.label(3e-300, 1e-300));
        assertEquals("0", Ticks.label(0, 1e-300));
        assertEquals("9000000", Ticks.label(9e6, 1e6));
        assertTrue(Ticks.label(1e300, 1).length() < 25, Ticks.label(1e300, 1));
    }

    @Test
    void labelsCarryJustEnoughDecimalsAndATypographicMinus()
    {
        assertEquals("20", Ticks.label(20, 10));
        assertEquals("0.5", Ticks.label(0.5, 0.5));
        assertEquals("0.02", Ticks.label(0.02, 0.01));
        assertEquals("\u221220", Ticks.label(-20, 10));
        assertEquals("0", Ticks.label(-0.0, 10));
        assertEquals(0, Ticks.decimals(500));
        assertEquals(1, Ticks.decimals(0.2));
    }
}
