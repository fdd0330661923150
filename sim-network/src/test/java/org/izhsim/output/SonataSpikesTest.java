package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spikes.h5 holds the SONATA layout and the run's spikes, as jHDF and, when installed, h5dump read it. */
class SonataSpikesTest
{
    private static final List<PopulationRange> POPULATIONS =
        List.of(new PopulationRange("exc", 0, 4), new PopulationRange("inh", 4, 2));

    @Test
    void spikesReadBackPerPopulationWithLocalNodeIdsSortedByTime(@TempDir final Path dir)
    {
        final Path file = dir.resolve("spikes.h5");
        final int[] steps = {0, 0, 3, 7, 7, 12};
        final int[] ids = {1, 5, 0, 3, 4, 1};
        SonataSpikes.write(file, SpikeList.ofSteps(steps, ids, steps.length), POPULATIONS);

        try (HdfFile hdf = new HdfFile(file))
        {
            // SONATA's sorting is an HDF5 enum, which jHDF cannot write; the string it wrote made libsonata fail.
            assertEquals(java.util.Map.of(), hdf.getByPath("/spikes/exc").getAttributes());
            assertEquals(java.util.Map.of(), hdf.getAttributes(), "no attribute of jHDF's own on the root");
            assertArrayEquals(new double[] {0, 3, 7, 12},
                (double[])hdf.getDatasetByPath("/spikes/exc/timestamps").getData());
            assertArrayEquals(new long[] {1, 0, 3, 1}, nodeIds(hdf.getDatasetByPath("/spikes/exc/node_ids")));
            assertArrayEquals(new double[] {0, 7}, (double[])hdf.getDatasetByPath("/spikes/inh/timestamps").getData());
            assertArrayEquals(new long[] {1, 0}, nodeIds(hdf.getDatasetByPath("/spikes/inh/node_ids")),
                "node ids count within their population");
            assertEquals("ms", hdf.getDatasetByPath("/spikes/inh/timestamps").getAttribute("units").getData());
            assertEquals(java.util.Set.of("exc", "inh"), ((io.jhdf.api.Group)hdf.getByPath("/spikes")).getChildren().keySet(),
                "no unassigned group when every neuron is in a population");
        }
    }

    /**
     * jHDF 0.13 wrote a group named with 255 or more characters so that neither it nor h5dump could find it (the
     * file lost that population, or all of them); a population name is at most 200 characters, which it writes.
     */
    @Test
    void aPopulationOfTheLongestNameAllowedIsWrittenReadably(@TempDir final Path dir) throws Exception
    {
        final String name = "p" + "x".repeat(org.izhsim.network.build.PopulationSpec.MAX_NAME_LENGTH - 1);
        final Path file = dir.resolve("spikes.h5");
        SonataSpikes.write(file, SpikeList.ofSteps(new int[] {1, 2}, new int[] {0, 5}, 2),
            List.of(new PopulationRange(name, 0, 4), new PopulationRange("inh", 4, 2)));
        try (HdfFile hdf = new HdfFile(file))
        {
            assertArrayEquals(new double[] {1}, (double[])hdf.getDatasetByPath("/spikes/" + name + "/timestamps").getData());
            assertArrayEquals(new double[] {2}, (double[])hdf.getDatasetByPath("/spikes/inh/timestamps").getData());
        }
        final String listing = h5dump("-n", file.toString());
        Assumptions.assumeTrue(listing != null, "h5dump not found (Debian: apt-get install hdf5-tools)");
        assertTrue(listing.contains("/spikes/" + name + "/node_ids") && listing.contains("/spikes/inh/node_ids"), listing);
        assertThrows(org.izhsim.core.InputException.class, () -> org.izhsim.network.build.PopulationSpec.of(name + "x", 1));
    }

