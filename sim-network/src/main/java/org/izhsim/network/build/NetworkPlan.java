package org.izhsim.network.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;
import org.izhsim.network.PopulationLookup;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.random.CounterRandom;

/**
 * A network description resolved and checked once: the neuron numbering (each population's range), every
 * name resolved to a range, every rule checked (degrees fit, one_to_one sizes, consecutive targets, delays
 * within {@link Checks#MAX_DELAY}, thread count, traced neurons, input targets), the neurons' parameter
 * functions and drives, the thread count and delivery scheme in use, and how much memory the built network
 * will take; made by {@link NetworkBuilder#plan()} without building a synapse, in time independent of the
 * number of neurons and synapses. {@code Network.build} takes a plan and builds exactly it, so whatever checks
 * a plan (a validator, a run) agrees with what the engine will do. Immutable (the specs it holds are not
 * changed after planning by their owners).
 * <p>
 * Rule violations name the spec's origin when it has one ({@code exp.yaml:12:5: what}), else the projection,
 * input or population they concern.
 */
public final class NetworkPlan
{
    /** AUTO picks the arrival ring while its D x N floats stay within this many bytes (measured, see README). */
    public static final long ARRIVAL_RING_BUDGET_BYTES = 16L << 20;
    /**
     * Beyond that budget AUTO still picks the arrival ring while its D x N floats take at most 1/ARRIVAL_RING_SHARE
     * of the synapse matrix's 6 bytes per synapse and its row index (at one thread's blocks): out of cache, delay rows start blocks x D rows per spike (a
     * DRAM miss each), the ring walks one span per (source, block); measured on sparse1m in BENCHMARKS.md
     * ("A million neurons"), for 80 MB more than its 7.3 GB matrix.
     */
    static final long ARRIVAL_RING_SHARE = 4;
    /** The engine's limit: a block's synapses are indexed by int offsets. */
    static final long MAX_SYNAPSES_PER_BLOCK = Integer.MAX_VALUE - 16;
    /**
     * The most plastic synapses a network may have in all: the copies of the plastic weights (their outputs, snapshots
     * and checkpoints, PlasticWeights) hold them in one array each.
     */
    public static final long MAX_PLASTIC_SYNAPSES = Integer.MAX_VALUE - 16;

    /** An input resolved to its population's range; {@code index} names its random stream. */
    public record ResolvedInput(int index, InputSpec spec, PopulationRange range)
    {
    }

    private final List<PopulationRange> populations;
    private final List<PopulationSpec> populationSpecs;
    private final List<ResolvedProjection> projections;
    private final List<ResolvedInput> inputs;
    private final double[] expectedSynapses;
    private final int neurons;
    private final int threads;
    private final int maxDelay;
    private final SpikeDelivery delivery;
    private final int[][] sourceRanges;
    private final int[][] sourceWindows;
    private final long seed;
    private final long noiseSeed;
    private final boolean noiseSeedGiven;
    private final Method scheme;
    private final int[] tracedNeurons;
    private final int spikeCapacity;
    private final List<String> traceOrigins;
    private final long weightSnapshotSteps;
    private final String weightSnapshotsOrigin;
    private final NanoClock clock;
    private final Supplier<IdleStrategy> idleStrategy;
    private final String threadsOrigin;
    /** The one plasticity rule of the network's plastic projections, or null. */
    private final PlasticityRule plasticity;
    /** {@link #rewardOrigin}. */
    private final String rewardOrigin;
    /** Ascending {first, end} ranges of the neurons whose outgoing synapses are plastic. */
    private final int[][] plasticSources;
    private final ReceptorPlan receptors;
    /** {@link #pipelinesPlasticity()}. */
    private final boolean pipelined;

    /** The thread count at which a plastic network may run its dynamics and its plasticity on a thread each. */
    public static final int PIPELINE_THREADS = 2;
    /**
     * The most neurons of a pipelined network: one target block, whose split into two slices costs its rows' walk
     * more than a second thread saves (spnet2006 at 2 threads as slices ran no faster than 1 thread).
     */
    public static final int PIPELINE_MAX_NEURONS = TargetPartition.MAX_BLOCK_SIZE;
    /**
     * The shortest weight-update period (steps) of a pipelined network: the dynamics wait for the plasticity at
     * each update, so a period of a step would make the pipeline a barrier; at 10 (dastdp2007's, daspnet.m line 82)
     * each thread still runs 10 steps of its own work between two meetings.
     */
    public static final int PIPELINE_MIN_PERIOD = 10;
    /**
     * Steps the dynamics of a pipelined network may run ahead of its plasticity, which reads their spikes from the
     * spike ring: the ring keeps this many steps more than the D + 1 the delivery needs.
     */
    public static final int PIPELINE_LEAD = 16;

    private NetworkPlan(final NetworkBuilder spec, final List<PopulationRange> populations,
        final List<ResolvedProjection> projections, final double[] expectedSynapses, final List<ResolvedInput> inputs,
        final int threads)
    {
        this.populations = List.copyOf(populations);
        this.populationSpecs = spec.populations();
        this.projections = List.copyOf(projections);
        this.expectedSynapses = expectedSynapses;
        this.inputs = List.copyOf(inputs);
        this.neurons = populations.get(populations.size() - 1).end();
        this.threads = threads;
        int delay = 1;
        for (final ResolvedProjection p : projections)
        {
            delay = Math.max(delay, p.delay().max());
        }
        this.maxDelay = delay;
        this.plasticity = plasticity(spec, projections);
        if (plasticity == null && spec.weightSnapshotSteps() > 0)
        {
            // It was ignored: a file that asks for snapshots of weights that do not learn has a mistake in it.
            throw fail(spec.weightSnapshotsOrigin(), null, "'weights_every_ms' takes snapshots of plastic weights, and " +
                "no projection has 'plasticity': add it to a projection, or leave the key out");
        }
        String reward = null;
        for (final ProjectionSpec s : spec.projections())
        {
            if (s.plasticity() != null && s.plasticity().reward() != null)
            {
                reward = s.origin("reward");
            }
        }
        this.rewardOrigin = reward;
        this.plasticSources = plasticSources(spec, projections);
        // The row index at one thread's blocks: the choice may not depend on the thread count.
        this.delivery = plasticity != null ? plasticDelivery(spec) : resolveDelivery(spec.delivery(), maxDelay, neurons,
            expectedSynapses(), MemoryEstimate.rowIndexBytes(TargetPartition.sourceWindows(neurons,
                TargetPartition.blockCount(neurons, 1), projections), maxDelay));
        this.sourceRanges = mergedSourceRanges(projections);
        this.seed = spec.seed();
        this.noiseSeed = spec.noiseSeed();
        this.noiseSeedGiven = spec.noiseSeedGiven();
        this.scheme = spec.scheme();
        this.tracedNeurons = spec.tracedNeurons();
        this.spikeCapacity = spec.spikeCapacity();
        this.traceOrigins = spec.traceOrigins();
        this.weightSnapshotSteps = spec.weightSnapshotSteps();
        this.weightSnapshotsOrigin = spec.weightSnapshotsOrigin();
        this.clock = spec.clock();
        this.idleStrategy = spec.idleStrategy();
        this.threadsOrigin = spec.threadsOrigin();
        this.receptors = ReceptorPlan.of(spec.projections(), this.projections, this.populations,
            fixedBesidePlastic(spec, projections, plasticSources));
        this.pipelined = threads == PIPELINE_THREADS && pipelinable();
        this.sourceWindows = TargetPartition.sourceWindows(neurons, TargetPartition.blockCount(neurons, slices()),
            projections);
    }

