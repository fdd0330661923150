package org.izhsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.izhsim.config.ExperimentLoader;
import org.junit.jupiter.api.Test;

/** Which shipped networks the peers can rebuild, and with what. */
class PeerNetworkTest
{
    private static final Path CONFIGS = Path.of("..", "configs");

    @Test
    void theConductanceNetworkIsDenseWithItsWeightScalesAndMultipliers()
    {
        final PeerNetwork shape = PeerNetwork.of(ExperimentLoader.load(CONFIGS.resolve("cortex2003_cond.yaml"))).orElseThrow();
        assertTrue(shape.dense());
        assertEquals(new PeerNetwork.Conductance(0.0015, 0.02, 1, 0.3, 1, 0.02), shape.conductance());
    }

    @Test
    void currentNetworksHaveNoConductanceAndStpNetworksNoPeer()
    {
        assertNull(PeerNetwork.of(ExperimentLoader.load(CONFIGS.resolve("cortex2003.yaml"))).orElseThrow().conductance());
        assertTrue(PeerNetwork.of(ExperimentLoader.load(CONFIGS.resolve("stp_demo.yaml"))).isEmpty());
    }
}
