package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live run whose network blows up fails with the neuron and step, not with the next chunk's refusal. */
class LiveRunBlowUpTest
{
    @TempDir
    Path tmp;

    @Test
    void aBlowUpEndsTheLiveRunWithItsMessage() throws Exception
    {
        final ExperimentConfig config = ExperimentLoader.load(
            Path.of(LiveRunBlowUpTest.class.getResource("/cli/blowup.yaml").toURI()));
        final LiveRun live = new LiveRun(tmp, new EventHub());
        final List<SimulationResult> chunks = new ArrayList<>();
        final InputException ex = assertThrows(InputException.class,
            () -> live.simulate(Network.build(NetworkAssembler.builder(config)), config.steps(), 1, false, chunks::add, null, 0, Long.MAX_VALUE));
        assertTrue(ex.getMessage().matches("numerical blow-up at t = \\d+ ms: neuron \\d+ \\(exc\\[\\d+]\\).*"),
            ex.getMessage());
    }
}
