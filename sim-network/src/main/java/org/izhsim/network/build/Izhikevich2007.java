package org.izhsim.network.build;

/**
 * The population-wide constants of Izhikevich's 2007 model (Dynamical Systems in Neuroscience, MIT Press 2007, ch. 8,
 * eqs. 8.5-8.6; the simple model with the cell's capacitance and thresholds):
 * C v' = k (v - vr)(v - vt) - u + I, u' = a (b (v - vr) - u), and on v >= vpeak: v = c, u = u + d; v in mV, t in ms,
 * C in pF, I and u in pA. a, b, c and d are the neurons' own ({@link PopulationSpec#a} ...), functions of their r as
 * in the 2003 model.
 * <p>
 * The engine's step is 1 ms; the equations take {@code stepsPerMs} forward-Euler steps of 1 / stepsPerMs ms within
 * it, each as izhi2007.m (ModelDB 39948, the script that draws the book's figures) does its 0.25 ms steps: v and u from the old v and u, then the reset if v reached
 * vpeak (the book's figures use 0.25 ms, 4 steps per ms, the default; CARLsim's 9-parameter neurons default to 2,
 * {@code setIntegrationMethod(FORWARD_EULER, 2)}). A reset inside the step leaves the remaining sub-steps to go on from
 * c, as CARLsim's (snn_cpu_module.cpp) does; the neuron then has one spike in that 1 ms step, even if it reached vpeak
 * twice in it (as in CARLsim).
 *
 * @param capacitance C, pF, > 0.
 * @param k           nS/mV.
 * @param vr          resting potential, mV.
 * @param vt          instantaneous threshold potential, mV.
 * @param vpeak       spike cutoff, mV; a neuron's reset c must be below it.
 * <p>
 * {@link Rules} adds the rules of the book's LTS, FS, TC and RTN cells (a cubic or v-dependent recovery, a cutoff and
 * reset moving with u, a cap on u), as {@code sim neuron}'s {@link org.izhsim.core.model.Izhikevich2007Model} holds
 * them; {@link Rules#NONE} is the 9-parameter form above.
 *
 * @param stepsPerMs  Euler sub-steps per 1 ms step, 1 .. {@value #MAX_STEPS_PER_MS}.
 * @param rules       the cell type's rules beyond the 9-parameter form, {@link Rules#NONE} for none.
 */
