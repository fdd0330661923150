package org.izhsim.core.model;

import static org.izhsim.core.ShortestDecimal.typed;

import org.izhsim.core.InputException;

/**
 * The 2007 model (Izhikevich 2007, "Dynamical Systems in Neuroscience", ch. 8, eqs. 8.5-8.6), in
 * pF, nS, mV, ms, pA:
 * <pre>
 *   C v' = k(v - vr)(v - vt) - u + I
 *   u'   = a(U(v) - u),   U(v) = b(v) (v - vr)           (linear, the default)
 *                         U(v) = 0 if v &lt; vb else b(v - vb)^3   (FS, section 8.2.6)
 *   if v >= vpeak(u):  v &lt;- c + cSlope*u,  u &lt;- min(u + d, uMax)
 * </pre>
 * The cell-type rules of sections 8.2-8.3 are plain data: b switches at {@code bSwitchV} to
 * {@code bAbove} (TC: b = 0 above -65 mV, RTN: b = 2), the cutoff moves with u
 * ({@code vpeak + peakSlope*u}: LTS -0.1, TC +0.1), the reset moves with u (LTS +0.04, TC -0.1) and u is
 * capped after a spike (LTS: 670). See {@link CellType2007} for the parameter sets.
 * <p>
 * Each rule is evaluated at the same (v, u) as the rest of the vector field, so the model is an ODE that
 * any integrator can use. The book's Euler loops (and izhi2007.m) mix time levels, e.g. choosing the TC
 * b from v(i+1) but multiplying it by v(i) - vr; those differences are O(dt) and are documented on
 * {@link CellType2007}. Immutable.
 */
public final class Izhikevich2007Model implements NeuronModel
{
    private final double capacitance;
    private final double k;
    private final double vr;
    private final double vt;
    private final double vpeak;
    private final double a;
    private final double b;
    private final double c;
    private final double d;
    private final double bSwitchV;
    private final double bAbove;
    private final double cubicVb;
    private final double peakSlope;
    private final double resetSlope;
    private final double uMax;
    private final PeakTest peakTest;

    private Izhikevich2007Model(
        final double capacitance, final double k, final double vr, final double vt, final double vpeak,
        final double a, final double b, final double c, final double d,
        final double bSwitchV, final double bAbove, final double cubicVb,
        final double peakSlope, final double resetSlope, final double uMax, final PeakTest peakTest)
    {
        if (peakSlope == 0 && resetSlope == 0 && c >= vpeak)
        {
            // Reset at or above the peak: the neuron "fired" every step (--c 50 or --vpeak -100 did).
            throw new InputException("parameter c of the 2007 model, the reset, must be below vpeak = " + typed(vpeak) +
                " mV, got " + typed(c));
        }
        this.capacitance = capacitance;
        this.k = k;
        this.vr = vr;
        this.vt = vt;
        this.vpeak = vpeak;
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.bSwitchV = bSwitchV;
        this.bAbove = bAbove;
        this.cubicVb = cubicVb;
        this.peakSlope = peakSlope;
        this.resetSlope = resetSlope;
        this.uMax = uMax;
        this.peakTest = peakTest;
    }

    /**
     * @param capacitance C in pF.
     * @param k           gain in nS/mV.
     * @param vr          resting potential in mV.
     * @param vt          instantaneous threshold in mV.
     * @param vpeak       spike cutoff in mV.
     * @param a           recovery rate in 1/ms.
     * @param b           recovery sensitivity in nS.
     * @param c           reset potential in mV.
     * @param d           after-spike jump of u in pA.
     * @return the model with a linear U(v) and the plain reset (RS, IB, CH of the book).
     * @throws InputException if a parameter is NaN or infinite, or C is not positive (a run then diverged at once,
     *                        blaming the step).
     */
    public static Izhikevich2007Model of(
        final double capacitance, final double k, final double vr, final double vt, final double vpeak,
        final double a, final double b, final double c, final double d)
    {
        return new Izhikevich2007Model(positiveCapacitance(capacitance), positiveK(k), finite("vr", vr),
            finite("vt", vt), finite("vpeak", vpeak), finite("a", a), finite("b", b), finite("c", c), finite("d", d),
            Double.POSITIVE_INFINITY, b, Double.NaN, 0.0, 0.0, Double.POSITIVE_INFINITY, PeakTest.AT_OR_ABOVE);
    }