    /** Called by {@link NetworkBuilder#plan()}. */
    static NetworkPlan of(final NetworkBuilder spec)
    {
        final List<PopulationRange> populations = resolvePopulations(spec.populations());
        final int neurons = populations.get(populations.size() - 1).end();
        final int threads = resolveThreads(spec, neurons);
        checkTraces(spec, neurons, populations);
        final List<ResolvedProjection> projections = new ArrayList<>();
        final double[] expected = new double[spec.projections().size()];
        final Set<String> projectionNames = new HashSet<>();
        for (final ProjectionSpec p : spec.projections())
        {
            // The files refuse two projections of one name; the Java API took them.
            if (p.givenName() != null && !projectionNames.add(p.givenName()))
            {
                throw fail(p.origin(""), p.displayName(), "duplicate projection name '" + p.givenName() + "'; give one " +
                    "of them a distinct name");
            }
            for (int i = 0; i < p.targets().size(); i++)
            {
                notASource(spec.populations(), p.targets().get(i), p.origin("to." + i), p.displayName() + " ends in");
                oneModel(spec.populations(), p, i);
            }
            final ResolvedProjection resolved = resolveProjection(p, projections.size(), populations);
            expected[projections.size()] = expectedSynapses(resolved);
            projections.add(resolved);
        }
        final List<ResolvedInput> inputs = new ArrayList<>();
        final long picks = spec.inputs().stream().filter(s -> s.kind() == InputSpec.Kind.RANDOM_PICK).count();
        int pick = 0;
        for (final InputSpec s : spec.inputs())
        {
            // The file's name of the input: random_input (the internal random_pick leaked into messages), with its
            // place in a list of them (its problem named no item).
            final String where = s.kind() == InputSpec.Kind.RANDOM_PICK ? "random_input" +
                (picks > 1 ? " #" + ++pick : "") : s.kind().name().toLowerCase(Locale.ROOT) + " input";
            for (final String target : s.targets())
            {
                notASource(spec.populations(), target, s.origin(), where + " reaches");
            }
            inputs.add(new ResolvedInput(inputs.size(), s, s.targets().size() == 1 ?
                find(populations, s.population(), s.origin(), where) : union(populations, s.targets(), s.origin(), where)));
        }
        NetworkPlan plan = new NetworkPlan(spec, populations, projections, expected, inputs, threads);
        if (spec.threads() == 0 && threads == 1 && plan.pipelinable() && AutoThreads.twoFreeCores())
        {
            // threads: auto gives a small network one thread, but a pipelined one two when two cores are free.
            plan = new NetworkPlan(spec, populations, projections, expected, inputs, PIPELINE_THREADS);
        }
        if (spec.threads() == 0)
        {
            // threads: auto takes at least the threads whose blocks hold the synapses, whatever the cores free now:
            // chosen by the free cores alone, 60,000 neurons all-to-all passed sim validate on an idle machine (2
            // threads) and were refused by a later run on a busy one (1 thread, "use 2 threads or more").
            final double[] fit = plan.threadsForBlocks();
            final int needed = Math.min(neurons, (int)fit[0]);
            if (fit[1] <= MAX_SYNAPSES_PER_BLOCK && needed > plan.threads)
            {
                plan = new NetworkPlan(spec, populations, projections, expected, inputs, needed);
            }
        }
        plan.checkPlasticSynapses(spec);
        plan.checkBlocks(spec);
        return plan;
    }

    /** The projections that use the receptor stage and the receptor state of the neurons. */
    public ReceptorPlan receptors()
    {
        return receptors;
    }

    /** The projections that the plain delivery walks: those of {@link #projections()} without the receptor stage. */
    public List<ResolvedProjection> currentProjections()
    {
        final List<ResolvedProjection> current = new ArrayList<>();
        for (final ResolvedProjection p : projections)
        {
            if (!receptors.routes(p.index()))
            {
                current.add(p);
            }
        }
        return current;
    }

    /**
     * Per receptor-stage projection, its own synapse matrix's source windows (one {first, end} per block):
     * its rows are separate from the plain delivery's.
     */
    public int[][] receptorSourceWindows(final int projection)
    {
        return TargetPartition.sourceWindows(neurons, TargetPartition.blockCount(neurons, slices()),
            List.of(projections.get(projection)));
    }

    /**
     * Of each spike-times source population whose times do not repeat, the times outside a run of steps {@code
     * start .. end - 1}, which do not fire in it: "population 'pre': 2 of its 8 spike times are at or after the run's
     * end (200 ms) and never fire" (a tester's times past the end were taken without a word); for a resumed run (start
     * > 0), "... outside this resumed run's 2000 .. 3000 ms" (its note counted the times before its start as firing
     * and its duration as its end: "606 of 797 never fire" where 388 lay before the resume point and 221 after).
     */
    public List<String> spikeTimesOutside(final long start, final long end)
    {
        final List<String> late = new ArrayList<>();
        for (final PopulationSpec p : populationSpecs)
        {
            if (p.spikeTimesMs() == null || p.repeatEveryMs() > 0)
            {
                continue;
            }
            long all = 0;
            long after = 0;
            for (final long[] times : p.spikeTimesMs())
            {
                all += times.length;
                for (final long t : times)
                {
                    after += t >= end || t < start ? 1 : 0;
                }
            }
            if (after > 0 && start == 0)
            {
                late.add(String.format(Locale.ROOT, "population '%s': %,d of its %,d spike times %s at or after the " +
                    "run's end (%d ms) and never %s", p.name(), after, all, after == 1 ? "is" : "are", end,
                    after == 1 ? "fires" : "fire"));
            }
            else if (after > 0)
            {
                late.add(String.format(Locale.ROOT, "population '%s': %,d of its %,d spike times %s outside this " +
                    "resumed run's %d .. %d ms and %s not fire in it", p.name(), after, all, after == 1 ? "is" : "are",
                    start, end, after == 1 ? "does" : "do"));
            }
        }
        return late;
    }

    /**
     * The spike-times source populations' times: the spec's arrays (8 bytes a time, an array header per neuron), the
     * engine's step-major copy (8) and its sort while built (8). 5.1 million times were counted as nothing (a tester's
     * 285 MB peak against an estimate of 25 MB).
     */
    long spikeTimesBytes()
    {
        long bytes = 0;
        for (final PopulationSpec p : populationSpecs)
        {
            if (p.spikeTimesMs() != null)
            {
                bytes += 16L * p.size();
                for (final long[] times : p.spikeTimesMs())
                {
                    bytes += 24L * times.length;
                }
            }
        }
        return bytes;
    }

    /** The 2007 model's spike flags: a byte per neuron of the network when any population is of that model. */
    long model2007Bytes()
    {
        return populationSpecs.stream().anyMatch(p -> p.model2007() != null) ? neurons : 0;
    }

    /** Bytes of the receptor stage: its state and the row offsets of its matrices. */
    long receptorBytes()
    {
        long bytes = receptors.stateBytes(projections, neurons);
        for (final int c : receptors.channels())
        {
            final long d = projections.get(c).delay().max();
            for (final int[] window : receptorSourceWindows(c))
            {
                final long rows = (window[1] - window[0]) * d;
                bytes += 4 * (rows + 1) + 8 * ((rows + 63) / 64);
            }
        }
        return bytes;
    }

    /** Total neurons N. */
    public int neurons()
    {
        return neurons;
    }

    /** Each population's range, in declaration order. */
    public List<PopulationRange> populations()
    {
        return populations;
    }

    /** The population specs, in the order of {@link #populations()}: their parameter functions and v0. */
    public List<PopulationSpec> populationSpecs()
    {
        return populationSpecs;
    }

    public List<ResolvedProjection> projections()
    {
        return projections;
    }

