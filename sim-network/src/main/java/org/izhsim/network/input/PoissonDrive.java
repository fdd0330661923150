package org.izhsim.network.input;

import org.izhsim.network.random.CounterRandom;
import org.izhsim.network.random.PoissonSampler;

/**
 * {@code sources} independent Poisson trains of {@code rateHz} into every neuron, each spike adding
 * {@code weight}: their superposition is one Poisson train of sources * rate, so each neuron and 1 ms step
 * draws a single Poisson count of mean sources * rate / 1000.
 */
public final class PoissonDrive extends InputDrive
{
    private final float weight;
    private final double mean;
    private final double expMinusMean;
    private final long seed;
    private final long stream;

    public PoissonDrive(final int first, final int end, final double rateHz, final double weight, final int sources,
        final long seed, final long stream)
    {
        super(first, end);
        this.weight = (float)weight;
        this.mean = sources * rateHz / 1000.0;
        this.expMinusMean = StrictMath.exp(-mean);
        this.seed = seed;
        this.stream = stream;
    }

    @Override
    protected void add(final float[] input, final int from, final int to, final long step, final long[] scratch)
    {
        fillBits(scratch, CounterRandom.key(seed, stream, step), from, to);
        for (int i = from; i < to; i++)
        {
            final int count = PoissonSampler.sample(scratch[i - from], mean, expMinusMean);
            if (count != 0)
            {
                input[i] += weight * count;
            }
        }
    }
}
