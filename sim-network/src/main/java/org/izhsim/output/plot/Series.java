package org.izhsim.output.plot;

/**
 * Something drawn inside an {@link Axes} in data coordinates: lines, steps, markers, rectangles.
 */
public interface Series
{
    /**
     * Adds this series' data extent to the bounds an auto-ranged axes is fitted to.
     */
    void include(Bounds bounds);

    /**
     * Draws the series; the canvas is clipped to the axes' plot area.
     */
    void draw(Canvas canvas, Axes axes);

    /**
     * @return the legend text, or null to stay out of the legend.
     */
    default String label()
    {
        return null;
    }

    /**
     * Draws this series' legend sample centred vertically on {@code y}, {@code width} pixels wide.
     */
    default void drawKey(final Canvas canvas, final double x, final double y, final double width)
    {
    }
}
