package org.izhsim.bench;

import java.util.Optional;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ProjectionConfig;
import org.izhsim.config.WeightSpec;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.SynapseModel;

/**
 * What a peer needs to rebuild a shipped network in its own code: the 2003 network's two populations
 * (excitatory first) with either all-to-all synapses of delay 1 ("dense") or a fixed out-degree k onto the
 * whole network with excitatory delays 1..D and inhibitory delay 1 ("sparse"). Peers draw their own random
 * numbers: same statistics, not the same network instance. With {@link #conductance()} the dense network's
 * synapses are CARLsim-style conductances (configs/cortex2003_cond.yaml), which only Brian2 models.
 */
public record PeerNetwork(boolean dense, int excitatory, int inhibitory, int outDegree, int maxDelay,
    Conductance conductance)
{
    /**
     * Conductance synapses with CARLsim's receptor constants and decay: weights excScale*rand and
     * -inhScale*rand, and each projection's multipliers of the fast (AMPA, GABA_A) and slow (NMDA, GABA_B)
     * receptors.
     */
    public record Conductance(double excScale, double inhScale, double excFast, double excSlow, double inhFast,
        double inhSlow)
    {
    }

    public PeerNetwork(final boolean dense, final int excitatory, final int inhibitory, final int outDegree,
        final int maxDelay)
    {
        this(dense, excitatory, inhibitory, outDegree, maxDelay, null);
    }

    /** The shape of {@code config}, or empty when it is not a network of this family. */
    public static Optional<PeerNetwork> of(final ExperimentConfig config)
    {
        if (config.populations().size() != 2 || config.projections().size() != 2)
        {
            return Optional.empty();
        }
        // The peers' neurons are the 2003 model's: sources or 2007 cells of the same shape are another network.
        if (config.populations().stream().anyMatch(p -> p.model() != org.izhsim.config.NeuronModel.IZHIKEVICH2003))
        {
            return Optional.empty();
        }
        final ProjectionConfig exc = config.projections().get(0);
        final int excitatory = config.populations().get(0).size();
        final int inhibitory = config.populations().get(1).size();
        final ProjectionConfig inh = config.projections().get(1);
        final boolean anyStp = exc.stp() != null || inh.stp() != null;
        final SynapseModel.Type type = exc.synapse().type();
        if (anyStp || type != inh.synapse().type() || type == SynapseModel.Type.EXPONENTIAL)
        {
            return Optional.empty();
        }
        if (type == SynapseModel.Type.CONDUCTANCE)
        {
            return conductance(exc, inh, excitatory, inhibitory);
        }
        if (exc.rule().kind() == ConnectionRule.Kind.ALL_TO_ALL && exc.delay().maxSteps() == 1)
        {
            return Optional.of(new PeerNetwork(true, excitatory, inhibitory, excitatory + inhibitory, 1));
        }
        if (exc.rule().kind() == ConnectionRule.Kind.FIXED_OUTDEGREE)
        {
            return Optional.of(new PeerNetwork(false, excitatory, inhibitory,
                exc.rule().k(), exc.delay().maxSteps()));
        }
        return Optional.empty();
    }

    /** Dense, delay 1, CARLsim's receptors, weights a*rand (a > 0) and -b*rand: the peer's model; else empty. */
    private static Optional<PeerNetwork> conductance(final ProjectionConfig exc, final ProjectionConfig inh,
        final int excitatory, final int inhibitory)
    {
        final SynapseModel e = exc.synapse();
        final SynapseModel i = inh.synapse();
        if (exc.rule().kind() != ConnectionRule.Kind.ALL_TO_ALL || inh.rule().kind() != ConnectionRule.Kind.ALL_TO_ALL ||
            exc.delay().maxSteps() != 1 || inh.delay().maxSteps() != 1 ||
            !SynapseModel.Receptors.CARLSIM.equals(e.receptors()) || !SynapseModel.Receptors.CARLSIM.equals(i.receptors()))
        {
            return Optional.empty();
        }
        final double a = scaleOfRand(exc.weight());
        final double b = -scaleOfRand(inh.weight());
        if (!(a > 0) || !(b > 0))
        {
            return Optional.empty();
        }
        return Optional.of(new PeerNetwork(true, excitatory, inhibitory, excitatory + inhibitory, 1,
            new Conductance(a, b, e.fast(), e.slow(), i.fast(), i.slow())));
    }

    /** s when the weight is s*rand (checked at rand = 0, 1/2, 1), else NaN. */
    private static double scaleOfRand(final WeightSpec weight)
    {
        if (!(weight instanceof WeightSpec.Expression))
        {
            return Double.NaN;
        }
        final WeightSpec.Expression w = (WeightSpec.Expression)weight;
        final double s = w.at(1.0);
        return w.at(0.0) == 0.0 && Math.abs(w.at(0.5) - 0.5 * s) <= 1e-12 * Math.abs(s) ? s : Double.NaN;
    }

    public int neurons()
    {
        return excitatory + inhibitory;
    }
}
