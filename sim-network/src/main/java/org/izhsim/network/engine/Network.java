package org.izhsim.network.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.NanoClock;
import org.izhsim.core.InputException;
import org.izhsim.network.build.Checks;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.build.ResolvedProjection;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.MemoryEstimate;
import org.izhsim.core.integrate.Method;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.build.TargetPartition;
import org.izhsim.network.input.DcDrive;
import org.izhsim.network.input.InputDrive;
import org.izhsim.network.input.PoissonSource;
import org.izhsim.network.input.SpikeSource;
import org.izhsim.network.input.SpikeTimesSource;
import org.izhsim.network.input.NoiseDrive;
import org.izhsim.network.input.PoissonDrive;
import org.izhsim.network.input.RandomPickDrive;
import org.izhsim.network.input.UniformNoiseDrive;
import org.izhsim.network.random.CounterRandom;
import org.izhsim.network.record.NumericalBlowUp;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.record.SpikeRecorder;
import org.izhsim.network.record.Traces;
import org.izhsim.network.synapse.PlasticSynapses;
import org.izhsim.network.synapse.PlasticWeights;
import org.izhsim.network.synapse.SynapseMatrix;
import org.izhsim.network.synapse.SynapseMatrixBuilder;

/**
 * A built network, ready to run: neuron state, synapses, inputs and the workers that advance them.
 * <p>
 * {@link #run(int, ProgressListener)} advances it by whole 1 ms steps; successive runs continue from where the
 * previous one stopped (state, spikes in flight and random streams included). The calling thread is worker 0
 * and the coordinator; workers 1..T-1 run on threads started by the first run and kept until {@link #close()}
 * (or until the network is unreachable); each run returns only when all of them have finished it. With one
 * thread there is no barrier at all. A Network is not thread-safe: run it from one thread at a time; only
 * {@link #requestStop()} may be called from any thread.
 * <p>
 * A run ends early at a step boundary common to all workers when {@link #requestStop()} asks it to (the
 * network can run on) or when a neuron's state becomes infinite or NaN (it cannot); its result says which.
 * A worker that throws ends the run with its exception and leaves the network unable to run again. An exception
 * thrown by the caller's {@link ProgressListener} or {@link StepPacer} is not a worker's: they are called at a step
 * boundary, where the state is consistent, so it ends the run there as {@link #requestStop()} would and is then
 * rethrown by {@code run}; that run's spikes and traces are lost, the network stands after the steps it ran
 * ({@link #currentStep()}) and can run on and be saved.
 */
public final class Network implements AutoCloseable
{
    /** Ends the worker threads of networks dropped without {@link #close()}. */
    private static final Cleaner CLEANER = Cleaner.create();
    private static final long NEURON_STREAM = 1L << 40;
    private static final long INPUT_STREAM = 2L << 40;
    private static final long DOPAMINE_STREAM = 3L << 40;
    /** The Poisson source populations' spikes, one stream per population by its place in the file. */
    private static final long SOURCE_STREAM = 4L << 40;
    private static final long MAX_LATENCY_NANOS = 60_000_000_000L;
    /** 1% resolution is plenty for latency percentiles and keeps the histogram at 28 KB instead of 221 KB. */
    private static final int LATENCY_DIGITS = 2;
    /** Longest trace, one float per step: the longest Java array every JVM allocates (JDK's SOFT_MAX_ARRAY_LENGTH). */
    private static final int MAX_TRACE_STEPS = Integer.MAX_VALUE - 8;

    private final List<PopulationRange> populations;
    /**
     * Each population's kind for checkpoints' fingerprints: 0 neurons of the 2003 model, 1 Poisson sources, 2 sources
     * at given times, else a hash of a 2007 population's constants.
     */
    private final long[] populationModels;
    /** The populations as the plan gives them. */
    private final List<PopulationSpec> specs;
    /** Whether a population is of the 2007 model (its runs count merged crossings over the ranks). */
    private final boolean has2007;
    private final NeuronArrays state;
    private final SynapseMatrix matrix;
    private final Worker[] workers;
    private final int[] tracedNeurons;
    private final int spikeCapacity;
    private final NanoClock clock;
    private final long buildNanos;
    private final SpikeDelivery delivery;
    private final long seed;
    private final long noiseSeed;
    /** Whether the builder gave the noise seed: a restored run under another noise seed is then a new noise trial. */
    private final boolean noiseSeedGiven;
    /** Set by {@link Checkpoint#read} once a state is restored; read by the caller's thread after it. */
    Integer restoredChecksum;
    private final Method scheme;
    /** Kept for checkpoints; the workers hold their own references. */
    private final SpikeRing ring;
    /** A run is in progress: a second one, a checkpoint or a read of the weights must wait for its end. */
    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
    private final float[][] arrivals;
    /** The neuron of the arrival buffers' entry 0: 0, or under ranks the rank's first neuron. */
    private final int arrivalFirst;
    /** The plasticity rule's state, null when every synapse is fixed. */
    private PlasticSynapses plastic;
    /** Exponential currents, conductances and STP; null when no projection uses them. */
    private final ReceptorStage receptors;
    private Checkpoint.Description checkpointDescription;
    private WorkerThreads workerThreads;
    /** Several threads in one process: each step's slices claimed by whichever thread is running; else null. */
    private final SliceClaims claims;
    /** Pipelined plasticity ({@link NetworkPlan#pipelinesPlasticity()}): its two threads' hand-over, else null. */
    private PlasticityPipeline pipeline;
    /** A pipelined network's idle strategies, one per thread; else null. */
    private final org.agrona.concurrent.IdleStrategy[] pipelineIdle;
    /** Threads stepping this process's part: one per worker, or two for the one worker of a pipelined network. */
    private final int threads;
    private Cleaner.Cleanable cleanable;
    private long nextStep;
    private final StopControl stop = new StopControl();
    /** Why this network cannot run again (a worker failed, or its state blew up), or null. */
    private String broken;
    private Throwable brokenBy;
    /** This rank's side of a partitioned run, or null in a single process. */
    private final RankSlice rank;
    /** Over all ranks: synapses and their bytes (this process's own when not partitioned). */
    private long totalSynapses = -1;
    private long totalSynapseBytes = -1;
    private Histogram exchangeLatency;
    /**
     * How runs keep their spikes, replaced whole by {@link #streamSpikesTo} and {@link #discardSpikes} and read
     * once at the start of a run: a change during a run is the next run's.
     */
    private volatile SpikeKeeping spikeKeeping = new SpikeKeeping(null, false, SpikeRecorder.STREAMED_BUFFER_SPIKES);
    /** Runs streamed so far: numbers their files. */
    private int streamedRuns;

    private Network(final NetworkPlan plan, final NeuronArrays state, final SynapseMatrix matrix,
        final InputDrive[] drives, final ReceptorStage receptors, final long buildStart, final SpikeExchange exchange)
    {
        this.receptors = receptors;
        this.populations = plan.populations();
        this.specs = plan.populationSpecs();
        this.has2007 = specs.stream().anyMatch(s -> s.model2007() != null);
        this.populationModels = new long[populations.size()];
        for (int p = 0; p < populationModels.length; p++)
        {
            final PopulationSpec spec = plan.populationSpecs().get(p);
            populationModels[p] = spec.isPoissonSource() ? 1 : spec.isSource() ? 2 : spec.model2007() != null ?
                model2007Kind(spec.model2007()) : 0;
        }
        this.state = state;
        this.matrix = matrix;
        this.tracedNeurons = plan.tracedNeurons();
        this.spikeCapacity = plan.spikeCapacity();
        this.clock = plan.clock();
        final int threads = plan.threads();
        this.threads = threads;
        // One worker for all neurons when pipelined: its plasticity runs on the second thread (built in build()).
        final boolean pipelined = exchange == null && plan.pipelinesPlasticity();
        final int slices = pipelined ? 1 : threads;
        final TargetPartition partition = matrix.partition();
        // Only the spikes of source neurons are kept for delivery: a slot holds at most those, not N.
        final int[] segmentStart = new int[partition.threads()];
        for (int t = 0; t < segmentStart.length; t++)
        {
            segmentStart[t] = plan.sourceNeuronsIn(0, partition.firstNeuron(t));
        }
        this.seed = plan.seed();
        this.noiseSeed = plan.noiseSeed();
        this.noiseSeedGiven = plan.noiseSeedGiven();
        this.scheme = plan.scheme();
        this.ring = new SpikeRing(matrix.maxDelay(), plan.sourceNeuronsIn(0, state.size()), segmentStart,
            plan.sourceRanges(), pipelined ? NetworkPlan.PIPELINE_LEAD : 0);
        final StepBarrier barrier = threads > 1 ? new StepBarrier(threads, 0) : null;
        this.delivery = plan.delivery();
        this.rank = exchange == null ? null : new RankSlice(exchange, partition, ring, stop, clock, threads, receptors);
        final int firstSlice = rank == null ? 0 : rank.firstSlice();
        // The arrival ring holds this process's neurons only: a rank's buffers start at its first neuron.
        this.arrivalFirst = rank == null ? 0 : rank.firstNeuron();
        this.arrivals = delivery == SpikeDelivery.ARRIVAL_RING ?
            new float[matrix.maxDelay()][(rank == null ? state.size() : rank.endNeuron()) - arrivalFirst] : null;
        workers = new Worker[slices];
        final org.agrona.concurrent.IdleStrategy[] idle = new org.agrona.concurrent.IdleStrategy[threads];
        for (int t = 0; t < threads; t++)
        {
            // Checked here: a supplier giving null failed in the run ("idle is null") and left the network unable to run.
            idle[t] = Objects.requireNonNull(plan.idleStrategy().get(),
                "the idle strategy supplier (NetworkBuilder.idleStrategy) gave null");
        }
        this.pipelineIdle = pipelined ? idle : null;
        for (int t = 0; t < slices; t++)
        {
            // A partitioned run keeps one worker per thread and the barrier: its exchange is worker 0's.
            workers[t] = new Worker(t, firstSlice + t, rank, state, matrix, ring, drives, plan.scheme(),
                rank != null ? barrier : null, idle[t], arrivals, arrivalFirst, stop, receptors);
        }
        this.claims = slices > 1 && rank == null ? new SliceClaims(workers, stop, idle) : null;
        this.buildNanos = clock.nanoTime() - buildStart;
    }

