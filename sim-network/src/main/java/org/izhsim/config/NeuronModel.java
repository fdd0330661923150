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
    IZHIKEVICH2003("izhikevich2003");

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
