package org.izhsim.network.build;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Synapses from one population onto another (or itself): a connection rule, a weight rule, a delay rule
 * and whether a neuron may synapse onto itself. Defaults: all_to_all, weight 1, delay 1 ms, and autapses as
 * the rule's {@link ConnectionRule#autapsesByDefault()} (allowed for all_to_all, net.m's S being a full matrix with
 * its diagonal, and one_to_one; left out by the random rules), the experiment files' defaults, so that the same
 * choices give the same network through either (a random rule's autapses were allowed here and not in a config).
 * <p>
 * The target may be several populations that are consecutive in declaration order, taken as one range:
 * "each neuron projects to 1000 targets drawn from all neurons" is {@code from("exc", List.of("exc", "inh"))}.
 */
public final class ProjectionSpec
{
    private final String source;
    private final List<String> targets;
    private ConnectionRule rule = ConnectionRule.allToAll();
    private WeightRule weight = WeightRule.constant(1.0);
    private DelayRule delay = DelayRule.constant(1);
    /** Null until set: then the rule's default. */
    private Boolean autapses;
    private PlasticityRule plasticity;
    private String name;
    private SynapseModel synapse = SynapseModel.current();
    private ShortTermPlasticity stp;
    private final Map<String, String> origins = new HashMap<>();

    private ProjectionSpec(final String source, final List<String> targets)
    {
        this.source = source;
        this.targets = targets;
    }

    /** Synapses from population {@code source} onto population {@code target}. */
    public static ProjectionSpec from(final String source, final String target)
    {
        return from(source, List.of(Objects.requireNonNullElse(target, "")));
    }

    /** Synapses from {@code source} onto the union of {@code targets}, consecutive populations. */
    public static ProjectionSpec from(final String source, final List<String> targets)
    {
        Checks.name("source population", source);
        if (Objects.requireNonNull(targets, "targets").isEmpty())
        {
            throw new org.izhsim.core.InputException("projection from '" + source + "' has no target population");
        }
        for (final String target : targets)
        {
            Checks.name("target population", target);
        }
        return new ProjectionSpec(source, List.copyOf(targets));
    }

    public ProjectionSpec rule(final ConnectionRule rule)
    {
        this.rule = Objects.requireNonNull(rule, "rule");
        return this;
    }

    /**
     * The synapses of {@code table}, each with its own target, delay and weight: the rule becomes {@link
     * ConnectionRule#table}, whose weights and delays replace the projection's weight and delay rules.
     */
    public ProjectionSpec connections(final ConnectionTable table)
    {
        return rule(ConnectionRule.table(table));
    }

    public ProjectionSpec weight(final WeightRule weight)
    {
        this.weight = Objects.requireNonNull(weight, "weight");
        return this;
    }

    public ProjectionSpec delay(final DelayRule delay)
    {
        this.delay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** How spikes act on the targets; {@link SynapseModel#current()} unless given. */
    public ProjectionSpec synapse(final SynapseModel synapse)
    {
        this.synapse = Objects.requireNonNull(synapse, "synapse");
        return this;
    }

    /** Short-term plasticity of this projection's sources, or null (none, the default). */
    public ProjectionSpec stp(final ShortTermPlasticity stp)
    {
        this.stp = stp;
        return this;
    }

    public SynapseModel synapse()
    {
        return synapse;
    }

    public ShortTermPlasticity stp()
    {
        return stp;
    }

    /**
     * Whether its spikes go through the receptor stage (a synapse type other than current, or STP) instead
     * of the plain delivery into the input.
     */
    public boolean usesReceptorStage()
    {
        return synapse.type() != SynapseModel.Type.CURRENT || stp != null;
    }

    /** Whether a neuron may connect to itself when source and target are the same population. */
    public ProjectionSpec autapses(final boolean autapses)
    {
        this.autapses = autapses;
        return this;
    }

    /** Makes the projection's synapses plastic under {@code rule}; null (the default) keeps them fixed. */
    public ProjectionSpec plasticity(final PlasticityRule rule)
    {
        this.plasticity = rule;
        return this;
    }

    /** The plasticity rule of the synapses, or null when they are fixed. */
    public PlasticityRule plasticity()
    {
        return plasticity;
    }

    /** How messages name this projection, e.g. "projection 'exc->inh'"; "projection exc -> inh" unless given. */
    public ProjectionSpec name(final String name)
    {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Where a part of this projection was written, e.g. {@code "exp.yaml:12:5"}, so that a rule the plan finds
     * broken is reported there. Keys: "" (the projection as a whole), "from", "to", "rule", "k", "autapses",
     * "weight", "delay", "synapse", "stp", "plasticity", "reward"; a part of one after a dot: "to.1" (the second
     * target), "reward.pre", "reward.post", "reward.synapse".
     */
    public ProjectionSpec origin(final String key, final String origin)
    {
        origins.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(origin, "origin"));
        return this;
    }

    /**
     * Where {@code key} was written, else where its enclosing part was ("reward" for "reward.pre", as a value written
     * with an alias or by the Java API has no place of its own), else where the projection was, else null.
     */
    public String origin(final String key)
    {
        for (String part = key; ; part = part.substring(0, part.lastIndexOf('.')))
        {
            final String origin = origins.get(part);
            if (origin != null || part.lastIndexOf('.') < 0)
            {
                return origin != null ? origin : origins.get("");
            }
        }
    }

    /** @return whether {@code key} has a place of its own (written in a file, not a default or from the Java API). */
    public boolean placed(final String key)
    {
        return origins.containsKey(key);
    }

    /** How messages name this projection. */
    /** The name given with {@link #name(String)}, or null (then {@link #displayName()} makes one). */
    public String givenName()
    {
        return name;
    }

    public String displayName()
    {
        return name != null ? name : "projection " + source + " -> " + targetName();
    }

    public String source()
    {
        return source;
    }

    /** The target populations (usually one). */
    public List<String> targets()
    {
        return targets;
    }

    /** "exc" or "[exc, inh]", for messages. */
    public String targetName()
    {
        return targets.size() == 1 ? targets.get(0) : targets.toString();
    }

    public ConnectionRule rule()
    {
        return rule;
    }

    /** The weight rule; a {@link ConnectionRule#table} rule's table gives each synapse's weight instead. */
    public WeightRule weight()
    {
        return rule.connections() != null ? rule.connections().weightRule() : weight;
    }

    /** The delay rule; a {@link ConnectionRule#table} rule's table gives each synapse's delay instead. */
    public DelayRule delay()
    {
        return rule.connections() != null ? DelayRule.of(rule.connections()) : delay;
    }

    /** Whether a neuron may connect to itself: as set, else the connection rule's default. */
    public boolean autapses()
    {
        return autapses != null ? autapses : rule.autapsesByDefault();
    }
}