    public List<ResolvedInput> inputs()
    {
        return inputs;
    }

    /** Worker threads of the network: the requested count (or {@link AutoThreads}' choice), at most one per neuron. */
    public int threads()
    {
        return threads;
    }

    /**
     * Whether the network, in one process, runs its neuron dynamics on one thread and its plasticity (traces,
     * depression, potentiation, the periodic weight update) on the other, a few steps behind, instead of
     * splitting the neurons into two slices that meet at a barrier every step. The weights change only at the
     * periodic update, for which the dynamics wait; until then nothing the dynamics read depends on the
     * plasticity. Each synapse's sd and weight see the same operations in the same order as with one thread, so
     * the spikes and weights are those of one thread, bit for bit (dastdp2007's dopamine too, which only the
     * updates read). Chosen for {@value #PIPELINE_THREADS} threads when the rule updates every {@value
     * #PIPELINE_MIN_PERIOD} steps or less often, spikes are delivered by delay rows, every neuron is a spike source (the
     * plasticity reads the spikes of its targets from the spike ring) and the network is one target block. The
     * receptor stage (synapse models, stp, fixed synapses beside plastic ones) is the dynamics': none of it is
     * plastic, and its STP factors are written and read by the dynamics thread alone; a network with it was kept to
     * neurons split over two threads, slower than one (spnet2006 with exc -> inh fixed: 0.0135 at 2 threads, 0.0099
     * at 1).
     */
    public boolean pipelinesPlasticity()
    {
        return pipelined;
    }

    /** {@link #pipelinesPlasticity()} but for the thread count. */
    private boolean pipelinable()
    {
        return plasticity != null && plasticity.periodMs() >= PIPELINE_MIN_PERIOD &&
            neurons <= PIPELINE_MAX_NEURONS && delivery == SpikeDelivery.DELAY_ROWS &&
            sourceNeuronsIn(0, neurons) == neurons;
    }

    /** Slices of the neurons in one process: one per thread, or one in all when {@link #pipelinesPlasticity()}. */
    public int slices()
    {
        return pipelined ? 1 : threads;
    }

    /** D: the longest delay in steps, 1 without projections. */
    public int maxDelay()
    {
        return maxDelay;
    }

    /** The delivery scheme in use ({@link SpikeDelivery#AUTO} resolved, from N, D and the synapse count only). */
    public SpikeDelivery delivery()
    {
        return delivery;
    }

    /**
     * The neurons that are the source of some projection, as ascending disjoint {first, end} ranges: only
     * their spikes need to be kept for delivery.
     */
    public int[][] sourceRanges()
    {
        return copy(sourceRanges);
    }

    /** Source neurons among {@code first .. end - 1}. */
    public int sourceNeuronsIn(final int first, final int end)
    {
        long n = 0;
        for (final int[] r : sourceRanges)
        {
            n += Math.max(0, Math.min(end, r[1]) - Math.max(first, r[0]));
        }
        return (int)n;
    }

    /** Per target block, the sources that may have synapses in it: {first, end}. */
    public int[][] sourceWindows()
    {
        return copy(sourceWindows);
    }

    /** Synapses the projections create: exact unless a projection is pairwise, whose count is binomial. */
    public double expectedSynapses()
    {
        double total = 0;
        for (final double e : expectedSynapses)
        {
            total += e;
        }
        return total;
    }

    /** Synapses of the plastic projections: exact unless one is pairwise, whose count is binomial. */
    public double expectedPlasticSynapses()
    {
        double total = 0;
        for (final ResolvedProjection p : projections)
        {
            total += receptors.spec(p.index()).plasticity() != null ? expectedSynapses[p.index()] : 0;
        }
        return total;
    }

    /**
     * The fewest plastic synapses the network has: {@link #expectedPlasticSynapses} less six standard deviations of
     * the pairwise projections' binomial counts.
     */
    public long plasticSynapsesAtLeast()
    {
        double total = 0;
        double pairwise = 0;
        for (final ResolvedProjection p : projections)
        {
            if (receptors.spec(p.index()).plasticity() != null)
            {
                total += expectedSynapses[p.index()];
                pairwise += p.rule().kind() == ConnectionRule.Kind.PAIRWISE_PROBABILITY ? expectedSynapses[p.index()] : 0;
            }
        }
        return (long)Math.max(0, Math.floor(total - 6 * Math.sqrt(pairwise)));
    }

    /** The paper of a plasticity rule, for its messages. */
    private static String source(final PlasticityRule rule)
    {
        return switch (rule.kind())
        {
            case SPNET2006 -> "Izhikevich 2006";
            case DASTDP2007 -> "Izhikevich 2007";
            case STDP -> "Song, Miller and Abbott 2000";
        };
    }

    /** The most synapses expected to end in one block of the current synapses' matrix. */
    public double largestBlockSynapses()
    {
        final int blocks = sourceWindows.length;
        double largest = 0;
        for (int b = 0; b < blocks; b++)
        {
            final int first = TargetPartition.blockStart(b, neurons, blocks);
            final int end = TargetPartition.blockStart(b + 1, neurons, blocks);
            double inBlock = 0;
            for (final ResolvedProjection p : currentProjections())
            {
                final int overlap = Math.max(0, Math.min(end, p.targetFirst() + p.targetSize()) -
                    Math.max(first, p.targetFirst()));
                inBlock += expectedSynapses[p.index()] * overlap / p.targetSize();
            }
            largest = Math.max(largest, inBlock);
        }
        return largest;
    }

    /** Synapses projection {@code index} creates: exact unless it is pairwise, whose count is binomial. */
    public double expectedSynapses(final int index)
    {
        return expectedSynapses[index];
    }

    public long seed()
    {
        return seed;
    }

    /** The seed of the draws made as the network runs (inputs, reward delays): {@link NetworkBuilder#noiseSeed}. */
    public long noiseSeed()
    {
        return noiseSeed;
    }

    /** Whether the noise seed was given ({@link NetworkBuilder#noiseSeedGiven}), not taken from the seed. */
    public boolean noiseSeedGiven()
    {
        return noiseSeedGiven;
    }

    public Method scheme()
    {
        return scheme;
    }

    public int[] tracedNeurons()
    {
        return tracedNeurons.clone();
    }

    public int spikeCapacity()
    {
        return spikeCapacity;
    }

    /**
     * Snapshots of the plastic weights a run of {@code steps} steps takes: at its start, every {@link
     * NetworkBuilder#weightSnapshots interval} and at its end (once when an interval ends there); 0 without plastic
     * synapses.
     */
    public long weightSnapshots(final long steps)
    {
        if (plasticity == null)
        {
            return 0;
        }
        if (weightSnapshotSteps <= 0)
        {
            return steps > 0 ? 2 : 1;
        }
        return 1 + steps / weightSnapshotSteps + (steps % weightSnapshotSteps != 0 ? 1 : 0);
    }

    /** Where each traced neuron was written, in {@link #tracedNeurons}' order; empty if unknown. */
    public List<String> traceOrigins()
    {
        return traceOrigins;
    }

    /** Where {@code record: weights_every_ms} was written, or null. */
    public String weightSnapshotsOrigin()
    {
        return weightSnapshotsOrigin;
    }

    public NanoClock clock()
    {
        return clock;
    }

