package org.izhsim.network.random;

/**
 * Poisson counts from one uniform variate, so that Poisson input stays a pure function of
 * (seed, neuron, step). Stateless.
 */
public final class PoissonSampler
{
    /** Above this mean the sequential search would take too long: use the normal approximation. */
    static final double NORMAL_APPROXIMATION_MEAN = 30.0;

    private PoissonSampler()
    {
    }

    /**
     * Inverse-transform sampling (Devroye 1986, "Non-Uniform Random Variate Generation", ch. X.3) for small
     * means; for means above 30 the rounded normal N(mean, mean), whose error in the counts is below 1%.
     *
     * @param bits            64 random bits.
     * @param mean            expected count, >= 0.
     * @param expMinusMean    exp(-mean), precomputed by the caller.
     */
    public static int sample(final long bits, final double mean, final double expMinusMean)
    {
        if (mean > NORMAL_APPROXIMATION_MEAN)
        {
            final double x = mean + Math.sqrt(mean) * NormalTable.gaussian(bits);
            return x <= 0 ? 0 : (int)Math.round(x);
        }
        final double u = CounterRandom.uniform(bits);
        int k = 0;
        double probability = expMinusMean;
        double cumulative = probability;
        while (u > cumulative && k < 1000)
        {
            k++;
            probability *= mean / k;
            cumulative += probability;
        }
        return k;
    }
}