    /**
     * Builds the network a plan describes: draws the neurons' parameters and builds the synapses in parallel.
     * Every rule was checked by the plan; what remains to fail is memory, which {@link NetworkPlan#memory}
     * estimates beforehand.
     *
     * @throws InputException if that estimate is above the heap limit ({@link Runtime#maxMemory()}), before anything
     *                        is allocated.
     */
    public static Network build(final NetworkPlan plan)
    {
        return build(Objects.requireNonNull(plan, "plan"), new InputDrive[0]);
    }

    /**
     * {@code build(builder.plan())}: the network a builder describes.
     *
     * @throws InputException if the description is impossible, located where the specs say.
     */
    public static Network build(final NetworkBuilder builder)
    {
        return build(Objects.requireNonNull(builder, "builder").plan());
    }

    /** For the engine's tests: drives outside the builder's vocabulary (e.g. one that throws) after its own. */
    static Network build(final NetworkBuilder spec, final InputDrive... extraDrives)
    {
        return build(spec.plan(), extraDrives);
    }

    /**
     * Builds this rank's part of the network a plan describes, for a run partitioned over the ranks of
     * {@code exchange}: the neurons are split into {@code ranks x threads} slices of whole target blocks, and this
     * rank initialises and steps its slices and builds only the synapses that end in them. Every random number is
     * keyed by global ids and the spikes are delivered in ascending id order, so every rank count gives the
     * spikes of a single process. Collective: every rank builds the same plan. On rank 0 a run's result holds
     * the spikes of all ranks; its event and synapse counts are sums over the ranks.
     *
     * @param exchange opened with room for {@link #maxExchanged(int, int)} ids.
     * @throws InputException when the ranks run different thread counts.
     */
    public static Network build(final NetworkPlan plan, final SpikeExchange exchange)
    {
        Objects.requireNonNull(plan, "plan");
        if (Objects.requireNonNull(exchange, "exchange").size() == 1)
        {
            return build(plan);
        }
        // The slices are a function of ranks x threads: every rank must cut the same way (auto threads follow
        // each machine's cores). And every rank must build the same network: each reads its own config, and one given
        // another (the launcher's MPMD syntax, another --seed) ran a hybrid network without a word, or failed inside.
        final String[] parts = shape(plan);
        final int[] own = new int[4 + 2 * parts.length];
        own[0] = plan.threads();
        own[1] = plan.neurons();
        own[2] = (int)(plan.seed() >>> 32);
        own[3] = (int)plan.seed();
        for (int k = 0; k < parts.length; k++)
        {
            System.arraycopy(textHashes(parts[k]), 0, own, 4 + 2 * k, 2);
        }
        final int ranks = exchange.size();
        final int[] all = eachRank(exchange, own, plan.neurons());
        for (int r = 0; r < ranks; r++)
        {
            final int at = r * own.length;
            if (all[at] != plan.threads())
            {
                throw new InputException("every rank must run the same number of threads, but rank " + r + " has " +
                    all[at] + " and rank " + exchange.rank() + " has " + plan.threads() + ": set threads explicitly");
            }
            final long seed = (long)all[at + 2] << 32 | all[at + 3] & 0xffffffffL;
            int differing = -1;
            for (int k = 0; k < parts.length && differing < 0; k++)
            {
                if (all[at + 4 + 2 * k] != own[4 + 2 * k] || all[at + 5 + 2 * k] != own[5 + 2 * k])
                {
                    differing = k;
                }
            }
            if (all[at + 1] != plan.neurons() || seed != plan.seed() || differing >= 0)
            {
                throw new InputException("every rank must build the same network, but rank " + r + " has " +
                    (seed != plan.seed() ? "seed " + seed + " and rank " + exchange.rank() + " seed " + plan.seed() :
                    all[at + 1] != plan.neurons() ? all[at + 1] + " neurons and rank " + exchange.rank() + " " +
                    plan.neurons() : "other " + SHAPE_PARTS[differing] + " than rank " + exchange.rank()) +
                    ": give every rank the same config and options");
            }
        }
        return build(plan, new InputDrive[0], exchange);
    }

    /** What {@link #shape} describes, part by part, as a refusal names it. */
    private static final String[] SHAPE_PARTS = {"populations (names, sizes, parameters or initial v)",
        "inputs", "projections (connectivity, weights or delays)",
        "synapse models, short-term plasticity or plasticity rule", "integration or spike delivery"};

    /** Where {@link #shape} samples the functions of r and of a synapse's bits: the same on every rank. */
    private static final double[] SAMPLE_R = {0.0, 0.125, 0.3, 0.5, 0.7, 0.875, Math.nextDown(1.0)};
    private static final long[] SAMPLE_BITS = {0L, -1L, 0x9E3779B97F4A7C15L, 0x3C6EF372FE94F82AL,
        0x0123456789ABCDEFL, 0x7FFFFFFFFFFFFFFFL, 0x8000000000000000L};

    /**
     * The plan as every rank must have it, one description per {@link #SHAPE_PARTS} entry (deterministic text: no
     * identity hash codes), parameter functions and weight and delay rules by their values at fixed samples. Only the
     * populations' sizes and the projections' ranges, rules and longest delays were compared: a rank given another
     * noise, another d or other weights (the launcher's MPMD syntax) ran a hybrid network without a word.
     */
    static String[] shape(final NetworkPlan plan)
    {
        final StringBuilder populations = new StringBuilder();
        for (final PopulationSpec p : plan.populationSpecs())
        {
            populations.append(p.name()).append('/').append(p.size());
            if (p.isPoissonSource())
            {
                populations.append("/poisson ").append(Long.toHexString(Double.doubleToLongBits(p.poissonRateHz())));
            }
            else if (p.isSource())
            {
                populations.append("/spike_times ").append(p.repeatEveryMs()).append(' ')
                    .append(Arrays.deepHashCode(new Object[] {p.spikeTimesMs()}));
            }
            else if (p.model2007() != null)
            {
                populations.append("/izhikevich2007 ").append(Long.toHexString(p.model2007().bits()));
            }
            for (final java.util.function.DoubleUnaryOperator f : new java.util.function.DoubleUnaryOperator[] {p.a(),
                p.b(), p.c(), p.d(), p.initialV()})
            {
                for (final double r : SAMPLE_R)
                {
                    populations.append(',').append(Long.toHexString(Double.doubleToLongBits(f.applyAsDouble(r))));
                }
            }
            populations.append(';');
        }
        // The noise seed with the inputs: ranks given another --set noise_seed would drive their neurons otherwise.
        final StringBuilder inputs = new StringBuilder("noise_seed=").append(plan.noiseSeed()).append(';');
        for (final NetworkPlan.ResolvedInput in : plan.inputs())
        {
            final InputSpec spec = in.spec();
            inputs.append(spec.kind().name()).append('/').append(in.range().first()).append('/')
                .append(in.range().size()).append('/').append(Double.doubleToLongBits(spec.amplitude())).append('/')
                .append(Double.doubleToLongBits(spec.rateHz())).append('/').append(spec.sources()).append(';');
        }
        final StringBuilder projections = new StringBuilder();
        final StringBuilder models = new StringBuilder();
        for (final ResolvedProjection p : plan.projections())
        {
            projections.append(p.sourceFirst()).append('/').append(p.sourceSize()).append('/').append(p.targetFirst())
                .append('/').append(p.targetSize()).append('/').append(p.rule()).append('/').append(p.delay())
                .append('/').append(p.autapses());
            for (final long bits : SAMPLE_BITS)
            {
                projections.append(',').append(Long.toHexString(Double.doubleToLongBits(p.weight().weight(bits))))
                    .append(':').append(p.delay().delay(bits));
            }
            projections.append(';');
            final org.izhsim.network.build.ProjectionSpec spec = plan.receptors().spec(p.index());
            models.append(spec.synapse()).append('/').append(spec.stp()).append('/').append(spec.plasticity())
                .append(';');
        }
        final PlasticityRule rule = plan.plasticity();
        models.append(rule).append('/').append(rule != null ? rule.reward() : null);
        final String integration = plan.scheme().name() + '/' + plan.delivery().name();
        return new String[] {populations.toString(), inputs.toString(), projections.toString(), models.toString(),
            integration};
    }

    /**
     * Two 32-bit hashes of {@code text} (String.hashCode and FNV-1a of its chars), alike in every JVM: texts that
     * ranks compare by them differ undetected only by chance (2^-64).
     */
    public static int[] textHashes(final String text)
    {
        int h = 0x811C9DC5;
        for (int i = 0; i < text.length(); i++)
        {
            h = (h ^ text.charAt(i)) * 0x01000193;
        }
        return new int[] {text.hashCode(), h};
    }

    /**
     * Every rank's {@code own} values, rank r's value k at {@code [r * own.length + k]}: a collective, one exchange per
     * value (the exchange holds N + 2 R ids for a network of N neurons: several per rank could overflow a tiny one).
     */
    public static int[] eachRank(final SpikeExchange exchange, final int[] own, final int neurons)
    {
        final int ranks = exchange.size();
        final int[] buffer = new int[maxExchanged(neurons, ranks)];
        final int[] all = new int[own.length * ranks];
        for (int k = 0; k < own.length; k++)
        {
            final int n = exchange.exchange(new int[] {own[k]}, 1, buffer);
            if (n != ranks)
            {
                throw new IllegalStateException(n + " values from " + ranks + " ranks");
            }
            for (int r = 0; r < ranks; r++)
            {
                all[r * own.length + k] = buffer[r];
            }
        }
        return all;
    }

    /** The room a partitioned run's exchange needs: {@code SpikeExchanges.open(name, c, maxExchanged(N, R), ..)}. */
    public static int maxExchanged(final int neurons, final int ranks)
    {
        return RankSlice.maxExchanged(neurons, ranks);
    }

    private static Network build(final NetworkPlan plan, final InputDrive[] extraDrives)
    {
        requireHeapFor(plan);
        return build(plan, extraDrives, null);
    }

