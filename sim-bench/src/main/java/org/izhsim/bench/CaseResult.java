package org.izhsim.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The repeated measurements of one network at one thread count, with what the network is.
 */
public record CaseResult(String network, int threads, int neurons, long synapses, long synapseBytes, int steps,
    List<Sample> samples)
{
    public CaseResult
    {
        samples = List.copyOf(samples);
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
