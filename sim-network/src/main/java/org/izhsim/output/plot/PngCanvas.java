package org.izhsim.output.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Java2D back end: antialiased drawing into an RGB image on a white background. {@link #marks} writes
 * straight into the image's int[] pixels (no Shape per mark), which keeps a million-spike raster
 * well under a second.
 */
public final class PngCanvas implements Canvas
{
    private static final float[] DASH = {6f, 4f};

    static
    {
        Headless.ensure();
    }

    private final BufferedImage image;
    private final Graphics2D g;
    private final int[] pixels;
    private final int width;
    private final int height;
    private int clipX0;
    private int clipY0;
    private int clipX1;
    private int clipY1;

    public PngCanvas(final int width, final int height)
    {
        this.width = width;
        this.height = height;
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        pixels = ((DataBufferInt)image.getRaster().getDataBuffer()).getData();
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        // PURE: lines land where the coordinates say, so PNG and SVG agree to the pixel.
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        unclip();
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
     * @return the image drawn so far.
     */
    public BufferedImage image()
    {
        return image;
    }

    public void writePng(final Path file)
    {
        writePng(image, file);
    }

    /**
     * Writes {@code image} as a PNG through a stream this class opens: ImageIO's own file output printed a 26-line
     * stack trace (its FileImageOutputStreamSpi's) when the folder had gone, before the one-line report, and cached
     * through a temporary file in java.io.tmpdir.
     */
    public static void writePng(final java.awt.image.RenderedImage image, final Path file)
    {
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file));
             javax.imageio.stream.ImageOutputStream stream = new javax.imageio.stream.MemoryCacheImageOutputStream(out))
        {
            if (!ImageIO.write(image, "png", stream))
            {
                throw new IllegalStateException("no PNG writer in this JDK");
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
        use(pen);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(final double[] xs, final double[] ys, final int count, final Pen pen)
    {
        final Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, count);
        boolean penDown = false;
        for (int k = 0; k < count; k++)
        {
            final double x = xs[k];
            final double y = ys[k];
            if (Double.isNaN(x) || Double.isNaN(y))
            {
                penDown = false;
            }
            else if (penDown)
            {
                path.lineTo(x, y);
            }
            else
            {
                path.moveTo(x, y);
                penDown = true;
            }
        }
        use(pen);
        g.draw(path);
    }

    @Override
    public void fillRect(final double x, final double y, final double w, final double h, final int rgb, final double opacity)
    {
        g.setColor(new Color(rgb | (int)Math.round(Math.max(0, Math.min(1, opacity)) * 255) << 24, true));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(final double x, final double y, final double w, final double h, final Pen pen)
    {
        use(pen);
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void fillCircle(final double cx, final double cy, final double radius, final int rgb)
    {
        g.setColor(new Color(rgb));
        g.fill(new Ellipse2D.Double(cx - radius, cy - radius, 2 * radius, 2 * radius));
    }

    @Override
    public void text(final String text, final double x, final double y, final TextStyle style)
    {
        g.setFont(TextMetrics.font(style.size(), style.bold()));
        g.setColor(new Color(style.rgb()));
        final double advance = TextMetrics.width(text, style);
        final double shift = switch (style.anchor())
        {
            case START -> 0;
            case MIDDLE -> -advance / 2;
            case END -> -advance;
        };
        if (style.vertical())
        {
            final AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2, x, y);
            g.drawString(text, (float)(x + shift), (float)y);
            g.setTransform(saved);
        }
        else
        {
            g.drawString(text, (float)(x + shift), (float)y);
        }
    }

    @Override
    public void marks(final float[] xs, final float[] ys, final int count, final int length, final int rgb)
    {
        final int[] px = pixels;
        final int w = width;
        final int x0 = clipX0;
        final int x1 = clipX1;
        final int y0 = clipY0;
        final int y1 = clipY1;
        for (int k = 0; k < count; k++)
        {
            final int x = (int)xs[k];
            if (x < x0 || x >= x1)
            {
                continue;
            }
            final int bottom = (int)ys[k];
            for (int y = bottom, top = bottom - length; y > top; y--)
            {
                if (y >= y0 && y < y1)
                {
                    px[y * w + x] = rgb;
                }
            }
        }
    }

    @Override
    public int markLimit()
    {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean marksArePixels()
    {
        return true;
    }

    @Override
    public void clip(final Box box)
    {
        g.setClip(new Rectangle2D.Double(box.x(), box.y(), box.width(), box.height()));
        clipX0 = Math.max(0, (int)Math.floor(box.x()));
        clipY0 = Math.max(0, (int)Math.floor(box.y()));
        clipX1 = Math.min(width, (int)Math.ceil(box.right()));
        clipY1 = Math.min(height, (int)Math.ceil(box.bottom()));
    }

    @Override
    public void unclip()
    {
        g.setClip(null);
        clipX0 = 0;
        clipY0 = 0;
        clipX1 = width;
        clipY1 = height;
    }

    @Override
    public void beginGroup(final String id)
    {
    }

    @Override
    public void endGroup()
    {
    }

    @Override
    public void comment(final String text)
    {
    }

    private void use(final Pen pen)
    {
        g.setColor(new Color(pen.rgb()));
        g.setStroke(pen.dashed()
            ? new BasicStroke(pen.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, DASH, 0f)
            : new BasicStroke(pen.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }
}
