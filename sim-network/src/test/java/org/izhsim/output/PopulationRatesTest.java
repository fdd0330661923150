package org.izhsim.output;

import org.izhsim.network.PopulationRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

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
}
