package org.izhsim.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code projections} list: resolves population names, checks that each rule can be realised
 * (k within the target set when drawing without replacement, p a probability, equal sizes for
 * one_to_one); {@link SynapseSpecReader} reads the weights and delays.
 */
final class ProjectionReader
{
    static final List<String> PROJECTION_KEYS =
        List.of("name", "from", "to", "rule", "k", "p", "autapses", "weight", "delay_ms");
    static final List<String> RULES = List.of("all_to_all", "fixed_outdegree", "fixed_indegree", "pairwise", "one_to_one");

    private final YamlDocument document;
    private final List<PopulationConfig> populations;
    private final TimeGrid grid;

    ProjectionReader(final YamlDocument document, final List<PopulationConfig> populations, final TimeGrid grid)
    {
        this.document = document;
        this.populations = populations;
        this.grid = grid;
    }

    List<ProjectionConfig> read(final Node list)
    {
        final SequenceNode items = document.sequence(list, "projections");
        final List<ProjectionConfig> projections = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (final Node item : items.getValue())
        {
            final MappingNode node = document.mapping(item, "projections");
            final String givenName = ConfigMapping.peek(node, "name");
            final String name = givenName != null ? givenName : defaultName(node, projections.size());
            if (!names.add(name))
            {
                throw document.error(givenName != null ? ConfigMapping.peekNode(node, "name") : node,
                    "duplicate projection name '" + name + "'; give one of them a distinct 'name'");
            }
            final ProjectionConfig projection =
                projection(new ConfigMapping(document, node, "projection '" + name + "'", PROJECTION_KEYS), name);
            projections.add(projection);
        }
        return projections;
    }

    private ProjectionConfig projection(final ConfigMapping projection, final String name)
    {
        if (projection.has("name"))
        {
            projection.string("name"); // the name was peeked as text; a list or mapping is a type error
        }
        final PopulationConfig from = population(projection.value("from"), "from", projection.context());
        final List<PopulationConfig> to = targets(projection);
        final ConnectionRule rule = rule(projection);
        final boolean autapses = projection.bool("autapses", rule.autapsesByDefault());
        checkRealisable(projection, rule, from, to, autapses);
        final SynapseSpecReader synapses = new SynapseSpecReader(document, grid);
        return new ProjectionConfig(name, from, to, rule, autapses, synapses.weight(projection), synapses.delay(projection));
    }

    private List<PopulationConfig> targets(final ConfigMapping projection)
    {
        final Node value = projection.value("to");
        if (!(value instanceof SequenceNode))
        {
            return List.of(population(value, "to", projection.context()));
        }
        final List<Node> items = ((SequenceNode)value).getValue();
        if (items.isEmpty())
        {
            throw document.error(value, "'to' of " + projection.context() + " must name at least one population");
        }
        final List<PopulationConfig> to = new ArrayList<>();
        for (final Node item : items)
        {
            final PopulationConfig target = population(item, "to", projection.context());
            if (to.contains(target))
            {
                throw document.error(item, "population '" + target.name() + "' is listed twice in 'to' of " + projection.context());
            }
            to.add(target);
        }
        return to;
    }

    private PopulationConfig population(final Node value, final String key, final String context)
    {
        final String name = document.string(value, key);
        final List<String> known = new ArrayList<>();
        for (final PopulationConfig population : populations)
        {
            if (population.name().equals(name))
            {
                return population;
            }
            known.add(population.name());
        }
        throw document.error(value, "unknown population '" + name + "' in '" + key + "' of " + context +
            SpellingSuggestion.hint(name, known, "populations: "));
    }

    private static ConnectionRule rule(final ConfigMapping projection)
    {
        final String name = projection.oneOf("rule", RULES, "rule");
        final boolean needsK = name.startsWith("fixed_");
        final boolean needsP = name.equals("pairwise");
        rejectUnless(projection, "k", needsK, name);
        rejectUnless(projection, "p", needsP, name);
        switch (name)
        {
            case "all_to_all":
                return new ConnectionRule.AllToAll();
            case "fixed_outdegree":
                return new ConnectionRule.FixedOutdegree(projection.positiveInteger("k"));
            case "fixed_indegree":
                return new ConnectionRule.FixedIndegree(projection.positiveInteger("k"));
            case "pairwise":
                final double p = projection.number("p");
                if (p < 0.0 || p > 1.0)
                {
                    throw projection.document().error(projection.value("p"),
                        "'p' must be within [0, 1] in " + projection.context() + ", got " + projection.text("p"));
                }
                return new ConnectionRule.Pairwise(p);
            default:
                return new ConnectionRule.OneToOne();
        }
    }

    private static void rejectUnless(final ConfigMapping projection, final String key, final boolean applies, final String rule)
    {
        if (!applies && projection.has(key))
        {
            throw projection.document().error(projection.keyNode(key),
                "'" + key + "' does not apply to rule '" + rule + "' in " + projection.context());
        }
    }

    private void checkRealisable(
        final ConfigMapping projection,
        final ConnectionRule rule,
        final PopulationConfig from,
        final List<PopulationConfig> to,
        final boolean autapses)
    {
        final int targets = to.stream().mapToInt(PopulationConfig::size).sum();
        // Without autapses a neuron that is both source and target cannot pick itself.
        final int self = to.contains(from) && !autapses ? 1 : 0;
        if (rule instanceof ConnectionRule.FixedOutdegree)
        {
            final int k = ((ConnectionRule.FixedOutdegree)rule).k();
            if (k > targets - self)
            {
                throw document.error(projection.value("k"), "'k' = " + k + " exceeds the " + (targets - self) +
                    " distinct targets each source neuron can draw without replacement in " + projection.context());
            }
        }
        else if (rule instanceof ConnectionRule.FixedIndegree)
        {
            final int k = ((ConnectionRule.FixedIndegree)rule).k();
            if (k > from.size() - self)
            {
                throw document.error(projection.value("k"), "'k' = " + k + " exceeds the " + (from.size() - self) +
                    " distinct sources each target neuron can draw without replacement in " + projection.context());
            }
        }
        else if (rule instanceof ConnectionRule.OneToOne)
        {
            if (from.size() != targets)
            {
                throw document.error(projection.value("rule"), "rule 'one_to_one' needs as many targets as sources in " +
                    projection.context() + ", got " + from.size() + " sources and " + targets + " targets");
            }
            if (self == 1)
            {
                throw document.error(projection.value("autapses"),
                    "rule 'one_to_one' from a population onto itself with autapses off creates no synapse in " +
                    projection.context());
            }
        }
    }

    private static String defaultName(final MappingNode node, final int index)
    {
        final String from = ConfigMapping.peek(node, "from");
        final Node toNode = ConfigMapping.peekNode(node, "to");
        final List<Node> targets = toNode instanceof SequenceNode ? ((SequenceNode)toNode).getValue() :
            toNode == null ? List.of() : List.of(toNode);
        final List<String> to = new ArrayList<>();
        for (final Node target : targets)
        {
            to.add(target instanceof ScalarNode ? ((ScalarNode)target).getValue() : "?");
        }
        return from == null || to.isEmpty() ? "#" + (index + 1) : from + "->" + String.join("+", to);
    }
}
