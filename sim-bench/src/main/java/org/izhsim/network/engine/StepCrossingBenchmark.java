package org.izhsim.network.engine;

import java.util.concurrent.TimeUnit;

import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One step of a network with almost nothing to do (256 neurons at rest, no synapses, no input), in ns: the
 * engine's own per-step cost of crossing from one step to the next through {@link SliceClaims}, which a run in
 * one process uses since issue 12 (claims of the slices, the completing thread's serial part, the release),
 * plus the neuron update of 256 neurons. {@code threads = 1}: one slice, no other thread. {@code threads = 2},
 * {@code mode = team}: both threads claim slices every step (the team a quiet machine gets); {@code mode =
 * adapt}: the engine's own choice, which on a step this short is thread 0 alone (the team costs more than the
 * work). Steps run in calls of {@link #STEPS} through {@link Network#run}; spikes are discarded. 1 fork,
 * 3 x 1 s warm-up, 5 x 1 s measured; on 2 vCPUs shared with other work read the team's figure as what a
 * preempted thread can add, not a constant.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StepCrossingBenchmark
{
    static final int STEPS = 1000;

    @Param({"1", "2"})
    int threads;

    @Param({"adapt", "team"})
    String mode;

    private Network network;

    @Setup(Level.Trial)
    public void build()
    {
        network = Network.build(new NetworkBuilder().seed(1).threads(threads)
            .population(PopulationSpec.of("rest", 256).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8)));
        network.discardSpikes();
        if (mode.equals("team") && network.sliceClaims() != null)
        {
            network.sliceClaims().alwaysTeam();
        }
    }

    @TearDown(Level.Trial)
    public void close()
    {
        network.close();
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double step()
    {
        return network.run(STEPS).simulatedMs();
    }
}
