package org.izhsim.config;

import java.util.Optional;

/**
 * External input of a population, added to the synaptic current each step.
 *
 * @param noiseSd Gaussian "thalamic" current: a fresh N(0, noiseSd^2) draw per neuron per 1 ms step, as
 *                {@code I = [5*randn(Ne,1); 2*randn(Ni,1)]} in Izhikevich (2003) net.m.
 * @param dc      constant current added every step.
 * @param poisson Poisson spike sources, if any.
 */
public record InputConfig(double noiseSd, double dc, Optional<PoissonInput> poisson)
{
    public static final InputConfig NONE = new InputConfig(0.0, 0.0, Optional.empty());
}
