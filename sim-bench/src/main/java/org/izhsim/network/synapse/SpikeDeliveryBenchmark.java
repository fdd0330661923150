package org.izhsim.network.synapse;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.build.TargetPartition;
import org.izhsim.network.engine.Network;
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
 * Spike delivery in ns per synaptic event: one step's delivery with delay groups, walking for d = 1..20 the
 * rows (s, d) of the neurons fired d steps ago (1% of the network per step, ascending ids) and adding their
 * weights into the input array, the loop of the engine's Worker (DELAY_ROWS) over a real
 * {@link SynapseMatrix} of the shipped sparse networks (1000 outgoing synapses, delays 1-20, 1 thread).
 * <p>
 * {@code neurons = 10000} (sparse10k): 60 MB of rows, a 40 KB target set that stays in L1/L2 ("in cache");
 * {@code neurons = 100000} (sparse100k): 600 MB of rows in two target blocks, rows of about 25 synapses that
 * start at unpredictable addresses ("out of cache"). {@code walk} walks rows as they come;
 * {@code touchAheadThenWalk} first reads one element per cache line of every row of the delay group, as
 * Worker does, so that the misses overlap. 1 fork with a 6 GB heap, 3 x 2 s warm-up, 5 x 2 s measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpikeDeliveryBenchmark
{
    private static final int MAX_DELAY = 20;
    private static final int STEPS = 64;

    @Param({"10000", "100000"})
    int neurons;

    SynapseMatrix matrix;
    float[] input;
    /** For each of STEPS steps, the ascending ids fired then (1% of the network). */
    int[][] fired;
    int step;

    /** Synaptic events delivered: JMH divides the time by it, so the score reads ns per event. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts
    {
        public long events;

        @Setup(Level.Iteration)
        public void clear()
        {
            events = 0;
        }
    }

    @Setup
    public void setUp()
    {
        final int outDegree = 1000;
        matrix = Network.build(ReferenceNetworks.sparse(neurons, outDegree, MAX_DELAY).seed(1).threads(1)).synapses();
        input = new float[neurons];
        final SplittableRandom random = new SplittableRandom(7);
        fired = new int[STEPS][];
        for (int t = 0; t < STEPS; t++)
        {
            fired[t] = random.ints(0, neurons).distinct().limit(neurons / 100).sorted().toArray();
        }
    }

    @Benchmark
    public float walk(final Counts counts)
    {
        return deliver(counts, false);
    }

    @Benchmark
    public float touchAheadThenWalk(final Counts counts)
    {
        return deliver(counts, true);
    }

    private float deliver(final Counts counts, final boolean touchAhead)
    {
        final int maxDelay = matrix.maxDelay();
        final TargetPartition partition = matrix.partition();
        long events = 0;
        long touched = 0;
        for (int block = 0; block < partition.blocks(); block++)
        {
            final int[] rowStart = matrix.rowStart(block);
            final char[] targets = matrix.targets(block);
            final float[] weights = matrix.weights(block);
            final int base = partition.blockStart(block);
            final int firstSource = matrix.firstSource(block);
            for (int d = 1; d <= maxDelay; d++)
            {
                final int[] sources = fired[(step + STEPS - d) & (STEPS - 1)];
                if (touchAhead)
                {
                    for (final int s : sources)
                    {
                        final int row = (s - firstSource) * maxDelay + d - 1;
                        for (int j = rowStart[row]; j < rowStart[row + 1]; j += 16)
                        {
                            touched += targets[j] + Float.floatToRawIntBits(weights[j]);
                        }
                    }
                }
                for (final int s : sources)
                {
                    final int row = (s - firstSource) * maxDelay + d - 1;
                    final int end = rowStart[row + 1];
                    for (int j = rowStart[row]; j < end; j++)
                    {
                        input[base + targets[j]] += weights[j];
                    }
                    events += end - rowStart[row];
                }
            }
        }
        step++;
        counts.events += events;
        return input[step % neurons] + touched;
    }
}
