package org.izhsim.output.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * One panel: a plot area in figure pixels, x and y ranges (fixed, or fitted to the data), left and
 * bottom axis lines with outward 1-2-5 ticks, axis labels with units, a title and an optional legend.
 * Labels and tick labels are drawn outside the plot area; the figure's layout leaves room for them.
 */
public final class Axes
{
    private static final double TICK_LENGTH = 5;
    private static final double GAP = 4;

    private final Box area;
    private final List<Series> series = new ArrayList<>();
    private final List<Series> overlays = new ArrayList<>();

    private double xMin = Double.NaN;
    private double xMax = Double.NaN;
    private double yMin = Double.NaN;
    private double yMax = Double.NaN;
    private boolean xFixed;
    private boolean yFixed;
    private double yPadding = 0.05;
    private double xPadding;

    private String title;
    private Anchor titleAnchor = Anchor.MIDDLE;
    private String xLabel;
    private String yLabel;
    private boolean xAxisVisible = true;
    private boolean yAxisVisible = true;
    private boolean xTickLabels = true;
    private boolean gridLines;
    private int xTickCount;
    private int yTickCount;
    private double[] yTicksFixed;
    private double xTickUnit = 1;
    private Corner legend;
    private float tickFont = 13f;
    private float labelFont = 14f;
    private float titleFont = 15f;

    /** Where the legend box goes inside the plot area. */
    public enum Corner
    {
        TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT,
        /** Entries flow in rows under the x-axis label, leaving the data unobstructed. */
        BELOW,
        /** One row right-aligned above the plot area, level with a left-aligned title. */
        ABOVE
    }

    /**
     * @param plotArea the data rectangle in figure pixels (labels go around it).
     */
    public Axes(final Box plotArea)
    {
        this.area = plotArea;
    }

    public Box plotArea()
    {
        return area;
    }

    public Axes xRange(final double min, final double max)
    {
        checkRange(min, max);
        xMin = min;
        xMax = max;
        xFixed = true;
        return this;
    }

    public Axes yRange(final double min, final double max)
    {
        checkRange(min, max);
        yMin = min;
        yMax = max;
        yFixed = true;
        return this;
    }

    /**
     * @param fraction of the data span added above and below an auto-fitted y range (default 0.05).
     */
    public Axes yPadding(final double fraction)
    {
        yPadding = fraction;
        return this;
    }

    /**
     * @param fraction of the data span added left and right of an auto-fitted x range (default 0:
     *                 time axes end where the run ends).
     */
    public Axes xPadding(final double fraction)
    {
        xPadding = fraction;
        return this;
    }

    public Axes title(final String text)
    {
        title = text;
        return this;
    }

    public Axes titleAnchor(final Anchor anchor)
    {
        titleAnchor = anchor;
        return this;
    }

    /**
     * @param text quantity and unit, e.g. "time (ms)".
     */
    public Axes xLabel(final String text)
    {
        xLabel = text;
        return this;
    }

    public Axes yLabel(final String text)
    {
        yLabel = text;
        return this;
    }

    /**
     * Hides the x-axis tick labels, for a panel sharing its time axis with the panel below.
     */
    public Axes hideXTickLabels()
    {
        xTickLabels = false;
        return this;
    }

    public Axes hideXAxis()
    {
        xAxisVisible = false;
        return this;
    }

    public Axes hideYAxis()
    {
        yAxisVisible = false;
        return this;
    }

    /**
     * Light grey lines at the ticks.
     */
    public Axes gridLines()
    {
        gridLines = true;
        return this;
    }

    /**
     * Labels the x ticks in data units divided by {@code divisor}, the ticks at round values of those units: times in ms
     * labelled in s (a 600 s raster read 0 .. 600000). The data stay in their own units.
     */
    public Axes xTickUnit(final double divisor)
    {
        if (!(divisor > 0) || Double.isInfinite(divisor))
        {
            throw new IllegalArgumentException("x tick unit must be a positive number, got " + divisor);
        }
        xTickUnit = divisor;
        return this;
    }

    /**
     * @param maxTicks at most this many x ticks (default: one per ~70 pixels).
     */
    public Axes xTicks(final int maxTicks)
    {
        xTickCount = maxTicks;
        return this;
    }

    /**
     * @param maxTicks at most this many y ticks (default: one per ~45 pixels).
     */
    public Axes yTicks(final int maxTicks)
    {
        yTickCount = maxTicks;
        return this;
    }

    /**
     * @param values exact y tick positions, e.g. only -80 and 0 mV in a small panel.
     */
    public Axes yTickValues(final double... values)
    {
        yTicksFixed = values.clone();
        return this;
    }

    public Axes legend(final Corner corner)
    {
        legend = corner;
        return this;
    }