    /**
     * @return this model with b replaced by {@code bAbove} while v &gt; {@code switchV} (TC, RTN).
     */
    public Izhikevich2007Model withVoltageDependentB(final double switchV, final double bAbove)
    {
        return new Izhikevich2007Model(capacitance, k, vr, vt, vpeak, a, b, c, d,
            finite("switch v", switchV), finite("b above the switch", bAbove), cubicVb, peakSlope, resetSlope, uMax,
            peakTest);
    }

    /**
     * @return this model with U(v) = 0 for v &lt; vb and b(v - vb)^3 above (FS).
     */
    public Izhikevich2007Model withCubicRecovery(final double vb)
    {
        return new Izhikevich2007Model(capacitance, k, vr, vt, vpeak, a, b, c, d,
            bSwitchV, bAbove, finite("vb", vb), peakSlope, resetSlope, uMax, peakTest);
    }

    /**
     * @return this model whose cutoff is {@code vpeak + peakSlope*u} and reset {@code c + resetSlope*u}.
     */
    public Izhikevich2007Model withRecoveryDependentSpike(final double peakSlope, final double resetSlope)
    {
        return new Izhikevich2007Model(capacitance, k, vr, vt, vpeak, a, b, c, d,
            bSwitchV, bAbove, cubicVb, finite("peak slope", peakSlope), finite("reset slope", resetSlope), uMax,
            peakTest);
    }

    /**
     * @return this model with u after a spike limited to {@code uMax} (LTS: 670 pA); +infinity for no cap.
     */
    public Izhikevich2007Model withRecoveryCap(final double uMax)
    {
        if (Double.isNaN(uMax))
        {
            throw new InputException("the cap of u of the 2007 model must be a number, got NaN");
        }
        return new Izhikevich2007Model(capacitance, k, vr, vt, vpeak, a, b, c, d,
            bSwitchV, bAbove, cubicVb, peakSlope, resetSlope, uMax, peakTest);
    }

    /**
     * @return this model with other a, b, c, d (the CLI's --a .. --d overrides), keeping its cell-type rules;
     * a voltage-dependent b keeps its value above the switch.
     * @throws InputException if a parameter is NaN or infinite.
     */
    public Izhikevich2007Model withAbcd(final double a, final double b, final double c, final double d)
    {
        final double above = bAbove == this.b ? b : bAbove;
        return new Izhikevich2007Model(capacitance, k, vr, vt, vpeak, finite("a", a), finite("b", b), finite("c", c),
            finite("d", d), bSwitchV, above, cubicVb, peakSlope, resetSlope, uMax, peakTest);
    }

    /**
     * @return this model with other membrane parameters (the CLI's --C, --k, --vr, --vt, --vpeak overrides).
     * @throws InputException if a parameter is NaN or infinite, or C is not positive.
     */
    public Izhikevich2007Model withMembrane(
        final double capacitance, final double k, final double vr, final double vt, final double vpeak)
    {
        return new Izhikevich2007Model(positiveCapacitance(capacitance), positiveK(k), finite("vr", vr),
            finite("vt", vt), finite("vpeak", vpeak), a, b, c, d,
            bSwitchV, bAbove, cubicVb, peakSlope, resetSlope, uMax, peakTest);
    }

    private static double finite(final String name, final double value)
    {
        if (!Double.isFinite(value))
        {
            throw new InputException("parameter " + name + " of the 2007 model must be a finite number, got " +
                typed(value));
        }
        return value;
    }

    /**
     * k > 0: every cell of the book has k of 0.25 to 1.6 nS/mV; k <= 0 turns the upstroke into a decay (the network
     * refuses it; sim neuron ran it, and with k &lt; 0 warned of an Euler overshoot at rest against a bound of +511 mV).
     */
    private static double positiveK(final double k)
    {
        if (!(k > 0.0) || Double.isInfinite(k))
        {
            throw new InputException("parameter k of the 2007 model must be a positive gain in nS/mV, got " + typed(k));
        }
        return k;
    }

    /** C divides the whole vector field: 0 made every run diverge at its first spike, blaming the step. */
    private static double positiveCapacitance(final double capacitance)
    {
        if (!(capacitance > 0.0) || Double.isInfinite(capacitance))
        {
            throw new InputException("parameter C of the 2007 model must be a positive capacitance in pF, got " +
                typed(capacitance));
        }
        return capacitance;
    }

