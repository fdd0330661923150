package org.izhsim.config;

import java.util.function.DoubleUnaryOperator;

/**
 * How the weight of each synapse of a projection is chosen. Weights are currents added to the target's
 * input in the step the spike arrives (net.m: {@code I = I + sum(S(:,fired),2)}).
 */
public sealed interface WeightSpec
    permits WeightSpec.Constant, WeightSpec.Expression, WeightSpec.Uniform, WeightSpec.Normal, WeightSpec.Lognormal
{
    /**
     * The same weight for every synapse.
     */
    record Constant(double value) implements WeightSpec
    {
    }

    /**
     * A function of a fresh uniform random number {@code rand} in [0, 1) per synapse, e.g.
     * {@code 0.5*rand} for the excitatory weights of net.m ({@code S = [0.5*rand(Ne+Ni,Ne), -rand(Ne+Ni,Ni)]}).
     *
     * @param source the expression as written, for display.
     * @param ofRand the weight as a function of rand; allocation-free and thread-safe.
     */
    record Expression(String source, DoubleUnaryOperator ofRand) implements WeightSpec
    {
        public double at(final double rand)
        {
            return ofRand.applyAsDouble(rand);
        }
    }

    /**
     * Uniform on [low, high).
     */
    record Uniform(double low, double high) implements WeightSpec
    {
    }

    /**
     * Gaussian with the given mean and standard deviation.
     */
    record Normal(double mean, double sd) implements WeightSpec
    {
    }

    /**
     * exp(N(mu, sigma^2)): positive, heavy-tailed.
     */
    record Lognormal(double mu, double sigma) implements WeightSpec
    {
    }
}
