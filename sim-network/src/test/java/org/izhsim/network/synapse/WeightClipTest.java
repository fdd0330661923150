package org.izhsim.network.synapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The spnet weight update's branch-free clip gives, bit for bit, what poly_spnet.cpp's two comparisons give
 * ({@code if (w > w_max) w = w_max; if (w < w_min) w = w_min;}): over every 4,099th float bit pattern (about a
 * million values of every sign and exponent, NaNs included) and the values next to each bound, for bounds of
 * both signs, zero bounds of both signs and spnet2006's [0, 10].
 */
class WeightClipTest
{
    private static final float[][] BOUNDS = {
        {0f, 10f}, {-1f, 1f}, {-0.0f, 4f}, {0f, 0.5f}, {-7f, -0.0f}, {-7f, 0f}, {1e-40f, 3e38f}, {-3e38f, -1e-40f},
        {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, {2f, 2f}};

    @Test
    void theBranchFreeClipEqualsTheComparisonsBitForBit()
    {
        for (final float[] bound : BOUNDS)
        {
            final float min = bound[0];
            final float max = bound[1];
            for (long bits = Integer.MIN_VALUE; bits <= Integer.MAX_VALUE; bits += 4099)
            {
                check(Float.intBitsToFloat((int)bits), min, max);
            }
            for (final float near : new float[] {min, max, 0f, -0.0f})
            {
                float x = near;
                float y = near;
                for (int k = 0; k < 100; k++)
                {
                    check(x, min, max);
                    check(y, min, max);
                    x = Math.nextUp(x);
                    y = Math.nextDown(y);
                }
            }
            for (final float special : new float[] {Float.NaN, Float.intBitsToFloat(0xffc00001), Float.intBitsToFloat(0x7f800001),
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE,
                -Float.MAX_VALUE, 0f, -0.0f})
            {
                check(special, min, max);
            }
        }
    }

    /**
     * dastdp2007's update clips the double w + (baseline + DA) c as daspnet.m's min(sm, max(0, ...)) and stores a float:
     * {@code (float) Math.max(min, Math.min(max, x))}, written here. The engine rounds first and clips the float by its
     * order key; the same float for every double (NaN for NaN), bounds and zeros of either sign included.
     */
    @Test
    void theDopamineUpdatesClipOfTheRoundedSumEqualsMathsClipOfTheDoubleBitForBit()
    {
        for (final float[] bound : BOUNDS)
        {
            final float min = bound[0];
            final float max = bound[1];
            for (long bits = Long.MIN_VALUE; bits < Long.MAX_VALUE - (1L << 50); bits += (1L << 50) + 12345)
            {
                checkLikeMath(Double.longBitsToDouble(bits), min, max);
            }
            for (final double near : new double[] {min, max, 0.0, -0.0, Float.MIN_VALUE, -Float.MIN_VALUE,
                Float.MIN_VALUE / 2.0, -Float.MIN_VALUE / 2.0})
            {
                double x = near;
                double y = near;
                for (int k = 0; k < 2000; k++)
                {
                    checkLikeMath(x, min, max);
                    checkLikeMath(y, min, max);
                    // Steps of a few float ulps in doubles: the values that round onto, and across, a bound.
                    x = Math.nextUp(x) + Math.ulp((float)x) / 7;
                    y = Math.nextDown(y) - Math.ulp((float)y) / 7;
                }
            }
            for (final double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                1e-300, -1e-300, 1e300, -1e300, Double.MIN_VALUE, -Double.MIN_VALUE})
            {
                checkLikeMath(special, min, max);
            }
        }
    }

    private static void checkLikeMath(final double x, final float min, final float max)
    {
        final float expected = (float)Math.max(min, Math.min(max, x));
        final float got = PlasticSynapses.clipLikeMath((float)x, PlasticSynapses.orderKey(min),
            PlasticSynapses.orderKey(max));
        if (Float.isNaN(expected))
        {
            assertTrue(Float.isNaN(got), () -> "clipLikeMath(" + x + ") to [" + min + ", " + max + "]: " + got);
            return;
        }
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got),
            () -> "clipLikeMath(" + x + ") to [" + min + ", " + max + "]: " + got + " instead of " + expected);
    }

    /**
     * poly_spnet.cpp's two comparisons, written here: PlasticSynapses.clipByComparison is the same code, but clip
     * falls back on it for NaN and -0.0, so comparing clip with it compared that method with itself there.
     */
    private static float poly(final float x, final float min, final float max)
    {
        float w = x;
        if (w > max)
        {
            w = max;
        }
        if (w < min)
        {
            w = min;
        }
        return w;
    }

    private static void check(final float x, final float min, final float max)
    {
        final float expected = poly(x, min, max);
        final float got = PlasticSynapses.clip(x, min, max, PlasticSynapses.orderKey(min), PlasticSynapses.orderKey(max));
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got),
            () -> "clip(" + x + " = 0x" + Integer.toHexString(Float.floatToRawIntBits(x)) + ") to [" + min + ", " + max
                + "]: " + got + " instead of " + expected);
        final float fallback = PlasticSynapses.clipByComparison(x, min, max);
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(fallback),
            () -> "clipByComparison(" + x + ") to [" + min + ", " + max + "]: " + fallback + " instead of " + expected);
    }
}
