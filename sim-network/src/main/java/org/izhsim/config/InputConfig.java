package org.izhsim.config;

import java.util.Optional;

/**
 * External input of a population, added to the synaptic current each step.
 *
 * @param noiseSd Gaussian "thalamic" current: a fresh N(0, noiseSd^2) draw per neuron per 1 ms step, as
 *                {@code I = [5*randn(Ne,1); 2*randn(Ni,1)]} in Izhikevich (2003) net.m.
 * @param dc      constant current added every step.
 * @param poisson Poisson spike sources, if any.
 * @param uniformWidth uniform current of this width centred on 0, a fresh draw per neuron per step, as
 *                {@code I=13*(rand(N,1)-0.5)} in Izhikevich (2007) daspnet.m; 0 for none.
 */
public record InputConfig(double noiseSd, double dc, Optional<PoissonInput> poisson, double uniformWidth)
{
    public InputConfig(final double noiseSd, final double dc, final Optional<PoissonInput> poisson)
    {
        this(noiseSd, dc, poisson, 0.0);
    }

    public static final InputConfig NONE = new InputConfig(0.0, 0.0, Optional.empty());
}
