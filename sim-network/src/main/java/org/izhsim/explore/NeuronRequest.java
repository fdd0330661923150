package org.izhsim.explore;

import org.izhsim.config.SpellingSuggestion;
import org.izhsim.core.InputException;
import org.izhsim.core.NumberSyntax;
import org.izhsim.core.integrate.Method;
import org.izhsim.core.model.Izhikevich2007Model;
import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.model.SimpleModel;
import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.PresetGroup;
import org.izhsim.core.preset.Presets;
import org.izhsim.output.Numbers;
import org.izhsim.service.NeuronArgs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A POST /api/neuron body turned into {@code sim neuron} options: only the values that differ from the preset
 * are passed, and the run is then parsed from those options by the command line's own code
 * ({@link NeuronArgs}), so "copy as command" reproduces exactly what the page shows.
 */
final class NeuronRequest
{
    /**
     * An option of {@code sim neuron} named in a message of the command line's code ("--method: unknown method",
     * "--dt 1 ms is too large for --method rk4"): the request has the field of that name, without the dashes.
     */
    private static final Pattern OPTION = Pattern.compile("--(" + String.join("|", fields(null)) + ")\\b");

    /** Presets.byName's pointer to the command line's list; the API's list is GET /api/presets. */
    private static final Pattern PRESET_LIST = Pattern.compile("\\(run 'sim neuron --list' to see all (\\d+) presets\\)");

    private NeuronRequest()
    {
    }

    /**
     * @param body the request's members (see {@link Json#readFlatObject}).
     * @return the {@code sim neuron} options, starting with {@code --preset NAME}.
     * @throws ApiException 400 naming the field, for a missing, non-numeric or out-of-range value.
     */
    static List<String> arguments(final Map<String, Object> body)
    {
        requireKnownFields(body, fields(null), null);
        final Preset preset = preset(body);
        final boolean model2007 = preset.group() == PresetGroup.IZHIKEVICH_2007;
        requireKnownFields(body, fields(model2007), "preset '" + preset.name() + "'");
        final List<String> args = new ArrayList<>(List.of("--preset", preset.name()));
        for (final ParameterLimit limit : ParameterLimit.model(model2007))
        {
            final double preferred = value(preset.model(), limit.key());
            final double given = limit.check(number(body, limit.key(), preferred));
            addIfChanged(args, limit.key(), given, preferred);
        }
        final String method = text(body, "method", preset.method().cliName());
        try
        {
            Method.byName(method);
        }
        catch (final InputException ex)
        {
            // "--method: unknown method 'rk5'": the request's field is method (its other messages say "dt must be").
            throw new ApiException(400, "method", inRequestWords(ex.getMessage()));
        }
        if (!method.equals(preset.method().cliName()))
        {
            args.add("--method");
            args.add(method);
        }
        final double dt = ParameterLimit.DT.check(number(body, "dt", preset.dtMs()));
        final double typed = ParameterLimit.DURATION.check(number(body, "duration", preset.durationMs()));
        // Sliders of dt (0.005 ms steps) and duration (10 ms) rarely meet on whole steps, which sim neuron requires
        // (1000 ms at dt 0.3 is not one): the run ends at the last whole step, and the command the page shows says so.
        final double duration = wholeSteps(typed, dt);
        if (Math.round(duration / dt) + 1 > ParameterLimit.MAX_STEPS)
        {
            throw new ApiException(400, "dt", String.format(Locale.ROOT,
                "dt = %s ms gives %,d steps for %s ms; the explorer takes at most %,d (raise dt or shorten the run)",
                Numbers.format(dt), Math.round(duration / dt) + 1, Numbers.format(duration), ParameterLimit.MAX_STEPS));
        }
        addIfChanged(args, "dt", dt, preset.dtMs());
        addIfChanged(args, "duration", duration, preset.durationMs());
        addStimulus(args, body, preset, model2007, dt != preset.dtMs());
        return args;
    }

    /**
     * {@code typedMs} cut to its last whole step of {@code dtMs} (itself when it is one), in decimal: 999.9, not
     * 999.9000000000001.
     */
    static double wholeSteps(final double typedMs, final double dtMs)
    {
        final long steps = Math.max(1, (long)Math.floor(typedMs / dtMs + 1e-9));
        return Math.abs(steps * dtMs - typedMs) <= 1e-9 * typedMs ? typedMs :
            java.math.BigDecimal.valueOf(dtMs).multiply(java.math.BigDecimal.valueOf(steps)).doubleValue();
    }

