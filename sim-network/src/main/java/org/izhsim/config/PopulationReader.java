package org.izhsim.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.izhsim.core.InputException;
import org.izhsim.expr.Expression;
import org.izhsim.network.build.Checks;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads the {@code populations} mapping: name -> size, model, params, v0, input; numbers the neurons
 * contiguously in file order.
 */
final class PopulationReader
{
    static final List<String> POPULATION_KEYS = List.of("size", "model", "params", "v0", "input", "steps_per_ms",
        "rate_hz", "spike_times_ms", "repeat_every_ms");
    /** The keys of a population of neurons with equations, which a spike source has none of. */
    private static final List<String> EQUATION_KEYS = List.of("params", "v0", "input", "steps_per_ms");
    /** The keys of the 2007 model's population alone. */
    private static final List<String> MODEL_2007_KEYS = List.of("steps_per_ms");
    /** The params of a 2007-model population: a cell class, the constants C .. vpeak and the neurons' a .. d. */
    static final List<String> PARAMS_2007_KEYS = List.of("type", "C", "k", "vr", "vt", "vpeak", "a", "b", "c", "d");
    /**
     * The cell classes of the 2007 model a population's params may name: Izhikevich (2007), ch. 8, as {@code sim
     * neuron}'s presets izh2007_rs .. izh2007_rtn hold them: RS (Fig. 8.12), IB (8.19), CH (8.23), and LTS (8.25), FS
     * (8.27), TC (8.31), RTN (8.32) with their rules (a cutoff and reset moving with u, a cap on u, a cubic or
     * v-dependent recovery; {@link org.izhsim.network.build.Izhikevich2007.Rules}).
     */
    static final List<String> CELL_CLASSES_2007 = java.util.Arrays.stream(org.izhsim.core.model.CellType2007.values())
        .map(Enum::name).toList();
    /** The keys of a Poisson source population. */
    private static final List<String> POISSON_SOURCE_KEYS = List.of("rate_hz");
    /** The keys of a spike-times source population. */
    private static final List<String> TIMES_SOURCE_KEYS = List.of("spike_times_ms", "repeat_every_ms");
    static final List<String> PARAMS_KEYS = List.of("type", "a", "b", "c", "d");
    /**
     * The cell classes a population's params may name: Izhikevich (2003), Fig. 2, whose a, b, c, d the presets of
     * {@code sim neuron} hold (IB c = -55, RZ d = 2, LTS b = 0.25, as the paper and its code give them).
     */
    static final List<String> CELL_CLASSES = List.of("RS", "IB", "CH", "FS", "TC", "RZ", "LTS");
    static final List<String> INPUT_KEYS = List.of("noise_sd", "dc", "poisson", "uniform_width");
    static final List<String> POISSON_KEYS = List.of("rate_hz", "weight", "sources");

    /** Total Poisson rate into one neuron: the builder's limit, checked here first to report it in the file. */
    private static final double MAX_POISSON_HZ = org.izhsim.network.build.InputSpec.MAX_POISSON_HZ;

    // Names appear in output file names and CSV headers.
    /** Izhikevich (2003) net.m starts every neuron at v = -65 mV. */
    private static final double DEFAULT_V0 = -65.0;
    /** The per-neuron random number of heterogeneous parameters: net.m's re / ri. */
    private static final String NEURON_RANDOM = "r";

    private PopulationReader()
    {
    }

    /**
     * @param baseDirectory the experiment file's folder, against which a spike times file's path is taken; null for
     *                      an experiment sent as text (the explorer's uploads), which may not read files.
     */
    static List<PopulationConfig> read(final ConfigMapping top, final java.nio.file.Path baseDirectory)
    {
        final YamlDocument document = top.document();
        final ConfigMapping byName = ConfigMapping.ofNames(document,
            document.mapping(top.value("populations"), "populations"), "'populations'");
        if (!byName.entries().iterator().hasNext())
        {
            throw document.error(byName.node(), "'populations' must define at least one population");
        }
        try
        {
            return read(document, byName, baseDirectory);
        }
        catch (final InputException refused)
        {
            throw withAddedPopulation(refused, byName);
        }
    }

