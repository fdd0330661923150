package org.izhsim.core.integrate;

import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.model.NeuronState;

/**
 * One time step of a fixed-step scheme over (v, u), with the injected current held constant over the
 * step (sampled at its start by the caller). The reset is not part of the step: the run applies it after
 * the step when {@link NeuronModel#reachedPeak} holds, so every scheme is at best first order in dt
 * across a spike, whatever its order between spikes.
 * <p>
 * Implementations are stateless and allocation-free, shareable across threads.
 */
public interface Integrator
{
    /**
     * Advances {@code state} in place by {@code dt} ms.
     */
    void step(NeuronModel model, NeuronState state, double current, double dt);
}
