package org.izhsim.output;

import org.izhsim.network.PopulationRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.record.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationRatesTest
{
    @Test
    void everyNeuronFiringOnceInAFiveMillisecondBinIsTwoHundredHertz()
    {
        final int n = 1000;
        final double[] t = new double[n];
        final int[] ids = new int[n];
        for (int k = 0; k < n; k++)
        {
            t[k] = k < 800 ? 1.0 + k * 0.001 : 7.5;
            ids[k] = k;
        }
        final PopulationRates rates = PopulationRates.of(SpikeList.of(t, ids, n), RenderSamples.CORTEX, 0, 20, 5);
        assertArrayEquals(new double[] {0, 5, 10, 15, 20}, rates.edges(), 0);
        assertArrayEquals(new double[] {200, 0, 0, 0}, rates.hz(0), 1e-9);
        assertArrayEquals(new double[] {0, 200, 0, 0}, rates.hz(1), 1e-9);
        assertEquals("inhibitory", rates.population(1).name());
    }

    @Test
    void aPartialLastBinIsDividedByItsOwnWidthAndOutsidersAreIgnored()
    {
        // 12 ms in 5 ms bins: the last bin is 2 ms wide. One excitatory neuron of a population of one.
        final double[] t = {11.0, 11.5, 12.0, 13.0, -1.0};
        final int[] ids = {0, 0, 0, 0, 0};
        final List<PopulationRange> single = List.of(new PopulationRange("solo", 0, 1));
        final PopulationRates rates = PopulationRates.of(SpikeList.of(t, ids, 5), single, 0, 12, 5);
        assertEquals(3, rates.edges().length - 1);
        // Three spikes (t = 13 and t = -1 are outside) in 2 ms: 1500 Hz.
        assertArrayEquals(new double[] {0, 0, 1500}, rates.hz(0), 1e-9);
    }

    /** rates_bin_ms: 1e12 over a 200 ms run gave 0 bins and an exception after the run: one bin of the run now. */
    @Test
    void aBinFarLongerThanTheRunIsOneBinOfTheRun()
    {
        final double[] t = {10.0, 150.0};
        final int[] ids = {0, 0};
        final List<PopulationRange> single = List.of(new PopulationRange("solo", 0, 1));
        final PopulationRates rates = PopulationRates.of(SpikeList.of(t, ids, 2), single, 0, 200, 1e12);
        assertArrayEquals(new double[] {0, 200}, rates.edges(), 0);
        assertArrayEquals(new double[] {10}, rates.hz(0), 1e-9);
    }

    /** A result of {@code steps} 1 ms steps of cortex2003's populations with a spike every {@code every} steps. */
    static SimulationResult sparseRun(final int steps, final int every, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int count = steps / every;
        final int[] spikeSteps = new int[count];
        final int[] neurons = new int[count];
        for (int k = 0; k < count; k++)
        {
            spikeSteps[k] = k * every + random.nextInt(every);
            neurons[k] = random.nextInt(1000);
        }
        final Histogram latency = new Histogram(60_000_000_000L, 2);
        latency.recordValue(1000);
        return new SimulationResult(RenderSamples.CORTEX, 0, steps, spikeSteps, neurons, 0, 0, 1_000_000L, latency,
            new Traces(new int[0], 0), 1, 1000, 0, 0);
    }

    @Test
    void ratesInBlocksAreTheRatesOfTheWholeRunValueForValue()
    {
        // 10,007 ms in 3 ms bins (a 2 ms last bin), handed over in blocks of 100 bins.
        final SimulationResult run = sparseRun(10_007, 2, 3);
        final SpikeList spikes = SpikeList.of(run);
        final PopulationRates whole = PopulationRates.of(spikes, RenderSamples.CORTEX, 0, 10_007, 3);
        final List<double[]> edges = new ArrayList<>();
        final List<double[]> exc = new ArrayList<>();
        final List<double[]> inh = new ArrayList<>();
        final int[] next = {0};
        PopulationRates.inBlocks(spikes, RenderSamples.CORTEX, 0, 10_007, 3, 100, (first, bins, e, hz) ->
        {
            assertEquals(next[0], first);
            next[0] += bins;
            edges.add(java.util.Arrays.copyOf(e, bins));
            exc.add(java.util.Arrays.copyOf(hz[0], bins));
            inh.add(java.util.Arrays.copyOf(hz[1], bins));
            assertEquals(whole.edges()[first + bins], e[bins]);
        });
        assertEquals(3336, next[0]);
        assertArrayEquals(java.util.Arrays.copyOf(whole.edges(), 3336), joined(edges), 0);
        assertArrayEquals(whole.hz(0), joined(exc), 0);
        assertArrayEquals(whole.hz(1), joined(inh), 0);
    }

    private static double[] joined(final List<double[]> parts)
    {
        return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /**
     * rates.csv was written from the whole run's rates at once, 8 bytes per bin and population plus the edges: an
     * hour in 1 ms bins held 86 MB, and a 10 h run of cortex2003 that simulated to the end under -Xmx400m lost every
     * output to an OutOfMemoryError there. The file is written a block of bins at a time now.
     */
    @Test
    void ratesCsvOfALongRunIsWrittenWithoutTheRunsRatesOnTheHeap(@TempDir final Path dir) throws IOException
    {
        final int steps = 1_000_000;
        final SimulationResult run = sparseRun(steps, 500, 5);
        final SpikeList spikes = SpikeList.of(run);
        final Path file = dir.resolve("rates.csv");
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        PopulationRatesCsv.write(file, spikes, RenderSamples.CORTEX, 0, steps, 1);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.println("rates.csv of 10^6 bins: " + allocated / 1000 + " kB allocated");
        // The whole run's rates: 1,000,001 edges and 2 x 1,000,000 rates, 24 MB.
        assertTrue(allocated < 6_000_000L, allocated + " bytes allocated to write the rates of 10^6 bins");
        final List<String> lines = Files.readAllLines(file);
        assertEquals(steps + 1, lines.size());
        final PopulationRates whole = PopulationRates.of(spikes, RenderSamples.CORTEX, 0, steps, 1);
        final Path reference = dir.resolve("reference.csv");
        PopulationRatesCsv.write(reference, whole);
        assertEquals(Files.readAllLines(reference), lines);
    }

    /**
     * rates.csv kept 3 decimals whatever the population: one spike among 3 million neurons in a 1 ms bin (0.00033 Hz)
     * was written 0 and two as 0.001 (3 spikes). Large populations get the decimals that give back every bin's count.
     */
    @Test
    void ratesOfAVeryLargePopulationGiveBackEachBinsSpikeCount(@TempDir final Path dir) throws IOException
    {
        final int neurons = 3_000_000;
        final java.util.List<org.izhsim.network.PopulationRange> populations = java.util.List.of(
            new org.izhsim.network.PopulationRange("big", 0, neurons), new org.izhsim.network.PopulationRange("small", neurons, 800));
        final int[] counts = {1, 0, 2, 7, 1, 0, 3};
        int total = 0;
        for (final int c : counts)
        {
            total += c;
        }
        final int[] steps = new int[total + 1];
        final int[] ids = new int[total + 1];
        int k = 0;
        for (int bin = 0; bin < counts.length; bin++)
        {
            for (int c = 0; c < counts[bin]; c++)
            {
                steps[k] = bin;
                ids[k++] = 17 * k;
            }
        }
        steps[k] = 3;
        ids[k++] = neurons + 5;
        final Path file = dir.resolve("rates.csv");
        PopulationRatesCsv.write(file, SpikeList.ofSteps(steps, ids, k), populations, 0, counts.length, 1);
        final List<String> lines = Files.readAllLines(file);
        assertEquals("t_ms,big_Hz,small_Hz", lines.get(0));
        for (int bin = 0; bin < counts.length; bin++)
        {
            final String[] row = lines.get(bin + 1).split(",");
            assertEquals(counts[bin], Math.round(Double.parseDouble(row[1]) * neurons / 1000.0), lines.get(bin + 1));
            assertEquals(bin == 3 ? 1 : 0, Math.round(Double.parseDouble(row[2]) * 800 / 1000.0), lines.get(bin + 1));
        }
        assertEquals("0,0.00033,0", lines.get(1), "5 decimals for 3 million neurons in 1 ms bins");
        assertEquals("3,0.00233,1.25", lines.get(4), "3 for 800");
    }
}
