package org.izhsim.output.plot;

/**
 * Filled circular markers at (x[k], y[k]), e.g. spike peaks on a phase-plane trajectory.
 */
public final class MarkerSeries implements Series
{
    private final double[] x;
    private final double[] y;
    private int rgb = Palette.VERMILLION;
    private double radius = 3.5;
    private String label;

    public MarkerSeries(final double[] x, final double[] y)
    {
        if (x.length != y.length)
        {
            throw new IllegalArgumentException("x has " + x.length + " points, y has " + y.length);
        }
        this.x = x;
        this.y = y;
    }

    public MarkerSeries color(final int color)
    {
        this.rgb = color;
        return this;
    }

    public MarkerSeries radius(final double pixels)
    {
        this.radius = pixels;
        return this;
    }

    public MarkerSeries label(final String text)
    {
        this.label = text;
        return this;
    }

    @Override
    public String label()
    {
        return label;
    }

    @Override
    public void include(final Bounds bounds)
    {
        for (int k = 0; k < x.length; k++)
        {
            bounds.add(x[k], y[k]);
        }
    }

    @Override
    public void draw(final Canvas canvas, final Axes axes)
    {
        for (int k = 0; k < x.length; k++)
        {
            if (Double.isFinite(x[k]) && Double.isFinite(y[k]))
            {
                canvas.fillCircle(axes.px(x[k]), axes.py(y[k]), radius, rgb);
            }
        }
    }

    @Override
    public void drawKey(final Canvas canvas, final double x0, final double yc, final double width)
    {
        canvas.fillCircle(x0 + width / 2, yc, radius, rgb);
    }
}
