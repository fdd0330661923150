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
 * Runs one experiment in this JVM as {@code sim run} would, without outputs. Per repeat: the JIT's warm-up (at least
 * 2 s of wall time) runs on a copy of the network that is then dropped; then the network is built afresh (the build
 * timed), runs a fixed number of unmeasured steps and measures the next ones. So every repeat at every thread count
 * measures the same steps, and, the engine's spikes being the same for any thread count, fires the same spikes:
 * had the measured network continued a warm-up timed by the clock, each case would have measured another window.
 * The unmeasured steps put the measured ones in the network's steady state; a network that learns
 * ({@code fromStart}) runs none, and its measured steps are its first ones, those a peer runs from its start.
 */
public final class EndToEndRunner
{
    /** The JIT's warm-up wall time at least, per repeat. */
    static final long MIN_WARMUP_NANOS = 2_000_000_000L;
    private static final int MAX_WARMUP_ROUNDS = 1000;

    private EndToEndRunner()
    {
    }

    /** One repeat of a case: its sample and what the network it measured is. */
    /** One measured run; {@code threads} as the network ran, at most one per neuron, whatever was asked. */
    public record Repeat(Sample sample, int neurons, long synapses, long synapseBytes, int threads,
        long plasticSynapses, long plasticBytes)
    {
        public Repeat(final Sample sample, final int neurons, final long synapses, final long synapseBytes,
            final int threads)
        {
            this(sample, neurons, synapses, synapseBytes, threads, 0, 0);
        }
    }

    /**
     * One repeat of a case: warms the JIT up on a copy, builds the network afresh and measures its steps
     * {@code warmupSteps .. warmupSteps + steps - 1} (or {@code 0 .. steps - 1} {@code fromStart}).
     *
     * @param threads     worker threads (replaces the config's).
     * @param warmupSteps unmeasured steps of the measured network before its measured ones, >= 1; the JIT's copy
     *                    runs them again and again until 2 s have passed.
     * @param steps       measured steps of 1 ms.
     * @param fromStart   measure steps 0 .. steps - 1 (a learning network).
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
        // The previous repeat's network is garbage now: collect it before the copy is built beside it.
        System.gc();
        // A learning network's copy runs as many steps at a time as the measured run: with runs of 1000 steps the
        // recorder's buffer (65,536 spikes) never filled in the warm-up, so its full branch was compiled as a trap and
        // the measured run of spnet2006 began by throwing its compiled detection away (-Xlog:deoptimization).
        warmUpOnACopy(withThreads, fromStart ? steps : warmupSteps, minWarmupNanos);
        // The copy is garbage now: collect it so that the peak below is this build's own (sparse100k's copy is
        // about 1 GB), and so that the two are never in the heap at once.
        System.gc();
        HostInfo.resetHeapPeaks();
        final Network network = Network.build(NetworkAssembler.builder(withThreads));
        if (!fromStart)
        {
            requireNoBlowUp(config, network.run(warmupSteps));
        }
        // The CPU time is read inside the wall-time interval, so that the ratio cannot exceed the cores.
        final long wallBefore = System.nanoTime();
        final long cpuBefore = HostInfo.javaThreadsCpuNanos();
        final SimulationResult result = network.run(steps);
        final long cpuNanos = HostInfo.javaThreadsCpuNanos() - cpuBefore;
        final long wallNanos = System.nanoTime() - wallBefore;
        requireNoBlowUp(config, result);
        final Repeat repeat = new Repeat(sample(network, result, cpuNanos, wallNanos), network.neurons(),
            network.synapseCount(), network.synapseBytes(), network.threads(),
            network.plasticity() == null ? 0 : network.plasticity().count(), network.plasticBytes());
        network.close();
        return repeat;
    }

    /**
     * A network that blows up cannot be measured: one line, exit 3, as {@code sim run} ends such a run (the next run
     * of the broken network threw "this network cannot run again" with a stack trace).
     */
    private static void requireNoBlowUp(final ExperimentConfig config, final SimulationResult result)
    {
        if (result.stopReason() == SimulationResult.StopReason.BLOW_UP)
        {
            throw new BlownUp(config.name() + ": " + result.blowUp().message() + "; a network that blows up cannot " +
                "be measured");
        }
    }

    /** {@link #requireNoBlowUp}'s failure. */
    static final class BlownUp extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        BlownUp(final String message)
        {
            super(message);
        }
    }

    /**
     * The case of {@code runs}, repeats of one network at one thread count (its size and threads: the last run's; a
     * count above the neurons ran one thread per neuron and was recorded as asked).
     */
    public static CaseResult caseOf(final String name, final int steps, final List<Repeat> runs)
    {
        final List<Sample> samples = new ArrayList<>();
        for (final Repeat r : runs)
        {
            samples.add(r.sample());
        }
        final Repeat last = runs.get(runs.size() - 1);
        return new CaseResult(name, last.threads(), last.neurons(), last.synapses(), last.synapseBytes(), steps,
            samples, last.plasticSynapses(), last.plasticBytes());
    }

    /**
     * Builds a copy of the network and runs {@code warmupSteps} steps, again and again until {@code minWarmupNanos}
     * have passed: 1000 steps of cortex2003 last 10 ms, far less than C2 needs to compile the step loop on a busy
     * 2-core machine (the first reference run measured 2 busy cores for a 1-thread run: the compiler's). Its own
     * method, so that no frame holds the copy when the caller collects it.
     */
    private static void warmUpOnACopy(final ExperimentConfig config, final int warmupSteps, final long minWarmupNanos)
    {
        try (Network copy = Network.build(NetworkAssembler.builder(config)))
        {
            final long start = System.nanoTime();
            for (int round = 0; round < MAX_WARMUP_ROUNDS; round++)
            {
                requireNoBlowUp(config, copy.run(warmupSteps));
                if (System.nanoTime() - start >= minWarmupNanos)
                {
                    break;
                }
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
