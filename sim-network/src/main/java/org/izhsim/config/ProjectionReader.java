package org.izhsim.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.izhsim.network.build.ConnectionRule;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the {@code projections} list: resolves population names, reads each rule and its values (p a
 * probability, k a positive integer) and keeps where each part was written; whether a rule can be realised
 * (k within the candidates, equal sizes for one_to_one, consecutive targets, delays within the engine's
 * maximum) is the network plan's check, reported at those places. {@link SynapseSpecReader} reads the
 * weights and delays.
 */
final class ProjectionReader
{
    static final List<String> PROJECTION_KEYS =
        List.of("name", "from", "to", "rule", "k", "p", "autapses", "weight", "delay_ms", "synapse", "stp", "plasticity",
            "connections");
    static final List<String> RULES = List.of("all_to_all", "fixed_outdegree", "fixed_indegree", "pairwise", "one_to_one");

    private final YamlDocument document;
    private final List<PopulationConfig> populations;
    private final TimeGrid grid;

    /** The experiment file's folder, against which a {@code connections} path is taken; null: no files. */
    private final java.nio.file.Path baseDirectory;

    ProjectionReader(final YamlDocument document, final List<PopulationConfig> populations, final TimeGrid grid,
        final java.nio.file.Path baseDirectory)
    {
        this.baseDirectory = baseDirectory;
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
            if (!(item instanceof MappingNode))
            {
                // Named as the list's item: "expected a mapping for 'projections'" named the list, which is one.
                throw document.error(item, "projection #" + (projections.size() + 1) + " of 'projections' must be a " +
                    "mapping (from, to, rule, weight, ...), got " + YamlDocument.describe(item));
            }
            final MappingNode node = (MappingNode)item;
            final String givenName = ConfigMapping.peek(node, "name");
            final String name = givenName != null ? givenName : defaultName(node, projections.size());
            if (!names.add(name))
            {
                throw document.error(givenName != null ? ConfigMapping.peekNode(node, "name") : node,
                    "duplicate projection name " + YamlDocument.quoted(name) + "; give one of them a distinct 'name'");
            }
            final ProjectionConfig projection =
                projection(new ConfigMapping(document, node, "projection " + YamlDocument.quoted(name),
                    PROJECTION_KEYS), name);
            projections.add(projection);
        }
        return projections;
    }

    private ProjectionConfig projection(final ConfigMapping projection, final String name)
    {
        if (projection.has("name"))
        {
            projection.string("name"); // the name was peeked as text; a list or mapping is a type error
            // As the experiment's name: a line break or a right-to-left override in it made messages and
            // summary.json read otherwise than the file.
            if (name.isBlank() || org.izhsim.core.FileNames.hasControlCharacters(name))
            {
                throw document.error(projection.value("name"), "'name' of " + projection.context() + " must be " +
                    "more than blanks, without control characters or line breaks");
            }
        }
        final PopulationConfig from = population(projection.value("from"), "from", projection.context());
        final List<PopulationConfig> to = targets(projection);
        final ConnectionRule rule;
        if (projection.has("connections"))
        {
            // The file gives every synapse: what a rule, its values, the weights, delays or autapses would say is
            // in it (a key beside it was ignored or contradicted it).
            for (final String key : List.of("rule", "k", "p", "weight", "delay_ms", "autapses"))
            {
                if (projection.has(key))
                {
                    throw document.error(projection.value(key), "'" + key + "' of " + projection.context() + " cannot " +
                        "stand beside 'connections', whose file gives each synapse's target, delay and weight: " +
                        "leave one of them out");
                }
            }
            rule = ConnectionRule.table(ConnectionsReader.read(projection, baseDirectory, from, to));
        }
        else
        {
            rule = rule(projection);
        }
        final boolean autapses = projection.bool("autapses", rule.autapsesByDefault());
        final SynapseSpecReader synapses = new SynapseSpecReader(document, grid);
        // With connections the table's weights and delays stand in for these (ProjectionSpec.weight, delay).
        final boolean given = rule.connections() != null;
        return new ProjectionConfig(name, from, to, rule, autapses,
            given ? new WeightSpec.Constant(1.0) : synapses.weight(projection), synapses.delay(projection),
            origins(projection), SynapseModelReader.synapse(projection), SynapseModelReader.stp(projection),
            projection.has("plasticity") ? PlasticityReader.read(projection) : null);
    }

    /** Where each part was written: the network plan checks the rules that involve them and reports there. */
    private Map<String, String> origins(final ConfigMapping projection)
    {
        final Map<String, String> origins = new HashMap<>();
        origins.put("", document.origin(projection.node()));
        for (final String key :
            List.of("from", "to", "rule", "k", "p", "autapses", "weight", "synapse", "stp", "plasticity", "connections"))
        {
            if (projection.has(key))
            {
                origins.put(key, document.origin(projection.value(key)));
            }
        }
        if (projection.has("connections"))
        {
            // The file's weights and delays: a plastic projection's weight outside the rule's bounds is its problem.
            origins.put("weight", document.origin(projection.value("connections")));
            origins.put("delay", document.origin(projection.value("connections")));
        }
        if (projection.has("to") && projection.value("to") instanceof SequenceNode targets)
        {
            // Each target: the plan refuses one listed twice at its second mention.
            for (int i = 0; i < targets.getValue().size(); i++)
            {
                origins.put("to." + i, document.origin(targets.getValue().get(i)));
            }
        }
        final Node plasticity = projection.has("plasticity") ? projection.value("plasticity") : null;
        final Node reward = plasticity instanceof MappingNode ?
            ConfigMapping.peekNode((MappingNode)plasticity, "reward") : null;
        if (reward != null)
        {
            // dastdp2007's rewarded pair: the plan checks its neurons, the built network its synapse; a neuron
            // out of range is reported at the key that names it.
            origins.put("reward", document.origin(reward));
            for (final String key : List.of("pre", "post", "synapse"))
            {
                final Node value = reward instanceof MappingNode ? ConfigMapping.peekNode((MappingNode)reward, key) : null;
                if (value != null)
                {
                    origins.put("reward." + key, document.origin(value));
                }
            }
        }
        if (projection.has("delay_ms"))
        {
            final Node delay = projection.value("delay_ms");
            final Node high = delay instanceof MappingNode ? ConfigMapping.peekNode((MappingNode)delay, "high") : null;
            origins.put("delay", document.origin(high != null ? high : delay));
            // An even split's conditions (rule, k) are about the distribution, not the high end.
            final Node distribution = delay instanceof MappingNode ?
                ConfigMapping.peekNode((MappingNode)delay, "distribution") : null;
            if (distribution != null)
            {
                origins.put("delay.distribution", document.origin(distribution));
            }
        }
        return origins;
    }

    private List<PopulationConfig> targets(final ConfigMapping projection)
    {
        final Node value = projection.value("to");
        if (!(value instanceof SequenceNode))
        {
            return List.of(target(value, projection.context()));
        }
        final List<Node> items = ((SequenceNode)value).getValue();
        if (items.isEmpty())
        {
            throw document.error(value, "'to' of " + projection.context() + " must name at least one population");
        }
        final List<PopulationConfig> to = new ArrayList<>();
        for (final Node item : items)
        {
            to.add(target(item, projection.context()));
        }
        return to;
    }

    /**
     * A target population, refused at its name when it is a spike source: before a connections file is read, whose
     * ids were otherwise refused as outside the projection, which no file could have made valid.
     */
    private PopulationConfig target(final Node item, final String context)
    {
        final PopulationConfig target = population(item, "to", context);
        if (target.model() == NeuronModel.POISSON || target.model() == NeuronModel.SPIKE_TIMES)
        {
            throw document.error(item, org.izhsim.network.build.PopulationSpec.reachesSource(context + " ends in",
                target.name(), "model: " + target.model().yamlName()));
        }
        return target;
    }

    private PopulationConfig population(final Node value, final String key, final String context)
    {
        final List<String> known = new ArrayList<>();
        for (final PopulationConfig population : populations)
        {
            known.add(population.name());
        }
        final String name = document.name(value, key, known, "the populations ");
        for (final PopulationConfig population : populations)
        {
            if (population.name().equals(name))
            {
                return population;
            }
        }
        throw document.error(value, "unknown population " + YamlDocument.quoted(name) + " in '" + key + "' of " +
            context +
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
                return ConnectionRule.allToAll();
            case "fixed_outdegree":
                return ConnectionRule.fixedOutdegree(projection.positiveInteger("k"));
            case "fixed_indegree":
                return ConnectionRule.fixedIndegree(projection.positiveInteger("k"));
            case "pairwise":
                final double p = projection.number("p");
                if (p < 0.0 || p > 1.0)
                {
                    throw projection.document().error(projection.value("p"),
                        "'p' must be within [0, 1] in " + projection.context() + ", got " + projection.text("p"));
                }
                return ConnectionRule.pairwiseProbability(p);
            default:
                return ConnectionRule.oneToOne();
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

    static String defaultName(final MappingNode node, final int index)
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
