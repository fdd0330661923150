package org.izhsim.network.synapse;

import java.util.concurrent.TimeUnit;

import org.izhsim.network.engine.Network;
import org.izhsim.network.engine.NeuronUpdateBenchmark;
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
 * spnet2006's per-step trace decay in ns per neuron (the {@code :neuronSteps} score), through {@link PlasticSynapses#decayTraces} (the engine's own
 * loop: LTP(t + 1) = 0.95 LTP(t) for the 800 plastic sources, LTD *= 0.95 for all 1000 neurons, each product in double
 * and rounded to float as poly_spnet's float storage does), after {@code simulatedMs} of simulation (0: every trace 0;
 * 60,000: the traces of a learnt network, some subnormal). Each call advances the step, so it reads the slot the
 * previous call wrote. JDK 17's C2 gave each scalar conversion a false dependency on its destination register
 * (JDK-8318562): on an Intel Xeon the loop took 4.7 us one neuron at a time and 1.0 grouped (BENCHMARKS.md, nineteenth
 * session); this benchmark keeps that visible. 1 fork, 3 x 2 s warm-up, 5 x 2 s measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TraceDecayBenchmark
{
    @Param({"0", "60000"})
    public int simulatedMs;

    private Network network;
    private PlasticSynapses plastic;
    private int neurons;
    private long step;

    @Setup(Level.Trial)
    public void build()
    {
        network = Network.build(PotentiationBenchmark.spnet2006()).discardSpikes();
        if (simulatedMs > 0)
        {
            network.run(simulatedMs);
        }
        plastic = network.plasticity();
        neurons = network.neurons();
        step = simulatedMs;
    }

    @TearDown(Level.Trial)
    public void close()
    {
        network.close();
    }

    @Benchmark
    public void decay(final NeuronUpdateBenchmark.Counts counts)
    {
        plastic.decayTraces(0, neurons, step++);
        counts.neuronSteps += neurons;
    }
}
