package org.izhsim.core.preset;

/**
 * The publication a preset reproduces, for listings and galleries.
 */
public enum PresetGroup
{
    /** Izhikevich 2003, IEEE TNN 14:1569, Fig. 2: the cortical and thalamic cell classes. */
    IZHIKEVICH_2003_FIG2("Izhikevich (2003) Simple model of spiking neurons, IEEE TNN 14:1569, Fig. 2"),

    /** Izhikevich 2004, IEEE TNN 15:1063, Fig. 1: the 20 neuro-computational features. */
    IZHIKEVICH_2004_FIG1("Izhikevich (2004) Which model to use for cortical spiking neurons?, IEEE TNN 15:1063, Fig. 1"),

    /** Izhikevich 2007, Dynamical Systems in Neuroscience, ch. 8: cell types in physical units. */
    IZHIKEVICH_2007("Izhikevich (2007) Dynamical Systems in Neuroscience, MIT Press, ch. 8");

    private final String citation;

    PresetGroup(final String citation)
    {
        this.citation = citation;
    }

    public String citation()
    {
        return citation;
    }
}