    /**
     * A refusal of a population a --set added (its key's mark is the --set's), which lacks what the file's have: said,
     * with the file's population of a near name ("--set populations.exx.size=1: missing required key 'params' in
     * population 'exx'" did not say that 'exx' was a typo of 'exc' that the set had added).
     */
    private static InputException withAddedPopulation(final InputException refused, final ConfigMapping byName)
    {
        final List<String> fromFile = new ArrayList<>();
        String added = null;
        for (final NodeTuple entry : byName.entries())
        {
            final String name = ((ScalarNode)entry.getKeyNode()).getValue();
            final boolean bySet = entry.getKeyNode().getStartMark().map(m -> m.getName().startsWith("--set ")).orElse(false);
            if (bySet && refused.getMessage().contains("missing required key") &&
                refused.getMessage().contains("population " + YamlDocument.quoted(name)))
            {
                added = name;
            }
            else if (!bySet)
            {
                fromFile.add(name);
            }
        }
        if (added == null)
        {
            return refused;
        }
        final String hint = SpellingSuggestion.hint(added, fromFile, "the file's: ");
        final InputException said = new InputException(refused.getMessage() + "; the --set added population " +
            YamlDocument.quoted(added) + ", which the file lacks" + hint);
        said.initCause(refused);
        return said;
    }

    private static List<PopulationConfig> read(final YamlDocument document, final ConfigMapping byName,
        final java.nio.file.Path baseDirectory)
    {
        final List<PopulationConfig> populations = new ArrayList<>();
        long firstNeuron = 0;
        for (final NodeTuple entry : byName.entries())
        {
            final String name = ((ScalarNode)entry.getKeyNode()).getValue();
            final String problem = org.izhsim.network.build.PopulationSpec.nameProblem(name, YamlDocument.quoted(name));
            if (problem != null)
            {
                throw document.error(entry.getKeyNode(), problem);
            }
            if (name.length() > org.izhsim.network.build.PopulationSpec.MAX_NAME_LENGTH)
            {
                throw document.error(entry.getKeyNode(), org.izhsim.network.build.PopulationSpec.longName(name));
            }
            final String context = "population " + YamlDocument.quoted(name);
            final org.snakeyaml.engine.v2.nodes.MappingNode node = document.mapping(entry.getValueNode(), name);
            unknownKeys(document, node, context);
            final ConfigMapping population = new ConfigMapping(document, node, context, POPULATION_KEYS);
            final int size = population.positiveInteger("size");
            if (size > Checks.MAX_NEURONS)
            {
                // The plan checks the populations' sum here too; one population alone was refused unlocated.
                throw document.error(population.value("size"), context + " has size " + size +
                    ", more than the engine's maximum of " + Checks.MAX_NEURONS + " neurons");
            }
            if (firstNeuron + size > Integer.MAX_VALUE)
            {
                throw document.error(population.value("size"),
                    "the populations up to " + YamlDocument.quoted(name) + " hold more than " + Integer.MAX_VALUE +
                    " neurons");
            }
            final NeuronModel model = population.has("model") ?
                population.choice("model", NeuronModel.values(), "model") : NeuronModel.IZHIKEVICH2003;
            if (model == NeuronModel.POISSON || model == NeuronModel.SPIKE_TIMES)
            {
                final boolean poisson = model == NeuronModel.POISSON;
                final SpikeTimesReader.Read times = poisson ? null : spikeTimes(population, context, size,
                    baseDirectory, name);
                refuseKeys(population, context, EQUATION_KEYS, "a spike source population (model: " +
                    model.yamlName() + ") has no equations, parameters or input; it fires " +
                    (poisson ? "at 'rate_hz'" : "at 'spike_times_ms'"));
                refuseKeys(population, context, poisson ? TIMES_SOURCE_KEYS : POISSON_SOURCE_KEYS, "it belongs to " +
                    (poisson ? "model: spike_times" : "model: poisson") + "; this population has model: " +
                    model.yamlName());
                populations.add(new PopulationConfig(name, populations.size(), (int)firstNeuron, size, model, null, null,
                    InputConfig.NONE, poisson ? poissonRate(population, context) : Double.NaN,
                    poisson ? null : times.times(), poisson ? 0 : repeatEvery(population, context),
                    poisson ? null : times.file(), document.origin(population.value("size")), null));
                firstNeuron += size;
                continue;
            }
            final String equations = model == NeuronModel.IZHIKEVICH2007 ? "2007" : "2003";
            refuseKeys(population, context, POISSON_SOURCE_KEYS, "the rate of a Poisson source population " +
                "(model: poisson); these neurons integrate the " + equations + " equations: for Poisson spikes into " +
                "them give 'input: {poisson: {rate_hz: ..., weight: ...}}'");
            refuseKeys(population, context, TIMES_SOURCE_KEYS, "for a population of spike sources at given times " +
                "(model: spike_times); these neurons integrate the " + equations + " equations");
            if (model == NeuronModel.IZHIKEVICH2003)
            {
                refuseKeys(population, context, MODEL_2007_KEYS, "the Euler steps per ms of the 2007 model (model: " +
                    "izhikevich2007); these neurons integrate the 2003 equations, by the experiment's 'integration'");
            }
            final org.izhsim.network.build.Izhikevich2007[] model2007 = new org.izhsim.network.build.Izhikevich2007[1];
            final NeuronParameters params = model == NeuronModel.IZHIKEVICH2007 ?
                params2007(population, context, model2007) : params(population, context);
            // A number or, as poly_spnet.cpp's start v = -65 + 10 rand (line 169), an expression of a uniform r.
            final ParameterValue v0 = population.has("v0") ? parameter(population, "v0") : model2007[0] != null ?
                constant(model2007[0].vr()) : new ParameterValue(Double.toString(DEFAULT_V0), r -> DEFAULT_V0, true);
            initialU(population, params, v0, model2007[0], context);
            final InputConfig input = population.has("input") ?
                input(population.mapping("input", "input of " + context, INPUT_KEYS), context) : InputConfig.NONE;
            populations.add(new PopulationConfig(name, populations.size(), (int)firstNeuron, size, model, params, v0, input,
                Double.NaN, null, 0, null, document.origin(population.value("size")), model2007[0]));
            firstNeuron += size;
        }
        return populations;
    }

