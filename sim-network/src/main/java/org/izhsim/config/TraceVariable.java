package org.izhsim.config;

/**
 * A per-step state variable that can be recorded for selected neurons.
 */
public enum TraceVariable implements YamlName
{
    /** Membrane potential v, mV. */
    V("v"),
    /** Recovery variable u. */
    U("u"),
    /** Total input current I of the step (synaptic + external). */
    INPUT("input");

    private final String yamlName;

    TraceVariable(final String yamlName)
    {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName()
    {
        return yamlName;
    }
}
