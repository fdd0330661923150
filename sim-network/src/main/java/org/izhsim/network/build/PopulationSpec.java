package org.izhsim.network.build;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A population of 2003-model neurons (Izhikevich 2003, eqs. 1-3): v' = 0.04 v^2 + 5 v + 140 - u + I,
 * u' = a (b v - u), and on v >= 30 mV: v = c, u = u + d; or of the 2007 model ({@link #izhikevich2007}), or of spike
 * sources ({@link #poisson}, {@link #spikeTimes}).
 * <p>
 * Heterogeneity as in net.m: each neuron draws one uniform r in [0, 1) and every parameter is a function
 * of that same r (for example c = -65 + 15 r^2 and d = 8 - 6 r^2 for excitatory cells), so a neuron is a
 * point on a line between cell types rather than an independent mix. Defaults are the regular-spiking cell
 * of the paper's Fig. 2 (a = 0.02, b = 0.2, c = -65, d = 8). The initial state is v = initialV (default -65,
 * as in net.m; or a function of a second uniform number of the neuron, independent of its parameters' r, as
 * poly_spnet.cpp's v = -65 + 10 rand, line 169) and u = b v.
 */
public final class PopulationSpec
{
    private final String name;
    private final int size;
    private DoubleUnaryOperator a = r -> 0.02;
    private DoubleUnaryOperator b = r -> 0.2;
    private DoubleUnaryOperator c = r -> -65.0;
    private DoubleUnaryOperator d = r -> 8.0;
    private DoubleUnaryOperator initialV = r -> -65.0;
    private String origin;
    /** The rate of a Poisson source population, Hz; NaN for neurons of the 2003 model. */
    private double poissonRateHz = Double.NaN;
    /** The spike times of a spike-times source population, ms, each neuron's ascending; null for other populations. */
    private long[][] spikeTimesMs;
    /** The period after which a spike-times source repeats its times, ms; 0: it fires each time once. */
    private long repeatEveryMs;
    /** The 2007 model's constants of a population of 2007-model neurons; null for the 2003 model and sources. */
    private Izhikevich2007 model2007;
    /** Whether c was given (the 2003 default of -65 mV is checked against a 2007 vpeak only when it was). */
    private boolean cGiven;
    /** Which of a, b, c, d (bits 1, 2, 4, 8) were given: a 2007 population keeping a 2003 default is refused. */
    private int given;

    private PopulationSpec(final String name, final int size)
    {
        this.name = name;
        this.size = size;
    }

    /**
     * The longest population name: spikes.h5 (jHDF 0.13) lost a group named with 255 or more characters, unreadable
     * to h5dump and libhdf5 alike, without a word; 200 leaves room for file names built from it.
     */
    public static final int MAX_NAME_LENGTH = 200;

    /** The refusal of a name over {@link #MAX_NAME_LENGTH} characters, shortened. */
    public static String longName(final String name)
    {
        return "population name '" + name.substring(0, 20) + "...' has " + name.length() + " characters, at most " +
            MAX_NAME_LENGTH;
    }

    /**
     * Why {@code name} is not a population's name, or null; the experiment files' reader and the builder both ask here.
     *
     * @param quoted the name as the message shows it.
     */
    public static String nameProblem(final String name, final String quoted)
    {
        // A comma or a space broke spikes.csv's and rates.csv's columns.
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*"))
        {
            // "letters" alone was read as any letter: 'exç' was refused by a rule it seemed to meet.
            return "population name " + quoted + " must start with an ASCII letter and hold only ASCII letters (A-Z, " +
                "a-z), digits and '_'";
        }
        if (name.matches("null|Null|NULL"))
        {
            // A YAML file's unquoted 'from: null' is no value, so a population of this name could be declared but not
            // connected (unless quoted in every projection).
            return "population name " + quoted + " is what YAML reads as no value where it is unquoted (from: " + name +
                "): name it otherwise";
        }
        return null;
    }

    /** @throws org.izhsim.core.InputException if the name is empty or the size below 1. */
    public static PopulationSpec of(final String name, final long size)
    {
        Checks.name("population", name);
        final String problem = nameProblem(name, "'" + name + "'");
        if (problem != null)
        {
            throw new org.izhsim.core.InputException(problem);
        }
        if (name.length() > MAX_NAME_LENGTH)
        {
            throw new org.izhsim.core.InputException(longName(name));
        }
        Checks.populationSize(name, size);
        return new PopulationSpec(name, (int)size);
    }

    /** Parameter a (recovery time scale, 1/ms) as a function of the neuron's r. */
    public PopulationSpec a(final DoubleUnaryOperator a)
    {
        equations("parameter a");
        Checks.floatFunction("parameter a of population '" + name + "'", Objects.requireNonNull(a, "a"));
        this.a = a;
        given |= 1;
        return this;
    }

    /** Parameter b (sensitivity of u to v) as a function of the neuron's r. */
    public PopulationSpec b(final DoubleUnaryOperator b)
    {
        equations("parameter b");
        Checks.floatFunction("parameter b of population '" + name + "'", Objects.requireNonNull(b, "b"));
        this.b = b;
        given |= 2;
        return this;
    }

    /** Parameter c (reset potential, mV) as a function of the neuron's r. */
    public PopulationSpec c(final DoubleUnaryOperator c)
    {
        equations("parameter c");
        Checks.floatFunction("parameter c of population '" + name + "'", Objects.requireNonNull(c, "c"));
        resetBelowCutoff(c);
        this.c = c;
        this.cGiven = true;
        given |= 4;
        return this;
    }

    /** Reset at or above the cutoff (v >= 30 mV, or vpeak, is a spike): the neuron would fire every step. */
    private void resetBelowCutoff(final DoubleUnaryOperator c)
    {
        final double r = Checks.firstAtOrAbove(c, spikeCutoffMv());
        if (!Double.isNaN(r))
        {
            throw new org.izhsim.core.InputException("parameter c of population '" + name + "' is " +
                c.applyAsDouble(r) + " at r = " + r + "; the reset must be below the spike cutoff of " +
                (model2007 != null ? "vpeak = " + model2007.vpeak() : "30") + " mV");
        }
    }

    /** The v at or above which a neuron of this population spikes: 30 mV (2003 model), or the 2007 model's vpeak. */
    public double spikeCutoffMv()
    {
        return model2007 != null ? model2007.vpeak() : Checks.SPIKE_CUTOFF_MV;
    }

    /**
     * Makes this a population of neurons of Izhikevich's 2007 model ({@link Izhikevich2007}; Dynamical Systems in
     * Neuroscience, ch. 8): C, k, vr, vt and vpeak for the whole population, a, b, c and d the neurons' own (give them
     * before or after this call: the plan refuses a 2007 population missing any, the 2003 defaults being no 2007 cell), v starting at vr (u at b (v - vr)) unless {@link
     * #initialV} says otherwise after this call; their input, the weights of projections into them and their
     * drives are currents in pA.
     */
    public PopulationSpec izhikevich2007(final Izhikevich2007 model)
    {
        java.util.Objects.requireNonNull(model, "model");
        equations("2007 model");
        final Izhikevich2007 before = model2007;
        model2007 = model;
        try
        {
            if (cGiven)
            {
                resetBelowCutoff(c);
            }
        }
        catch (final org.izhsim.core.InputException ex)
        {
            model2007 = before;
            throw ex;
        }
        return initialV(model.vr());
    }

    /**
     * Makes this a population of one of the book's cells (RS, IB, CH, LTS, FS, TC, RTN; the last four with their {@link
     * Izhikevich2007.Rules}), its values as {@code sim neuron}'s izh2007 presets hold them, with {@code stepsPerMs} Euler
     * steps per ms.
     */
    public PopulationSpec izhikevich2007(final org.izhsim.core.model.CellType2007 type, final int stepsPerMs)
    {
        final org.izhsim.core.model.Izhikevich2007Model cell = java.util.Objects.requireNonNull(type, "type").model();
        return izhikevich2007(Izhikevich2007.of(cell, stepsPerMs)).parameters(cell.a(), cell.b(), cell.c(), cell.d());
    }

    /** The 2007 model's constants of this population, or null for a population of the 2003 model or of sources. */
    public Izhikevich2007 model2007()
    {
        return model2007;
    }

    /** Parameter d (after-spike increment of u) as a function of the neuron's r. */
    public PopulationSpec d(final DoubleUnaryOperator d)
    {
        equations("parameter d");
        Checks.floatFunction("parameter d of population '" + name + "'", Objects.requireNonNull(d, "d"));
        this.d = d;
        given |= 8;
        return this;
    }

    /**
     * For a population of the 2007 model, the parameters among a, b, c, d it was not given ("a, b, c, d"), which
     * would keep the 2003 model's defaults (0.02, 0.2, -65, 8: no 2007 cell; the book's RS then fired no spike at 70
     * pA where its own values fire two); null when all were given, and for the 2003 model and sources.
     */
    public String missing2007Parameters()
    {
        if (model2007 == null || given == 15)
        {
            return null;
        }
        final java.util.List<String> missing = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            if ((given & 1 << i) == 0)
            {
                missing.add(String.valueOf("abcd".charAt(i)));
            }
        }
        return String.join(", ", missing);
    }

    /** The same a, b, c, d for every neuron. */
    public PopulationSpec parameters(final double a, final double b, final double c, final double d)
    {
        Checks.floatValue("parameter a of population '" + name + "'", a);
        Checks.floatValue("parameter b of population '" + name + "'", b);
        Checks.floatValue("parameter c of population '" + name + "'", c);
        Checks.floatValue("parameter d of population '" + name + "'", d);
        return a(r -> a).b(r -> b).c(r -> c).d(r -> d);
    }

    /** Initial membrane potential in mV (u starts at b v; for the 2007 model at b (v - vr)). */
    public PopulationSpec initialV(final double initialV)
    {
        Checks.finite("initial v of population '" + name + "'", initialV);
        Checks.floatValue("initial v of population '" + name + "'", initialV);
        return initialV(r -> initialV);
    }

    /**
     * Initial membrane potential in mV as a function of a uniform number in [0, 1) of each neuron's own, drawn
     * apart from the r of its parameters (poly_spnet.cpp line 169: {@code v = -65 + 10 rand}); u starts at b v.
     */
    public PopulationSpec initialV(final DoubleUnaryOperator initialV)
    {
        equations("initial v");
        Checks.floatFunction("initial v of population '" + name + "'", Objects.requireNonNull(initialV, "initialV"));
        this.initialV = initialV;
        return this;
    }

    /**
     * Makes this a population of Poisson spike sources (as Brian2's {@code PoissonGroup}, PyNN's
     * {@code SpikeSourcePoisson} or NEST's {@code poisson_generator} into {@code parrot_neuron}s): each neuron fires in
     * a 1 ms step with probability {@code rateHz} / 1000, independently of every other neuron and step (the Bernoulli
     * approximation of a Poisson process at the network's step that Brian2's PoissonGroup makes, {@code rand() <
     * rates * dt}; at most one spike per step, so at most 1000 Hz), drawn from the counter-based generator under
     * the noise seed. The neurons integrate nothing: no projection or input may reach them; their v is -65 mV, 30 mV
     * in a step in which they fire, their u 0. They send spikes through projections as any neuron does, so plastic
     * synapses learn from them (Song, Miller and Abbott 2000, Fig. 1: 1000 Poisson inputs onto one neuron).
     */
    public PopulationSpec poisson(final double rateHz)
    {
        alreadyASource();
        if (!(rateHz >= 0.0 && rateHz <= MAX_POISSON_SOURCE_HZ))
        {
            throw new org.izhsim.core.InputException("the Poisson rate of population '" + name + "' must be in [0, " +
                (int)MAX_POISSON_SOURCE_HZ + "] Hz (at most one spike per 1 ms step), got " + rateHz);
        }
        parameters(0.0, 0.0, SOURCE_REST_MV, 0.0).initialV(SOURCE_REST_MV);
        this.poissonRateHz = rateHz;
        return this;
    }

    /**
     * Makes this a population of spike sources that fire at given times (PyNN's {@code SpikeSourceArray}, NEST's
     * {@code spike_generator}, Brian2's {@code SpikeGeneratorGroup}): neuron i fires in the steps {@code timesMs[i]}
     * (whole ms from the run's start, at most once per step), and, with {@code repeatEveryMs} > 0, again every
     * {@code repeatEveryMs} ms after (its times then lie below it): the pairing protocols of STDP experiments (a pre
     * and a post spike 10 ms apart, once a second). As for {@link #poisson}, nothing may reach its neurons, whose v
     * is 30 mV in a step they fire, -65 mV otherwise.
     *
     * @param timesMs one array per neuron ({@code size} of them), in any order, no time twice.
     */
    public PopulationSpec spikeTimes(final long[][] timesMs, final long repeatEveryMs)
    {
        java.util.Objects.requireNonNull(timesMs, "timesMs");
        alreadyASource();
        if (timesMs.length != size)
        {
            throw new org.izhsim.core.InputException("the spike times of population '" + name + "' are " +
                timesMs.length + " lists, one per neuron: it has " + size);
        }
        if (repeatEveryMs < 0)
        {
            throw new org.izhsim.core.InputException("the repeat period of population '" + name + "' must be >= 1 ms " +
                "(0: no repeat), got " + repeatEveryMs);
        }
        final long[][] sorted = new long[size][];
        for (int i = 0; i < size; i++)
        {
            sorted[i] = java.util.Objects.requireNonNull(timesMs[i], "the times of a neuron").clone();
            java.util.Arrays.sort(sorted[i]);
            for (int k = 0; k < sorted[i].length; k++)
            {
                final String problem = spikeTimeProblem(sorted[i], k, repeatEveryMs);
                if (problem != null)
                {
                    throw new org.izhsim.core.InputException("neuron " + i + " of population '" + name + "': " +
                        problem);
                }
            }
        }
        parameters(0.0, 0.0, SOURCE_REST_MV, 0.0).initialV(SOURCE_REST_MV);
        this.spikeTimesMs = sorted;
        this.repeatEveryMs = repeatEveryMs;
        return this;
    }

    /**
     * Why the {@code k}-th of a neuron's ascending spike times is refused, or null; the experiment files' reader
     * asks here too, to name the time in the file.
     */
    public static String spikeTimeProblem(final long[] ascending, final int k, final long repeatEveryMs)
    {
        final long t = ascending[k];
        if (t < 0 || t > Integer.MAX_VALUE)
        {
            return "spike time " + t + " ms is outside 0.." + Integer.MAX_VALUE + " ms (the run's steps)";
        }
        if (repeatEveryMs > 0 && t >= repeatEveryMs)
        {
            return "spike time " + t + " ms is not below the repeat period of " + repeatEveryMs + " ms";
        }
        if (k > 0 && ascending[k - 1] == t)
        {
            return "spike time " + t + " ms is given twice (a source fires at most once per 1 ms step)";
        }
        return null;
    }

    private void alreadyASource()
    {
        if (model2007 != null)
        {
            throw new org.izhsim.core.InputException("population '" + name + "' is of the 2007 model: it cannot " +
                "be a spike source too");
        }
        if (isSource())
        {
            throw new org.izhsim.core.InputException("population '" + name + "' is a spike source (" + sourceKind() +
                ") already");
        }
    }

    /** A source has no equations: setting a, b, c, d or v0 of one would change nothing it does. */
    private void equations(final String what)
    {
        if (isSource())
        {
            throw new org.izhsim.core.InputException("population '" + name + "' is a spike source (" + sourceKind() +
                "): it has no " + what);
        }
    }

    /**
     * The refusal of a projection or an input into a spike source population: {@code what} is its subject and verb
     * ("projection 'b->in' ends in", "random_input reaches"); the experiment files' reader and the plan both say it.
     */
    public static String reachesSource(final String what, final String population, final String kind)
    {
        return what + " population '" + population + "', a spike source (" + kind + ") that only sends spikes: " +
            "nothing may reach it";
    }

    /** Whether this population is made of spike sources (Poisson or given times), which integrate nothing. */
    public boolean isSource()
    {
        return isPoissonSource() || spikeTimesMs != null;
    }

    /** The model name of a source population, {@code model: poisson} or {@code model: spike_times}; null otherwise. */
    public String sourceKind()
    {
        return isPoissonSource() ? "model: poisson" : spikeTimesMs != null ? "model: spike_times" : null;
    }

    /** Each neuron's ascending spike times (ms) of a spike-times source population; null for other populations. */
    public long[][] spikeTimesMs()
    {
        return spikeTimesMs;
    }

    /** The repeat period of a spike-times source population, ms; 0 when its times are not repeated. */
    public long repeatEveryMs()
    {
        return repeatEveryMs;
    }

    /** A Poisson source fires at most once per 1 ms step. */
    public static final double MAX_POISSON_SOURCE_HZ = 1000.0;

    /** The v of a Poisson source neuron between its spikes (its reset c and initial v), mV. */
    public static final double SOURCE_REST_MV = -65.0;

    /** Whether this is a population of Poisson spike sources, {@link #poisson}. */
    public boolean isPoissonSource()
    {
        return !Double.isNaN(poissonRateHz);
    }

    /** The rate of a Poisson source population, Hz; NaN for a population of 2003-model neurons. */
    public double poissonRateHz()
    {
        return poissonRateHz;
    }

    /** Where the population was written, e.g. {@code "exp.yaml:4:3"}, for messages about it; null if unknown. */
    public PopulationSpec origin(final String origin)
    {
        this.origin = Objects.requireNonNull(origin, "origin");
        return this;
    }

    public String origin()
    {
        return origin;
    }

    public String name()
    {
        return name;
    }

    public int size()
    {
        return size;
    }

    public DoubleUnaryOperator a()
    {
        return a;
    }

    public DoubleUnaryOperator b()
    {
        return b;
    }

    public DoubleUnaryOperator c()
    {
        return c;
    }

    public DoubleUnaryOperator d()
    {
        return d;
    }

    /** The initial membrane potential as a function of the neuron's second uniform number. */
    public DoubleUnaryOperator initialV()
    {
        return initialV;
    }
}
