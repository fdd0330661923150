package org.izhsim.explore;

import org.izhsim.output.Numbers;

import java.util.List;

/**
 * The range the explorer accepts for one field: sliders span it, and both the page and the server refuse a
 * value outside it with the same reason. Ranges hold every preset's value (a test checks it) and keep a
 * re-simulation well within the page's 100 ms budget.
 *
 * @param key   the request field, also the {@code sim neuron} option without its dashes.
 * @param label what the page calls it.
 * @param unit  its unit, empty for none.
 * @param min   smallest accepted value.
 * @param max   largest accepted value.
 * @param step  the slider's step.
 */
record ParameterLimit(String key, String label, String unit, double min, double max, double step)
{
    /** Longest trace the page asks for; the budget is for 1000 ms. */
    static final double MAX_DURATION_MS = 5000.0;
    /** Keeps one re-simulation to a few milliseconds whatever dt and duration are. */
    static final long MAX_STEPS = 1_000_000L;

    static final List<ParameterLimit> MODEL_2003 = List.of(
        new ParameterLimit("a", "a: recovery rate", "1/ms", -0.1, 1.2, 0.001),
        new ParameterLimit("b", "b: sensitivity of u", "", -1.5, 1.5, 0.005),
        new ParameterLimit("c", "c: reset of v", "mV", -90.0, 0.0, 0.5),
        new ParameterLimit("d", "d: jump of u", "", -25.0, 30.0, 0.05));

    static final List<ParameterLimit> MODEL_2007 = List.of(
        new ParameterLimit("C", "C: capacitance", "pF", 5.0, 500.0, 1.0),
        new ParameterLimit("k", "k: gain", "nS/mV", 0.01, 5.0, 0.01),  // k > 0, as the network and sim neuron take it
        new ParameterLimit("vr", "vr: rest", "mV", -90.0, -40.0, 0.5),
        new ParameterLimit("vt", "vt: threshold", "mV", -70.0, -20.0, 0.5),
        new ParameterLimit("vpeak", "vpeak: spike cutoff", "mV", -10.0, 60.0, 0.5),
        new ParameterLimit("a", "a: recovery rate", "1/ms", -0.2, 1.0, 0.001),
        new ParameterLimit("b", "b: sensitivity of u", "nS", -20.0, 30.0, 0.1),
        new ParameterLimit("c", "c: reset of v", "mV", -90.0, -20.0, 0.5),
        new ParameterLimit("d", "d: jump of u", "pA", -50.0, 400.0, 1.0));

    static final ParameterLimit CURRENT_2003 = new ParameterLimit("current", "I: DC amplitude", "", -50.0, 100.0, 0.1);
    static final ParameterLimit CURRENT_2007 = new ParameterLimit("current", "I: DC amplitude", "pA", -2000.0, 2000.0, 5.0);
    static final ParameterLimit ONSET = new ParameterLimit("onset", "onset", "ms", 0.0, MAX_DURATION_MS, 1.0);
    static final ParameterLimit OFFSET = new ParameterLimit("offset", "offset", "ms", 0.0, MAX_DURATION_MS, 1.0);
    static final ParameterLimit DT = new ParameterLimit("dt", "dt: time step", "ms", 0.005, 1.0, 0.005);
    static final ParameterLimit DURATION = new ParameterLimit("duration", "duration", "ms", 10.0, MAX_DURATION_MS, 10.0);

    static List<ParameterLimit> model(final boolean model2007)
    {
        return model2007 ? MODEL_2007 : MODEL_2003;
    }

    static ParameterLimit current(final boolean model2007)
    {
        return model2007 ? CURRENT_2007 : CURRENT_2003;
    }

    /**
     * @throws ApiException 400 naming this field when the value is outside [min, max].
     */
    double check(final double value)
    {
        if (!(value >= min && value <= max))
        {
            throw new ApiException(400, key, key + " must be between " + Numbers.format(min) + " and " +
                Numbers.format(max) + (unit.isEmpty() ? "" : " " + unit) + ", got " + Numbers.format(value));
        }
        return value;
    }
}
