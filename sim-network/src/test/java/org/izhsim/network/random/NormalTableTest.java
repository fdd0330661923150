package org.izhsim.network.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The table normal has the moments and quantiles its Javadoc promises. */
class NormalTableTest
{
    private static final int DRAWS = 2_000_000;

    @Test
    void momentsAndQuantilesOfAStandardNormal()
    {
        final long key = CounterRandom.key(5, 0, 0);
        double sum = 0;
        double sumSquares = 0;
        double sumFourth = 0;
        int belowOne = 0;
        int belowMinusTwo = 0;
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < DRAWS; i++)
        {
            final float z = NormalTable.gaussian(CounterRandom.bits(key, i));
            sum += z;
            sumSquares += z * z;
            sumFourth += (double)z * z * z * z;
            belowOne += z < 1.0f ? 1 : 0;
            belowMinusTwo += z < -2.0f ? 1 : 0;
            min = Math.min(min, z);
            max = Math.max(max, z);
        }
        // Standard errors: mean 0.0007, variance 0.001, P(Z < 1) 0.00026, P(Z < -2) 0.0001.
        assertEquals(0.0, sum / DRAWS, 0.004);
        assertEquals(0.99971, sumSquares / DRAWS, 0.005);
        assertEquals(3.0, sumFourth / DRAWS, 0.05, "kurtosis");
        assertEquals(0.841345, (double)belowOne / DRAWS, 0.0015);
        assertEquals(0.022750, (double)belowMinusTwo / DRAWS, 0.0006);
        assertTrue(min >= -4.3250f && max <= 4.3250f, "truncated at 4.325 sd: " + min + " " + max);
        assertTrue(min < -4.2f && max > 4.2f, "reaches the tails: " + min + " " + max);
    }

    @Test
    void inverseCdfMatchesKnownQuantiles()
    {
        assertEquals(0.0, NormalTable.inverseCdf(0.5), 1e-9);
        assertEquals(1.959963985, NormalTable.inverseCdf(0.975), 1e-8);
        assertEquals(-2.326347874, NormalTable.inverseCdf(0.01), 1e-8);
        assertEquals(-4.753424309, NormalTable.inverseCdf(1e-6), 1e-7);
    }
}
