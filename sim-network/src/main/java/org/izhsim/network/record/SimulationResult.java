package org.izhsim.network.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.HdrHistogram.Histogram;
import org.izhsim.network.PopulationLookup;
import org.izhsim.network.PopulationRange;

/**
 * What one run produced. Its spike arrays ({@link #spikeSteps()}, {@link #spikeNeurons()}) and traces are live, not
 * copies (a copy would cost the run's memory again): change them and this result's counts and hash change with them;
 * nothing else, no later run, sees it.
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
    /** Crossings of vpeak by 2007-model neurons in a 1 ms step in which they had fired already: no spike of their own. */
    private final long mergedSpikes;

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
        this(populations, firstStep, steps, spikeSteps, spikeNeurons, spikeFile, synapticEvents, buildNanos, runNanos,
            stepLatency, traces, threads, neurons, synapses, synapseBytes, requestedSteps, stopReason, blowUp, 0);
    }

    private SimulationResult(final List<PopulationRange> populations, final long firstStep, final int steps,
        final int[] spikeSteps, final int[] spikeNeurons, final SpikeFile spikeFile, final long synapticEvents,
        final long buildNanos, final long runNanos, final Histogram stepLatency, final Traces traces, final int threads,
        final int neurons, final long synapses, final long synapseBytes, final int requestedSteps,
        final StopReason stopReason, final NumericalBlowUp blowUp, final long mergedSpikes)
    {
        this.mergedSpikes = mergedSpikes;
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
     * @throws IllegalArgumentException if there are none, or they are not consecutive runs of one network (other
     *                                  populations or neurons, or a part not starting where the one before ended).
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
        requireParts(parts);
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
        requireParts(parts);
        final SimulationResult first = parts.get(0);
        if (parts.size() == 1 && first.requestedSteps == requestedSteps)
        {
            return first;
        }
        final Joiner joiner = new Joiner(spikeFile, false);
        for (final SimulationResult part : parts)
        {
            joiner.add(part);
        }
        return joiner.result(requestedSteps);
    }

    /** A result's populations for a message: {@code exc 0-799, inh 800-999 (1000 neurons)}. */
    private static String describe(final SimulationResult result)
    {
        final StringBuilder text = new StringBuilder();
        for (final PopulationRange p : result.populations)
        {
            text.append(text.length() == 0 ? "" : ", ").append(p.name()).append(' ').append(p.first()).append('-')
                .append(p.first() + p.size() - 1);
        }
        return text.append(" (").append(result.neurons).append(" neurons)").toString();
    }

    /** An empty list was an ArrayIndexOutOfBoundsException without a message, a null part an NPE from within. */
    private static void requireParts(final List<SimulationResult> parts)
    {
        if (Objects.requireNonNull(parts, "parts").isEmpty())
        {
            throw new IllegalArgumentException("no results to concatenate: give the results of at least one run");
        }
        for (int i = 0; i < parts.size(); i++)
        {
            if (parts.get(i) == null)
            {
                throw new IllegalArgumentException("result " + i + " of the results to concatenate is null");
            }
        }
    }

    /**
     * Joins the results of consecutive runs of one network as they come, into what {@link #concat(List, Path, long)}
     * makes of the list of them, without holding the list: each part's step latencies are added to one histogram
     * (31 kB a part: a run checkpointed every second for 10 h held 36,000 of them, 1.1 GB), and streamed spikes are
     * appended to the joined file as each part arrives. In-memory spikes are kept per part and joined at the end, as
     * concat does, and so are traces unless the joiner knows the run's length: then they are copied into the run's
     * traces as they come, not held twice at the end (the memory estimate counts them once). Used by one thread.
     */
    public static final class Joiner
    {
        private final Path spikeFile;
        private final boolean consumeParts;
        private final long expectedSteps;
        /** The run's traces, when the joiner fills them part by part; null while it keeps the parts'. */
        private Traces runTraces;
        private FileChannel joined;
        private SimulationResult first;
        private SimulationResult last;
        private Histogram latency;
        private int parts;
        private long spikes;
        private long steps;
        private long events;
        private long merged;
        private long runNanos;
        private final List<int[]> spikeSteps = new ArrayList<>();
        private final List<int[]> spikeNeurons = new ArrayList<>();
        private final List<Traces> traces = new ArrayList<>();
        private final List<Integer> traceSteps = new ArrayList<>();

        /**
         * @param spikeFile    the file streamed parts' spikes are joined into (created new; null when the spikes are in
         *                     memory).
         * @param consumeParts whether each streamed part's file is deleted once appended: the parts are not read
         *                     again (the joined file would otherwise hold their spikes a second time on the disk).
         */
        public Joiner(final Path spikeFile, final boolean consumeParts)
        {
            this(spikeFile, consumeParts, 0);
        }

        /**
         * @param expectedSteps the steps the parts will hold at most (the run's request): their traces are copied into
         *                      traces of that length as they come; 0 to keep them until the end.
         */
        public Joiner(final Path spikeFile, final boolean consumeParts, final long expectedSteps)
        {
            this.spikeFile = spikeFile;
            this.consumeParts = consumeParts;
            this.expectedSteps = expectedSteps;
        }

        /**
         * The next part, starting where the one before ended.
         *
         * @throws IllegalArgumentException if it is not the next run of the network of the parts before.
         */
        public void add(final SimulationResult part)
        {
            Objects.requireNonNull(part, "part");
            final boolean streamed = part.spikeFile != null;
            if (first == null)
            {
                if (streamed && spikeFile == null)
                {
                    throw new IllegalArgumentException("streamed spikes are joined into a file: give its path");
                }
                first = part;
                latency = part.stepLatency.copy();
            }
            else
            {
                // Another network's result was joined and its spikes labelled with this one's populations.
                if (!part.populations.equals(first.populations) || part.neurons != first.neurons)
                {
                    throw new IllegalArgumentException("run " + parts + " is not of the same network as run 0: its " +
                        "populations are " + describe(part) + ", run 0's " + describe(first));
                }
                if (part.firstStep != first.firstStep + steps)
                {
                    throw new IllegalArgumentException("run " + parts + " starts at step " + part.firstStep + ", not " +
                        (first.firstStep + steps) + " where the run before it ended: the results to concatenate are " +
                        "consecutive runs of one network, in the order they ran");
                }
                if (streamed != (first.spikeFile != null))
                {
                    throw new IllegalArgumentException("run " + parts + (streamed ? " streamed its spikes to disk" :
                        " kept its spikes in memory") + ", unlike run 0");
                }
                latency.add(part.stepLatency);
            }
            if (streamed)
            {
                append(part.spikeFile);
            }
            else
            {
                spikeSteps.add(part.spikeSteps);
                spikeNeurons.add(part.spikeNeurons);
            }
            if (expectedSteps > 0 && expectedSteps <= Integer.MAX_VALUE && steps + part.steps <= expectedSteps &&
                part.traces.count() > 0 && (runTraces != null || parts == 0))
            {
                if (runTraces == null)
                {
                    runTraces = new Traces(part.traces.neurons(), (int)expectedSteps);
                }
                part.traces.copyTo(runTraces, (int)steps, part.steps);
            }
            else
            {
                if (runTraces != null)
                {
                    throw new IllegalArgumentException("parts beyond the " + expectedSteps + " steps expected");
                }
                traces.add(part.traces);
                traceSteps.add(part.steps);
            }
            spikes += part.spikeCount();
            steps += part.steps;
            events += part.synapticEvents;
            merged += part.mergedSpikes;
            runNanos += part.runNanos;
            last = part;
            parts++;
        }

        private void append(final SpikeFile part)
        {
            try
            {
                if (joined == null)
                {
                    joined = FileChannel.open(spikeFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                }
                part.appendTo(joined);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot write " + spikeFile + ": " + ex.getMessage(), ex);
            }
            if (consumeParts)
            {
                SpikeFile.delete(part.path());
            }
        }

        /** Steps of the parts added so far. */
        public long steps()
        {
            return steps;
        }

        /**
         * The parts as one result of a run asked for {@code requestedSteps} steps: a run whose parts all completed but
         * fall short of it was stopped between two parts (interrupted). The joiner lets go of the parts' spikes and
         * traces, which the result holds now; it joins nothing more.
         */
        public SimulationResult result(final long requestedSteps)
        {
            if (first == null)
            {
                throw new IllegalStateException("no part to join");
            }
            if (steps > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException(steps + " steps are more than one result holds");
            }
            if (spikes > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException(spikes + " spikes are more than one result holds");
            }
            final boolean streamed = first.spikeFile != null;
            SpikeFile file = null;
            int[] allSteps = null;
            int[] allNeurons = null;
            if (streamed)
            {
                try
                {
                    joined.close();
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot write " + spikeFile + ": " + ex.getMessage(), ex);
                }
                file = SpikeFile.open(spikeFile);
            }
            else
            {
                allSteps = new int[(int)spikes];
                allNeurons = new int[(int)spikes];
                int at = 0;
                for (int i = 0; i < spikeSteps.size(); i++)
                {
                    System.arraycopy(spikeSteps.get(i), 0, allSteps, at, spikeSteps.get(i).length);
                    System.arraycopy(spikeNeurons.get(i), 0, allNeurons, at, spikeNeurons.get(i).length);
                    at += spikeSteps.get(i).length;
                }
            }
            final Traces joinedTraces;
            if (runTraces != null)
            {
                joinedTraces = steps == expectedSteps ? runTraces : runTraces.firstSteps((int)steps);
            }
            else
            {
                final int[] partSteps = new int[traceSteps.size()];
                for (int i = 0; i < partSteps.length; i++)
                {
                    partSteps[i] = traceSteps.get(i);
                }
                joinedTraces = Traces.concat(traces.toArray(new Traces[0]), partSteps);
            }
            // Only the last part can have ended early (a caller stops at a short part): it says how the whole ended,
            // unless it completed and the whole is short of its request (stopped between parts).
            final StopReason reason = last.stopReason == StopReason.COMPLETED && steps < requestedSteps ?
                StopReason.INTERRUPTED : last.stopReason;
            spikeSteps.clear();
            spikeNeurons.clear();
            traces.clear();
            runTraces = null;
            return new SimulationResult(first.populations, first.firstStep, (int)steps, allSteps, allNeurons, file,
                events, first.buildNanos, runNanos, latency, joinedTraces,
                first.threads, first.neurons, first.synapses, first.synapseBytes,
                (int)Math.min(requestedSteps, Integer.MAX_VALUE), reason, last.blowUp).withMergedSpikes(merged);
        }
    }

    public List<PopulationRange> populations()
    {
        return populations;
    }

    /**
     * Times a neuron of the 2007 model reached vpeak again within a 1 ms step in which it had fired already (its kernel
     * resets it in the sub-step; the step holds one spike), summed over the ranks; 0 when none did.
     */
    public long mergedSpikes()
    {
        return mergedSpikes;
    }

    /** This result with {@code merged} as its {@link #mergedSpikes}. */
    public SimulationResult withMergedSpikes(final long merged)
    {
        return merged == mergedSpikes ? this : new SimulationResult(populations, firstStep, steps, spikeSteps,
            spikeNeurons, spikeFile, synapticEvents, buildNanos, runNanos, stepLatency, traces, threads, neurons,
            synapses, synapseBytes, requestedSteps, stopReason, blowUp, merged);
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

    /**
     * Spike times in ms, a fresh array: each spike's step (1 ms), exact as a double for any run (as floats, odd steps
     * beyond 2^24 ms, 4.7 hours, came back rounded: 20000001 as 20000000.0).
     */
    public double[] spikeTimesMs()
    {
        final double[] times = new double[spikeCount()];
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
        final PopulationLookup lookup = new PopulationLookup(populations);
        for (int k = 0, n = spikeCount(); k < n; k++)
        {
            final int p = lookup.indexOf(spikeNeuron(k));
            if (p >= 0)
            {
                counts[p]++;
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
