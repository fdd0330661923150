package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.build.NetworkPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints that a network cannot resume, refused with a line that says why.
 */
class CheckpointStateCheckTest
{
    @TempDir
    Path tmp;

    private static NetworkPlan plan(final String config)
    {
        return NetworkAssembler.plan(ExperimentLoader.load(Path.of("..", "configs", config)));
    }

    /** The state of {@code plan}'s network after 30 steps, changed by {@code change}, written to a file. */
    private Path saved(final NetworkPlan plan, final UnaryOperator<Checkpoint.Saved> change) throws IOException
    {
        final Path file = tmp.resolve("state.ckpt");
        try (Network network = Network.build(plan); OutputStream out = Files.newOutputStream(file))
        {
            network.run(30);
            Checkpoint.write(network.checkpointDescription(), change.apply(Checkpoint.image(network)), out);
        }
        return file;
    }

    private static String refusal(final NetworkPlan plan, final Path file)
    {
        try (Network network = Network.build(plan))
        {
            final String message = assertThrows(InputException.class, () -> network.restoreState(file)).getMessage();
            assertEquals(0, network.currentStep(), "a refused checkpoint changes nothing");
            return message;
        }
    }

    /**
     * A version-1 file (no receptor section) resumed by a network with a receptor stage said "has format version 1;
     * this izhsim reads versions 1 to 6", which it had just not read.
     */
    @Test
    void aVersionOneFileForANetworkWithReceptorsSaysItCannotHoldTheirState() throws IOException
    {
        final NetworkPlan plan = plan("stp_demo.yaml");
        final Path file = saved(plan, s -> s);
        final byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 1);
        Files.write(file, bytes);
        final String expected = "checkpoint " + file + " has format version 1, which cannot hold receptor state " +
            "(conductances, short-term plasticity), and this network has synapses that keep it: it was made for " +
            "another network";
        assertEquals(expected, refusal(plan, file));
        assertEquals(expected, assertThrows(InputException.class, () -> Network.checkStateHeader(file, plan))
            .getMessage(), "the check before the build says the same");
    }

}
