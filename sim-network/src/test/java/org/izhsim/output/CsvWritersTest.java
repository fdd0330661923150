package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWritersTest
{
    @TempDir
    Path dir;

    private List<String> lines(final String name) throws IOException
    {
        return Files.readAllLines(dir.resolve(name));
    }

    @Test
    void neuronTraceHasTheHeaderExactTimesAndRoundedState() throws IOException
    {
        NeuronTraceCsv.write(dir.resolve("trace.csv"), new double[] {0, 0.1, 3 * 0.1},
            new double[] {-70, -69.12345678, 30}, new double[] {-14, -13.9999999, -6}, new double[] {0, 10, 10});
        assertEquals(List.of("t_ms,v_mV,u,I", "0,-70,-14,0", "0.1,-69.123457,-14,10", "0.30000000000000004,30,-6,10"),
            lines("trace.csv"));
    }

    @Test
    void spikeTimesOnePerLine() throws IOException
    {
        SpikeTimesCsv.write(dir.resolve("spikes.csv"), new double[] {24.1, 42.5, 87.0, 999}, 3);
        assertEquals(List.of("t_ms", "24.1", "42.5", "87"), lines("spikes.csv"));
    }

    @Test
    void networkSpikesNameTheirPopulation() throws IOException
    {
        final SpikeList spikes = SpikeList.of(new float[] {1.5f, 1.5f, 2.0f}, new int[] {3, 850, 1200}, 3);
        NetworkSpikesCsv.write(dir.resolve("net.csv"), spikes, RenderSamples.CORTEX);
        assertEquals(List.of("t_ms,neuron,population", "1.5,3,excitatory", "1.5,850,inhibitory", "2,1200,"),
            lines("net.csv"));
    }

    @Test
    void populationRatesOneColumnPerPopulationInHertz() throws IOException
    {
        final SpikeList spikes = SpikeList.of(new double[] {1, 2, 6}, new int[] {0, 900, 1}, 3);
        PopulationRatesCsv.write(dir.resolve("rates.csv"),
            PopulationRates.of(spikes, RenderSamples.CORTEX, 0, 10, 5));
        // 1 spike / 800 neurons / 5 ms = 0.25 Hz; 1 / 200 / 5 ms = 1 Hz.
        assertEquals(List.of("t_ms,excitatory_Hz,inhibitory_Hz", "0,0.25,1", "5,0.25,0"), lines("rates.csv"));
    }

    @Test
    void stateTracesStreamRowsAndQuoteAwkwardText() throws IOException
    {
        try (StateTraceCsv trace = new StateTraceCsv(dir.resolve("state.csv")))
        {
            trace.row(0.5, 7, -65, -13, 4.25);
            trace.row(0.5, 12, -64.0000004, -13, 0);
        }
        assertEquals(List.of("t_ms,neuron,v,u,input", "0.5,7,-65,-13,4.25", "0.5,12,-64,-13,0"), lines("state.csv"));
        try (CsvWriter csv = new CsvWriter(dir.resolve("q.csv"), "name"))
        {
            csv.field("a,b \"c\"").endRow();
        }
        assertEquals(List.of("name", "\"a,b \"\"c\"\"\""), lines("q.csv"));
    }

    @Test
    void largeFilesFlushCompletely() throws IOException
    {
        final int n = 200_000;
        final double[] t = new double[n];
        for (int k = 0; k < n; k++)
        {
            t[k] = k * 0.025;
        }
        SpikeTimesCsv.write(dir.resolve("many.csv"), t, n);
        final List<String> lines = lines("many.csv");
        assertEquals(n + 1, lines.size());
        assertEquals("4999.975", lines.get(n));
    }
}
