package org.izhsim.cli;

import org.izhsim.service.StopOnSignal;
import org.izhsim.config.StimulusAssembler;
import org.izhsim.core.model.Izhikevich2007Model;
import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.PresetGroup;
import org.izhsim.core.preset.Presets;
import org.izhsim.core.InputException;
import org.izhsim.core.run.FiCurve;
import org.izhsim.core.run.RunResult;
import org.izhsim.core.run.RunSpec;
import org.izhsim.core.run.RunStopped;
import org.izhsim.core.run.SingleNeuronRun;
import org.izhsim.output.FiCurveOutputs;
import org.izhsim.output.JsonSummary;
import org.izhsim.output.NeuronFigure;
import org.izhsim.output.NeuronTraceCsv;
import org.izhsim.output.Numbers;
import org.izhsim.output.OutputDirectory;
import org.izhsim.output.SpikeTimesCsv;
import org.izhsim.service.FiCurrents;
import org.izhsim.service.NeuronOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code sim neuron}: one neuron from a preset, with any of its parts overridden; prints the spikes, or one
 * JSON object with {@code --json}, and writes trace, spikes and figures with {@code --out}.
 */
@Command(name = "neuron", mixinStandardHelpOptions = true, versionProvider = org.izhsim.service.VersionText.class,
    sortOptions = false,
    description = {
        "Simulate one Izhikevich neuron (2003 or 2007 model).",
        "A preset with no other options reproduces its published protocol spike for spike."
    })
