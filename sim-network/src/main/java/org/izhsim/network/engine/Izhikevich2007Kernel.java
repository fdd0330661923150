package org.izhsim.network.engine;

import org.izhsim.network.build.Izhikevich2007;

/**
 * One 1 ms step of a population of Izhikevich's 2007 model ({@link Izhikevich2007}) over neurons {@code first ..
 * end - 1}: {@code stepsPerMs} forward-Euler steps of tau = 1 / stepsPerMs ms, each as izhi2007.m (ModelDB 39948, the
 * MATLAB script that draws the figures of Izhikevich 2007, Dynamical Systems in Neuroscience, ch. 8) writes its step:
 * <pre>
 * v(i+1) = v(i) + tau*(k*(v(i)-vr)*(v(i)-vt) - u(i) + I)/C;
 * u(i+1) = u(i) + tau*a*(b*(v(i)-vr) - u(i));
 * if v(i+1) >= vpeak: v(i+1) = c; u(i+1) = u(i+1) + d;
 * </pre>
 * in float, the input I held over the 1 ms (as CARLsim holds a step's current over its sub-steps). The reset is made
 * in the sub-step that reached vpeak, and the neuron's spike flag set: the threshold pass ({@link
 * Worker#detectAndReset}) records the spike and clears the flag; a v of +infinity is not reset (it is no spike but
 * a blow-up, which that pass reports), nor is NaN.
 */
final class Izhikevich2007Kernel
{
    /** v of a neuron whose sub-step was unstable: a NaN the blow-up report tells by its bits. */
    private static final float UNSTABLE = Float.intBitsToFloat(
        org.izhsim.network.record.NumericalBlowUp.UNSTABLE_STEP_BITS);
    /** v of a neuron whose sub-step's conductance made it unstable (tau g / C >= 1). */
    private static final float UNSTABLE_CONDUCTANCE = Float.intBitsToFloat(
        org.izhsim.network.record.NumericalBlowUp.UNSTABLE_CONDUCTANCE_2007_BITS);

    final int first;
    final int end;
    private final float capacitance;
    private final float k;
    private final float vr;
    private final float vt;
    final float vpeak;
    private final float tau;
    /**
     * vr - C / (tau k): below it, the quadratic term alone carries v past vr and vt in one sub-step (with x = vr - v > 0
     * and vt > vr, v + tau k x (x + vt - vr) / C > vt reduces to tau k x / C > 1). One comparison per sub-step; the
     * test written out took the kernel from 10.7 to 16-18 ns per neuron and 1 ms step (NeuronUpdateBenchmark).
     */
    private final float overshoot;
    /** tau / C: a conductance g with tau g / C >= 1 makes the sub-step unstable. */
    private final float tauOverC;
    private final int steps;
    /** Whether the population has the book's LTS, FS, TC or RTN rules ({@link Izhikevich2007.Rules}). */
    private final boolean ruled;
    private final boolean cubic;
    private final float cubicVb;
    private final float bSwitchV;
    private final float bAbove;
    private final float peakSlope;
    private final float resetSlope;
    private final float uMax;
    private final boolean strictPeak;

    Izhikevich2007Kernel(final int first, final int end, final Izhikevich2007 model)
    {
        final Izhikevich2007.Rules rules = model.rules();
        this.ruled = !rules.none();
        this.cubic = !Double.isNaN(rules.cubicVb());
        this.cubicVb = (float)rules.cubicVb();
        this.bSwitchV = (float)rules.bSwitchV();
        this.bAbove = (float)rules.bAbove();
        this.peakSlope = (float)rules.peakSlope();
        this.resetSlope = (float)rules.resetSlope();
        this.uMax = (float)rules.uMax();
        this.strictPeak = rules.strictPeak();
        this.first = first;
        this.end = end;
        this.capacitance = (float)model.capacitance();
        this.k = (float)model.k();
        this.vr = (float)model.vr();
        this.vt = (float)model.vt();
        this.vpeak = (float)model.vpeak();
        this.tau = 1.0f / model.stepsPerMs();
        this.overshoot = (float)(model.vr() - model.capacitance() * model.stepsPerMs() / model.k());
        this.tauOverC = (float)(1.0 / (model.stepsPerMs() * model.capacitance()));
        this.steps = model.stepsPerMs();
    }

