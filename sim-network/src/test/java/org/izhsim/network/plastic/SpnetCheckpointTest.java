package org.izhsim.network.plastic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.core.InputException;
import org.izhsim.network.build.ReferenceNetworks;
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
