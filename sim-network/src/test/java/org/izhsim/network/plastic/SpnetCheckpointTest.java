package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.core.InputException;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints of a plastic network keep weights, derivatives and traces: a resumed run equals an unbroken one. */
class SpnetCheckpointTest
{
    @TempDir
    Path dir;

    @Test
    void resumedPlasticRunIsBitIdenticalToAnUnbrokenOneAndTheFileDoesNotDependOnThreads() throws Exception
    {
        final SimulationResult tail;
        final PlasticWeights unbroken;
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(1)))
        {
            net.run(1300);
            net.saveState(dir.resolve("one.ckpt"));
            tail = net.run(1700);
            unbroken = PlasticWeights.of(net.synapses(), net.plasticity());
        }
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(3)))
        {
            net.run(1300);
            net.saveState(dir.resolve("three.ckpt"));
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("one.ckpt")), Files.readAllBytes(dir.resolve("three.ckpt")),
            "the checkpoint at 1300 ms is the same file for 1 and 3 threads");
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(2)))
        {
            net.restoreState(dir.resolve("three.ckpt"));
            final SimulationResult resumed = net.run(1700);
            final PlasticWeights after = PlasticWeights.of(net.synapses(), net.plasticity());
            assertTrue(tail.spikeSteps().length > 1000);
            assertArrayEquals(tail.spikeSteps(), resumed.spikeSteps());
            assertArrayEquals(tail.spikeNeurons(), resumed.spikeNeurons());
            assertArrayEquals(unbroken.weights(), after.weights());
            assertArrayEquals(unbroken.derivatives(), after.derivatives());
        }
    }

    /** spnet2006 with another rule on its excitatory synapses (the same synapses, weights 6). */
    private static org.izhsim.network.build.NetworkBuilder spnetWith(final PlasticityRule rule)
    {
        final java.util.List<String> everyone = java.util.List.of("exc", "inh");
        return new org.izhsim.network.build.NetworkBuilder()
            .population(org.izhsim.network.build.PopulationSpec.of("exc", 800).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(org.izhsim.network.build.PopulationSpec.of("inh", 200).a(r -> 0.1).b(r -> 0.2).c(r -> -65).d(r -> 2))
            .projection(ProjectionSpec.from("exc", everyone).rule(ConnectionRule.fixedOutdegree(100)).autapses(false)
                .delay(DelayRule.splitEvenly(1, 20)).weight(WeightRule.constant(6)).plasticity(rule))
            .projection(ProjectionSpec.from("inh", "exc").rule(ConnectionRule.fixedOutdegree(100)).autapses(false)
                .delay(DelayRule.constant(1)).weight(WeightRule.constant(-5)))
            .input(InputSpec.randomPick(everyone, 20, 1)).seed(9).threads(1);
    }

    /**
     * A run resumed under another plasticity rule or other rule parameters went on from the saved state without a
     * word: neither the saved run's continuation nor the new config's uncut run. The checkpoint names its rule now.
     */
    @Test
    void aCheckpointResumedUnderOtherPlasticityIsRefusedNamingTheTerms() throws Exception
    {
        final Path file = dir.resolve("rule.ckpt");
        try (Network net = Network.build(spnetWith(PlasticityRule.spnet2006())))
        {
            net.run(20);
            net.saveState(file);
        }
        final PlasticityRule lowerMax = PlasticityRule.of(0, 8, 0.1, 0.12, 0.95, 0.95, 0.01, 0.9, 1000);
        try (Network net = Network.build(spnetWith(lowerMax)))
        {
            assertEquals("checkpoint " + file + " was made with plasticity w_max 10, this network has w_max 8",
                assertThrows(InputException.class, () -> net.restoreState(file)).getMessage());
        }
        final PlasticityRule twoTerms = PlasticityRule.of(0, 10, 0.2, 0.12, 0.95, 0.95, 0.01, 0.9, 500);
        try (Network net = Network.build(spnetWith(twoTerms)))
        {
            assertEquals("checkpoint " + file + " was made with plasticity a_plus 0.1, this network has a_plus 0.2; " +
                "plasticity period_ms 1000, this network has period_ms 500",
                assertThrows(InputException.class, () -> net.restoreState(file)).getMessage());
        }
        final PlasticityRule stdp = PlasticityRule.stdp(0.01, 0.0105, 20, 20, 0, 10, false, false, 1);
        try (Network net = Network.build(spnetWith(stdp)))
        {
            assertEquals("checkpoint " + file + " was made with plasticity rule spnet2006, this network has rule stdp",
                assertThrows(InputException.class, () -> net.restoreState(file)).getMessage());
        }
        try (Network net = Network.build(spnetWith(PlasticityRule.spnet2006())))
        {
            net.restoreState(file);
            assertEquals(20, net.run(5).firstStep());
        }
    }

    /**
     * Files of format 5 (before the noise seed was recorded) and 3 (before the rule was) still resume, under the
     * noise seed and rule given: the format 8 file without its noise seed (version 5), then without the rule's terms
     * (version 3), their checksums made again, resume to the spikes of the format 8 file.
     */
    @Test
    void aCheckpointOfTheFormatBeforeTheRuleResumesAsBefore() throws Exception
    {
        final Path file = dir.resolve("five.ckpt");
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(1)))
        {
            net.run(300);
            net.saveState(file);
        }
        final byte[] eight = Files.readAllBytes(file);
        assertEquals(8, java.nio.ByteBuffer.wrap(eight).getInt(8));
        final byte[] rule = "rule spnet2006\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = -1;
        for (int k = 0; k + rule.length <= eight.length && at < 0; k++)
        {
            at = java.util.Arrays.equals(eight, k, k + rule.length, rule, 0, rule.length) ? k : -1;
        }
        assertTrue(at > 12, "the rule's terms are in the header");
        final int length = java.nio.ByteBuffer.wrap(eight).getInt(at - 4);
        // Format 5: format 8 without the noise seed (the 8 bytes after magic, version and seed) and the populations'
        // fingerprints (a count, then a long of synapses and one of neurons for each of exc and inh, before the rule's
        // terms).
        final int fingerprints = 4 + 2 * 2 * 8;
        final byte[] five = new byte[eight.length - 8 - fingerprints];
        System.arraycopy(eight, 0, five, 0, 20);
        System.arraycopy(eight, 28, five, 20, at - 4 - fingerprints - 28);
        System.arraycopy(eight, at - 4, five, at - 4 - fingerprints - 8, eight.length - (at - 4));
        at -= 8 + fingerprints;
        final java.nio.ByteBuffer fiveBytes = java.nio.ByteBuffer.wrap(five);
        fiveBytes.putInt(8, 5);
        fiveBytes.putInt(at + length, crc(five, at + length));
        fiveBytes.putInt(five.length - 4, crc(five, five.length - 4));
        Files.write(file, five);
        final byte[] three = new byte[five.length - 4 - length];
        System.arraycopy(five, 0, three, 0, at - 4);
        System.arraycopy(five, at + length, three, at - 4, five.length - at - length);
        final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(three);
        bytes.putInt(8, 3);
        bytes.putInt(at - 4, crc(three, at - 4));
        bytes.putInt(three.length - 4, crc(three, three.length - 4));
        final Path old = dir.resolve("three.ckpt");
        Files.write(old, three);

        final Path newest = dir.resolve("eight.ckpt");
        Files.write(newest, eight);
        final SimulationResult fromEight;
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(1)))
        {
            net.restoreState(newest);
            fromEight = net.run(200);
        }
        final SimulationResult fromFive;
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(1)))
        {
            net.restoreState(file);
            fromFive = net.run(200);
        }
        assertArrayEquals(fromEight.spikeSteps(), fromFive.spikeSteps());
        assertArrayEquals(fromEight.spikeNeurons(), fromFive.spikeNeurons());
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(2)))
        {
            net.restoreState(old);
            final SimulationResult fromThree = net.run(200);
            assertTrue(fromFive.spikeSteps().length > 100);
            assertArrayEquals(fromFive.spikeSteps(), fromThree.spikeSteps());
            assertArrayEquals(fromFive.spikeNeurons(), fromThree.spikeNeurons());
        }
    }

    private static int crc(final byte[] bytes, final int length)
    {
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, length);
        return (int)crc.getValue();
    }

    @Test
    void aPlasticCheckpointIsRefusedByANetworkWithFixedSynapses() throws Exception
    {
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(1)))
        {
            net.run(10);
            net.saveState(dir.resolve("p.ckpt"));
        }
        try (Network fixed = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(1)
            .projection(org.izhsim.network.build.ProjectionSpec.from("inh", "inh")
                .rule(org.izhsim.network.build.ConnectionRule.oneToOne()).autapses(true))))
        {
            final InputException e = assertThrows(InputException.class, () -> fixed.restoreState(dir.resolve("p.ckpt")));
            assertTrue(e.getMessage().contains("synapses"), e.getMessage());
        }
    }
}
