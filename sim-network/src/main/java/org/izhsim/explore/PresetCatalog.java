package org.izhsim.explore;

import com.fasterxml.jackson.core.JsonGenerator;
import org.izhsim.core.integrate.Method;
import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.PresetGroup;
import org.izhsim.core.preset.Presets;

import java.io.IOException;
import java.util.List;

/**
 * The reply to GET /api/presets: every preset with its parameters, protocol and stimulus, the schemes, and
 * the accepted ranges of every field, so the page builds its controls and checks values as the server does.
 */
final class PresetCatalog
{
    private PresetCatalog()
    {
    }

    static byte[] json()
    {
        return Json.write(json ->
        {
            json.writeStartObject();
            json.writeArrayFieldStart("groups");
            for (final PresetGroup group : PresetGroup.values())
            {
                json.writeStartObject();
                json.writeStringField("id", group.name());
                json.writeStringField("citation", group.citation());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("methods");
            for (final Method method : Method.values())
            {
                json.writeString(method.cliName());
            }
            json.writeEndArray();
            json.writeObjectFieldStart("limits");
            writeLimits(json, "model_2003", ParameterLimit.MODEL_2003);
            writeLimits(json, "model_2007", ParameterLimit.MODEL_2007);
            writeLimits(json, "current_2003", List.of(ParameterLimit.CURRENT_2003));
            writeLimits(json, "current_2007", List.of(ParameterLimit.CURRENT_2007));
            writeLimits(json, "run", List.of(ParameterLimit.DT, ParameterLimit.DURATION, ParameterLimit.ONSET,
                ParameterLimit.OFFSET));
            json.writeNumberField("max_steps", ParameterLimit.MAX_STEPS);
            json.writeEndObject();
            json.writeArrayFieldStart("presets");
            for (final Preset preset : Presets.all())
            {
                writePreset(json, preset);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writePreset(final JsonGenerator json, final Preset preset) throws IOException
    {
        final boolean model2007 = preset.group() == PresetGroup.IZHIKEVICH_2007;
        json.writeStartObject();
        json.writeStringField("name", preset.name());
        json.writeStringField("title", preset.title());
        json.writeStringField("description", preset.description());
        json.writeStringField("citation", preset.citation());
        json.writeStringField("group", preset.group().name());
        json.writeStringField("model", model2007 ? "2007" : "2003");
        // The equations beyond the family's standard form, as sim neuron's "equations:" line (null for none): the page's
        // header showed the standard form for class_1_excitable (4.1 v + 108) and the book's FS cell (cubic U(v)).
        json.writeStringField("equations", org.izhsim.service.NeuronOptions.changedEquations(preset.model()));
        json.writeObjectFieldStart("params");
        for (final ParameterLimit limit : ParameterLimit.model(model2007))
        {
            json.writeNumberField(limit.key(), NeuronRequest.value(preset.model(), limit.key()));
        }
        json.writeEndObject();
        json.writeStringField("method", preset.method().cliName());
        json.writeNumberField("dt", preset.dtMs());
        json.writeNumberField("duration", preset.durationMs());
        final PresetStimulus stimulus = PresetStimulus.of(preset);
        json.writeObjectFieldStart("stimulus");
        json.writeStringField("mode", stimulus.isStep() ? "dc" : "preset");
        json.writeNumberField("current", stimulus.current());
        json.writeNumberField("onset", stimulus.onset());
        Json.numberField(json, "offset", stimulus.offset());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeLimits(final JsonGenerator json, final String name, final List<ParameterLimit> limits)
        throws IOException
    {
        json.writeArrayFieldStart(name);
        for (final ParameterLimit limit : limits)
        {
            json.writeStartObject();
            json.writeStringField("key", limit.key());
            json.writeStringField("label", limit.label());
            json.writeStringField("unit", limit.unit());
            json.writeNumberField("min", limit.min());
            json.writeNumberField("max", limit.max());
            json.writeNumberField("step", limit.step());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
