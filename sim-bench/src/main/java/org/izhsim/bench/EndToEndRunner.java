package org.izhsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.HdrHistogram.Histogram;
import org.izhsim.output.HostInfo;
import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;

/**
 * Runs one experiment in this JVM as {@code sim run} would, without outputs: per repeat it builds the network
 * afresh (timing the build), runs warm-up steps (at least 2 s of them) so that the JIT has compiled the step
 * loop, then measures the next steps. The measured steps continue the warm-up's dynamics, so they see the network's
 * steady state; or, for a network that learns ({@code fromStart}), the warm-up runs on a copy that is then dropped
 * and the measured steps are the first ones of a fresh network, as a peer that runs the same steps from its
 * start does them.
 */
public final class EndToEndRunner
{
    /** Warm-up wall time at least, per built network. */
    static final long MIN_WARMUP_NANOS = 2_000_000_000L;
    private static final int MAX_WARMUP_ROUNDS = 1000;

    private EndToEndRunner()
    {
    }

    /** One repeat of a case: its sample and what the network it measured is. */
    public record Repeat(Sample sample, int neurons, long synapses, long synapseBytes)
    {
    }

    /**
     * One repeat of a case: builds the network afresh, warms it up and measures {@code steps} steps.
     *
     * @param threads     worker threads (replaces the config's).
     * @param warmupSteps unmeasured steps before the measured ones, >= 1, repeated until 2 s have passed.
     * @param steps       measured steps of 1 ms.
     * @param fromStart   measure steps 0 .. steps - 1 of a network built after the warm-up's network (same seed,
     *                    so the same network) was dropped.
     */
    public static Repeat once(final ExperimentConfig config, final int threads, final int warmupSteps,
        final int steps, final boolean fromStart)
    {
        return once(config, threads, warmupSteps, steps, fromStart, MIN_WARMUP_NANOS);
    }

    /** As above, with the JIT's warm-up lasting at least {@code minWarmupNanos} instead of 2 s: for tests. */
    static Repeat once(final ExperimentConfig config, final int threads, final int warmupSteps, final int steps,
        final boolean fromStart, final long minWarmupNanos)
    {
        final ExperimentConfig withThreads = config.withThreads(OptionalInt.of(threads));
        // The previous repeat's network is garbage now: collect it so the peak below is this build's own.
        System.gc();
        HostInfo.resetHeapPeaks();
        Network network = Network.build(NetworkAssembler.builder(withThreads));
        warmUp(network, warmupSteps, minWarmupNanos);
        if (fromStart)
        {
            network.close();
            network = null;
            System.gc();
            HostInfo.resetHeapPeaks();
            network = Network.build(NetworkAssembler.builder(withThreads));
        }
        // The CPU time is read inside the wall-time interval, so that the ratio cannot exceed the cores.
        final long wallBefore = System.nanoTime();
        final long cpuBefore = HostInfo.javaThreadsCpuNanos();
        final SimulationResult result = network.run(steps);
        final long cpuNanos = HostInfo.javaThreadsCpuNanos() - cpuBefore;
        final long wallNanos = System.nanoTime() - wallBefore;
        final Repeat repeat = new Repeat(sample(network, result, cpuNanos, wallNanos), network.neurons(),
            network.synapseCount(), network.synapseBytes());
        network.close();
        return repeat;
    }

    /** The case of {@code runs}, repeats of one network at one thread count (its size: the last run's). */
    public static CaseResult caseOf(final String name, final int threads, final int steps, final List<Repeat> runs)
    {
        final List<Sample> samples = new ArrayList<>();
        for (final Repeat r : runs)
        {
            samples.add(r.sample());
        }
        final Repeat last = runs.get(runs.size() - 1);
        return new CaseResult(name, threads, last.neurons(), last.synapses(), last.synapseBytes(), steps, samples);
    }

    /**
     * Runs {@code warmupSteps} steps, again and again until {@code minWarmupNanos} have passed: 1000 steps of
     * cortex2003 last 10 ms, far less than C2 needs to compile the step loop on a busy 2-core machine (the
     * first reference run measured 2 busy cores for a 1-thread run: the compiler's).
     */
    private static void warmUp(final Network network, final int warmupSteps, final long minWarmupNanos)
    {
        final long start = System.nanoTime();
        for (int round = 0; round < MAX_WARMUP_ROUNDS; round++)
        {
            network.run(warmupSteps);
            if (System.nanoTime() - start >= minWarmupNanos)
            {
                break;
            }
        }
    }

    /**
     * @param cpuNanos  CPU time of the JVM's threads over the call of {@code run}.
     * @param wallNanos wall time of that call: the CPU time's own interval (the result's run time leaves out the
     *                  call's start and end, so a 10 ms run showed 6 to 9 "cores used" on a 2-core machine).
     */
    private static Sample sample(final Network network, final SimulationResult result, final long cpuNanos,
        final long wallNanos)
    {
        final double runSeconds = result.runNanos() * 1e-9;
        final Histogram latency = result.stepLatency();
        return new Sample(network.buildNanos() * 1e-9, runSeconds, result.realTimeFactor(),
            result.synapticEvents() / runSeconds, (double)network.neurons() * result.steps() / runSeconds,
            latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
            latency.getMaxValue() / 1e3, result.spikeCount(), HostInfo.peakHeapBytes(),
            cpuNanos / (double)Math.max(wallNanos, result.runNanos()));
    }
}
