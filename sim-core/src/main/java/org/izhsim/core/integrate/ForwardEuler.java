package org.izhsim.core.integrate;

import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.model.NeuronState;

/**
 * Forward Euler over (v, u): both derivatives at the old state, {@code u} from the OLD v. This is the
 * loop of the 2007 book code (izhi2007.m: v(i+1) from v(i), u(i+1) from v(i)). First order; spike times
 * move by O(dt) as dt changes, and with the quadratic v' the upstroke overshoots, so dt must be well below
 * the time v takes to run from threshold to the cutoff (dt = 0.25 ms in the book code).
 */
public final class ForwardEuler implements Integrator
{
    @Override
    public void step(final NeuronModel model, final NeuronState state, final double current, final double dt)
    {
        final double v = state.v;
        final double u = state.u;
        state.v = v + dt * model.dvdt(v, u, current);
        state.u = u + dt * model.dudt(v, u);
    }
}
