package org.izhsim.network.synapse;

import java.util.concurrent.TimeUnit;

import org.izhsim.network.engine.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * spnet2006's once-a-second weight update in ns per plastic synapse, through {@link PlasticSynapses#updateWeights}
 * (the engine's own loop: sd *= 0.9, w += 0.01 + sd, w clipped to [0, 10]) over the 80,000 plastic synapses of
 * configs/spnet2006.yaml (1 thread), after {@code simulatedMs} of simulation: 0 leaves every weight at its
 * initial 6, 60,000 gives the bimodal weights of a learnt network (most near 0 or 10), on which a clip by
 * comparisons mispredicts. The weights are put back before each call, so every call sees the same distribution.
 * 1 fork, 3 x 2 s warm-up, 5 x 2 s measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WeightUpdateBenchmark
{
    @Param({"0", "60000"})
    public int simulatedMs;

    private Network network;
    private PlasticSynapses plastic;
    private float[] weights;
    private float[] learnt;

    @Setup(Level.Trial)
    public void build()
    {
        network = Network.build(PotentiationBenchmark.spnet2006()).discardSpikes();
        if (simulatedMs > 0)
        {
            network.run(simulatedMs);
        }
        plastic = network.plasticity();
        weights = network.synapses().weights(0);
        learnt = weights.clone();
    }

    /** The weights as they were after the simulation (the derivatives decay towards 0 from call to call). */
    @Setup(Level.Invocation)
    public void restore()
    {
        System.arraycopy(learnt, 0, weights, 0, weights.length);
    }

    @TearDown(Level.Trial)
    public void close()
    {
        network.close();
    }

    @Benchmark
    public void update(final SynapseCounts counts)
    {
        plastic.updateWeights(0);
        counts.synapses += plastic.count();
    }
}
