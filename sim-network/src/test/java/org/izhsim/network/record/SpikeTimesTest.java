package org.izhsim.network.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.izhsim.network.PopulationRange;
import org.junit.jupiter.api.Test;

class SpikeTimesTest
{
    /**
     * SimulationResult.spikeTimesMs() gave floats: beyond 2^24 ms (4.7 hours of simulated time, a long checkpointed
     * run's) odd steps came back rounded to even ones, 20000001 as 20000000.0 (17 of a tester's 33 spikes). Each
     * spike's time is its step, exactly.
     */
    @Test
    void spikeTimesAreExactAfterFourHoursOfSimulatedTime()
    {
        final int first = 20_000_001;
        final int[] steps = {first, first + 1, first + 2, (1 << 25) + 3, Integer.MAX_VALUE - 1};
        final int[] neurons = {0, 1, 2, 3, 4};
        final Histogram latency = new Histogram(60_000_000_000L, 2);
        latency.recordValue(1000);
        final SimulationResult result = new SimulationResult(List.of(new PopulationRange("n", 0, 5)), first,
            Integer.MAX_VALUE - first, steps, neurons, 0, 0, 1_000_000L, latency, new Traces(new int[0], 0), 1, 5, 0, 0);
        assertArrayEquals(new double[] {20_000_001.0, 20_000_002.0, 20_000_003.0, 33_554_435.0, 2_147_483_646.0},
            result.spikeTimesMs());
    }
}