    /**
     * Refuses, before anything is allocated, a network whose memory estimate is above the heap limit: it was a raw
     * OutOfMemoryError out of the build (10^8 neurons under -Xmx1g, estimated at 4 GB). No headroom: the estimate
     * against the limit alone (the CLI refuses earlier, with room for the collector, in service.MemoryCheck).
     */
    private static void requireHeapFor(final NetworkPlan plan)
    {
        // Without the output stage, which only the command line's figures need: a 10-neuron network was refused
        // under -Xmx24m for the CLI's 24 MB of figure buffers.
        final MemoryEstimate estimate = plan.memory(0).withoutOutputs();
        // The machine first, as the command line's check: under -Xmx40g on a 25 GB machine an embedding program built a
        // 30 GB plan, which the kernel kills while it is built.
        // With 5 % for the collector, the parallel one's headroom (the command line judges the -Xmx it would advise):
        // the bare estimate let through a plan the command line refused for the machine.
        final org.izhsim.network.build.MachineMemory machine = org.izhsim.network.build.MachineMemory.now();
        if (machine.totalBytes() > 0 && estimate.total() + estimate.total() / 20 > machine.totalBytes())
        {
            throw new InputException("cannot build this network: its memory estimate is " + estimate.describe() +
                ", and with 5 % for the collector more than the " + MemoryEstimate.bytes(machine.totalBytes()) +
                " of memory (RAM) this machine has, whatever the heap: build a smaller network, or use a machine with " +
                "more memory");
        }
        final long heap = Runtime.getRuntime().maxMemory();
        if (estimate.total() > heap)
        {
            throw new InputException("cannot build this network: its memory estimate is " + estimate.describe() +
                ", more than the heap limit of this JVM, " + MemoryEstimate.bytes(heap) + " (Runtime.maxMemory(); " +
                "raise it with -Xmx), or build a smaller network");
        }
    }

    private static Network build(final NetworkPlan plan, final InputDrive[] extraDrives, final SpikeExchange exchange)
    {
        final long start = plan.clock().nanoTime();
        final List<PopulationRange> populations = plan.populations();
        final int neurons = plan.neurons();
        final int threads = plan.threads();
        final InputDrive[] resolved = drives(plan);
        final InputDrive[] drives = Arrays.copyOf(resolved, resolved.length + extraDrives.length);
        System.arraycopy(extraDrives, 0, drives, resolved.length, extraDrives.length);
        final NeuronArrays state = new NeuronArrays(neurons);
        final int ranks = exchange == null ? 1 : exchange.size();
        // In one process the plan's slices (one when it pipelines its plasticity), under ranks one per thread.
        final int slices = exchange == null ? plan.slices() : threads;
        final TargetPartition partition = new TargetPartition(neurons, Math.multiplyExact(slices, ranks));
        final int firstSlice = exchange == null ? 0 : exchange.rank() * threads;
        final int endSlice = firstSlice + slices;
        final int firstNeuron = partition.firstNeuron(firstSlice);
        final int endNeuron = partition.endNeuron(endSlice - 1);
        final List<PopulationSpec> specs = plan.populationSpecs();
        for (int p = 0; p < specs.size(); p++)
        {
            initialise(state, specs.get(p), populations.get(p), plan.seed(), firstNeuron, endNeuron);
        }
        // Projections of the receptor stage have their own matrices; this one keeps the network's D and windows.
        final SynapseMatrixBuilder builder = exchange == null ?
            new SynapseMatrixBuilder(partition, plan.currentProjections(), plan.sourceWindows(), plan.seed(), threads,
                plan.maxDelay()) :
            new SynapseMatrixBuilder(partition, plan.currentProjections(), TargetPartition.sourceWindows(neurons,
                partition.blocks(), plan.currentProjections()), plan.seed(), threads, plan.maxDelay())
                .onlyBlocks(partition.firstBlock(firstSlice), partition.endBlock(endSlice - 1));
        final SynapseMatrix matrix = builder.build();
        final ReceptorStage receptors = ReceptorStage.build(plan, partition, partition.firstBlock(firstSlice),
            partition.endBlock(endSlice - 1));
        final Network network = new Network(plan, state, matrix, drives, receptors, start, exchange);
        final SpikeSource[] sources = sources(plan);
        final Izhikevich2007Kernel[] model2007 = model2007(plan);
        final byte[] spiked2007 = model2007.length == 0 ? null : new byte[neurons];
        for (final Worker worker : network.workers)
        {
            worker.sources(sources);
            worker.model2007(model2007, spiked2007);
        }
        if (network.rank != null)
        {
            // Each rank's matrices (its targets' synapses, the receptor stage's too) summed; the receptor stage's
            // state is one array per neuron on every rank, counted once, as one process holds it.
            network.totalSynapses = network.rank.sum(matrix.synapseCount() +
                (receptors == null ? 0 : receptors.synapseCount()));
            network.totalSynapseBytes = network.rank.sum(matrix.bytes() +
                (receptors == null ? 0 : receptors.matrixBytes())) + (receptors == null ? 0 : receptors.stateBytes());
        }
        if (plan.plasticity() != null)
        {
            network.plastic = new PlasticSynapses(matrix, plan.plasticity(), plan.plasticSources(), threads);
            // The plan has checked the rewarded pair's neurons (NetworkPlan.checkReward); the synapse is checked below.
            final PlasticityRule.Reward reward = plan.plasticity().reward();
            for (final Worker worker : network.workers)
            {
                worker.plasticity(network.plastic, reward != null ?
                    new Dopamine(plan.plasticity(), plan.noiseSeed(), DOPAMINE_STREAM) : null);
            }
            if (network.rank != null)
            {
                network.rank.plasticity(network.plastic);
            }
            if (network.pipelineIdle != null)
            {
                network.pipeline = new PlasticityPipeline(network.workers[0], network.plastic, partition.blocks(),
                    NetworkPlan.PIPELINE_LEAD, network.pipelineIdle[0], network.pipelineIdle[1]);
                network.workers[0].pipeline(network.pipeline);
            }
            if (reward != null)
            {
                network.prepareRewardedSynapse(reward, plan.rewardOrigin(), plan.seed());
            }
        }
        return network;
    }

    /** The kind of a 2007 population in {@link #populationModels}: its constants' hash, never 0, 1 or 2. */
    private static long model2007Kind(final org.izhsim.network.build.Izhikevich2007 model)
    {
        final long h = CounterRandom.mix(model.bits() ^ 2007L);
        return h >= 0 && h <= 2 ? h + 3 : h;
    }

    /** The 2007-model populations, ascending, each with its kernel. */
    private static Izhikevich2007Kernel[] model2007(final NetworkPlan plan)
    {
        final List<Izhikevich2007Kernel> kernels = new ArrayList<>();
        final List<PopulationSpec> specs = plan.populationSpecs();
        for (int p = 0; p < specs.size(); p++)
        {
            if (specs.get(p).model2007() != null)
            {
                final PopulationRange range = plan.populations().get(p);
                kernels.add(new Izhikevich2007Kernel(range.first(), range.end(), specs.get(p).model2007()));
            }
        }
        return kernels.toArray(new Izhikevich2007Kernel[0]);
    }

    private static SpikeSource[] sources(final NetworkPlan plan)
    {
        final List<SpikeSource> sources = new ArrayList<>();
        final List<PopulationSpec> specs = plan.populationSpecs();
        for (int p = 0; p < specs.size(); p++)
        {
            final PopulationSpec spec = specs.get(p);
            final PopulationRange range = plan.populations().get(p);
            if (spec.isPoissonSource())
            {
                sources.add(new PoissonSource(range.first(), range.end(), spec.poissonRateHz(), plan.noiseSeed(),
                    SOURCE_STREAM + p, PopulationSpec.SOURCE_REST_MV));
            }
            else if (spec.isSource())
            {
                sources.add(new SpikeTimesSource(range.first(), range.end(), spec.spikeTimesMs(), spec.repeatEveryMs(),
                    PopulationSpec.SOURCE_REST_MV));
            }
        }
        return sources.toArray(new SpikeSource[0]);
    }

    private static InputDrive[] drives(final NetworkPlan plan)
    {
        final List<NetworkPlan.ResolvedInput> inputs = plan.inputs();
        final InputDrive[] drives = new InputDrive[inputs.size()];
        for (final NetworkPlan.ResolvedInput input : inputs)
        {
            final InputSpec s = input.spec();
            final PopulationRange p = input.range();
            final int i = input.index();
            switch (s.kind())
            {
                case NOISE:
                    drives[i] = new NoiseDrive(p.first(), p.end(), s.amplitude(), plan.noiseSeed(), INPUT_STREAM + i);
                    break;
                case DC:
                    drives[i] = new DcDrive(p.first(), p.end(), s.amplitude());
                    break;
                case UNIFORM:
                    drives[i] = new UniformNoiseDrive(p.first(), p.end(), s.amplitude(), plan.noiseSeed(),
                        INPUT_STREAM + i);
                    break;
                case RANDOM_PICK:
                    drives[i] = new RandomPickDrive(p.first(), p.end(), s.amplitude(), s.sources(), plan.noiseSeed(),
                        INPUT_STREAM + i);
                    break;
                default:
                    drives[i] = new PoissonDrive(p.first(), p.end(), s.rateHz(), s.amplitude(), s.sources(),
                        plan.noiseSeed(), INPUT_STREAM + i);
                    break;
            }
        }
        return drives;
    }

    /**
     * One uniform r per neuron, shared by its a, b, c, d (net.m's re, ri); v = initialV of a second one, drawn
     * apart (poly_spnet.cpp line 169, {@code v = -65 + 10 rand}, whose parameters draw nothing), u = b v.
     */
    private static void initialise(final NeuronArrays state, final PopulationSpec spec, final PopulationRange range,
        final long seed, final int firstNeuron, final int endNeuron)
    {
        for (int i = Math.max(range.first(), firstNeuron); i < Math.min(range.end(), endNeuron); i++)
        {
            final long key = CounterRandom.key(seed, NEURON_STREAM, i);
            final double r = CounterRandom.uniform(CounterRandom.bits(key, 0));
            state.a[i] = (float)spec.a().applyAsDouble(r);
            state.b[i] = (float)spec.b().applyAsDouble(r);
            state.c[i] = (float)spec.c().applyAsDouble(r);
            state.d[i] = (float)spec.d().applyAsDouble(r);
            final double rv = CounterRandom.uniform(CounterRandom.bits(key, 1));
            state.v[i] = (float)spec.initialV().applyAsDouble(rv);
            // 2007 model: u = b (v - vr), 0 at rest as izhi2007.m starts (v = vr, u = 0).
            state.u[i] = spec.model2007() == null ? state.b[i] * state.v[i] :
                spec.model2007().initialU(state.b[i], state.v[i]);
            if (!(Float.isFinite(state.a[i]) && Float.isFinite(state.b[i]) && Float.isFinite(state.c[i]) &&
                Float.isFinite(state.d[i]) && Float.isFinite(state.v[i]) && Float.isFinite(state.u[i])))
            {
                notFinite(state, spec, i - range.first(), i, r, rv);
            }
            if (state.c[i] >= (float)spec.spikeCutoffMv())
            {
                // As PopulationSpec.c refuses on its grid: the neuron would fire every step (968 Hz off the grid).
                throw new InputException((spec.origin() != null ? spec.origin() + ": " : "") + "parameter c of " +
                    "population '" + spec.name() + "' is " + state.c[i] +
                    " for its neuron " + (i - range.first()) + " (r = " + r + "); the reset must be below the spike " +
                    "cutoff of " + (spec.model2007() != null ? "vpeak = " + spec.model2007().vpeak() : "30") + " mV");
            }
        }
    }

