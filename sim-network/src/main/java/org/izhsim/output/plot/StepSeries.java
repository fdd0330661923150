package org.izhsim.output.plot;

/**
 * A staircase: value[k] holds from edges[k] to edges[k + 1], as for binned rates or histograms. With more steps
 * than pixel columns it is drawn as {@link LineSeries} draws a long line: each column's first, lowest, highest and
 * last corner.
 */
public final class StepSeries implements Series
{
    private final double[] edges;
    private final double[] values;
    private Pen pen = Pen.solid(Palette.BLUE, 1.25f);
    private String label;

    /**
     * @param edges  bin edges, ascending, one more than values.
     * @param values the value in each bin.
     */
    public StepSeries(final double[] edges, final double[] values)
    {
        if (edges.length != values.length + 1)
        {
            throw new IllegalArgumentException(
                "a staircase needs one more edge than values: " + edges.length + " edges, " + values.length + " values");
        }
        this.edges = edges;
        this.values = values;
    }

    public StepSeries pen(final Pen newPen)
    {
        this.pen = newPen;
        return this;
    }

    public StepSeries label(final String text)
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
        bounds.addX(edges[0]);
        bounds.addX(edges[edges.length - 1]);
        for (final double v : values)
        {
            bounds.addY(v);
        }
    }

    /**
     * Whether a staircase of {@code steps} steps is drawn from its pixel columns' corners in {@code axes} (more
     * steps than twice the columns): then a {@link ReducedStepSeries} fed step by step draws the same.
     */
    public static boolean reducedIn(final Axes axes, final long steps)
    {
        return steps > 2 * ((int)Math.ceil(axes.plotArea().width()) + 1);
    }

    @Override
    public void draw(final Canvas canvas, final Axes axes)
    {
        final int n = values.length;
        if (reducedIn(axes, n))
        {
            // More steps than pixel columns (an hour's rates in 5 ms bins are 720,000): the staircase's corners
            // reduced per column as a line's points are. Drawn whole, its path took more than 200 MB to stroke.
            LineSeries.drawReduced(canvas, axes, pen, 2 * n, j -> edges[(j + 1) / 2], j -> values[j / 2]);
            return;
        }
        final double[] xs = new double[2 * n];
        final double[] ys = new double[2 * n];
        for (int k = 0; k < n; k++)
        {
            final double y = axes.py(values[k]);
            xs[2 * k] = axes.px(edges[k]);
            ys[2 * k] = y;
            xs[2 * k + 1] = axes.px(edges[k + 1]);
            ys[2 * k + 1] = y;
        }
        canvas.polyline(xs, ys, 2 * n, pen);
    }

    @Override
    public void drawKey(final Canvas canvas, final double x, final double y, final double width)
    {
        canvas.line(x, y, x + width, y, pen);
    }
}
