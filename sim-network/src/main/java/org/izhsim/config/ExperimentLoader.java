package org.izhsim.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;

/**
 * Reads a network experiment from YAML into a validated {@link ExperimentConfig}. The first problem stops
 * the load with an {@link InputException} whose one-line message reads {@code file:line:column: what}.
 * The schema is documented key by key in docs/config.md.
 */
public final class ExperimentLoader
{
    /** The one step the network engine runs (Izhikevich 2003, net.m); the grid logic here is general. */
    static final double ENGINE_DT_MS = 1.0;

    static final List<String> TOP_KEYS = List.of("name", "description", "seed", "noise_seed", "duration_ms", "dt_ms",
        "threads", "integration", "populations", "projections", "record", "random_input");

    private ExperimentLoader()
    {
    }

    /**
     * @param file the YAML file; messages name it as given.
     * @return the validated experiment.
     * @throws InputException when the file cannot be read or is invalid.
     */
    public static ExperimentConfig load(final Path file)
    {
        return load(file, List.of());
    }

    /**
     * @param file the YAML file; messages name it as given.
     * @param sets {@code KEY=VALUE} overrides of the file's values (the command line's {@code --set}), applied in
     *             order before the file is read: {@code populations.exc.size=400}, {@code projections.#1.weight=0.4}.
     * @return the validated experiment.
     * @throws InputException when the file cannot be read or is invalid, or an override is.
     */
    public static ExperimentConfig load(final Path file, final List<String> sets)
    {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sets, "sets");
        return parse(readText(file), file.toString(), sets, baseDirectory(file));
    }

    /**
     * The folder against which the files an experiment file names (a projection's {@code connections}) are taken:
     * the file's own, or the working folder for a pipe ({@code sim run <(sed ...)}).
     */
    public static Path baseDirectory(final Path file)
    {
        final Path absolute = file.toAbsolutePath();
        // /dev/stdin, /dev/fd/N and /proc/self/fd/N are the shell's redirections, pipes or not: their folder is no
        // place of the user's files.
        return org.izhsim.core.InputFile.isPipe(file) || absolute.getParent() == null ||
            absolute.startsWith("/dev") || absolute.startsWith("/proc") ? Path.of("").toAbsolutePath() :
            absolute.getParent();
    }

    /**
     * The change that removes {@code key} (the command line's {@code --unset KEY}), for the overrides of {@link
     * #parse(String, String, List)}: a key of the file, or a list item by its name or place, removed before anything
     * reads the file.
     */
    public static String unset(final String key)
    {
        return ConfigSets.unset(key);
    }

    /** @return how messages name the override {@code set} ({@code --set KEY=VALUE}, a long one shortened). */
    public static String setLabel(final String set)
    {
        return ConfigSets.label(set);
    }

    /**
     * @return the text of an experiment file, read as {@link #load} reads it (a regular file or a named pipe, at
     *         most 1 MiB, UTF-8).
     * @throws InputException naming the file when it cannot be read.
     */
    public static String readText(final Path file)
    {
        return YamlDocument.read(Objects.requireNonNull(file, "file"));
    }

    /**
     * @param yamlText             the YAML text.
     * @param fileNameForMessages  the file as the user named it, also the default experiment name (its stem).
     * @return the validated experiment.
     * @throws InputException on the first problem.
     */
    public static ExperimentConfig parse(final String yamlText, final String fileNameForMessages)
    {
        return parse(yamlText, fileNameForMessages, List.of());
    }

    /**
     * @param yamlText             the YAML text.
     * @param fileNameForMessages  the file as the user named it, also the default experiment name (its stem).
     * @param sets                 overrides of its values, as for {@link #load(Path, List)}.
     * @return the validated experiment.
     * @throws InputException on the first problem.
     */
    public static ExperimentConfig parse(final String yamlText, final String fileNameForMessages,
        final List<String> sets)
    {
        return parse(yamlText, fileNameForMessages, sets, null);
    }

    /**
     * As {@link #parse(String, String, List)}, for the text of a file in {@code baseDirectory}, against which the
     * files it names are taken; null: it may name none (text without a folder, as the explorer's uploads).
     */
    public static ExperimentConfig parse(final String yamlText, final String fileNameForMessages,
        final List<String> sets, final Path baseDirectory)
    {
        // A null name reached SnakeYAML as its "label" ("label cannot be null").
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(fileNameForMessages, "fileNameForMessages");
        Objects.requireNonNull(sets, "sets");
        for (int k = 0; k < sets.size(); k++)
        {
            // List.copyOf's NullPointerException named nothing.
            Objects.requireNonNull(sets.get(k), "sets[" + k + "]");
        }
        final YamlDocument document = YamlDocument.compose(yamlText, fileNameForMessages, List.copyOf(sets));
        final ConfigMapping top = new ConfigMapping(document, document.root(), "the experiment", TOP_KEYS);

        final String name = top.string("name", stem(fileNameForMessages));
        final String badName = folderNameProblem(name);
        if (badName != null)
        {
            throw top.has("name") ? document.error(top.value("name"), "'name' " + badName) :
                document.error(document.root(), "the experiment's name (taken from the file name when there is no " +
                    "'name' key) " + badName);
        }
        // A quoted empty text is the default's empty description ("" was refused as an empty value).
        final String description = top.has("description") &&
            top.value("description") instanceof org.snakeyaml.engine.v2.nodes.ScalarNode quoted &&
            quoted.getValue().isEmpty() && quoted.getScalarStyle() != org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN ?
            "" : top.string("description", "");
        final long seed = top.longInteger("seed", 1L);
        final Long noiseSeed = top.has("noise_seed") ? top.longInteger("noise_seed", seed) : null;
        final double dtMs = top.positiveNumber("dt_ms", 1.0);
        final TimeGrid grid = new TimeGrid(dtMs);
        if (!grid.dividesOneMillisecond())
        {
            throw document.error(top.value("dt_ms"),
                "'dt_ms' must divide 1 ms into whole steps (1, 0.5, 0.25, 0.1 ...), got " + top.text("dt_ms"));
        }
        if (dtMs != ENGINE_DT_MS)
        {
            throw document.error(top.value("dt_ms"),
                "'dt_ms' must be 1: the network engine steps 1 ms, as the 2003 network does, got " + top.text("dt_ms"));
        }
        final double durationMs = top.positiveNumber("duration_ms", 1000.0);
        if (durationMs / dtMs > ExperimentConfig.MAX_STEPS)
        {
            throw document.error(top.value("duration_ms"), "'duration_ms' " + top.text("duration_ms") + " " +
                ExperimentConfig.tooManySteps(durationMs / dtMs));
        }
        if (grid.steps(durationMs) < 0)
        {
            throw document.error(top.value("duration_ms"),
                "'duration_ms' must be a multiple of dt_ms = " + grid.dtText() + ", got " + top.text("duration_ms"));
        }
        final OptionalInt threads = threads(top);
        // The network's "euler" steps u from the new v: sim-core's semi-implicit Euler, not its forward Euler.
        final Method integration = !top.has("integration") ? Method.HALFSTEP :
            top.oneOf("integration", List.of("halfstep", "euler"), "integration").equals("euler") ?
                Method.SEMI_IMPLICIT_EULER : Method.HALFSTEP;

        final List<PopulationConfig> populations = PopulationReader.read(top, baseDirectory);
        final List<ProjectionConfig> projections = top.has("projections") ?
            new ProjectionReader(document, populations, grid, baseDirectory).read(top.value("projections")) : List.of();
        final RecordConfig recording = top.has("record") ?
            RecordReader.read(top.mapping("record", "record", RecordReader.RECORD_KEYS), grid, populations) :
            RecordConfig.SPIKES_ONLY;

        final List<org.izhsim.network.build.InputSpec> networkInputs = top.has("random_input") ?
            randomInputs(top, populations) : List.of();
        // The whole steps the tolerance took (100.0000000001 was printed by validate as typed, run as 100).
        return new ExperimentConfig(name, description, seed, grid.steps(durationMs) * dtMs, dtMs, threads, integration,
            populations, projections, recording, top.has("threads") ? document.origin(top.value("threads")) : null,
            networkInputs, noiseSeed);
    }

    /**
     * {@code random_input: {to: [exc, inh], amplitude: 20, count: 1}}: each ms, {@code count} neurons drawn from
     * the union of {@code to} get {@code amplitude} (Izhikevich 2006, poly_spnet.cpp line 788).
     */
    private static List<org.izhsim.network.build.InputSpec> randomInputs(final ConfigMapping top,
        final List<PopulationConfig> populations)
    {
        if (!(top.value("random_input") instanceof org.snakeyaml.engine.v2.nodes.SequenceNode))
        {
            return List.of(randomInput(top.mapping("random_input", "random_input", RANDOM_INPUT_KEYS), "random_input",
                populations));
        }
        // A list of them (thalamic input of one amplitude to the excitatory cells, another to the inhibitory ones):
        // each draws its own neurons each step, from its own stream after the populations' inputs, in list order.
        final YamlDocument document = top.document();
        final List<org.snakeyaml.engine.v2.nodes.Node> items =
            ((org.snakeyaml.engine.v2.nodes.SequenceNode)top.value("random_input")).getValue();
        if (items.isEmpty())
        {
            throw document.error(top.value("random_input"), "'random_input' lists no input: give at least one " +
                "{to: [...], amplitude: A}, or leave the key out");
        }
        final List<org.izhsim.network.build.InputSpec> inputs = new java.util.ArrayList<>();
        for (int k = 0; k < items.size(); k++)
        {
            final String label = "random_input #" + (k + 1);
            inputs.add(randomInput(new ConfigMapping(document, document.mapping(items.get(k), label), label,
                RANDOM_INPUT_KEYS), label, populations));
        }
        return inputs;
    }

    private static final List<String> RANDOM_INPUT_KEYS = List.of("to", "amplitude", "count");

    private static org.izhsim.network.build.InputSpec randomInput(final ConfigMapping m, final String label,
        final List<PopulationConfig> populations)
    {
        final YamlDocument document = m.document();
        final org.snakeyaml.engine.v2.nodes.Node to = m.value("to");
        final List<org.snakeyaml.engine.v2.nodes.Node> items = to instanceof org.snakeyaml.engine.v2.nodes.SequenceNode ?
            ((org.snakeyaml.engine.v2.nodes.SequenceNode)to).getValue() : List.of(to);
        final List<String> names = new java.util.ArrayList<>();
        final List<String> known = populations.stream().map(PopulationConfig::name).toList();
        for (final org.snakeyaml.engine.v2.nodes.Node item : items)
        {
            final String name = document.name(item, "to", known, "the populations ");
            if (!known.contains(name))
            {
                throw document.error(item, "unknown population " + YamlDocument.quoted(name) +
                    " in 'to' of " + label +
                    SpellingSuggestion.hint(name, known, "populations: "));
            }
            if (names.contains(name))
            {
                // At its second mention: the network plan's check of the list located it at random_input's '{'.
                throw document.error(item,
                    "population " + YamlDocument.quoted(name) + " is listed twice in 'to' of " + label);
            }
            names.add(name);
        }
        if (names.isEmpty())
        {
            throw document.error(to, "'to' of " + label + " must name at least one population");
        }
        final double amplitude;
        final int count;
        try
        {
            amplitude = m.floatNumber("amplitude");
            count = m.has("count") ? m.positiveInteger("count") : 1;
        }
        catch (final org.izhsim.core.InputException ex)
        {
            // The number checks name the key alone: in a list of inputs (or a --set of it) which one was unsaid.
            if (!label.contains("#"))
            {
                throw ex;
            }
            final org.izhsim.core.InputException named = new org.izhsim.core.InputException(ex.getMessage() + " (in " +
                label + ")");
            named.initCause(ex);
            throw named;
        }
        if (count > org.izhsim.network.build.InputSpec.MAX_PICKS_PER_STEP)
        {
            throw document.error(m.value("count"), "'count' of " + label + " must be at most " +
                org.izhsim.network.build.InputSpec.MAX_PICKS_PER_STEP + " neurons per step, got " + count);
        }
        // The plan's checks of this input are of its populations (consecutive in declaration order): at 'to'.
        return org.izhsim.network.build.InputSpec.randomPick(names, amplitude, count).at(document.origin(to));
    }

    private static OptionalInt threads(final ConfigMapping top)
    {
        if (!top.has("threads") || "auto".equals(top.rawText("threads")))
        {
            return OptionalInt.empty();
        }
        // null ('~') or an empty value as other keys say them ("got ~", or "got " and nothing).
        final org.snakeyaml.engine.v2.nodes.Node value = top.value("threads");
        final String text = top.rawText("threads");
        if (text == null)
        {
            throw top.document().error(value,
                ExperimentConfig.threadsMessage("'threads'", YamlDocument.describe(value)));
        }
        final String shown = YamlDocument.isNull(value) || text.isEmpty() ? YamlDocument.describe(value) :
            YamlDocument.shown(text);
        // Syntax only: the upper bound is the network plan's rule (Checks.MAX_THREADS), reported at this key; a count
        // too long for an int is over it too.
        final int threads = ExperimentConfig.wholeThreads(text);
        if (threads == Integer.MAX_VALUE)
        {
            throw top.document().error(top.value("threads"), org.izhsim.network.build.Checks.threadsOverMaximum(text));
        }
        if (threads < 1)
        {
            throw top.document().error(value, ExperimentConfig.threadsMessage("'threads'", shown));
        }
        return OptionalInt.of(threads);
    }

    /**
     * Default output folders are out/NAME: long enough for descriptive names, well short of the 255 bytes a
     * file name may have, with room for the staging folder's ".NAME.tmp-PID-RANDOM".
     */
    static final int MAX_NAME_BYTES = 100;

    /** @return why {@code name} cannot be the name of its output folder, or null if it can. */
    static String folderNameProblem(final String name)
    {
        if (name.isEmpty() || name.equals(".") || name.equals(".."))
        {
            return "must be a plain folder name (not empty, '.' or '..'), got " + YamlDocument.quoted(name);
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0)
        {
            return "must be a plain folder name without '/' or '\\', got " + YamlDocument.quoted(name);
        }
        // Format characters too: a right-to-left override (U+202E) made a folder whose name reads otherwise than it is.
        if (org.izhsim.core.FileNames.hasControlCharacters(name))
        {
            return "must be a plain folder name without control characters";
        }
        // A lone UTF-16 surrogate ("\ud800" in a quoted YAML string) has no UTF-8 form: the run failed at its folder
        // with a stack trace, or (with --out) after simulating, at the first file holding the name.
        if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE))
        {
            return "must be a plain folder name without unpaired surrogate characters (no character has that code)";
        }
        final int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES)
        {
            return "must be at most " + MAX_NAME_BYTES + " bytes long (UTF-8), got " + bytes;
        }
        return null;
    }

    private static String stem(final String fileName)
    {
        final String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        final int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }
}
