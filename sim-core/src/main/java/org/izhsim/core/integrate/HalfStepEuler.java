package org.izhsim.core.integrate;

import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.model.NeuronState;

/**
 * The scheme of the 2003 network code (net.m): v advanced by two Euler half steps
 * ({@code v=v+0.5*(0.04*v.^2+5*v+140-u+I)} twice, written for dt = 1 ms "for numerical stability"),
 * then u once over the whole step from the new v. The half steps keep v from overshooting at dt = 1 ms;
 * the scheme is still first order, and any dt is accepted.
 */
public final class HalfStepEuler implements Integrator
{
    @Override
    public void step(final NeuronModel model, final NeuronState state, final double current, final double dt)
    {
        final double half = 0.5 * dt;
        final double u = state.u;
        double v = state.v;
        v = v + half * model.dvdt(v, u, current);
        v = v + half * model.dvdt(v, u, current);
        state.v = v;
        state.u = u + dt * model.dudt(v, u);
    }
}
