package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.izhsim.network.input.InputDrive;
import org.izhsim.network.build.TargetPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A worker that throws in the middle of a run ends the run with its own exception, without a hang, and leaves
 * a network that says it cannot run again rather than one with a half-done step.
 */
class WorkerFailureTest
{
    private static final long FAILING_STEP = 137;

    /** Throws in one step, from the worker that owns its one neuron. */
    private static final class ThrowingDrive extends InputDrive
    {
        ThrowingDrive(final int neuron)
        {
            super(neuron, neuron + 1);
        }

        @Override
        protected void add(final float[] input, final int from, final int to, final long step, final long[] scratch)
        {
            if (step == FAILING_STEP)
            {
                throw new ArithmeticException("test drive fails in step " + step + " on " +
                    Thread.currentThread().getName());
            }
        }
    }

    @ParameterizedTest(name = "{0} threads, worker {1} throws")
    @CsvSource({"2, 1", "3, 1", "3, 2", "2, 0", "3, 0"})
    void aWorkerThatThrowsEndsTheRunWithItsOwnExceptionAndNoHang(final int threads, final int failingWorker)
    {
        final TargetPartition partition = new TargetPartition(400, threads);
        final int neuron = partition.firstNeuron(failingWorker);
        final Network network = Network.build(NetworkChecksumTest.smallDelayed().threads(threads),
            new ThrowingDrive(neuron));
        assertEquals(threads, network.threads());
        assertEquals(neuron, network.synapses().partition().firstNeuron(failingWorker), "the drive's neuron's owner");

        final ArithmeticException thrown = assertTimeoutPreemptively(Duration.ofSeconds(30),
            () -> assertThrows(ArithmeticException.class, () -> network.run(1000)));
        assertTrue(thrown.getMessage().startsWith("test drive fails in step " + FAILING_STEP), thrown.getMessage());
        // A slice runs on whichever thread claims it (SliceClaims): the calling thread or one of the network's.
        final String caller = Thread.currentThread().getName();
        assertTrue(thrown.getMessage().matches(".* on (izhsim-worker-[0-9]+|junit-timeout-thread-[0-9]+)"),
            thrown.getMessage() + " (caller " + caller + ")");

        final IllegalStateException again = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(IllegalStateException.class, () -> network.run(10)));
        assertTrue(again.getMessage().contains("cannot run again"), again.getMessage());
        assertSame(thrown, again.getCause());
        assertEquals(0, network.currentStep(), "the failed run counts for nothing");
        network.close();
    }
}
