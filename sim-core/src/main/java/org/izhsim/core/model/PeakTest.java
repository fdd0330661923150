package org.izhsim.core.model;

/**
 * How the spike cutoff is compared. Izhikevich's published MATLAB code tests {@code V > 30} (2003 Fig. 2,
 * 2004 Fig. 1) and, in the 2007 book code, {@code v >= vpeak} for most types but {@code >} for LTS and TC.
 * The difference matters only when v lands exactly on the cutoff, which the presets mirror anyway.
 */
public enum PeakTest
{
    /** {@code v >= peak}: the default of the single-neuron run. */
    AT_OR_ABOVE
    {
        @Override
        public boolean reached(final double v, final double peak)
        {
            return v >= peak;
        }
    },

    /** {@code v > peak}: the strict test of the published figure code. */
    ABOVE
    {
        @Override
        public boolean reached(final double v, final double peak)
        {
            return v > peak;
        }
    };

    public abstract boolean reached(double v, double peak);
}
