package org.izhsim.core.preset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;
import org.izhsim.core.model.CellType2007;
import org.izhsim.core.model.Izhikevich2007Model;
import org.izhsim.core.model.PeakTest;
import org.izhsim.core.model.SimpleModel;
import org.izhsim.core.stimulus.Interval;
import org.izhsim.core.stimulus.Linear;
import org.izhsim.core.stimulus.Piecewise;
import org.izhsim.core.stimulus.Stimuli;
import org.izhsim.core.stimulus.Stimulus;

/**
 * The catalogue of published protocols, looked up by name.
 * <p>
 * The 2003 Fig. 2 types and the 2004 Fig. 1 features follow Izhikevich's MATLAB code for both figures
 * (figure1.m, "use MATLAB R13 or later. November 2003"), line by line: same a, b, c, d, tau, T, initial
 * V and u, stimulus conditions with their strict comparisons, panel-specific equations, the
 * {@code V > 30} test and the V-then-u update ({@link Method#SEMI_IMPLICIT_EULER}). Times are
 * t_k = k*tau; where tau is not a binary fraction (0.2, 0.1) every stimulus edge falls in the first half
 * of tspan, where MATLAB's colon operator also computes k*tau, so the comparisons agree. The tests check
 * every one of these presets, spike for spike, against a transcription of its loop and against the
 * spike times GNU Octave computes for it.
 * <p>
 * The 2007 types follow izhi2007.m (forward Euler, tau = 0.25 ms, v0 = vr, u0 = 0, DC current from
 * t = 0, T per type) with the parameters of {@link CellType2007}.
 */
public final class Presets
{
    private static final String FIG2_CODE = "; protocol of the published MATLAB code (figure1.m, Fig. 2 part)";
    private static final String FIG1_CODE = "; protocol of the published MATLAB code (figure1.m)";
    private static final Map<String, Preset> BY_NAME = new LinkedHashMap<>();

    static
    {
        figure2().forEach(Presets::register);
        figure1().forEach(Presets::register);
        book2007().forEach(Presets::register);
    }

    private Presets()
    {
    }

    /**
     * @param name a preset name; an exact match wins, else a unique case-insensitive one.
     * @return the preset.
     * @throws InputException {@code unknown preset 'XX'; did you mean 'RS'? (run 'sim neuron --list' ...)}
     */
    public static Preset byName(final String name)
    {
        Objects.requireNonNull(name, "name");
        final Preset exact = BY_NAME.get(name);
        if (exact != null)
        {
            return exact;
        }
        Preset folded = null;
        for (final Preset preset : BY_NAME.values())
        {
            if (preset.name().equalsIgnoreCase(name))
            {
                if (folded != null)
                {
                    folded = null;
                    break;
                }
                folded = preset;
            }
        }
        if (folded != null)
        {
            return folded;
        }
        throw new InputException("unknown preset " + InputException.quoted(name) + "; did you mean '" + closestName(name) +
            "'? (run 'sim neuron --list' to see all " + BY_NAME.size() + " presets)");
    }

    /**
     * @return all presets: Fig. 2 types, then the 20 features in panel order, then the 2007 types.
     */
    public static List<Preset> all()
    {
        return List.copyOf(BY_NAME.values());
    }

