package org.izhsim.config;

import static org.izhsim.core.ShortestDecimal.typed;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;

/**
 * A validated network experiment as read from a YAML file by {@link ExperimentLoader}: every reference
 * resolved, every number in range, every expression compiled. Immutable; the {@code with...} methods
 * apply command-line overrides and validate them.
 *
 * @param name         experiment name, the file stem unless given.
 * @param description  free text, empty unless given.
 * @param seed         seed of every random draw (heterogeneity, connectivity, weights, delays, noise).
 * @param durationMs   simulated time, ms; a whole number of steps.
 * @param dtMs         time step, ms; divides 1 ms.
 * @param threads      worker threads, empty for "auto" (see AutoThreads).
 * @param integration  how v and u are stepped: {@code halfstep}, or {@code euler}, which is
 *                     {@link Method#SEMI_IMPLICIT_EULER} (u from the new v).
 * @param populations  in file order, numbered contiguously.
 * @param projections  in file order.
 * @param recording    what is recorded besides spikes.
 * @param threadsOrigin where the thread count was given ({@code file:line:column} or "--threads"), null if not.
 * @param networkInputs inputs over several populations (random_input), after the populations' own.
 * @param noiseSeed    the seed of the draws made as the network runs (inputs, reward delays), or null: the seed.
 */
public record ExperimentConfig(
    String name,
    String description,
    long seed,
    double durationMs,
    double dtMs,
    OptionalInt threads,
    Method integration,
    List<PopulationConfig> populations,
    List<ProjectionConfig> projections,
    RecordConfig recording,
    String threadsOrigin,
    List<org.izhsim.network.build.InputSpec> networkInputs,
    Long noiseSeed)
{
    /** Without network-wide inputs. */
    public ExperimentConfig(final String name, final String description, final long seed, final double durationMs,
        final double dtMs, final OptionalInt threads, final Method integration,
        final List<PopulationConfig> populations, final List<ProjectionConfig> projections, final RecordConfig recording,
        final String threadsOrigin)
    {
        this(name, description, seed, durationMs, dtMs, threads, integration, populations, projections, recording,
            threadsOrigin, List.of(), null);
    }

    /** The seed of the draws made as the network runs: {@code noise_seed}, or the seed. */
    public long effectiveNoiseSeed()
    {
        return noiseSeed != null ? noiseSeed : seed;
    }

    /** With {@code noise_seed} set to {@code newNoiseSeed}. */
    public ExperimentConfig withNoiseSeed(final long newNoiseSeed)
    {
        return new ExperimentConfig(name, description, seed, durationMs, dtMs, threads, integration,
            populations, projections, recording, threadsOrigin, networkInputs, newNoiseSeed);
    }

    /** Most steps one run takes: the engine counts steps in an int (2^31 - 1 ms, 24.8 days of 1 ms steps). */
    public static final long MAX_STEPS = Integer.MAX_VALUE;

    public ExperimentConfig
    {
        populations = List.copyOf(populations);
        projections = List.copyOf(projections);
        networkInputs = List.copyOf(networkInputs);
    }

    /**
     * @return total number of neurons N over all populations.
     */
    public int neuronCount()
    {
        final PopulationConfig last = populations.get(populations.size() - 1);
        return last.endNeuron();
    }

    /**
     * @return number of time steps to simulate.
     */
    public long steps()
    {
        return new TimeGrid(dtMs).steps(durationMs);
    }

    public Optional<PopulationConfig> population(final String populationName)
    {
        return populations.stream().filter(population -> population.name().equals(populationName)).findFirst();
    }

    public ExperimentConfig withSeed(final long newSeed)
    {
        return new ExperimentConfig(name, description, newSeed, durationMs, dtMs, threads, integration,
            populations, projections, recording, threadsOrigin, networkInputs, noiseSeed);
    }

    /**
     * @throws InputException when the duration is not positive or not a whole number of steps.
     */
    public ExperimentConfig withDurationMs(final double newDurationMs)
    {
        if (newDurationMs == Double.POSITIVE_INFINITY)
        {
            // A number beyond the double range (1e309) said "must be a finite number of ms > 0, got Infinity".
            throw new InputException("--duration is too large: beyond the largest number (1.8e308), and a run takes " +
                "at most " + MAX_STEPS + " steps (24.8 days of 1 ms steps)");
        }
        if (!Double.isFinite(newDurationMs) || newDurationMs <= 0.0)
        {
            throw new InputException("--duration must be a finite number of ms > 0, got " +
                typed(newDurationMs));
        }
        final TimeGrid grid = new TimeGrid(dtMs);
        if (newDurationMs / dtMs > MAX_STEPS)
        {
            throw new InputException("--duration " + plain(newDurationMs) + " ms " + tooManySteps(newDurationMs / dtMs));
        }
        if (grid.steps(newDurationMs) < 0)
        {
            throw new InputException("--duration must be a multiple of dt_ms = " + grid.dtText() + ", got " + newDurationMs);
        }
        return new ExperimentConfig(name, description, seed, newDurationMs, dtMs, threads, integration,
            populations, projections, recording, threadsOrigin, networkInputs, noiseSeed);
    }

    /**
     * @param newThreads worker threads, empty for "auto".
     * @throws InputException when a thread count is below 1.
     */
    public ExperimentConfig withThreads(final OptionalInt newThreads)
    {
        if (newThreads.isPresent() && newThreads.getAsInt() < 1)
        {
            throw new InputException(threadsMessage("--threads", Integer.toString(newThreads.getAsInt())));
        }
        return new ExperimentConfig(name, description, seed, durationMs, dtMs, newThreads, integration,
            populations, projections, recording, "--threads", networkInputs, noiseSeed);
    }

    /**
     * The thread count a config value or --threads gives, as the other integer keys read numbers: any whole number
     * (2, 2.0, 1e1, +2; 2.0 and 1e3 were refused with "must be a whole number"). 0 when it is not a whole number
     * >= 1; Integer.MAX_VALUE when it is one beyond an int (over every maximum).
     */
    public static int wholeThreads(final String text)
    {
        final String digits = text.startsWith("+") ? text.substring(1) : text;
        if (!org.izhsim.core.NumberSyntax.isDecimal(digits))
        {
            return 0;
        }
        final java.math.BigDecimal value;
        try
        {
            value = new java.math.BigDecimal(digits);
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
        if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0)
        {
            return 0;
        }
        return value.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) >= 0 ? Integer.MAX_VALUE :
            value.intValueExact();
    }

    /**
     * @return the message for a thread count out of range, naming the option or key.
     */
    static String threadsMessage(final String option, final String given)
    {
        return option + " must be a whole number >= 1 or auto (one per free core), got " + given;
    }

    /**
     * @param steps the steps a duration would take.
     * @return the end of the message for a duration beyond {@link #MAX_STEPS}.
     */
    static String tooManySteps(final double steps)
    {
        return "is " + plain(steps) + " steps, more than the " + MAX_STEPS + " (24.8 days of 1 ms steps) a run can take";
    }

    /** 4294967346, not 4.294967346E9; huge values as typed (1e20, not 1.00000e+20). */
    private static String plain(final double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e18 ? Long.toString((long)value) :
            typed(value);
    }
}