    /**
     * The functions are checked on a grid of r (Checks.floatFunction); one that is NaN or beyond a float between its
     * points was built and blew up at step 0, the message blaming the input: refused at the build, as weights are.
     */
    private static void notFinite(final NeuronArrays state, final PopulationSpec spec, final int index, final int i,
        final double r, final double rv)
    {
        final String[] names = {"a", "b", "c", "d", "initial v", spec.model2007() == null ?
            "initial u = b v" : spec.model2007().rules().none() ? "initial u = b (v - vr)" : "initial u = U(v)"};
        final float[] values = {state.a[i], state.b[i], state.c[i], state.d[i], state.v[i], state.u[i]};
        int k = 0;
        while (Float.isFinite(values[k]))
        {
            k++;
        }
        // At the population's place in the file (its --set), as a weight refused as it is drawn is.
        throw new InputException((spec.origin() != null ? spec.origin() + ": " : "") + "parameter " + names[k] +
            " of population '" + spec.name() + "' is " + values[k] +
            " for its neuron " + index + " (r = " + (k == 4 ? rv : r) + "): it must be a finite float (within " +
            "+-3.4e38) for every neuron");
    }

    /**
     * Advances the network by {@code steps} steps of 1 ms.
     *
     * @param steps    steps to simulate, >= 1.
     * @param listener told of progress on this thread about every 100 steps.
     * @return the spikes, traces, counts and timings of this run.
     */
    public SimulationResult run(final int steps, final ProgressListener listener)
    {
        return run(steps, listener, StepPacer.AS_FAST_AS_POSSIBLE);
    }

    /**
     * Advances the network by {@code steps} steps of 1 ms, each started when {@code pacer} allows.
     *
     * @param steps    steps to simulate, >= 1.
     * @param listener told of progress on this thread about every 100 steps.
     * @param pacer    asked after each step when the next may start, e.g. a {@link RealTimePacer}.
     * @return the spikes, traces, counts and timings of this run; it ends early, with its
     *         {@link SimulationResult#stopReason()} saying why, after {@link #requestStop()} or when a neuron's
     *         state becomes infinite or NaN (then the network cannot run again). An interrupt of the thread running
     *         it is a {@link #requestStop()}: the run ends at its next step boundary (INTERRUPTED; with one thread
     *         without waiting for a deadline of the pacer, with more within one step period, as a worker thread may be
     *         waiting for that deadline) and returns with the thread's interrupt flag set. At a progress step a
     *         listener is called before the pacer's wait with one thread, after it with more.
     * @throws IllegalStateException if the network cannot run again.
     * @throws RuntimeException      what {@code listener} or {@code pacer} threw (an Error likewise): the run ended at
     *                               the step boundary where it was thrown and its result (spikes, traces) is lost;
     *                               the network has advanced by the steps run ({@link #currentStep()}) and can run
     *                               on, be saved and restored. (Under MPI ranks it ends one step later, on all ranks.)
     */
    public SimulationResult run(final int steps, final ProgressListener listener, final StepPacer pacer)
    {
        if (steps < 1)
        {
            throw new InputException("a run needs at least 1 step, got " + steps);
        }
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(pacer, "pacer");
        // Two runs at once on one network stepped the same state (NaN after 45 steps) or waited for ever.
        if (!running.compareAndSet(false, true))
        {
            throw new IllegalStateException("this network is running (a run on another thread, or this call from the " +
                "run's progress listener) or busy (a save, restore or weight read on another thread): one at a time");
        }
        try
        {
            return runAlone(steps, listener, pacer);
        }
        finally
        {
            if (stop.interruptTakenInRun())
            {
                // Taken as a stop request (and cleared, so that the run's waits park): the caller's again.
                Thread.currentThread().interrupt();
            }
            running.set(false);
        }
    }

    /**
     * Refuses, before anything is allocated, a run whose traces (v, u and input of each traced neuron, a float each per
     * step) could not be allocated: an array longer than Java's, or more bytes than the heap may hold at all. It was
     * an OutOfMemoryError ("Requested array size exceeds VM limit") out of {@code run}.
     */
    private void requireTracesFit(final int steps)
    {
        if (tracedNeurons.length == 0)
        {
            return;
        }
        final long bytes = 12L * tracedNeurons.length * steps;
        final long heap = Runtime.getRuntime().maxMemory();
        if (steps > MAX_TRACE_STEPS || bytes > heap)
        {
            throw new InputException("a run of " + steps + " steps cannot record the traces of " +
                tracedNeurons.length + " neurons: they need " + MemoryEstimate.bytes(bytes) + " (12 bytes per neuron per step" +
                (steps > MAX_TRACE_STEPS ? ", and a trace holds at most " + MAX_TRACE_STEPS + " steps" : "") +
                ") and this JVM may use " + MemoryEstimate.bytes(heap) + ": run fewer steps at a time (each run " +
                "continues the last) or trace fewer neurons");
        }
    }

    /** Between runs only: the state, the weights and the checkpoints a run is changing are not read or replaced. */
    /**
     * A network that blew up holds infinities: its checkpoint was written (replacing a good one) and then refused by
     * every restore as holding a state no run saves.
     */
    private void requireSaveable()
    {
        if (broken != null)
        {
            throw new IllegalStateException("cannot save the state of a network that blew up: " + broken);
        }
    }

    /**
     * A restore into a network that cannot run again replaced its state and left it unable to run: refused before
     * anything is read (its worker threads or state after a failure are not a state a checkpoint restores).
     */
    private void requireRunnable()
    {
        if (broken != null)
        {
            throw new IllegalStateException("cannot restore a state into a network that cannot run again (" + broken +
                "): build a new network from the same description and restore into it", brokenBy);
        }
    }

    /**
     * Takes the network for {@code what} as a run takes it, so that a run, close, save, restore or weight read begun
     * on another thread meanwhile is refused (a run begun during a save made a checkpoint of mixed steps, and one
     * begun during a restore ran from half-restored state); {@link #release} gives it back.
     */
    private void claim(final String what)
    {
        if (!running.compareAndSet(false, true))
        {
            throw new IllegalStateException("cannot " + what + " while this network is running (a run on another " +
                "thread, or this call from the run's progress listener) or busy (a save, restore or weight read on " +
                "another thread): call it between runs");
        }
    }

    private void release()
    {
        running.set(false);
    }

    /** A save, restore or weight read, done while this call has claimed the network. */
    private interface Claimed<T, E extends Exception>
    {
        T call() throws E;
    }

    /** Runs {@code body} with the network claimed for {@code what} ({@link #claim}), then releases it. */
    private <T, E extends Exception> T claimed(final String what, final Claimed<T, E> body) throws E
    {
        claim(what);
        try
        {
            return body.call();
        }
        finally
        {
            release();
        }
    }

