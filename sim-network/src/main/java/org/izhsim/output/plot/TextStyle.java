package org.izhsim.output.plot;

/**
 * How a text run is set. The y coordinate given with the text is the baseline.
 *
 * @param size     font size in pixels.
 * @param bold     bold weight.
 * @param anchor   horizontal alignment relative to x (along the text for rotated text).
 * @param vertical rotated 90 degrees counter-clockwise (y-axis labels).
 * @param rgb      colour 0xRRGGBB.
 */
public record TextStyle(float size, boolean bold, Anchor anchor, boolean vertical, int rgb)
{
    public static TextStyle of(final float size, final Anchor anchor)
    {
        return new TextStyle(size, false, anchor, false, Palette.INK);
    }

    public TextStyle inBold()
    {
        return new TextStyle(size, true, anchor, vertical, rgb);
    }

    public TextStyle rotated()
    {
        return new TextStyle(size, bold, anchor, true, rgb);
    }

    public TextStyle withColor(final int color)
    {
        return new TextStyle(size, bold, anchor, vertical, color);
    }

    public TextStyle withAnchor(final Anchor newAnchor)
    {
        return new TextStyle(size, bold, newAnchor, vertical, rgb);
    }
}