    public Supplier<IdleStrategy> idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * The memory the built network takes, a run of {@code steps} steps records, and the command line's output stage
     * (figures, spectra) needs once the network is freed ({@link MemoryEstimate#withoutOutputs} leaves that out).
     *
     * @param steps steps of the run whose recording is estimated (0: none, the network with its minimal recording).
     */
    public MemoryEstimate memory(final long steps)
    {
        return MemoryEstimate.of(this, steps);
    }

    /** As {@link #memory(long)} for a run simulated in parts of at most {@code partSteps} steps (0: one part). */
    public MemoryEstimate memory(final long steps, final long partSteps)
    {
        return MemoryEstimate.of(this, steps, partSteps);
    }

    /** The plasticity rule shared by every plastic projection, or null when all synapses are fixed. */
    public PlasticityRule plasticity()
    {
        return plasticity;
    }

    /** Ascending disjoint {first, end} ranges of the neurons whose outgoing synapses are all plastic. */
    public int[][] plasticSources()
    {
        return copy(plasticSources);
    }

    /**
     * A copy of each {first, end} pair as well as of the list: a shallow clone let a caller's write reach the plan,
     * and a network built from it then failed (or built other synapses).
     */
    private static int[][] copy(final int[][] ranges)
    {
        final int[][] copy = new int[ranges.length][];
        for (int i = 0; i < ranges.length; i++)
        {
            copy[i] = ranges[i].clone();
        }
        return copy;
    }

    /**
     * Plastic synapses are depressed when a spike arrives, with the target's trace of that step, so spikes are
     * delivered in their arrival step (delay rows), never summed ahead into an arrival ring.
     */
    private static SpikeDelivery plasticDelivery(final NetworkBuilder spec)
    {
        if (spec.delivery() == SpikeDelivery.ARRIVAL_RING)
        {
            throw new InputException("plastic synapses need delay_rows delivery (depression happens when a spike " +
                "arrives), not arrival_ring");
        }
        return SpikeDelivery.DELAY_ROWS;
    }

    /**
     * One rule for the whole network (dastdp2007's reward named on one of its projections, the one holding the
     * rewarded synapse). A plastic projection's source neurons may have fixed projections too: those go through the
     * receptor stage ({@link #fixedBesidePlastic}).
     */
    private static PlasticityRule plasticity(final NetworkBuilder spec, final List<ResolvedProjection> projections)
    {
        PlasticityRule rule = null;
        ProjectionSpec rewarded = null;
        ProjectionSpec first = null;
        final List<ProjectionSpec> specs = spec.projections();
        for (int i = 0; i < specs.size(); i++)
        {
            final ProjectionSpec s = specs.get(i);
            final PlasticityRule given = s.plasticity();
            if (given == null)
            {
                continue;
            }
            final ResolvedProjection p = projections.get(i);
            first = first == null ? s : first;
            // A reward named as pre's k-th synapse: its post neuron from pre's targets, drawn as the builder draws them.
            final PlasticityRule r = given.reward() != null && given.reward().post() < 0 ?
                given.withRewardPost(rewardedTarget(given.reward(), s, p, spec.seed())) : given;
            if (s.synapse().type() != SynapseModel.Type.CURRENT || s.stp() != null)
            {
                // At the key that makes the synapse unfit: its type, else its stp.
                throw fail(s.origin(s.synapse().type() != SynapseModel.Type.CURRENT ? "synapse" : "stp"),
                    s.displayName(), "plasticity needs synapse: current without stp " +
                    "(the plastic weights live in the current synapses' matrix), got synapse " +
                    s.synapse().type().name().toLowerCase(Locale.ROOT) + (s.stp() != null ? " with stp" : ""));
            }
            final WeightRule weight = s.weight();
            final ConnectionTable table = s.rule().connections();
            // A table's lowest and highest weights, else 64 draws of the rule.
            for (long draw = 0; draw < (table == null ? 64 : table.size() == 0 ? 0 : 2); draw++)
            {
                final double w = table != null ? (draw == 0 ? table.minWeight() : table.maxWeight()) :
                    weight.weight(draw == 0 ? 0L : draw == 1 ? -1L : CounterRandom.mix(draw));
                // A file's weight at its line and column (it was at the config's 'connections' key, which left the
                // user to search the file for it).
                final String inFile = table == null ? null : draw == 0 ? table.minWeightPlace() : table.maxWeightPlace();
                if (inFile != null && (w < 0 || w < r.wMin() || w > r.wMax()))
                {
                    final String at = s.origin("plasticity") != null ? " at " + s.origin("plasticity") : "";
                    throw fail(inFile, s.displayName(), "weight " + w + " (the file's " + (draw == 0 ? "lowest" :
                        "highest") + ")" + (w < 0 ? " is negative, but the plasticity" + at + " applies to " +
                        "excitatory synapses only (" + source(r) + ")" : " lies outside [w_min, w_max] = [" + r.wMin() +
                        ", " + r.wMax() + "] of the plasticity" + at + " (the first weight update would clip it)"));
                }
                if (w < 0)
                {
                    // A rule's bound (draws 0 and -1) is what its weights can be, not a weight drawn: a normal
                    // distribution's -1.487 read as a synapse's. The rule's own source is cited.
                    throw fail(s.origin("weight"), s.displayName(), "plasticity applies to excitatory synapses " +
                        "only (" + source(r) + "), but this projection's weights " + (table != null ? "are negative " +
                        "(the lowest " + w + ")" : draw < 2 && weight.weight(0L) != weight.weight(-1L) ?
                        "can be negative (down to " + w + ")" : "are negative (" + w + ")"));
                }
                // The first weight update would clip such a weight without a word: a plastic synapse starts inside
                // the rule's bounds, as spnet's 6 in [0, 10] and daspnet's 1 in [0, 4] do.
                if (w < r.wMin() || w > r.wMax())
                {
                    throw fail(s.origin("weight"), s.displayName(), "this projection's weights must lie in " +
                        "[w_min, w_max] = [" + r.wMin() + ", " + r.wMax() + "], the rule's bounds, but some are " + w +
                        " (the first weight update would clip them)");
                }
            }
            if (rule != null && !rule.sameButReward(r))
            {
                throw fail(s.origin("plasticity"), s.displayName(), "all plastic projections of a network must " +
                    "share one rule; this one differs from an earlier one: " + r + " vs " + rule);
            }
            if (r.reward() != null)
            {
                if (rewarded != null)
                {
                    throw fail(s.origin("reward"), s.displayName(), "dastdp2007 rewards one synapse, named once: " +
                        rewarded.displayName() + " names it already (the other plastic projections give the rule " +
                        "without 'reward')");
                }
                rewarded = s;
                checkReward(r.reward(), s, p, projections, spec.seed());
            }
            rule = rule == null || r.reward() != null ? r : rule;
        }
        if (rule != null && rule.kind() == PlasticityRule.Kind.DASTDP2007 && rewarded == null)
        {
            throw fail(first.origin("plasticity"), first.displayName(), "dastdp2007 needs a 'reward' (the rewarded " +
                "synapse) on one of the network's plastic projections, the one whose synapse it is");
        }
        return rule;
    }

    /**
     * dastdp2007's rewarded pair (daspnet.m: n1 -> its synapse syn): its pre neuron among the plastic projection's
     * sources, its post neuron among its targets and a source of some projection (the reward reads the post
     * neuron's spikes from the spike ring, which keeps sources only), and the random connectivity must have made
     * that synapse. Found by sim run alone before, without a location, and sim validate called such a file valid.
     */
    private static void checkReward(final PlasticityRule.Reward reward, final ProjectionSpec s,
        final ResolvedProjection p, final List<ResolvedProjection> projections, final long seed)
    {
        // The post neuron's key, or the synapse's that named it.
        final String origin = s.origin(reward.synapse() > 0 ? "reward.synapse" : "reward.post");
        requireRewardPre(reward, s, p);
        if (reward.post() < p.targetFirst() || reward.post() >= p.targetFirst() + p.targetSize())
        {
            throw fail(origin, s.displayName(), "the rewarded pair's post neuron " + reward.post() + " is not one " +
                "of its targets (neurons " + p.targetFirst() + ".." + (p.targetFirst() + p.targetSize() - 1) + ")");
        }
        boolean source = false;
        for (final ResolvedProjection q : projections)
        {
            source |= reward.post() >= q.sourceFirst() && reward.post() < q.sourceFirst() + q.sourceSize();
        }
        if (!source)
        {
            throw fail(origin, s.displayName(), "the reward watches its post neuron's spikes, which are kept only " +
                "for neurons that are the source of some projection, and neuron " + reward.post() + " is the source " +
                "of none: give its population a projection (one of weight 0 changes nothing)");
        }
        final ConnectionTable table = p.rule().connections();
        if (table != null && reward.pre() >= table.sourceFirst() &&
            reward.pre() < table.sourceFirst() + table.sourceSize())
        {
            // A file may list a pair twice; the reward (its initial weight, the weight drawn against time) names one.
            int n = 0;
            for (int e = table.first(reward.pre()); e < table.end(reward.pre()); e++)
            {
                n += table.target(e) == reward.post() ? 1 : 0;
            }
            if (n > 1)
            {
                throw fail(origin, s.displayName(), "the rewarded pair " + reward.pre() + " -> " + reward.post() +
                    " has " + n + " synapses in " + table.described() + ", and the reward names one synapse: list the " +
                    "pair once");
            }
        }
        // The random connectivity, drawn for the one neuron that decides it as the matrix's builder draws it: sim
        // validate called a pair valid that sim run then refused once the matrix was built.
        final PartnerSampler sampler = new PartnerSampler();
        for (final ResolvedProjection q : projections)
        {
            if (reward.pre() >= q.sourceFirst() && reward.pre() < q.sourceFirst() + q.sourceSize() &&
                reward.post() >= q.targetFirst() && reward.post() < q.targetFirst() + q.targetSize() &&
                sampler.connects(q, seed, reward.pre(), reward.post()))
            {
                return;
            }
        }
        final StringBuilder some = new StringBuilder();
        if (!p.targetCentric())
        {
            final int n = sampler.draw(p, reward.pre(), PartnerSampler.key(seed, p.index(), PartnerSampler.PARTNERS,
                reward.pre()));
            int listed = 0;
            for (int k = 0; k < n && listed < 8; k++)
            {
                final int target = sampler.partners()[k];
                if (k > 0 && target == sampler.partners()[k - 1])
                {
                    continue; // a file's pair listed twice: named once
                }
                boolean isSource = false;
                for (final ResolvedProjection q : projections)
                {
                    isSource |= target >= q.sourceFirst() && target < q.sourceFirst() + q.sourceSize();
                }
                if (isSource)
                {
                    some.append(listed++ == 0 ? "" : ", ").append(target);
                }
            }
        }
        throw fail(origin, s.displayName(), "the rewarded pair " + reward.pre() + " -> " + reward.post() + " is not a " +
            "synapse of this network (" + connectivity(p, seed) + ")" + (some.length() == 0 ? "" :
            "; neuron " + reward.pre() + "'s synapses reach " + some + ", ..."));
    }

    /** Where a projection's synapses come from, for messages: its file, or its draws of the seed. */
    private static String connectivity(final ResolvedProjection p, final long seed)
    {
        return p.rule().connections() != null ? "the synapses of " + p.rule().connections().described() :
            "its random connectivity, seed " + seed;
    }

    /** The reward's pre neuron among the projection's sources, for a pair named by post neuron or by synapse. */
    private static void requireRewardPre(final PlasticityRule.Reward reward, final ProjectionSpec s,
        final ResolvedProjection p)
    {
        if (reward.pre() < p.sourceFirst() || reward.pre() >= p.sourceFirst() + p.sourceSize())
        {
            throw fail(s.origin("reward.pre"), s.displayName(), "the rewarded pair's pre neuron " + reward.pre() +
                " is not one of its sources (neurons " + p.sourceFirst() + ".." + (p.sourceFirst() + p.sourceSize() - 1) +
                ")");
        }
    }

    /**
     * The post neuron of a reward named as its pre neuron's k-th synapse: pre's k-th target in this projection, in
     * ascending order (the order of the matrix's rows and of weights.npy).
     */
    private static int rewardedTarget(final PlasticityRule.Reward reward, final ProjectionSpec s,
        final ResolvedProjection p, final long seed)
    {
        final String origin = s.origin("reward.synapse");
        requireRewardPre(reward, s, p);
        if (p.targetCentric())
        {
            throw fail(origin, s.displayName(), "a reward named by 'synapse' needs the pre neuron's targets drawn " +
                "per source (rule fixed_outdegree, all_to_all, pairwise or one_to_one), not fixed_indegree: name " +
                "its 'post' neuron instead");
        }
        final PartnerSampler sampler = new PartnerSampler();
        final int n = sampler.draw(p, reward.pre(), PartnerSampler.key(seed, p.index(), PartnerSampler.PARTNERS,
            reward.pre()));
        if (reward.synapse() > n)
        {
            throw fail(origin, s.displayName(), "the reward's synapse " + reward.synapse() + " of neuron " +
                reward.pre() + " does not exist: it has " + n + " synapse" + (n == 1 ? "" : "s") + " in this projection " +
                "(" + connectivity(p, seed) + ")");
        }
        return sampler.partners()[reward.synapse() - 1];
    }

    /** Where dastdp2007's reward is written ({@code file:line:column}), or null (the Java API, or no reward). */
    public String rewardOrigin()
    {
        return rewardOrigin;
    }

    /**
     * Per projection, whether it is fixed, of plain current synapses without STP, and from neurons that are sources
     * of a plastic projection too. The plain matrix's rows of a plastic source hold plastic synapses only (the
     * engine tells plastic rows by their source: PlasticSynapses, the delivery's depression, the weights' outputs),
     * so these go through the receptor stage, each synapse a current added to its target's input in its arrival
     * step as the plain delivery adds it: an excitatory population whose synapses onto excitatory cells learn and
     * onto inhibitory ones stay fixed. Refused before, with "make all projections of a source population plastic
     * or none".
     */
    private static boolean[] fixedBesidePlastic(final NetworkBuilder spec, final List<ResolvedProjection> projections,
        final int[][] plasticSources)
    {
        final boolean[] beside = new boolean[projections.size()];
        for (int i = 0; i < projections.size(); i++)
        {
            final ProjectionSpec s = spec.projections().get(i);
            final ResolvedProjection p = projections.get(i);
            if (s.plasticity() != null || s.usesReceptorStage())
            {
                continue;
            }
            for (final int[] r : plasticSources)
            {
                beside[i] |= p.sourceFirst() < r[1] && r[0] < p.sourceFirst() + p.sourceSize();
            }
        }
        return beside;
    }

    private static int[][] plasticSources(final NetworkBuilder spec, final List<ResolvedProjection> projections)
    {
        final List<ResolvedProjection> plastic = new ArrayList<>();
        for (int i = 0; i < projections.size(); i++)
        {
            if (spec.projections().get(i).plasticity() != null)
            {
                plastic.add(projections.get(i));
            }
        }
        return mergedSourceRanges(plastic);
    }

    /**
     * Bytes of the projections whose synapses files give: what reading each took ({@link ConnectionTable#readBytes},
     * its table included), counted as if the reading's garbage were still on the heap when the network is built (a
     * 3-million-synapse file was estimated at its table's 30 MB and needed a heap of 180 MB to be read).
     */
    long connectionTableBytes()
    {
        long bytes = 0;
        for (final ResolvedProjection p : projections)
        {
            bytes += p.rule().connections() != null ? p.rule().connections().readBytes() : 0;
        }
        return bytes;
    }

    /** Candidates the largest partner draw looks at: the partner sampler's scratch. */
    long largestCandidatePool()
    {
        long pool = 0;
        for (final ResolvedProjection p : projections)
        {
            pool = Math.max(pool, p.rule().connections() != null ? 0 : p.targetCentric() ? p.sourceSize() :
                p.targetSize());
        }
        return pool;
    }

    /** Depends on the network's size only, never on the thread count: results stay thread-count independent. */
    static SpikeDelivery resolveDelivery(final SpikeDelivery requested, final int maxDelay, final int neurons,
        final double synapses, final long rowIndexBytes)
    {
        if (requested != SpikeDelivery.AUTO)
        {
            return requested;
        }
        final long ring = 4L * maxDelay * neurons;
        // The matrix with its row index, which both schemes carry: against the matrix alone a million neurons with 53
        // synapses each took delay rows (an 80 MB ring over 318 MB of synapses, beside a 1.3 GB row index) and ran
        // 2.8-4x slower than with 54 (a tester's runs); 300,000 with 10: 10.1-10.9 against 4.9-5.4 x real time.
        final double matrix = MemoryEstimate.BYTES_PER_SYNAPSE * synapses + rowIndexBytes;
        return ring <= ARRIVAL_RING_BUDGET_BYTES || ring * (double)ARRIVAL_RING_SHARE <= matrix ?
            SpikeDelivery.ARRIVAL_RING : SpikeDelivery.DELAY_ROWS;
    }

    private static int resolveThreads(final NetworkBuilder spec, final int neurons)
    {
        if (spec.threads() > Checks.MAX_THREADS)
        {
            throw fail(spec.threadsOrigin(), null, Checks.threadsOverMaximum(Integer.toString(spec.threads())));
        }
        return Math.min(neurons, spec.threads() > 0 ? spec.threads() : AutoThreads.forThisMachine(neurons));
    }

    private static void checkTraces(final NetworkBuilder spec, final int neurons,
        final List<PopulationRange> populations)
    {
        final int[] traced = spec.tracedNeurons();
        final List<String> origins = spec.traceOrigins();
        final Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < traced.length; i++)
        {
            final String origin = origins.isEmpty() ? null : origins.get(i);
            if (traced[i] < 0 || traced[i] >= neurons)
            {
                throw fail(origin, null, "traced neuron " + traced[i] + " does not exist: neurons are 0.." + (neurons - 1));
            }
            final Integer earlier = seen.putIfAbsent(traced[i], i);
            if (earlier != null)
            {
                // 530 written once and p07rs[0] once were "traced neuron 530 is listed twice": say which neuron it
                // is and where the other entry is.
                final PopulationRange p = populations.get(new PopulationLookup(populations).indexOf(traced[i]));
                final String other = origins.isEmpty() ? null : origins.get(earlier);
                throw fail(origin, null, "traced neuron " + traced[i] + " (" + p.name() + "[" +
                    (traced[i] - p.first()) + "]) is listed twice" + (other != null && !other.equals(origin) ?
                    ": also at " + other : ""));
            }
        }
    }

    private static List<PopulationRange> resolvePopulations(final List<PopulationSpec> specs)
    {
        if (specs.isEmpty())
        {
            throw new InputException("the network has no population");
        }
        final List<PopulationRange> ranges = new ArrayList<>();
        long first = 0;
        for (final PopulationSpec p : specs)
        {
            final String missing = p.missing2007Parameters();
            if (missing != null)
            {
                // The javadoc said so, nothing refused: a 2007 population without its a, b, c, d ran the 2003 ones.
                throw fail(p.origin(), null, "population '" + p.name() + "' of the 2007 model was not given its " +
                    missing + ": the 2003 model's defaults are no 2007 cell; give them (parameters(a, b, c, d)) or " +
                    "take a book cell's (izhikevich2007(CellType2007.RS, 4))");
            }
            ranges.add(new PopulationRange(p.name(), (int)Math.min(first, Integer.MAX_VALUE), p.size()));
            first += p.size();
            if (first > Checks.MAX_NEURONS)
            {
                throw fail(p.origin(), null, "the populations up to '" + p.name() + "' hold " + first +
                    " neurons, more than the engine's maximum of " + Checks.MAX_NEURONS);
            }
        }
        return ranges;
    }

    private static PopulationRange find(final List<PopulationRange> populations, final String name, final String origin,
        final String where)
    {
        final List<String> known = new ArrayList<>();
        for (final PopulationRange p : populations)
        {
            if (p.name().equals(name))
            {
                return p;
            }
            known.add(p.name());
        }
        throw fail(origin, where, "unknown population " + InputException.quoted(name));
    }

    /** Several populations, consecutive in declaration order, as one range. */
    private static PopulationRange union(final List<PopulationRange> populations, final List<String> names,
        final String origin, final String where)
    {
        int first = Integer.MAX_VALUE;
        int end = 0;
        long size = 0;
        final Set<String> seen = new HashSet<>();
        for (final String name : names)
        {
            final PopulationRange p = find(populations, name, origin, where);
            if (!seen.add(name))
            {
                throw fail(origin, where, "population " + InputException.quoted(name) + " is listed twice");
            }
            first = Math.min(first, p.first());
            end = Math.max(end, p.end());
            size += p.size();
        }
        if (size != end - first)
        {
            throw fail(origin, where, "populations " + names + " are not consecutive in declaration order");
        }
        return new PopulationRange(String.join("+", names), first, end - first);
    }

    /**
     * Refuses a projection or an input into a spike source population: its neurons integrate nothing, so what
     * reached them would be lost without a word.
     */
    private static void notASource(final List<PopulationSpec> specs, final String name, final String origin,
        final String what)
    {
        for (final PopulationSpec p : specs)
        {
            if (p.name().equals(name) && p.isSource())
            {
                throw fail(origin, null, PopulationSpec.reachesSource(what, name, p.sourceKind()));
            }
        }
    }

    /**
     * Refuses a projection whose target {@code i} is of another model than its first target: its weights (and
     * plasticity's constants) are in the target's units, pA into a 2007 population, the 2003 model's units into a
     * 2003 one, about 100 times apart for a 100 pF cell, and one weight rule cannot be both.
     */
    private static void oneModel(final List<PopulationSpec> specs, final ProjectionSpec p, final int i)
    {
        if (i == 0)
        {
            return;
        }
        final PopulationSpec first = byName(specs, p.targets().get(0));
        final PopulationSpec target = byName(specs, p.targets().get(i));
        if (first != null && target != null && (first.model2007() == null) != (target.model2007() == null))
        {
            throw fail(p.origin("to." + i), null, p.displayName() + " ends in population '" + first.name() + "' of " +
                "the " + (first.model2007() != null ? "2007" : "2003") + " model and '" + target.name() + "' of the " +
                (target.model2007() != null ? "2007" : "2003") + " model: its weights are in each target's units " +
                "(pA into the 2007 model, about 100 times the 2003 model's for a 100 pF cell); give one projection " +
                "per model");
        }
    }

    private static PopulationSpec byName(final List<PopulationSpec> specs, final String name)
    {
        for (final PopulationSpec s : specs)
        {
            if (s.name().equals(name))
            {
                return s;
            }
        }
        return null;
    }

    private static ResolvedProjection resolveProjection(final ProjectionSpec s, final int index,
        final List<PopulationRange> populations)
    {
        final String where = s.displayName();
        final PopulationRange source = find(populations, s.source(), s.origin("from"), where);
        int first = Integer.MAX_VALUE;
        int end = 0;
        long size = 0;
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < s.targets().size(); i++)
        {
            final String name = s.targets().get(i);
            final PopulationRange p = find(populations, name, s.origin("to." + i), where);
            if (!seen.add(name))
            {
                throw fail(s.origin("to." + i), where,
                    "population " + InputException.quoted(name) + " is listed twice as a target");
            }
            first = Math.min(first, p.first());
            end = Math.max(end, p.end());
            size += p.size();
        }
        if (size != end - first)
        {
            throw fail(s.origin("to"), where, "target populations " + s.targets() + " are not consecutive in " +
                "declaration order: a projection's targets must be one range of neurons");
        }
        final PopulationRange target = s.targets().size() == 1 ? find(populations, s.targets().get(0), null, where) :
            new PopulationRange(String.join("+", s.targets()), first, end - first);
        final boolean overlap = source.first() < target.end() && target.first() < source.end();
        final boolean self = overlap && !s.autapses();
        final ConnectionRule rule = s.rule();
        switch (rule.kind())
        {
            case FIXED_OUTDEGREE:
                degreeFits(s, where, "fixed_outdegree", rule.k(), target.size() - (self ? 1 : 0), target.name());
                break;
            case FIXED_INDEGREE:
                degreeFits(s, where, "fixed_indegree", rule.k(), source.size() - (self ? 1 : 0), source.name());
                break;
            case ONE_TO_ONE:
                if (source.size() != target.size())
                {
                    throw fail(s.origin("rule"), where, "one_to_one needs as many targets as sources, got " +
                        source.size() + " sources and " + target.size() + " targets");
                }
                if (self)
                {
                    throw fail(s.origin("autapses"), where, "one_to_one onto the same population connects each " +
                        "neuron to itself, which autapses: false forbids");
                }
                break;
            case TABLE:
            {
                // A config's file is checked synapse by synapse as it is read, with its place; this is the Java API's.
                final ConnectionTable table = rule.connections();
                if (table.sourceFirst() != source.first() || table.sourceSize() != source.size())
                {
                    throw fail(s.origin("connections"), where, table.described() + " lists the synapses of sources " +
                        table.sourceFirst() + ".." + (table.sourceFirst() + table.sourceSize() - 1) + ", but the " +
                        "projection's are " + source.name() + " (neurons " + source.first() + ".." + (source.end() - 1) +
                        ")");
                }
                if (table.size() > 0 && (table.minTarget() < target.first() || table.maxTarget() >= target.end()))
                {
                    throw fail(s.origin("connections"), where, table.described() + " has targets " + table.minTarget() +
                        ".." + table.maxTarget() + ", outside the projection's " + target.name() + " (neurons " +
                        target.first() + ".." + (target.end() - 1) + ")");
                }
                break;
            }
            case ALL_TO_ALL:
            case PAIRWISE_PROBABILITY:
                if (self && target.size() == 1)
                {
                    // It made no synapse without a word, where one_to_one's like case is refused (pairwise too, whose
                    // autapses are off by default: at the written autapses, else at the rule).
                    final String at = s.origin(s.placed("autapses") ? "autapses" : "rule");
                    throw fail(at, where, (rule.kind() == ConnectionRule.Kind.ALL_TO_ALL ? "all_to_all" : "pairwise") +
                        " of a single neuron onto itself makes no synapse when autapses: false forbids the only one" +
                        (rule.kind() == ConnectionRule.Kind.ALL_TO_ALL ? "" : " (the default of pairwise)"));
                }
                break;
            default:
                break;
        }
        if (s.delay().splitsEvenly())
        {
            final int delays = s.delay().max() - s.delay().min() + 1;
            if (rule.kind() != ConnectionRule.Kind.FIXED_OUTDEGREE || rule.k() % delays != 0)
            {
                throw fail(s.origin("delay.distribution"), where, "delays split evenly over " + s.delay().min() + ".." +
                    s.delay().max() + " ms need rule fixed_outdegree with k a multiple of the " + delays +
                    " delays, got " + rule);
            }
        }
        if (s.delay().max() > Checks.MAX_DELAY)
        {
            throw fail(s.origin("delay"), where, "delay " + s.delay().max() + " ms exceeds the engine's maximum of " +
                Checks.MAX_DELAY + " ms");
        }
        return new ResolvedProjection(index, source.first(), source.size(), target.first(), target.size(), rule,
            s.weight(), s.delay(), s.autapses(), where, s.origin("weight"));
    }

