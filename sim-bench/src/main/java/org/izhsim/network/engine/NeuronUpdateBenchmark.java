package org.izhsim.network.engine;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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
 * The neuron update of one 1 ms step ({@link NeuronKernel#halfStep}, net.m's two half steps of v, one step
 * of u), then the threshold-and-reset pass, over N neurons in float arrays: the scalar two-pass form the
 * engine runs. Reported per neuron-step (the {@code neuronSteps} counter, in ns per neuron-step).
 * <p>
 * N = 10^3 stays in L1, 10^5 (2 MB of state) in L2/L3, 10^6 (24 MB) streams from memory. Inputs are drawn so
 * that about 1% of neurons fire per step, as in the 2003 network. 2 forks, 3 x 1 s warm-up, 5 x 1 s measured.
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

    NeuronArrays state;

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
        final SplittableRandom random = new SplittableRandom(1);
        state = new NeuronArrays(neurons);
        final float[] a = state.a;
        final float[] b = state.b;
        final float[] c = state.c;
        final float[] d = state.d;
        final float[] v = state.v;
        final float[] u = state.u;
        final float[] input = state.input;
        for (int i = 0; i < neurons; i++)
        {
            final double r = random.nextDouble();
            a[i] = 0.02f;
            b[i] = 0.2f;
            c[i] = (float)(-65 + 15 * r * r);
            d[i] = (float)(8 - 6 * r * r);
            v[i] = -65.0f;
            u[i] = b[i] * v[i];
            input[i] = (float)(5 * random.nextGaussian() + 2);
        }
    }

    @Benchmark
    public int halfStepThenReset(final Counts counts)
    {
        final float[] v = state.v;
        final float[] u = state.u;
        final float[] c = state.c;
        final float[] d = state.d;
        NeuronKernel.halfStep(v, u, state.a, state.b, state.input, 0, neurons);
        int fired = 0;
        for (int i = 0; i < neurons; i++)
        {
            if (v[i] >= 30.0f)
            {
                v[i] = c[i];
                u[i] += d[i];
                fired++;
            }
        }
        counts.neuronSteps += neurons;
        return fired;
    }
}