    /**
     * Refuses a start state whose u, b v0 (2003) or b (v0 - vr) (2007), overflows a float for some neuron, at v0 (or at
     * b when v0 is not given): the build refused it with no place in the file, after validate had passed it. Bounded
     * on the grid of r the functions are checked on, b's largest magnitude times v0's (they draw apart r's).
     */
    private static void initialU(final ConfigMapping population, final NeuronParameters params, final ParameterValue v0,
        final org.izhsim.network.build.Izhikevich2007 model2007, final String context)
    {
        final org.izhsim.network.build.Izhikevich2007.Rules rules = model2007 != null ? model2007.rules() :
            org.izhsim.network.build.Izhikevich2007.Rules.NONE;
        final boolean cubic = !Double.isNaN(rules.cubicVb());
        final double vr = model2007 != null ? model2007.vr() : 0;
        double b = 0;
        for (int k = 0; k <= Checks.FUNCTION_GRID; k++)
        {
            b = Math.max(b, Math.abs(params.b().ofR().applyAsDouble(Checks.gridPoint(k))));
        }
        // |U(v0)| at its largest: the FS cell's U(v) = b (v - vb)^3 above vb and 0 below; TC's and RTN's b switched to
        // bAbove above bSwitchV (a bound of both branches cited a u the rules make 0: a tester's FS at v0 = -1e30).
        double bound = 0;
        for (int k = 0; k <= Checks.FUNCTION_GRID; k++)
        {
            final double v = v0.ofR().applyAsDouble(Checks.gridPoint(k));
            final double x = v - rules.cubicVb();
            bound = Math.max(bound, cubic ? (v < rules.cubicVb() ? 0 : b * x * x * x) :
                (v > rules.bSwitchV() ? Math.abs(rules.bAbove()) : b) * Math.abs(v - vr));
        }
        if (bound > Checks.FLOAT_LIMIT)
        {
            final ConfigMapping at = population.has("v0") ? population : null;
            final String formula = model2007 == null ? "b v0" : cubic ? "b (v0 - vb)^3" : "b (v0 - vr)";
            final String message = "the initial u = " + formula + " of " + context + " reaches " + String.format(
                java.util.Locale.ROOT, "%.3g", bound) + ", beyond a float (+-3.4e38): 'v0' or 'b' is out of the " +
                "model's range";
            org.snakeyaml.engine.v2.nodes.Node where = at != null ? at.value("v0") : population.value("params");
            if (at == null && where instanceof org.snakeyaml.engine.v2.nodes.MappingNode mapping)
            {
                for (final NodeTuple entry : mapping.getValue())
                {
                    if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals("b"))
                    {
                        where = entry.getValueNode();
                    }
                }
            }
            throw population.document().error(where, message);
        }
    }

    /** {@code rate_hz} of a Poisson source population, in [0, 1000] Hz (one spike per 1 ms step at most). */
    private static double poissonRate(final ConfigMapping population, final String context)
    {
        if (!population.has("rate_hz"))
        {
            throw population.document().error(population.node(), "missing required key 'rate_hz' in " + context +
                ": the rate of each of its Poisson sources, in Hz");
        }
        final double rate = population.nonNegativeNumber("rate_hz");
        if (rate > org.izhsim.network.build.PopulationSpec.MAX_POISSON_SOURCE_HZ)
        {
            throw population.document().error(population.value("rate_hz"), "'rate_hz' in " + context + " is " +
                population.text("rate_hz") + " Hz; a Poisson source fires at most once per 1 ms step: at most 1000 Hz");
        }
        return rate;
    }

    /**
     * An unknown key is refused with the keys of the population's model (a Poisson source's list offered params, v0
     * and input, which it refuses); the keys of another model are refused after, with the reason.
     */
    private static void unknownKeys(final YamlDocument document, final org.snakeyaml.engine.v2.nodes.MappingNode node,
        final String context)
    {
        final String model = ConfigMapping.peek(node, "model");
        final List<String> valid = NeuronModel.POISSON.yamlName().equals(model) ?
            List.of("size", "model", "rate_hz") : NeuronModel.SPIKE_TIMES.yamlName().equals(model) ?
            List.of("size", "model", "spike_times_ms", "repeat_every_ms") : model == null ||
            NeuronModel.IZHIKEVICH2003.yamlName().equals(model) ? List.of("size", "model", "params", "v0", "input") :
            NeuronModel.IZHIKEVICH2007.yamlName().equals(model) ? List.of("size", "model", "params", "v0", "input",
            "steps_per_ms") : POPULATION_KEYS;
        for (final NodeTuple entry : node.getValue())
        {
            if (entry.getKeyNode() instanceof ScalarNode key && !POPULATION_KEYS.contains(key.getValue()))
            {
                throw document.error(key, "unknown key " + YamlDocument.quoted(key.getValue()) + " in " + context +
                    SpellingSuggestion.hint(key.getValue(), valid, "valid keys: "));
            }
        }
    }

    /** Refuses the first of {@code keys} the population has, at its key: "'key' in population 'x': why". */
    private static void refuseKeys(final ConfigMapping population, final String context, final List<String> keys,
        final String why)
    {
        for (final String key : keys)
        {
            if (population.has(key))
            {
                throw population.document().error(population.keyNode(key), "'" + key + "' in " + context + ": " + why);
            }
        }
    }

    /**
     * {@code spike_times_ms} of a spike-times source population: a list of {@code size} lists of whole ms, one per
     * neuron ({@code [[10, 110], [15]]}); each time checked where it is written, as the Java API checks it.
     */
    private static SpikeTimesReader.Read spikeTimes(final ConfigMapping population, final String context,
        final int size, final java.nio.file.Path baseDirectory, final String name)
    {
        final YamlDocument document = population.document();
        if (!population.has("spike_times_ms"))
        {
            throw document.error(population.node(), "missing required key 'spike_times_ms' in " + context + ": a list " +
                "of each neuron's spike times in ms, one list per neuron ([[10, 110], [15]] for two neurons), or " +
                "{file: times.csv}");
        }
        if (population.value("spike_times_ms") instanceof org.snakeyaml.engine.v2.nodes.MappingNode)
        {
            return SpikeTimesReader.read(population, population.value("spike_times_ms"), baseDirectory, context, size,
                repeatEvery(population, context), name);
        }
        return new SpikeTimesReader.Read(inlineSpikeTimes(population, context, size), null);
    }

    /** {@code spike_times_ms} written in the file: a list of one list of whole ms per neuron. */
    private static long[][] inlineSpikeTimes(final ConfigMapping population, final String context, final int size)
    {
        final YamlDocument document = population.document();
        if (population.value("spike_times_ms") instanceof ScalarNode)
        {
            throw document.error(population.value("spike_times_ms"), "'spike_times_ms' of " + context + " is a list of " +
                "one list of times per neuron, or {file: times.csv}, got " + YamlDocument.describe(population.value(
                "spike_times_ms")));
        }
        final org.snakeyaml.engine.v2.nodes.SequenceNode lists = document.sequence(population.value("spike_times_ms"),
            "spike_times_ms");
        for (int i = 0; i < lists.getValue().size(); i++)
        {
            final org.snakeyaml.engine.v2.nodes.Node item = lists.getValue().get(i);
            if (!(item instanceof org.snakeyaml.engine.v2.nodes.SequenceNode))
            {
                throw document.error(item, "'spike_times_ms' in " + context + " is a list of lists, one per neuron: " +
                    "item " + (i + 1) + " is " + YamlDocument.describe(item) + (size == 1 ? " (one neuron: [[10, 20]])" :
                    ""));
            }
        }
        if (lists.getValue().size() != size)
        {
            throw document.error(lists, "'spike_times_ms' in " + context + " has " + lists.getValue().size() +
                " lists; give one per neuron, " + size + " (an empty [] for a neuron that never fires)");
        }
        final long repeat = repeatEvery(population, context);
        final long[][] times = new long[size][];
        for (int i = 0; i < size; i++)
        {
            final List<org.snakeyaml.engine.v2.nodes.Node> nodes =
                ((org.snakeyaml.engine.v2.nodes.SequenceNode)lists.getValue().get(i)).getValue();
            final long[] mine = new long[nodes.size()];
            final Integer[] order = new Integer[nodes.size()];
            for (int k = 0; k < mine.length; k++)
            {
                mine[k] = document.longInteger(nodes.get(k), "spike_times_ms");
                order[k] = k;
            }
            java.util.Arrays.sort(order, (x, y) -> Long.compare(mine[x], mine[y]));
            final long[] ascending = new long[mine.length];
            for (int k = 0; k < mine.length; k++)
            {
                ascending[k] = mine[order[k]];
            }
            for (int k = 0; k < mine.length; k++)
            {
                final String problem = org.izhsim.network.build.PopulationSpec.spikeTimeProblem(ascending, k, repeat);
                if (problem != null)
                {
                    throw document.error(nodes.get(order[k]), "'spike_times_ms' of neuron " + i + " in " + context +
                        ": " + problem);
                }
            }
            times[i] = ascending;
        }
        return times;
    }

    /** {@code repeat_every_ms}: a whole number of ms >= 1, or 0 (the default) for times that do not repeat. */
    private static long repeatEvery(final ConfigMapping population, final String context)
    {
        if (!population.has("repeat_every_ms"))
        {
            return 0;
        }
        return population.positiveInteger("repeat_every_ms");
    }

    /**
     * {@code params}: a, b, c and d; or a cell class by name ({@code params: FS}), or a class with some of them
     * replaced ({@code params: {type: RS, c: "-65 + 15*r^2"}}).
     */
    private static NeuronParameters params(final ConfigMapping population, final String context)
    {
        if (population.value("params") instanceof ScalarNode)
        {
            final org.izhsim.core.model.SimpleModel cell = cellClass(population, "params");
            return new NeuronParameters(constant(cell.a()), constant(cell.b()), constant(cell.c()), constant(cell.d()));
        }
        if (population.value("params") instanceof org.snakeyaml.engine.v2.nodes.SequenceNode)
        {
            throw population.document().error(population.value("params"), "'params' of " + context + " is a " +
                "mapping {a: ..., b: ..., c: ..., d: ...} or a cell class name (" + String.join(", ", CELL_CLASSES) +
                "), not a list");
        }
        final org.snakeyaml.engine.v2.nodes.Node node = population.value("params");
        if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode mapping)
        {
            for (final NodeTuple entry : mapping.getValue())
            {
                if (entry.getKeyNode() instanceof ScalarNode key && List.of("C", "k", "vr", "vt", "vpeak")
                    .contains(key.getValue()))
                {
                    // "unknown key 'C' ..., did you mean 'c'?" sent the user the wrong way.
                    throw population.document().error(key, "'" + key.getValue() + "' in params of " + context +
                        " is a constant of the 2007 model: add 'model: izhikevich2007' to the population (its params " +
                        "are C, k, vr, vt, vpeak, a, b, c and d); the 2003 model's are a, b, c and d");
                }
            }
        }
        final ConfigMapping params = population.mapping("params", "params of " + context, PARAMS_KEYS);
        final org.izhsim.core.model.SimpleModel cell = params.has("type") ? cellClass(params, "type") : null;
        if (cell != null && params.has("a") && params.has("b") && params.has("c") && params.has("d"))
        {
            // The class then set nothing: --set populations.exc.params.type=CH on a file that gives a, b, c and d ran
            // the file's neurons, the set recorded as applied.
            throw params.document().error(params.value("type"), "'type' " + params.text("type") + " in params of " +
                context + " sets nothing: a, b, c and d are all given; drop 'type', or the values it should set");
        }
        if (cell == null)
        {
            for (final String key : List.of("a", "b", "c", "d"))
            {
                if (!params.has(key))
                {
                    // "missing required key 'c'" did not say that a cell class would do.
                    throw params.document().error(params.node(), "missing required key '" + key + "' in params of " +
                        context + ": give all of a, b, c and d, or 'type', a cell class (" +
                        String.join(", ", CELL_CLASSES) + "), and the values that differ from it");
                }
            }
        }
        final ParameterValue c = cell != null && !params.has("c") ? constant(cell.c()) : parameter(params, "c");
        // Located here; PopulationSpec.c refuses the same for the Java API, without a line.
        final double r = Checks.firstAtOrAbove(c.ofR(), Checks.SPIKE_CUTOFF_MV);
        if (!Double.isNaN(r))
        {
            // A reset at or above the cutoff fires its neuron every step (2003 model: v >= 30 mV is a spike).
            throw params.document().error(params.value("c"), "'c', the reset, must be below the spike cutoff of " +
                "30 mV in " + params.context() + ", got " + (c.constant() ? params.text("c") : c.at(r) + " at r = " + r));
        }
        if (cell == null)
        {
            return new NeuronParameters(parameter(params, "a"), parameter(params, "b"), c, parameter(params, "d"));
        }
        return new NeuronParameters(params.has("a") ? parameter(params, "a") : constant(cell.a()),
            params.has("b") ? parameter(params, "b") : constant(cell.b()), c,
            params.has("d") ? parameter(params, "d") : constant(cell.d()));
    }

    /**
     * {@code params} of a 2007-model population: a cell class ({@code params: RS}), the class with some values replaced
     * ({@code params: {type: IB, d: 150}}), or all nine (C, k, vr, vt, vpeak numbers; a, b, c, d numbers or
     * expressions of r, as in the 2003 model); {@code steps_per_ms} beside it. The constants go to {@code model[0]}.
     */
    private static NeuronParameters params2007(final ConfigMapping population, final String context,
        final org.izhsim.network.build.Izhikevich2007[] model)
    {
        final YamlDocument document = population.document();
        // The range first: 1e39 was "out of range (at most 2147483647)", the integer parser's bound, not the key's.
        final double asNumber = population.has("steps_per_ms") ? population.number("steps_per_ms") :
            org.izhsim.network.build.Izhikevich2007.DEFAULT_STEPS_PER_MS;
        final int steps = !(asNumber >= 1 && asNumber <= org.izhsim.network.build.Izhikevich2007.MAX_STEPS_PER_MS) ? 0 :
            population.has("steps_per_ms") ? population.integer("steps_per_ms") :
            org.izhsim.network.build.Izhikevich2007.DEFAULT_STEPS_PER_MS;
        if (steps < 1 || steps > org.izhsim.network.build.Izhikevich2007.MAX_STEPS_PER_MS)
        {
            throw document.error(population.value("steps_per_ms"), "'steps_per_ms' must be 1.." +
                org.izhsim.network.build.Izhikevich2007.MAX_STEPS_PER_MS + " in " + context + ", got " +
                population.text("steps_per_ms"));
        }
        if (!population.has("params"))
        {
            throw document.error(population.node(), "missing required key 'params' in " + context + ": a cell class " +
                "of the 2007 model (" + String.join(", ", CELL_CLASSES_2007) + ") or {C, k, vr, vt, vpeak, a, b, c, d}");
        }
        final org.izhsim.core.model.Izhikevich2007Model cell;
        final ConfigMapping params;
        if (population.value("params") instanceof ScalarNode)
        {
            cell = cellClass2007(population, "params");
            params = null;
        }
        else
        {
            if (population.value("params") instanceof org.snakeyaml.engine.v2.nodes.SequenceNode)
            {
                throw document.error(population.value("params"), "'params' of " + context + " is a mapping {C: ..., " +
                    "k: ..., vr: ..., vt: ..., vpeak: ..., a: ..., b: ..., c: ..., d: ...} or a cell class name (" +
                    String.join(", ", CELL_CLASSES_2007) + "), not a list");
            }
            params = population.mapping("params", "params of " + context, PARAMS_2007_KEYS);
            cell = params.has("type") ? cellClass2007(params, "type") : null;
            if (cell == null)
            {
                for (final String key : PARAMS_2007_KEYS.subList(1, PARAMS_2007_KEYS.size()))
                {
                    if (!params.has(key))
                    {
                        throw document.error(params.node(), "missing required key '" + key + "' in params of " +
                            context + ": give all of C, k, vr, vt, vpeak, a, b, c and d, or 'type', a cell class of " +
                            "the 2007 model (" + String.join(", ", CELL_CLASSES_2007) + "), and the values that differ");
                    }
                }
            }
            else if (PARAMS_2007_KEYS.subList(1, PARAMS_2007_KEYS.size()).stream().allMatch(params::has) &&
                org.izhsim.network.build.Izhikevich2007.Rules.of(cell).none())
            {
                throw document.error(params.value("type"), "'type' " + params.text("type") + " in params of " +
                    context + " sets nothing: C, k, vr, vt, vpeak, a, b, c and d are all given; drop 'type', or the " +
                    "values it should set");
            }
        }
        final double capacitance = params != null && params.has("C") ? params.floatNumber("C") : cell.capacitance();
        if (!(capacitance > 0) || (float)capacitance < Float.MIN_NORMAL)
        {
            // 1e-50 passed "> 0" and became 0 as the engine's float: 0/0 at the first step.
            throw document.error(params.value("C"), "'C', the capacitance, must be > 0 pF in params of " + context +
                (capacitance > 0 ? " and at least the smallest normal float, 1.2e-38 pF" : "") + ", got " +
                params.text("C"));
        }
        final double vpeak = params != null && params.has("vpeak") ? params.floatNumber("vpeak") : cell.vpeak();
        final double k = params != null && params.has("k") ? params.floatNumber("k") : cell.k();
        if (!(k > 0) || (float)k < Float.MIN_NORMAL)
        {
            // 1e-50 became 0 as the engine's float: a linear cell.
            throw document.error(params.value("k"), "'k' must be > 0 nS/mV in params of " + context +
                (k > 0 ? " and at least the smallest normal float, 1.2e-38" : "") + ", got " + params.text("k"));
        }
        final double vt = params != null && params.has("vt") ? params.floatNumber("vt") : cell.vt();
        final double vr = params != null && params.has("vr") ? params.floatNumber("vr") : cell.vr();
        if (!(vt > vr))
        {
            throw document.error(params.has("vt") ? params.value("vt") : params.value("vr"), "'vt' (" +
                constant(vt).source() + " mV) must be above 'vr' (" + constant(vr).source() + " mV) in params of " +
                context + ": the threshold above the resting potential");
        }
        if (!(vpeak > vt))
        {
            throw document.error(params.has("vpeak") ? params.value("vpeak") : params.value("vt"), "'vpeak' (" +
                constant(vpeak).source() + " mV) must be above 'vt' (" + constant(vt).source() + " mV) in params of " +
                context + ": the spike's upstroke starts at vt and is cut at vpeak");
        }
        // The book's LTS, FS, TC and RTN bring their rules, whatever values the params change.
        model[0] = new org.izhsim.network.build.Izhikevich2007(capacitance, k, vr, vt, vpeak, steps,
            cell != null ? org.izhsim.network.build.Izhikevich2007.Rules.of(cell) :
                org.izhsim.network.build.Izhikevich2007.Rules.NONE);
        final ParameterValue c = params == null || !params.has("c") ? constant(cell.c()) : parameter(params, "c");
        final double r = Checks.firstAtOrAbove(c.ofR(), vpeak);
        if (!Double.isNaN(r))
        {
            // A reset at or above the cutoff fires its neuron in every sub-step.
            final org.snakeyaml.engine.v2.nodes.Node at = params != null && params.has("c") ? params.value("c") :
                params != null && params.has("vpeak") ? params.value("vpeak") : population.value("params");
            throw document.error(at, "'c', the reset, must be below vpeak = " + constant(vpeak).source() + " mV in " +
                "params of " + context + ", got " + (c.constant() ? c.source() : c.at(r) + " at r = " + r));
        }
        return new NeuronParameters(
            params != null && params.has("a") ? parameter(params, "a") : constant(cell.a()),
            params != null && params.has("b") ? parameter(params, "b") : constant(cell.b()), c,
            params != null && params.has("d") ? parameter(params, "d") : constant(cell.d()));
    }

    /** The 2007 cell class {@code key} names: its values and rules as {@code sim neuron}'s izh2007 preset's. */
    private static org.izhsim.core.model.Izhikevich2007Model cellClass2007(final ConfigMapping mapping,
        final String key)
    {
        final String name = mapping.oneOf(key, CELL_CLASSES_2007, "cell class of the 2007 model");
        return org.izhsim.core.model.CellType2007.valueOf(name).model();
    }

    /** The cell class {@code key} names: its a, b, c, d as {@code sim neuron}'s preset of that name has them. */
    private static org.izhsim.core.model.SimpleModel cellClass(final ConfigMapping mapping, final String key)
    {
        final String name = mapping.oneOf(key, CELL_CLASSES, "cell class");
        return (org.izhsim.core.model.SimpleModel)org.izhsim.core.preset.Presets.byName(name).model();
    }

    /** A parameter that is one number for every neuron, written as its shortest decimal. */
    private static ParameterValue constant(final double value)
    {
        return new ParameterValue(java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString(), r -> value,
            true);
    }

    private static ParameterValue parameter(final ConfigMapping params, final String key)
    {
        final Expression expression = params.numberOrExpression(key, NEURON_RANDOM);
        return new ParameterValue(expression.source(), expression, expression.isConstant());
    }

    private static InputConfig input(final ConfigMapping input, final String context)
    {
        final double noiseSd = input.nonNegativeFloat("noise_sd", 0.0);
        final double dc = input.floatNumber("dc", 0.0);
        Optional<PoissonInput> poisson = Optional.empty();
        if (input.has("poisson"))
        {
            final ConfigMapping sources = input.mapping("poisson", "poisson input of " + context, POISSON_KEYS);
            final double rateHz = sources.nonNegativeNumber("rate_hz");
            final double weight = sources.floatNumber("weight");
            final int count = sources.has("sources") ? sources.positiveInteger("sources") : 1;
            if (rateHz * count > MAX_POISSON_HZ)
            {
                throw input.document().error(sources.value("rate_hz"), String.format(java.util.Locale.ROOT,
                    "'rate_hz' x 'sources' = %.4g Hz in %s exceeds %.0e Hz (the per-step spike count is an int)",
                    rateHz * count, context, MAX_POISSON_HZ));
            }
            poisson = Optional.of(new PoissonInput(rateHz, weight, count));
        }
        return new InputConfig(noiseSd, dc, poisson, input.nonNegativeFloat("uniform_width", 0.0));
    }
}
