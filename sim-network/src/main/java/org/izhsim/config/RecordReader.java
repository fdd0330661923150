package org.izhsim.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code record} mapping: per-step traces of selected neurons and the rate bin width. Whether the
 * traced neurons exist and are distinct is the network plan's check, reported where each was written.
 */
final class RecordReader
{
    static final List<String> RECORD_KEYS = List.of("traces", "rates_bin_ms", "weights_every_ms", "spike_files",
        "spike_populations", "connections");
    static final List<String> TRACES_KEYS = List.of("neurons", "variables");

    private RecordReader()
    {
    }

    /** A neuron of a population by its place in it, or a range of them: {@code inh[3]}, {@code inh[0:10]}. */
    private static final java.util.regex.Pattern IN_POPULATION =
        java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\[([0-9]+)(?::([0-9]+))?\\]");
    /** Traced neurons a range may name, at most: each is a column set of traces.csv for every step. */
    static final int MAX_RANGE = 10_000;

    static RecordConfig read(final ConfigMapping recording, final TimeGrid grid,
        final List<PopulationConfig> populations)
    {
        final YamlDocument document = recording.document();
        final List<Integer> neurons = new ArrayList<>();
        final List<String> origins = new ArrayList<>();
        Set<TraceVariable> variables = Set.of();
        if (recording.has("traces"))
        {
            final ConfigMapping traces = recording.mapping("traces", "record.traces", TRACES_KEYS);
            for (final Node item : traces.sequence("neurons").getValue())
            {
                for (final int neuron : neurons(document, item, populations))
                {
                    neurons.add(neuron);
                    origins.add(document.origin(item));
                }
            }
            if (neurons.isEmpty())
            {
                // It was accepted and wrote no traces.csv.
                throw document.error(traces.value("neurons"), "'neurons' of record.traces lists no neuron: give " +
                    "at least one global id, or leave 'traces' out");
            }
            variables = traces.has("variables") ? variables(traces) : EnumSet.of(TraceVariable.V);
        }
        final double binMs = recording.positiveNumber("rates_bin_ms", 1.0);
        if (grid.steps(binMs) < 0)
        {
            throw document.error(recording.value("rates_bin_ms"), "'rates_bin_ms' must be a multiple of dt_ms = " +
                grid.dtText() + ", got " + recording.text("rates_bin_ms"));
        }
        final double weightsEvery = recording.has("weights_every_ms") ? recording.positiveNumber("weights_every_ms") : 0.0;
        if (weightsEvery > 0 && (grid.steps(weightsEvery) < 0 || weightsEvery > Integer.MAX_VALUE))
        {
            // Beyond the int range, which the run's step count never exceeds, it was called "not a whole number".
            throw document.error(recording.value("weights_every_ms"), "'weights_every_ms' must be a whole number of " +
                "steps of dt_ms = " + grid.dtText() + ", at most " + Integer.MAX_VALUE + " ms, got " +
                recording.text("weights_every_ms"));
        }
        // The whole steps the tolerance took, not the typed value: rates_bin_ms 0.9999999999 wrote bins at
        // 0.9999999999, 1.9999999998, .. (and weights_every_ms the same).
        return new RecordConfig(neurons, variables, grid.steps(binMs) * grid.dtMs(), origins,
            weightsEvery > 0 ? grid.steps(weightsEvery) * grid.dtMs() : 0.0,
            weightsEvery > 0 ? document.origin(recording.value("weights_every_ms")) : null,
            recording.has("spike_files") ? spikeFiles(recording) : org.izhsim.network.build.SpikeFormat.ALL,
            recording.bool("connections", false), spikePopulations(recording, populations));
    }

