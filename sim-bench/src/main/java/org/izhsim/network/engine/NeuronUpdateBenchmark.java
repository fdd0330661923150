package org.izhsim.network.engine;

import java.util.concurrent.TimeUnit;

import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-neuron part of one 1 ms step, timed through {@link StepKernels}, i.e. the engine's own methods of its
 * worker, not copies: {@code halfStepThenReset} is the integration (net.m's two half steps of v, one step of u)
 * then the threshold-and-reset pass; {@code noiseThenHalfStepThenReset} adds phase 1, the input set to the
 * thalamic noise (a Gaussian per neuron from the counter generator and the quantile table). Reported per
 * neuron-step (the {@code neuronSteps} counter, in ns per neuron-step).
 * <p>
 * net.m's 80 % excitatory and 20 % inhibitory neurons with their noise (sd 5 and 2) and no synapses. N = 10^3
 * (cortex2003's size) stays in L1, 10^5 (2 MB of state) in L2/L3, 10^6 (24 MB) streams from memory.
 * {@code halfStepThenReset} keeps one fixed input (noise of sd 5 plus 2) so that about 1 % of neurons fire per
 * step. 2 forks, 3 x 1 s warm-up, 5 x 1 s measured.
 * <p>
 * {@code model = izhikevich2007}: the excitatory 80 % are the 2007 model's RS cell (the book's Fig. 8.12, 4 Euler
 * steps per ms, {@link Izhikevich2007Kernel}), their fixed input 100 times the 2003 one (pA for a 100 pF cell);
 * {@code izhikevich2007lts} the book's LTS cell (Fig. 8.25, the kernel's loop with rules: cutoff and reset moving with
 * u, u capped) with the same input.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NeuronUpdateBenchmark
{
    @Param({"1000", "100000", "1000000"})
    int neurons;

    @Param({"izhikevich2003", "izhikevich2007", "izhikevich2007lts"})
    String model;

    Network network;
    StepKernels kernels;
    float[] fixedInput;
    long step;

    /** Neuron-steps done: JMH divides the time by it, so the score reads ns per neuron-step. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts
    {
        public long neuronSteps;

        @Setup(Level.Iteration)
        public void clear()
        {
            neuronSteps = 0;
        }
    }

    @Setup
    public void setUp()
    {
        final int excitatory = neurons * 4 / 5;
        final boolean model2007 = model.startsWith("izhikevich2007");
        final PopulationSpec exc = "izhikevich2007lts".equals(model) ? PopulationSpec.of("exc", excitatory)
            .izhikevich2007(org.izhsim.core.model.CellType2007.LTS, 4) : model2007 ? PopulationSpec.of("exc", excitatory)
            .izhikevich2007(new org.izhsim.network.build.Izhikevich2007(100, 0.7, -60, -40, 35, 4))
            .parameters(0.03, -2, -50, 100) : PopulationSpec.of("exc", excitatory)
            .a(r -> 0.02).b(r -> 0.2).c(r -> -65 + 15 * r * r).d(r -> 8 - 6 * r * r);
        network = Network.build(new NetworkBuilder()
            .population(exc)
            .population(PopulationSpec.of("inh", neurons - excitatory)
                .a(r -> 0.02 + 0.08 * r).b(r -> 0.25 - 0.05 * r).c(r -> -65).d(r -> 2))
            .input(InputSpec.noise("exc", 5))
            .input(InputSpec.noise("inh", 2))
            .seed(1).threads(1));
        kernels = StepKernels.of(network);
        // One step's noise, scaled to sd 5 around 2 for every neuron: the fixed input of halfStepThenReset.
        final float[] input = kernels.state().input;
        kernels.driveInput(0);
        fixedInput = new float[neurons];
        for (int i = 0; i < neurons; i++)
        {
            fixedInput[i] = ((i < excitatory ? 1 : 2.5f) * input[i] + 2) * (model2007 && i < excitatory ? 100 : 1);
        }
    }

    /** Each iteration starts from the same input (noiseThenHalfStepThenReset overwrites it). */
    @Setup(Level.Iteration)
    public void fixInput()
    {
        System.arraycopy(fixedInput, 0, kernels.state().input, 0, neurons);
    }

    @Benchmark
    public int halfStepThenReset(final Counts counts)
    {
        kernels.integrate(step);
        final int fired = kernels.detectAndReset(step++);
        counts.neuronSteps += neurons;
        return fired;
    }

    @Benchmark
    public int noiseThenHalfStepThenReset(final Counts counts)
    {
        kernels.driveInput(step);
        kernels.integrate(step);
        final int fired = kernels.detectAndReset(step++);
        counts.neuronSteps += neurons;
        return fired;
    }
}