    private SimulationResult runAlone(final int steps, final ProgressListener listener, final StepPacer pacer)
    {
        if (broken != null)
        {
            throw new IllegalStateException("this network cannot run again: " + broken, brokenBy);
        }
        final long firstStep = nextStep;
        if (firstStep + steps > Integer.MAX_VALUE)
        {
            throw new InputException("runs longer than " + Integer.MAX_VALUE + " steps in total are not supported");
        }
        requireTracesFit(steps);
        if (plastic != null)
        {
            // The weights may have been replaced since the last run (a checkpoint, the Java API).
            plastic.forgetClean();
            plastic.forgetNonFinite();
        }
        final Traces traces = new Traces(tracedNeurons, steps);
        final SpikeKeeping keeping = spikeKeeping;
        final SpikeRecorder[] recorders = new SpikeRecorder[workers.length];
        final long[] eventsBefore = new long[workers.length];
        final long[] mergedBefore = new long[workers.length];
        final int runNumber = streamedRuns++;
        for (int t = 0; t < workers.length; t++)
        {
            recorders[t] = recorder(keeping, "worker" + t, runNumber);
            workers[t].prepareRun(recorders[t], traces, tracedNeurons);
            eventsBefore[t] = workers[t].eventsDelivered();
            mergedBefore[t] = workers[t].mergedSpikes();
        }
        // A fresh histogram per run, handed to the result: copying a reused one (HdrHistogram's add walks all
        // 27,000 counts) cost 340 us per run, which dominated short runs such as the explorer's live chunks.
        final Histogram stepLatency = new Histogram(MAX_LATENCY_NANOS, LATENCY_DIGITS);
        final SpikeRecorder others = rank != null && rank.exchange().rank() == 0 ?
            recorder(keeping, "ranks", runNumber) : null;
        if (keeping.folder() != null && keeping.filed() != null)
        {
            final SpikeRecorder[] counted = Arrays.copyOf(recorders, recorders.length + 1);
            counted[recorders.length] = others;
            runRecorders = counted;
        }
        if (rank != null)
        {
            exchangeLatency = new Histogram(MAX_LATENCY_NANOS, LATENCY_DIGITS);
            rank.prepareRun(exchangeLatency, others);
        }

        final Coordinator coordinator;
        try
        {
            coordinator = new Coordinator(clock, stepLatency, listener, pacer, steps);
        }
        catch (final Throwable ex)
        {
            // The pacer's start threw: nothing ran; the network is as it was.
            for (final SpikeRecorder r : others == null ? recorders : append(recorders, others))
            {
                r.abandon();
            }
            throw ex;
        }
        final long sequence = claims != null ? claims.beginRun(coordinator) : 0;
        final WorkerThreads.Run run = new WorkerThreads.Run(firstStep, steps, threads, sequence);
        if (pipeline != null)
        {
            pipeline.beginRun(firstStep);
        }
        if (threads > 1)
        {
            startedWorkerThreads().start(run);
        }
        int ran = 0;
        try
        {
            ran = claims != null ? claims.run(0, firstStep, steps, sequence) :
                workers[0].run(firstStep, steps, coordinator);
        }
        catch (final Throwable ex)
        {
            run.failures[0] = ex;
        }
        long runNanos = 0;
        try
        {
            runNanos = clock.nanoTime() - coordinator.startNanos();
        }
        catch (final Throwable ex)
        {
            // The caller's clock: a throw here skipped the wait for the workers and the step count, and the next run
            // numbered its steps from this run's first again (other noise, other spikes, no error).
            if (run.failures[0] == null)
            {
                run.failures[0] = ex;
            }
        }
        run.awaitDone();
        if (claims != null)
        {
            claims.endRun();
        }
        try
        {
            failIfAnyWorkerFailed(run.failures);
        }
        catch (final Throwable ex)
        {
            for (final SpikeRecorder r : others == null ? recorders : append(recorders, others))
            {
                r.abandon();
            }
            throw ex;
        }
        // Every rank stopped after the same step; a blow-up on any of them is every rank's (the lowest neuron's).
        final NumericalBlowUp blowUp = rank == null ? blowUp(firstStep + ran - 1) : lowestBlowUp(firstStep + ran - 1);
        final SimulationResult.StopReason reason = blowUp != null ? SimulationResult.StopReason.BLOW_UP :
            ran < steps ? SimulationResult.StopReason.INTERRUPTED : SimulationResult.StopReason.COMPLETED;
        final Throwable callbackFailure = coordinator.callbackFailure();
        stop.reset(reason == SimulationResult.StopReason.INTERRUPTED);
        // A blow-up's own step is left out: its spikes and traces are already wrong.
        final int simulated = blowUp != null ? ran - 1 : ran;
        if (blowUp != null)
        {
            broken = blowUp.message();
        }
        nextStep = firstStep + simulated;

        if (rank != null)
        {
            // Each traced neuron's owner sends its traces: every rank's result holds them all, as one process's.
            for (int k = 0; k < tracedNeurons.length; k++)
            {
                final boolean owns = tracedNeurons[k] >= rank.firstNeuron() && tracedNeurons[k] < rank.endNeuron();
                rank.share(owns, traces.v(k), simulated);
                rank.share(owns, traces.u(k), simulated);
                rank.share(owns, traces.input(k), simulated);
            }
        }
        long events = 0;
        for (int t = 0; t < workers.length; t++)
        {
            events += workers[t].eventsDelivered() - eventsBefore[t];
        }
        if (rank != null)
        {
            events = rank.sum(events);
        }
        long mergedSpikes = 0;
        for (int t = 0; t < workers.length; t++)
        {
            mergedSpikes += workers[t].mergedSpikes() - mergedBefore[t];
        }
        if (rank != null && has2007)
        {
            // Every rank has the same plan, so every rank takes part in this sum, or none does.
            mergedSpikes = rank.sum(mergedSpikes);
        }
        if (callbackFailure != null)
        {
            // After the collectives every rank takes part in: the network stands at the boundary where the run
            // ended, and can run on and be saved; this run's spikes and traces are dropped.
            for (final SpikeRecorder r : others == null ? recorders : append(recorders, others))
            {
                r.abandon();
            }
            runRecorders = null;
            throwUnchecked(callbackFailure);
        }
        // Rank 0 owns the lowest ids: its workers' spikes, then the other ranks', list each step ascending.
        final SpikeRecorder[] all = others == null ? recorders : append(recorders, others);
        if (keeping.folder() != null)
        {
            final org.izhsim.network.record.SpikeFile merged = SpikeRecorder.mergeToFile(all,
                keeping.folder().resolve("run" + runNumber + ".spikes"), firstStep + simulated);
            // The merge spilled the last buffers: this run's filed spikes are counted whole (a guard reading between
            // the two lines counts them twice for a moment, on the large side).
            final SpikeRecorder[] counted = runRecorders;
            if (counted != null)
            {
                long filed = 0;
                for (final SpikeRecorder r : counted)
                {
                    filed += r == null ? 0 : Math.max(0, r.filedSpilled());
                }
                filedBefore += filed;
                runRecorders = null;
            }
            return new SimulationResult(populations, firstStep, simulated, merged,
                events, buildNanos, runNanos, stepLatency, simulated < steps ? traces.firstSteps(simulated) : traces,
                threads, state.size(), synapseCount(), synapseBytes(), steps, reason, blowUp)
                .withMergedSpikes(mergedSpikes);
        }
        final int[][] spikes = keeping.discard() ? new int[2][0] : SpikeRecorder.merge(all);
        final int kept = spikesBefore(spikes[0], firstStep + simulated);
        return new SimulationResult(populations, firstStep, simulated, firstOf(spikes[0], kept),
            firstOf(spikes[1], kept), events, buildNanos, runNanos, stepLatency,
            simulated < steps ? traces.firstSteps(simulated) : traces, threads, state.size(),
            synapseCount(), synapseBytes(), steps, reason, blowUp).withMergedSpikes(mergedSpikes);
    }

    /**
     * Later runs stream their spikes to files in {@code folder} (which the caller owns and deletes): each worker
     * records into a buffer of {@value SpikeRecorder#STREAMED_BUFFER_SPIKES} spikes that it writes to its own file when full,
     * and the run merges the files at its end into {@code run<N>.spikes} (see {@link SimulationResult#spikeFile()}).
     * The heap then holds a bounded number of spikes however long the run; the spikes are the same. Called during a
     * run (from another thread), it takes effect at the next run.
     */
    public Network streamSpikesTo(final Path folder)
    {
        return streamSpikesTo(folder, SpikeRecorder.STREAMED_BUFFER_SPIKES);
    }

    /** As {@link #streamSpikesTo(Path)} with buffers of {@code bufferSpikes} spikes (>= 16). */
    public Network streamSpikesTo(final Path folder, final int bufferSpikes)
    {
        if (bufferSpikes < 16)
        {
            throw new IllegalArgumentException("a spike buffer holds at least 16 spikes, got " + bufferSpikes);
        }
        // Checked here: a folder that is not one failed at the next run's first full buffer, naming a worker's file.
        if (!Files.isDirectory(Objects.requireNonNull(folder, "folder")))
        {
            throw new InputException("cannot stream spikes to " + folder + ": " + (Files.exists(folder) ?
                "it is not a folder" : "no such folder (the caller creates it, and deletes it after use)"));
        }
        this.spikeKeeping = new SpikeKeeping(folder, false, bufferSpikes);
        return this;
    }

    /**
     * Later runs keep no spikes (their results have none): for an MPI rank whose spikes rank 0 records. Called during
     * a run (from another thread), it takes effect at the next run.
     */
    public Network discardSpikes()
    {
        this.spikeKeeping = new SpikeKeeping(null, true, SpikeRecorder.STREAMED_BUFFER_SPIKES);
        return this;
    }

    /**
     * Where runs stream their spikes (null: in memory), whether they keep none, the streamed buffers' size, and the
     * neurons whose spilled spikes are counted ({@link #filedSpikes}; null: none counted apart).
     */
    private record SpikeKeeping(Path folder, boolean discard, int buffer, int[] filed)
    {
        SpikeKeeping(final Path folder, final boolean discard, final int buffer)
        {
            this(folder, discard, buffer, null);
        }
    }

    /**
     * Streamed runs count, apart, the spikes of the neurons in {@code ranges} ({first, end} pairs of ids) as they are
     * spilled: those the run's spike files will hold (record.spike_populations), for its disk guard, which otherwise
     * counted every spike at the spike files' bytes and stopped runs whose chosen files would fit. Takes effect at the
     * next run, as {@link #streamSpikesTo} does.
     */
    public Network countFiledSpikes(final int[] ranges)
    {
        Objects.requireNonNull(ranges, "ranges");
        final SpikeKeeping k = spikeKeeping;
        this.spikeKeeping = new SpikeKeeping(k.folder(), k.discard(), k.buffer(), ranges.clone());
        return this;
    }

    /**
     * The spilled spikes of {@link #countFiledSpikes}'s neurons, over every run so far and the one in progress (read
     * from any thread, as a run's progress reporter does); -1 when none are counted apart.
     */
    public long filedSpikes()
    {
        final SpikeRecorder[] now = runRecorders;
        if (spikeKeeping.filed() == null && now == null)
        {
            return -1;
        }
        long filed = filedBefore;
        for (int k = 0; now != null && k < now.length; k++)
        {
            filed += now[k] == null ? 0 : Math.max(0, now[k].filedSpilled());
        }
        return filed;
    }

    /** The recorders of the run in progress that count filed spikes, or null. */
    private volatile SpikeRecorder[] runRecorders;
    /** Filed spikes spilled by the runs before the one in progress. */
    private volatile long filedBefore;

    private SpikeRecorder recorder(final SpikeKeeping keeping, final String owner, final int runNumber)
    {
        if (keeping.folder() != null)
        {
            final SpikeRecorder recorder = SpikeRecorder.spillingTo(keeping.folder().resolve("run" + runNumber + "-" +
                owner + ".spill"), keeping.buffer());
            return keeping.filed() != null ? recorder.countingFiled(keeping.filed()) : recorder;
        }
        return keeping.discard() ? SpikeRecorder.discarding(SpikeRecorder.STREAMED_BUFFER_SPIKES) :
            new SpikeRecorder(spikeCapacity);
    }

    /**
     * Ends the run in progress at its next step boundary, the same step in every worker; callable from any
     * thread (a signal handler, a UI). The run then returns a result with stop reason INTERRUPTED and the
     * steps simulated, and the network can run on from there. A request made while no run is in progress
     * ends the next run after its first step, and so does one made during a run's last step, which completes
     * that run: a run cut into parts (checkpoints, weight snapshots, the explorer's chunks) then stops at the
     * next part's first step rather than losing the request.
     */
    public void requestStop()
    {
        stop.request();
    }

    /**
     * True while a {@link #requestStop()} waits for a run to stop for it: one made between runs, or during a run's
     * last step. A caller that cuts a run into parts asks before the next part: a part of one step completes
     * whether or not it carries the request, so a stop carried into it was lost (a run saving its state every
     * step went on through every Ctrl-C but the second, which abandons the outputs).
     */
    public boolean stopPending()
    {
        return stop.requested();
    }

    /**
     * The first non-finite value a weight update of the run's last step found ({@link PlasticSynapses#firstNonFinite}),
     * else the lowest non-finite neuron of that step (workers own ascending neuron ranges), else the first non-finite
     * value of the plasticity's state at the run's end ({@link PlasticSynapses#scanNonFinite}: what the last steps'
     * spikes added after the last update), or null.
     */
    private NumericalBlowUp blowUp(final long lastStep)
    {
        final PlasticSynapses.NonFinite bad = plastic != null ? plastic.firstNonFinite() : null;
        if (bad != null)
        {
            return plasticBlowUp(lastStep, bad, state.v(bad.neuron()), state.u(bad.neuron()));
        }
        final NumericalBlowUp neuron = neuronBlowUp(lastStep);
        final PlasticSynapses.NonFinite left = neuron == null && plastic != null ? plastic.scanNonFinite() : null;
        return left != null ? plasticBlowUp(lastStep, left, state.v(left.neuron()), state.u(left.neuron())) : neuron;
    }