    /**
     * The fields of a POST /api/neuron body.
     *
     * @param model2007 the preset's model: whether its parameters are the 2007 model's; null for either.
     */
    private static List<String> fields(final Boolean model2007)
    {
        final Set<String> fields = new LinkedHashSet<>(List.of("preset", "method", "stimulus"));
        for (final ParameterLimit limit : model2007 == null ?
            concat(ParameterLimit.MODEL_2003, ParameterLimit.MODEL_2007) : ParameterLimit.model(model2007))
        {
            fields.add(limit.key());
        }
        fields.addAll(List.of("current", "onset", "offset", "dt", "duration"));
        return List.copyOf(fields);
    }

    private static List<ParameterLimit> concat(final List<ParameterLimit> a, final List<ParameterLimit> b)
    {
        final List<ParameterLimit> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Refuses a field the request does not take: a misspelt one would otherwise leave its value at the default
     * without a word, as the experiment files' loader refuses a misspelt key.
     *
     * @param fields the fields taken.
     * @param where  what they are the fields of, for the message; null to say nothing.
     * @throws ApiException 400 naming the first unknown field, with the nearest taken one or the list.
     */
    static void requireKnownFields(final Map<String, Object> body, final List<String> fields, final String where)
    {
        for (final String name : body.keySet())
        {
            if (!fields.contains(name))
            {
                throw new ApiException(400, name, "unknown field '" + name + "'" +
                    (where == null ? "" : " for " + where) + SpellingSuggestion.hint(name, fields, "fields: "));
            }
        }
    }

    /**
     * @return the run those options describe, with the command line's checks applied.
     * @throws ApiException 400 with the command line's message, naming the option's field.
     */
    static NeuronArgs parse(final List<String> args)
    {
        try
        {
            return NeuronArgs.parse(args);
        }
        catch (final InputException ex)
        {
            throw new ApiException(400, fieldOf(ex.getMessage()), inRequestWords(ex.getMessage()));
        }
    }

    /**
     * A message of the command line's code in the request's words: its options as the request's fields
     * ("method: unknown method 'rk5'", not "--method: ..."), and the API's list of presets for the command line's.
     */
    static String inRequestWords(final String message)
    {
        return PRESET_LIST.matcher(OPTION.matcher(message).replaceAll("$1"))
            .replaceAll("(GET /api/presets lists all $1)");
    }

    /** The command line names the option first ("--dt must be ..."); that option is the page's field. */
    private static String fieldOf(final String message)
    {
        if (!message.startsWith("--"))
        {
            return null;
        }
        int end = 2;
        while (end < message.length() && Character.isLetterOrDigit(message.charAt(end)))
        {
            end++;
        }
        return message.substring(2, end);
    }

    private static void addStimulus(final List<String> args, final Map<String, Object> body, final Preset preset,
        final boolean model2007, final boolean dtChanged)
    {
        final String mode = text(body, "stimulus", "preset");
        if ("preset".equals(mode))
        {
            // The step's fields would be ignored here (even of the wrong type): refuse them, as a misspelt field.
            for (final String key : List.of("current", "onset", "offset"))
            {
                if (body.get(key) != null && !"".equals(body.get(key)))
                {
                    throw new ApiException(400, key, key + " sets the DC step, which needs stimulus 'dc' (with " +
                        "stimulus 'preset', the default, the preset's protocol runs)");
                }
            }
            return;
        }
        if (!"dc".equals(mode))
        {
            throw new ApiException(400, "stimulus", "stimulus must be 'preset' or 'dc', got '" + mode + "'");
        }
        final PresetStimulus preferred = PresetStimulus.of(preset);
        final double current = ParameterLimit.current(model2007).check(number(body, "current", preferred.current()));
        final double onset = ParameterLimit.ONSET.check(number(body, "onset", 0.0));
        final double offset = body.get("offset") == null || "".equals(body.get("offset")) ?
            Double.NaN : ParameterLimit.OFFSET.check(number(body, "offset", Double.NaN));
        if (!Double.isNaN(offset) && !(offset > onset))
        {
            throw new ApiException(400, "offset", "offset (" + Numbers.format(offset) +
                " ms) must be after onset (" + Numbers.format(onset) + " ms)");
        }
        final boolean samePresetStep = preferred.isStep() && !dtChanged && current == preferred.current() &&
            onset == preferred.onset() && sameOffset(offset, preferred.offset());
        if (samePresetStep)
        {
            return;
        }
        args.add("--current");
        args.add(Numbers.format(current));
        if (onset != 0.0)
        {
            args.add("--onset");
            args.add(Numbers.format(onset));
        }
        if (!Double.isNaN(offset))
        {
            args.add("--offset");
            args.add(Numbers.format(offset));
        }
    }

    private static boolean sameOffset(final double a, final double b)
    {
        return Double.isNaN(a) ? Double.isNaN(b) : a == b;
    }

    private static void addIfChanged(final List<String> args, final String key, final double given, final double preferred)
    {
        if (given != preferred)
        {
            args.add("--" + key);
            args.add(Numbers.format(given));
        }
    }

    private static Preset preset(final Map<String, Object> body)
    {
        final Object name = body.get("preset");
        if (name != null && !(name instanceof String))
        {
            // It said "preset is required" of a preset given as 5 or true.
            throw new ApiException(400, "preset", "preset must be a preset's name in quotes, got " + shown(name) +
                " (GET /api/presets lists them)");
        }
        if (name == null || ((String)name).isBlank())
        {
            throw new ApiException(400, "preset", "preset is required (GET /api/presets lists them)");
        }
        try
        {
            return Presets.byName((String)name);
        }
        catch (final InputException ex)
        {
            throw new ApiException(400, "preset", inRequestWords(ex.getMessage()));
        }
    }

    /** The page sends what was typed; a string that is not a number is reported against its field. */
    static double number(final Map<String, Object> body, final String key, final double fallback)
    {
        final Object value = body.get(key);
        if (value == null)
        {
            return fallback;
        }
        if (value instanceof Double)
        {
            return (Double)value;
        }
        if (value instanceof String)
        {
            // Spaces around it only, as docs/config.md says: trim() took every control character too ("0.02\u0000").
            final String text = ((String)value).replaceAll("^ +| +$", "");
            if (text.isEmpty())
            {
                throw new ApiException(400, key, key + " is empty: enter a number");
            }
            // The spelling of experiment files and of the command line this request is copied to: not 0x1p3, 1d, NaN.
            final double parsed = NumberSyntax.isDecimal(text) ? Double.parseDouble(text) : Double.NaN;
            if (Double.isFinite(parsed))
            {
                return parsed;
            }
            throw new ApiException(400, key, key + " must be a number, got " +
                org.izhsim.core.InputException.quoted(text));
        }
        throw new ApiException(400, key, key + " must be a number, got " + value);
    }

    /** A checkbox's value: true or false, as JSON gives them; not a string or number that might mean one. */
    static boolean flag(final Map<String, Object> body, final String key, final boolean fallback)
    {
        final Object value = body.get(key);
        if (value == null)
        {
            return fallback;
        }
        if (!(value instanceof Boolean))
        {
            throw new ApiException(400, key, key + " must be true or false, got " +
                (value instanceof String ? "'" + value + "'" : Numbers.format((Double)value)));
        }
        return (Boolean)value;
    }

    /** A JSON value as it was written: a number read as the double 5.0 was sent as 5. */
    private static String shown(final Object value)
    {
        return value instanceof Double number ? Numbers.format(number) : String.valueOf(value);
    }

    static String text(final Map<String, Object> body, final String key, final String fallback)
    {
        final Object value = body.get(key);
        if (value == null)
        {
            return fallback;
        }
        if (!(value instanceof String))
        {
            throw new ApiException(400, key, key + " must be a string, got " + shown(value));
        }
        return (String)value;
    }

    /** The preset's value of a model parameter, by its option name. */
    static double value(final NeuronModel model, final String key)
    {
        if (model instanceof SimpleModel)
        {
            final SimpleModel simple = (SimpleModel)model;
            switch (key)
            {
                case "a":
                    return simple.a();
                case "b":
                    return simple.b();
                case "c":
                    return simple.c();
                case "d":
                    return simple.d();
                default:
                    throw new IllegalArgumentException(key);
            }
        }
        final Izhikevich2007Model full = (Izhikevich2007Model)model;
        switch (key)
        {
            case "C":
                return full.capacitance();
            case "k":
                return full.k();
            case "vr":
                return full.vr();
            case "vt":
                return full.vt();
            case "vpeak":
                return full.vpeak();
            case "a":
                return full.a();
            case "b":
                return full.b();
            case "c":
                return full.c();
            case "d":
                return full.d();
            default:
                throw new IllegalArgumentException(key);
        }
    }
}
