package org.izhsim.output.plot;

/**
 * How a line is stroked.
 *
 * @param rgb    colour 0xRRGGBB.
 * @param width  line width in pixels.
 * @param dashed dashed (reference lines, nullclines) or solid.
 */
public record Pen(int rgb, float width, boolean dashed)
{
    public static Pen solid(final int rgb, final float width)
    {
        return new Pen(rgb, width, false);
    }

    public static Pen dashed(final int rgb, final float width)
    {
        return new Pen(rgb, width, true);
    }
}
