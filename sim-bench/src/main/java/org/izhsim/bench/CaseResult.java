package org.izhsim.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The repeated measurements of one network at one thread count, with what the network is.
 */
public record CaseResult(String network, int threads, int neurons, long synapses, long synapseBytes, int steps,
    List<Sample> samples, long plasticSynapses, long plasticBytes)
{
    public CaseResult
    {
        samples = List.copyOf(samples);
    }

    /** A network without plastic synapses. */
    public CaseResult(final String network, final int threads, final int neurons, final long synapses,
        final long synapseBytes, final int steps, final List<Sample> samples)
    {
        this(network, threads, neurons, synapses, synapseBytes, steps, samples, 0, 0);
    }

    /**
     * Per plastic synapse, its 6 bytes of the matrix (16-bit target, float weight) and the rule's state (derivative,
     * index, traces), as summary.json's bytes_per_plastic_synapse; NaN without plastic synapses. Issue 10's goal is 12.
     */
    public double bytesPerPlasticSynapse()
    {
        return plasticSynapses == 0 ? Double.NaN : 6.0 + (double)plasticBytes / plasticSynapses;
    }

    public Spread spread(final ToDoubleFunction<Sample> field)
    {
        return Spread.of(samples.stream().mapToDouble(field).toArray());
    }

    public double bytesPerSynapse()
    {
        return synapses == 0 ? 0.0 : (double)synapseBytes / synapses;
    }
}
