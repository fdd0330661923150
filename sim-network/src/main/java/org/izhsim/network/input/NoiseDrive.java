package org.izhsim.network.input;

import org.izhsim.network.random.CounterRandom;
import org.izhsim.network.random.NormalTable;

/**
 * Gaussian current sd * N(0, 1), drawn afresh for every neuron and step: net.m's thalamic input
 * {@code I = [5*randn(Ne,1); 2*randn(Ni,1)]} (Izhikevich 2003, Fig. 3). Variates come from
 * {@link NormalTable} fed by a counter hash of (seed, stream, step, neuron).
 */
public final class NoiseDrive extends InputDrive
{
    private final float sd;
    private final long seed;
    private final long stream;

    public NoiseDrive(final int first, final int end, final double sd, final long seed, final long stream)
    {
        super(first, end);
        this.sd = (float)sd;
        this.seed = seed;
        this.stream = stream;
    }

    @Override
    protected void add(final float[] input, final int from, final int to, final long step, final long[] scratch)
    {
        fillBits(scratch, CounterRandom.key(seed, stream, step), from, to);
        final float sd = this.sd;
        for (int i = from; i < to; i++)
        {
            input[i] += sd * NormalTable.gaussian(scratch[i - from]);
        }
    }
}
