package org.izhsim.network.build;

/**
 * External drive of every neuron of one population, added to its input current each 1 ms step. Immutable.
 * <ul>
 * <li>noise: sd * N(0, 1) per neuron per step, net.m's "thalamic input" (sd 5 for excitatory and 2 for
 * inhibitory cells there);</li>
 * <li>dc: a constant current;</li>
 * <li>poisson: {@code sources} independent Poisson spike trains of {@code rateHz} each, every arriving
 * spike adding {@code weight} to that step's input.</li>
 * </ul>
 * All random numbers are functions of (seed, input, neuron, step).
 */
public final class InputSpec
{
    /** The kinds of input. */
    public enum Kind
    {
        NOISE, DC, POISSON
    }

    private final Kind kind;
    private final String population;
    private final double amplitude;
    private final double rateHz;
    private final int sources;
    private final String origin;

    private InputSpec(final Kind kind, final String population, final double amplitude, final double rateHz,
        final int sources)
    {
        this(kind, population, amplitude, rateHz, sources, null);
    }

    private InputSpec(final Kind kind, final String population, final double amplitude, final double rateHz,
        final int sources, final String origin)
    {
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
        return new InputSpec(Kind.NOISE, population, sd, 0, 0);
    }

    public static InputSpec dc(final String population, final double current)
    {
        Checks.name("input population", population);
        Checks.finite("dc current", current);
        return new InputSpec(Kind.DC, population, current, 0, 0);
    }

    /** {@code sources} independent Poisson trains of {@code rateHz}, each spike adding {@code weight}. */
    public static InputSpec poisson(final String population, final double rateHz, final double weight,
        final long sources)
    {
        Checks.name("input population", population);
        Checks.nonNegative("poisson rate", rateHz);
        Checks.finite("poisson weight", weight);
        if (sources < 1 || sources > Integer.MAX_VALUE)
        {
            throw new org.izhsim.core.InputException("poisson sources must be between 1 and " + Integer.MAX_VALUE +
                ", got " + sources);
        }
        return new InputSpec(Kind.POISSON, population, weight, rateHz, (int)sources);
    }

    /** This input, written at {@code origin} (e.g. {@code "exp.yaml:9:7"}), for messages about it. */
    public InputSpec at(final String origin)
    {
        return new InputSpec(kind, population, amplitude, rateHz, sources, java.util.Objects.requireNonNull(origin));
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

    public int sources()
    {
        return sources;
    }
}
