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
    static final List<String> RECORD_KEYS = List.of("traces", "rates_bin_ms", "weights_every_ms");
    static final List<String> TRACES_KEYS = List.of("neurons", "variables");

    private RecordReader()
    {
    }

    static RecordConfig read(final ConfigMapping recording, final TimeGrid grid)
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
                neurons.add(document.integer(item, "neurons"));
                origins.add(document.origin(item));
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
            weightsEvery > 0 ? document.origin(recording.value("weights_every_ms")) : null);
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