public record Izhikevich2007(double capacitance, double k, double vr, double vt, double vpeak, int stepsPerMs,
    Rules rules)
{
    /** The 0.25 ms of the book's figures (izhi2007.m of ModelDB 39948, tau = 0.25). */
    public static final int DEFAULT_STEPS_PER_MS = 4;
    /**
     * The book's cells whose equations are the 9-parameter form (RS Fig. 8.12, IB Fig. 8.19, CH Fig. 8.23); LTS, FS, TC
     * and RTN add {@link Rules}.
     */
    public static final java.util.Set<org.izhsim.core.model.CellType2007> NINE_PARAMETER_CELLS = java.util.Collections
        .unmodifiableSet(java.util.EnumSet.of(org.izhsim.core.model.CellType2007.RS,
            org.izhsim.core.model.CellType2007.IB, org.izhsim.core.model.CellType2007.CH));

    /**
     * The rules of the book's LTS, FS, TC and RTN cells beyond the 9-parameter form (Izhikevich 2007, ch. 8, Figs. 8.25,
     * 8.27, 8.31, 8.32; izhi2007.m of ModelDB 39948), as sim-core's {@link org.izhsim.core.model.Izhikevich2007Model}
     * holds them and evaluated at the same v as the rest of the sub-step (see {@link
     * org.izhsim.core.model.CellType2007} for where izhi2007.m mixes time levels):
     * <pre>
     * U(v) = b (v - vr), with b replaced by bAbove while v > bSwitchV          (TC: 0 above -65 mV; RTN: 2)
     * U(v) = 0 for v &lt; cubicVb, b (v - cubicVb)^3 above                       (FS: -55 mV)
     * u' = a (U(v) - u)
     * spike when v >= vpeak + peakSlope u (v > for strictPeak: LTS, TC)       (LTS -0.1, TC +0.1)
     * then v = c + resetSlope u, u = min(u + d, uMax)                         (LTS +0.04 and 670 pA, TC -0.1)
     * </pre>
     *
     * @param bSwitchV   +infinity for a b that does not depend on v.
     * @param bAbove     b above bSwitchV, nS (NaN when bSwitchV is +infinity).
     * @param cubicVb    vb of the cubic recovery, mV; NaN for the linear one.
     * @param peakSlope  the cutoff's slope in u, mV/pA.
     * @param resetSlope the reset's slope in u, mV/pA.
     * @param uMax       the cap of u after a spike, pA; +infinity for none.
     * @param strictPeak whether the cutoff test is {@code v > cutoff} (izhi2007.m's LTS and TC).
     */
    public record Rules(double bSwitchV, double bAbove, double cubicVb, double peakSlope, double resetSlope, double uMax,
        boolean strictPeak)
    {
        /** The 9-parameter form: linear recovery, fixed cutoff and reset, no cap. */
        public static final Rules NONE = new Rules(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, 0, 0,
            Double.POSITIVE_INFINITY, false);

        /** @throws org.izhsim.core.InputException on a value no cell may have. */
        public Rules
        {
            if (bSwitchV != Double.POSITIVE_INFINITY)
            {
                Checks.finite("the v at which b switches", bSwitchV);
                Checks.floatValue("the v at which b switches", bSwitchV);
                Checks.finite("b above the switch", bAbove);
                Checks.floatValue("b above the switch", bAbove);
            }
            if (!Double.isNaN(cubicVb))
            {
                Checks.finite("vb of the cubic recovery", cubicVb);
                Checks.floatValue("vb of the cubic recovery", cubicVb);
                if (bSwitchV != Double.POSITIVE_INFINITY)
                {
                    throw new org.izhsim.core.InputException("a cubic recovery has no v-dependent b");
                }
            }
            Checks.finite("the cutoff's slope in u", peakSlope);
            Checks.floatValue("the cutoff's slope in u", peakSlope);
            Checks.finite("the reset's slope in u", resetSlope);
            Checks.floatValue("the reset's slope in u", resetSlope);
            if (Double.isNaN(uMax) || uMax == Double.NEGATIVE_INFINITY)
            {
                throw new org.izhsim.core.InputException("the cap of u must be a number or +infinity, got " + uMax);
            }
        }

        /** The rules of one of sim-core's cells (its {@link org.izhsim.core.model.CellType2007#model()}). */
        public static Rules of(final org.izhsim.core.model.Izhikevich2007Model cell)
        {
            final boolean switches = cell.bSwitchV() != Double.POSITIVE_INFINITY;
            return new Rules(cell.bSwitchV(), switches ? cell.bAbove() : Double.NaN, cell.cubicVb(), cell.peakSlope(),
                cell.resetSlope(), cell.uMax(), cell.peakTest() == org.izhsim.core.model.PeakTest.ABOVE);
        }

        /** Whether these are {@link #NONE}. */
        public boolean none()
        {
            return equals(NONE);
        }

        /** The rules in words: "U(v) = b (v + 55)^3 above -55 mV", ...; empty for {@link #NONE}. */
        public String describe()
        {
            final java.util.List<String> parts = new java.util.ArrayList<>();
            if (!Double.isNaN(cubicVb))
            {
                parts.add("U(v) = b (v" + slope(-cubicVb).replace(" u", "") + ")^3 above " + number(cubicVb) + " mV, 0 below");
            }
            if (bSwitchV != Double.POSITIVE_INFINITY)
            {
                parts.add("b = " + number(bAbove) + " above " + number(bSwitchV) + " mV");
            }
            if (peakSlope != 0 || strictPeak)
            {
                parts.add("spike at v " + (strictPeak ? ">" : ">=") + " vpeak" + slope(peakSlope));
            }
            if (resetSlope != 0)
            {
                parts.add("reset to c" + slope(resetSlope));
            }
            if (uMax != Double.POSITIVE_INFINITY)
            {
                parts.add("u <= " + number(uMax) + " pA after a spike");
            }
            return String.join(", ", parts);
        }

        private static String slope(final double slope)
        {
            return slope == 0 ? "" : (slope < 0 ? " - " : " + ") + number(Math.abs(slope)) + " u";
        }

        long bits()
        {
            long h = strictPeak ? 1 : 0;
            for (final double x : new double[] {bSwitchV, bAbove, cubicVb, peakSlope, resetSlope, uMax})
            {
                h = h * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(x);
            }
            return h;
        }
    }

    /** The 9-parameter form ({@link Rules#NONE}). */
    public Izhikevich2007(final double capacitance, final double k, final double vr, final double vt,
        final double vpeak, final int stepsPerMs)
    {
        this(capacitance, k, vr, vt, vpeak, stepsPerMs, Rules.NONE);
    }

    /** One of the book's cells ({@code sim neuron}'s izh2007 presets), its rules with it, at {@code stepsPerMs}. */
    public static Izhikevich2007 of(final org.izhsim.core.model.Izhikevich2007Model cell, final int stepsPerMs)
    {
        return new Izhikevich2007(cell.capacitance(), cell.k(), cell.vr(), cell.vt(), cell.vpeak(), stepsPerMs,
            Rules.of(cell));
    }

    /**
     * A neuron's initial u: U(v) of its b and v, in the engine's floats (b (v - vr), 0 at rest, as izhi2007.m starts;
     * the cubic or switched U(v) of {@link Rules}).
     */
    public float initialU(final float b, final float v)
    {
        if (!Double.isNaN(rules.cubicVb()))
        {
            final float vb = (float)rules.cubicVb();
            final float x = v - vb;
            return v < vb ? 0.0f : b * x * x * x;
        }
        return (v > (float)rules.bSwitchV() ? (float)rules.bAbove() : b) * (v - (float)vr);
    }

    /**
     * The highest v a neuron keeps after a step: vpeak, or +infinity for a cutoff that moves with u (any v below the
     * cutoff of the neuron's u).
     */
    public double highestV()
    {
        return rules.peakSlope() == 0 ? vpeak : Double.POSITIVE_INFINITY;
    }

    /** CARLsim's bound on its sub-steps per ms (carlsim.cpp, setIntegrationMethod). */
    public static final int MAX_STEPS_PER_MS = 100;

    /** @throws org.izhsim.core.InputException on a value no neuron may have. */
    public Izhikevich2007
    {
        Checks.finite("C", capacitance);
        Checks.floatValue("C", capacitance);
        if (!(capacitance > 0))
        {
            throw new org.izhsim.core.InputException("C, the capacitance, must be > 0 pF, got " + capacitance);
        }
        if ((float)capacitance < Float.MIN_NORMAL)
        {
            // 1e-50 passed "> 0" and became 0 as the engine's float: 0/0 at the first step.
            throw new org.izhsim.core.InputException("C, the capacitance, is " + capacitance + " pF, below the " +
                "smallest normal float (1.2e-38), which the engine computes with");
        }
        final String[] names = {"k", "vr", "vt", "vpeak"};
        final double[] values = {k, vr, vt, vpeak};
        for (int j = 0; j < names.length; j++)
        {
            Checks.finite(names[j], values[j]);
            Checks.floatValue(names[j], values[j]);
        }
        if (!(k > 0) || (float)k < Float.MIN_NORMAL)
        {
            // The book's cells have k of 0.25..1.6 nS/mV; k <= 0 turns the spike's upstroke into a decay.
            throw new org.izhsim.core.InputException("k must be > 0 nS/mV, got " + k);
        }
        if (!(vt > vr))
        {
            throw new org.izhsim.core.InputException("vt (" + vt + " mV) must be above vr (" + vr + " mV): the " +
                "threshold above the resting potential");
        }
        if (!(vpeak > vt))
        {
            throw new org.izhsim.core.InputException("vpeak (" + vpeak + " mV) must be above vt (" + vt + " mV), the " +
                "threshold the upstroke starts from");
        }
        if (stepsPerMs < 1 || stepsPerMs > MAX_STEPS_PER_MS)
        {
            throw new org.izhsim.core.InputException("steps_per_ms must be 1.." + MAX_STEPS_PER_MS + ", got " +
                stepsPerMs);
        }
        java.util.Objects.requireNonNull(rules, "rules");
    }

    /** A short description: "Izhikevich 2007 (C 100 pF, k 0.7, vr -60, vt -40, vpeak 35 mV; 4 Euler steps per ms)". */
    public String describe()
    {
        return "Izhikevich 2007 (C " + number(capacitance) + " pF, k " + number(k) + ", vr " + number(vr) + ", vt " +
            number(vt) + ", vpeak " + number(vpeak) + " mV; " + (rules.none() ? "" : rules.describe() + "; ") +
            stepsPerMs + " Euler step" + (stepsPerMs == 1 ? "" : "s") + " per ms; currents in pA)";
    }

    /** A hash of the constants, the same in every JVM, for checkpoints' fingerprints and ranks' shapes. */
    public long bits()
    {
        long h = stepsPerMs;
        for (final double x : new double[] {capacitance, k, vr, vt, vpeak})
        {
            h = h * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(x);
        }
        // The 9-parameter form keeps the hash it had before the rules existed (checkpoints made then resume).
        return rules.none() ? h : h * 0x9E3779B97F4A7C15L + rules.bits();
    }

    private static String number(final double x)
    {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