    /**
     * @return all preset names in {@link #all()} order.
     */
    public static List<String> names()
    {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * @return the presets of one publication, in figure order.
     */
    public static List<Preset> group(final PresetGroup group)
    {
        final List<Preset> members = new ArrayList<>();
        for (final Preset preset : BY_NAME.values())
        {
            if (preset.group() == group)
            {
                members.add(preset);
            }
        }
        return Collections.unmodifiableList(members);
    }

    private static void register(final Preset preset)
    {
        if (BY_NAME.put(preset.name(), preset) != null)
        {
            throw new IllegalStateException("duplicate preset " + preset.name());
        }
    }

    static String closestName(final String name)
    {
        final String wanted = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : BY_NAME.keySet())
        {
            final int distance = editDistance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int editDistance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * The seven classes of Izhikevich 2003 Fig. 2 (plus the TC burst protocol of the same code). a, b, c, d
     * are the paper's. Table 2 of the physics tutorial among this project's seed documents (I. Cooper,
     * "Izhikevich model for action potentials and spike trains") differs in three values: IB c = -54, RZ d = 8,
     * LTS b = 0.40. The paper's Fig. 2 and its published code agree on IB c = -55, RZ d = 2, LTS b = 0.25,
     * which we follow.
     */
    static List<Preset> figure2()
    {
        final double t = 150.0;
        return List.of(
            fig2("RS", "regular spiking (RS)", "excitatory cortical cell, adapting tonic spikes",
                0.02, 0.2, -65, 8, -63, t, Piecewise.when(Interval.after(t / 10), 14).otherwise(0)),
            // The code reads I=11;%14; : 11 is the current actually used.
            fig2("IB", "intrinsically bursting (IB)", "a burst at onset, then tonic spikes",
                0.02, 0.2, -55, 4, -70, t, Piecewise.when(Interval.after(t / 10), 11).otherwise(0)),
            fig2("CH", "chattering (CH)", "repetitive high-frequency bursts",
                0.02, 0.2, -50, 2, -70, t, Piecewise.when(Interval.after(t / 10), 10).otherwise(0)),
            fig2("FS", "fast spiking (FS)", "inhibitory interneuron, high frequency without adaptation",
                0.1, 0.2, -65, 2, -70, t, Piecewise.when(Interval.after(t / 10), 10).otherwise(0)),
            fig2("TC", "thalamo-cortical (TC)", "tonic firing from rest at a small current",
                0.02, 0.25, -65, 0.05, -63, t, Piecewise.when(Interval.after(2 * t / 10), 1.5).otherwise(0)),
            fig2("TC_burst", "thalamo-cortical burst (TC)", "rebound burst on release from hyperpolarization",
                0.02, 0.25, -65, 0.05, -87, t, Piecewise.when(Interval.after(3 * t / 10), 0.0).otherwise(-25)),
            // Two spikes at 62.75 and 67.5 ms at the figure's dt 0.25 ("a spike" before a reviewer counted them).
            fig2("RZ", "resonator (RZ)", "damped subthreshold oscillations; a brief pulse evokes two spikes",
                0.1, 0.26, -65, 2, -70, 100.0,
                Piecewise.when(Interval.open(100.0 / 10 + 50, 100.0 / 10 + 50 + 5), 10)
                    .orWhen(Interval.after(100.0 / 10), -0.5)
                    .otherwise(-2)),
            fig2("LTS", "low-threshold spiking (LTS)", "inhibitory interneuron, adapting high-frequency spikes",
                0.02, 0.25, -65, 2, -63, 250.0, Piecewise.when(Interval.after(1 * 250.0 / 10), 10.0).otherwise(0)));
    }

    private static Preset fig2(
        final String name, final String title, final String description,
        final double a, final double b, final double c, final double d,
        final double v0, final double durationMs, final Stimulus stimulus)
    {
        final SimpleModel model = SimpleModel.of(a, b, c, d).withPeakTest(PeakTest.ABOVE);
        return new Preset(name, title, description,
            PresetGroup.IZHIKEVICH_2003_FIG2.citation() + FIG2_CODE, PresetGroup.IZHIKEVICH_2003_FIG2,
            model, Method.SEMI_IMPLICIT_EULER, 0.25, durationMs, v0, b * v0, stimulus, Double.NaN);
    }

    /**
     * The 20 panels of Izhikevich 2004 Fig. 1 in order (A) to (T), each the code's block for that panel.
     */
    static List<Preset> figure1()
    {
        final List<Preset> panels = new ArrayList<>();

        panels.add(fig1("tonic_spiking", "(A) tonic spiking", "tonic spikes while the step lasts",
            standard(0.02, 0.2, -65, 6), 0.25, 100.0, -70, Double.NaN,
            Piecewise.when(Interval.after(100.0 / 10), 14).otherwise(0)));
        panels.add(fig1("phasic_spiking", "(B) phasic spiking", "a single spike at the onset of a step",
            standard(0.02, 0.25, -65, 6), 0.25, 200.0, -64, Double.NaN,
            Piecewise.when(Interval.after(20), 0.5).otherwise(0)));
        panels.add(fig1("tonic_bursting", "(C) tonic bursting", "periodic bursts during a step",
            standard(0.02, 0.2, -50, 2), 0.25, 220.0, -70, Double.NaN,
            Piecewise.when(Interval.after(22), 15).otherwise(0)));
        panels.add(fig1("phasic_bursting", "(D) phasic bursting", "a single burst at the onset of a step",
            standard(0.02, 0.25, -55, 0.05), 0.2, 200.0, -64, Double.NaN,
            Piecewise.when(Interval.after(20), 0.6).otherwise(0)));
        panels.add(fig1("mixed_mode", "(E) mixed mode", "a burst at onset, then single spikes",
            standard(0.02, 0.2, -55, 4), 0.25, 160.0, -70, Double.NaN,
            Piecewise.when(Interval.after(160.0 / 10), 10).otherwise(0)));
        panels.add(fig1("spike_frequency_adaptation", "(F) spike freq. adapt", "interspike intervals lengthen",
            standard(0.01, 0.2, -65, 8), 0.25, 85.0, -70, Double.NaN,
            Piecewise.when(Interval.after(85.0 / 10), 30).otherwise(0)));
        // Panel G: v' = 0.04v^2 + 4.1v + 108 - u + I, I = 0.075*(t - T1) after T1 = 30.
        panels.add(fig1("class_1_excitable", "(G) Class 1 excitable", "rate grows from zero with a slow ramp",
            SimpleModel.of(0.02, -0.1, -55, 6).withQuadratic(0.04, 4.1, 108),
            0.25, 300.0, -60, Double.NaN,
            Piecewise.when(Interval.after(30), Linear.withSlope(30, 0, 0.075)).otherwise(0)));
        panels.add(fig1("class_2_excitable", "(H) Class 2 excitable", "fires at a non-zero rate once the ramp is high enough",
            standard(0.2, 0.26, -65, 0), 0.25, 300.0, -64, Double.NaN,
            Piecewise.when(Interval.after(30), Linear.withSlope(30, -0.5, 0.015)).otherwise(-0.5)));
        panels.add(fig1("spike_latency", "(I) spike latency", "a brief pulse, a spike long after it ends",
            standard(0.02, 0.2, -65, 6), 0.2, 100.0, -70, Double.NaN,
            Piecewise.when(Interval.open(100.0 / 10, 100.0 / 10 + 3), 7.04).otherwise(0)));
        panels.add(fig1("subthreshold_oscillations", "(J) subthreshold osc.", "a pulse starts damped oscillations and a spike",
            standard(0.05, 0.26, -60, 0), 0.25, 200.0, -62, Double.NaN,
            Piecewise.when(Interval.open(200.0 / 10, 200.0 / 10 + 5), 2).otherwise(0)));
        final double k1 = 400.0 / 10;
        final double k2 = k1 + 20;
        final double k3 = 0.7 * 400.0;
        final double k4 = k3 + 40;
        panels.add(fig1("resonator", "(K) resonator", "only pulse pairs at the resonant interval evoke a spike",
            standard(0.1, 0.26, -60, -1), 0.25, 400.0, -62, Double.NaN,
            Piecewise.when(Interval.open(k1, k1 + 4), 0.65).orWhen(Interval.open(k2, k2 + 4), 0.65)
                .orWhen(Interval.open(k3, k3 + 4), 0.65).orWhen(Interval.open(k4, k4 + 4), 0.65).otherwise(0)));
        final double l1 = 100.0 / 11;
        final double l2 = l1 + 5;
        final double l3 = 0.7 * 100.0;
        final double l4 = l3 + 10;
        panels.add(fig1("integrator", "(L) integrator", "only closely spaced pulse pairs summate to a spike",
            SimpleModel.of(0.02, -0.1, -55, 6).withQuadratic(0.04, 4.1, 108), 0.25, 100.0, -60, Double.NaN,
            Piecewise.when(Interval.open(l1, l1 + 2), 9).orWhen(Interval.open(l2, l2 + 2), 9)
                .orWhen(Interval.open(l3, l3 + 2), 9).orWhen(Interval.open(l4, l4 + 2), 9).otherwise(0)));
        panels.add(fig1("rebound_spike", "(M) rebound spike", "a spike on release from a brief hyperpolarization",
            standard(0.03, 0.25, -60, 4), 0.2, 200.0, -64, Double.NaN,
            Piecewise.when(Interval.open(20, 25), -15).otherwise(0)));
        panels.add(fig1("rebound_burst", "(N) rebound burst", "a burst on release from a brief hyperpolarization",
            standard(0.03, 0.25, -52, 0), 0.2, 200.0, -64, Double.NaN,
            Piecewise.when(Interval.open(20, 25), -15).otherwise(0)));
        panels.add(fig1("threshold_variability", "(O) thresh. variability", "a pulse fires only after an inhibitory one",
            standard(0.03, 0.25, -60, 4), 0.25, 100.0, -64, Double.NaN,
            Piecewise.when(Interval.open(10, 15), 1).orWhen(Interval.open(80, 85), 1)
                .orWhen(Interval.open(70, 75), -6).otherwise(0)));
        final double p1 = 300.0 / 8;
        final double p2 = 216;
        panels.add(fig1("bistability", "(P) bistability", "one pulse switches tonic firing on, the next switches it off",
            standard(0.1, 0.26, -60, 0), 0.25, 300.0, -61, Double.NaN,
            Piecewise.when(Interval.open(p1, p1 + 5), 1.24).orWhen(Interval.open(p2, p2 + 5), 1.24).otherwise(0.24)));
        // abs(t-T1)<1 with T1 = 10: t - 10 is exact for t in [5, 20] (Sterbenz), so it is 9 < t < 11 exactly.
        panels.add(fig1("depolarizing_after_potential", "(Q) DAP", "a depolarized after-potential follows the spike",
            standard(1, 0.2, -60, -21), 0.1, 50.0, -70, Double.NaN,
            Piecewise.when(Interval.open(10 - 1, 10 + 1), 20).otherwise(0)));
        // Panel R: u' = a*b*(v + 65), V = -65, u = -16; I = t/25 for t < 200, (t-300)/12.5*4 in [300, 312.5).
        // Its title is figure1.m's, spelling included ("accomodation"); the preset's name is spelt right.
        panels.add(fig1("accommodation", "(R) accomodation", "a slow ramp gives no spike, a fast one does",
            SimpleModel.of(0.02, 1, -55, 4).withAccommodation(), 0.5, 400.0, -65, -16,
            Piecewise.when(Interval.before(200), new Linear(0, 0, 25, 1))
                .orWhen(Interval.before(300), 0)
                .orWhen(Interval.before(312.5), new Linear(300, 0, 12.5, 4))
                .otherwise(0)));
        panels.add(fig1("inhibition_induced_spiking", "(S) inh. induced sp.", "tonic spikes while the current is lowered",
            standard(-0.02, -1, -60, 8), 0.5, 350.0, -63.8, Double.NaN,
            Piecewise.when(Interval.before(50), 80).orWhen(Interval.after(250), 80).otherwise(75)));
        panels.add(fig1("inhibition_induced_bursting", "(T) inh. induced brst.", "bursts while the current is lowered",
            standard(-0.026, -1, -45, -2), 0.5, 350.0, -63.8, Double.NaN,
            Piecewise.when(Interval.before(50), 80).orWhen(Interval.after(250), 80).otherwise(75)));
        return List.copyOf(panels);
    }

    private static SimpleModel standard(final double a, final double b, final double c, final double d)
    {
        return SimpleModel.of(a, b, c, d);
    }

    /**
     * @param u0 the initial u, or NaN for the code's {@code u=b*V}.
     */
    private static Preset fig1(
        final String name, final String title, final String description, final SimpleModel model,
        final double dtMs, final double durationMs, final double v0, final double u0, final Stimulus stimulus)
    {
        final SimpleModel strict = model.withPeakTest(PeakTest.ABOVE);
        return new Preset(name, title, description,
            PresetGroup.IZHIKEVICH_2004_FIG1.citation() + ", panel " + title.substring(0, 3) + FIG1_CODE,
            PresetGroup.IZHIKEVICH_2004_FIG1, strict, Method.SEMI_IMPLICIT_EULER, dtMs, durationMs,
            v0, Double.isNaN(u0) ? strict.b() * v0 : u0, stimulus, Double.NaN);
    }

    /**
     * The cell types of the 2007 book, starting at rest (v = vr, u = 0 as izhi2007.m's {@code u=0*v}), each with a DC step from t = 0 that makes it fire, plus the burst
     * protocols of izhi2007.m for TC and RTN (120 ms of hyperpolarizing current, then release).
     */
    static List<Preset> book2007()
    {
        final List<Preset> presets = new ArrayList<>();
        for (final CellType2007 type : CellType2007.values())
        {
            final double current = type.defaultCurrentPa();
            presets.add(book("izh2007_" + type.name().toLowerCase(Locale.ROOT), type,
                // As typed ("at 200 pA"): Java's 200.0 read as a measured value with a decimal.
                type.title() + " at " + org.izhsim.core.ShortestDecimal.typed(current) + " pA", type.durationMs(),
                Stimuli.dc(current, 0, Double.POSITIVE_INFINITY), current));
        }
        // izhi2007.m burstMode: Iin0 for the first 120 ms lowers the rest to about -80 mV, then Iinput.
        presets.add(book("izh2007_tc_burst", CellType2007.TC,
            "TC rebound burst: -1200 pA for 120 ms, then 0 pA", 120 + CellType2007.TC.durationMs(),
            Piecewise.when(Interval.before(120), -1200).otherwise(0), Double.NaN));
        presets.add(book("izh2007_rtn_burst", CellType2007.RTN,
            "RTN rebound burst: -350 pA for 120 ms, then 50 pA", 120 + 720.0,
            Piecewise.when(Interval.before(120), -350).otherwise(50), Double.NaN));
        return List.copyOf(presets);
    }

    private static Preset book(
        final String name, final CellType2007 type, final String description, final double durationMs,
        final Stimulus stimulus, final double defaultCurrent)
    {
        final Izhikevich2007Model model = type.model();
        return new Preset(name, type.title(), description,
            PresetGroup.IZHIKEVICH_2007.citation() + ", " + type.figure() + "; protocol of izhi2007.m",
            PresetGroup.IZHIKEVICH_2007, model, Method.EULER, 0.25, durationMs,
            model.vr(), 0.0, stimulus, defaultCurrent);
    }
}