    private static void degreeFits(final ProjectionSpec s, final String where, final String rule, final long k,
        final long candidates, final String population)
    {
        if (k > candidates)
        {
            throw fail(s.origin("k"), where, rule + " k=" + k + " exceeds the " + candidates + " candidates in " +
                "population " + InputException.quoted(population) + " (partners are drawn without replacement)");
        }
    }

    /** Neurons that are both source and target, which cannot pick themselves without autapses. */
    private static long selfPairs(final ResolvedProjection p)
    {
        if (p.autapses())
        {
            return 0;
        }
        return Math.max(0, Math.min(p.sourceFirst() + p.sourceSize(), p.targetFirst() + p.targetSize()) -
            Math.max(p.sourceFirst(), p.targetFirst()));
    }

    private static double expectedSynapses(final ResolvedProjection p)
    {
        final double pairs = (double)p.sourceSize() * p.targetSize() - selfPairs(p);
        switch (p.rule().kind())
        {
            case ALL_TO_ALL:
                return pairs;
            case FIXED_OUTDEGREE:
                return (double)p.sourceSize() * p.rule().k();
            case FIXED_INDEGREE:
                return (double)p.targetSize() * p.rule().k();
            case PAIRWISE_PROBABILITY:
                return p.rule().p() * pairs;
            case TABLE:
                return p.rule().connections().size();
            default:
                return p.sourceSize();
        }
    }

