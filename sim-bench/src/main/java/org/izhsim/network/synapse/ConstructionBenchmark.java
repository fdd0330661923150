package org.izhsim.network.synapse;

import java.util.concurrent.TimeUnit;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Network construction in synapses per second: the sparse10k network (10^4 neurons x 1000 synapses, delays
 * 1-20 ms from excitatory neurons, 1 ms from inhibitory ones, 10^7 synapses) built whole, parameters, sampling,
 * sorting and compressed rows, with 1 and 2 threads. The 10^8-synapse target is read off {@code ./sim bench}'s sparse100k build time. 1 fork with a
 * 4 GB heap, 2 x 5 s warm-up, 3 x 5 s measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ConstructionBenchmark
{
    private static final int NEURONS = 10_000;
    private static final int OUT_DEGREE = 1000;

    @Param({"1", "2"})
    int threads;

    @Benchmark
    @OperationsPerInvocation(NEURONS * OUT_DEGREE)
    public long sparse10k()
    {
        final Network network = Network.build(ReferenceNetworks.sparse(NEURONS, OUT_DEGREE, 20).seed(1).threads(threads));
        return network.synapseCount();
    }
}
