package org.izhsim.service;

import static org.izhsim.core.ShortestDecimal.typed;

import org.izhsim.config.StimulusFile;
import org.izhsim.core.InputException;
import org.izhsim.core.run.SingleNeuronRun;
import org.izhsim.core.integrate.Method;
import org.izhsim.core.model.Izhikevich2007Model;
import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.model.SimpleModel;
import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.PresetGroup;
import org.izhsim.core.preset.Presets;
import org.izhsim.core.run.RunResult;
import org.izhsim.core.run.RunSpec;
import org.izhsim.core.stimulus.Stimuli;
import org.izhsim.core.stimulus.Stimulus;
import org.izhsim.output.Numbers;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The options of {@code sim neuron} and how they turn a preset into a run: a preset run with no options
 * reproduces its published protocol; each option replaces one part of it.
 */
public final class NeuronOptions
{
    /** Warnings of stimulus components cut by the run's end printed one by one; the rest are counted. */
    static final int MAX_CUT_WARNINGS = 10;

    /** Pulses of a train looked at for {@link #narrowerThanStep}: a 10^9-pulse train is not walked through. */
    static final long MAX_PULSES_CHECKED = 1_000_000;

    /** SingleNeuronRun keeps t, v, u and I as doubles for every step. */
    static final int TRACE_BYTES_PER_STEP = SingleNeuronRun.TRACE_BYTES_PER_STEP;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "Published protocol to start from (default: RS, or izh2007_rs with --model 2007); see --list.")
    String preset;

    @Option(names = "--model", paramLabel = "2003|2007",
        description = "Model family: 2003 simple model (a, b, c, d) or 2007 model (C, k, vr, vt, vpeak, a, b, c, d).")
    String model;

    @Option(names = "--a", paramLabel = "A", description = "Recovery rate a (1/ms).")
    Double a;
    @Option(names = "--b", paramLabel = "B", description = "Recovery sensitivity b (2003: dimensionless; 2007: nS).")
    Double b;
    @Option(names = "--c", paramLabel = "C", description = "After-spike reset of v (mV).")
    Double c;
    @Option(names = "--d", paramLabel = "D", description = "After-spike jump of u (2007: pA).")
    Double d;

    @Option(names = "--C", paramLabel = "PF", description = "2007 model: membrane capacitance (pF).")
    Double capacitance;
    @Option(names = "--k", paramLabel = "NS_PER_MV", description = "2007 model: gain k (nS/mV).")
    Double k;
    @Option(names = "--vr", paramLabel = "MV", description = "2007 model: resting potential (mV).")
    Double vr;
    @Option(names = "--vt", paramLabel = "MV", description = "2007 model: instantaneous threshold (mV).")
    Double vt;
    @Option(names = "--vpeak", paramLabel = "MV", description = "2007 model: spike cutoff (mV).")
    Double vpeak;

    @Option(names = "--current", paramLabel = "I",
        description = "DC step amplitude replacing the preset's stimulus (2003: model units; 2007: pA).")
    Double current;
    @Option(names = "--onset", paramLabel = "MS",
        description = "Start of the DC step: applies from the first step whose start time is >= onset (default 0).")
    Double onset;
    @Option(names = "--offset", paramLabel = "MS", description = "End of the DC step, exclusive (default: never).")
    Double offset;
    @Option(names = "--stimulus", paramLabel = "FILE.yaml",
        description = "Stimulus file (DC steps, pulse trains, ramps, sines, noise, CSV tables; see docs/config.md).")
    Path stimulusFile;

    @Option(names = "--duration", paramLabel = "MS", description = "Simulated time T (steps at t = 0, dt, ..., T; " +
        "default: the preset's, such as RS's 150 ms, or with --fi 1000 ms).")
    Double duration;
    @Option(names = "--dt", paramLabel = "MS", description = "Time step (default: the preset's, such as RS's 0.25 ms).")
    Double dt;
    @Option(names = "--method", paramLabel = "NAME",
        description = "Integration scheme: euler, semi_implicit_euler, halfstep, rk4 (default: the preset's).")
    String method;
    @Option(names = "--v0", paramLabel = "MV", description = "Initial v (default: the preset's).")
    Double v0;
    @Option(names = "--u0", paramLabel = "U",
        description = "Initial u (default: the preset's, or on the u-nullcline at v0 when --v0 is given and the " +
            "model has one; accommodation's has none and keeps the preset's).")
    Double u0;

    /** The {@code --stimulus} file, null if not given. */
    public Path stimulusFile()
    {
        return stimulusFile;
    }

    /**
     * @return the preset the options start from.
     */
    /**
     * {@code preset} titled with the parameters given on the command line ("regular spiking (RS) with a 0.1, d 2"):
     * the text and the figure named the preset's cell for a neuron of other parameters (RS with FS's a and d,
     * firing at 160 Hz). The preset itself when none is given.
     */
    public Preset titled(final Preset preset)
    {
        final List<String> given = new java.util.ArrayList<>();
        final String[] names = {"a", "b", "c", "d", "C", "k", "vr", "vt", "vpeak"};
        final Double[] values = {a, b, c, d, capacitance, k, vr, vt, vpeak};
        for (int i = 0; i < names.length; i++)
        {
            if (values[i] != null)
            {
                given.add(names[i] + " " + Numbers.format(values[i]));
            }
        }
        return given.isEmpty() ? preset : new Preset(preset.name(), preset.title() + " with " + String.join(", ", given),
            preset.description(), preset.citation(), preset.group(), preset.model(), preset.method(), preset.dtMs(),
            preset.durationMs(), preset.v0(), preset.u0(), preset.stimulus(), preset.defaultCurrent());
    }

    public Preset preset()
    {
        if (preset != null)
        {
            final Preset chosen = Presets.byName(preset);
            if (model != null && family(chosen) != family(model))
            {
                throw new InputException("--model " + model + " does not match preset '" + chosen.name() +
                    "' (a " + family(chosen) + " model)");
            }
            return chosen;
        }
        return Presets.byName(model != null && family(model) == 2007 ? "izh2007_rs" : "RS");
    }

    /**
     * @param stimulusLoader reads {@code --stimulus} files.
     * @param warnings       takes one line (without "warning: ") for each part of the given stimulus that the run
     *                       ends before: a pulse train, a step, a table cut short by the duration was applied in part
     *                       without a word.
     * @return the preset's run with every given option applied.
     */
    public RunSpec runSpec(final Preset chosen, final Function<Path, StimulusFile> stimulusLoader,
        final Consumer<String> warnings)
    {
        return runSpec(chosen, stimulusLoader, warnings, false);
    }

    /**
     * The run an f-I curve ({@code --fi}) repeats once per current: the preset's with every given option applied but a
     * stimulus (the curve's DC step replaces it: --current and --stimulus are refused), for {@code --duration} or
     * {@link #FI_DURATION_MS}.
     */
    public RunSpec fiRunSpec(final Preset chosen)
    {
        if (current != null || stimulusFile != null)
        {
            throw new InputException("--fi runs one DC step per current from --onset to --offset: it cannot be " +
                "combined with " + (current != null ? "--current" : "--stimulus"));
        }
        return runSpec(chosen, file -> null, warning -> { }, true);
    }

    /**
     * An f-I curve's runs last 1000 ms unless --duration says otherwise: a preset's protocol (tonic spiking's 100 ms)
     * holds a handful of spikes, too few for a rate.
     */
    public static final double FI_DURATION_MS = 1000.0;

    /**
     * What {@code sim neuron} would warn of for the f-I curve's step from {@code onsetMs} to {@code offsetMs} in
     * {@code run} (each current's step alike): a step that ends after the run, one narrower than dt or between two step
     * starts (its current applied for a whole step, or never: a rate of 10000 Hz from one spike, or 0 Hz of a current
     * never applied, without a word).
     */
    public static List<String> fiWarnings(final RunSpec run, final double onsetMs, final double offsetMs)
    {
        final List<String> warnings = new java.util.ArrayList<>();
        final StimulusFile.Span span = StimulusFile.Span.step("each current's step (--onset " + Numbers.format(onsetMs) +
            (Double.isFinite(offsetMs) ? ", --offset " + Numbers.format(offsetMs) : "") + ")", onsetMs, offsetMs,
            Stimuli.dc(1.0, onsetMs, offsetMs));
        final String cut = cutBy(span, run, "the runs' " + Numbers.format(run.durationMs()) + " ms");
        if (cut != null)
        {
            warnings.add(cut + "; each rate is over the part within the runs");
        }
        final String narrow = narrowerThanStep(span, run);
        if (narrow != null)
        {
            warnings.add(narrow);
        }
        return warnings;
    }

    /** The DC step's onset of an f-I curve: --onset, or 0. */
    public double fiOnsetMs()
    {
        final double from = onset != null ? onset : 0.0;
        if (!Double.isFinite(from) || from < 0.0)
        {
            throw new InputException("--onset must be a time >= 0 ms, got " + Numbers.format(from));
        }
        return from;
    }

    /** The DC step's end of an f-I curve: --offset, or never (infinite). */
    public double fiOffsetMs()
    {
        final double to = offset != null ? finite("--offset", offset, 0.0) : Double.POSITIVE_INFINITY;
        if (!(to > fiOnsetMs()))
        {
            throw new InputException("--offset (" + Numbers.format(to) + " ms) must be after --onset (" +
                Numbers.format(fiOnsetMs()) + " ms)");
        }
        return to;
    }

    private RunSpec runSpec(final Preset chosen, final Function<Path, StimulusFile> stimulusLoader,
        final Consumer<String> warnings, final boolean fiCurve)
    {
        final double defaultDuration = fiCurve ? FI_DURATION_MS : chosen.runSpec().durationMs();
        if (!fiCurve)
        {
            // An f-I curve keeps no trace (SingleNeuronRun.spikesOnly): its runs may be as long as a run can be.
            requireTraceFits(dt != null ? dt : chosen.runSpec().dtMs(), duration != null ? duration : defaultDuration,
                Runtime.getRuntime().maxMemory());
        }
        RunSpec spec = chosen.runSpec().withModel(model(chosen));
        if (method != null)
        {
            spec = spec.withMethod(Method.byName(method));
        }
        if (dt != null || duration != null || fiCurve)
        {
            // Together: the new dt is checked against the new duration, not the preset's.
            spec = spec.withTiming(dt != null ? dt : spec.dtMs(), duration != null ? duration : defaultDuration);
        }
        requireWholeSteps(spec, chosen);
        final StimulusFile stimulus = fiCurve ? null : stimulus(stimulusLoader);
        if (stimulus != null)
        {
            spec = spec.withStimulus(stimulus.current());
            // The preset's duration is easily overlooked: the warning then says where it comes from.
            final String length = "the run's " + Numbers.format(spec.durationMs()) + " ms" + (duration != null ? "" :
                " (preset " + chosen.name() + "'s duration; --duration sets another)");
            int cuts = 0;
            for (final StimulusFile.Span span : stimulus.spans())
            {
                final String cut = cutBy(span, spec, length);
                if (cut != null && ++cuts <= MAX_CUT_WARNINGS)
                {
                    warnings.accept(cut);
                }
            }
            int narrow = 0;
            for (final StimulusFile.Span span : stimulus.spans())
            {
                // Beyond the tenth warning only counted, not walked pulse by pulse: 2000 trains of 10^6 pulses took
                // 17.6 s of checking before a 150 ms run.
                if (narrow < MAX_CUT_WARNINGS)
                {
                    final String warning = narrowerThanStep(span, spec);
                    if (warning != null)
                    {
                        narrow++;
                        warnings.accept(warning);
                    }
                }
                else if (narrowerThanStepAtAll(span, spec))
                {
                    narrow++;
                }
            }
            if (narrow > MAX_CUT_WARNINGS)
            {
                warnings.accept((narrow - MAX_CUT_WARNINGS) + " more components of " + stimulusFile + " are narrower " +
                    "than the time step as well");
            }
            if (cuts > MAX_CUT_WARNINGS)
            {
                // A 1 MiB stimulus file holds some 50,000 components: not as many lines.
                warnings.accept((cuts - MAX_CUT_WARNINGS) + " more components of " + stimulusFile + " go on after " +
                    length + " as well");
            }
        }
        if (v0 != null || u0 != null || b != null)
        {
            if (v0 != null && !Double.isFinite(v0))
            {
                // Before the start on the u-nullcline: its advice, "give --u0, or a smaller --v0", had --u0 help a v0
                // that cannot be.
                throw new InputException("--v0 must be a finite number of mV, got " + v0);
            }
            final double startV = v0 != null ? v0 : spec.v0();
            // On the u-nullcline at the new v0, where the model has one: accommodation's u' = a b (v + 65) has none,
            // and b v0 started its preset at u = 65 instead of figure1.m's -16 (9 spikes from 1 ms instead of one).
            final boolean nullcline = !Double.isNaN(spec.model().uNullclineU(startV));
            final double startU = u0 != null ? u0 :
                (v0 != null || b != null) && nullcline ? spec.model().defaultU0(startV) : spec.u0();
            if (u0 == null && !Double.isFinite(startU))
            {
                // It said "--u0 must be a finite number, got -Infinity" of an option nobody gave.
                throw new InputException("the start on the u-nullcline at v0 = " + Numbers.format(startV) + " mV is u0 = " +
                    startU + (b != null ? " with --b " + Numbers.format(b) : "") + ": give --u0, or a smaller " +
                    (b != null ? "--b" : "--v0"));
            }
            spec = spec.withInitialState(startV, startU);
        }
        return spec;
    }

    /**
     * Refuses, before anything is allocated, a run whose trace would not fit in the heap: an
     * OutOfMemoryError after minutes of garbage collection helps nobody.
     *
     * @param maxHeapBytes the JVM's heap limit.
     */
    public static void requireTraceFits(final double dtMs, final double durationMs, final long maxHeapBytes)
    {
        if (!(dtMs > 0.0 && Double.isFinite(dtMs) && durationMs > 0.0 && Double.isFinite(durationMs)))
        {
            return; // RunSpec names the bad value
        }
        final double steps = Math.floor(durationMs / dtMs + 0.5) + 1;
        final double bytes = steps * TRACE_BYTES_PER_STEP;
        if (!SingleNeuronRun.traceFits(steps, maxHeapBytes))
        {
            throw new InputException(String.format(Locale.ROOT,
                "--duration %s ms at --dt %s ms is %.4g steps, whose trace (t, v, u, I: %d bytes a step) needs %s; " +
                    "the heap limit is %s and a run may use half of it: shorten --duration, raise --dt, " +
                    "or give the JVM more heap (SIM_JAVA_OPTS=-Xmx...)",
                Numbers.format(durationMs), Numbers.format(dtMs), steps, TRACE_BYTES_PER_STEP,
                bytesText(bytes), bytesText(maxHeapBytes)));
        }
    }

    /** In the decimal units of every other memory line ("heap limit 19.0 GB"; this one said "17.64 GiB"). */
    private static String bytesText(final double bytes)
    {
        return org.izhsim.network.build.MemoryEstimate.bytes((long)Math.min(Long.MAX_VALUE, bytes));
    }

    /**
     * The run samples the current at t_k = k dt for k = 0 .. steps - 1, computed as {@link
     * org.izhsim.core.run.SingleNeuronRun} computes t_k: a span is cut when a longer run's next sample, at steps dt,
     * would still fall inside it (a table's: when a row lies after the last sample), and never applied when it starts
     * after the last sample. A span that ends between two samples loses nothing a longer run would apply.
     *
     * @param duration the run's duration as the warning names it, e.g. {@code the run's 1000 ms}.
     * @return the warning for a run that ends before {@code span} does, or null.
     */
    private static String cutBy(final StimulusFile.Span span, final RunSpec run, final String duration)
    {
        final double lastSample = (run.steps() - 1) * run.dtMs();
        final double nextSample = run.steps() * run.dtMs();
        if (span.startMs() > lastSample)
        {
            return span.label() + " starts at " + Numbers.format(span.startMs()) + " ms, after " + duration +
                "; none of it is applied";
        }
        if (span.table() ? span.endMs() > lastSample : span.endMs() > nextSample && Double.isFinite(span.endMs()))
        {
            return span.label() + (span.table() ? " runs to " : " ends at ") + Numbers.format(span.endMs()) + " ms, after " +
                duration + (span.table() ? "; its rows after that are" : "; the rest is") + " not applied";
        }
        return null;
    }

    /**
     * Consecutive spikes, each in the step after the one before or the step after that, from which a run is said to
     * fire at the step rate.
     */
    public static final int SATURATED_STEPS = 10;

    /**
     * A forward-Euler step of the 2007 model from below vr - C / (dt k) overshoots the rest point (the network's kernel
     * reports it as a blow-up): the book's FS cell at dt 1 went to -153 mV and fired from there, 7 spikes in 50 ms
     * without a word.
     *
     * @return the warning, or null.
     */
    public static String overshoot(final RunResult result, final RunSpec run)
    {
        if (Double.isNaN(result.overshootAtMs()))
        {
            return null;
        }
        return "at t = " + Numbers.format(result.overshootAtMs()) + " ms a forward-Euler step of dt = " +
            Numbers.format(run.dtMs()) + " ms started from v = " + Numbers.readable(result.overshootV()) + " mV, below " +
            "vr - C / (dt k) = " + Numbers.readable(run.model().eulerOvershootBelow(run.dtMs())) + " mV, where the step " +
            "overshoots the rest point: from there on v and the spikes are the scheme's, not the model's; lower dt";
    }

    /**
     * {@link #overshoot} of an f-I curve's runs, one line for the curve: {@code overshot} the currents (as printed) whose
     * run took such a step, of {@code total}; null when none did (an f-I curve of the FS cell at dt 1 gave 140 Hz at 200
     * pA, the scheme's spikes, without a word).
     */
    public static String fiOvershoot(final List<String> overshot, final int total, final RunSpec run)
    {
        if (overshot.isEmpty())
        {
            return null;
        }
        return "at " + (overshot.size() == 1 ? "current " + overshot.get(0) : overshot.size() + " of the " + total +
            " currents (" + overshot.get(0) + " to " + overshot.get(overshot.size() - 1) + ")") + " a forward-Euler " +
            "step of dt = " + Numbers.format(run.dtMs()) + " ms started below vr - C / (dt k) = " +
            Numbers.readable(run.model().eulerOvershootBelow(run.dtMs())) + " mV, where the step overshoots the rest " +
            "point: the spikes after it are the scheme's, not the model's; lower dt";
    }

    /**
     * What an f-I curve's runs warn of, one line per kind for the whole curve (the single run's warning, once per
     * current, would be hundreds): given to {@link org.izhsim.core.run.FiCurve#run} as its {@code each}, it notes the
     * currents whose run took an overshooting Euler step ({@link #overshoot}) or fired at the step rate ({@link
     * #saturation}); {@link #lines} gives what {@code sim neuron --fi} prints on stderr after the runs, and the
     * explorer's f-I reply carries (it drew a dt-set 4000 Hz curve without a word).
     */
    public static final class FiRunWarnings implements java.util.function.ObjDoubleConsumer<RunResult>
    {
        private final RunSpec run;
        private final double onsetMs;
        private final double offsetMs;
        private final List<String> saturated = new java.util.ArrayList<>();
        private final List<String> overshot = new java.util.ArrayList<>();
        /** The currents whose runs fired 2 spikes or more, the step not saturating them, and their counts. */
        private final List<double[]> checkable = new java.util.ArrayList<>();

        /** @param run the curve's runs (each current's step aside), their steps over the whole run. */
        public FiRunWarnings(final RunSpec run)
        {
            this(run, 0.0, Double.POSITIVE_INFINITY);
        }

        /** @param run the curve's runs (each current's step aside); its steps from onsetMs to offsetMs. */
        public FiRunWarnings(final RunSpec run, final double onsetMs, final double offsetMs)
        {
            this.run = run;
            this.onsetMs = onsetMs;
            this.offsetMs = offsetMs;
        }

        @Override
        public void accept(final RunResult result, final double current)
        {
            final int spikes = inWindow(result);
            // Currents the step does not saturate: a curve to 5000 (every step a spike) left its 5 to 20, 22 % off at
            // the preset's dt, unchecked.
            if (saturation(result, run) != null)
            {
                saturated.add(Numbers.format(current));
            }
            else if (spikes >= 2)
            {
                checkable.add(new double[] {current, spikes});
            }
            if (overshoot(result, run) != null)
            {
                overshot.add(Numbers.format(current));
            }
        }

        /** The curve's warnings, the overshoot's first; empty when none. @param total the curve's currents. */
        public List<String> lines(final int total)
        {
            final List<String> lines = new java.util.ArrayList<>();
            final String overshoot = fiOvershoot(overshot, total, run);
            if (overshoot != null)
            {
                lines.add(overshoot);
            }
            if (!saturated.isEmpty())
            {
                lines.add("at " + (saturated.size() == 1 ? "current " + saturated.get(0) : saturated.size() + " of the " +
                    total + " currents (" + saturated.get(0) + " to " + saturated.get(saturated.size() - 1) + ")") +
                    " the neuron fired in every step or every other step for " + SATURATED_STEPS + " steps or more: " +
                    "the rate there is set by dt, not by the model");
            }
            final String converged = dtDependence();
            if (converged != null)
            {
                lines.add(converged);
            }
            return lines;
        }

        /** The spikes a run fired in the step's window, as the curve counts them (FiCurve's point). */
        private int inWindow(final RunResult result)
        {
            final double end = Math.min(offsetMs, run.durationMs());
            int count = 0;
            for (final double t : result.spikeTimes())
            {
                count += t >= onsetMs && t < end ? 1 : 0;
            }
            return count;
        }

        /**
         * Whether the curve's rates are the model's or the step's: up to {@link #DT_CHECK_CURRENTS} of its currents
         * (the fastest, and others spread over those that fired) run again at a quarter of dt, and a line for the one
         * whose spike count moves most, when it moves by more than {@link #DT_CHECK_TOLERANCE} and 2 spikes (or 1 and
         * a fifth); null when none does or nothing fired. At figure1.m's 0.25 ms the 2003 TC cell at I = 5 fired at
         * 102 Hz against 145 Hz converged, FS at I = 10 at 111 against 136 (a tester's review), and the curve said
         * nothing; the fastest alone missed a chattering cell whose rate at 4.5 moved 29 %.
         */
        String dtDependence()
        {
            if (checkable.isEmpty() || run.dtMs() / 4 < RunSpec.MIN_DT_MS)
            {
                return null;
            }
            if (4L * run.steps() > DT_CHECK_MAX_STEPS)
            {
                // Said, not skipped without a word: its rates were taken as checked.
                return "the rates were not checked against a smaller dt (a run at a quarter of dt would take " +
                    String.format(java.util.Locale.ROOT, "%,d", 4L * run.steps()) + " steps, more than the check's " +
                    String.format(java.util.Locale.ROOT, "%,d", DT_CHECK_MAX_STEPS) + "): run one current at a " +
                    "smaller --dt to see whether they hold";
            }
            final List<double[]> byCurrent = new java.util.ArrayList<>(checkable);
            byCurrent.sort((x, y) -> Double.compare(x[0], y[0]));
            final java.util.LinkedHashSet<double[]> picked = new java.util.LinkedHashSet<>();
            picked.add(java.util.Collections.max(checkable, (x, y) -> Double.compare(x[1], y[1])));
            for (int k = 0; k < DT_CHECK_CURRENTS - 1; k++)
            {
                picked.add(byCurrent.get((int)Math.round((double)k * (byCurrent.size() - 1) /
                    Math.max(1, DT_CHECK_CURRENTS - 2))));
            }
            final RunSpec finer = run.withDt(run.dtMs() / 4);
            double worst = 0;
            String line = null;
            for (final double[] point : picked)
            {
                final int coarse = (int)point[1];
                final int fine;
                try
                {
                    fine = inWindow(org.izhsim.core.run.SingleNeuronRun.spikesOnly(finer.withStimulus(
                        org.izhsim.core.stimulus.Stimuli.dc(point[0], onsetMs, offsetMs)), () -> false));
                }
                catch (final org.izhsim.core.run.StateDiverged ex)
                {
                    continue;
                }
                final int change = fine - coarse;
                final double relative = Math.abs(change) / (double)Math.max(fine, coarse);
                final boolean moved = Math.abs(change) >= 2 && relative > DT_CHECK_TOLERANCE ||
                    Math.abs(change) == 1 && relative > 0.2;
                if (moved && relative > worst)
                {
                    worst = relative;
                    line = "the rates depend on dt: at current " + Numbers.format(point[0]) + " the run fired " +
                        coarse + " spikes at dt " + Numbers.format(run.dtMs()) + " ms and " + fine + " at dt " +
                        Numbers.format(finer.dtMs()) + " ms (" + (change > 0 ? "+" : "") +
                        String.format(java.util.Locale.ROOT, "%.0f", 100.0 * change / coarse) + " %): for the " +
                        "model's own rates lower dt until they stop changing";
                }
            }
            return line;
        }
    }

    /** The currents of a curve that {@link FiRunWarnings#dtDependence} runs again at a quarter of dt, at most: 5. */
    static final int DT_CHECK_CURRENTS = 5;

    /**
     * Steps of the run at a quarter of dt that {@link FiRunWarnings#dtDependence} makes at most: 40 million, a second
     * or so (at 4 million a 250 s run at 0.25 ms went unchecked); beyond them the curve says it was not checked.
     */
    static final long DT_CHECK_MAX_STEPS = 40_000_000;

    /**
     * The relative change of the fastest current's spike count at a quarter of dt beyond which an f-I curve is said to
     * depend on dt: 5 %.
     */
    static final double DT_CHECK_TOLERANCE = 0.05;

    /**
     * The equations a model uses beyond its family's standard form, in words, or null: the 2004 figure's panels G and L
     * (v' = 0.04 v^2 + 4.1 v + 108 - u + I) and R (u' = a b (v + 65)), the book's LTS, FS, TC and RTN rules. Without
     * it a user copying the printed a, b, c, d into the standard model (or another simulator) got another neuron.
     * {@code sim neuron} prints it as its "equations:" line (--json: params.equations); the explorer's page shows it in
     * place of the family's standard line.
     */
    public static String changedEquations(final NeuronModel model)
    {
        if (model instanceof SimpleModel m)
        {
            final java.util.List<String> parts = new java.util.ArrayList<>();
            if (m.k2() != 0.04 || m.k1() != 5 || m.k0() != 140)
            {
                parts.add("v' = " + Numbers.format(m.k2()) + " v^2 + " + Numbers.format(m.k1()) + " v + " +
                    Numbers.format(m.k0()) + " - u + I (not 0.04 v^2 + 5 v + 140)");
            }
            if (m.accommodation())
            {
                parts.add("u' = a b (v + 65) (not a (b v - u))");
            }
            return parts.isEmpty() ? null : String.join("; ", parts);
        }
        if (model instanceof Izhikevich2007Model m)
        {
            final org.izhsim.network.build.Izhikevich2007.Rules rules = org.izhsim.network.build.Izhikevich2007.Rules.of(m);
            return rules.none() ? null : rules.describe();
        }
        return null;
    }

    /**
     * A neuron that fires in every step fires at 1000 / dt Hz whatever the model says: the reset cannot hold v below
     * the cutoff for a step. {@code --current 1e30} gave 601 spikes in 150 ms (4000 Hz at dt 0.25) and u near 1e28,
     * with no word (a network's neuron blows up there, exit 3). One that fires in every other step (izh2007_rs with
     * {@code --k 1e30}, RS with {@code --current -1e30} under euler: 2000 Hz) is as much the step's: sim run warns of
     * a population firing in every other step or more often, and so does this, for a stretch of spikes each one or
     * two steps after the one before.
     *
     * @return the warning for a run with such a stretch of {@link #SATURATED_STEPS} or more spikes, or null.
     */
    public static String saturation(final RunResult result, final RunSpec run)
    {
        final double[] spikes = result.spikeTimes();
        final double dt = run.dtMs();
        int longest = 0;
        int from = 0;
        int bestFrom = 0;
        for (int k = 1; k <= spikes.length; k++)
        {
            if (k == spikes.length || spikes[k] - spikes[k - 1] > 2 * dt * (1 + 1e-6))
            {
                if (k - from > longest)
                {
                    longest = k - from;
                    bestFrom = from;
                }
                from = k;
            }
        }
        if (longest < SATURATED_STEPS)
        {
            return null;
        }
        final double first = spikes[bestFrom];
        final double last = spikes[bestFrom + longest - 1];
        final long steps = Math.round((last - first) / dt) + 1;
        if (steps == longest)
        {
            return "the neuron fired in every step for " + longest + " steps (" + Numbers.format(first) + " to " +
                Numbers.format(last) + " ms, " + Numbers.format(1000.0 / dt) + " Hz): its rate there is set by dt, " +
                "not by the model; the current, a parameter or the start state is beyond the model's range";
        }
        // The rate of the stretch, as the spikes per ms over its steps: 1000 / (2 dt) for every other step.
        final double hz = 1000.0 * (longest - 1) / (last - first);
        return "the neuron fired in every other step or more often for " + longest + " spikes (" +
            Numbers.format(first) + " to " + Numbers.format(last) + " ms, " + Numbers.format(Math.round(hz * 1000) /
            1000.0) + " Hz): its rate there is set by dt, not by the model; the current, a parameter or the start " +
            "state is beyond the model's range";
    }

    /**
     * The steps are t = 0, dt, ..., T: a T that is no whole number of steps ended at the step before it, and the rates
     * were divided by T all the same (--duration 100.1 at dt 0.25: last step at 100, rate over 100.1 ms; --dt 100 with
     * --duration 150 ran steps at 0 and 100). Refused, as sim run refuses a duration_ms that is not a multiple of dt.
     */
    private void requireWholeSteps(final RunSpec spec, final Preset chosen)
    {
        final double q = spec.durationMs() / spec.dtMs();
        // RunSpec's own allowance for rounding (its step count): beyond it a duration ended a step short.
        if (Math.abs(q - Math.rint(q)) > Math.min(1e-9 * Math.max(1, q), 1e-6))
        {
            // In decimal: 3333 x 0.3 + 0.3 was offered as 1000.1999999999999.
            final java.math.BigDecimal step = java.math.BigDecimal.valueOf(spec.dtMs());
            final java.math.BigDecimal below = step.multiply(java.math.BigDecimal.valueOf((long)Math.floor(q)));
            throw new InputException((duration != null ? "--duration " : "preset " + chosen.name() + "'s duration ") +
                Numbers.format(spec.durationMs()) + " ms is not a whole number of steps of " +
                Numbers.format(spec.dtMs()) + " ms (" + (dt != null ? "--dt" : "preset " + chosen.name() + "'s dt") +
                "): give --duration " + below.stripTrailingZeros().toPlainString() + " or " +
                below.add(step).stripTrailingZeros().toPlainString());
        }
    }

    /**
     * The run takes the current once a step, at the step's start t_k = k dt, and holds it for the step: a pulse (or dc
     * step) narrower than dt is applied for a whole step when a step starts within it (dt / width times its charge),
     * and not at all when it lies between two step starts. Both changed the stimulus without a word: a 0.1 ms pulse
     * at 0.3 ms under dt = 0.25 was dropped.
     *
     * @return the warning for a rectangular component whose pulses are narrower than the run's dt, or null.
     */
    static String narrowerThanStep(final StimulusFile.Span span, final RunSpec run)
    {
        final double dt = run.dtMs();
        if (span.frequencyHz() > 0)
        {
            return aliased(span, dt);
        }
        if (!narrowPulses(span, run))
        {
            return null;
        }
        final String step = "less than the time step (dt = " + Numbers.format(dt) + " ms), and the current is taken " +
            "at each step's start and held for the step";
        if (span.pulses() > 1 && span.periodMs() < dt)
        {
            // More than one pulse per step: no pulse is a step's own, so none is counted.
            return span.label() + ": its pulses last " + Numbers.format(span.widthMs()) + " ms every " +
                Numbers.format(span.periodMs()) + " ms, " + step + ": the steps see a sample of the train, not its pulses";
        }
        final int steps = run.steps();
        long inRun = 0;
        long missed = 0;
        boolean more = false;
        for (long n = 0; n < span.pulses(); n++)
        {
            final double from = span.startMs() + n * span.periodMs();
            if (from > (steps - 1) * dt)
            {
                break;
            }
            if (inRun == MAX_PULSES_CHECKED)
            {
                more = true;
                break;
            }
            inRun++;
            // The first step start at or after the pulse's start; the pulse is applied if the component's own current
            // is on there and that start falls in this pulse's period (the train's own arithmetic), as later starts
            // are further from the pulse.
            long k = Math.max(0, (long)Math.ceil(from / dt));
            while (k > 0 && (k - 1) * dt >= from)
            {
                k--;
            }
            while (k * dt < from)
            {
                k++;
            }
            if (k >= steps || Math.floor((k * dt - span.startMs()) / span.periodMs()) != n ||
                span.term().current(k * dt, k) == 0.0)
            {
                missed++;
            }
        }
        final String charge = String.format(Locale.ROOT, "%.3g times its charge", dt / span.widthMs());
        if (span.pulses() == 1)
        {
            return span.label() + " lasts from " + Numbers.format(span.startMs()) + " to " +
                Numbers.format(span.endMs()) + " ms, " + step + (missed == 1 ?
                "; no step starts within it: none of it is applied" : ": it is applied for a whole step (" + charge +
                ")");
        }
        final String which = more ? "the first " + inRun + " of its pulses in the run" : "its " + inRun +
            " pulses in the run";
        return span.label() + ": its pulses last " + Numbers.format(span.widthMs()) + " ms, " + step + ": " +
            (missed == inRun ? "none of " + which + " is applied (each falls between two step starts)" :
            missed == 0 ? "each of " + which + " is applied for a whole step (" + charge + ")" :
            missed + " of " + which + " fall between two step starts and are not applied, the other " +
            (inRun - missed) + " are applied for a whole step (" + charge + ")");
    }

    /**
     * Whether {@link #narrowerThanStep} has a warning for a rectangular component, without walking its pulses: pulses
     * (or a step) narrower than dt, of a current other than 0, starting within the run, that do not tile time (a
     * train whose pulses are as wide as its period is a step, and the steps see it as one).
     */
    static boolean narrowPulses(final StimulusFile.Span span, final RunSpec run)
    {
        return span.pulses() > 0 && span.widthMs() < run.dtMs() && span.term().current(span.startMs(), 0) != 0.0 &&
            (span.pulses() == 1 || span.widthMs() < span.periodMs()) &&
            span.startMs() <= (run.steps() - 1) * run.dtMs();
    }

    /** Whether a component gets {@link #narrowerThanStep}'s warning, cheaply (for the count beyond the tenth). */
    static boolean narrowerThanStepAtAll(final StimulusFile.Span span, final RunSpec run)
    {
        return span.frequencyHz() > 0 ? aliases(span.frequencyHz(), run.dtMs()) : narrowPulses(span, run);
    }

    /**
     * A sine sampled once a step at or above half the sampling rate (1000 / dt Hz) is seen by the run as a slower one
     * (Nyquist): 2000 Hz at dt = 0.25 ms is exactly 0 at every step start, and was a silent zero current.
     */
    /** Whether steps of dtMs, each taking the current once, cannot follow a sine of frequencyHz (Nyquist). */
    private static boolean aliases(final double frequencyHz, final double dtMs)
    {
        return frequencyHz >= 500.0 / dtMs;
    }

    private static String aliased(final StimulusFile.Span span, final double dtMs)
    {
        final double sampling = 1000.0 / dtMs;
        final double f = span.frequencyHz();
        if (!aliases(f, dtMs))
        {
            return null;
        }
        final double seen = Math.abs(f - Math.floor(f / sampling + 0.5) * sampling);
        final String as = seen == 0 ? "a constant (the same value at every step start)" : seen == sampling / 2 ?
            "a current that changes sign from step to step, or is 0 at every step start (phase_deg 0 or 180)" :
            "a sine of " + Numbers.format(seen) + " Hz";
        return span.label() + ": " + Numbers.format(f) + " Hz is at or above half the rate at which the run takes the " +
            "current (once a step of " + Numbers.format(dtMs) + " ms: " + Numbers.format(sampling / 2) + " Hz), so the " +
            "steps see " + as + ": lower the frequency or the time step";
    }

    private StimulusFile stimulus(final Function<Path, StimulusFile> stimulusLoader)
    {
        if (stimulusFile != null)
        {
            if (current != null || onset != null || offset != null)
            {
                throw new InputException("--stimulus cannot be combined with --current, --onset or --offset");
            }
            return stimulusLoader.apply(stimulusFile);
        }
        if (current == null)
        {
            if (onset != null || offset != null)
            {
                throw new InputException("--onset and --offset need --current");
            }
            return null;
        }
        if (!Double.isFinite(current))
        {
            throw new InputException(beyondDoubles("--current", current));
        }
        if (Math.abs(current) > Float.MAX_VALUE)
        {
            // The range a stimulus file's currents keep (StimulusLoader): 1e308 was accepted here, and the neuron's u
            // then grew to 1e305 in a few steps.
            throw new InputException("--current " + typed(current) + " is outside the range a float holds " +
                "(+-3.4e38), as a stimulus file's currents are");
        }
        final double from = onset != null ? onset : 0.0;
        // "Never" is no --offset: a given one is finite, as every other number option (1e309 was taken as never).
        final double to = offset != null ? finite("--offset", offset, 0.0) : Double.POSITIVE_INFINITY;
        if (!Double.isFinite(from) || from < 0.0)
        {
            throw new InputException("--onset must be a time >= 0 ms, got " + from);
        }
        if (!(to > from))
        {
            throw new InputException("--offset (" + to + " ms) must be after --onset (" + from + " ms)");
        }
        final Stimulus step = Stimuli.dc(current, from, to);
        return new StimulusFile(step, List.of(StimulusFile.Span.step("the --current step" +
            (onset != null ? " (--onset " + Numbers.format(from) + ")" : ""), from, to, step)));
    }

    private NeuronModel model(final Preset chosen)
    {
        final NeuronModel base = chosen.model();
        if (base instanceof SimpleModel)
        {
            if (capacitance != null || k != null || vr != null || vt != null || vpeak != null)
            {
                throw new InputException("--C, --k, --vr, --vt and --vpeak belong to the 2007 model; preset '" +
                    chosen.name() + "' is a 2003 model (use --model 2007 or an izh2007_* preset)");
            }
            final SimpleModel simple = (SimpleModel)base;
            return simple.withAbcd(
                finite("--a", a, simple.a()), finite("--b", b, simple.b()),
                finite("--c", c, simple.c()), finite("--d", d, simple.d()));
        }
        final Izhikevich2007Model full = (Izhikevich2007Model)base;
        final double cap = finite("--C", capacitance, full.capacitance());
        if (!(cap > 0.0))
        {
            throw new InputException("--C must be a positive capacitance in pF, got " + typed(cap));
        }
        final double gain = finite("--k", k, full.k());
        if (!(gain > 0.0))
        {
            // As the network refuses it: k <= 0 turns the upstroke into a decay.
            throw new InputException("--k must be a positive gain in nS/mV, got " + gain);
        }
        return full
            .withMembrane(cap, gain, finite("--vr", vr, full.vr()),
                finite("--vt", vt, full.vt()), finite("--vpeak", vpeak, full.vpeak()))
            .withAbcd(finite("--a", a, full.a()), finite("--b", b, full.b()),
                finite("--c", c, full.c()), finite("--d", d, full.d()));
    }

    private static double finite(final String option, final Double given, final double fallback)
    {
        if (given == null)
        {
            return fallback;
        }
        if (!Double.isFinite(given))
        {
            throw new InputException(beyondDoubles(option, given));
        }
        return given;
    }

    /**
     * The refusal of an option's value that is no finite number: a value typed beyond the double range (1e400) reads
     * as infinity, and the line said "got Infinity" of a number nobody typed.
     */
    private static String beyondDoubles(final String option, final double value)
    {
        return Double.isInfinite(value) ? option + " is beyond the largest number, +-1.8e308: give a finite one" :
            option + " must be a finite number, got " + typed(value);
    }

    private static int family(final Preset preset)
    {
        return preset.group() == PresetGroup.IZHIKEVICH_2007 ? 2007 : 2003;
    }

    private static int family(final String model)
    {
        switch (model)
        {
            case "2003":
                return 2003;
            case "2007":
                return 2007;
            default:
                throw new InputException("--model must be 2003 or 2007, got " + InputException.quoted(model));
        }
    }
}
