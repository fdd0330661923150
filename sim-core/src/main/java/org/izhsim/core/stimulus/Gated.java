package org.izhsim.core.stimulus;

/**
 * Another stimulus inside a time window and zero outside it.
 */
public final class Gated implements Stimulus
{
    private final Interval window;
    private final Stimulus inner;

    public Gated(final Interval window, final Stimulus inner)
    {
        this.window = window;
        this.inner = inner;
    }

    public Interval window()
    {
        return window;
    }

    @Override
    public double current(final double tMs, final long step)
    {
        return window.contains(tMs) ? inner.current(tMs, step) : 0.0;
    }

    @Override
    public String toString()
    {
        return inner + " in " + window;
    }
}
