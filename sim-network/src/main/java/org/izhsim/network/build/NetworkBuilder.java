package org.izhsim.network.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;

/**
 * Describes a network of 2003-model neurons: populations, projections, external inputs, seed, integration
 * scheme, threads and what to record; {@link #plan()} resolves and checks it, and
 * {@code org.izhsim.network.engine.Network.build} builds a network from the builder or its plan.
 * <pre>{@code
 * Network net = Network.build(new NetworkBuilder()
 *     .seed(1)
 *     .population(PopulationSpec.of("exc", 800).c(r -> -65 + 15 * r * r).d(r -> 8 - 6 * r * r))
 *     .population(PopulationSpec.of("inh", 200).a(r -> 0.02 + 0.08 * r).b(r -> 0.25 - 0.05 * r).c(r -> -65).d(r -> 2))
 *     .projection(ProjectionSpec.from("exc", "exc").weight(WeightRule.ofRandom(rand -> 0.5 * rand)))
 *     .input(InputSpec.noise("exc", 5)));
 * SimulationResult result = net.run(1000, ProgressListener.NONE);
 * }</pre>
 * Values are checked where they are given (factories of the spec classes, each method here); references
 * between them and every rule (population names, k against population sizes, delays, threads) once, in
 * {@link #plan()}; every failure is an {@link org.izhsim.core.InputException} with a one-line message, prefixed
 * by the spec's origin when a loader set one. Not thread-safe.
 */
public final class NetworkBuilder
{
    private final List<PopulationSpec> populations = new ArrayList<>();
    private final List<ProjectionSpec> projections = new ArrayList<>();
    private final List<InputSpec> inputs = new ArrayList<>();
    private long seed = 1;
    /** Null: the {@link #seed}. */
    private Long noiseSeed;
    private Method scheme = Method.HALFSTEP;
    private int threads;
    private String threadsOrigin;
    private List<String> traceOrigins = List.of();
    private SpikeDelivery delivery = SpikeDelivery.AUTO;
    private int[] tracedNeurons = new int[0];
    /** The largest {@link #spikeCapacity}: the longest Java array every JVM allocates (the JDK's SOFT_MAX_ARRAY_LENGTH). */
    public static final int MAX_SPIKE_CAPACITY = Integer.MAX_VALUE - 8;
    private int spikeCapacity = 1 << 16;
    private long weightSnapshotSteps;
    private String weightSnapshotsOrigin;
    private NanoClock clock = new SystemNanoClock();
    private Supplier<IdleStrategy> idleStrategy = () -> new BackoffIdleStrategy(
        2_000, 50, 1_000, 100_000);

    /** Adds a population; neurons are numbered in the order populations are added. */
    public NetworkBuilder population(final PopulationSpec population)
    {
        Objects.requireNonNull(population, "population");
        for (final PopulationSpec p : populations)
        {
            if (p.name().equals(population.name()))
            {
                throw new InputException("population '" + population.name() + "' is defined twice");
            }
        }
        populations.add(population);
        return this;
    }

    public NetworkBuilder projection(final ProjectionSpec projection)
    {
        projections.add(Objects.requireNonNull(projection, "projection"));
        return this;
    }

    /**
     * Adds an external input. Each input's random numbers are keyed by its place in the order of these calls, so the
     * order is part of the network (two noisy inputs swapped give other spikes). An experiment file's inputs are added
     * population by population in the file's order, each population's as noise, uniform, dc, poisson, then the
     * random_input entries in order ({@code NetworkAssembler}): adding them in that order builds the file's network.
     */
    public NetworkBuilder input(final InputSpec input)
    {
        inputs.add(Objects.requireNonNull(input, "input"));
        return this;
    }

    /** Seed of every random number: the same seed gives bit-identical runs for any thread count. */
    public NetworkBuilder seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /**
     * Seed of the draws made as the network runs (its inputs' noise, Poisson and random picks, and the delays of
     * dopamine rewards) instead of {@link #seed(long)}, which then draws only the network itself (connectivity,
     * weights, delays, parameters, the rewarded synapse): the same network with other noise, trial after trial. By
     * default the seed.
     */
    public NetworkBuilder noiseSeed(final long noiseSeed)
    {
        this.noiseSeed = noiseSeed;
        return this;
    }

    /**
     * How the 1 ms step integrates the neurons: {@link Method#HALFSTEP} (net.m's, the default) or
     * {@link Method#SEMI_IMPLICIT_EULER} (v one Euler step, then u from the new v), the two the engine's float
     * kernels implement.
     *
     * @throws InputException for any other method.
     */
    public NetworkBuilder scheme(final Method scheme)
    {
        if (Objects.requireNonNull(scheme, "scheme") != Method.HALFSTEP && scheme != Method.SEMI_IMPLICIT_EULER)
        {
            throw new InputException("the network engine integrates with " + Method.HALFSTEP + " or " +
                Method.SEMI_IMPLICIT_EULER + ", not " + scheme);
        }
        this.scheme = scheme;
        return this;
    }

    /**
     * Worker threads; 0 or less means auto ({@link AutoThreads}: one per free core, 1 for a small network). At most
     * {@link Checks#MAX_THREADS} (the plan refuses more); a count above the neurons is cut to the neurons (each thread
     * owns a block of at least one); a count above the machine's cores is taken, and runs slower (the same spikes:
     * cortex2003 at 64 threads on 2 cores took 3x the wall time of 1 thread).
     */
    public NetworkBuilder threads(final int threads)
    {
        this.threads = threads;
        return this;
    }