    /** One 1 ms step of the neurons {@code max(first, from) .. min(end, to) - 1}. */
    void step(final NeuronArrays state, final byte[] spiked, final int from, final int to)
    {
        if (ruled)
        {
            stepWithRules(state, spiked, from, to, null, null);
            return;
        }
        final float[] v = state.v;
        final float[] u = state.u;
        final float[] a = state.a;
        final float[] b = state.b;
        final float[] c = state.c;
        final float[] d = state.d;
        final float[] input = state.input;
        final int lo = Math.max(first, from);
        final int hi = Math.min(end, to);
        for (int i = lo; i < hi; i++)
        {
            float vi = v[i];
            float ui = u[i];
            final float in = input[i];
            final float ai = a[i];
            final float bi = b[i];
            byte fired = 0;
            boolean unstable = false;
            for (int s = 0; s < steps; s++)
            {
                float vn = vi + tau * (k * (vi - vr) * (vi - vt) - ui + in) / capacitance;
                float un = ui + tau * ai * (bi * (vi - vr) - ui);
                unstable |= vi < overshoot;
                if (vn >= vpeak && vn < Float.POSITIVE_INFINITY)
                {
                    vn = c[i];
                    un += d[i];
                    // The crossings of the step: one spike, the others counted as merged into it.
                    fired = (byte)Math.min(fired + 1, Byte.MAX_VALUE);
                }
                vi = vn;
                ui = un;
            }
            // A blow-up, reported as one by the threshold pass (see unstable()).
            v[i] = unstable ? UNSTABLE : vi;
            u[i] = ui;
            spiked[i] = fired;
        }
    }

    /*
     * unstable: the quadratic term alone carried v from below vr to above vt in one sub-step. From below vr the
     * equation's flow rises to the stable rest point near vr and stops there; crossing it and vt as well is the Euler
     * step overshooting, which a strong hyperpolarising input makes (about -15 nA into the book's RS cell at 1 step
     * per ms, -400 nA at 4: v -60 -> -210 -> -31.5, then a spike), and which the 2003 model's kernel lets grow into an
     * infinity. The neuron's v is set to NaN, which the threshold pass reports as a numerical blow-up instead of a
     * spike that the equations never make.
     */

    /** Fills a range of the synaptic current array from the v of that range. */
    interface SynapticCurrent
    {
        void compute(float[] v, int from, int to);

        /** Neuron i's synaptic conductance at the v of the last {@link #compute} (NMDA with its Mg2+ gate), nS. */
        float conductance(int i);
    }

    /**
     * {@link #step} with conductance synapses: before each sub-step the synaptic current of the neurons' v of that
     * sub-step ({@code current} fills {@code synaptic}), added to the step's input; sub-steps outside, neurons inside,
     * so the current is computed over the range at once. The loop of {@link #stepWithRules}, whose rules of the
     * 9-parameter form ({@link Izhikevich2007.Rules#NONE}: b for every v, the cutoff vpeak + 0 u, the reset c + 0 u, u
     * uncapped) give {@link #step}'s arithmetic for every finite v and u.
     */
    void stepWithConductances(final NeuronArrays state, final byte[] spiked, final int from, final int to,
        final float[] synaptic, final SynapticCurrent current)
    {
        stepWithRules(state, spiked, from, to, synaptic, current);
    }