    /** A plastic blow-up as the longs of a gather: -1 first for none. */
    private long[] encode(final PlasticSynapses.NonFinite bad)
    {
        return bad == null ? new long[] {-1, 0, 0, 0, 0, 0, 0, 0} : new long[] {bad.neuron(), bad.trace() ? 1 : 0,
            bad.source(), bad.delayMs(), Float.floatToRawIntBits(bad.first()), Float.floatToRawIntBits(bad.second()),
            Float.floatToRawIntBits(state.v(bad.neuron())), Float.floatToRawIntBits(state.u(bad.neuron()))};
    }

    /** The lowest rank's plastic blow-up of a gather of {@link #encode}, or null. */
    private NumericalBlowUp lowestPlastic(final long lastStep, final long[][] sites)
    {
        for (final long[] r : sites)
        {
            if (r[0] >= 0)
            {
                return plasticBlowUp(lastStep, new PlasticSynapses.NonFinite(r[1] != 0, (int)r[0], (int)r[2], (int)r[3],
                    Float.intBitsToFloat((int)r[4]), Float.intBitsToFloat((int)r[5])), Float.intBitsToFloat((int)r[6]),
                    Float.intBitsToFloat((int)r[7]));
            }
        }
        return null;
    }

    /** A blow-up found in the plasticity: {@code bad} with its neuron's {@code v} and {@code u}, located in one line. */
    private NumericalBlowUp plasticBlowUp(final long lastStep, final PlasticSynapses.NonFinite bad, final float v,
        final float u)
    {
        final PopulationRange target = populationOf(bad.neuron());
        final PlasticityRule rule = plastic.rule();
        final List<String> terms = rule.terms();
        // "rule stdp, a_plus 3.0E38, a_minus 0.12": the kind and the amplitudes (terms 0, 3 and 4).
        final String named = terms.get(0) + ", " + terms.get(3) + ", " + terms.get(4);
        final String where;
        if (bad.trace())
        {
            where = String.format(Locale.ROOT, "neuron %d (%s[%d]) has the plasticity traces LTP = %s, LTD = %s (%s)",
                bad.neuron(), target.name(), bad.neuron() - target.first(), bad.first(), bad.second(), named);
        }
        else
        {
            final PopulationRange source = populationOf(bad.source());
            final String derivative = switch (rule.kind())
            {
                case STDP -> "change";
                case DASTDP2007 -> "eligibility c";
                default -> "derivative sd";
            };
            where = String.format(Locale.ROOT, "plastic synapse %d (%s[%d]) -> %d (%s[%d]), delay %d ms, has weight = " +
                "%s, %s = %s (%s)", bad.source(), source.name(), bad.source() - source.first(), bad.neuron(),
                target.name(), bad.neuron() - target.first(), bad.delayMs(), bad.first(), derivative, bad.second(),
                named);
        }
        return new NumericalBlowUp(bad.neuron(), target.name(), bad.neuron() - target.first(), lastStep, v, u, true,
            where);
    }

    private PopulationRange populationOf(final int neuron)
    {
        for (final PopulationRange p : populations)
        {
            if (p.contains(neuron))
            {
                return p;
            }
        }
        throw new IllegalArgumentException("no population holds neuron " + neuron);
    }

    /** The lowest non-finite neuron of the run's last step, or null: workers own ascending neuron ranges. */
    private NumericalBlowUp neuronBlowUp(final long lastStep)
    {
        for (final Worker worker : workers)
        {
            final int neuron = worker.blowUpNeuron();
            if (neuron >= 0)
            {
                for (final PopulationRange p : populations)
                {
                    if (p.contains(neuron))
                    {
                        return new NumericalBlowUp(neuron, p.name(), neuron - p.first(), lastStep, worker.blowUpV(),
                            worker.blowUpU(), plastic != null && plastic.anyNonFinite());
                    }
                }
            }
        }
        return null;
    }

    /**
     * Collective of a partitioned run: the blow-up of the lowest neuron over all ranks (ranks own ascending
     * neuron ranges), or null; every rank gets the same. Without it rank 0 would see only that some rank asked
     * to stop, and report a blow-up on another rank as an interruption.
     */
    private NumericalBlowUp lowestBlowUp(final long lastStep)
    {
        // As in one process: a non-finite plasticity an update found first, the lowest rank's (ranks own ascending
        // blocks); then a neuron; then what the scan of the state at the run's end finds.
        final NumericalBlowUp updated = lowestPlastic(lastStep,
            rank.gather(encode(plastic != null ? plastic.firstNonFinite() : null)));
        if (updated != null)
        {
            return updated;
        }
        final NumericalBlowUp own = neuronBlowUp(lastStep);
        final long[][] all = rank.gather(new long[] {own == null ? -1 : own.neuron(),
            own == null ? 0 : Float.floatToRawIntBits(own.v()), own == null ? 0 : Float.floatToRawIntBits(own.u())});
        boolean any = false;
        for (final long[] r : all)
        {
            any |= r[0] >= 0;
        }
        // After a blow-up only (every rank sees the same rows): whether some rank's plasticity overflowed, asked of
        // every rank, since the overflowing synapses need not be on the neuron's rank.
        boolean plasticity = false;
        if (any)
        {
            final long overflow = own != null ? (own.plasticity() ? 1 : 0) :
                plastic != null && plastic.anyNonFinite() ? 1 : 0;
            for (final long[] r : rank.gather(new long[] {overflow}))
            {
                plasticity |= r[0] != 0;
            }
        }
        for (final long[] r : all)
        {
            if (r[0] >= 0)
            {
                final int neuron = (int)r[0];
                final PopulationRange p = populations.get(PopulationRange.indexOf(
                    populations.toArray(new PopulationRange[0]), neuron));
                return new NumericalBlowUp(neuron, p.name(), neuron - p.first(), lastStep,
                    Float.intBitsToFloat((int)r[1]), Float.intBitsToFloat((int)r[2]), plasticity);
            }
        }
        return lowestPlastic(lastStep, rank.gather(encode(plastic != null ? plastic.scanNonFinite() : null)));
    }

    /**
     * Collective of a partitioned run: every rank's {@code values} (the same number on each), row r for rank r;
     * one row of this process's values in a single process. For figures rank 0 reports for all, such as each
     * rank's build time and peak heap.
     */
    public long[][] gatherFromRanks(final long... values)
    {
        return rank == null ? new long[][] {values.clone()} : rank.gather(values);
    }

    private static SpikeRecorder[] append(final SpikeRecorder[] recorders, final SpikeRecorder last)
    {
        final SpikeRecorder[] all = Arrays.copyOf(recorders, recorders.length + 1);
        all[recorders.length] = last;
        return all;
    }

    /** This rank, 0 in a single process. */
    public int rank()
    {
        return rank == null ? 0 : rank.exchange().rank();
    }

    /** The number of ranks the network is partitioned over, 1 in a single process. */
    public int ranks()
    {
        return rank == null ? 1 : rank.exchange().size();
    }

    /** The latency of the last run's per-step spike exchanges, or null in a single process. */
    public Histogram exchangeLatency()
    {
        return exchangeLatency;
    }

    private static int[] firstOf(final int[] values, final int n)
    {
        return n == values.length ? values : Arrays.copyOf(values, n);
    }

    /** The number of leading spikes (in step order) before {@code endStep}. */
    private static int spikesBefore(final int[] steps, final long endStep)
    {
        int n = steps.length;
        while (n > 0 && steps[n - 1] >= endStep)
        {
            n--;
        }
        return n;
    }

    /**
     * Rethrows the first worker's own failure and leaves the network unusable: the failed worker stopped in
     * the middle of a step, so neither the state nor the barrier can be trusted. The worker threads end.
     */
    private void failIfAnyWorkerFailed(final Throwable[] failures)
    {
        final Throwable cause = primary(failures);
        if (cause != null)
        {
            for (final Throwable other : failures)
            {
                // Two workers that failed each for its own reason: the second was dropped.
                if (other != null && other != cause && !(other instanceof IllegalStateException &&
                    other.getCause() == cause && "another worker failed".equals(other.getMessage())))
                {
                    cause.addSuppressed(other);
                }
            }
            // Named with its cause (it read "a worker failed", whatever had failed).
            broken = "an earlier run failed (" + cause + ")";
            brokenBy = cause;
            endWorkerThreads();
            throwUnchecked(cause);
        }
    }

    /** The first worker's own failure, more telling than the "another worker failed" of the others; or null. */
    private static Throwable primary(final Throwable[] failures)
    {
        for (final Throwable t : failures)
        {
            if (t != null && !(t instanceof IllegalStateException && t.getCause() != null &&
                "another worker failed".equals(t.getMessage())))
            {
                return t;
            }
        }
        for (final Throwable t : failures)
        {
            if (t != null)
            {
                return t;
            }
        }
        return null;
    }

    /**
     * {@link #run(int, ProgressListener)} without a listener.
     *
     * @throws InputException        if {@code steps < 1}, or the run would pass step 2^31 - 1 or its traces the heap.
     * @throws IllegalStateException if another run of this network is in progress, or it blew up.
     */
    public SimulationResult run(final int steps)
    {
        return run(steps, ProgressListener.NONE);
    }

    /**
     * Ends the worker threads (they are started by the first run with more than one thread and kept between
     * runs). A later run starts them again. Optional: an unreachable network's threads end on their own.
     */
    @Override
    public void close()
    {
        // Not during a run: from another thread it shut the workers down under a starting run, which then waited
        // for ever. Like run(), so the two exclude each other.
        if (!running.compareAndSet(false, true))
        {
            throw new IllegalStateException("cannot close this network while it is running (a run on another " +
                "thread, or this call from the run's progress listener) or busy (a save, restore or weight read on " +
                "another thread): requestStop() a run, then close the network after it");
        }
        try
        {
            endWorkerThreads();
        }
        finally
        {
            running.set(false);
        }
    }

    private void endWorkerThreads()
    {
        if (cleanable != null)
        {
            cleanable.clean();
            cleanable = null;
            workerThreads = null;
        }
    }

    /** For {@link StepKernels}: this process's workers, in order. */
    Worker[] workers()
    {
        return workers;
    }

    private WorkerThreads startedWorkerThreads()
    {
        if (workerThreads == null)
        {
            workerThreads = claims != null ? new WorkerThreads(workers.length, claimsBody(claims)) :
                pipeline != null ? new WorkerThreads(threads, pipelineBody(pipeline)) :
                new WorkerThreads(workers.length, workersBody(workers));
            cleanable = CLEANER.register(this, workerThreads);
        }
        return workerThreads;
    }

