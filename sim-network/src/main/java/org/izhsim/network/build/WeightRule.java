package org.izhsim.network.build;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

import org.izhsim.network.random.CounterRandom;
import org.izhsim.network.random.NormalTable;

/**
 * A synapse's weight (mV of input current per spike, the units of net.m's S) as a function of 64 random
 * bits that belong to that synapse alone. Implementations must be pure functions: construction calls them
 * from several threads and relies on the same bits giving the same weight.
 */
@FunctionalInterface
public interface WeightRule
{
    /** @param bits the synapse's own random bits. */
    double weight(long bits);

    static WeightRule constant(final double w)
    {
        Checks.floatValue("weight", w);
        return bits -> w;
    }

    /** Uniform in [lo, hi). */
    static WeightRule uniform(final double lo, final double hi)
    {
        Checks.range("uniform weight", lo, hi);
        Checks.floatValue("uniform weight low", lo);
        Checks.floatValue("uniform weight high", hi);
        final double width = hi - lo;
        return bits -> lo + width * CounterRandom.uniform(bits);
    }

    /** Normal(mean, sd) through {@link NormalTable} (truncated at +-4.325 sd). */
    static WeightRule normal(final double mean, final double sd)
    {
        Checks.finite("normal weight mean", mean);
        Checks.nonNegative("normal weight sd", sd);
        // The table's draws reach +-4.325 sd: every weight must be a float.
        Checks.floatValue("normal weight mean + 4.325 sd", Math.abs(mean) + 4.325 * sd);
        return bits -> mean + sd * NormalTable.gaussian(bits);
    }

    /** exp(Normal(mu, sigma)). */
    static WeightRule lognormal(final double mu, final double sigma)
    {
        Checks.finite("lognormal weight mu", mu);
        Checks.nonNegative("lognormal weight sigma", sigma);
        Checks.floatValue("lognormal weight exp(mu + 4.325 sigma)", StrictMath.exp(mu + 4.325 * sigma));
        return bits -> StrictMath.exp(mu + sigma * NormalTable.gaussian(bits));
    }

    /**
     * A function of one uniform rand in [0, 1) per synapse: net.m's excitatory weights are
     * {@code ofRandom(rand -> 0.5 * rand)}, its inhibitory ones {@code ofRandom(rand -> -rand)}.
     */
    static WeightRule ofRandom(final DoubleUnaryOperator function)
    {
        Objects.requireNonNull(function, "function");
        Checks.floatFunction("the weight function", function);
        return bits -> function.applyAsDouble(CounterRandom.uniform(bits));
    }
}
