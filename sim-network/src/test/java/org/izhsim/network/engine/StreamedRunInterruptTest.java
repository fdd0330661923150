package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.input.InputDrive;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt of the thread running a run that streams its spikes (Network.streamSpikesTo) is a stop request like
 * any other. It closed the FileChannel of a spill it landed in: the run failed with "cannot write ...spill: null" and
 * the network could not run again (6 of 20 interrupted runs with 16-spike buffers). Here the interrupt is raised inside
 * steps, so the spills of those steps are written with the flag set.
 */
class StreamedRunInterruptTest
{
    @TempDir
    Path tmp;

    /** Interrupts the thread that runs it in each of steps from .. from + count - 1. */
    private static final class InterruptingDrive extends InputDrive
    {
        private final long from;
        private final long count;

        InterruptingDrive(final int neurons, final long from, final long count)
        {
            super(0, neurons);
            this.from = from;
            this.count = count;
        }

        @Override
        protected void add(final float[] input, final int first, final int end, final long step, final long[] scratch)
        {
            if (step >= from && step < from + count)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @Timeout(60)
    void anInterruptDuringASpillStopsTheRunAndKeepsItsSpikes()
    {
        final java.util.List<SimulationResult> results = new java.util.ArrayList<>();
        try (Network network = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING),
            new InterruptingDrive(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING).plan().neurons(), 150, 1_000)))
        {
            network.streamSpikesTo(tmp, 16);
            // Each run ends after the step that takes an interrupt; from step 150 on, every step's spills are written
            // with the flag set.
            for (int run = 0; run < 40; run++)
            {
                final SimulationResult result = network.run(run == 0 ? 200 : 5);
                assertTrue(Thread.interrupted(), "the flag is the caller's again");
                assertEquals(SimulationResult.StopReason.INTERRUPTED, result.stopReason(), "run " + run);
                results.add(result);
            }
        }
        finally
        {
            Thread.interrupted();
        }
        // The same spikes as an unstreamed network never interrupted, run in the same parts.
        long afterInterrupts = 0;
        try (Network reference = Network.build(DeterminismTest.network(1, SpikeDelivery.ARRIVAL_RING)))
        {
            for (final SimulationResult result : results)
            {
                final SimulationResult expected = reference.run((int)result.steps());
                assertEquals(expected.spikeCount(), result.spikeCount());
                for (int k = 0; k < result.spikeCount(); k++)
                {
                    assertEquals(expected.spikeSteps()[k], result.spikeStep(k), "spike " + k);
                    assertEquals(expected.spikeNeurons()[k], result.spikeNeuron(k), "spike " + k);
                }
                afterInterrupts += result == results.get(0) ? 0 : result.spikeCount();
            }
        }
        assertTrue(afterInterrupts > 64, "spills with the flag set: " + afterInterrupts + " spikes after step 150");
    }
}
