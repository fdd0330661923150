package org.izhsim.core.model;

/**
 * A two-variable Izhikevich-type point neuron, seen by the integrators and the phase-plane plots:
 * the vector field (v', u'), the spike cutoff, the after-spike reset and both nullclines.
 * <p>
 * Implementations are immutable parameter sets; the evolving state lives in {@link NeuronState}, so one
 * model may be shared by any number of neurons and threads. Units are those of the model: the 2003
 * simple model is dimensionless-by-convention (mV, ms, current in "model units"), the 2007 model uses
 * mV, ms, pA, pF, nS.
 */
public interface NeuronModel
{
    /**
     * @param v       membrane potential (mV).
     * @param u       recovery variable.
     * @param current injected current.
     * @return dv/dt in mV/ms.
     */
    double dvdt(double v, double u, double current);

    /**
     * @return du/dt at (v, u).
     */
    double dudt(double v, double u);

    /**
     * @param u the recovery variable after the step (some 2007 types move their cutoff with u).
     * @return the spike cutoff (mV) at which the reset applies.
     */
    double peak(double u);

    /**
     * @return whether v has reached the cutoff: {@code v >= peak(u)} or, for models that mirror a
     * published strict test, {@code v > peak(u)}; see {@link PeakTest}.
     */
    boolean reachedPeak(double v, double u);

    /**
     * @param u the recovery variable at the spike, before its reset.
     * @return v after the spike.
     */
    double resetV(double u);

    /**
     * @param u the recovery variable at the spike, before its reset.
     * @return u after the spike.
     */
    double resetU(double u);

    /**
     * @param uAfter u after a spike's reset, as a trace's spike row holds it (figure1.m's uu).
     * @return u before that reset, where the reset can be undone ({@code uAfter - d}, to rounding), else NaN (a
     *         2007 type's cap took it): the phase plane draws the peak there, so that the jump by d is the reset line.
     */
    double uBeforeReset(double uAfter);

    /**
     * @return u on the v-nullcline (v' = 0) at membrane potential v for a constant current.
     */
    double vNullclineU(double v, double current);

    /**
     * @return u on the u-nullcline (u' = 0) at membrane potential v, or NaN where that nullcline is not a
     * graph over v (the accommodation variant, whose u-nullcline is the vertical line v = -65).
     */
    double uNullclineU(double v);

    /**
     * @return the initial membrane potential when a run gives none (mV).
     */
    double defaultV0();

    /**
     * @return the initial recovery variable for a run starting at v0 when none is given: u on the
     * u-nullcline, which is {@code b*v0} for the 2003 model as in its network code.
     */
    double defaultU0(double v0);

    /**
     * @return the v below which a forward-Euler step of {@code dt} overshoots the model's rest point (the quadratic
     * term alone carries v past both roots in one step), or -infinity where none is known: after such a step v means
     * nothing, and the spikes that follow are the scheme's.
     */
    default double eulerOvershootBelow(final double dt)
    {
        return Double.NEGATIVE_INFINITY;
    }
}
