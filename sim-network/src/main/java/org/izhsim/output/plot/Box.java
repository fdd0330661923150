package org.izhsim.output.plot;

/**
 * A rectangle in figure pixels, y growing downwards as on screen.
 */
public record Box(double x, double y, double width, double height)
{
    public double right()
    {
        return x + width;
    }

    public double bottom()
    {
        return y + height;
    }

    public double centerX()
    {
        return x + width / 2;
    }

    public double centerY()
    {
        return y + height / 2;
    }

    /**
     * @return this box shrunk by the given margins.
     */
    public Box inset(final double left, final double top, final double right, final double bottom)
    {
        return new Box(x + left, y + top, width - left - right, height - top - bottom);
    }
}
