package org.izhsim.network.build;

import static org.izhsim.core.ShortestDecimal.typed;

import org.izhsim.core.InputException;

/**
 * The validation rules of the builder, public so that a configuration loader can run the same check
 * first and attach the file position of the offending value. Each method throws
 * {@link InputException} with a one-line message, or returns normally.
 */
public final class Checks
{
    /** Largest axonal delay the engine accepts, in 1 ms steps (the spike ring holds this many steps). */
    public static final int MAX_DELAY = 1000;

    private Checks()
    {
    }

    public static void populationSize(final String name, final long size)
    {
        if (size < 1)
        {
            throw new InputException("population '" + name + "' has size " + size + ", it needs at least 1 neuron");
        }
        if (size > MAX_NEURONS)
        {
            throw new InputException("population '" + name + "' has size " + size + ", more than this engine holds");
        }
    }

    public static void name(final String what, final String name)
    {
        if (name == null || name.isBlank())
        {
            throw new InputException(what + " name must not be empty");
        }
    }

    /** Largest total neuron count: the engine numbers neurons with ints and sizes some arrays 2 N. */
    public static final int MAX_NEURONS = Integer.MAX_VALUE / 2;

    /**
     * Most worker threads a network may ask for: far above any one machine's cores today, low enough that a
     * typo (threads: 5000000) is an error instead of a million threads.
     */
    public static final int MAX_THREADS = 1024;

    /**
     * The message for a thread count over {@link #MAX_THREADS}, the config's, the command line's or the API's;
     * {@code given} as written (it may exceed an int; a long one is cut).
     */
    public static String threadsOverMaximum(final String given)
    {
        return "threads " + (given.length() > 40 ? given.substring(0, 40) + "..." : given) + " exceeds the maximum of " +
            MAX_THREADS + " worker threads (auto: one per free core)";
    }

    /** A delay as a value: a whole number of steps, at least 1. Its maximum is checked by the plan. */
    public static void delay(final long delayMs)
    {
        if (delayMs < 1)
        {
            throw new InputException("delay " + delayMs + " ms is not allowed: delays are whole steps of 1 ms, at least 1");
        }
        if (delayMs > Integer.MAX_VALUE)
        {
            throw new InputException("delay " + delayMs + " ms exceeds the maximum of " + MAX_DELAY + " ms");
        }
    }

    /** A delay given as a real number of milliseconds must be a whole number of 1 ms steps. */
    public static int delayMillis(final double delayMs)
    {
        if (delayMs != Math.rint(delayMs) || Double.isInfinite(delayMs))
        {
            throw new InputException("delay " + delayMs + " ms is not a whole number of 1 ms steps");
        }
        delay((long)delayMs);
        return (int)delayMs;
    }

    public static void probability(final double p)
    {
        if (!(p >= 0.0 && p <= 1.0))
        {
            throw new InputException("connection probability " + p + " is outside [0, 1]");
        }
    }

    public static void degree(final String rule, final long k)
    {
        // k = 0 built a projection of no synapse, which the experiment files refuse ('k' must be > 0).
        if (k < 1)
        {
            throw new InputException(rule + " k=" + k + " must be at least 1");
        }
        if (k > Integer.MAX_VALUE)
        {
            // It was kept as 2147483647 and refused later as "k=2147483647 exceeds the 9 candidates".
            throw new InputException(rule + " k=" + k + " exceeds the candidates of any population (at most " +
                Integer.MAX_VALUE + " neurons)");
        }
    }

    /**
     * @param rule       "fixed_outdegree" or "fixed_indegree".
     * @param k          requested number of distinct partners.
     * @param candidates partners available (the population size, minus one without autapses).
     * @param population the population the partners are drawn from.
     */
    public static void degreeFits(final String rule, final long k, final long candidates, final String population)
    {
        if (k > candidates)
        {
            throw new InputException(rule + " k=" + k + " exceeds the " + candidates + " candidates in population '" +
                population + "' (partners are drawn without replacement)");
        }
    }

    public static void nonNegative(final String what, final double value)
    {
        if (!(value >= 0.0) || Double.isInfinite(value))
        {
            throw new InputException(what + " must be a finite number >= 0, got " + value);
        }
    }

    public static void finite(final String what, final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new InputException(what + " must be a finite number, got " + value);
        }
    }

    public static void range(final String what, final double lo, final double hi)
    {
        finite(what + " low", lo);
        finite(what + " high", hi);
        if (lo > hi)
        {
            throw new InputException(what + " range [" + lo + ", " + hi + "] has low > high");
        }
    }

    /**
     * A value the engine keeps as a float (a weight, a current, a neuron parameter): finite and within a float's
     * range, as the experiment files require (the Java API took 1e39, which became infinity in the float arrays).
     */
    /**
     * The largest double that rounds to a finite float: Float.MAX_VALUE as Java and numpy print it, 3.4028235e38, is a
     * little above Float.MAX_VALUE's double and was refused as outside the float range.
     */
    public static final double FLOAT_LIMIT = Math.nextDown((double)Float.MAX_VALUE + Math.ulp(Float.MAX_VALUE) / 2.0);

    public static void floatValue(final String what, final double value)
    {
        finite(what, value);
        if (Math.abs(value) > FLOAT_LIMIT)
        {
            throw new InputException(what + " " + typed(value) +
                " is outside the range a float holds (+-3.4e38)");
        }
    }

    /** Points of the [0, 1) grid on which a function of r must be finite, the experiment files' and the API's. */
    public static final int FUNCTION_GRID = 4096;

    /** Point k of that grid, k = 0 .. {@link #FUNCTION_GRID}: k / 4096, and the largest double below 1 last. */
    public static double gridPoint(final int k)
    {
        return k < FUNCTION_GRID ? (double)k / FUNCTION_GRID : Math.nextDown(1.0);
    }

    /**
     * A function of a uniform random r in [0, 1) whose values the engine keeps as floats: finite and within a
     * float's range at r = 0, the 4,095 points k / 4096 and the largest r below 1, the grid the experiment files'
     * expressions are checked on (the Java API took r -> NaN, which ran into a "numerical blow-up" blaming the input).
     */
    public static void floatFunction(final String what, final java.util.function.DoubleUnaryOperator function)
    {
        for (int k = 0; k <= FUNCTION_GRID; k++)
        {
            final double r = gridPoint(k);
            final double value = function.applyAsDouble(r);
            if (!Double.isFinite(value) || Math.abs(value) > FLOAT_LIMIT)
            {
                throw new InputException(what + " is " + value + " at r = " + r + "; it must be a finite float " +
                    "(within +-3.4e38) for every r in [0, 1)");
            }
        }
    }

    /**
     * The 2003 model's spike cutoff, mV (net.m: {@code fired = find(v>=30)}; the engine's threshold pass): a reset c
     * at or above it fires its neuron every step.
     */
    public static final double SPIKE_CUTOFF_MV = 30.0;

    /** The first point of the grid of {@link #gridPoint} where {@code function} is {@code bound} or more; NaN if none. */
    public static double firstAtOrAbove(final java.util.function.DoubleUnaryOperator function, final double bound)
    {
        for (int k = 0; k <= FUNCTION_GRID; k++)
        {
            if (function.applyAsDouble(gridPoint(k)) >= bound)
            {
                return gridPoint(k);
            }
        }
        return Double.NaN;
    }
}
