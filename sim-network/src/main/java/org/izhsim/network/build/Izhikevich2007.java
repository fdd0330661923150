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
 * @param stepsPerMs  Euler sub-steps per 1 ms step, 1 .. {@value #MAX_STEPS_PER_MS}.
 */
public record Izhikevich2007(double capacitance, double k, double vr, double vt, double vpeak, int stepsPerMs)
{
    /** The 0.25 ms of the book's figures (izhi2007.m of ModelDB 39948, tau = 0.25). */
    public static final int DEFAULT_STEPS_PER_MS = 4;
    /**
     * The book's cells whose equations are the 9-parameter form (RS Fig. 8.12, IB Fig. 8.19, CH Fig. 8.23); LTS, FS, TC
     * and RTN add rules (a cutoff and reset moving with u, a cap on u, a cubic or v-dependent recovery) that the
     * network's kernel does not integrate.
     */
    public static final java.util.Set<org.izhsim.core.model.CellType2007> NINE_PARAMETER_CELLS = java.util.Collections
        .unmodifiableSet(java.util.EnumSet.of(org.izhsim.core.model.CellType2007.RS,
            org.izhsim.core.model.CellType2007.IB, org.izhsim.core.model.CellType2007.CH));

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
    }

    /** A short description: "Izhikevich 2007 (C 100 pF, k 0.7, vr -60, vt -40, vpeak 35 mV; 4 Euler steps per ms)". */
    public String describe()
    {
        return "Izhikevich 2007 (C " + number(capacitance) + " pF, k " + number(k) + ", vr " + number(vr) + ", vt " +
            number(vt) + ", vpeak " + number(vpeak) + " mV; " + stepsPerMs + " Euler step" + (stepsPerMs == 1 ? "" :
            "s") + " per ms; currents in pA)";
    }

    /** A hash of the constants, the same in every JVM, for checkpoints' fingerprints and ranks' shapes. */
    public long bits()
    {
        long h = stepsPerMs;
        for (final double x : new double[] {capacitance, k, vr, vt, vpeak})
        {
            h = h * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(x);
        }
        return h;
    }

    private static String number(final double x)
    {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
