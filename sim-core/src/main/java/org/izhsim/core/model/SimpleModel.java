package org.izhsim.core.model;

import static org.izhsim.core.ShortestDecimal.typed;

import org.izhsim.core.InputException;

/**
 * The 2003 "simple model" (Izhikevich 2003, IEEE TNN 14:1569, eqs. 1-3):
 * <pre>
 *   v' = k2*v^2 + k1*v + k0 - u + I        (k2, k1, k0 = 0.04, 5, 140)
 *   u' = a*(b*v - u)
 *   if v >= 30: v &lt;- c, u &lt;- u + d
 * </pre>
 * with the two panel-specific changes of Izhikevich 2004 (IEEE TNN 15:1063) Fig. 1, as in its figure1.m:
 * panels G and L use the quadratic 0.04v^2 + 4.1v + 108 ({@link #withQuadratic}); panel R
 * "accommodation" uses {@code u' = a*b*(v + 65)} ({@link #withAccommodation}).
 * <p>
 * Immutable. The quadratic is evaluated as {@code k2*(v*v) + k1*v + k0 - u + I}, the order of the
 * published {@code 0.04*V^2+5*V+140-u+I}, so that the presets reproduce the MATLAB arithmetic.
 */
public final class SimpleModel implements NeuronModel
{
    /** Spike cutoff of the 2003 model (mV). */
    public static final double PEAK = 30.0;

    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double k2;
    private final double k1;
    private final double k0;
    private final boolean accommodation;
    private final PeakTest peakTest;

    private SimpleModel(
        final double a, final double b, final double c, final double d,
        final double k2, final double k1, final double k0,
        final boolean accommodation, final PeakTest peakTest)
    {
        if (c >= 30.0)
        {
            // Reset at or above the cutoff: the neuron "fired" every step (--c 40 gave a spike every 0.25 ms).
            throw new InputException("parameter c of the 2003 model, the reset, must be below the spike cutoff of " +
                "30 mV, got " + typed(c));
        }
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.k2 = k2;
        this.k1 = k1;
        this.k0 = k0;
        this.accommodation = accommodation;
        this.peakTest = peakTest;
    }

    /**
     * @return the standard model (quadratic 0.04, 5, 140; u' = a(bv - u); reset when v >= 30).
     * @throws InputException if a parameter is NaN or infinite (a run then diverged at once, blaming the step).
     */
    public static SimpleModel of(final double a, final double b, final double c, final double d)
    {
        return new SimpleModel(finite("a", a), finite("b", b), finite("c", c), finite("d", d), 0.04, 5.0, 140.0, false,
            PeakTest.AT_OR_ABOVE);
    }

    /**
     * @return this model with v' = k2*v^2 + k1*v + k0 - u + I (2004 Fig. 1 G, L: 0.04, 4.1, 108).
     * @throws InputException if a coefficient is NaN or infinite.
     */
    public SimpleModel withQuadratic(final double k2, final double k1, final double k0)
    {
        return new SimpleModel(a, b, c, d, finite("k2", k2), finite("k1", k1), finite("k0", k0), accommodation,
            peakTest);
    }

    /**
     * @return this model with u' = a*b*(v + 65) (2004 Fig. 1 R, "accommodation").
     */
    public SimpleModel withAccommodation()
    {
        return new SimpleModel(a, b, c, d, k2, k1, k0, true, peakTest);
    }

    /**
     * @return this model with other a, b, c, d (the CLI's --a .. --d overrides), keeping its equation variant.
     * @throws InputException if a parameter is NaN or infinite.
     */
    public SimpleModel withAbcd(final double a, final double b, final double c, final double d)
    {
        return new SimpleModel(finite("a", a), finite("b", b), finite("c", c), finite("d", d), k2, k1, k0,
            accommodation, peakTest);
    }

    private static double finite(final String name, final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new InputException("parameter " + name + " of the 2003 model must be a finite number, got " +
                typed(value));
        }
        return value;
    }

    /**
     * @return this model with the given comparison against the 30 mV cutoff.
     */
    public SimpleModel withPeakTest(final PeakTest peakTest)
    {
        return new SimpleModel(a, b, c, d, k2, k1, k0, accommodation, peakTest);
    }

    public double a()
    {
        return a;
    }

    public double b()
    {
        return b;
    }

    public double c()
    {
        return c;
    }

    public double d()
    {
        return d;
    }

    public double k2()
    {
        return k2;
    }

    public double k1()
    {
        return k1;
    }

    public double k0()
    {
        return k0;
    }

    public boolean accommodation()
    {
        return accommodation;
    }

    public PeakTest peakTest()
    {
        return peakTest;
    }

    @Override
    public double dvdt(final double v, final double u, final double current)
    {
        return k2 * (v * v) + k1 * v + k0 - u + current;
    }

    @Override
    public double dudt(final double v, final double u)
    {
        return accommodation ? a * (b * (v + 65.0)) : a * (b * v - u);
    }

    @Override
    public double peak(final double u)
    {
        return PEAK;
    }

    @Override
    public boolean reachedPeak(final double v, final double u)
    {
        return peakTest.reached(v, PEAK);
    }

    @Override
    public double resetV(final double u)
    {
        return c;
    }

    @Override
    public double resetU(final double u)
    {
        return u + d;
    }

    @Override
    public double uBeforeReset(final double uAfter)
    {
        return uAfter - d;
    }

    @Override
    public double vNullclineU(final double v, final double current)
    {
        return k2 * (v * v) + k1 * v + k0 + current;
    }

    @Override
    public double uNullclineU(final double v)
    {
        return accommodation ? Double.NaN : b * v;
    }

    /** The 2003 network code (net.m) starts every neuron at v = -65. */
    @Override
    public double defaultV0()
    {
        return -65.0;
    }

    /** {@code u = b*v0} as in net.m and figure1.m, also for the accommodation variant. */
    @Override
    public double defaultU0(final double v0)
    {
        return b * v0;
    }

    @Override
    public String toString()
    {
        return "SimpleModel(a=" + a + ", b=" + b + ", c=" + c + ", d=" + d +
            ", v'=" + k2 + "v^2+" + k1 + "v+" + k0 + "-u+I" +
            (accommodation ? ", u'=a*b*(v+65)" : ", u'=a(bv-u)") + ", spike when v " +
            (peakTest == PeakTest.ABOVE ? ">" : ">=") + " 30)";
    }
}
