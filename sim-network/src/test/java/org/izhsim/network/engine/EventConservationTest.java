package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.SynapseMatrix;
import org.junit.jupiter.api.Test;

/** Every synaptic event counted is a synapse of a spike that reached it: nothing lost, nothing invented. */
class EventConservationTest
{
    @Test
    void delayRowsCountTheSynapsesOfSpikesWhoseArrivalFallsInTheRun()
    {
        final Network network = Network.build(DeterminismTest.network(2, SpikeDelivery.DELAY_ROWS));
        final SimulationResult result = network.run(500);
        final SynapseMatrix matrix = network.synapses();
        long expected = 0;
        for (int i = 0; i < result.spikeCount(); i++)
        {
            for (int d = 1; d <= matrix.maxDelay(); d++)
            {
                if (result.spikeSteps()[i] + d < result.firstStep() + result.steps())
                {
                    expected += synapsesWithDelay(matrix, result.spikeNeurons()[i], d);
                }
            }
        }
        assertTrue(expected > 100_000, "the check needs traffic, got " + expected);
        assertEquals(expected, result.synapticEvents());
    }

    @Test
    void arrivalRingCountsTheSynapsesOfSpikesDispatchedInTheRun()
    {
        final Network network = Network.build(DeterminismTest.network(3, SpikeDelivery.ARRIVAL_RING));
        final SimulationResult result = network.run(500);
        long expected = 0;
        for (int i = 0; i < result.spikeCount(); i++)
        {
            if (result.spikeSteps()[i] + 1 < result.firstStep() + result.steps())
            {
                expected += network.synapses().outDegree(result.spikeNeurons()[i]);
            }
        }
        assertTrue(expected > 100_000, "the check needs traffic, got " + expected);
        assertEquals(expected, result.synapticEvents());
    }

    private static int synapsesWithDelay(final SynapseMatrix matrix, final int source, final int delay)
    {
        int count = 0;
        for (int b = 0; b < matrix.partition().blocks(); b++)
        {
            final int row = source * matrix.maxDelay() + delay - 1;
            count += matrix.rowStart(b)[row + 1] - matrix.rowStart(b)[row];
        }
        return count;
    }
}
