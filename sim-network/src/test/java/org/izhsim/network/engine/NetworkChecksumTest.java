package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the exact spikes of the reference networks to stored numbers: a spike count and a 64-bit hash of the
 * ordered (step, neuron) pairs (for the plastic ones also a hash of the final weights and derivatives). Bit-identity across thread counts (DeterminismTest) cannot catch a change that moves
 * every thread count alike (a reordered sum, a changed random stream, an off-by-one in delays); this can.
 * The stored values are a regression pin taken from the engine as it was, not a reference from elsewhere: a
 * deliberate change of the spikes updates them (the failure message prints the new lines for
 * src/test/resources/checksums/network-checksums.properties).
 */
class NetworkChecksumTest
{
    private static final int STEPS = 1000;
    private static final int[] THREADS = {1, 2, 3};
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** 400 neurons, excitatory delays 1..20 ms, inhibitory 1..3 ms, noise and Poisson drive. */
    static NetworkBuilder smallDelayed()
    {
        return new NetworkBuilder()
            .seed(9)
            .population(PopulationSpec.of("exc", 320).c(r -> -65 + 15 * r * r).d(r -> 8 - 6 * r * r))
            .population(PopulationSpec.of("inh", 80).a(r -> 0.02 + 0.08 * r).b(r -> 0.25 - 0.05 * r).d(r -> 2))
            .projection(ProjectionSpec.from("exc", List.of("exc", "inh")).rule(ConnectionRule.fixedOutdegree(60))
                .weight(WeightRule.ofRandom(rand -> 6 * rand)).delay(DelayRule.uniform(1, 20)).autapses(true))
            .projection(ProjectionSpec.from("inh", List.of("exc", "inh")).rule(ConnectionRule.fixedIndegree(20))
                .weight(WeightRule.uniform(-5, -1)).delay(DelayRule.uniform(1, 3)).autapses(true))
            .input(InputSpec.noise("exc", 5))
            .input(InputSpec.noise("inh", 2))
            .input(InputSpec.poisson("exc", 10, 2, 20));
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void cortex2003SpikesMatchTheStoredChecksum(final SpikeDelivery delivery)
    {
        assertChecksum("cortex2003." + delivery, threads -> ReferenceNetworks.cortex2003().seed(1)
            .threads(threads).delivery(delivery));
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void smallDelayedNetworkSpikesMatchTheStoredChecksum(final SpikeDelivery delivery)
    {
        assertChecksum("small_delayed." + delivery, threads -> smallDelayed().threads(threads).delivery(delivery));
    }

    /** The shipped experiment file is the same network as ReferenceNetworks.cortex2003, spike for spike. */
    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void cortex2003ConfigFileMatchesTheStoredChecksum(final SpikeDelivery delivery)
    {
        final Path file = Path.of("..", "configs", "cortex2003.yaml");
        assertChecksum("cortex2003." + delivery, threads -> NetworkAssembler.builder(ExperimentLoader.load(file))
            .seed(1).threads(threads).delivery(delivery));
    }

    /**
     * The shipped networks of the receptor stage: conductances (Izhikevich and Edelman 2008 receptors, CARLsim's
     * arithmetic) and short-term plasticity, seed 1.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cortex2003_cond", "stp_demo"})
    void receptorConfigFilesMatchTheStoredChecksum(final String name)
    {
        final Path file = Path.of("..", "configs", name + ".yaml");
        assertChecksum(name, threads -> NetworkAssembler.builder(ExperimentLoader.load(file)).seed(1).threads(threads));
    }

    /** The shipped network of the 2007 model's RS and FS cells (cortex2007; FS with its cubic recovery), seed 1. */
    @org.junit.jupiter.api.Test
    void model2007ConfigFileMatchesTheStoredChecksum()
    {
        final Path file = Path.of("..", "configs", "cortex2007.yaml");
        assertChecksum("cortex2007", threads -> NetworkAssembler.builder(ExperimentLoader.load(file)).seed(1)
            .threads(threads));
    }

    /**
     * The shipped plastic networks (spnet2006: Izhikevich 2006's STDP; dastdp2007: dopamine-modulated STDP), seed 1,
     * over two simulated seconds so that the once-per-second weight update runs twice: their spikes, and a hash of
     * every plastic synapse's final weight and derivative (float bits, in PlasticWeights' order).
     */
    @ParameterizedTest
    @ValueSource(strings = {"spnet2006", "dastdp2007"})
    void plasticConfigFilesMatchTheStoredChecksum(final String name)
    {
        final Path file = Path.of("..", "configs", name + ".yaml");
        assertLine(name, threads ->
        {
            try (Network network = Network.build(NetworkAssembler.builder(ExperimentLoader.load(file)).seed(1)
                .threads(threads)))
            {
                final SimulationResult result = network.run(2 * STEPS);
                assertActive(name, result);
                final PlasticWeights weights = PlasticWeights.of(network.synapses(), network.plasticity());
                long hash = FNV_OFFSET;
                for (int k = 0; k < weights.weights().length; k++)
                {
                    hash = fnv(hash, Float.floatToRawIntBits(weights.weights()[k]));
                    hash = fnv(hash, Float.floatToRawIntBits(weights.derivatives()[k]));
                }
                return line(result) + String.format(Locale.ROOT, " %d %016x", weights.weights().length, hash);
            }
        });
    }

    private static void assertChecksum(final String key, final java.util.function.IntFunction<NetworkBuilder> network)
    {
        assertLine(key, threads ->
        {
            final SimulationResult result = Network.build(network.apply(threads)).run(STEPS);
            assertActive(key, result);
            return line(result);
        });
    }

    /** The stored line of {@code key} against the one computed for each of {@link #THREADS}. */
    private static void assertLine(final String key, final java.util.function.IntFunction<String> computed)
    {
        final String expected = stored().getProperty(key);
        assertNotNull(expected, "no stored checksum for " + key);
        for (final int threads : THREADS)
        {
            final String actual = computed.apply(threads);
            assertEquals(expected, actual, key + ", " + threads + " threads; if the change is intended, the new " +
                "line is:\n" + key + "=" + actual + "\n");
        }
    }

    private static void assertActive(final String key, final SimulationResult result)
    {
        assertTrue(result.spikeCount() > 1000, key + ": the network must be active, got " + result.spikeCount());
    }

    /** "count hash": the spike count and the FNV-1a hash of the (step, neuron) pairs as 8 little-endian bytes. */
    static String line(final SimulationResult result)
    {
        long hash = FNV_OFFSET;
        for (int i = 0; i < result.spikeCount(); i++)
        {
            hash = fnv(hash, result.spikeSteps()[i]);
            hash = fnv(hash, result.spikeNeurons()[i]);
        }
        return String.format(Locale.ROOT, "%d %016x", result.spikeCount(), hash);
    }

    private static long fnv(final long hash, final int value)
    {
        long h = hash;
        for (int b = 0; b < 4; b++)
        {
            h = (h ^ ((value >>> (8 * b)) & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    private static Properties stored()
    {
        final Properties properties = new Properties();
        try (InputStream in = NetworkChecksumTest.class.getResourceAsStream("/checksums/network-checksums.properties"))
        {
            assertNotNull(in, "checksums/network-checksums.properties is missing");
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        return properties;
    }

    /** Prints the lines of the resource file for the engine on the class path (by hand, when spikes change). */
    public static void main(final String[] args)
    {
        for (final SpikeDelivery delivery : new SpikeDelivery[] {SpikeDelivery.DELAY_ROWS, SpikeDelivery.ARRIVAL_RING})
        {
            System.out.println("cortex2003." + delivery + "=" +
                line(Network.build(ReferenceNetworks.cortex2003().seed(1).threads(1).delivery(delivery)).run(STEPS)));
            System.out.println("small_delayed." + delivery + "=" +
                line(Network.build(smallDelayed().threads(1).delivery(delivery)).run(STEPS)));
        }
    }
}
