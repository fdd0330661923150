package org.izhsim.network.record;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.izhsim.network.PopulationRange;

/**
 * What one run produced, immutable once returned.
 * <p>
 * Time convention: the step is 1 ms; a spike's time is the START of the step in which v reached 30 mV
 * (step k is time k ms, counted from the network's first step), and it arrives at its targets as input in
 * step k + delay. With delay 1 this is exactly net.m's order of operations (its {@code firings} column is
 * our step + 2, because MATLAB counts from 1 and records a spike at the start of the following iteration).
 */
public final class SimulationResult
{
    /** Why a run ended. */
    public enum StopReason
    {
        /** Every requested step was simulated. */
        COMPLETED,
        /** A neuron's state became infinite or NaN; see {@link #blowUp()}. The network cannot run on. */
        BLOW_UP,
        /** {@code Network.requestStop()} (e.g. Ctrl-C in {@code sim run}) ended it at a step boundary. */
        INTERRUPTED
    }

    private final List<PopulationRange> populations;
    private final long firstStep;
    private final int steps;
    private final int[] spikeSteps;
    private final int[] spikeNeurons;
    /** The spikes when they were streamed to disk, else null (and the arrays hold them). */
    private final SpikeFile spikeFile;
    private final long synapticEvents;
    private final long buildNanos;
    private final long runNanos;
    private final Histogram stepLatency;
    private final Traces traces;
    private final int threads;
    private final int neurons;
    private final long synapses;
    private final long synapseBytes;
    private final int requestedSteps;
    private final StopReason stopReason;
    private final NumericalBlowUp blowUp;

    /** A completed run: every requested step simulated. */
    public SimulationResult(final List<PopulationRange> populations, final long firstStep, final int steps,
        final int[] spikeSteps, final int[] spikeNeurons, final long synapticEvents, final long buildNanos,
        final long runNanos, final Histogram stepLatency, final Traces traces, final int threads, final int neurons,
        final long synapses, final long synapseBytes)
    {
        this(populations, firstStep, steps, spikeSteps, spikeNeurons, synapticEvents, buildNanos, runNanos, stepLatency,
            traces, threads, neurons, synapses, synapseBytes, steps, StopReason.COMPLETED, null);
    }

    /**
     * A run that may have ended early.
     *
     * @param steps          steps simulated, from {@code firstStep}: the spikes and traces cover these only.
     * @param requestedSteps steps the run was asked for.
     * @param blowUp         the neuron that ended a {@link StopReason#BLOW_UP} run, else null.
     */
    public SimulationResult(final List<PopulationRange> populations, final long firstStep, final int steps,
        final int[] spikeSteps, final int[] spikeNeurons, final long synapticEvents, final long buildNanos,
        final long runNanos, final Histogram stepLatency, final Traces traces, final int threads, final int neurons,
        final long synapses, final long synapseBytes, final int requestedSteps, final StopReason stopReason,
        final NumericalBlowUp blowUp)
    {
        this(populations, firstStep, steps, spikeSteps, spikeNeurons, null, synapticEvents, buildNanos, runNanos,
            stepLatency, traces, threads, neurons, synapses, synapseBytes, requestedSteps, stopReason, blowUp);
    }

    /** A run whose spikes were streamed to {@code spikes} (see {@link SpikeRecorder#spillingTo}). */
    public SimulationResult(final List<PopulationRange> populations, final long firstStep, final int steps,
        final SpikeFile spikes, final long synapticEvents, final long buildNanos, final long runNanos,
        final Histogram stepLatency, final Traces traces, final int threads, final int neurons, final long synapses,
        final long synapseBytes, final int requestedSteps, final StopReason stopReason, final NumericalBlowUp blowUp)
    {
        this(populations, firstStep, steps, null, null, spikes, synapticEvents, buildNanos, runNanos, stepLatency,
            traces, threads, neurons, synapses, synapseBytes, requestedSteps, stopReason, blowUp);
    }

