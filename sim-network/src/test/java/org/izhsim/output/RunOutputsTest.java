package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java program writes the folder {@code sim run} writes, without an experiment file. */
class RunOutputsTest
{
    @Test
    void aJavaRunWritesTheStandardFolderWithoutAConfig(@TempDir final Path dir) throws IOException
    {
        final SimulationResult result;
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(7).threads(1).recordTraces(3, 900)))
        {
            result = network.run(200);
        }
        final Path target = dir.resolve("mine");
        try (OutputDirectory out = OutputDirectory.create(target))
        {
            new RunOutputs(new RunOutputs.Description("mine", 7, 1.0, 5.0, true, false, true), result).writeTo(out);
            out.commit();
        }

        for (final String file : List.of("spikes.csv", "spike_times_ms.npy", "spike_ids.npy", "spikes.h5", "raster.png",
            "raster.svg", "rates.csv", "traces.csv", "summary.json"))
        {
            assertTrue(Files.size(target.resolve(file)) > 0, file);
        }
        assertTrue(result.spikeCount() > 0, "cortex2003 fires within 200 ms");
        assertEquals(result.spikeCount() + 1, Files.readAllLines(target.resolve("spikes.csv")).size());
        final List<String> rates = Files.readAllLines(target.resolve("rates.csv"));
        assertEquals(List.of("t_ms", "exc_Hz", "inh_Hz"), List.of(rates.get(0).split(",")));
        assertEquals(1 + 200 / 5, rates.size(), "5 ms bins over 200 ms");
        final List<String> traces = Files.readAllLines(target.resolve("traces.csv"));
        assertEquals("t_ms,neuron,v,input", traces.get(0), "the described variables only");
        assertEquals(1 + 2 * 200, traces.size(), "two neurons, every step");

        final String summary = Files.readString(target.resolve("summary.json"));
        for (final String field : List.of("\"config\" : \"mine\",", "\"seed\" : 7,", "\"status\" : \"completed\",",
            "\"spikes\" : " + result.spikeCount() + ",", "\"dt_ms\" : 1.0,"))
        {
            assertTrue(summary.contains(field), field + " in " + summary);
        }
    }
}
