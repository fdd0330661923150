package org.izhsim.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.izhsim.core.InputException;
import org.izhsim.core.InputFile;
import org.izhsim.core.stimulus.Sine;
import org.izhsim.core.stimulus.TabulatedCurrent;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads a single-neuron stimulus file into a {@link StimulusConfig}:
 * <pre>
 * stimulus:
 *   - dc: {amplitude: 10, onset_ms: 100}
 *   - sine: {amplitude: 2, frequency_hz: 8}
 * </pre>
 * Same error contract as {@link ExperimentLoader}: the first problem is a one-line, located
 * {@link InputException}. Every current (amplitude, offset, from, to, sd, mean) is within the float range, as in
 * experiment files, so that the sum of the components stays finite. A CSV component's file must exist and be at
 * most {@link TabulatedCurrent#MAX_FILE_BYTES} (checked here, so that the error points at its 'file'); its rows
 * are parsed by its consumer.
 */
public final class StimulusLoader
{
    static final List<String> TOP_KEYS = List.of("description", "stimulus");
    static final List<String> TYPES = List.of("dc", "pulse_train", "ramp", "sine", "noise", "csv");

    private StimulusLoader()
    {
    }

    /**
     * @param file the stimulus file; messages name it as given, CSV paths are relative to its directory (and named
     *             from it as given: a table's errors named its absolute path where the file's named 't/s.yaml').
     */
    public static StimulusConfig load(final Path file)
    {
        final Path parent = file.getParent();
        final Path directory = parent != null ? parent : Path.of("");
        return parse(YamlDocument.read(file), file.toString(), directory);
    }

    /**
     * @param yamlText            the YAML text.
     * @param fileNameForMessages the file as the user named it.
     * @param baseDirectory       the directory CSV paths are relative to.
     */
    public static StimulusConfig parse(final String yamlText, final String fileNameForMessages, final Path baseDirectory)
    {
        final YamlDocument document = YamlDocument.compose(yamlText, fileNameForMessages);
        final ConfigMapping top = new ConfigMapping(document, document.root(), "the stimulus file", TOP_KEYS);
        final List<StimulusComponent> components = new ArrayList<>();
        final List<String> origins = new ArrayList<>();
        for (final Node item : top.sequence("stimulus").getValue())
        {
            components.add(component(document, item, components.size() + 1, baseDirectory));
            origins.add(document.origin(item));
        }
        if (components.isEmpty())
        {
            throw document.error(top.value("stimulus"), "'stimulus' must list at least one component");
        }
        return new StimulusConfig(top.string("description", ""), components, origins);
    }

    private static StimulusComponent component(
        final YamlDocument document, final Node item, final int number, final Path baseDirectory)
    {
        final MappingNode wrapper = document.mapping(item, "stimulus");
        if (wrapper.getValue().size() != 1)
        {
            throw document.error(item, "stimulus item " + number + " must be one component, e.g. '- dc: {amplitude: 10}', got " +
                wrapper.getValue().size() + " keys");
        }
        final NodeTuple entry = wrapper.getValue().get(0);
        final String type = document.name(entry.getKeyNode(), "stimulus", TYPES, "");
        if (!TYPES.contains(type))
        {
            throw document.error(entry.getKeyNode(), "unknown stimulus component " + YamlDocument.quoted(type) +
                SpellingSuggestion.hint(type, TYPES, "valid: "));
        }
        final String context = type + " (stimulus item " + number + ")";
        final MappingNode settings = document.mapping(entry.getValueNode(), type);
        switch (type)
        {
            case "dc":
            {
                final ConfigMapping dc = new ConfigMapping(document, settings, context, List.of("amplitude", "onset_ms", "offset_ms"));
                final double onset = dc.nonNegativeNumber("onset_ms", 0.0);
                return new StimulusComponent.Dc(dc.floatNumber("amplitude"), onset, offset(dc, "onset_ms", onset, "offset_ms"));
            }
            case "pulse_train":
            {
                final ConfigMapping train = new ConfigMapping(document, settings, context,
                    List.of("amplitude", "start_ms", "width_ms", "period_ms", "count"));
                final double amplitude = train.floatNumber("amplitude");
                final double start = train.nonNegativeNumber("start_ms", 0.0);
                final double width = train.positiveNumber("width_ms");
                final double period = train.positiveNumber("period_ms");
                if (width > period)
                {
                    throw document.error(train.value("width_ms"), "'width_ms' (" + train.text("width_ms") +
                        ") must not exceed 'period_ms' (" + train.text("period_ms") + ") in " + context);
                }
                return new StimulusComponent.PulseTrain(amplitude, start, width, period, train.positiveInteger("count"));
            }
            case "ramp":
            {
                final ConfigMapping ramp = new ConfigMapping(document, settings, context, List.of("start_ms", "end_ms", "from", "to"));
                final double start = ramp.nonNegativeNumber("start_ms");
                final double end = ramp.number("end_ms");
                if (end <= start)
                {
                    throw document.error(ramp.value("end_ms"), "'end_ms' (" + ramp.text("end_ms") +
                        ") must be after 'start_ms' (" + ramp.text("start_ms") + ") in " + context);
                }
                // Within the float range, to - from stays finite: -1e308 to 1e308 was a rise of infinity.
                return new StimulusComponent.Ramp(start, end, ramp.floatNumber("from", 0.0), ramp.floatNumber("to"));
            }
            case "sine":
            {
                final ConfigMapping sine = new ConfigMapping(document, settings, context,
                    List.of("amplitude", "frequency_hz", "phase_deg", "offset", "onset_ms", "offset_ms"));
                final double amplitude = sine.floatNumber("amplitude");
                final double frequency = sine.positiveNumber("frequency_hz");
                if (frequency > Sine.MAX_FREQUENCY_HZ)
                {
                    throw document.error(sine.value("frequency_hz"), "'frequency_hz' must be at most 1e6 (1 MHz, a period of " +
                        "1 us) in " + context + ", got " + sine.text("frequency_hz"));
                }
                final double phase = sine.number("phase_deg", 0.0);
                if (Math.abs(phase) > Sine.MAX_PHASE_DEGREES)
                {
                    throw document.error(sine.value("phase_deg"), "'phase_deg' must be between -360 and 360 (one turn " +
                        "either way) in " + context + ", got " + sine.text("phase_deg"));
                }
                final double onset = sine.nonNegativeNumber("onset_ms", 0.0);
                return new StimulusComponent.Sine(amplitude, frequency, phase,
                    sine.floatNumber("offset", 0.0), onset, offset(sine, "onset_ms", onset, "offset_ms"));
            }
            case "noise":
            {
                final ConfigMapping noise = new ConfigMapping(document, settings, context, List.of("sd", "mean", "seed"));
                // Within the float range, sd times the largest draw (8.6) stays finite: sd 1e308 gave infinite currents.
                noise.floatNumber("sd");
                return new StimulusComponent.Noise(noise.nonNegativeNumber("sd"), noise.floatNumber("mean", 0.0),
                    noise.longInteger("seed", 1L));
            }
            default:
            {
                final ConfigMapping csv = new ConfigMapping(document, settings, context, List.of("file"));
                return new StimulusComponent.Csv(csvFile(csv, baseDirectory), csv.string("file"));
            }
        }
    }

    /**
     * The path is the user's text: one the file system refuses (a NUL character) is a located error rather
     * than an InvalidPathException, and control characters are shown escaped so that the message stays one line.
     */
    private static Path csvFile(final ConfigMapping csv, final Path baseDirectory)
    {
        final String written = csv.string("file");
        final String shown = YamlDocument.quoted(escaped(written));
        final Path file;
        try
        {
            file = baseDirectory.resolve(written).normalize();
        }
        catch (final InvalidPathException ex)
        {
            throw csv.document().error(csv.value("file"), "'file' " + shown + " is not a valid path (" + ex.getReason() +
                ") in " + csv.context());
        }
        final String unreadable = InputFile.problem(file);
        if (unreadable != null)
        {
            // A pipe or a device has no size to check against the table's limit, and a pipe's open waits for a writer.
            final String path = escaped(file.toString());
            throw csv.document().error(csv.value("file"), "CSV file " + shown +
                (unreadable.equals("no such file") ? " not found (looked for " + path + ")" :
                    " (" + path + ")" + (unreadable.startsWith("is ") ? " " : ": ") + unreadable));
        }
        final long size;
        try
        {
            size = Files.size(file);
        }
        catch (final IOException ex)
        {
            throw csv.document().error(csv.value("file"), "CSV file " + shown + " cannot be read (" +
                ex.getClass().getSimpleName() + ")");
        }
        if (size > TabulatedCurrent.MAX_FILE_BYTES)
        {
            throw csv.document().error(csv.value("file"), "CSV file " + shown + " " + TabulatedCurrent.tooLarge(size));
        }
        return file;
    }

    /** @return {@code text} with each control character written as a YAML escape, backslash u and four hex digits. */
    static String escaped(final String text)
    {
        return InputException.escaped(text, false);
    }

    private static double offset(final ConfigMapping component, final String onsetKey, final double onset, final String offsetKey)
    {
        if (!component.has(offsetKey))
        {
            return Double.POSITIVE_INFINITY;
        }
        final double offset = component.number(offsetKey);
        if (offset <= onset)
        {
            throw component.document().error(component.value(offsetKey), "'" + offsetKey + "' (" + component.text(offsetKey) +
                ") must be after '" + onsetKey + "' (" + (component.has(onsetKey) ? component.text(onsetKey) : "0") + ") in " +
                component.context());
        }
        return offset;
    }
}
