package org.izhsim.network.engine;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.IdleStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * One crossing of the {@link StepBarrier}, in ns: {@code oneThread} is the uncontended cost (publish, check
 * itself), {@code twoThreads} a round trip between two threads that each arrive and wait for the other, the
 * per-step overhead of a 2-thread run. On 2 vCPUs shared with other work a preempted thread stalls the
 * other: read the 2-thread figure as a lower bound of what a run pays. 2 forks, 3 x 1 s warm-up, 5 x 1 s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StepBarrierBenchmark
{
    @State(Scope.Thread)
    public static class Alone
    {
        final StepBarrier barrier = new StepBarrier(1, 0);
        final IdleStrategy idle = new SpinIdle(null);
        long sequence;
    }

    /** Shared by the two threads of a group; a fresh barrier each iteration, as the last one is broken. */
    @State(Scope.Group)
    public static class Pair
    {
        StepBarrier barrier;

        @Setup(Level.Iteration)
        public void setUp()
        {
            barrier = new StepBarrier(2, 0);
        }
    }

    @State(Scope.Thread)
    public static class Party
    {
        int index = -1;
        long sequence;
        SpinIdle idle;
        static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

        @Setup(Level.Iteration)
        public void setUp()
        {
            if (index < 0)
            {
                index = NEXT.getAndIncrement() & 1;
            }
            sequence = 0;
        }
    }

    @Benchmark
    public long oneThread(final Alone alone)
    {
        alone.barrier.arriveAndAwait(0, ++alone.sequence, alone.idle);
        return alone.sequence;
    }

    @Benchmark
    @Group("twoThreads")
    @GroupThreads(2)
    public long twoThreads(final Pair pair, final Party party, final Control control)
    {
        try
        {
            if (party.idle == null)
            {
                party.idle = new SpinIdle(control);
            }
            pair.barrier.arriveAndAwait(party.index, ++party.sequence, party.idle);
        }
        catch (final IllegalStateException ex)
        {
            // The iteration ended while this thread waited for one that had already left.
        }
        return party.sequence;
    }

    /** Busy spin that gives up once JMH ends the iteration: the partner may have left for good. */
    static final class SpinIdle implements IdleStrategy
    {
        private final Control control;

        SpinIdle(final Control control)
        {
            this.control = control;
        }

        @Override
        public void idle(final int workCount)
        {
            idle();
        }

        @Override
        public void idle()
        {
            Thread.onSpinWait();
            if (control != null && control.stopMeasurement)
            {
                throw new IllegalStateException("iteration over");
            }
        }

        @Override
        public void reset()
        {
        }
    }
}
