package org.izhsim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.HdrHistogram.Histogram;
import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;

/**
 * Runs one experiment in this JVM as {@code sim run} would, without outputs: per repeat it builds the network
 * afresh (timing the build), runs warm-up steps so that the JIT has compiled the step loop, then measures the
 * next steps. The measured steps continue the warm-up's dynamics, so they see the network's steady state.
 */
public final class EndToEndRunner
{
    private EndToEndRunner()
    {
    }

    /**
     * @param name         the network's name in the report.
     * @param config       the experiment; its thread count is replaced by {@code threads}.
     * @param threads      worker threads.
     * @param repeats      networks built and measured, >= 1.
     * @param warmupSteps  unmeasured steps before the measured ones, >= 1.
     * @param steps        measured steps of 1 ms.
     */
    public static CaseResult run(final String name, final ExperimentConfig config, final int threads,
        final int repeats, final int warmupSteps, final int steps)
    {
        final ExperimentConfig withThreads = config.withThreads(OptionalInt.of(threads));
        final List<Sample> samples = new ArrayList<>();
        int neurons = 0;
        long synapses = 0;
        long synapseBytes = 0;
        for (int r = 0; r < repeats; r++)
        {
            // The previous repeat's network is garbage now: collect it so the peak below is this build's own.
            System.gc();
            resetHeapPeaks();
            Network network = NetworkAssembler.builder(withThreads).build();
            network.run(warmupSteps);
            final long cpuBefore = HostFacts.processCpuNanos();
            final SimulationResult result = network.run(steps);
            final long cpuNanos = HostFacts.processCpuNanos() - cpuBefore;
            samples.add(sample(network, result, cpuNanos));
            neurons = network.neurons();
            synapses = network.synapseCount();
            synapseBytes = network.synapseBytes();
            network = null;
        }
        return new CaseResult(name, threads, neurons, synapses, synapseBytes, steps, samples);
    }

    private static Sample sample(final Network network, final SimulationResult result, final long cpuNanos)
    {
        final double runSeconds = result.runNanos() * 1e-9;
        final Histogram latency = result.stepLatency();
        return new Sample(network.buildNanos() * 1e-9, runSeconds, result.realTimeFactor(),
            result.synapticEvents() / runSeconds, (double)network.neurons() * result.steps() / runSeconds,
            latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
            latency.getMaxValue() / 1e3, result.spikeCount(), peakHeapBytes(), cpuNanos / (double)result.runNanos());
    }

    static void resetHeapPeaks()
    {
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP)
            {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak use since the last reset: an upper bound of the live peak. */
    static long peakHeapBytes()
    {
        long peak = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP)
            {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