    /**
     * {@code spike_populations}: the populations whose spikes the spike files hold (a run's 1000 Poisson inputs need
     * not fill them), each once, in file order; rates.csv, summary.json and the rasters count every population.
     */
    private static List<String> spikePopulations(final ConfigMapping recording, final List<PopulationConfig> populations)
    {
        if (!recording.has("spike_populations"))
        {
            return List.of();
        }
        final YamlDocument document = recording.document();
        final List<String> names = new ArrayList<>();
        for (final PopulationConfig p : populations)
        {
            names.add(p.name());
        }
        final java.util.Set<String> chosen = new java.util.HashSet<>();
        final org.snakeyaml.engine.v2.nodes.SequenceNode list = recording.sequence("spike_populations");
        for (final Node item : list.getValue())
        {
            final String name = document.name(item, "spike_populations", names, "the populations ");
            if (!names.contains(name))
            {
                throw document.error(item, "unknown population " + YamlDocument.quoted(name) + " in " +
                    "record.spike_populations" + SpellingSuggestion.hint(name, names, "populations: "));
            }
            if (!chosen.add(name))
            {
                throw document.error(item, "population '" + name + "' is listed twice in record.spike_populations");
            }
        }
        if (chosen.isEmpty())
        {
            throw document.error(list, "record.spike_populations lists no population: name at least one, or leave it " +
                "out for all");
        }
        return names.stream().filter(chosen::contains).toList();
    }

    /**
     * An item of record.traces.neurons: a global id, or a population's neuron by its place in the population
     * ({@code inh[3]}, the fourth of 'inh') or a range of them ({@code inh[0:10]}, the first ten, as Python slices):
     * the ids of a population were the user's sum of the sizes before it.
     */
    private static int[] neurons(final YamlDocument document, final Node item,
        final List<PopulationConfig> populations)
    {
        final String text = item instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar ? scalar.getValue() : null;
        final java.util.regex.Matcher named = text == null ? null : IN_POPULATION.matcher(text.strip());
        if (named == null || !named.matches())
        {
            if (text != null && (text.contains("[") || text.strip().matches("[A-Za-z][A-Za-z0-9_]*")))
            {
                final PopulationConfig whole = populations.stream().filter(p -> p.name().equals(text.strip()))
                    .findFirst().orElse(null);
                throw document.error(item, "a traced neuron is a global id, POP[i] or POP[from:to] (as inh[3], " +
                    "inh[0:10]), got " + YamlDocument.quoted(text) + (whole == null ? "" : ": all of population '" +
                    whole.name() + "' is \"" + whole.name() + "[0:" + whole.size() + "]\""));
            }
            return new int[] {document.integer(item, "neurons")};
        }
        PopulationConfig population = null;
        final List<String> names = new ArrayList<>();
        for (final PopulationConfig p : populations)
        {
            names.add(p.name());
            population = p.name().equals(named.group(1)) ? p : population;
        }
        if (population == null)
        {
            throw document.error(item, "unknown population " + YamlDocument.quoted(named.group(1)) + " in traced " +
                "neuron " + YamlDocument.quoted(text) + SpellingSuggestion.hint(named.group(1), names, "valid: "));
        }
        final long from = Long.parseLong(named.group(2).length() > 12 ? "999999999999" : named.group(2));
        final long to = named.group(3) == null ? from + 1 :
            Long.parseLong(named.group(3).length() > 12 ? "999999999999" : named.group(3));
        if (named.group(3) != null && from < to && from < population.size() && to > population.size())
        {
            // Python would cut it at the end; a range past the end is refused (a slip), and said so, not "no neuron".
            throw document.error(item, YamlDocument.quoted(text) + " ends past the last neuron of population '" +
                population.name() + "', which has " + population.size() + " (" + population.name() + "[0] to " +
                population.name() + "[" + (population.size() - 1) + "]): write " + YamlDocument.quoted(
                population.name() + "[" + from + ":" + population.size() + "]") + " for the neurons from " + from +
                " on");
        }
        if (to > population.size() || from >= to)
        {
            throw document.error(item, YamlDocument.quoted(text) + " names no neuron of population '" +
                population.name() + "', which has " + population.size() + (population.size() == 1 ? " neuron" :
                " neurons") + " (" + population.name() + "[0] to " + population.name() + "[" + (population.size() - 1) +
                "]" + (named.group(3) == null ? "" : "; a range from:to ends after its last, as in Python") + ")");
        }
        if (to - from > MAX_RANGE)
        {
            throw document.error(item, YamlDocument.quoted(text) + " traces " + (to - from) + " neurons, more than " +
                MAX_RANGE + ": each adds a line to traces.csv for every step");
        }
        final int[] ids = new int[(int)(to - from)];
        for (int k = 0; k < ids.length; k++)
        {
            ids[k] = population.firstNeuron() + (int)from + k;
        }
        return ids;
    }

