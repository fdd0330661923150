package org.izhsim.network.build;

/**
 * Tsodyks-Markram short-term plasticity of a projection, as CARLsim implements it: per presynaptic neuron a
 * facilitation variable u (starts at 0) and a resource x (starts at 1); every 1 ms step
 * {@code u = u(1 - 1/tau_u); x = x + (1 - x)/tau_x} (snn_cpu_module.cpp, doSTPUpdateAndDecayCond_CPU); at a spike
 * {@code u += U(1 - u-); x -= u+ x-} (firingUpdateSTP), and the spike delivers {@code w * (1/U) * u+ * x-}
 * (generatePostSynapticSpike: {@code change *= STP_A * stpu[ind_plus] * stpx[ind_minus]}, STP_A = 1/U from
 * snn_manager.cpp, SNN::setSTP), where u- and x- are the values of the previous step and u+ includes this
 * spike's increment. Immutable; checked where it is made.
 *
 * @param u       U, the increment of u per spike, in (0, 1].
 * @param tauUMs  tau_u (tau_F, facilitation), ms.
 * @param tauXMs  tau_x (tau_D, depression), ms.
 */
public record ShortTermPlasticity(double u, double tauUMs, double tauXMs)
{
    /**
     * CARLsim's default for excitatory sources (CARLsim6's carlsim.cpp, CARLsim::CARLsimInit: setDefaultSTPparams,
     * citing Tsodyks and Wu 2013; older releases set 0.2, 20, 700 and 0.5, 1000, 800): depressing.
     */
    public static final ShortTermPlasticity EXCITATORY = new ShortTermPlasticity(0.45, 50, 750);
    /** CARLsim's default for inhibitory sources: facilitating. */
    public static final ShortTermPlasticity INHIBITORY = new ShortTermPlasticity(0.15, 750, 50);

    public ShortTermPlasticity
    {
        if (!(u > 0 && u <= 1))
        {
            throw new org.izhsim.core.InputException("STP 'U' must be within (0, 1], got " + u);
        }
        if (!Float.isFinite((float)(1.0 / (float)u)))
        {
            // CARLsim's STP_A = 1/U is kept as a float: U = 1e-39 made it infinite and the first spike blew up.
            throw new org.izhsim.core.InputException("STP 'U' must be at least 2.94e-39 (1/U, CARLsim's STP_A, is kept " +
                "as a float), got " + u);
        }
        for (final double tau : new double[] {tauUMs, tauXMs})
        {
            if (!(tau >= 1) || !(tau <= SynapseModel.MAX_TAU_MS))
            {
                throw new org.izhsim.core.InputException("STP time constants must be from 1 ms (the step) to 1e9 ms, " +
                    "got " + tau);
            }
        }
    }
}