    /** Static, so that the threads' code refers to the claims and not to this Network (see the Cleaner). */
    private static WorkerThreads.Body claimsBody(final SliceClaims claims)
    {
        return (thread, run) -> claims.run(thread, run.firstStep, run.steps, run.sequence);
    }

    /** Thread 1 of a pipelined network: the plasticity of each step thread 0's dynamics finish. */
    private static WorkerThreads.Body pipelineBody(final PlasticityPipeline pipeline)
    {
        return (thread, run) -> pipeline.runPlasticity(run.firstStep);
    }

    private static WorkerThreads.Body workersBody(final Worker[] workers)
    {
        return (thread, run) -> workers[thread].run(run.firstStep, run.steps, null);
    }

    /**
     * Slices thread {@code thread} ran in place of the thread whose home slice it was, since the network was
     * built: 0 with one thread or when no thread was ever late. Between runs.
     */
    long foreignSlices(final int thread)
    {
        return claims == null ? 0 : claims.foreignSlices(thread);
    }

    /** The claims of a multi-thread network in one process, else null; for tests. */
    SliceClaims sliceClaims()
    {
        return claims;
    }

    public List<PopulationRange> populations()
    {
        return populations;
    }

    /**
     * The highest v a neuron keeps after a step: 30 mV, or a 2007 population's vpeak if higher, +infinity with a cutoff
     * that moves with u (the book's LTS and TC).
     */
    float spikeCutoffMv()
    {
        float cutoff = (float)Checks.SPIKE_CUTOFF_MV;
        for (final PopulationSpec spec : specs)
        {
            cutoff = Math.max(cutoff, (float)(spec.model2007() != null ? spec.model2007().highestV() :
                spec.spikeCutoffMv()));
        }
        return cutoff;
    }

    /** Each population's kind: 0 neurons, 1 Poisson sources, 2 spike sources at given times, else a 2007 model's. */
    long[] populationModels()
    {
        return populationModels;
    }

    public int neurons()
    {
        return state.size();
    }

    public int threads()
    {
        return threads;
    }

    /** The pipeline of a pipelined network, else null; for tests. */
    PlasticityPipeline pipeline()
    {
        return pipeline;
    }

    /** Whether the dynamics and the plasticity run on a thread each ({@link NetworkPlan#pipelinesPlasticity()}). */
    public boolean pipelinesPlasticity()
    {
        return pipeline != null;
    }

    public long synapseCount()
    {
        if (totalSynapses >= 0)
        {
            return totalSynapses;
        }
        return matrix.synapseCount() + (receptors == null ? 0 : receptors.synapseCount());
    }

    /** The synapse matrices and, with the receptor stage, its matrices and state. */
    public long synapseBytes()
    {
        if (totalSynapseBytes >= 0)
        {
            return totalSynapseBytes;
        }
        return matrix.bytes() + (receptors == null ? 0 : receptors.bytes());
    }

    /** The receptor stage, or null when every projection is a plain current without STP. */
    ReceptorStage receptors()
    {
        return receptors;
    }

    /** The delivery scheme in use (AUTO resolved). */
    public SpikeDelivery delivery()
    {
        return delivery;
    }

    /** Wall time of {@link #build}: parameters, synapses, buffers. */
    public long buildNanos()
    {
        return buildNanos;
    }

    /**
     * The step the next run starts at (= ms simulated so far). Between runs, or from the thread that runs them (a
     * listener): read by another thread during a run it may be behind.
     */
    public long currentStep()
    {
        return nextStep;
    }

    /** Read access to the neurons' parameters and state between runs. */
    public NeuronArrays state()
    {
        return state;
    }

    /**
     * The rewarded synapse, which the plan found in the connectivity ({@code NetworkPlan.checkReward}), starts at its
     * initial weight: daspnet.m line 49 starts it at 0 ({@code s(n1,syn)=0}).
     */
    private void prepareRewardedSynapse(final PlasticityRule.Reward reward, final String origin, final long seed)
    {
        final TargetPartition partition = matrix.partition();
        final int block = partition.blockOf(reward.post());
        final int local = reward.post() - partition.blockStart(block);
        boolean found = false;
        // Under MPI only the rank that owns the post neuron holds the synapse (another's block has no rows).
        if (plastic.isPlasticSource(reward.pre()) && reward.pre() >= matrix.firstSource(block) &&
            reward.pre() < matrix.endSource(block))
        {
            final int first = (reward.pre() - matrix.firstSource(block)) * matrix.maxDelay();
            final int[] rowStart = matrix.rowStart(block);
            for (int j = rowStart[first]; j < rowStart[first + matrix.maxDelay()]; j++)
            {
                if (matrix.targets(block)[j] == local)
                {
                    found = true;
                    if (!Double.isNaN(reward.initialWeight()))
                    {
                        matrix.weights(block)[j] = (float)reward.initialWeight();
                    }
                }
            }
        }
        if (rank != null)
        {
            found = rank.sum(found ? 1 : 0) > 0;
        }
        if (!found)
        {
            // The plan drew the pair's connectivity as the matrix's builder does and refused a pair it does not make.
            throw new IllegalStateException("the rewarded pair " + reward.pre() + " -> " + reward.post() + " (" +
                origin + ", seed " + seed + ") passed the plan's check but the built matrix has no such synapse");
        }
    }

    /**
     * The dopamine level and pending rewards of dastdp2007 (every worker's replica holds the same), else null;
     * for checkpoints, between runs.
     */
    Dopamine dopamine()
    {
        return workers[0].dopamine();
    }

    /** Sets every worker's dopamine replica to a checkpoint's state. */
    void restoreDopamine(final Dopamine.State saved)
    {
        for (final Worker worker : workers)
        {
            worker.dopamine().restore(saved);
        }
    }

    /**
     * The plastic synapses with their weights now, in {@link PlasticWeights}' order, or null when every synapse is
     * fixed. Collective of a partitioned run, between runs: each rank sends its own synapses and rank 0 gets
     * those of the whole network, in the order of one process; the other ranks get null.
     */
    public PlasticWeights plasticWeights()
    {
        return claimed("read the plastic weights", this::plasticWeightsClaimed);
    }

    /** {@link #plasticWeights()} for a caller that has claimed the network (a partitioned save). */
    PlasticWeights plasticWeightsClaimed()
    {
        if (plastic == null)
        {
            return null;
        }
        final PlasticWeights own = PlasticWeights.of(matrix, plastic);
        if (rank == null)
        {
            return own;
        }
        final int[] weightBits = new int[own.size()];
        final int[] derivativeBits = new int[own.size()];
        for (int k = 0; k < own.size(); k++)
        {
            weightBits[k] = Float.floatToRawIntBits(own.weights()[k]);
            derivativeBits[k] = Float.floatToRawIntBits(own.derivatives()[k]);
        }
        final int[][] sources = rank.gatherToRoot(own.sources());
        final int[][] targets = rank.gatherToRoot(own.targets());
        final int[][] delays = rank.gatherToRoot(own.delays());
        final int[][] weights = rank.gatherToRoot(weightBits);
        final int[][] derivatives = rank.gatherToRoot(derivativeBits);
        return sources == null ? null : PlasticWeights.merged(sources, targets, delays, weights, derivatives);
    }

    /**
     * Bytes of the plastic synapses' state ({@link PlasticSynapses#bytes}), summed over the ranks in a
     * partitioned run (collective; each rank keeps its own LTP ring of all sources); 0 when every synapse is fixed.
     */
    public long plasticBytes()
    {
        final long own = plastic == null ? 0 : plastic.bytes();
        return rank == null ? own : rank.sum(own);
    }

    /**
     * The plastic synapses' rule and state, or null when every synapse is fixed: the engine's own object, whose
     * arrays ({@link PlasticSynapses#ltd()}) and methods change the network. To read the weights and derivatives,
     * use {@link #plasticWeights()}, a copy.
     */
    public PlasticSynapses plasticity()
    {
        return plastic;
    }

    /**
     * The synapses, between runs: the engine's own matrix, not a copy. Its arrays ({@link SynapseMatrix#weights},
     * {@link SynapseMatrix#targets}, ...) are the ones the workers read, so writing into them changes the network
     * the next run simulates; {@link #plasticWeights()} gives a copy of the plastic ones.
     */
    public SynapseMatrix synapses()
    {
        return matrix;
    }

    /** The seed of the network's draws (r, connectivity, weights, delays), and of the inputs' without a noise seed. */
    public long seed()
    {
        return seed;
    }

    /** The seed of the draws made as the network runs (inputs, reward delays): {@link NetworkPlan#noiseSeed()}. */
    public long noiseSeed()
    {
        return noiseSeed;
    }

    /** Whether the noise seed was given, not taken from the seed ({@link NetworkPlan#noiseSeedGiven()}). */
    boolean noiseSeedGiven()
    {
        return noiseSeedGiven;
    }

    public Method scheme()
    {
        return scheme;
    }

    /**
     * Writes everything that decides this network's future (step, neuron state, spikes in flight) to
     * {@code file}, atomically: a reader sees the old file or the new one, never half of one. Call it between
     * runs; {@link #restoreState(Path)} on an identical network, built with any thread count, continues from
     * here exactly as this network would. See {@link Checkpoint} for the format.
     * <p>
     * Collective in a partitioned run: rank 0 gathers every rank's state and writes the file of one process
     * (which resumes with any rank and thread count); the other ranks' {@code file} is not used. See
     * {@link RankCheckpoint}.
     *
     * <p>
     * A checkpoint already at {@code file} is replaced when it is this network's (at any step, under any noise seed);
     * one of another network, or of a later izhsim's format, is refused and left alone, as {@code sim run
     * --save-state} refuses it (the API replaced another network's state without a word). Delete it first to replace
     * it. In a partitioned run the caller checks this beforehand ({@link #stateTarget(Path, NetworkPlan)}).
     *
     * @throws InputException if {@code file} exists and is not a checkpoint, or holds another network's (it is left
     *                        alone), or cannot be written; in a partitioned run on every rank, with rank 0's message.
     */
    public void saveState(final Path file)
    {
        Objects.requireNonNull(file, "file");
        claimed("save the state", () ->
        {
            requireSaveable();
            if (rank == null)
            {
                final StateTarget held = stateTarget(file);
                if (held != null && (held.laterFormat() != null || !held.differences().isEmpty()))
                {
                    throw new InputException(file + " holds " + (held.laterFormat() != null ? "a checkpoint of " +
                        held.laterFormat() + ", which cannot be told to be of this network" : "the checkpoint of " +
                        "another network (made with " + String.join("; ", held.differences()) + ")") + ", which " +
                        "this save would replace: name another file, or delete it first");
                }
            }
            if (rank != null)
            {
                RankCheckpoint.save(this, rank, file);
            }
            else
            {
                Checkpoint.write(this, file);
            }
            return null;
        });
    }

