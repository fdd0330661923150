package org.izhsim.output.plot;

import java.util.Arrays;

/**
 * A staircase with more steps than pixel columns, given step by step and kept as {@link StepSeries} draws such a
 * one: each pixel column's first, lowest, highest and last corner, in time order. The same drawing as a
 * StepSeries of all the steps, from at most 4 corners a column instead of the whole staircase: an hour of
 * population rates in 5 ms bins is 720,000 steps, and a raster of 100 populations held 576 MB of them. The
 * columns are those of the axes' x range, which must be set before the first step. Values must be finite.
 */
public final class ReducedStepSeries implements Series
{
    private final Axes axes;
    private Pen pen = Pen.solid(Palette.BLUE, 1.25f);
    private String label;
    /** The kept corners of the closed columns, data coordinates. */
    private double[] xs = new double[64];
    private double[] ys = new double[64];
    private int kept;
    /** The column being filled: its pixel column and its corners (first, lowest, highest, last), data coordinates. */
    private boolean open;
    private double column;
    private double firstX;
    private double firstY;
    private double lowX;
    private double lowY;
    private long lowAt;
    private double highX;
    private double highY;
    private long highAt;
    private double lastX;
    private double lastY;
    private long corners;

    /** @param axes the axes it will be drawn in, with its x range set. */
    public ReducedStepSeries(final Axes axes)
    {
        this.axes = axes;
    }

    /** The next step: {@code value} from {@code from} to {@code to}, after the steps before. */
    public void add(final double from, final double to, final double value)
    {
        corner(from, value);
        corner(to, value);
    }

    /** A step of a staircase as {@link LineSeries#drawReduced} walks it: (edges[k], v[k]), (edges[k + 1], v[k]). */
    private void corner(final double x, final double y)
    {
        final double c = Math.floor(axes.px(x));
        final long at = corners++;
        if (open && c == column)
        {
            // Strictly below or above: the first corner of a column's extreme value is the one kept.
            if (y < lowY)
            {
                lowX = x;
                lowY = y;
                lowAt = at;
            }
            if (y > highY)
            {
                highX = x;
                highY = y;
                highAt = at;
            }
            lastX = x;
            lastY = y;
            return;
        }
        if (open)
        {
            close();
        }
        open = true;
        column = c;
        firstX = lowX = highX = lastX = x;
        firstY = lowY = highY = lastY = y;
        lowAt = highAt = at;
    }

    private void close()
    {
        keep(firstX, firstY);
        if (lowAt <= highAt)
        {
            keep(lowX, lowY);
            keep(highX, highY);
        }
        else
        {
            keep(highX, highY);
            keep(lowX, lowY);
        }
        keep(lastX, lastY);
    }

    private void keep(final double x, final double y)
    {
        if (kept == xs.length)
        {
            xs = Arrays.copyOf(xs, 2 * kept);
            ys = Arrays.copyOf(ys, 2 * kept);
        }
        xs[kept] = x;
        ys[kept++] = y;
    }

    public ReducedStepSeries pen(final Pen newPen)
    {
        this.pen = newPen;
        return this;
    }

    public ReducedStepSeries label(final String text)
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
        final double[][] points = points();
        for (int k = 0; k < points[0].length; k++)
        {
            bounds.add(points[0][k], points[1][k]);
        }
    }

    /** The kept corners and those of the column being filled, without closing it (a figure may be drawn twice). */
    private double[][] points()
    {
        if (!open)
        {
            return new double[][] {Arrays.copyOf(xs, kept), Arrays.copyOf(ys, kept)};
        }
        final double[] x = Arrays.copyOf(xs, kept + 4);
        final double[] y = Arrays.copyOf(ys, kept + 4);
        final boolean lowFirst = lowAt <= highAt;
        x[kept] = firstX;
        y[kept] = firstY;
        x[kept + 1] = lowFirst ? lowX : highX;
        y[kept + 1] = lowFirst ? lowY : highY;
        x[kept + 2] = lowFirst ? highX : lowX;
        y[kept + 2] = lowFirst ? highY : lowY;
        x[kept + 3] = lastX;
        y[kept + 3] = lastY;
        return new double[][] {x, y};
    }

    @Override
    public void draw(final Canvas canvas, final Axes drawn)
    {
        final double[][] points = points();
        final double[] px = new double[points[0].length];
        final double[] py = new double[px.length];
        int n = 0;
        for (int k = 0; k < px.length; k++)
        {
            // A corner on the same pixel as the one before is left out, as LineSeries.drawReduced leaves it.
            final double x = drawn.px(points[0][k]);
            final double y = drawn.py(points[1][k]);
            if (n > 0 && px[n - 1] == x && py[n - 1] == y)
            {
                continue;
            }
            px[n] = x;
            py[n++] = y;
        }
        canvas.polyline(px, py, n, pen);
    }

    @Override
    public void drawKey(final Canvas canvas, final double x, final double y, final double width)
    {
        canvas.line(x, y, x + width, y, pen);
    }
}
