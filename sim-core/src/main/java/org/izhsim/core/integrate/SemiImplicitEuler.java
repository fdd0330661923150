package org.izhsim.core.integrate;

import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.model.NeuronState;

/**
 * The scheme of Izhikevich's published MATLAB code for 2003 Fig. 2 and 2004 Fig. 1 (figure1.m):
 * {@code V = V + tau*(...)} first, then {@code u = u + tau*a*(b*V - u)} from the NEW V. It is Euler
 * with a Gauss-Seidel sweep (symplectic Euler): still first order, but slightly more stable on the slow
 * u-oscillations of resonators than forward Euler. The feature presets use it because "spike for spike"
 * reproduction of the published figures requires the same scheme and step.
 */
public final class SemiImplicitEuler implements Integrator
{
    @Override
    public void step(final NeuronModel model, final NeuronState state, final double current, final double dt)
    {
        final double v = state.v + dt * model.dvdt(state.v, state.u, current);
        state.v = v;
        state.u = state.u + dt * model.dudt(v, state.u);
    }
}
