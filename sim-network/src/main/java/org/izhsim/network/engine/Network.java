package org.izhsim.network.engine;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.NanoClock;
import org.izhsim.core.InputException;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.build.Checks;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.IntegrationScheme;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.input.DcDrive;
import org.izhsim.network.input.InputDrive;
import org.izhsim.network.input.NoiseDrive;
import org.izhsim.network.input.PoissonDrive;
import org.izhsim.network.random.CounterRandom;
import org.izhsim.network.record.NumericalBlowUp;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.record.SpikeRecorder;
import org.izhsim.network.record.Traces;
import org.izhsim.network.synapse.ResolvedProjection;
import org.izhsim.network.synapse.SynapseMatrix;
import org.izhsim.network.synapse.SynapseMatrixBuilder;
import org.izhsim.network.synapse.TargetPartition;

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
 * A worker that throws ends the run with its exception and leaves the network unable to run again.
 */
public final class Network implements AutoCloseable
{
    /** Ends the worker threads of networks dropped without {@link #close()}. */
    private static final Cleaner CLEANER = Cleaner.create();
    private static final long NEURON_STREAM = 1L << 40;
    private static final long INPUT_STREAM = 2L << 40;
    private static final long MAX_LATENCY_NANOS = 60_000_000_000L;
    /** 1% resolution is plenty for latency percentiles and keeps the histogram at 28 KB instead of 221 KB. */
    private static final int LATENCY_DIGITS = 2;
    /** AUTO picks the arrival ring while its D x N floats stay within this many bytes (measured, see README). */
    static final long ARRIVAL_RING_BUDGET_BYTES = 16L << 20;

    private final List<PopulationRange> populations;
    private final NeuronState state;
    private final SynapseMatrix matrix;
    private final Worker[] workers;
    private final int[] tracedNeurons;
    private final int spikeCapacity;
    private final NanoClock clock;
    private final long buildNanos;
    private final SpikeDelivery delivery;
    private WorkerThreads workerThreads;
    private Cleaner.Cleanable cleanable;
    private long nextStep;
    private final StopControl stop = new StopControl();
    /** Why this network cannot run again (a worker failed, or its state blew up), or null. */
    private String broken;
    private Throwable brokenBy;

    private Network(final List<PopulationRange> populations, final NeuronState state, final SynapseMatrix matrix,
        final InputDrive[] drives, final NetworkBuilder spec, final int threads, final long buildStart)
    {
        this.populations = List.copyOf(populations);
        this.state = state;
        this.matrix = matrix;
        this.tracedNeurons = spec.tracedNeurons();
        this.spikeCapacity = spec.spikeCapacity();
        this.clock = spec.clock();
        final TargetPartition partition = matrix.partition();
        final int[] segmentStart = new int[threads];
        for (int t = 0; t < threads; t++)
        {
            segmentStart[t] = partition.firstNeuron(t);
        }
        final SpikeRing ring = new SpikeRing(matrix.maxDelay(), state.size(), segmentStart);
        final StepBarrier barrier = threads > 1 ? new StepBarrier(threads, 0) : null;
        this.delivery = resolveDelivery(spec.delivery(), matrix.maxDelay(), state.size());
        final float[][] arrivals = delivery == SpikeDelivery.ARRIVAL_RING ?
            new float[matrix.maxDelay()][state.size()] : null;
        workers = new Worker[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Worker(t, state, matrix, ring, drives, spec.scheme(), barrier, spec.idleStrategy().get(),
                arrivals, stop);
        }
        this.buildNanos = clock.nanoTime() - buildStart;
    }

    /** Called by {@link NetworkBuilder#build()}. */
    public static Network build(final NetworkBuilder spec)
    {
        return build(spec, new InputDrive[0]);
    }