    /**
     * record.spike_files: which of spikes.csv, the .npy pair and spikes.h5 the run writes (each holds all the spikes:
     * a long run wrote each of them, gigabytes, where a study read one).
     */
    private static Set<org.izhsim.network.build.SpikeFormat> spikeFiles(final ConfigMapping recording)
    {
        final YamlDocument document = recording.document();
        final List<String> names = new ArrayList<>();
        for (final org.izhsim.network.build.SpikeFormat format : org.izhsim.network.build.SpikeFormat.values())
        {
            names.add(format.yamlName());
        }
        final Set<org.izhsim.network.build.SpikeFormat> formats =
            EnumSet.noneOf(org.izhsim.network.build.SpikeFormat.class);
        if (recording.value("spike_files") instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar)
        {
            // "expected a list for 'spike_files', got 'csv'" did not say how to write one.
            final String given = scalar.getValue().strip();
            throw document.error(scalar, "'spike_files' is a list of the files to write, e.g. [" +
                (given.matches("csv|npy|h5") ? given : "csv") + "], got " + recording.text("spike_files"));
        }
        for (final Node item : recording.sequence("spike_files").getValue())
        {
            final String name = document.name(item, "spike_files", names, "");
            if (!names.contains(name))
            {
                final boolean hdf = name.toLowerCase(java.util.Locale.ROOT).matches("hdf5?|sonata|\\.?h5|spikes\\.h5");
                throw document.error(item, "unknown spike file " + YamlDocument.quoted(name) + " in record.spike_files" +
                    (hdf ? ": spikes.h5 (SONATA) is 'h5'" : SpellingSuggestion.hint(name, names, "valid: ")));
            }
            if (!formats.add(org.izhsim.network.build.SpikeFormat.values()[names.indexOf(name)]))
            {
                throw document.error(item, "spike file " + YamlDocument.quoted(name) + " is listed twice in " +
                    "'spike_files'");
            }
        }
        if (formats.isEmpty())
        {
            throw document.error(recording.value("spike_files"), "'spike_files' lists none of " + names + ": name at " +
                "least one (the raster and rates are drawn from the spikes either way), or leave the key out for all");
        }
        return formats;
    }

    private static Set<TraceVariable> variables(final ConfigMapping traces)
    {
        final YamlDocument document = traces.document();
        final List<String> names = new ArrayList<>();
        for (final TraceVariable variable : TraceVariable.values())
        {
            names.add(variable.yamlName());
        }
        final Set<TraceVariable> variables = EnumSet.noneOf(TraceVariable.class);
        for (final Node item : traces.sequence("variables").getValue())
        {
            final String name = document.name(item, "variables", names, "");
            if (!names.contains(name))
            {
                throw document.error(item, "unknown trace variable " + YamlDocument.quoted(name) + " in record.traces" +
                    SpellingSuggestion.hint(name, names, "valid: "));
            }
            if (!variables.add(TraceVariable.values()[names.indexOf(name)]))
            {
                throw document.error(item, "variable " + YamlDocument.quoted(name) + " is listed twice in 'variables'");
            }
        }
        if (variables.isEmpty())
        {
            // An empty list wrote a traces.csv of times and neuron ids only.
            throw document.error(traces.value("variables"), "'variables' lists none of " + names + " in record.traces: " +
                "name at least one, or leave the key out for v");
        }
        return variables;
    }
}