    /**
     * Font sizes in pixels for tick labels, axis labels and the title.
     */
    public Axes fontSizes(final float ticks, final float labels, final float titleSize)
    {
        tickFont = ticks;
        labelFont = labels;
        titleFont = titleSize;
        return this;
    }

    /**
     * Adds a series drawn clipped to the plot area.
     */
    public <S extends Series> S add(final S s)
    {
        series.add(s);
        return s;
    }

    /**
     * Adds a series drawn without clipping (scale bars and notes next to the plot area); it takes no
     * part in auto-ranging.
     */
    public <S extends Series> S overlay(final S s)
    {
        overlays.add(s);
        return s;
    }

    public LineSeries line(final double[] x, final double[] y)
    {
        return add(new LineSeries(x, y));
    }

    public StepSeries steps(final double[] edges, final double[] values)
    {
        return add(new StepSeries(edges, values));
    }

    public MarkerSeries markers(final double[] x, final double[] y)
    {
        return add(new MarkerSeries(x, y));
    }

    public Axes horizontalLine(final double y, final Pen pen, final String label)
    {
        add(ReferenceLine.horizontal(y, pen, label));
        return this;
    }

    public Axes verticalLine(final double x, final Pen pen, final String label)
    {
        add(ReferenceLine.vertical(x, pen, label));
        return this;
    }

    public Axes rect(final double x0, final double y0, final double x1, final double y1, final int rgb, final double opacity)
    {
        add(new RectSeries(x0, y0, x1, y1, rgb, opacity, null));
        return this;
    }

    public Axes text(final String text, final double x, final double y, final TextStyle style)
    {
        overlay(new Annotation(text, x, y, style));
        return this;
    }

    /**
     * @return the pixel column of data x; valid once ranges are resolved (during drawing or after
     * {@link #resolveRanges()}).
     */
    public double px(final double x)
    {
        return area.x() + (x - xMin) / (xMax - xMin) * area.width();
    }

    public double py(final double y)
    {
        return area.bottom() - (y - yMin) / (yMax - yMin) * area.height();
    }

    public double xMin()
    {
        return xMin;
    }

    public double xMax()
    {
        return xMax;
    }

    public double yMin()
    {
        return yMin;
    }

    public double yMax()
    {
        return yMax;
    }

    /**
     * Fits the ranges not fixed by the caller to the data of all series.
     */
    public void resolveRanges()
    {
        final Bounds bounds = new Bounds();
        for (final Series s : series)
        {
            s.include(bounds);
        }
        if (!xFixed)
        {
            final double[] r = padded(bounds.hasX(), bounds.minX(), bounds.maxX(), xPadding);
            xMin = r[0];
            xMax = r[1];
        }
        if (!yFixed)
        {
            final double[] r = padded(bounds.hasY(), bounds.minY(), bounds.maxY(), yPadding);
            yMin = r[0];
            yMax = r[1];
        }
    }

    void draw(final Canvas canvas)
    {
        resolveRanges();
        final double[] xTicks = Ticks.values(xMin / xTickUnit, xMax / xTickUnit,
            xTickCount > 0 ? xTickCount : maxTicks(area.width(), 70));
        for (int k = 0; k < xTicks.length; k++)
        {
            xTicks[k] *= xTickUnit;
        }
        final double[] yTicks = yTicksFixed != null ? yTicksFixed
            : Ticks.values(yMin, yMax, yTickCount > 0 ? yTickCount : maxTicks(area.height(), 45));
        if (gridLines)
        {
            drawGrid(canvas, xTicks, yTicks);
        }
        canvas.clip(area);
        for (final Series s : series)
        {
            s.draw(canvas, this);
        }
        canvas.unclip();
        for (final Series s : overlays)
        {
            s.draw(canvas, this);
        }
        final Pen axisPen = Pen.solid(Palette.INK, 1.2f);
        if (xAxisVisible)
        {
            drawXAxis(canvas, xTicks, axisPen);
        }
        double yLabelRoom = 0;
        if (yAxisVisible)
        {
            yLabelRoom = drawYAxis(canvas, yTicks, axisPen);
        }
        if (yLabel != null)
        {
            final double x = area.x() - (yAxisVisible ? TICK_LENGTH + GAP + yLabelRoom + 8 : 8) - 0.25 * labelFont;
            canvas.text(yLabel, x, area.centerY(), TextStyle.of(labelFont, Anchor.MIDDLE).rotated());
        }
        if (title != null)
        {
            final double x = switch (titleAnchor)
            {
                case START -> area.x();
                case MIDDLE -> area.centerX();
                case END -> area.right();
            };
            canvas.text(title, x, area.y() - 0.6 * titleFont, TextStyle.of(titleFont, titleAnchor).inBold());
        }
        if (legend != null)
        {
            // An ABOVE legend shares the title's line: it stays right of the title.
            double leftLimit = area.x();
            if (title != null)
            {
                final double titleWidth = TextMetrics.width(title, titleFont, true);
                leftLimit = switch (titleAnchor)
                {
                    case START -> area.x() + titleWidth + 24;
                    case MIDDLE -> area.centerX() + titleWidth / 2 + 24;
                    case END -> area.right() + 1;
                };
            }
            Legend.draw(canvas, legend, series, area, belowAxisLabels(), tickFont, titleFont, leftLimit);
        }
    }

