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

    /** The peers integrate the 2003 model: cortex2003 with its excitatory cells of the 2007 model is not theirs. */
    @Test
    void aNetworkOfThePeersShapeWithOtherNeuronModelsHasNoPeer() throws Exception
    {
        final String cortex = java.nio.file.Files.readString(CONFIGS.resolve("cortex2003.yaml"));
        assertTrue(PeerNetwork.of(ExperimentLoader.parse(cortex, "cortex2003.yaml")).isPresent());
        final String with2007 = cortex.replace("  exc:                       # regular spiking, r^2 biases towards RS, " +
            "some IB and CH\n    size: 800\n    params:\n      a: 0.02\n      b: 0.2\n      c: \"-65 + 15*r^2\"\n" +
            "      d: \"8 - 6*r^2\"\n", "  exc:\n    size: 800\n    model: izhikevich2007\n    params: RS\n");
        assertTrue(!with2007.equals(cortex), "the excitatory population replaced");
        assertTrue(PeerNetwork.of(ExperimentLoader.parse(with2007, "cortex2007like.yaml")).isEmpty());
    }
}
