package org.izhsim.output.plot;

/**
 * Text placed at a data coordinate, e.g. a label next to a curve.
 */
public final class Annotation implements Series
{
    private final String text;
    private final double x;
    private final double y;
    private final TextStyle style;

    public Annotation(final String text, final double x, final double y, final TextStyle style)
    {
        this.text = text;
        this.x = x;
        this.y = y;
        this.style = style;
    }

    @Override
    public void include(final Bounds bounds)
    {
    }

    @Override
    public void draw(final Canvas canvas, final Axes axes)
    {
        canvas.text(text, axes.px(x), axes.py(y), style);
    }
}