    /**
     * The plastic synapses of all plastic projections together, which the copies of the plastic weights hold in one
     * array ({@link #MAX_PLASTIC_SYNAPSES}). A network of more passed sim validate (needing about 152 GB) and would
     * have failed once built, at its first copy of the weights. Refused at the largest plastic projection's
     * 'plasticity' key; a pairwise projection's binomial count with six standard deviations to spare.
     */
    private void checkPlasticSynapses(final NetworkBuilder spec)
    {
        ProjectionSpec largest = null;
        double most = -1;
        double total = 0;
        double pairwise = 0;
        int plastic = 0;
        for (int i = 0; i < projections.size(); i++)
        {
            final ProjectionSpec s = spec.projections().get(i);
            if (s.plasticity() == null)
            {
                continue;
            }
            final double expected = expectedSynapses[i];
            plastic++;
            total += expected;
            pairwise += projections.get(i).rule().kind() == ConnectionRule.Kind.PAIRWISE_PROBABILITY ? expected : 0;
            if (expected > most)
            {
                most = expected;
                largest = s;
            }
        }
        if (largest != null && total + 6 * Math.sqrt(pairwise) > MAX_PLASTIC_SYNAPSES)
        {
            throw fail(largest.origin("plasticity"), largest.displayName(), String.format(Locale.ROOT,
                "%s about %,.0f plastic synapses%s, more than the %,d that the copies of the plastic weights (their " +
                "outputs, snapshots and checkpoints) hold in one array: make fewer synapses plastic (fewer sources " +
                "or targets, a smaller k or p%s)", plastic > 1 ? "the network's plastic projections make" :
                "this projection makes", total, plastic > 1 ? String.format(Locale.ROOT, ", this one %,.0f", most) :
                "", MAX_PLASTIC_SYNAPSES, plastic > 1 ? ", fewer plastic projections" : ""));
        }
    }

