package org.izhsim.network.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Poisson counts have mean and variance equal to the requested mean, in both regimes. */
class PoissonSamplerTest
{
    @ParameterizedTest
    @ValueSource(doubles = {0.05, 1.0, 7.5, 80.0})
    void meanAndVarianceEqualTheRate(final double mean)
    {
        final int draws = 400_000;
        final long key = CounterRandom.key(9, 1, (long)(mean * 100));
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < draws; i++)
        {
            final int k = PoissonSampler.sample(CounterRandom.bits(key, i), mean, Math.exp(-mean));
            sum += k;
            sumSquares += (double)k * k;
        }
        final double m = sum / draws;
        final double variance = sumSquares / draws - m * m;
        assertEquals(mean, m, 5 * Math.sqrt(mean / draws) + 1e-9);
        assertEquals(mean, variance, 0.02 * mean + 10 * Math.sqrt(2 * mean * mean / draws));
    }
}
