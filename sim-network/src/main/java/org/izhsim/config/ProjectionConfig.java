package org.izhsim.config;

import java.util.List;
import java.util.Map;

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
    org.izhsim.network.build.ShortTermPlasticity stp)
{
    public ProjectionConfig
    {
        to = List.copyOf(to);
        origins = Map.copyOf(origins);
    }

    /**
     * @return number of neurons in the target set.
     */
    public int targetSize()
    {
        int size = 0;
        for (final PopulationConfig population : to)
        {
            size += population.size();
        }
        return size;
    }

    /**
     * @return true when some source neurons are also targets, so that autapses are possible.
     */
    public boolean isRecurrent()
    {
        return to.contains(from);
    }

    /**
     * @return the number of synapses the rule creates: exact for every rule but {@code pairwise}, whose
     *         count is binomial with this mean.
     */
    public double expectedSynapseCount()
    {
        final long sources = from.size();
        final long targets = targetSize();
        final long selfPairs = isRecurrent() && !autapses ? sources : 0L;
        if (rule instanceof ConnectionRule.AllToAll)
        {
            return sources * targets - selfPairs;
        }
        if (rule instanceof ConnectionRule.FixedOutdegree)
        {
            return sources * ((ConnectionRule.FixedOutdegree)rule).k();
        }
        if (rule instanceof ConnectionRule.FixedIndegree)
        {
            return targets * ((ConnectionRule.FixedIndegree)rule).k();
        }
        if (rule instanceof ConnectionRule.Pairwise)
        {
            return ((ConnectionRule.Pairwise)rule).p() * (sources * targets - selfPairs);
        }
        return sources;
    }
}
