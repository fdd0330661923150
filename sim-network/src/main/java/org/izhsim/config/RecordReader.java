package org.izhsim.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code record} mapping: per-step traces of selected neurons and the rate bin width.
 */
final class RecordReader
{
    static final List<String> RECORD_KEYS = List.of("traces", "rates_bin_ms");
    static final List<String> TRACES_KEYS = List.of("neurons", "variables");

    private RecordReader()
    {
    }

    static RecordConfig read(final ConfigMapping recording, final int neuronCount, final TimeGrid grid)
    {
        final YamlDocument document = recording.document();
        List<Integer> neurons = List.of();
        Set<TraceVariable> variables = Set.of();
        if (recording.has("traces"))
        {
            final ConfigMapping traces = recording.mapping("traces", "record.traces", TRACES_KEYS);
            neurons = neurons(traces, neuronCount);
            variables = traces.has("variables") ? variables(traces) : EnumSet.of(TraceVariable.V);
        }
        final double binMs = recording.positiveNumber("rates_bin_ms", 1.0);
        if (grid.steps(binMs) < 0)
        {
            throw document.error(recording.value("rates_bin_ms"), "'rates_bin_ms' must be a multiple of dt_ms = " +
                grid.dtText() + ", got " + recording.text("rates_bin_ms"));
        }
        return new RecordConfig(neurons, variables, binMs);
    }

    private static List<Integer> neurons(final ConfigMapping traces, final int neuronCount)
    {
        final YamlDocument document = traces.document();
        final List<Integer> neurons = new ArrayList<>();
        for (final Node item : traces.sequence("neurons").getValue())
        {
            final int id = document.integer(item, "neurons");
            if (id < 0 || id >= neuronCount)
            {
                throw document.error(item, "neuron " + id + " in 'neurons' is outside the network's ids 0.." + (neuronCount - 1));
            }
            if (neurons.contains(id))
            {
                throw document.error(item, "neuron " + id + " is listed twice in 'neurons'");
            }
            neurons.add(id);
        }
        return neurons;
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
            final String name = document.string(item, "variables");
            if (!names.contains(name))
            {
                throw document.error(item, "unknown trace variable '" + name + "' in record.traces" +
                    SpellingSuggestion.hint(name, names, "valid: "));
            }
            if (!variables.add(TraceVariable.values()[names.indexOf(name)]))
            {
                throw document.error(item, "variable '" + name + "' is listed twice in 'variables'");
            }
        }
        return variables;
    }
}
