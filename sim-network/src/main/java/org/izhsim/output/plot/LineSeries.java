package org.izhsim.output.plot;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A line through (x[k], y[k]), x ascending. Traces with many more points than pixel columns (a 1 s
 * run at dt = 0.01 ms has 100,000) are reduced to each column's first, lowest, highest and last
 * point: the drawing looks the same, spikes included, and SVG files stay small.
 */
public final class LineSeries implements Series
{
    private final double[] x;
    private final double[] y;
    private final int count;
    private Pen pen = Pen.solid(Palette.BLUE, 1.5f);
    private String label;

    public LineSeries(final double[] x, final double[] y)
    {
        if (x.length != y.length)
        {
            throw new IllegalArgumentException("x has " + x.length + " points, y has " + y.length);
        }
        this.x = x;
        this.y = y;
        this.count = x.length;
    }

    public LineSeries pen(final Pen newPen)
    {
        this.pen = newPen;
        return this;
    }

    public LineSeries label(final String text)
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
        for (int k = 0; k < count; k++)
        {
            bounds.add(x[k], y[k]);
        }
    }

    @Override
    public void draw(final Canvas canvas, final Axes axes)
    {
        final int columns = (int)Math.ceil(axes.plotArea().width()) + 1;
        if (count <= 4 * columns)
        {
            final double[] xs = new double[count];
            final double[] ys = new double[count];
            for (int k = 0; k < count; k++)
            {
                xs[k] = axes.px(x[k]);
                ys[k] = axes.py(y[k]);
            }
            canvas.polyline(xs, ys, count, pen);
            return;
        }
        drawReduced(canvas, axes);
    }

    @Override
    public void drawKey(final Canvas canvas, final double x0, final double yc, final double width)
    {
        canvas.line(x0, yc, x0 + width, yc, pen);
    }

    private void drawReduced(final Canvas canvas, final Axes axes)
    {
        drawReduced(canvas, axes, pen, count, k -> x[k], k -> y[k]);
    }

    /**
     * Draws the line through points 0 .. count - 1 (x ascending; a NaN y breaks the line) as each pixel column's
     * first, lowest, highest and last point, in time order: the same drawing as the full line.
     */
    static void drawReduced(final Canvas canvas, final Axes axes, final Pen pen, final int count,
        final IntToDoubleFunction x, final IntToDoubleFunction y)
    {
        double[] xs = new double[4 * ((int)axes.plotArea().width() + 8)];
        double[] ys = new double[xs.length];
        int n = 0;
        int k = 0;
        while (k < count)
        {
            if (n + 5 > xs.length)
            {
                // Only when the data run far outside the visible x range.
                xs = Arrays.copyOf(xs, 2 * xs.length);
                ys = Arrays.copyOf(ys, 2 * ys.length);
            }
            final double column = Math.floor(axes.px(x.applyAsDouble(k)));
            final int first = k;
            int low = k;
            int high = k;
            k++;
            while (k < count && Math.floor(axes.px(x.applyAsDouble(k))) == column && !Double.isNaN(y.applyAsDouble(k)))
            {
                if (y.applyAsDouble(k) < y.applyAsDouble(low))
                {
                    low = k;
                }
                if (y.applyAsDouble(k) > y.applyAsDouble(high))
                {
                    high = k;
                }
                k++;
            }
            final int last = k - 1;
            // Emit in time order so the line does not zig-zag back.
            n = emit(axes, xs, ys, n, x.applyAsDouble(first), y.applyAsDouble(first));
            n = emit(axes, xs, ys, n, x.applyAsDouble(Math.min(low, high)), y.applyAsDouble(Math.min(low, high)));
            n = emit(axes, xs, ys, n, x.applyAsDouble(Math.max(low, high)), y.applyAsDouble(Math.max(low, high)));
            n = emit(axes, xs, ys, n, x.applyAsDouble(last), y.applyAsDouble(last));
            if (k < count && Double.isNaN(y.applyAsDouble(k)))
            {
                xs[n] = Double.NaN;
                ys[n++] = Double.NaN;
                k++;
            }
        }
        canvas.polyline(xs, ys, n, pen);
    }

    private static int emit(final Axes axes, final double[] xs, final double[] ys, final int n, final double x,
        final double y)
    {
        if (n > 0 && xs[n - 1] == axes.px(x) && ys[n - 1] == axes.py(y))
        {
            return n;
        }
        xs[n] = axes.px(x);
        ys[n] = axes.py(y);
        return n + 1;
    }
}
