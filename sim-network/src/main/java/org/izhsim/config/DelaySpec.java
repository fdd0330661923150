package org.izhsim.config;

/**
 * Axonal conduction delay of each synapse of a projection: a whole number of time steps of at least one,
 * given in ms and already converted with the experiment's dt.
 */
public sealed interface DelaySpec permits DelaySpec.Constant, DelaySpec.UniformInt, DelaySpec.EvenSplit
{
    /**
     * @return the shortest delay, in steps (&ge; 1).
     */
    int minSteps();

    /**
     * @return the longest delay, in steps: the depth a delay ring buffer needs.
     */
    int maxSteps();

    /**
     * One delay for every synapse; net.m's is 1 ms.
     */
    record Constant(double ms, int steps) implements DelaySpec
    {
        @Override
        public int minSteps()
        {
            return steps;
        }

        @Override
        public int maxSteps()
        {
            return steps;
        }
    }

    /**
     * Uniform over the whole steps from low to high inclusive, drawn per synapse. (Izhikevich's spnet gives
     * its excitatory synapses the delays 1..20 ms as an exact split, 5 synapses each: {@link EvenSplit},
     * poly_spnet.cpp lines 122-125.)
     */
    record UniformInt(double lowMs, double highMs, int lowSteps, int highSteps) implements DelaySpec
    {
        @Override
        public int minSteps()
        {
            return lowSteps;
        }

        @Override
        public int maxSteps()
        {
            return highSteps;
        }
    }

    /**
     * Each source's synapses split evenly over the whole steps low..high: with k synapses per source (rule
     * fixed_outdegree, k a multiple of the step count) exactly k / (high - low + 1) of each delay, as every
     * excitatory neuron of Izhikevich (2006) spnet has 5 synapses of each delay 1..20 ms.
     */
    record EvenSplit(double lowMs, double highMs, int lowSteps, int highSteps) implements DelaySpec
    {
        @Override
        public int minSteps()
        {
            return lowSteps;
        }

        @Override
        public int maxSteps()
        {
            return highSteps;
        }
    }
}
