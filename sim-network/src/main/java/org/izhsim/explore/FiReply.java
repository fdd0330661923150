package org.izhsim.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.izhsim.core.InputException;
import org.izhsim.core.model.Izhikevich2007Model;
import org.izhsim.core.run.FiCurve;
import org.izhsim.core.run.RunSpec;
import org.izhsim.output.Numbers;
import org.izhsim.service.FiCurrents;
import org.izhsim.service.NeuronArgs;

/**
 * The reply to POST /api/neuron/fi: the f-I curve of the neuron the page shows ({@code sim neuron ... --fi
 * FROM:TO:STEP}, the same code), one run per DC step amplitude from the preset's start state.
 * <p>
 * The body is the /api/neuron body, its stimulus the preset's (the curve's steps replace it), plus {@code fi_from},
 * {@code fi_to}, {@code fi_step} (the amplitudes) and {@code fi_duration} (ms, each run's; default 1000).
 */
final class FiReply
{
    /** Steps of all the curve's runs together, at most: about 2 s of simulation here. */
    static final long MAX_STEPS = 20 * ParameterLimit.MAX_STEPS;

    private FiReply()
    {
    }

    /**
     * The field of a refusal of the curve's values: FROM, TO or STEP as the message names them (every one was marked
     * at the step), the duration's; null for another field's (the neuron's own, named by its message).
     */
    private static String fiField(final String message)
    {
        if (message.startsWith("--fi"))
        {
            final String why = message.substring(message.indexOf(':') + 1);
            return why.contains("TO must") || why.contains(" TO ") ? "fi_to" : why.contains("FROM") ? "fi_from" :
                "fi_step";
        }
        return message.startsWith("--duration") ? "fi_duration" : null;
    }

    /**
     * A refusal of --fi's FROM:TO:STEP (FiCurrents') in the request's words: "--fi 0:300:0: STEP must be > 0" named a
     * command-line option the request has none of; "fi_step must be > 0, got 0" names its field.
     */
    private static String inRequestWords(final String message, final Map<String, Object> fi)
    {
        if (!message.startsWith("--fi"))
        {
            // The curve's run length is fi_duration; the other options are the neuron's fields.
            return NeuronRequest.inRequestWords(message.replaceFirst("^--duration\\b", "fi_duration"));
        }
        // "--fi RANGE: why" or "--fi: why" (a value outside a float's range): the range is the request's three fields.
        final String why = message.substring(message.indexOf(": ") + 2).replaceAll("\\bFROM\\b", "fi_from")
            .replaceAll("\\bTO\\b", "fi_to").replaceAll("\\bSTEP\\b", "fi_step");
        final String field = fiField(message);
        return why.startsWith(field + " must") ? why + ", got " + Numbers.format(NeuronRequest.number(fi, field,
            field.equals("fi_from") ? 0.0 : Double.NaN)) : why;
    }