    private SimulationResult(final List<PopulationRange> populations, final long firstStep, final int steps,
        final int[] spikeSteps, final int[] spikeNeurons, final SpikeFile spikeFile, final long synapticEvents,
        final long buildNanos, final long runNanos, final Histogram stepLatency, final Traces traces, final int threads,
        final int neurons, final long synapses, final long synapseBytes, final int requestedSteps,
        final StopReason stopReason, final NumericalBlowUp blowUp)
    {
        if ((stopReason == StopReason.BLOW_UP) != (blowUp != null))
        {
            throw new IllegalArgumentException("a blow-up needs its neuron, and only a blow-up has one");
        }
        this.requestedSteps = requestedSteps;
        this.stopReason = stopReason;
        this.blowUp = blowUp;
        this.populations = List.copyOf(populations);
        this.firstStep = firstStep;
        this.steps = steps;
        this.spikeSteps = spikeSteps;
        this.spikeNeurons = spikeNeurons;
        this.spikeFile = spikeFile;
        this.synapticEvents = synapticEvents;
        this.buildNanos = buildNanos;
        this.runNanos = runNanos;
        this.stepLatency = stepLatency;
        this.traces = traces;
        this.threads = threads;
        this.neurons = neurons;
        this.synapses = synapses;
        this.synapseBytes = synapseBytes;
    }

    /**
     * One result for consecutive runs of one network, as if they had been one run: spikes and traces
     * concatenated, events and run times added, step latencies merged; build time and sizes of the first.
     *
     * @param parts results of runs in the order they ran, each starting where the one before ended.
     */
    public static SimulationResult concat(final List<SimulationResult> parts)
    {
        return concat(parts, null);
    }

    /**
     * {@link #concat(List)} for runs whose spikes were streamed to disk: their files are joined into
     * {@code spikeFile} (created new; null when the spikes are in memory).
     */
    public static SimulationResult concat(final List<SimulationResult> parts, final Path spikeFile)
    {
        long requested = 0;
        for (final SimulationResult part : parts)
        {
            requested += part.requestedSteps;
        }
        return concat(parts, spikeFile, requested);
    }

    /**
     * {@link #concat(List, Path)} of the parts of one run asked for {@code requestedSteps} steps in all, which a
     * caller cut into parts (checkpoints, weight snapshots, a live view's chunks): the result reports that request,
     * and a run whose parts all completed but fall short of it was stopped between two parts: interrupted.
     */
    public static SimulationResult concat(final List<SimulationResult> parts, final Path spikeFile,
        final long requestedSteps)
    {
        final SimulationResult first = parts.get(0);
        if (parts.size() == 1 && first.requestedSteps == requestedSteps)
        {
            return first;
        }
        int spikes = 0;
        long steps = 0;
        long events = 0;
        long runNanos = 0;
        final Histogram latency = first.stepLatency.copy();
        for (int i = 0; i < parts.size(); i++)
        {
            final SimulationResult part = parts.get(i);
            if (part.firstStep != first.firstStep + steps)
            {
                throw new IllegalArgumentException("run " + i + " starts at step " + part.firstStep + ", not " +
                    (first.firstStep + steps));
            }
            spikes += part.spikeCount();
            steps += part.steps;
            events += part.synapticEvents;
            runNanos += part.runNanos;
            if (i > 0)
            {
                latency.add(part.stepLatency);
            }
        }
        if (steps > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(steps + " steps are more than one result holds");
        }
        final boolean streamed = first.spikeFile != null;
        final int[] spikeSteps = streamed ? null : new int[spikes];
        final int[] spikeNeurons = streamed ? null : new int[spikes];
        final List<SpikeFile> files = new ArrayList<>();
        final Traces[] traces = new Traces[parts.size()];
        final int[] traceSteps = new int[parts.size()];
        int at = 0;
        for (int i = 0; i < parts.size(); i++)
        {
            final SimulationResult part = parts.get(i);
            if ((part.spikeFile != null) != streamed)
            {
                throw new IllegalArgumentException("run " + i + (streamed ? " kept its spikes in memory" :
                    " streamed its spikes to disk") + ", unlike run 0");
            }
            if (streamed)
            {
                files.add(part.spikeFile);
            }
            else
            {
                System.arraycopy(part.spikeSteps, 0, spikeSteps, at, part.spikeCount());
                System.arraycopy(part.spikeNeurons, 0, spikeNeurons, at, part.spikeCount());
            }
            at += part.spikeCount();
            traces[i] = part.traces;
            traceSteps[i] = part.steps;
        }
        if (streamed && spikeFile == null)
        {
            throw new IllegalArgumentException("streamed spikes are joined into a file: give its path");
        }
        // Only the last part can have ended early (a caller stops at a short part): it says how the whole ended,
        // unless it completed and the whole is short of its request (stopped between parts).
        final SimulationResult last = parts.get(parts.size() - 1);
        final StopReason reason = last.stopReason == StopReason.COMPLETED && steps < requestedSteps ?
            StopReason.INTERRUPTED : last.stopReason;
        return new SimulationResult(first.populations, first.firstStep, (int)steps, spikeSteps, spikeNeurons,
            streamed ? SpikeFile.concat(files, spikeFile) : null, events,
            first.buildNanos, runNanos, latency, Traces.concat(traces, traceSteps), first.threads, first.neurons, first.synapses,
            first.synapseBytes, (int)Math.min(requestedSteps, Integer.MAX_VALUE), reason, last.blowUp);
    }

