package org.izhsim.network.synapse;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Scope;

/**
 * Synapses a benchmark call handled ({@link PotentiationBenchmark}: potentiated; {@link WeightUpdateBenchmark}:
 * updated): JMH divides the time by it, so the score reads ns per synapse.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class SynapseCounts
{
    public long synapses;

    @Setup(Level.Iteration)
    public void clear()
    {
        synapses = 0;
    }
}