    /**
     * Synapses expected to end in each target block, which the engine indexes with ints, and the rows of each block's
     * row index (a source of its window per delay step). Each refusal says what would help: the row limit, a shorter
     * longest delay (it gave no remedy); the synapse limit, the thread count that makes the blocks small enough, or,
     * when none of the allowed ones does (1,073,741,823 neurons all-to-all), fewer synapses (it said "use more threads"
     * whatever the count).
     */
    private void checkBlocks(final NetworkBuilder spec)
    {
        final int blocks = TargetPartition.blockCount(neurons, slices());
        for (int b = 0; b < blocks; b++)
        {
            final int first = TargetPartition.blockStart(b, neurons, blocks);
            final int end = TargetPartition.blockStart(b + 1, neurons, blocks);
            double inBlock = 0;
            // The projection that ends the most synapses in the block: a refusal no thread count helps is at it.
            ResolvedProjection fullest = null;
            double fullestSynapses = 0;
            for (final ResolvedProjection p : projections)
            {
                final int overlap = Math.max(0, Math.min(end, p.targetFirst() + p.targetSize()) -
                    Math.max(first, p.targetFirst()));
                final double synapses = expectedSynapses[p.index()] * overlap / p.targetSize();
                inBlock += synapses;
                if (fullest == null || synapses > fullestSynapses)
                {
                    fullest = p;
                    fullestSynapses = synapses;
                }
            }
            final int window = sourceWindows[b][1] - sourceWindows[b][0];
            final long rows = (long)window * maxDelay;
            if (rows >= Integer.MAX_VALUE)
            {
                // The longest delay sets every block's rows: the refusal is located at it.
                ProjectionSpec longest = null;
                for (int i = 0; i < projections.size() && longest == null; i++)
                {
                    longest = projections.get(i).delay().max() == maxDelay ? spec.projections().get(i) : null;
                }
                throw fail(longest == null ? null : longest.origin("delay"), null, String.format(Locale.ROOT,
                    "the %d sources reaching one block of %d neurons with delays up to %d ms need %d rows (one per " +
                    "source and delay step), more than the engine's %d per block: make the longest delay%s at most " +
                    "%d ms, or have fewer source neurons project onto the same neurons; the network needs about %s",
                    window, end - first, maxDelay, rows, Integer.MAX_VALUE - 1, longest == null ? "" : " (" +
                    longest.displayName() + ")", (Integer.MAX_VALUE - 1L) / window,
                    MemoryEstimate.bytes(memory(0).total())));
            }
            if (inBlock > MAX_SYNAPSES_PER_BLOCK)
            {
                final double[] fit = threadsForBlocks();
                final String what = String.format(Locale.ROOT, "about %.3g synapses end in one block of %d neurons, " +
                    "more than the engine's limit of %d per block", inBlock, end - first, MAX_SYNAPSES_PER_BLOCK);
                final String needs = "; the network needs about " + MemoryEstimate.bytes(memory(0).total());
                // Where the synapses come from: the fullest projection's k or p, else its rule (all_to_all).
                final ProjectionSpec source = spec.projections().get(fullest.index());
                final String sourceOrigin = source.origin(source.placed("k") ? "k" : source.placed("p") ? "p" : "rule");
                if (fit[1] <= MAX_SYNAPSES_PER_BLOCK)
                {
                    throw fail(threadsOrigin != null ? threadsOrigin : sourceOrigin, null, String.format(Locale.ROOT,
                        "%s: use %d threads or more (each thread has its own blocks, which more threads make " +
                        "smaller) or fewer synapses%s", what, (int)fit[0], needs));
                }
                throw fail(sourceOrigin, null, String.format(Locale.ROOT, "%s, and no thread count up to %d makes " +
                    "the blocks small enough (with %d, about %.3g end in one block): use fewer synapses (fewer " +
                    "neurons, a smaller k or p, fewer projections onto the same neurons; %s makes about %.3g of " +
                    "them)%s", what, Checks.MAX_THREADS, (int)fit[0], fit[1], source.displayName(), fullestSynapses,
                    needs));
            }
        }
    }