    /** For the engine's tests: drives outside the builder's vocabulary (e.g. one that throws) after its own. */
    static Network build(final NetworkBuilder spec, final InputDrive... extraDrives)
    {
        final long start = spec.clock().nanoTime();
        final List<PopulationRange> populations = resolvePopulations(spec.populations());
        final int neurons = populations.get(populations.size() - 1).end();
        final int threads = Math.min(neurons,
            spec.threads() > 0 ? spec.threads() : Runtime.getRuntime().availableProcessors());
        for (final int n : spec.tracedNeurons())
        {
            if (n < 0 || n >= neurons)
            {
                throw new InputException("traced neuron " + n + " does not exist: neurons are 0.." + (neurons - 1));
            }
        }
        final List<ResolvedProjection> projections = resolveProjections(spec.projections(), populations);
        final InputDrive[] resolved = resolveInputs(spec.inputs(), populations, spec.seed());
        final InputDrive[] drives = Arrays.copyOf(resolved, resolved.length + extraDrives.length);
        System.arraycopy(extraDrives, 0, drives, resolved.length, extraDrives.length);

        final NeuronState state = new NeuronState(neurons);
        final List<PopulationSpec> specs = spec.populations();
        for (int p = 0; p < specs.size(); p++)
        {
            initialise(state, specs.get(p), populations.get(p), spec.seed());
        }
        final TargetPartition partition = new TargetPartition(neurons, threads);
        final SynapseMatrix matrix = new SynapseMatrixBuilder(partition, projections, spec.seed(), threads).build();
        return new Network(populations, state, matrix, drives, spec, threads, start);
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
     *         state becomes infinite or NaN (then the network cannot run again).
     * @throws IllegalStateException if the network cannot run again.
     */
    public SimulationResult run(final int steps, final ProgressListener listener, final StepPacer pacer)
    {
        if (steps < 1)
        {
            throw new InputException("a run needs at least 1 step, got " + steps);
        }
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(pacer, "pacer");
        if (broken != null)
        {
            throw new IllegalStateException("this network cannot run again: " + broken, brokenBy);
        }
        final long firstStep = nextStep;
        if (firstStep + steps > Integer.MAX_VALUE)
        {
            throw new InputException("runs longer than " + Integer.MAX_VALUE + " steps in total are not supported");
        }
        final Traces traces = new Traces(tracedNeurons, steps);
        final SpikeRecorder[] recorders = new SpikeRecorder[workers.length];
        final long[] eventsBefore = new long[workers.length];
        for (int t = 0; t < workers.length; t++)
        {
            recorders[t] = new SpikeRecorder(spikeCapacity);
            workers[t].prepareRun(recorders[t], traces, tracedNeurons);
            eventsBefore[t] = workers[t].eventsDelivered();
        }
        // A fresh histogram per run, handed to the result: copying a reused one (HdrHistogram's add walks all
        // 27,000 counts) cost 340 us per run, which dominated short runs such as the explorer's live chunks.
        final Histogram stepLatency = new Histogram(MAX_LATENCY_NANOS, LATENCY_DIGITS);

        final WorkerThreads.Run run = new WorkerThreads.Run(firstStep, steps, workers.length);
        if (workers.length > 1)
        {
            startedWorkerThreads().start(run);
        }
        final Coordinator coordinator = new Coordinator(clock, stepLatency, listener, pacer, steps);
        int ran = 0;
        try
        {
            ran = workers[0].run(firstStep, steps, coordinator);
        }
        catch (final RuntimeException | Error ex)
        {
            run.failures[0] = ex;
        }
        final long runNanos = clock.nanoTime() - coordinator.startNanos();
        run.awaitDone();
        failIfAnyWorkerFailed(run.failures);
        final NumericalBlowUp blowUp = blowUp(firstStep + ran - 1);
        final SimulationResult.StopReason reason = blowUp != null ? SimulationResult.StopReason.BLOW_UP :
            ran < steps ? SimulationResult.StopReason.INTERRUPTED : SimulationResult.StopReason.COMPLETED;
        stop.reset(reason == SimulationResult.StopReason.INTERRUPTED);
        // A blow-up's own step is left out: its spikes and traces are already wrong.
        final int simulated = blowUp != null ? ran - 1 : ran;
        if (blowUp != null)
        {
            broken = blowUp.message();
        }
        nextStep = firstStep + simulated;

        long events = 0;
        for (int t = 0; t < workers.length; t++)
        {
            events += workers[t].eventsDelivered() - eventsBefore[t];
        }
        final int[][] spikes = SpikeRecorder.merge(recorders);
        final int kept = spikesBefore(spikes[0], firstStep + simulated);
        return new SimulationResult(populations, firstStep, simulated, firstOf(spikes[0], kept),
            firstOf(spikes[1], kept), events, buildNanos, runNanos, stepLatency,
            simulated < steps ? traces.firstSteps(simulated) : traces, workers.length, state.size(),
            matrix.synapseCount(), matrix.bytes(), steps, reason, blowUp);
    }

    /**
     * Ends the run in progress at its next step boundary, the same step in every worker; callable from any
     * thread (a signal handler, a UI). The run then returns a result with stop reason INTERRUPTED and the
     * steps simulated, and the network can run on from there. A request made while no run is in progress
     * ends the next run after its first step.
     */
    public void requestStop()
    {
        stop.request();
    }

    /** The lowest non-finite neuron of the run's last step, or null: workers own ascending neuron ranges. */
    private NumericalBlowUp blowUp(final long lastStep)
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
                            worker.blowUpU());
                    }
                }
            }
        }
        return null;
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
            broken = "a worker failed in an earlier run";
            brokenBy = cause;
            close();
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
        if (cleanable != null)
        {
            cleanable.clean();
            cleanable = null;
            workerThreads = null;
        }
    }

    private WorkerThreads startedWorkerThreads()
    {
        if (workerThreads == null)
        {
            workerThreads = new WorkerThreads(workers);
            cleanable = CLEANER.register(this, workerThreads);
        }
        return workerThreads;
    }

    public List<PopulationRange> populations()
    {
        return populations;
    }

    public int neurons()
    {
        return state.size();
    }

    public int threads()
    {
        return workers.length;
    }

    public long synapseCount()
    {
        return matrix.synapseCount();
    }

    public long synapseBytes()
    {
        return matrix.bytes();
    }

    /** The delivery scheme in use (AUTO resolved). */
    public SpikeDelivery delivery()
    {
        return delivery;
    }

    /** Wall time of {@link NetworkBuilder#build()}: parameters, synapses, buffers. */
    public long buildNanos()
    {
        return buildNanos;
    }

    /** The step the next run starts at (= ms simulated so far). */
    public long currentStep()
    {
        return nextStep;
    }

    /** Read access to the neurons' parameters and state between runs. */
    public NeuronState state()
    {
        return state;
    }

    /** Read access to the synapses. */
    public SynapseMatrix synapses()
    {
        return matrix;
    }

    /** Depends on the network's size only, never on the thread count: results stay thread-count independent. */
    private static SpikeDelivery resolveDelivery(final SpikeDelivery requested, final int maxDelay, final int neurons)
    {
        if (requested != SpikeDelivery.AUTO)
        {
            return requested;
        }
        return 4L * maxDelay * neurons <= ARRIVAL_RING_BUDGET_BYTES ? SpikeDelivery.ARRIVAL_RING : SpikeDelivery.DELAY_ROWS;
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
            ranges.add(new PopulationRange(p.name(), (int)first, p.size()));
            first += p.size();
            if (first > Integer.MAX_VALUE / 2)
            {
                throw new InputException("the network has " + first + " neurons, more than this engine holds");
            }
        }
        return ranges;
    }

    private static PopulationRange find(final List<PopulationRange> populations, final String name, final String where)
    {
        for (final PopulationRange p : populations)
        {
            if (p.name().equals(name))
            {
                return p;
            }
        }
        throw new InputException(where + ": unknown population '" + name + "'");
    }

    /** The range covered by consecutive populations, or an InputException. */
    private static PopulationRange union(final List<PopulationRange> populations, final List<String> names,
        final String where)
    {
        int first = Integer.MAX_VALUE;
        int end = 0;
        long size = 0;
        for (final String name : names)
        {
            final PopulationRange p = find(populations, name, where);
            first = Math.min(first, p.first());
            end = Math.max(end, p.end());
            size += p.size();
        }
        if (size != end - first)
        {
            throw new InputException(where + ": target populations must be distinct and consecutive in declaration order");
        }
        return names.size() == 1 ? find(populations, names.get(0), where) :
            new PopulationRange(String.join("+", names), first, end - first);
    }

    private static List<ResolvedProjection> resolveProjections(final List<ProjectionSpec> specs,
        final List<PopulationRange> populations)
    {
        final List<ResolvedProjection> resolved = new ArrayList<>();
        for (final ProjectionSpec s : specs)
        {
            final String where = "projection " + s.source() + " -> " + s.targetName();
            final PopulationRange source = find(populations, s.source(), where);
            final PopulationRange target = union(populations, s.targets(), where);
            final boolean overlap = source.first() < target.end() && target.first() < source.end();
            final boolean self = overlap && !s.autapses();
            final ConnectionRule rule = s.rule();
            switch (rule.kind())
            {
                case FIXED_OUTDEGREE:
                    Checks.degreeFits("fixed_outdegree", rule.k(), target.size() - (self ? 1 : 0), target.name());
                    break;
                case FIXED_INDEGREE:
                    Checks.degreeFits("fixed_indegree", rule.k(), source.size() - (self ? 1 : 0), source.name());
                    break;
                case ONE_TO_ONE:
                    if (source.size() != target.size())
                    {
                        throw new InputException(where + ": one_to_one needs populations of equal size, got " +
                            source.size() + " and " + target.size());
                    }
                    if (self)
                    {
                        throw new InputException(where + ": one_to_one onto the same population connects each " +
                            "neuron to itself, which autapses: false forbids");
                    }
                    break;
                default:
                    break;
            }
            resolved.add(new ResolvedProjection(resolved.size(), source.first(), source.size(), target.first(),
                target.size(), rule, s.weight(), s.delay(), s.autapses()));
        }
        return resolved;
    }

    private static InputDrive[] resolveInputs(final List<InputSpec> specs, final List<PopulationRange> populations,
        final long seed)
    {
        final InputDrive[] drives = new InputDrive[specs.size()];
        for (int i = 0; i < drives.length; i++)
        {
            final InputSpec s = specs.get(i);
            final PopulationRange p = find(populations, s.population(), s.kind().name().toLowerCase(Locale.ROOT) + " input");
            switch (s.kind())
            {
                case NOISE:
                    drives[i] = new NoiseDrive(p.first(), p.end(), s.amplitude(), seed, INPUT_STREAM + i);
                    break;
                case DC:
                    drives[i] = new DcDrive(p.first(), p.end(), s.amplitude());
                    break;
                default:
                    drives[i] = new PoissonDrive(p.first(), p.end(), s.rateHz(), s.amplitude(), s.sources(), seed,
                        INPUT_STREAM + i);
                    break;
            }
        }
        return drives;
    }

    /** One uniform r per neuron, shared by its a, b, c, d (net.m's re, ri); v = initialV, u = b v. */
    private static void initialise(final NeuronState state, final PopulationSpec spec, final PopulationRange range,
        final long seed)
    {
        for (int i = range.first(); i < range.end(); i++)
        {
            final double r = CounterRandom.uniform(CounterRandom.bits(CounterRandom.key(seed, NEURON_STREAM, i), 0));
            state.a[i] = (float)spec.a().applyAsDouble(r);
            state.b[i] = (float)spec.b().applyAsDouble(r);
            state.c[i] = (float)spec.c().applyAsDouble(r);
            state.d[i] = (float)spec.d().applyAsDouble(r);
            state.v[i] = (float)spec.initialV();
            state.u[i] = state.b[i] * state.v[i];
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
