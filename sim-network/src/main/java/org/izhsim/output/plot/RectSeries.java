package org.izhsim.output.plot;

/**
 * A filled rectangle in data coordinates, e.g. a shaded stimulus interval.
 */
public final class RectSeries implements Series
{
    private final double x0;
    private final double y0;
    private final double x1;
    private final double y1;
    private final int rgb;
    private final double opacity;
    private final String label;

    public RectSeries(
        final double x0, final double y0, final double x1, final double y1, final int rgb, final double opacity,
        final String label)
    {
        this.x0 = Math.min(x0, x1);
        this.y0 = Math.min(y0, y1);
        this.x1 = Math.max(x0, x1);
        this.y1 = Math.max(y0, y1);
        this.rgb = rgb;
        this.opacity = opacity;
        this.label = label;
    }

    @Override
    public String label()
    {
        return label;
    }

    @Override
    public void include(final Bounds bounds)
    {
        bounds.add(x0, y0);
        bounds.add(x1, y1);
    }

    @Override
    public void draw(final Canvas canvas, final Axes axes)
    {
        final double left = axes.px(x0);
        final double top = axes.py(y1);
        canvas.fillRect(left, top, axes.px(x1) - left, axes.py(y0) - top, rgb, opacity);
    }

    @Override
    public void drawKey(final Canvas canvas, final double x, final double y, final double width)
    {
        canvas.fillRect(x, y - 5, width, 10, rgb, opacity);
    }
}
