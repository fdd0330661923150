package org.izhsim.network.build;


/**
 * A projection with its populations resolved to global neuron ranges. Immutable.
 *
 * @param index        position among the network's projections: names its random streams.
 * @param sourceFirst  first source neuron.
 * @param sourceSize   number of source neurons.
 * @param targetFirst  first target neuron.
 * @param targetSize   number of target neurons.
 * @param rule         connection rule.
 * @param weight       weight rule.
 * @param delay        delay rule.
 * @param autapses     whether a neuron may connect to itself (matters only where source and target ranges overlap).
 * @param name         how messages name it: its config name or {@code projection SOURCE -> TARGET}.
 * @param weightOrigin where its weight is written ({@code exp.yaml:12:30}, or a --set), for a weight refused as it is
 *                     drawn; null for the Java API's.
 */
public record ResolvedProjection(int index, int sourceFirst, int sourceSize, int targetFirst, int targetSize,
    ConnectionRule rule, WeightRule weight, DelayRule delay, boolean autapses, String name, String weightOrigin)
{
    /** Without a place of its weight in a file (the Java API's). */
    public ResolvedProjection(final int index, final int sourceFirst, final int sourceSize, final int targetFirst,
        final int targetSize, final ConnectionRule rule, final WeightRule weight, final DelayRule delay,
        final boolean autapses, final String name)
    {
        this(index, sourceFirst, sourceSize, targetFirst, targetSize, rule, weight, delay, autapses, name, null);
    }

    /** One named by its index alone (tests). */
    public ResolvedProjection(final int index, final int sourceFirst, final int sourceSize, final int targetFirst,
        final int targetSize, final ConnectionRule rule, final WeightRule weight, final DelayRule delay,
        final boolean autapses)
    {
        this(index, sourceFirst, sourceSize, targetFirst, targetSize, rule, weight, delay, autapses,
            "projection " + index);
    }

    /** Whether a neuron that is both source and target must not connect to itself. */
    public boolean excludesSelf()
    {
        return !autapses;
    }

    /** Whether synapses are drawn per target (fixed_indegree) rather than per source. */
    public boolean targetCentric()
    {
        return rule.kind() == ConnectionRule.Kind.FIXED_INDEGREE;
    }
}
