package org.izhsim.network.build;

/**
 * External drive of every neuron of one population, added to its input current each 1 ms step. Immutable.
 * <ul>
 * <li>noise: sd * N(0, 1) per neuron per step, net.m's "thalamic input" (sd 5 for excitatory and 2 for
 * inhibitory cells there);</li>
 * <li>dc: a constant current;</li>
 * <li>poisson: {@code sources} independent Poisson spike trains of {@code rateHz} each, every arriving
 * spike adding {@code weight} to that step's input;</li>
 * <li>random_pick: each step, {@code count} neurons drawn uniformly (with replacement) from the target
 * populations each get {@code amplitude} once: Izhikevich (2006) poly_spnet.cpp line 788,
 * {@code I[int(floor(N*rand01))]=20}, to one of all N neurons each ms (the 2004 spnet.cpp line 113 calls it
 * "random thalamic input").</li>
 * </ul>
 * All random numbers are functions of (seed, input, neuron, step).
 */
public final class InputSpec
{
    /** The kinds of input. */
    public enum Kind
    {
        NOISE, DC, POISSON, RANDOM_PICK, UNIFORM
    }

    /**
     * Highest total Poisson rate into one neuron, {@code rateHz * sources}: 10^6 spikes per 1 ms step, far from the
     * int that counts them (above 2^31 per step the count wrapped, to -1 for the largest rates: negative input).
     */
    public static final double MAX_POISSON_HZ = 1e9;

    /** Most neurons a random_pick input draws per step: it checks each draw against the earlier ones. */
    public static final int MAX_PICKS_PER_STEP = 1000;

    private final Kind kind;
    private final String population;
    private final double amplitude;
    private final double rateHz;
    private final int sources;
    private final String origin;
    private final java.util.List<String> targets;

    private InputSpec(final Kind kind, final String population, final double amplitude, final double rateHz,
        final int sources)
    {
        this(kind, population, amplitude, rateHz, sources, null, java.util.List.of(population));
    }

    private InputSpec(final Kind kind, final String population, final double amplitude, final double rateHz,
        final int sources, final String origin, final java.util.List<String> targets)
    {
        this.targets = targets;
        this.origin = origin;
        this.kind = kind;
        this.population = population;
        this.amplitude = amplitude;
        this.rateHz = rateHz;
        this.sources = sources;
    }

    /** Gaussian current with standard deviation sd per step (net.m: {@code 5*randn}). */
    public static InputSpec noise(final String population, final double sd)
    {
        Checks.name("input population", population);
        Checks.nonNegative("noise sd", sd);
        Checks.floatValue("noise sd", sd);
        return new InputSpec(Kind.NOISE, population, sd, 0, 0);
    }

    /** Uniform current in [-width/2, width/2) per neuron per step (daspnet.m line 59: {@code 13*(rand-0.5)}). */
    public static InputSpec uniform(final String population, final double width)
    {
        Checks.name("input population", population);
        Checks.nonNegative("uniform width", width);
        Checks.floatValue("uniform width", width);
        return new InputSpec(Kind.UNIFORM, population, width, 0, 0);
    }

    public static InputSpec dc(final String population, final double current)
    {
        Checks.name("input population", population);
        Checks.floatValue("dc current", current);
        return new InputSpec(Kind.DC, population, current, 0, 0);
    }

    /** {@code sources} independent Poisson trains of {@code rateHz}, each spike adding {@code weight}. */
    public static InputSpec poisson(final String population, final double rateHz, final double weight,
        final long sources)
    {
        Checks.name("input population", population);
        Checks.nonNegative("poisson rate", rateHz);
        Checks.floatValue("poisson weight", weight);
        if (sources < 1 || sources > Integer.MAX_VALUE)
        {
            throw new org.izhsim.core.InputException("poisson sources must be between 1 and " + Integer.MAX_VALUE +
                ", got " + sources);
        }
        if (rateHz * sources > MAX_POISSON_HZ)
        {
            throw new org.izhsim.core.InputException(String.format(java.util.Locale.ROOT,
                "poisson rate x sources = %.4g Hz exceeds %.0e Hz (the per-step spike count is an int)",
                rateHz * sources, MAX_POISSON_HZ));
        }
        return new InputSpec(Kind.POISSON, population, weight, rateHz, (int)sources);
    }

    /**
     * Each step, {@code count} neurons drawn uniformly from the union of {@code populations} (consecutive in
     * declaration order) receive {@code amplitude} once each (a neuron drawn twice in a step gets it once).
     */
    public static InputSpec randomPick(final java.util.List<String> populations, final double amplitude,
        final long count)
    {
        if (java.util.Objects.requireNonNull(populations, "populations").isEmpty())
        {
            throw new org.izhsim.core.InputException("random_pick input has no target population");
        }
        for (final String p : populations)
        {
            Checks.name("input population", p);
        }
        Checks.floatValue("random_input amplitude", amplitude);
        if (count < 1 || count > MAX_PICKS_PER_STEP)
        {
            throw new org.izhsim.core.InputException("random_pick count must be between 1 and " + MAX_PICKS_PER_STEP +
                " neurons per step, got " + count);
        }
        return new InputSpec(Kind.RANDOM_PICK, populations.get(0), amplitude, 0, (int)count, null,
            java.util.List.copyOf(populations));
    }

    /** The target populations: the one population, or random_pick's list. */
    public java.util.List<String> targets()
    {
        return targets;
    }

    /** This input, written at {@code origin} (e.g. {@code "exp.yaml:9:7"}), for messages about it. */
    public InputSpec at(final String origin)
    {
        return new InputSpec(kind, population, amplitude, rateHz, sources, java.util.Objects.requireNonNull(origin),
            targets);
    }

    /** Where the input was written; null if unknown. */
    public String origin()
    {
        return origin;
    }

    public Kind kind()
    {
        return kind;
    }

    public String population()
    {
        return population;
    }

    /** Noise sd, dc current, or the weight of one Poisson spike. */
    public double amplitude()
    {
        return amplitude;
    }

    public double rateHz()
    {
        return rateHz;
    }

    /** Poisson sources per neuron, or the neurons random_pick draws per step. */
    public int sources()
    {
        return sources;
    }
}
