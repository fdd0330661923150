package org.izhsim.output.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SVG back end: builds the document as text. Coordinates are written with one decimal (a tenth of a
 * pixel is below what any viewer shows) to keep files small. Beyond {@link #markLimit()} marks,
 * figures aggregate instead of drawing every mark, so a million-spike raster stays a small file.
 */
public final class SvgCanvas implements Canvas
{
    /** Above this many marks a raster is aggregated into a density image. */
    public static final int DEFAULT_MARK_LIMIT = 20_000;

    private final StringBuilder svg = new StringBuilder(64 * 1024);
    private final int width;
    private final int height;
    private final int markLimit;
    private int clipCount;
    private boolean clipped;
    private boolean finished;

    public SvgCanvas(final int width, final int height)
    {
        this(width, height, DEFAULT_MARK_LIMIT);
    }

    public SvgCanvas(final int width, final int height, final int markLimit)
    {
        this.width = width;
        this.height = height;
        this.markLimit = markLimit;
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
            .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" font-family=\"").append(TextMetrics.SVG_FONT_FAMILY).append("\">\n")
            .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }

    @Override
    public int width()
    {
        return width;
    }

    @Override
    public int height()
    {
        return height;
    }

    /**
     * @return the complete document; the canvas accepts no drawing afterwards.
     */
    public String toSvg()
    {
        if (!finished)
        {
            toSvgEnd();
        }
        return svg.toString();
    }

    private static final int WRITE_CHUNK = 1 << 16;

    /** Closes the document; the canvas accepts no drawing afterwards. */
    private void toSvgEnd()
    {
        if (clipped)
        {
            unclip();
        }
        svg.append("</svg>\n");
        finished = true;
    }

    public void writeSvg(final Path file)
    {
        if (!finished)
        {
            toSvgEnd();
        }
        // Streamed from the builder: a String of it and that String's UTF-8 bytes were two more copies of a document
        // of several MB (a figure of 2000 populations ran out of heap in toString).
        try (java.io.Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            for (int at = 0; at < svg.length(); at += WRITE_CHUNK)
            {
                out.append(svg, at, Math.min(svg.length(), at + WRITE_CHUNK));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void line(final double x1, final double y1, final double x2, final double y2, final Pen pen)
    {
        svg.append("<line x1=\"");
        num(x1).append("\" y1=\"");
        num(y1).append("\" x2=\"");
        num(x2).append("\" y2=\"");
        num(y2).append('"');
        stroke(pen).append("/>\n");
    }

    @Override
    public void polyline(final double[] xs, final double[] ys, final int count, final Pen pen)
    {
        svg.append("<path fill=\"none\"");
        stroke(pen).append(" d=\"");
        boolean penDown = false;
        for (int k = 0; k < count; k++)
        {
            final double x = xs[k];
            final double y = ys[k];
            if (Double.isNaN(x) || Double.isNaN(y))
            {
                penDown = false;
                continue;
            }
            svg.append(penDown ? 'L' : 'M');
            num(x).append(' ');
            num(y);
            penDown = true;
        }
        svg.append("\"/>\n");
    }

    @Override
    public void fillRect(final double x, final double y, final double w, final double h, final int rgb, final double opacity)
    {
        svg.append("<rect x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" width=\"");
        num(w).append("\" height=\"");
        num(h).append("\" fill=\"");
        color(rgb).append('"');
        if (opacity < 1)
        {
            svg.append(" fill-opacity=\"");
            DecimalText.appendRounded(svg, opacity, 2).append('"');
        }
        svg.append("/>\n");
    }

    @Override
    public void strokeRect(final double x, final double y, final double w, final double h, final Pen pen)
    {
        svg.append("<rect x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" width=\"");
        num(w).append("\" height=\"");
        num(h).append("\" fill=\"none\"");
        stroke(pen).append("/>\n");
    }

    @Override
    public void fillCircle(final double cx, final double cy, final double radius, final int rgb)
    {
        svg.append("<circle cx=\"");
        num(cx).append("\" cy=\"");
        num(cy).append("\" r=\"");
        num(radius).append("\" fill=\"");
        color(rgb).append("\"/>\n");
    }

    @Override
    public void text(final String text, final double x, final double y, final TextStyle style)
    {
        svg.append("<text x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" font-size=\"");
        num(style.size()).append('"');
        if (style.bold())
        {
            svg.append(" font-weight=\"bold\"");
        }
        if (style.anchor() != Anchor.START)
        {
            svg.append(" text-anchor=\"").append(style.anchor() == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (style.rgb() != 0)
        {
            svg.append(" fill=\"");
            color(style.rgb()).append('"');
        }
        if (style.vertical())
        {
            svg.append(" transform=\"rotate(-90 ");
            num(x).append(' ');
            num(y).append(")\"");
        }
        svg.append('>');
        escape(text);
        svg.append("</text>\n");
    }

    /**
     * Writes one path whose {@code M x y v -length} commands are the marks: far smaller than an
     * element per mark.
     */
    @Override
    public void marks(final float[] xs, final float[] ys, final int count, final int length, final int rgb)
    {
        if (count == 0)
        {
            return;
        }
        svg.append("<path fill=\"none\" stroke=\"");
        color(rgb).append("\" stroke-width=\"1\" d=\"");
        for (int k = 0; k < count; k++)
        {
            svg.append('M');
            num(xs[k]).append(' ');
            num(ys[k]).append('v').append(-length);
        }
        svg.append("\"/>\n");
    }

    @Override
    public int markLimit()
    {
        return markLimit;
    }

    @Override
    public void clip(final Box box)
    {
        if (clipped)
        {
            unclip();
        }
        final int id = ++clipCount;
        svg.append("<clipPath id=\"clip").append(id).append("\"><rect x=\"");
        num(box.x()).append("\" y=\"");
        num(box.y()).append("\" width=\"");
        num(box.width()).append("\" height=\"");
        num(box.height()).append("\"/></clipPath>\n<g clip-path=\"url(#clip").append(id).append(")\">\n");
        clipped = true;
    }

    @Override
    public void unclip()
    {
        if (clipped)
        {
            svg.append("</g>\n");
            clipped = false;
        }
    }

    @Override
    public void beginGroup(final String id)
    {
        svg.append("<g id=\"");
        escape(id);
        svg.append("\">\n");
    }

    @Override
    public void endGroup()
    {
        svg.append("</g>\n");
    }

    @Override
    public void comment(final String text)
    {
        // "--" may not appear inside an XML comment.
        svg.append("<!-- ").append(text.replace("--", "- -")).append(" -->\n");
    }

    private StringBuilder num(final double value)
    {
        return DecimalText.appendRounded(svg, value, 1);
    }

    private StringBuilder stroke(final Pen pen)
    {
        svg.append(" stroke=\"");
        color(pen.rgb()).append("\" stroke-width=\"");
        DecimalText.appendRounded(svg, pen.width(), 2).append('"');
        if (pen.dashed())
        {
            svg.append(" stroke-dasharray=\"6 4\"");
        }
        else
        {
            svg.append(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
        }
        return svg;
    }

    private StringBuilder color(final int rgb)
    {
        final String hex = "0123456789abcdef";
        svg.append('#');
        for (int shift = 20; shift >= 0; shift -= 4)
        {
            svg.append(hex.charAt((rgb >> shift) & 0xF));
        }
        return svg;
    }

    private void escape(final String text)
    {
        for (int k = 0; k < text.length(); k++)
        {
            final char c = text.charAt(k);
            switch (c)
            {
                case '<' -> svg.append("&lt;");
                case '>' -> svg.append("&gt;");
                case '&' -> svg.append("&amp;");
                case '"' -> svg.append("&quot;");
                case '\'' -> svg.append("&apos;");
                default -> svg.append(c);
            }
        }
    }
}
