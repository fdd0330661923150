package org.izhsim.config;

import java.util.List;

/**
 * The input current of a single-neuron run, {@code sim neuron --stimulus FILE.yaml}: the sum of its
 * components, in file order.
 *
 * @param origins where each component is written, {@code file:line:column}, for messages about it.
 */
public record StimulusConfig(String description, List<StimulusComponent> components, List<String> origins)
{
    public StimulusConfig
    {
        components = List.copyOf(components);
        origins = List.copyOf(origins);
        if (origins.size() != components.size())
        {
            throw new IllegalArgumentException(components.size() + " components but " + origins.size() + " origins");
        }
    }
}