    public List<PopulationRange> populations()
    {
        return populations;
    }

    /** The population called name. @throws IllegalArgumentException if there is none. */
    public PopulationRange population(final String name)
    {
        for (final PopulationRange p : populations)
        {
            if (p.name().equals(name))
            {
                return p;
            }
        }
        throw new IllegalArgumentException("no population '" + name + "'");
    }

    /** Step (= ms) of the run's first step; 0 for a network's first run. */
    public long firstStep()
    {
        return firstStep;
    }

    /** Steps simulated: {@link #requestedSteps()} unless the run was stopped early. */
    public int steps()
    {
        return steps;
    }

    public int requestedSteps()
    {
        return requestedSteps;
    }

    public StopReason stopReason()
    {
        return stopReason;
    }

    /** The neuron that ended a {@link StopReason#BLOW_UP} run; null for any other run. */
    public NumericalBlowUp blowUp()
    {
        return blowUp;
    }

    /** Simulated time of this run in ms (steps of 1 ms). */
    public double simulatedMs()
    {
        return steps;
    }

    public int spikeCount()
    {
        return spikeFile != null ? spikeFile.count() : spikeSteps.length;
    }

    /** The step (= ms) of spike k, in (time, neuron) order, whether the spikes are in memory or on disk. */
    public int spikeStep(final int k)
    {
        return spikeFile != null ? spikeFile.step(k) : spikeSteps[k];
    }

    /** The neuron of spike k. */
    public int spikeNeuron(final int k)
    {
        return spikeFile != null ? spikeFile.neuron(k) : spikeNeurons[k];
    }

    /** The file the spikes were streamed to, or null when they are in memory. */
    public SpikeFile spikeFile()
    {
        return spikeFile;
    }

    /**
     * Spike times as steps (= ms), in (time, neuron) order. The array is live, not a copy.
     *
     * @throws IllegalStateException if the spikes were streamed to disk: use {@link #spikeStep(int)}.
     */
    public int[] spikeSteps()
    {
        return inMemory(spikeSteps);
    }

    /** Neuron id of each spike, parallel to {@link #spikeSteps()}. The array is live, not a copy. */
    public int[] spikeNeurons()
    {
        return inMemory(spikeNeurons);
    }

    private int[] inMemory(final int[] column)
    {
        if (spikeFile != null)
        {
            throw new IllegalStateException("the spikes were streamed to " + spikeFile.path() +
                ": read them with spikeStep(k) and spikeNeuron(k)");
        }
        return column;
    }

    /** Spike times in ms as floats, a fresh array. */
    public float[] spikeTimesMs()
    {
        final float[] times = new float[spikeCount()];
        for (int i = 0; i < times.length; i++)
        {
            times[i] = spikeStep(i);
        }
        return times;
    }

    /** Spikes fired by each population, in the order of {@link #populations()}. */
    public long[] populationSpikeCounts()
    {
        final long[] counts = new long[populations.size()];
        for (int k = 0, n = spikeCount(); k < n; k++)
        {
            final int neuron = spikeNeuron(k);
            for (int p = 0; p < counts.length; p++)
            {
                if (populations.get(p).contains(neuron))
                {
                    counts[p]++;
                    break;
                }
            }
        }
        return counts;
    }

    /** Synaptic events delivered (one per synapse per arriving spike) during this run. */
    public long synapticEvents()
    {
        return synapticEvents;
    }

    public long buildNanos()
    {
        return buildNanos;
    }

    public long runNanos()
    {
        return runNanos;
    }

    /** Real-time factor: run wall time / simulated time (NEST's definition; below 1 is faster than real time). */
    public double realTimeFactor()
    {
        return runNanos / (steps * 1.0e6);
    }

    /** Wall time of each step in ns, as seen by the coordinating thread. */
    public Histogram stepLatency()
    {
        return stepLatency;
    }

    /** Traces of the neurons chosen with NetworkBuilder#recordTraces; count() is 0 when none were. */
    public Traces traces()
    {
        return traces;
    }

    public int threads()
    {
        return threads;
    }

    public int neurons()
    {
        return neurons;
    }

    public long synapses()
    {
        return synapses;
    }

    /** Bytes of synapse storage: targets, weights and row offsets. */
    public long synapseBytes()
    {
        return synapseBytes;
    }
}
