package org.izhsim.network.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.record.Traces;
import org.junit.jupiter.api.Test;

/** The summaries summary.json gives of a run's spikes, from results made up here. */
class SpikeStatisticsTest
{
    static final List<PopulationRange> POPULATIONS = List.of(new PopulationRange("exc", 0, 800),
        new PopulationRange("inh", 800, 200));

    /** {@code steps} steps from step {@code firstStep}, a random neuron firing about every {@code every} steps. */
    static SimulationResult run(final long firstStep, final int steps, final int every, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int count = steps / every;
        final int[] spikeSteps = new int[count];
        final int[] neurons = new int[count];
        for (int k = 0; k < count; k++)
        {
            spikeSteps[k] = (int)firstStep + k * every + random.nextInt(every);
            neurons[k] = random.nextInt(1000);
        }
        final Histogram latency = new Histogram(60_000_000_000L, 2);
        latency.recordValue(1000);
        return new SimulationResult(POPULATIONS, firstStep, steps, spikeSteps, neurons, 0, 0, 1_000_000L, latency,
            new Traces(new int[0], 0), 1, 1000, 0, 0);
    }

    /** The rate read window by window is the rate of the whole run, value for value (a resumed run's too). */
    @Test
    void thePopulationRateReadInWindowsIsTheWholeRate()
    {
        final SimulationResult result = run(300, 10_000, 3, 2);
        final double[] whole = SpikeStatistics.populationRateHz(result, "exc");
        final double[] windows = new double[whole.length];
        final PowerSpectrum.Signal signal = SpikeStatistics.populationRate(result, "exc");
        for (int from = 0; from < whole.length; from += 777)
        {
            final int count = Math.min(777, whole.length - from);
            final double[] window = new double[count];
            signal.addTo(from, window, count);
            System.arraycopy(window, 0, windows, from, count);
        }
        assertArrayEquals(whole, windows, 0.0);
    }

    /**
     * summary.json's spectrum took the rate of the whole run as an array, 8 bytes a step (288 MB for 10 h) before
     * its transform; the rate is read a window at a time now.
     */
    @Test
    void readingTheRateOfALongRunHoldsNoArrayAsLongAsTheRun()
    {
        final SimulationResult result = run(0, 2_000_000, 100, 4);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final double[] window = new double[1 << 16];
        final long before = threads.getCurrentThreadAllocatedBytes();
        final PowerSpectrum.Signal signal = SpikeStatistics.populationRate(result, "exc");
        for (int from = 0; from < result.steps(); from += window.length)
        {
            signal.addTo(from, window, Math.min(window.length, result.steps() - from));
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 100_000, allocated + " bytes allocated to read the rate of 2,000,000 steps");
    }
}
