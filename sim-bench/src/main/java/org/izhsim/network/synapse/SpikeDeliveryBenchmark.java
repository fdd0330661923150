package org.izhsim.network.synapse;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.engine.Network;
import org.izhsim.network.engine.StepKernels;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Spike delivery in ns per synaptic event, through {@link StepKernels#deliverSpikes}: the engine's own delivery of
 * one step by each of its two schemes, over the shipped sparse networks (1000 outgoing synapses, delays 1-20 ms,
 * 1 ms from inhibitory neurons, 1 thread), with 1 % of the network firing in every step (ascending ids, placed in
 * the engine's spike ring).
 * {@code delayRows} ({@link SpikeDelivery#DELAY_ROWS}): for d = 1..20 the rows (s, d) of the neurons fired d
 * steps ago, each delay's rows touched ahead, then added into the input. {@code arrivalRing}
 * ({@link SpikeDelivery#ARRIVAL_RING}): all 20 rows of the neurons fired in the previous step, added into the
 * arrival buffers of the next 20 steps, then this step's buffer moved into the input.
 * <p>
 * {@code neurons = 10000} (sparse10k): 60 MB of rows, a 40 KB target set that stays in L1/L2 ("in cache");
 * {@code neurons = 100000} (sparse100k): 600 MB of rows in two target blocks, delay rows of about 25 synapses
 * that start at unpredictable addresses, arrival buffers of 8 MB ("out of cache"). 1 fork with a 6 GB heap,
 * 3 x 2 s warm-up, 5 x 2 s measured.
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

    /** For each of STEPS steps, the ascending ids fired then (1% of the network). */
    int[][] fired;

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

    /** One network per scheme, built once per trial; its state is the engine's, changed by every call. */
    public abstract static class Scheme
    {
        Network network;
        StepKernels kernels;
        long step;

        void build(final int neurons, final SpikeDelivery delivery)
        {
            network = Network.build(ReferenceNetworks.sparse(neurons, 1000, MAX_DELAY).delivery(delivery)
                .seed(1).threads(1));
            kernels = StepKernels.of(network);
            step = MAX_DELAY + 1;
        }

        @TearDown
        public void close()
        {
            network.close();
        }
    }

    @State(Scope.Thread)
    public static class DelayRows extends Scheme
    {
        @Setup
        public void setUp(final SpikeDeliveryBenchmark benchmark)
        {
            build(benchmark.neurons, SpikeDelivery.DELAY_ROWS);
        }
    }

    @State(Scope.Thread)
    public static class ArrivalRing extends Scheme
    {
        @Setup
        public void setUp(final SpikeDeliveryBenchmark benchmark)
        {
            build(benchmark.neurons, SpikeDelivery.ARRIVAL_RING);
        }
    }

    @Setup
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(7);
        fired = new int[STEPS][];
        for (int t = 0; t < STEPS; t++)
        {
            fired[t] = random.ints(0, neurons).distinct().limit(neurons / 100).sorted().toArray();
        }
    }

    @Benchmark
    public long delayRows(final DelayRows scheme, final Counts counts)
    {
        return deliver(scheme, counts);
    }

    @Benchmark
    public long arrivalRing(final ArrivalRing scheme, final Counts counts)
    {
        return deliver(scheme, counts);
    }

    /** Step t: the spikes of step t - 1 enter the ring (the older ones are still there), then t's delivery. */
    private long deliver(final Scheme scheme, final Counts counts)
    {
        final long step = scheme.step++;
        scheme.kernels.fire(step - 1, fired[(int)((step - 1) & (STEPS - 1))]);
        final long events = scheme.kernels.deliverSpikes(step);
        counts.events += events;
        return events;
    }
}
