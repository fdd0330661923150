package org.izhsim.output.plot;

/**
 * The running minimum and maximum of data coordinates; NaN and infinite values are ignored.
 */
public final class Bounds
{
    private double minX = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY;
    private double minY = Double.POSITIVE_INFINITY;
    private double maxY = Double.NEGATIVE_INFINITY;

    public void addX(final double x)
    {
        if (Double.isFinite(x))
        {
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
        }
    }

    public void addY(final double y)
    {
        if (Double.isFinite(y))
        {
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
    }

    public void add(final double x, final double y)
    {
        addX(x);
        addY(y);
    }

    public boolean hasX()
    {
        return minX <= maxX;
    }

    public boolean hasY()
    {
        return minY <= maxY;
    }

    public double minX()
    {
        return minX;
    }

    public double maxX()
    {
        return maxX;
    }

    public double minY()
    {
        return minY;
    }

    public double maxY()
    {
        return maxY;
    }
}
