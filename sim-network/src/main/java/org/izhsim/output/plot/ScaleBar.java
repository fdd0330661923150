package org.izhsim.output.plot;

/**
 * A horizontal scale bar (e.g. "20 ms") just under the plot area, the usual time reference for
 * panels of voltage traces that carry no time axis.
 */
public final class ScaleBar implements Series
{
    private final double x;
    private final double length;
    private final String text;
    private final float fontSize;
    private final double offset;

    /**
     * @param x        left end, data units.
     * @param length   length in x data units.
     * @param text     label written under the bar, e.g. "20 ms".
     * @param fontSize label size in pixels.
     * @param offset   pixels between the plot area's bottom edge and the bar.
     */
    public ScaleBar(final double x, final double length, final String text, final float fontSize, final double offset)
    {
        this.x = x;
        this.length = length;
        this.text = text;
        this.fontSize = fontSize;
        this.offset = offset;
    }

    @Override
    public void include(final Bounds bounds)
    {
    }

    @Override
    public void draw(final Canvas canvas, final Axes axes)
    {
        final double left = axes.px(x);
        final double right = axes.px(x + length);
        final double y = axes.plotArea().bottom() + offset;
        canvas.line(left, y, right, y, Pen.solid(Palette.INK, 2f));
        canvas.text(text, (left + right) / 2, y + 4 + TextMetrics.capHeight(fontSize), TextStyle.of(fontSize, Anchor.MIDDLE));
    }
}
