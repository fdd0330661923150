package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmarks' facade runs the engine's own step: its four phases in turn give the state a run gives. */
class StepKernelsTest
{
    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void phasesInTurnReproduceTheRunBitForBit(final SpikeDelivery delivery)
    {
        final int steps = 300;
        final Network run = Network.build(DeterminismTest.network(1, delivery));
        final SimulationResult result = run.run(steps);
        assertTrue(result.spikeCount() > 500, "the network must be active, got " + result.spikeCount());

        final Network stepped = Network.build(DeterminismTest.network(1, delivery));
        final StepKernels kernels = StepKernels.of(stepped);
        long events = 0;
        int fired = 0;
        for (long step = 0; step < steps; step++)
        {
            kernels.driveInput(step);
            events += kernels.deliverSpikes(step);
            kernels.integrate(step);
            fired += kernels.detectAndReset(step);
        }
        assertEquals(result.synapticEvents(), events);
        assertEquals(result.spikeCount(), fired);
        assertArrayEquals(run.state().v, stepped.state().v);
        assertArrayEquals(run.state().u, stepped.state().u);
    }
}
