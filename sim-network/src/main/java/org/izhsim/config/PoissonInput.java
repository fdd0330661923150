package org.izhsim.config;

/**
 * Independent Poisson spike sources driving every neuron of a population: each neuron has its own
 * {@code sources} sources, each firing at {@code rateHz}; every source spike adds {@code weight} to the
 * neuron's input current in the step it falls in.
 */
public record PoissonInput(double rateHz, double weight, int sources)
{
}
