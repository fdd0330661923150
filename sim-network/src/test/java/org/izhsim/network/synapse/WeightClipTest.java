package org.izhsim.network.synapse;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
