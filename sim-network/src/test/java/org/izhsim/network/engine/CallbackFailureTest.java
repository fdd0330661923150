package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The caller's progress listener and step pacer are called at a step boundary, where the state is consistent: an
 * exception they throw ends the run there (as a stop does) and reaches the caller of run, and the network runs on
 * and saves its state. It read as a worker's failure: "this network cannot run again: an earlier run failed", and
 * saveState said "cannot save the state of a network that blew up".
 */
class CallbackFailureTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    @Timeout(120)
    void aListenerThatThrowsEndsTheRunAtItsBoundaryAndTheNetworkRunsOn(final int threads) throws Exception
    {
        try (Network network = Network.build(DeterminismTest.network(threads, SpikeDelivery.ARRIVAL_RING)))
        {
            final RuntimeException boom = new RuntimeException("boom");
            final RuntimeException thrown = assertThrows(RuntimeException.class, () -> network.run(1000,
                (done, total, wall) ->
                {
                    if (done >= 200)
                    {
                        throw boom;
                    }
                }));
            assertSame(boom, thrown);
            assertEquals(200, network.currentStep(), "ended at the boundary where the listener threw");
            runsOnAndSaves(network, threads);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    @Timeout(120)
    void aPacerThatThrowsEndsTheRunAtItsBoundaryAndTheNetworkRunsOn(final int threads) throws Exception
    {
        try (Network network = Network.build(DeterminismTest.network(threads, SpikeDelivery.ARRIVAL_RING)))
        {
            final IllegalStateException boom = new IllegalStateException("pacer gave up");
            final StepPacer pacer = new StepPacer()
            {
                @Override
                public void start(final long nowNanos)
                {
                }

                @Override
                public long stepCompleted(final int stepsDone, final long nowNanos)
                {
                    if (stepsDone == 50)
                    {
                        throw boom;
                    }
                    return nowNanos;
                }
            };
            assertSame(boom, assertThrows(IllegalStateException.class,
                () -> network.run(1000, ProgressListener.NONE, pacer)));
            assertEquals(50, network.currentStep(), "ended at the boundary where the pacer threw");
            final SimulationResult fresh = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING))
                .run(150);
            final SimulationResult next = network.run(100);
            assertEquals(SimulationResult.StopReason.COMPLETED, next.stopReason());
            assertEquals(50, next.firstStep());
            assertArrayEquals(tail(fresh.spikeNeurons(), fresh.spikeSteps(), 50), next.spikeNeurons(),
                "the run after the pacer's exception continues the network as if nothing had happened");
            final Path file = tmp.resolve("after-pacer.ckpt");
            network.saveState(file);
            assertTrue(Files.size(file) > 0);
        }
    }

    /** The network continues from step 200 exactly as an undisturbed one, and saves its state. */
    private void runsOnAndSaves(final Network network, final int threads) throws Exception
    {
        final SimulationResult next = network.run(100);
        assertEquals(SimulationResult.StopReason.COMPLETED, next.stopReason());
        assertEquals(200, next.firstStep());
        final SimulationResult fresh = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING)).run(300);
        assertArrayEquals(tail(fresh.spikeNeurons(), fresh.spikeSteps(), 200), next.spikeNeurons(),
            "the run after the listener's exception continues the network as if nothing had happened");
        final Path file = tmp.resolve("after-listener-" + threads + ".ckpt");
        network.saveState(file);
        assertTrue(Files.size(file) > 0);
        network.restoreState(file);
        assertEquals(300, network.currentStep());
    }

    private static int[] tail(final int[] neurons, final int[] steps, final int fromStep)
    {
        int k = 0;
        while (k < steps.length && steps[k] < fromStep)
        {
            k++;
        }
        return java.util.Arrays.copyOfRange(neurons, k, neurons.length);
    }
}
