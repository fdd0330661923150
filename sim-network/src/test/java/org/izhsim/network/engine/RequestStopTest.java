package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Network#requestStop()} ends a run at a step boundary shared by all workers: the result holds exactly
 * the spikes of the steps it reports, and the network runs on from there as if never stopped.
 */
class RequestStopTest
{
    private static final int LONG_RUN = 1_000_000;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void aStopAskedAfterStep300EndsTheRunAfterStep301AndTheNetworkRunsOnUnchanged(final int threads)
    {
        final SimulationResult whole = Network.build(NetworkChecksumTest.smallDelayed().threads(1)).run(800);
        final Network network = Network.build(NetworkChecksumTest.smallDelayed().threads(threads));
        // The listener runs on the coordinating thread after step 300: the step under way next is finished.
        final SimulationResult first = network.run(800, (done, total, nanos) ->
        {
            if (done == 300)
            {
                network.requestStop();
            }
        });
        assertEquals(SimulationResult.StopReason.INTERRUPTED, first.stopReason());
        assertNull(first.blowUp());
        assertEquals(301, first.steps());
        assertEquals(800, first.requestedSteps());
        assertEquals(301, network.currentStep());

        final SimulationResult rest = network.run(499);
        assertEquals(SimulationResult.StopReason.COMPLETED, rest.stopReason(), "the request was used up");
        assertEquals(301, rest.firstStep());
        assertArrayEquals(whole.spikeSteps(), concat(first.spikeSteps(), rest.spikeSteps()));
        assertArrayEquals(whole.spikeNeurons(), concat(first.spikeNeurons(), rest.spikeNeurons()));
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void aStopFromAnotherThreadEndsALongRunWithConsistentSpikes(final int threads) throws InterruptedException
    {
        final Network network = Network.build(NetworkChecksumTest.smallDelayed().threads(threads));
        final CountDownLatch running = new CountDownLatch(1);
        final Thread stopper = new Thread(() ->
        {
            try
            {
                running.await(20, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            network.requestStop();
        }, "stopper");
        stopper.start();
        final SimulationResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
            () -> network.run(LONG_RUN, (done, total, nanos) -> running.countDown()));
        stopper.join();

        assertEquals(SimulationResult.StopReason.INTERRUPTED, result.stopReason());
        assertTrue(result.steps() >= 100 && result.steps() < LONG_RUN, "steps " + result.steps());
        assertEquals(result.steps(), network.currentStep());
        final SimulationResult reference = Network.build(NetworkChecksumTest.smallDelayed().threads(1)).run(result.steps());
        assertArrayEquals(reference.spikeSteps(), result.spikeSteps());
        assertArrayEquals(reference.spikeNeurons(), result.spikeNeurons());
    }

    private static int[] concat(final int[] a, final int[] b)
    {
        final int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