    @Test
    void aPopulationWithoutSpikesHasNoGroupAndARunWithoutSpikesAnEmptySpikesGroup(@TempDir final Path dir)
    {
        final Path file = dir.resolve("spikes.h5");
        SonataSpikes.write(file, SpikeList.ofSteps(new int[] {2}, new int[] {3}, 1), POPULATIONS);
        try (HdfFile hdf = new HdfFile(file))
        {
            assertEquals(java.util.Set.of("exc"), ((io.jhdf.api.Group)hdf.getByPath("/spikes")).getChildren().keySet());
            assertArrayEquals(new double[] {2}, (double[])hdf.getDatasetByPath("/spikes/exc/timestamps").getData());
        }
        SonataSpikes.write(file, SpikeList.ofSteps(new int[0], new int[0], 0), POPULATIONS);
        try (HdfFile hdf = new HdfFile(file))
        {
            assertTrue(((io.jhdf.api.Group)hdf.getByPath("/spikes")).getChildren().isEmpty(), "rewritten, not appended");
        }
    }

    @Test
    void aRunsSpikesH5AgreesWithItsSpikesCsvInH5dump(@TempDir final Path dir) throws Exception
    {
        final SimulationResult result;
        try (Network network = Network.build(ReferenceNetworks.cortex2003().seed(3).threads(1)))
        {
            result = network.run(100);
        }
        final Path target = dir.resolve("run");
        try (OutputDirectory out = OutputDirectory.create(target))
        {
            new RunOutputs(RunOutputs.Description.of("run", 3), result).writeTo(out);
            out.commit();
        }
        final Path file = target.resolve("spikes.h5");
        final List<String> csv = Files.readAllLines(target.resolve("spikes.csv"));
        final List<String> fromH5 = new ArrayList<>();
        try (HdfFile hdf = new HdfFile(file))
        {
            for (final PopulationRange p : result.populations())
            {
                final double[] t = (double[])hdf.getDatasetByPath("/spikes/" + p.name() + "/timestamps").getData();
                final long[] id = nodeIds(hdf.getDatasetByPath("/spikes/" + p.name() + "/node_ids"));
                for (int k = 0; k < t.length; k++)
                {
                    fromH5.add((long)t[k] + "," + (id[k] + p.first()) + "," + p.name());
                }
            }
        }
        // spikes.csv is in (time, neuron) order; the file holds one time-sorted run per population.
        fromH5.sort(java.util.Comparator.comparingLong((String line) -> Long.parseLong(line.split(",")[0]))
            .thenComparingLong(line -> Long.parseLong(line.split(",")[1])));
        assertTrue(result.spikeCount() > 0);
        assertEquals(csv.subList(1, csv.size()), fromH5);

        final String h5dump = h5dump("-H", file.toString());
        if (h5dump == null)
        {
            // Counted as skipped, not passed: a plain return hid the missing check in the test counts.
            final String reason = "h5dump not found (Debian: apt-get install hdf5-tools): " +
                "skipped the check with the HDF5 library's own reader";
            System.out.println("SonataSpikesTest: " + reason);
            Assumptions.abort(reason);
        }
        for (final String expected : List.of("GROUP \"spikes\"", "GROUP \"exc\"",
            "DATASET \"timestamps\"", "H5T_IEEE_F64LE", "DATASET \"node_ids\"", "H5T_STD_U64LE"))
        {
            assertTrue(h5dump.contains(expected), expected + " in\n" + h5dump);
        }
        assertTrue(!h5dump.contains("sorting"), "no string where SONATA has an enum:\n" + h5dump);
        final String ids = h5dump("-d", "/spikes/inh/node_ids", "-y", "-w", "0", file.toString());
        final long inh = result.populationSpikeCounts()[1];
        assertTrue(ids.contains("DATASPACE  SIMPLE { ( " + inh + " ) / ( " + inh + " ) }"), ids);
    }

    /** jHDF reads uint64 as long[] or, when values could exceed a long, BigInteger[]: ids here fit a long. */
    private static long[] nodeIds(final Dataset dataset)
    {
        final Object data = dataset.getData();
        if (data instanceof long[])
        {
            return (long[])data;
        }
        final Object[] big = (Object[])data;
        final long[] ids = new long[big.length];
        for (int k = 0; k < ids.length; k++)
        {
            ids[k] = ((java.math.BigInteger)big[k]).longValueExact();
        }
        return ids;
    }

    /** h5dump's output, or null when it is not installed. */
    private static String h5dump(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add("h5dump");
        command.addAll(List.of(args));
        final Process process;
        try
        {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException notInstalled)
        {
            return null;
        }
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