    /** Worker threads, written at {@code origin} (e.g. {@code "exp.yaml:3:10"} or "--threads"). */
    public NetworkBuilder threads(final int threads, final String origin)
    {
        this.threadsOrigin = origin;
        return threads(threads);
    }

    /** How spikes are delivered; {@link SpikeDelivery#AUTO} unless measuring. */
    public NetworkBuilder delivery(final SpikeDelivery delivery)
    {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        return this;
    }

    /** Records v, u and the input current of these neurons (global ids) at every step. */
    public NetworkBuilder recordTraces(final int... neurons)
    {
        this.tracedNeurons = Objects.requireNonNull(neurons, "neurons").clone();
        this.traceOrigins = List.of();
        return this;
    }

    /** As {@link #recordTraces(int...)}, with where each neuron id was written, for messages. */
    public NetworkBuilder recordTraces(final int[] neurons, final List<String> origins)
    {
        Objects.requireNonNull(neurons, "neurons");
        if (Objects.requireNonNull(origins, "origins").size() != neurons.length)
        {
            throw new IllegalArgumentException(neurons.length + " neurons, " + origins.size() + " origins");
        }
        recordTraces(neurons);
        this.traceOrigins = List.copyOf(origins);
        return this;
    }

    /**
     * The run takes a snapshot of the plastic weights every {@code steps} steps (0: at its start and end only), as
     * {@code record: weights_every_ms} asks; {@code origin} is where that was written (null if unknown). The plan's
     * memory and disk estimates count the snapshots; the network itself takes none.
     */
    public NetworkBuilder weightSnapshots(final long steps, final String origin)
    {
        if (steps < 0)
        {
            throw new InputException("weight snapshot interval must be >= 0 steps, got " + steps);
        }
        this.weightSnapshotSteps = steps;
        this.weightSnapshotsOrigin = origin;
        return this;
    }

    public long weightSnapshotSteps()
    {
        return weightSnapshotSteps;
    }

    public String weightSnapshotsOrigin()
    {
        return weightSnapshotsOrigin;
    }

    /**
     * Initial capacity of each worker's spike record. The record grows by doubling; a run that must not
     * allocate in its step loop presizes it to the spikes it expects.
     *
     * @param spikes 0 to {@link #MAX_SPIKE_CAPACITY}.
     */
    public NetworkBuilder spikeCapacity(final int spikes)
    {
        if (spikes < 0)
        {
            throw new InputException("spike capacity must be >= 0, got " + spikes);
        }
        if (spikes > MAX_SPIKE_CAPACITY)
        {
            // It was taken, and each run failed with "OutOfMemoryError: Requested array size exceeds VM limit".
            throw new InputException("spike capacity must be at most " + MAX_SPIKE_CAPACITY + " (the longest array " +
                "every JVM allocates), got " + spikes);
        }
        this.spikeCapacity = spikes;
        return this;
    }

    /** Clock of the wall-time measurements (build and run time, step latency, progress). */
    public NetworkBuilder clock(final NanoClock clock)
    {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * How a worker waits at the step barrier; one instance per worker. Default: spin, yield, then park. A supplier
     * giving null is refused when the network is built.
     */
    public NetworkBuilder idleStrategy(final Supplier<IdleStrategy> idleStrategy)
    {
        this.idleStrategy = Objects.requireNonNull(idleStrategy, "idleStrategy");
        return this;
    }

    /**
     * Resolves names and checks every rule without building anything: the plan a network is built from, with
     * its memory estimate. Fast (no work per neuron or synapse).
     *
     * @throws org.izhsim.core.InputException if the description is impossible, located where the specs say.
     */
    public NetworkPlan plan()
    {
        return NetworkPlan.of(this);
    }

    public List<PopulationSpec> populations()
    {
        return List.copyOf(populations);
    }

    public List<ProjectionSpec> projections()
    {
        return List.copyOf(projections);
    }

    public List<InputSpec> inputs()
    {
        return List.copyOf(inputs);
    }

    public long seed()
    {
        return seed;
    }

    /**
     * Whether {@link #noiseSeed(long)} was called: a network restored from a checkpoint whose run drew other noise
     * goes on under the noise seed given, and one built without is refused ({@code Network.restoreState}).
     */
    public boolean noiseSeedGiven()
    {
        return noiseSeed != null;
    }

    /** The seed of the draws made as the network runs: {@link #noiseSeed(long)}'s, or the seed. */
    public long noiseSeed()
    {
        return noiseSeed != null ? noiseSeed : seed;
    }

    public Method scheme()
    {
        return scheme;
    }

    public int threads()
    {
        return threads;
    }

    public SpikeDelivery delivery()
    {
        return delivery;
    }

    /** Where {@link #threads()} was written; null if unknown. */
    public String threadsOrigin()
    {
        return threadsOrigin;
    }

    /** Where each traced neuron was written; empty if unknown. */
    public List<String> traceOrigins()
    {
        return traceOrigins;
    }

    public int[] tracedNeurons()
    {
        return tracedNeurons.clone();
    }

    public int spikeCapacity()
    {
        return spikeCapacity;
    }

    public NanoClock clock()
    {
        return clock;
    }

    public Supplier<IdleStrategy> idleStrategy()
    {
        return idleStrategy;
    }
}
