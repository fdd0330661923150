package org.izhsim.core.stimulus;

/**
 * A current that never changes.
 */
public final class Constant implements Stimulus
{
    private final double amplitude;

    public Constant(final double amplitude)
    {
        this.amplitude = Stimuli.requireFinite("constant current", amplitude);
    }

    public double amplitude()
    {
        return amplitude;
    }

    @Override
    public double current(final double tMs, final long step)
    {
        return amplitude;
    }

    @Override
    public String toString()
    {
        return "constant(" + amplitude + ")";
    }
}
