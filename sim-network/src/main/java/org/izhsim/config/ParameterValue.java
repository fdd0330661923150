package org.izhsim.config;

import java.util.function.DoubleUnaryOperator;

/**
 * A neuron parameter: a number, or an expression of the neuron's own uniform random number r in [0, 1),
 * drawn once per neuron and shared by all its parameters, as in Izhikevich (2003) net.m
 * ({@code c = -65 + 15*re.^2}, {@code d = 8 - 6*re.^2}).
 *
 * @param source   the value as written in the config, for display.
 * @param ofR      the parameter as a function of r; allocation-free and thread-safe.
 * @param constant true when the value does not depend on r.
 */
public record ParameterValue(String source, DoubleUnaryOperator ofR, boolean constant)
{
    /**
     * @param r the neuron's random number in [0, 1).
     * @return the parameter of that neuron.
     */
    public double at(final double r)
    {
        return ofR.applyAsDouble(r);
    }
}
