package org.izhsim.config;

/**
 * The neuron equations of a population.
 */
public enum NeuronModel implements YamlName
{
    /**
     * Izhikevich (2003), IEEE Trans. Neural Netw. 14(6), eqs. (1)-(3): v' = 0.04v^2 + 5v + 140 - u + I,
     * u' = a(bv - u); if v >= 30 mV then v = c, u = u + d.
     */
    IZHIKEVICH2003("izhikevich2003"),

    /**
     * Izhikevich (2007), Dynamical Systems in Neuroscience, ch. 8, eqs. 8.5-8.6: C v' = k (v - vr)(v - vt) - u + I,
     * u' = a (b (v - vr) - u); if v >= vpeak then v = c, u = u + d; Euler sub-steps within the 1 ms step, see {@link
     * org.izhsim.network.build.Izhikevich2007}.
     */
    IZHIKEVICH2007("izhikevich2007"),

    /**
     * Poisson spike sources, no equations: each neuron fires in a 1 ms step with probability rate_hz / 1000 (Brian2's
     * PoissonGroup, {@code rand() < rates * dt}); see {@link org.izhsim.network.build.PopulationSpec#poisson}.
     */
    POISSON("poisson"),

    /**
     * Spike sources at given times, no equations: each neuron fires at the times of its list in spike_times_ms,
     * repeated every repeat_every_ms if given (PyNN's SpikeSourceArray, NEST's spike_generator); see {@link
     * org.izhsim.network.build.PopulationSpec#spikeTimes}.
     */
    SPIKE_TIMES("spike_times");

    private final String yamlName;

    NeuronModel(final String yamlName)
    {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName()
    {
        return yamlName;
    }
}