final class NeuronCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    NeuronOptions options;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Write trace.csv, spikes.csv, neuron.png and neuron.svg into DIR: a new or empty folder, or one " +
            "written earlier by this command that holds nothing else (then replaced).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object to stdout and nothing else.")
    boolean json;

    @Option(names = "--list", description = "List the presets and exit (as one JSON object with --json); no other option.")
    boolean list;

    @Option(names = "--fi", paramLabel = "FROM:TO:STEP",
        description = "An f-I curve: one run per DC step amplitude FROM, FROM+STEP, ..., TO (or a list I1,I2,..., in ascending order), " +
            "each from the preset's start state, the step from --onset (default 0) to --offset (default: the end), " +
            "runs of --duration (default 1000 ms); prints rate, first-spike latency and last-ISI rate per current; " +
            "--out writes fi.csv, fi.png and fi.svg.")
    String fi;

    @Override
    public Integer call()
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        if (list)
        {
            refuseOptionsBesideList();
            if (json)
            {
                // --json promises one JSON object and nothing else: the list printed as text broke a script's parse.
                presetList().writeCompactLine(stdout);
            }
            else
            {
                listPresets(stdout);
            }
            stdout.flush();
            return 0;
        }
        // Titled with the parameters given (its model and run are the preset's with them).
        final Preset preset = options.titled(options.preset());
        final PrintWriter err = spec.commandLine().getErr();
        if (fi != null)
        {
            return fiCurve(preset, stdout, err);
        }
        final List<String> warnings = new ArrayList<>();
        final RunSpec run = options.runSpec(preset, StimulusAssembler::load, warnings::add);
        if (out != null)
        {
            // Before the warnings: a refused --out was a second line after them (one line for bad input).
            OutputDirectory.requireUsable(out, inputFiles(), "sim neuron");
        }
        for (final String warning : warnings)
        {
            err.println(Main.oneLine("sim: warning: " + warning));
        }
        if (out != null)
        {
            RunCommand.warnOfMissingFonts(err, "sim neuron");
        }
        err.flush();
        final RunResult result;
        final AtomicBoolean stop = new AtomicBoolean();
        // The output folder is checked (and may be refused) before the neuron runs. Ctrl-C or SIGTERM while it runs
        // gives the run up (its unfinished output folder is deleted) with one line; a second one, or one while the
        // outputs are written, does what it does without this handler.
        try (OutputDirectory dir = out != null ? OutputDirectory.create(out, inputFiles(), "sim neuron") : null;
            StopOnSignal signals = new StopOnSignal(() -> stop.set(true)))
        {
            // Once the folder is staged: refused for an unwritable parent, it warned of a replacement first.
            warnOfReplacedOutputs(err, dir, out);
            result = SingleNeuronRun.run(run, stop::get);
            signals.runEnded("sim: the run has ended and its outputs are being written; a second Ctrl-C abandons them");
            if (dir != null)
            {
                try
                {
                    writeOutputs(dir, preset, run, result);
                }
                catch (final UncheckedIOException ex)
                {
                    // A full disk or a removed folder: one line naming --out; close() deletes the unfinished folder.
                    throw dir.failed(ex);
                }
            }
        }
        catch (final RunStopped stopped)
        {
            // Before, the JVM's own handler ended the process with no word (exit 130): say how far it got, and that
            // nothing is kept.
            err.println(Main.oneLine("sim: interrupted at t = " + Numbers.readable(stopped.stoppedAtMs()) + " ms of " +
                Numbers.format(stopped.durationMs()) + " ms; the run was given up and nothing was written" +
                (out != null ? " (" + out + " is as it was)" : "")));
            err.flush();
            return Main.EXIT_INTERRUPTED;
        }
        final String overshoot = NeuronOptions.overshoot(result, run);
        if (overshoot != null)
        {
            err.println(Main.oneLine("sim: warning: " + overshoot));
        }
        final String saturated = NeuronOptions.saturation(result, run);
        if (saturated != null)
        {
            err.println(Main.oneLine("sim: warning: " + saturated));
        }
        err.flush();
        if (json)
        {
            // Streamed: a long run's spike list as one string ran out of memory after the run.
            summary(preset, run, result, spec.commandLine().getParseResult().originalArgs()).writeCompactLine(stdout);
        }
        else
        {
            printSummary(stdout, preset, run, result);
        }
        stdout.flush();
        return 0;
    }

    /** {@code --fi}: the f-I curve's runs, then its table or JSON line, and with --out its files. */
    private int fiCurve(final Preset preset, final PrintWriter stdout, final PrintWriter err)
    {
        final double[] currents = FiCurrents.parse(fi);
        final RunSpec run = options.fiRunSpec(preset);
        final double onset = options.fiOnsetMs();
        final double offset = options.fiOffsetMs();
        if (!(onset < run.durationMs()))
        {
            throw new InputException("--onset " + Numbers.format(onset) + " ms is not before the end of the runs, " +
                Numbers.format(run.durationMs()) + " ms (--duration)");
        }
        if (out != null)
        {
            OutputDirectory.requireUsable(out, List.of(), "sim neuron");
        }
        // Printed on stderr as they come, and --json's "warnings" too, as the explorer's reply carries them (a dt
        // that sets the rates was on stderr alone, and a script reading the JSON took the rates as the model's).
        final List<String> warned = new java.util.ArrayList<>(NeuronOptions.fiWarnings(run, onset, offset));
        for (final String warning : warned)
        {
            err.println(Main.oneLine("sim: warning: " + warning));
        }
        if (out != null)
        {
            RunCommand.warnOfMissingFonts(err, "sim neuron");
        }
        err.flush();
        final List<FiCurve.Point> points;
        final AtomicBoolean stop = new AtomicBoolean();
        try (OutputDirectory dir = out != null ? OutputDirectory.create(out, List.of(), "sim neuron") : null;
            StopOnSignal signals = new StopOnSignal(() -> stop.set(true)))
        {
            warnOfReplacedOutputs(err, dir, out);
            // A current whose run blows up is a point of its own, marked in every output, and said last (exit 3): the
            // curve lost all its points to it.
            final NeuronOptions.FiRunWarnings runWarnings = new NeuronOptions.FiRunWarnings(run, onset, offset);
            points = FiCurve.run(run, currents, onset, offset, stop::get, runWarnings);
            for (final String warning : runWarnings.lines(currents.length))
            {
                warned.add(warning);
                err.println(Main.oneLine("sim: warning: " + warning));
            }
            err.flush();
            signals.runEnded("sim: the runs have ended and their outputs are being written; a second Ctrl-C abandons them");
            if (dir != null)
            {
                try
                {
                    FiCurveOutputs.writeCsv(dir.resolve("fi.csv"), points);
                    if (org.izhsim.output.plot.TextMetrics.missingFonts() == null)
                    {
                        final org.izhsim.output.plot.FigureBuilder figure = FiCurveOutputs.figure(
                            fiTitle(preset, run), run.model() instanceof Izhikevich2007Model ? "pA" : "",
                            fiWindow(onset, offset, run), points);
                        figure.writePng(dir.resolve("fi.png"));
                        figure.writeSvg(dir.resolve("fi.svg"));
                    }
                    dir.commit();
                }
                catch (final UncheckedIOException ex)
                {
                    throw dir.failed(ex);
                }
            }
        }
        catch (final RunStopped stopped)
        {
            err.println(Main.oneLine("sim: interrupted during the f-I curve's runs; nothing was written" +
                (out != null ? " (" + out + " is as it was)" : "")));
            err.flush();
            return Main.EXIT_INTERRUPTED;
        }
        if (json)
        {
            final JsonSummary summary = new JsonSummary().put("preset", preset.name())
                .put("arguments", spec.commandLine().getParseResult().originalArgs());
            params(summary.object("params"), run);
            summary.put("method", run.method().cliName()).put("dt", run.dtMs()).put("duration_ms", run.durationMs())
                .put("onset_ms", onset).put("offset_ms", offset)
                // The window the rates are over: the step within the runs (an offset past their end counts to it).
                .put("window_ms", new double[] {onset, Math.min(offset, run.durationMs())})
                .put("currents", points.stream().mapToDouble(FiCurve.Point::current).toArray())
                .put("spike_counts", points.stream().mapToInt(FiCurve.Point::spikes).toArray(), blownUp(points))
                .put("rate_hz", points.stream().mapToDouble(FiCurve.Point::rateHz).toArray())
                .put("first_spike_latency_ms", points.stream().mapToDouble(FiCurve.Point::latencyMs).toArray())
                .put("last_isi_rate_hz", points.stream().mapToDouble(FiCurve.Point::lastIsiRateHz).toArray())
                // null where the run did not blow up.
                .put("blow_up_ms", points.stream().mapToDouble(FiCurve.Point::blowUpMs).toArray())
                // The text's summary line: NaN (null) when no current fired the neuron.
                .put("first_firing_current", FiCurve.firstFiringCurrent(points));
            if (!warned.isEmpty())
            {
                summary.put("warnings", warned);
            }
            summary.writeCompactLine(stdout);
        }
        else
        {
            printFiCurve(stdout, preset, run, onset, offset, points);
        }
        stdout.flush();
        final long fine = points.stream().filter(p -> !p.blewUp()).count();
        if (fine < points.size())
        {
            throw FiCurve.blownUp(points, fine == 0 ? "" : "; the other " + (fine == 1 ? "current is" : fine +
                " currents are") + (out != null ? " written to " + out + " and" : "") + " shown");
        }
        return 0;
    }

    /** Which points blew up: their spike counts are null in the JSON, as their rates. */
    private static boolean[] blownUp(final List<FiCurve.Point> points)
    {
        final boolean[] blown = new boolean[points.size()];
        for (int k = 0; k < blown.length; k++)
        {
            blown[k] = points.get(k).blewUp();
        }
        return blown;
    }

    private static String fiTitle(final Preset preset, final RunSpec run)
    {
        return "f-I curve: " + preset.title() + ", " + run.method().cliName() + ", dt = " + Numbers.format(run.dtMs()) +
            " ms";
    }

    /** "from 0 ms to the end, 1000 ms" or "from 100 to 600 ms of 1000 ms". */
    private static String fiWindow(final double onset, final double offset, final RunSpec run)
    {
        return offset >= run.durationMs() ? "from " + Numbers.format(onset) + " ms to the end, " +
            Numbers.format(run.durationMs()) + " ms" : "from " + Numbers.format(onset) + " to " + Numbers.format(offset) +
            " ms of " + Numbers.format(run.durationMs()) + " ms";
    }

    private static void printFiCurve(final PrintWriter stdout, final Preset preset, final RunSpec run,
        final double onset, final double offset, final List<FiCurve.Point> points)
    {
        stdout.printf(Locale.ROOT, "%s: %s%n", preset.name(), preset.title());
        stdout.printf(Locale.ROOT, "  f-I curve: %d DC step%s %s, %s, dt = %s ms%n", points.size(),
            points.size() == 1 ? "" : "s",
            fiWindow(onset, offset, run), run.method().cliName(), Numbers.format(run.dtMs()));
        final String changed = NeuronOptions.changedEquations(run.model());
        if (changed != null)
        {
            stdout.printf(Locale.ROOT, "  equations: %s%n", changed);
        }
        stdout.printf(Locale.ROOT, "  %12s %7s %10s %13s %15s%n", "current", "spikes", "rate (Hz)", "latency (ms)",
            "last ISI (Hz)");
        FiCurve.Point lastSilent = null;
        FiCurve.Point firstFiring = null;
        for (final FiCurve.Point p : points)
        {
            if (p.blewUp())
            {
                stdout.printf(Locale.ROOT, "  %12s   blew up at t = %s ms%n", Numbers.format(p.current()),
                    Numbers.format(p.blowUpMs()));
                continue;
            }
            stdout.printf(Locale.ROOT, "  %12s %7d %10.2f %13s %15s%n", Numbers.format(p.current()), p.spikes(),
                p.rateHz(), Double.isFinite(p.latencyMs()) ? String.format(Locale.ROOT, "%.2f", p.latencyMs()) : "-",
                Double.isFinite(p.lastIsiRateHz()) ? String.format(Locale.ROOT, "%.2f", p.lastIsiRateHz()) : "-");
            if (p.spikes() == 0 && firstFiring == null)
            {
                lastSilent = p;
            }
            else if (p.spikes() > 0 && firstFiring == null)
            {
                firstFiring = p;
            }
        }
        if (firstFiring == null)
        {
            stdout.println("  no current fired the neuron");
        }
        else
        {
            stdout.println("  the first current that fires: " + Numbers.format(firstFiring.current()) +
                (lastSilent != null ? " (the one before it, " + Numbers.format(lastSilent.current()) + ", does not)" : ""));
        }
    }

    /**
     * {@code --list} is an action of its own: it used to ignore the options given with it, so {@code --list --preset X
     * --duration 5} printed the list and ran nothing, and a typo in them went unnoticed. Only {@code --json} (the list
     * as JSON) goes with it.
     */
    private void refuseOptionsBesideList()
    {
        final List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
            .map(OptionSpec::longestName).filter(name -> !name.equals("--list") && !name.equals("--json"))
            .distinct().toList();
        if (!others.isEmpty())
        {
            throw new ParameterException(spec.commandLine(), "--list prints the presets and takes no option but --json, " +
                "got " + String.join(", ", others) + ": drop --list to run a neuron");
        }
    }

    private List<Path> inputFiles()
    {
        return options.stimulusFile() != null ? List.of(options.stimulusFile()) : List.of();
    }

    private static void writeOutputs(final OutputDirectory dir, final Preset preset, final RunSpec run,
        final RunResult result)
    {
        NeuronTraceCsv.write(dir.resolve("trace.csv"), result.t(), result.v(), result.u(), result.i());
        SpikeTimesCsv.write(dir.resolve("spikes.csv"), result.spikeTimes(), result.spikeCount());
        if (org.izhsim.output.plot.TextMetrics.missingFonts() == null)
        {
            final NeuronFigure figure = figure(preset, run, result);
            figure.writePng(dir.resolve("neuron.png"));
            figure.writeSvg(dir.resolve("neuron.svg"));
        }
        dir.commit();
    }

    static NeuronFigure figure(final Preset preset, final RunSpec run, final RunResult result)
    {
        final boolean model2007 = run.model() instanceof Izhikevich2007Model;
        final String name = preset.title().contains("(" + preset.name() + ")") ?
            preset.title() : preset.title() + " [" + preset.name() + "]";
        final String title = name + ", " + run.method().cliName() + ", dt = " + Numbers.format(run.dtMs()) + " ms";
        return new NeuronFigure(title, result.t(), result.v(), result.u(), result.i(), model2007 ? "pA" : "",
            result.spikeTimes())
            .nullclines(run.model()::vNullclineU, run.model()::uNullclineU, result.strongestCurrent(),
                result.secondNullclineCurrent())
            .uBeforeReset(run.model()::uBeforeReset);
    }

    /**
     * The --json line: what ran (the preset, the model's parameters as used, the arguments as given: a line saved from
     * a sweep says which current made it) and its spikes.
     */
    private static JsonSummary summary(final Preset preset, final RunSpec run, final RunResult result,
        final List<String> arguments)
    {
        final JsonSummary summary = new JsonSummary()
            .put("preset", preset.name())
            .put("arguments", arguments);
        params(summary.object("params"), run);
        return summary
            .put("method", run.method().cliName())
            .put("dt", run.dtMs())
            .put("duration_ms", run.durationMs())
            .put("spikes_ms", result.spikeTimes())
            .put("spike_count", result.spikeCount())
            .put("first_spike_ms", result.firstSpikeMs())
            .put("mean_rate_hz", result.meanRateHz())
            // The spikes the rate counts, those before T: a spike at the last step starts the interval after T (40
            // spikes at 177.27 Hz over 220 ms read as a wrong rate, the line says so, the JSON did not).
            .put("mean_rate_spike_count", result.countSpikes(Double.NEGATIVE_INFINITY, run.durationMs()));
    }

    /** The model's parameters as the run uses them. */
    private static void params(final JsonSummary params, final RunSpec run)
    {
        if (run.model() instanceof Izhikevich2007Model m)
        {
            params.put("capacitance", m.capacitance()).put("k", m.k()).put("vr", m.vr()).put("vt", m.vt()).put("vpeak", m.vpeak())
                .put("a", m.a()).put("b", m.b()).put("c", m.c()).put("d", m.d());
        }
        else if (run.model() instanceof org.izhsim.core.model.SimpleModel m)
        {
            params.put("a", m.a()).put("b", m.b()).put("c", m.c()).put("d", m.d());
        }
        final String changed = NeuronOptions.changedEquations(run.model());
        if (changed != null)
        {
            params.put("equations", changed);
        }
    }

    /** Spike times the text summary lists, at most. */
    static final int SHOWN_SPIKE_TIMES = 100;

    private static void printSummary(
        final PrintWriter stdout, final Preset preset, final RunSpec run, final RunResult result)
    {
        stdout.printf(Locale.ROOT, "%s: %s%n", preset.name(), preset.title());
        stdout.printf(Locale.ROOT, "  %s, dt = %s ms, T = %s ms, v0 = %s, u0 = %s%n", run.method().cliName(),
            Numbers.format(run.dtMs()), Numbers.format(run.durationMs()), Numbers.format(run.v0()), Numbers.readable(run.u0()));
        final String changed = NeuronOptions.changedEquations(run.model());
        if (changed != null)
        {
            stdout.printf(Locale.ROOT, "  equations: %s%n", changed);
        }
        // Over the whole run, the time before a stimulus's onset included: said so (RS: "mean rate 33.33 Hz" of 5
        // spikes in 150 ms read as the rate under the step, which starts at 15 ms).
        // A spike at the last step, t = T, is listed but starts the interval after T (RunResult#meanRateHz): said so
        // (40 spikes and 177.27 Hz over 220 ms read as a wrong rate: 40 / 0.22 s is 181.8).
        final int rated = result.countSpikes(Double.NEGATIVE_INFINITY, run.durationMs());
        stdout.printf(Locale.ROOT, "  %d %s, mean rate %.2f Hz over the whole %s ms%s%s%n", result.spikeCount(),
            result.spikeCount() == 1 ? "spike" : "spikes", result.meanRateHz(), Numbers.format(run.durationMs()),
            rated < result.spikeCount() ? String.format(Locale.ROOT, " (of the %d before t = %s ms: the spike at the " +
                "last step, t = T, starts the interval after T)", rated, Numbers.format(run.durationMs())) : "",
            result.spikeCount() > 0 ? ", first at " + Numbers.format(result.firstSpikeMs()) + " ms" : "");
        if (result.spikeCount() > 0)
        {
            // The first SHOWN_SPIKE_TIMES: a long run printed all of them on one line (435,675 numbers, 4.8 MB, to a
            // terminal); --json and --out's spikes.csv hold them all.
            stdout.print("  spike times (ms):");
            final double[] times = result.spikeTimes();
            for (int k = 0; k < Math.min(times.length, SHOWN_SPIKE_TIMES); k++)
            {
                stdout.print(' ');
                stdout.print(Numbers.format(times[k]));
            }
            if (times.length > SHOWN_SPIKE_TIMES)
            {
                stdout.printf(Locale.ROOT, " ... (%,d in all; --json or --out lists them all)", times.length);
            }
            stdout.println();
        }
    }

    /**
     * {"presets": [names], "descriptions": [...], "sources": [citations]}: parallel lists in the text list's order
     * (the summary's keys are snake_case, and preset names are not).
     */
    private static JsonSummary presetList()
    {
        final List<String> names = new ArrayList<>();
        final List<String> descriptions = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        for (final Preset preset : Presets.all())
        {
            names.add(preset.name());
            descriptions.add(preset.description());
            sources.add(preset.group().citation());
        }
        return new JsonSummary().put("presets", names).put("descriptions", descriptions).put("sources", sources);
    }

    private static void listPresets(final PrintWriter stdout)
    {
        PresetGroup group = null;
        for (final Preset preset : Presets.all())
        {
            if (preset.group() != group)
            {
                group = preset.group();
                stdout.println(group.citation() + ":");
            }
            stdout.printf(Locale.ROOT, "  %-30s %s%n", preset.name(), preset.description());
        }
    }

    /** The replacement warning of {@code out}, once its staging folder {@code dir} exists (nothing without --out). */
    private static void warnOfReplacedOutputs(final PrintWriter err, final OutputDirectory dir, final Path out)
    {
        if (dir != null)
        {
            RunCommand.warnOfReplacedOutputs(err, out);
        }
    }

}
