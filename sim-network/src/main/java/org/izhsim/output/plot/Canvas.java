package org.izhsim.output.plot;

/**
 * The drawing surface a {@link Figure} paints on, in pixels with y downwards. Two back ends give the
 * same layout: {@link PngCanvas} (Java2D into an image) and {@link SvgCanvas} (vector XML text).
 * A canvas is used by one thread at a time.
 */
public interface Canvas
{
    int width();

    int height();

    void line(double x1, double y1, double x2, double y2, Pen pen);

    /**
     * Strokes the connected points {@code 0 .. count-1}; a NaN coordinate breaks the line.
     */
    void polyline(double[] xs, double[] ys, int count, Pen pen);

    void fillRect(double x, double y, double width, double height, int rgb, double opacity);

    void strokeRect(double x, double y, double width, double height, Pen pen);

    void fillCircle(double cx, double cy, double radius, int rgb);

    /**
     * @param y the baseline (for vertical text: the x of the baseline, text reading upwards from y).
     */
    void text(String text, double x, double y, TextStyle style);

    /**
     * Short vertical marks {@code length} pixels long going up from each (x, y): the primitive behind
     * spike rasters, so a raster back end can write millions of them straight into its pixels.
     */
    void marks(float[] xs, float[] ys, int count, int length, int rgb);

    /**
     * @return how many {@link #marks} a figure should draw one by one before it aggregates them
     * instead; unlimited for pixel back ends, bounded for vector ones to keep files small.
     */
    int markLimit();

    /**
     * Whether {@link #marks} paints whole pixels of one colour at x = (int) xs[k] and y = (int) ys[k] down to
     * length - 1 above it, inside the clip, each pixel taking the colour of the last mark on it (no blending): then a
     * figure may paint each pixel once with the colour that drawing all its marks in order would leave.
     */
    default boolean marksArePixels()
    {
        return false;
    }

    /**
     * Restricts drawing to the rectangle until the matching {@link #unclip()}. Clips do not nest.
     */
    void clip(Box box);

    void unclip();

    /**
     * Opens a named group (an SVG {@code <g id>}, nothing for pixels) that tests and editors can find.
     */
    void beginGroup(String id);

    void endGroup();

    /**
     * A note for readers of the file (an XML comment in SVG, nothing for pixels).
     */
    void comment(String text);
}