    static byte[] compute(final Map<String, Object> body)
    {
        final long start = System.nanoTime();
        final List<String> fiFields = List.of("fi_from", "fi_to", "fi_step", "fi_duration");
        for (final String key : body.keySet())
        {
            if (key.startsWith("fi_") && !fiFields.contains(key))
            {
                throw new ApiException(400, key, "unknown field '" + key + "'" +
                    org.izhsim.config.SpellingSuggestion.hint(key, fiFields, "the curve's fields: "));
            }
        }
        final Map<String, Object> neuron = new LinkedHashMap<>(body);
        final Map<String, Object> fi = new LinkedHashMap<>();
        for (final String key : fiFields)
        {
            fi.put(key, neuron.remove(key));
        }
        final List<String> args = new ArrayList<>(NeuronRequest.arguments(neuron));
        if (args.contains("--current") || args.contains("--stimulus"))
        {
            throw new ApiException(400, "stimulus", "an f-I curve runs its own DC steps: give stimulus 'preset'");
        }
        final int duration = args.indexOf("--duration");
        if (duration >= 0)
        {
            args.remove(duration + 1);
            args.remove(duration);
        }
        final double runMs = NeuronRequest.number(fi, "fi_duration", 1000.0);
        if (!(runMs >= 10 && runMs <= ParameterLimit.MAX_DURATION_MS))
        {
            throw new ApiException(400, "fi_duration", "each run of the curve lasts 10 to " +
                Numbers.format(ParameterLimit.MAX_DURATION_MS) + " ms, got " + Numbers.format(runMs));
        }
        // A run length that is no whole number of dt runs to the last whole step, as the neuron tab's duration does
        // (it was refused here: "--duration 1000 ms is not a whole number of steps of 0.3 ms").
        final int dtAt = args.indexOf("--dt");
        final double dt = dtAt >= 0 ? Double.parseDouble(args.get(dtAt + 1)) :
            org.izhsim.core.preset.Presets.byName(args.get(1)).runSpec().dtMs();
        args.add("--duration");
        args.add(Numbers.format(NeuronRequest.wholeSteps(runMs, dt)));
        for (final String key : List.of("fi_to", "fi_step"))
        {
            if (fi.get(key) == null)
            {
                throw new ApiException(400, key, "give " + key + (key.equals("fi_to") ? ", the largest amplitude" :
                    ", the step between amplitudes"));
            }
        }
        final String range = Numbers.format(NeuronRequest.number(fi, "fi_from", 0.0)) + ":" +
            Numbers.format(NeuronRequest.number(fi, "fi_to", Double.NaN)) + ":" +
            Numbers.format(NeuronRequest.number(fi, "fi_step", Double.NaN));
        final double[] currents;
        final NeuronArgs parsed;
        try
        {
            currents = FiCurrents.parse(range);
            parsed = NeuronArgs.parseFiCurve(args);
        }
        catch (final InputException ex)
        {
            throw new ApiException(400, fiField(ex.getMessage()), inRequestWords(ex.getMessage(), fi));
        }
        args.add("--fi");
        args.add(range);
        final RunSpec run = parsed.runSpec();
        if ((long)run.steps() * currents.length > MAX_STEPS)
        {
            throw new ApiException(400, "fi_step", String.format(java.util.Locale.ROOT, "%d currents of %,d steps each " +
                "are more than the explorer runs for one curve (%,d steps): fewer currents (a larger step), shorter runs " +
                "or a larger dt; './sim neuron ... --fi' runs any number", currents.length, run.steps(), MAX_STEPS));
        }
        // Its runs keep their spikes alone (SingleNeuronRun.spikesOnly): no trace takes the heap.
        // A current whose run blows up is a point of its own (blow_up_ms, and the first's line as blow_up): the others
        // are drawn (a blow-up at any current dropped the whole curve).
        // What sim neuron --fi prints on stderr after its runs, by the same code: the currents whose run overshot the
        // rest point or fired at the step rate (a dt-set 4000 Hz was drawn without a word), and fiWarnings' (none for
        // the page's steps, which last the whole run: said all the same if that changes).
        final org.izhsim.service.NeuronOptions.FiRunWarnings runWarnings =
            new org.izhsim.service.NeuronOptions.FiRunWarnings(run);
        final List<FiCurve.Point> points = FiCurve.run(run, currents, 0.0, Double.POSITIVE_INFINITY, () -> false,
            runWarnings);
        final List<String> warnings = new ArrayList<>(org.izhsim.service.NeuronOptions.fiWarnings(run, 0.0,
            Double.POSITIVE_INFINITY));
        warnings.addAll(runWarnings.lines(currents.length));
        final String blowUp = points.stream().anyMatch(FiCurve.Point::blewUp) ?
            NeuronRequest.inRequestWords(FiCurve.blownUp(points, "").getMessage()) : null;
        final double serverMs = (System.nanoTime() - start) * 1e-6;
        final boolean model2007 = run.model() instanceof Izhikevich2007Model;
        return Json.write(json ->
        {
            json.writeStartObject();
            json.writeStringField("preset", parsed.preset().name());
            json.writeStringField("title", parsed.preset().title());
            json.writeStringField("method", run.method().cliName());
            json.writeNumberField("dt", run.dtMs());
            json.writeNumberField("duration_ms", run.durationMs());
            json.writeStringField("current_unit", model2007 ? "pA" : "");
            Json.doubles(json, "currents", points.stream().mapToDouble(FiCurve.Point::current).toArray());
            json.writeArrayFieldStart("spike_counts");
            for (final FiCurve.Point p : points)
            {
                // null for a run that blew up, as its rates.
                if (p.blewUp())
                {
                    json.writeNull();
                }
                else
                {
                    json.writeNumber(p.spikes());
                }
            }
            json.writeEndArray();
            Json.doubles(json, "rate_hz", points.stream().mapToDouble(FiCurve.Point::rateHz).toArray());
            Json.doubles(json, "first_spike_latency_ms", points.stream().mapToDouble(FiCurve.Point::latencyMs).toArray());
            Json.doubles(json, "last_isi_rate_hz", points.stream().mapToDouble(FiCurve.Point::lastIsiRateHz).toArray());
            Json.doubles(json, "blow_up_ms", points.stream().mapToDouble(FiCurve.Point::blowUpMs).toArray());
            if (blowUp != null)
            {
                json.writeStringField("blow_up", blowUp);
            }
            if (!warnings.isEmpty())
            {
                // As /api/neuron's: the lines sim neuron --fi prints after "sim: warning: ".
                json.writeArrayFieldStart("warnings");
                for (final String warning : warnings)
                {
                    json.writeString(warning);
                }
                json.writeEndArray();
            }
            Json.numberField(json, "first_firing_current", FiCurve.firstFiringCurrent(points));
            json.writeStringField("command", "./sim neuron " + String.join(" ", args));
            json.writeNumberField("server_ms", serverMs);
            json.writeEndObject();
        });
    }
}
