package org.izhsim.config;

/**
 * One population. Populations are numbered contiguously in file order: this one holds the global neuron
 * ids {@code firstNeuron .. firstNeuron + size - 1}.
 *
 * @param name        unique name, used by projections and outputs.
 * @param index       position in the file, from 0.
 * @param firstNeuron global id of its first neuron.
 * @param size        number of neurons, &gt; 0.
 * @param model       neuron equations.
 * @param params      a, b, c, d, each a number or a function of the neuron's r.
 * @param v0          initial membrane potential, mV, a number or a function of a uniform r of the neuron's own
 *                    (not its parameters' r); initial u is b*v0 (net.m: {@code u = b.*v}).
 * @param input       external input.
 * @param rateHz      the rate of a Poisson source population ({@code model: poisson}), Hz; NaN for the 2003 model
 *                    (a source has no params, v0 or input: null, null and none).
 * @param spikeTimesMs each neuron's ascending spike times of a spike-times source population ({@code model:
 *                    spike_times}), ms; null for other populations.
 * @param repeatEveryMs the period after which those times repeat, ms; 0 for none.
 * @param spikeTimesFile the file those times were read from, or null (written in the experiment, or no such source).
 * @param origin      where its size was written, {@code file:line:column}.
 * @param model2007   the 2007 model's constants of a {@code model: izhikevich2007} population, else null (its a, b,
 *                    c, d are in params).
 */
public record PopulationConfig(
    String name,
    int index,
    int firstNeuron,
    int size,
    NeuronModel model,
    NeuronParameters params,
    ParameterValue v0,
    InputConfig input,
    double rateHz,
    long[][] spikeTimesMs,
    long repeatEveryMs,
    SpikeTimesFile spikeTimesFile,
    String origin,
    org.izhsim.network.build.Izhikevich2007 model2007)
{
    /**
     * @return one past the global id of the last neuron.
     */
    public int endNeuron()
    {
        return firstNeuron + size;
    }
}
