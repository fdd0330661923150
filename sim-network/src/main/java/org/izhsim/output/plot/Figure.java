package org.izhsim.output.plot;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure of fixed pixel size holding axes placed explicitly (see {@link #grid}) and free text. It
 * draws the same layout on any {@link Canvas}, so its PNG and SVG match.
 */
public final class Figure
{
    private final int width;
    private final int height;
    private final List<Axes> axes = new ArrayList<>();
    private final List<Text> texts = new ArrayList<>();

    private record Text(String text, double x, double y, TextStyle style)
    {
    }

    public Figure(final int width, final int height)
    {
        if (width < 16 || height < 16)
        {
            throw new IllegalArgumentException("figure too small: " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
    }

    public int width()
    {
        return width;
    }

    public int height()
    {
        return height;
    }

    /** The axes added so far, in their order (tests read the ranges a figure chose). */
    public java.util.List<Axes> axes()
    {
        return java.util.Collections.unmodifiableList(axes);
    }

    /**
     * @param plotArea the data rectangle in pixels; leave room around it for labels.
     */
    public Axes addAxes(final Box plotArea)
    {
        final Axes a = new Axes(plotArea);
        axes.add(a);
        return a;
    }

    /**
     * A bold title centred at the top, baseline {@code size * 1.6} from the top edge.
     */
    public Figure title(final String text, final float size)
    {
        return text(text, width / 2.0, size * 1.6, TextStyle.of(size, Anchor.MIDDLE).inBold());
    }

    public Figure text(final String text, final double x, final double y, final TextStyle style)
    {
        texts.add(new Text(text, x, y, style));
        return this;
    }

    public void draw(final Canvas canvas)
    {
        for (final Axes a : axes)
        {
            a.draw(canvas);
        }
        for (final Text t : texts)
        {
            canvas.text(t.text(), t.x(), t.y(), t.style());
        }
    }

    public BufferedImage toImage()
    {
        final PngCanvas canvas = new PngCanvas(width, height);
        draw(canvas);
        return canvas.image();
    }

    public void writePng(final Path file)
    {
        final PngCanvas canvas = new PngCanvas(width, height);
        draw(canvas);
        canvas.writePng(file);
    }

    public String toSvg()
    {
        final SvgCanvas canvas = new SvgCanvas(width, height);
        draw(canvas);
        return canvas.toSvg();
    }

    public void writeSvg(final Path file)
    {
        final SvgCanvas canvas = new SvgCanvas(width, height);
        draw(canvas);
        canvas.writeSvg(file);
    }

    /**
     * Splits {@code region} into rows x columns cells separated by gaps.
     *
     * @return cells indexed [row][column], row 0 at the top.
     */
    public static Box[][] grid(
        final Box region, final int rows, final int columns, final double columnGap, final double rowGap)
    {
        final double w = (region.width() - columnGap * (columns - 1)) / columns;
        final double h = (region.height() - rowGap * (rows - 1)) / rows;
        final Box[][] cells = new Box[rows][columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                cells[r][c] = new Box(region.x() + c * (w + columnGap), region.y() + r * (h + rowGap), w, h);
            }
        }
        return cells;
    }
}
