package org.izhsim.output.plot;

import java.util.HashSet;
import java.util.Set;

/**
 * Filled circular markers at (x[k], y[k]), e.g. spike peaks on a phase-plane trajectory. A series of more than
 * {@value #DRAW_ALL} markers draws one per pixel of the plot: a long run that spikes at every step would
 * otherwise put millions of overlapping circles into the SVG (and its string past what a JVM array holds).
 */
public final class MarkerSeries implements Series
{
    /** Up to this many markers every one is drawn, as before; beyond it one per pixel cell of the plot. */
    static final int DRAW_ALL = 10_000;

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
        final Set<Long> marked = x.length > DRAW_ALL ? new HashSet<>() : null;
        for (int k = 0; k < x.length; k++)
        {
            if (Double.isFinite(x[k]) && Double.isFinite(y[k]))
            {
                final double px = axes.px(x[k]);
                final double py = axes.py(y[k]);
                // A marker in a pixel that already has one adds nothing visible (radius >= 1 pixel).
                if (marked == null || marked.add(((long)Math.floor(px) << 32) ^ ((long)Math.floor(py) & 0xffffffffL)))
                {
                    canvas.fillCircle(px, py, radius, rgb);
                }
            }
        }
    }

    @Override
    public void drawKey(final Canvas canvas, final double x0, final double yc, final double width)
    {
        canvas.fillCircle(x0 + width / 2, yc, radius, rgb);
    }
}