    /**
     * {@link #step} (synaptic null) of a population with the book's rules, or {@link #stepWithConductances} of any
     * ({@link Izhikevich2007.Rules}; sim-core's {@link org.izhsim.core.model.Izhikevich2007Model} evaluates them alike),
     * each sub-step from the old v and u as izhi2007.m's:
     * <pre>
     * v(i+1) = v(i) + tau*(k*(v(i)-vr)*(v(i)-vt) - u(i) + I)/C;
     * u(i+1) = u(i) + tau*a*(U(v(i)) - u(i));      U: cubic above vb (FS), or b switched above bSwitchV (TC, RTN)
     * if v(i+1) >= vpeak + peakSlope*u(i+1)         (> for LTS and TC): v(i+1) = c + resetSlope*u(i+1);
     *                                                u(i+1) = min(u(i+1) + d, uMax)
     * </pre>
     * Sub-steps outside, neurons inside, as {@link #stepWithConductances}; the unstable sub-steps are reported as there.
     */
    private void stepWithRules(final NeuronArrays state, final byte[] spiked, final int from, final int to,
        final float[] synaptic, final SynapticCurrent current)
    {
        final float[] v = state.v;
        final float[] u = state.u;
        final float[] a = state.a;
        final float[] b = state.b;
        final float[] c = state.c;
        final float[] d = state.d;
        final float[] input = state.input;
        final int lo = Math.max(first, from);
        final int hi = Math.min(end, to);
        for (int i = lo; i < hi; i++)
        {
            spiked[i] = 0;
        }
        for (int s = 0; s < steps; s++)
        {
            if (current != null)
            {
                current.compute(v, lo, hi);
            }
            for (int i = lo; i < hi; i++)
            {
                final float vi = v[i];
                if (vi != vi)
                {
                    // Unstable in an earlier sub-step (or NaN already): kept as it is for the blow-up report.
                    continue;
                }
                final float ui = u[i];
                final float in = current != null ? input[i] + synaptic[i] : input[i];
                float vn = vi + tau * (k * (vi - vr) * (vi - vt) - ui + in) / capacitance;
                final float target;
                if (cubic)
                {
                    // FS, Fig. 8.27: U(v) = 0 below vb, b (v - vb)^3 above.
                    final float x = vi - cubicVb;
                    target = vi < cubicVb ? 0.0f : b[i] * x * x * x;
                }
                else
                {
                    // TC, RTN (Figs. 8.31, 8.32): another b above bSwitchV (+infinity: never).
                    target = (vi > bSwitchV ? bAbove : b[i]) * (vi - vr);
                }
                float un = ui + tau * a[i] * (target - ui);
                if (current != null && tauOverC * current.conductance(i) >= 1.0f)
                {
                    // The conductance first: a v below the overshoot bound with it is its doing.
                    vn = UNSTABLE_CONDUCTANCE;
                }
                else if (vi < overshoot)
                {
                    // As in step and stepWithConductances: a blow-up, not a spike. (Written with | before the &&, this
                    // read (vi < overshoot | current != null) && ...: a NullPointerException without conductances, no
                    // overshoot test with them; a tester's FS cell at 1 step per ms fired 27 spikes from -153 mV.)
                    vn = UNSTABLE;
                }
                final float cutoff = vpeak + peakSlope * un;
                if ((strictPeak ? vn > cutoff : vn >= cutoff) && vn < Float.POSITIVE_INFINITY)
                {
                    // LTS, TC: the cutoff and the reset move with u (u before its jump, as izhi2007.m); LTS caps u.
                    vn = c[i] + resetSlope * un;
                    un = Math.min(un + d[i], uMax);
                    spiked[i] = (byte)Math.min(spiked[i] + 1, Byte.MAX_VALUE);
                }
                v[i] = vn;
                u[i] = un;
            }
        }
    }

    /**
     * The v a trace draws in a neuron's spike step: vpeak, or for a cutoff moving with u the cutoff at the u before
     * the reset's jump (u after it less d; under the cap, where that u is lost, the cap less d).
     */
    float peakDrawn(final float uAfter, final float d)
    {
        return peakSlope == 0.0f ? vpeak : vpeak + peakSlope * (uAfter < uMax ? uAfter - d : uMax - d);
    }
}
