package org.izhsim.config;

import java.util.List;
import java.util.Map;

import org.izhsim.network.build.ConnectionRule;

/**
 * Synapses from one population onto one population or the union of several.
 *
 * @param name     unique name, "from->to" unless given.
 * @param from     source population.
 * @param to       target populations, in the order written; their neurons together form the target set.
 * @param rule     which pairs are connected.
 * @param autapses whether a neuron may connect to itself (possible only when {@code to} includes {@code from}).
 * @param weight   weight of each synapse.
 * @param delay    delay of each synapse.
 * @param origins  where its parts were written ({@code file:line:column}), keyed as
 *                 {@link org.izhsim.network.build.ProjectionSpec#origin(String, String)} keys them.
 * @param synapse  how its spikes act on the targets (current unless given).
 * @param stp      its short-term plasticity, or null.
 * @param plasticity the rule of its plastic synapses (long-term plasticity), or null when they are fixed.
 */
public record ProjectionConfig(
    String name,
    PopulationConfig from,
    List<PopulationConfig> to,
    ConnectionRule rule,
    boolean autapses,
    WeightSpec weight,
    DelaySpec delay,
    Map<String, String> origins,
    org.izhsim.network.build.SynapseModel synapse,
    org.izhsim.network.build.ShortTermPlasticity stp,
    org.izhsim.network.build.PlasticityRule plasticity)
{
    public ProjectionConfig
    {
        to = List.copyOf(to);
        origins = Map.copyOf(origins);
    }
}