    /**
     * The fewest threads from this plan's on (up to {@link Checks#MAX_THREADS}) whose blocks each hold at most
     * {@link #MAX_SYNAPSES_PER_BLOCK} synapses, or, when no count does, the count whose fullest block holds the fewest:
     * {threads, synapses in its fullest block}.
     */
    private double[] threadsForBlocks()
    {
        // The synapses expected to end in neurons 0 .. x - 1, piecewise linear between the projections' target bounds.
        final java.util.TreeSet<Integer> bounds = new java.util.TreeSet<>(List.of(0, neurons));
        for (final ResolvedProjection p : projections)
        {
            bounds.add(p.targetFirst());
            bounds.add(p.targetFirst() + p.targetSize());
        }
        final int[] at = bounds.stream().mapToInt(Integer::intValue).toArray();
        final double[] slope = new double[at.length];
        for (final ResolvedProjection p : projections)
        {
            final double perNeuron = expectedSynapses[p.index()] / p.targetSize();
            slope[Arrays.binarySearch(at, p.targetFirst())] += perNeuron;
            slope[Arrays.binarySearch(at, p.targetFirst() + p.targetSize())] -= perNeuron;
        }
        final double[] below = new double[at.length];
        for (int i = 1; i < at.length; i++)
        {
            slope[i] += slope[i - 1];
            below[i] = below[i - 1] + slope[i - 1] * (at[i] - at[i - 1]);
        }
        final java.util.function.IntToDoubleFunction upTo = x ->
        {
            final int i = Arrays.binarySearch(at, x);
            final int k = i >= 0 ? i : -i - 2;
            return below[k] + slope[k] * (x - at[k]);
        };
        final double[] best = {threads, Double.MAX_VALUE};
        final Set<Integer> tried = new HashSet<>();
        for (int t = threads; t <= Checks.MAX_THREADS; t++)
        {
            final int blocks = TargetPartition.blockCount(neurons, t == PIPELINE_THREADS && pipelinable() ? 1 : t);
            if (!tried.add(blocks))
            {
                continue;
            }
            double fullest = 0;
            for (int b = 0; b < blocks; b++)
            {
                fullest = Math.max(fullest, upTo.applyAsDouble(TargetPartition.blockStart(b + 1, neurons, blocks)) -
                    upTo.applyAsDouble(TargetPartition.blockStart(b, neurons, blocks)));
            }
            if (fullest < best[1])
            {
                best[0] = t;
                best[1] = fullest;
            }
            if (fullest <= MAX_SYNAPSES_PER_BLOCK)
            {
                break;
            }
        }
        return best;
    }

    private static int[][] mergedSourceRanges(final List<ResolvedProjection> projections)
    {
        final int[][] ranges = new int[projections.size()][];
        for (int i = 0; i < ranges.length; i++)
        {
            final ResolvedProjection p = projections.get(i);
            ranges[i] = new int[] {p.sourceFirst(), p.sourceFirst() + p.sourceSize()};
        }
        Arrays.sort(ranges, (x, y) -> Integer.compare(x[0], y[0]));
        final List<int[]> merged = new ArrayList<>();
        for (final int[] r : ranges)
        {
            final int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1])
            {
                last[1] = Math.max(last[1], r[1]);
            }
            else
            {
                merged.add(r.clone());
            }
        }
        return merged.toArray(new int[0][]);
    }

    /** {@code origin: what (in where)}, or {@code where: what} without an origin. */
    static InputException fail(final String origin, final String where, final String what)
    {
        if (origin != null)
        {
            return new InputException(origin + ": " + what + (where != null ? " in " + where : ""));
        }
        return new InputException(where != null ? where + ": " + what : what);
    }
}
