package org.izhsim.network.record;

import java.util.Locale;

/**
 * The first neuron found with a non-finite membrane potential, which ended a run: the model's quadratic term
 * (0.04 v^2) overflows float within a step or two once the input reaches about 1e18, and NaN then spreads
 * through every synapse of the neuron. Found by the threshold pass of the step that produced it (or, when
 * the overflow began in u or as v = -infinity, at most two steps later); the lowest neuron id of that step.
 *
 * @param neuron              global id.
 * @param population          its population's name.
 * @param indexInPopulation   its index within the population.
 * @param step                the step (= ms) whose integration produced the value; that step is not part of
 *                            the result.
 * @param v                   its membrane potential then (NaN or infinite).
 * @param u                   its recovery variable then.
 */
public record NumericalBlowUp(int neuron, String population, int indexInPopulation, long step, float v, float u)
{
    /** One sentence: which neuron, when, and what to look at. */
    public String message()
    {
        return String.format(Locale.ROOT, "numerical blow-up at t = %d ms: neuron %d (%s[%d]) has v = %s, u = %s; " +
            "most likely its input is too large (check the weights and input currents into %s)",
            step, neuron, population, indexInPopulation, v, u, population);
    }
}
