package org.izhsim.core.preset;

import org.izhsim.core.integrate.Method;
import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.run.RunSpec;
import org.izhsim.core.stimulus.Stimulus;

/**
 * A named, published single-neuron protocol: model and parameters, scheme, step, duration, initial state
 * and stimulus, exactly as in the source. {@link #runSpec()} gives the run with no overrides; the CLI
 * applies its options with the {@code RunSpec.with...} methods.
 *
 * @param name             lookup name, e.g. {@code tonic_spiking}, {@code RS}, {@code izh2007_fs}.
 * @param title            figure title, e.g. {@code (A) tonic spiking}.
 * @param description      one line for {@code --list}.
 * @param citation         publication, figure or panel, and the code followed.
 * @param group            the publication it belongs to.
 * @param model            the neuron, including panel-specific equation changes.
 * @param method           the scheme of the source code.
 * @param dtMs             the step of the source code (tau).
 * @param durationMs       the simulated time T (t runs over 0:dt:T).
 * @param v0               initial v.
 * @param u0               initial u.
 * @param stimulus         the injected current, also for drawing under the trace.
 * @param defaultCurrent   for the 2007 cell types, the DC amplitude (pA) of {@code stimulus}; NaN for the
 *                         published protocols, whose stimulus is not a single DC step.
 */
public record Preset(
    String name,
    String title,
    String description,
    String citation,
    PresetGroup group,
    NeuronModel model,
    Method method,
    double dtMs,
    double durationMs,
    double v0,
    double u0,
    Stimulus stimulus,
    double defaultCurrent)
{
    /**
     * @return the run this preset defines, with no overrides.
     */
    public RunSpec runSpec()
    {
        return new RunSpec(model, method, dtMs, durationMs, v0, u0, stimulus);
    }
}
