package org.izhsim.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;

/**
 * {@code noise_seed}: one network (connectivity, weights, delays, parameters from the seed) under independent noise,
 * trial after trial (a tester's study could not hold the network and vary the noise); without it the seed draws
 * everything, as before.
 */
class NoiseSeedTest
{
    private static String spnet(final String extra) throws Exception
    {
        return Files.readString(Path.of("..", "configs", "spnet2006.yaml")).replace("seed: 1\n", "seed: 1\n" + extra);
    }

    private record Trial(PlasticWeights initial, int[] spikeNeurons)
    {
    }

    private static Trial run(final String yaml) throws Exception
    {
        try (Network network = Network.build(NetworkAssembler.builder(ExperimentLoader.parse(yaml, "spnet2006.yaml"))
            .threads(1)))
        {
            final PlasticWeights initial = network.plasticWeights();
            final SimulationResult result = network.run(300);
            return new Trial(initial, Arrays.copyOf(result.spikeNeurons(), result.spikeCount()));
        }
    }

    @Test
    void aNoiseSeedKeepsTheNetworkAndChangesTheNoise() throws Exception
    {
        final Trial plain = run(spnet(""));
        final Trial same = run(spnet("noise_seed: 1\n"));
        final Trial other = run(spnet("noise_seed: 2\n"));
        final Trial otherNetwork = run(spnet("").replace("seed: 1\n", "seed: 2\n"));

        assertArrayEquals(plain.spikeNeurons(), same.spikeNeurons(), "noise_seed = seed is the config without it");
        assertArrayEquals(plain.initial().sources(), other.initial().sources(), "the same synapses");
        assertArrayEquals(plain.initial().targets(), other.initial().targets());
        assertArrayEquals(plain.initial().delays(), other.initial().delays());
        assertArrayEquals(plain.initial().weights(), other.initial().weights());
        assertFalse(Arrays.equals(plain.spikeNeurons(), other.spikeNeurons()), "other thalamic input, other spikes");
        assertFalse(Arrays.equals(plain.initial().targets(), otherNetwork.initial().targets()),
            "another seed draws another network");
    }

    @Test
    void theNoiseSeedIsReadAndOverridden() throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.parse(spnet("noise_seed: 7\n"), "spnet2006.yaml");
        assertEquals(7L, config.effectiveNoiseSeed());
        assertEquals(1L, config.seed());
        assertEquals(1L, ExperimentLoader.parse(spnet(""), "spnet2006.yaml").effectiveNoiseSeed(), "the seed");
        assertEquals(9L, config.withNoiseSeed(9).effectiveNoiseSeed());
        assertEquals("spnet2006.yaml:8:13: expected an integer for 'noise_seed', got 'x'",
            org.junit.jupiter.api.Assertions.assertThrows(org.izhsim.core.InputException.class,
                () -> ExperimentLoader.parse(spnet("noise_seed: x\n"), "spnet2006.yaml")).getMessage());
    }
}
