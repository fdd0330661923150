package org.izhsim.config;

import java.util.List;

/**
 * The input current of a single-neuron run, {@code sim neuron --stimulus FILE.yaml}: the sum of its
 * components, in file order.
 */
public record StimulusConfig(String description, List<StimulusComponent> components)
{
    public StimulusConfig
    {
        components = List.copyOf(components);
    }
}
