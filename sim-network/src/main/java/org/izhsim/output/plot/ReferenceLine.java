package org.izhsim.output.plot;

/**
 * A horizontal or vertical line across the whole plot area at a data value (a threshold, a stimulus
 * onset). It does not take part in auto-ranging.
 */
public final class ReferenceLine implements Series
{
    private final boolean horizontal;
    private final double value;
    private final Pen pen;
    private final String label;

    private ReferenceLine(final boolean horizontal, final double value, final Pen pen, final String label)
    {
        this.horizontal = horizontal;
        this.value = value;
        this.pen = pen;
        this.label = label;
    }

    public static ReferenceLine horizontal(final double y, final Pen pen, final String label)
    {
        return new ReferenceLine(true, y, pen, label);
    }

    public static ReferenceLine vertical(final double x, final Pen pen, final String label)
    {
        return new ReferenceLine(false, x, pen, label);
    }

    @Override
    public String label()
    {
        return label;
    }

    @Override
    public void include(final Bounds bounds)
    {
    }

    @Override
    public void draw(final Canvas canvas, final Axes axes)
    {
        final Box area = axes.plotArea();
        if (horizontal)
        {
            final double y = axes.py(value);
            canvas.line(area.x(), y, area.right(), y, pen);
        }
        else
        {
            final double x = axes.px(value);
            canvas.line(x, area.y(), x, area.bottom(), pen);
        }
    }

    @Override
    public void drawKey(final Canvas canvas, final double x, final double y, final double width)
    {
        canvas.line(x, y, x + width, y, pen);
    }
}
