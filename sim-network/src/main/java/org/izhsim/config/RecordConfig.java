package org.izhsim.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What is recorded besides spikes, which are always recorded.
 *
 * @param traceNeurons   global ids of the neurons whose state is recorded every step, in the order written.
 * @param traceVariables which state variables those traces hold.
 * @param ratesBinMs     width of the bins of the population firing-rate series, ms.
 * @param traceOrigins   where each traced neuron was written, {@code file:line:column}.
 * @param weightsEveryMs interval of the plastic weights' snapshots, ms; 0 for the final weights only.
 * @param weightsEveryOrigin where {@code weights_every_ms} was written, {@code file:line:column}; null if not.
 * @param spikeFiles     the spike files to write.
 * @param connections    whether to write each projection's synapses, as built, to {@code connections_K.csv}.
 * @param spikePopulations the populations whose spikes the spike files hold, in file order; empty for all.
 */
public record RecordConfig(List<Integer> traceNeurons, Set<TraceVariable> traceVariables, double ratesBinMs,
    List<String> traceOrigins, double weightsEveryMs, String weightsEveryOrigin,
    Set<org.izhsim.network.build.SpikeFormat> spikeFiles, boolean connections, List<String> spikePopulations)
{
    /** The spikes of every population in the spike files. */
    public RecordConfig(final List<Integer> traceNeurons, final Set<TraceVariable> traceVariables,
        final double ratesBinMs, final List<String> traceOrigins, final double weightsEveryMs,
        final String weightsEveryOrigin, final Set<org.izhsim.network.build.SpikeFormat> spikeFiles,
        final boolean connections)
    {
        this(traceNeurons, traceVariables, ratesBinMs, traceOrigins, weightsEveryMs, weightsEveryOrigin, spikeFiles,
            connections, List.of());
    }

    /** Without connections files. */
    public RecordConfig(final List<Integer> traceNeurons, final Set<TraceVariable> traceVariables,
        final double ratesBinMs, final List<String> traceOrigins, final double weightsEveryMs,
        final String weightsEveryOrigin, final Set<org.izhsim.network.build.SpikeFormat> spikeFiles)
    {
        this(traceNeurons, traceVariables, ratesBinMs, traceOrigins, weightsEveryMs, weightsEveryOrigin, spikeFiles,
            false);
    }

    /** Every spike file. */
    public RecordConfig(final List<Integer> traceNeurons, final Set<TraceVariable> traceVariables,
        final double ratesBinMs, final List<String> traceOrigins, final double weightsEveryMs,
        final String weightsEveryOrigin)
    {
        this(traceNeurons, traceVariables, ratesBinMs, traceOrigins, weightsEveryMs, weightsEveryOrigin,
            org.izhsim.network.build.SpikeFormat.ALL);
    }

    /** Weight snapshots whose key has no known place. */
    public RecordConfig(final List<Integer> traceNeurons, final Set<TraceVariable> traceVariables,
        final double ratesBinMs, final List<String> traceOrigins, final double weightsEveryMs)
    {
        this(traceNeurons, traceVariables, ratesBinMs, traceOrigins, weightsEveryMs, null);
    }

    /** Without weight snapshots. */
    public RecordConfig(final List<Integer> traceNeurons, final Set<TraceVariable> traceVariables,
        final double ratesBinMs, final List<String> traceOrigins)
    {
        this(traceNeurons, traceVariables, ratesBinMs, traceOrigins, 0.0);
    }

    public RecordConfig
    {
        traceNeurons = List.copyOf(traceNeurons);
        traceOrigins = List.copyOf(traceOrigins);
        // An EnumSet keeps the variables in declaration order: v, u, input.
        traceVariables = traceVariables.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(traceVariables));
        spikeFiles = Collections.unmodifiableSet(EnumSet.copyOf(spikeFiles));
    }

    public static final RecordConfig SPIKES_ONLY = new RecordConfig(List.of(), Set.of(), 1.0, List.of());
}