    private void drawXAxis(final Canvas canvas, final double[] ticks, final Pen pen)
    {
        final double y = area.bottom();
        canvas.line(area.x(), y, area.right(), y, pen);
        final double step = (ticks.length > 1 ? ticks[1] - ticks[0] : Ticks.step(xMin, xMax, 5)) / xTickUnit;
        final TextStyle style = TextStyle.of(tickFont, Anchor.MIDDLE);
        for (final double t : ticks)
        {
            final double x = px(t);
            canvas.line(x, y, x, y + TICK_LENGTH, pen);
            if (xTickLabels)
            {
                canvas.text(Ticks.label(Math.rint(t / xTickUnit / step) * step, step), x,
                    y + TICK_LENGTH + GAP + TextMetrics.capHeight(tickFont), style);
            }
        }
        if (xLabel != null)
        {
            final double below = xTickLabels ? TICK_LENGTH + GAP + TextMetrics.capHeight(tickFont) + 8 : TICK_LENGTH + 4;
            canvas.text(xLabel, area.centerX(), y + below + TextMetrics.capHeight(labelFont) + 2,
                TextStyle.of(labelFont, Anchor.MIDDLE));
        }
    }

    /**
     * @return the width of the widest tick label, so the y label clears it.
     */
    private double drawYAxis(final Canvas canvas, final double[] ticks, final Pen pen)
    {
        final double x = area.x();
        canvas.line(x, area.y(), x, area.bottom(), pen);
        final double step = ticks.length > 1 ? smallestGap(ticks) : Ticks.step(yMin, yMax, 5);
        final TextStyle style = TextStyle.of(tickFont, Anchor.END);
        double widest = 0;
        for (final double t : ticks)
        {
            if (t < yMin - 1e-9 * (yMax - yMin) || t > yMax + 1e-9 * (yMax - yMin))
            {
                continue;
            }
            final double y = py(t);
            canvas.line(x - TICK_LENGTH, y, x, y, pen);
            final String text = Ticks.label(t, step);
            canvas.text(text, x - TICK_LENGTH - GAP, y + TextMetrics.capHeight(tickFont) / 2, style);
            widest = Math.max(widest, TextMetrics.width(text, style));
        }
        return widest;
    }

    private void drawGrid(final Canvas canvas, final double[] xTicks, final double[] yTicks)
    {
        final Pen pen = Pen.solid(0xEBEBEB, 1f);
        for (final double t : xTicks)
        {
            canvas.line(px(t), area.y(), px(t), area.bottom(), pen);
        }
        for (final double t : yTicks)
        {
            canvas.line(area.x(), py(t), area.right(), py(t), pen);
        }
    }

    /**
     * @return pixels from the plot area's bottom edge to below the x tick labels and axis label.
     */
    private double belowAxisLabels()
    {
        return TICK_LENGTH + GAP + TextMetrics.capHeight(tickFont) + 8
            + (xLabel != null ? TextMetrics.capHeight(labelFont) + 2 + labelFont : 0);
    }

    private static double smallestGap(final double[] ticks)
    {
        double gap = Double.POSITIVE_INFINITY;
        for (int k = 1; k < ticks.length; k++)
        {
            gap = Math.min(gap, Math.abs(ticks[k] - ticks[k - 1]));
        }
        return gap;
    }

    private static int maxTicks(final double pixels, final double spacing)
    {
        return Math.max(2, (int)(pixels / spacing) + 1);
    }

    private static double[] padded(final boolean present, final double min, final double max, final double padding)
    {
        if (!present)
        {
            return new double[] {0, 1};
        }
        if (max - min < 1e-12 * Math.max(1, Math.abs(max)))
        {
            // A flat series (a constant current): centre it in a unit-wide window.
            final double half = Math.max(0.5, Math.abs(max) * 0.1);
            return new double[] {min - half, max + half};
        }
        final double pad = (max - min) * padding;
        return new double[] {min - pad, max + pad};
    }

    private static void checkRange(final double min, final double max)
    {
        if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max))
        {
            throw new IllegalArgumentException("axis range must be finite with max > min: [" + min + ", " + max + "]");
        }
    }
}
