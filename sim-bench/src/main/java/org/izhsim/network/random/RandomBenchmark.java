package org.izhsim.network.random;

import java.util.concurrent.TimeUnit;

import org.izhsim.network.input.NoiseDrive;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The counter-based generator per draw, in ns: a uniform double from (key, counter), and a Gaussian from
 * the same bits through {@link NormalTable}, both in loops of 1024 draws over consecutive counters summed into one
 * value; and {@code noiseDrive}, the engine's own {@link NoiseDrive} adding sd * N(0, 1) to 1024 neurons' input
 * (its block of hashes, then its table look-ups), which is what a step of cortex2003 pays per neuron.
 * 2 forks, 3 x 1 s warm-up, 5 x 1 s measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RandomBenchmark
{
    private static final int DRAWS = 1024;

    long key = CounterRandom.key(1, 2, 3);
    long step;
    final NoiseDrive noise = new NoiseDrive(0, DRAWS, 5, 1, 2);
    final float[] input = new float[DRAWS];
    final long[] scratch = new long[DRAWS];

    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public double uniform()
    {
        final long k = key + step++;
        double sum = 0;
        for (int i = 0; i < DRAWS; i++)
        {
            sum += CounterRandom.uniform(CounterRandom.bits(k, i));
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public float gaussian()
    {
        final long k = key + step++;
        float sum = 0;
        for (int i = 0; i < DRAWS; i++)
        {
            sum += NormalTable.gaussian(CounterRandom.bits(k, i));
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(DRAWS)
    public float noiseDrive()
    {
        noise.addTo(input, 0, DRAWS, step++, scratch);
        return input[(int)(step & (DRAWS - 1))];
    }
}