    /**
     * Checks, before a long run, that {@link #saveState(Path)} may write {@code file}: absent, or a checkpoint, in a
     * folder that takes a new file.
     *
     * @throws InputException if it is a folder, a file that is not a checkpoint, or cannot be created.
     */
    public static void checkStateTarget(final Path file)
    {
        Checkpoint.requireReplaceable(file);
        Checkpoint.requireWritable(file);
    }

    /**
     * As {@link #checkStateTarget(Path)}, for a file given by a command-line {@code option}: its refusals begin
     * with the option and the file ("--save-state s.ckpt: it is a folder").
     */
    public static void checkStateTarget(final Path file, final String option)
    {
        Checkpoint.requireReplaceable(file, option + " " + file);
        Checkpoint.requireWritable(file, option + " " + file);
    }

    /**
     * Checks, before the network that {@code plan} describes is built (minutes for a large one), that
     * {@link #restoreState(Path)} will not refuse {@code file} for its header: readable, a checkpoint of a format
     * this network can resume, intact, and made with the same seed, populations, longest delay, spike delivery,
     * integration and plasticity rule. The synapses and the state are checked by {@code restoreState}.
     *
     * @return what the header says beyond the network: its run's noise seed and the step it was saved at.
     * @throws InputException with the message {@code restoreState} would give.
     */
    public static StateHeader checkStateHeader(final Path file, final NetworkPlan plan)
    {
        return Checkpoint.checkHeader(file, plan);
    }

    /**
     * The bytes {@link #saveState(Path)} writes at least (all but the spikes in flight), for a check of the disk before
     * a run; in a partitioned run only rank 0's count is the file's, which this does not give (-1).
     */
    public long stateBytesAtLeast()
    {
        return rank != null ? -1 : Checkpoint.bytesAtLeast(this, plastic == null ? 0 : plastic.count());
    }

    /**
     * As {@link #stateBytesAtLeast()}; in a partitioned run the bytes rank 0 writes at least, counting {@code
     * plasticSynapses} plastic synapses over all ranks (a rank builds its own alone: the plan's count, {@link
     * org.izhsim.network.build.NetworkPlan#plasticSynapsesAtLeast}) and this rank's share of the receptors' state.
     * Under ranks rank 0 wrote a state its disk could not hold at the run's end, and only then said so.
     */
    /**
     * The bytes {@link #saveState(Path)} of the network {@code plan} describes writes at least, before it is built
     * (minutes for a large one): its receptors' state and spikes in flight left out.
     */
    public static long stateBytesAtLeast(final NetworkPlan plan)
    {
        return Checkpoint.bytesAtLeast(plan);
    }

    public long stateBytesAtLeast(final long plasticSynapses)
    {
        return rank == null ? stateBytesAtLeast() : Checkpoint.bytesAtLeast(this, plastic == null ? 0 :
            plasticSynapses);
    }

    /**
     * What a checkpoint already at {@code file} holds, against the network {@code plan} describes (before a run saves
     * over it); null when there is none there, or the file cannot be read as one (cut short, damaged). A checkpoint of
     * a later format than this izhsim reads is said as such ({@link StateTarget#laterFormat()}).
     */
    public static StateTarget stateTarget(final Path file, final NetworkPlan plan)
    {
        return Checkpoint.describeTarget(file, plan);
    }

    /**
     * As {@link #stateTarget(Path, NetworkPlan)} against this built network: its neuron and synapse fingerprints are
     * compared too (another a, b, c, d or weights passed the plan's comparison). In one process only: a partitioned
     * network's description is a collective.
     */
    public StateTarget stateTarget(final Path file)
    {
        if (rank != null)
        {
            throw new IllegalStateException("a partitioned network's checkpoint target is judged by its plan");
        }
        return Checkpoint.describeTarget(file, this);
    }

    /**
     * An existing checkpoint that a save would replace.
     *
     * @param differences how its network differs from this one, as a refusal of it names them ("seed 1, this network
     *                    has seed 2"); empty: the same network, as far as its header tells, or not known.
     * @param step        the step its state was saved at; -1 if not known.
     * @param laterFormat null, or the format of a checkpoint this izhsim cannot read, as a refusal names it ("a later
     *                    izhsim's format 10 (this one reads versions 1 to 9)"): whose network it holds is not known.
     */
    public record StateTarget(List<String> differences, long step, String laterFormat)
    {
    }

    /**
     * A checkpoint's header, beyond the network it belongs to.
     *
     * @param noiseSeed the noise seed ({@link #noiseSeed()}) of the network that wrote it, which need not be the
     *                  plan's (a trial may be resumed under other noise); empty for a file written before checkpoints
     *                  recorded it.
     * @param step      the step the state was saved at, which a resumed run continues from (not checked yet: the
     *                  state's own read refuses one out of range).
     */
    public record StateHeader(OptionalLong noiseSeed, long step)
    {
    }

    /**
     * Claims {@code file} for the saves of a run until the returned claim is closed: a second run (another process)
     * that claims it meanwhile is refused.
     *
     * @throws InputException if another live run has claimed it, or its folder takes no file.
     */
    public static StateClaim claimStateTarget(final Path file)
    {
        return Checkpoint.claim(file);
    }

    /** As {@link #claimStateTarget(Path)}, for a file given by a command-line {@code option}, named in its refusals. */
    public static StateClaim claimStateTarget(final Path file, final String option)
    {
        return Checkpoint.claim(file, option + " " + file);
    }

    /** A run's claim on its checkpoint file ({@link #claimStateTarget}); closing it lets the file go. */
    public interface StateClaim extends AutoCloseable
    {
        @Override
        void close();
    }

    /**
     * As {@link #saveState(Path)}, to a stream (not atomic; the caller closes it). In a partitioned run rank 0
     * writes to its stream; the others' is not used.
     */
    public void saveState(final OutputStream out) throws IOException
    {
        Objects.requireNonNull(out, "out");
        claimed("save the state", () ->
        {
            requireSaveable();
            if (rank != null)
            {
                RankCheckpoint.save(this, rank, out, "stream");
            }
            else
            {
                Checkpoint.write(this, out);
            }
            return null;
        });
    }

    /**
     * Replaces this network's state with the one saved by {@link #saveState(Path)}; the next run starts at the
     * saved step. The network must be built from the same description (seed, populations, synapses, delivery,
     * integration); its thread and rank counts may differ. Nothing changes when the file is refused.
     * <p>
     * The noise: a checkpoint records the noise seed its run drew its inputs with ({@link #checkStateHeader}). A
     * network built with that noise seed, or with none given when it is the seed, goes on with that run's noise; one
     * built with another noise seed given ({@link NetworkBuilder#noiseSeed}, a config's {@code noise_seed}) draws
     * other noise from the saved step on, a new noise trial; one built with none given whose seed is not the file's
     * noise seed is refused, since it would go on with other noise without a word ({@code sim run --resume} takes the
     * file's noise seed then: build with {@code noiseSeed(checkStateHeader(file, plan).noiseSeed().getAsLong())}).
     * <p>
     * Collective in a partitioned run: rank 0 alone reads {@code file} (the others' is not used: their machines
     * need not share its disk) and sends its bytes to every rank, which checks them and takes its part; a refusal
     * is every rank's, with the same message.
     *
     * @throws InputException if the file is missing, not a checkpoint, damaged or truncated, or made for a
     *                        network that differs from this one (the message names what differs).
     * @throws IllegalStateException if this network cannot run again (it blew up, or a run failed): a restored
     *                        state would not make it run, so nothing is read; build a new network and restore into it.
     */
    public void restoreState(final Path file)
    {
        Objects.requireNonNull(file, "file");
        claimed("restore a state", () ->
        {
            requireRunnable();
            if (rank != null)
            {
                RankCheckpoint.restore(this, rank, file);
            }
            else
            {
                Checkpoint.read(this, file);
            }
            return null;
        });
    }

    /**
     * As {@link #restoreState(Path)}, from a stream; {@code name} names it in messages. In a partitioned run rank 0
     * reads its stream; the others' is not used.
     */
    public void restoreState(final InputStream in, final String name) throws IOException
    {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(name, "name");
        claimed("restore a state", () ->
        {
            requireRunnable();
            if (rank != null)
            {
                RankCheckpoint.restore(this, rank, in, name);
            }
            else
            {
                Checkpoint.read(this, in, name);
            }
            return null;
        });
    }

    /**
     * The CRC32C checksum of the checkpoint the last {@link #restoreState} read (its last 4 bytes, over every byte
     * before them: which file's state this is, where its path may since hold another), as an unsigned 32-bit value;
     * empty if none was restored.
     */
    public OptionalLong restoredChecksum()
    {
        return restoredChecksum == null ? OptionalLong.empty() : OptionalLong.of(restoredChecksum & 0xFFFF_FFFFL);
    }

    /** What a checkpoint of this network belongs to; collective (the first time) in a partitioned run. */
    Checkpoint.Description checkpointDescription()
    {
        if (checkpointDescription == null)
        {
            checkpointDescription = rank == null ? Checkpoint.Description.of(this) :
                RankCheckpoint.description(this, rank);
        }
        return checkpointDescription;
    }

    SpikeRing spikeRing()
    {
        return ring;
    }

    /**
     * The arrival ring's D input buffers, null with {@link SpikeDelivery#DELAY_ROWS}; entry i is neuron
     * {@link #arrivalRingFirst()} + i (under ranks a buffer holds the rank's neurons only).
     */
    float[][] arrivalRing()
    {
        return arrivals;
    }

    /** The neuron of the arrival buffers' entry 0. */
    int arrivalRingFirst()
    {
        return arrivalFirst;
    }

    /** Called by a restore: the next run starts at {@code step}. */
    void continueAt(final long step)
    {
        nextStep = step;
        if (receptors != null)
        {
            receptors.startAt(step);
        }
    }

    private static void throwUnchecked(final Throwable t)
    {
        if (t instanceof RuntimeException)
        {
            throw (RuntimeException)t;
        }
        if (t instanceof Error)
        {
            throw (Error)t;
        }
        throw new IllegalStateException(t);
    }
}
