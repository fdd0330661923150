package org.izhsim.output.plot;

/**
 * A horizontal scale bar (e.g. "20 ms") at a data position, the usual time reference in panels of
 * voltage traces that carry no time axis.
 */
public final class ScaleBar implements Series
{
    private final double x;
    private final double y;
    private final double length;
    private final String text;
    private final float fontSize;

    /**
     * @param x      left end, data units.
     * @param y      height, data units.
     * @param length length in x data units.
     * @param text   label written under the bar.
     */
    public ScaleBar(final double x, final double y, final double length, final String text, final float fontSize)
    {
        this.x = x;
        this.y = y;
        this.length = length;
        this.text = text;
        this.fontSize = fontSize;
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
        final double yy = axes.py(y);
        canvas.line(left, yy, right, yy, Pen.solid(Palette.INK, 2f));
        canvas.text(text, (left + right) / 2, yy + 3 + TextMetrics.capHeight(fontSize),
            TextStyle.of(fontSize, Anchor.MIDDLE));
    }
}
