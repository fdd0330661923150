package org.izhsim.network.record;

import java.util.Locale;

/**
 * The first neuron found with a non-finite membrane potential, which ended a run: the model's quadratic term
 * (0.04 v^2) overflows float within a step or two once the input reaches about 1e18, and NaN then spreads
 * through every synapse of the neuron. Found by the threshold pass of the step that produced it, whichever of v
 * and u it began in (v = -infinity included); the lowest neuron id of that step.
 *
 * @param neuron              global id.
 * @param population          its population's name.
 * @param indexInPopulation   its index within the population.
 * @param step                the step (= ms) whose integration produced the value; that step is not part of
 *                            the result.
 * @param v                   its membrane potential then (NaN or infinite, or finite when only u is not).
 * @param u                   its recovery variable then.
 * @param plasticity          whether the plasticity's traces, derivatives or plastic weights held NaN or an
 *                            infinity then: the rule's amplitudes overflowed float (two infinite traces make a NaN
 *                            weight, which then makes the potentials NaN), not the input.
 * @param plastic             when a weight update found the plasticity non-finite (its weights, derivatives and
 *                            traces are checked at each update, the neurons at each step): the first such value, as
 *                            a phrase ("plastic synapse 3 (exc[3]) -> 7 (exc[7]), delay 2 ms, has weight = NaN,
 *                            derivative = Infinity"), and the rule with its amplitudes; the neuron is then the
 *                            synapse's target (or the trace's neuron) with its v and u, {@code plasticity} is true.
 *                            Else null.
 */
public record NumericalBlowUp(int neuron, String population, int indexInPopulation, long step, float v, float u,
    boolean plasticity, String plastic)
{
    /**
     * The bits of the NaN that the 2007 model's kernel writes into v when a forward-Euler sub-step was unstable (v
     * below vr - C / (tau k), where the quadratic term's step alone overshoots the rest point, or tau times the
     * neuron's synaptic conductance over C at 1 or more): a quiet NaN whose payload says so ("2007"), carried in the
     * float's raw bits to this report, on any rank.
     */
    public static final int UNSTABLE_STEP_BITS = 0x7fc02007;
    /**
     * {@link #UNSTABLE_STEP_BITS} when it was the conductance: tau g / C reached 1 (a tester could not tell which of
     * the two causes the line listed had happened, and guessed).
     */
    public static final int UNSTABLE_CONDUCTANCE_2007_BITS = 0x7fc12007;
    /**
     * The bits of the NaN that the 2003 model's conductance step writes into v when the neuron's synaptic conductance
     * g made its Euler sub-step of the half-step's 0.5 ms unstable, g >= 2; {@link #UNSTABLE_CONDUCTANCE_EULER_BITS}
     * for euler's 1 ms step, g >= 1.
     */
    public static final int UNSTABLE_CONDUCTANCE_BITS = 0x7fc02003;
    public static final int UNSTABLE_CONDUCTANCE_EULER_BITS = 0x7fc12003;

    /** A blow-up whose plasticity stayed finite (or a network without plasticity). */
    public NumericalBlowUp(final int neuron, final String population, final int indexInPopulation, final long step,
        final float v, final float u)
    {
        this(neuron, population, indexInPopulation, step, v, u, false, null);
    }

    /** A neuron's blow-up, with or without non-finite plasticity. */
    public NumericalBlowUp(final int neuron, final String population, final int indexInPopulation, final long step,
        final float v, final float u, final boolean plasticity)
    {
        this(neuron, population, indexInPopulation, step, v, u, plasticity, null);
    }

    /**
     * One sentence: which neuron, when, and what to look at (the start state too: v0 = -70 + 1e-3/(r - 0.3), a pole
     * between the expression check's grid points, blew up a network without input and the line blamed the input).
     */
    public String message()
    {
        if (plastic != null)
        {
            return String.format(Locale.ROOT, "numerical blow-up at t = %d ms: %s; the plasticity rule's amplitudes " +
                "(a_plus, a_minus) are too large for float arithmetic", step, plastic);
        }
        final int bits = Float.floatToRawIntBits(v);
        if (bits == UNSTABLE_STEP_BITS)
        {
            return String.format(Locale.ROOT, "numerical blow-up at t = %d ms: neuron %d (%s[%d]): a forward-Euler " +
                "sub-step of its population of the 2007 model was unstable: v fell below vr - C / (tau k), where the " +
                "step overshoots the rest point (u = %s), after which v means nothing: raise the population's " +
                "steps_per_ms, or lower its inputs (or its b, or v0, if they are beyond the cell's range)", step,
                neuron, population, indexInPopulation, u);
        }
        if (bits == UNSTABLE_CONDUCTANCE_2007_BITS)
        {
            return String.format(Locale.ROOT, "numerical blow-up at t = %d ms: neuron %d (%s[%d]): a forward-Euler " +
                "sub-step of its population of the 2007 model was unstable: tau times its synaptic conductance over C " +
                "reached 1 (tau = 1 / steps_per_ms), where each sub-step carries v past the reversal potentials, after " +
                "which v means nothing: raise the population's steps_per_ms, or lower the conductance weights into %s " +
                "(a slow receptor, NMDA or GABA_B, sums many spikes)", step, neuron, population, indexInPopulation,
                population);
        }
        if (bits == UNSTABLE_CONDUCTANCE_BITS || bits == UNSTABLE_CONDUCTANCE_EULER_BITS)
        {
            final boolean euler = bits == UNSTABLE_CONDUCTANCE_EULER_BITS;
            return String.format(Locale.ROOT, "numerical blow-up at t = %d ms: neuron %d (%s[%d]): its synaptic " +
                "conductance reached 1 / dt = %s (%s), where each Euler step of v carries it past the reversal " +
                "potentials, after which v means nothing: the conductance weights into %s are beyond what the 2003 " +
                "model's step integrates%s", step, neuron, population, indexInPopulation, euler ? "1" : "2",
                euler ? "integration: euler, dt 1 ms" : "integration: halfstep, v's sub-steps of 0.5 ms", population,
                euler ? " (integration: halfstep allows twice the conductance)" : "");
        }
        final String where = String.format(Locale.ROOT, "numerical blow-up at t = %d ms: neuron %d (%s[%d]) has " +
            "v = %s, u = %s; ", step, neuron, population, indexInPopulation, v, u);
        return plasticity ?
            where + "the plastic synapses' traces or weights hold NaN or infinities: the plasticity rule's " +
            "amplitudes (a_plus, a_minus) are too large for float arithmetic" :
            where + "most likely its input is too large (check the weights and input currents into " + population +
            "), or its parameters or start state (v0, u0) are beyond the model's range";
    }
}
