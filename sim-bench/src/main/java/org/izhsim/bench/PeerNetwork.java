package org.izhsim.bench;

import java.util.Optional;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ProjectionConfig;
import org.izhsim.network.build.ConnectionRule;

/**
 * What a peer needs to rebuild a shipped network in its own code: the 2003 network's two populations
 * (excitatory first) with either all-to-all synapses of delay 1 ("dense") or a fixed out-degree k onto the
 * whole network with excitatory delays 1..D and inhibitory delay 1 ("sparse"). Peers draw their own random
 * numbers: same statistics, not the same network instance.
 */
public record PeerNetwork(boolean dense, int excitatory, int inhibitory, int outDegree, int maxDelay)
{
    /** The shape of {@code config}, or empty when it is not a network of this family. */
    public static Optional<PeerNetwork> of(final ExperimentConfig config)
    {
        if (config.populations().size() != 2 || config.projections().size() != 2)
        {
            return Optional.empty();
        }
        final ProjectionConfig exc = config.projections().get(0);
        final int excitatory = config.populations().get(0).size();
        final int inhibitory = config.populations().get(1).size();
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

    public int neurons()
    {
        return excitatory + inhibitory;
    }
}