    public Izhikevich2007Model withPeakTest(final PeakTest peakTest)
    {
        return new Izhikevich2007Model(capacitance, k, vr, vt, vpeak, a, b, c, d,
            bSwitchV, bAbove, cubicVb, peakSlope, resetSlope, uMax, peakTest);
    }

    public double capacitance()
    {
        return capacitance;
    }

    public double k()
    {
        return k;
    }

    public double vr()
    {
        return vr;
    }

    public double vt()
    {
        return vt;
    }

    public double vpeak()
    {
        return vpeak;
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

    /** @return the v above which b is {@link #bAbove()} (TC, RTN: -65 mV), +infinity for a constant b. */
    public double bSwitchV()
    {
        return bSwitchV;
    }

    /** @return b above {@link #bSwitchV()} (TC 0, RTN 2 nS); b itself for a constant b. */
    public double bAbove()
    {
        return bAbove;
    }

    /** @return vb of the cubic U(v) = b (v - vb)^3 above vb (FS: -55 mV), NaN for a linear U(v). */
    public double cubicVb()
    {
        return cubicVb;
    }

    /** @return the cutoff's slope in u, vpeak + peakSlope u (LTS -0.1, TC +0.1; 0 for a fixed cutoff). */
    public double peakSlope()
    {
        return peakSlope;
    }

    /** @return the reset's slope in u, c + resetSlope u (LTS +0.04, TC -0.1; 0 for a fixed reset). */
    public double resetSlope()
    {
        return resetSlope;
    }

    /** @return the cap of u after a spike (LTS 670 pA), +infinity for none. */
    public double uMax()
    {
        return uMax;
    }

    /** @return how v is compared with the cutoff ({@code >} for LTS and TC, as izhi2007.m). */
    public PeakTest peakTest()
    {
        return peakTest;
    }

    /**
     * @return b in force at membrane potential v.
     */
    public double b(final double v)
    {
        return v > bSwitchV ? bAbove : b;
    }

    /**
     * @return the u-nullcline U(v).
     */
    public double recoveryTarget(final double v)
    {
        if (!Double.isNaN(cubicVb))
        {
            if (v < cubicVb)
            {
                return 0.0;
            }
            final double x = v - cubicVb;
            return b * x * x * x;
        }
        return b(v) * (v - vr);
    }

    @Override
    public double dvdt(final double v, final double u, final double current)
    {
        return (k * (v - vr) * (v - vt) - u + current) / capacitance;
    }

    @Override
    public double dudt(final double v, final double u)
    {
        return a * (recoveryTarget(v) - u);
    }

    @Override
    public double peak(final double u)
    {
        return vpeak + peakSlope * u;
    }

    @Override
    public boolean reachedPeak(final double v, final double u)
    {
        return peakTest.reached(v, peak(u));
    }

    @Override
    public double resetV(final double u)
    {
        return c + resetSlope * u;
    }

    @Override
    public double resetU(final double u)
    {
        return Math.min(u + d, uMax);
    }

    @Override
    public double uBeforeReset(final double uAfter)
    {
        // At the cap (LTS: 670 pA) any u from uMax - d up gives uMax: the one before is lost.
        return uAfter < uMax ? uAfter - d : Double.NaN;
    }

    @Override
    public double vNullclineU(final double v, final double current)
    {
        return k * (v - vr) * (v - vt) + current;
    }

    @Override
    public double uNullclineU(final double v)
    {
        return recoveryTarget(v);
    }

    /**
     * vr - C / (dt k): from x = vr - v > 0 the step's quadratic term k x (x + vt - vr) dt / C exceeds x + (vt - vr),
     * carrying v past vr and vt, when k x dt / C > 1 (the network's kernel reports such a sub-step as a blow-up; at dt
     * 1 the book's FS cell went to -153 mV and fired from there).
     */
    @Override
    public double eulerOvershootBelow(final double dt)
    {
        return vr - capacitance / (dt * k);
    }

    /** The book's code starts at rest, v = vr. */
    @Override
    public double defaultV0()
    {
        return vr;
    }

    /** On the u-nullcline; at v0 = vr this is the book's u = 0. */
    @Override
    public double defaultU0(final double v0)
    {
        return recoveryTarget(v0);
    }

    @Override
    public String toString()
    {
        return "Izhikevich2007Model(C=" + capacitance + ", k=" + k + ", vr=" + vr + ", vt=" + vt +
            ", vpeak=" + vpeak + ", a=" + a + ", b=" + b + ", c=" + c + ", d=" + d + ")";
    }
}
