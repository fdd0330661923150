package org.izhsim.core.integrate;

import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.model.NeuronState;

/**
 * Classic fourth-order Runge-Kutta over (v, u), current constant over the step. Between spikes the
 * trajectory converges at fourth order, so the time of the first spike (before any reset) converges fast
 * as dt shrinks; the reset is applied after the step in which v reached the cutoff, which places each
 * later spike on the step grid and makes spike times after the first converge at first order only.
 * v blows up in finite time near the cutoff, so large dt can overflow to infinity within a step; that
 * still counts as reaching the cutoff.
 */
public final class RungeKutta4 implements Integrator
{
    @Override
    public void step(final NeuronModel model, final NeuronState state, final double current, final double dt)
    {
        final double v = state.v;
        final double u = state.u;
        final double half = 0.5 * dt;

        final double kv1 = model.dvdt(v, u, current);
        final double ku1 = model.dudt(v, u);
        final double v2 = v + half * kv1;
        final double u2 = u + half * ku1;
        final double kv2 = model.dvdt(v2, u2, current);
        final double ku2 = model.dudt(v2, u2);
        final double v3 = v + half * kv2;
        final double u3 = u + half * ku2;
        final double kv3 = model.dvdt(v3, u3, current);
        final double ku3 = model.dudt(v3, u3);
        final double v4 = v + dt * kv3;
        final double u4 = u + dt * ku3;
        final double kv4 = model.dvdt(v4, u4, current);
        final double ku4 = model.dudt(v4, u4);

        state.v = v + dt / 6.0 * (kv1 + 2.0 * kv2 + 2.0 * kv3 + kv4);
        state.u = u + dt / 6.0 * (ku1 + 2.0 * ku2 + 2.0 * ku3 + ku4);
    }
}
