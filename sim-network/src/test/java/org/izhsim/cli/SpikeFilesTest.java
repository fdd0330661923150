package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * record.spike_files: a run writes its spikes in the formats asked for alone (every spike file held all the spikes:
 * a long run wrote gigabytes in each where a study read one), the same spikes, and the disk estimate counts them.
 */
class SpikeFilesTest
{
    @TempDir
    Path tmp;

    private static Path config() throws URISyntaxException
    {
        return Path.of(SpikeFilesTest.class.getResource("/cli/small.yaml").toURI());
    }

    private List<String> run(final String name, final String... sets) throws Exception
    {
        final List<String> args = new java.util.ArrayList<>(List.of("run", config().toString(), "--out",
            tmp.resolve(name).toString(), "--duration", "200", "--quiet", "--no-figures"));
        for (final String set : sets)
        {
            args.add("--set");
            args.add(set);
        }
        final CommandLineRun run = CommandLineRun.of(args.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> files = Files.list(tmp.resolve(name)))
        {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("spike")).sorted().toList();
        }
    }

    @Test
    void aRunWritesTheSpikeFilesAskedForAlone() throws Exception
    {
        assertEquals(List.of("spike_ids.npy", "spike_times_ms.npy", "spikes.csv", "spikes.h5"), run("all"));
        assertEquals(List.of("spike_ids.npy", "spike_times_ms.npy"), run("npy", "record.spike_files=[npy]"));
        assertEquals(List.of("spikes.csv"), run("csv", "record.spike_files=[csv]"));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("all/spike_ids.npy")), Files.readAllBytes(tmp.resolve(
            "npy/spike_ids.npy")), "the same spikes");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("all/spikes.csv")), Files.readAllBytes(tmp.resolve(
            "csv/spikes.csv")));
        assertTrue(Files.readString(tmp.resolve("npy/summary.json")).contains("\"spike_files\" : [ \"npy\" ]"));
    }

    @Test
    void theDiskEstimateCountsTheSpikeFilesAskedFor() throws Exception
    {
        final CommandLineRun all = CommandLineRun.of("validate", config().toString());
        final CommandLineRun npy = CommandLineRun.of("validate", config().toString(), "--set", "record.spike_files=[npy]");
        assertTrue(all.out().contains("and the spikes, about 62 bytes each"), all.out());
        // The run's own spike file's record (8), the .npy pair's 12, rates.csv's share (7).
        assertTrue(npy.out().contains("and the spikes, about 27 bytes each"), npy.out());
        final CommandLineRun bad = CommandLineRun.of("validate", config().toString(), "--set",
            "record.spike_files=[csv, csv]");
        assertEquals(2, bad.exitCode());
        assertEquals("sim: --set record.spike_files=[csv, csv]: spike file 'csv' is listed twice in 'spike_files'\n",
            bad.err());
        assertEquals("sim: --set record.spike_files=csv: 'spike_files' is a list of the files to write, e.g. [csv], got " +
            "csv\n", CommandLineRun.of("validate", config().toString(), "--set", "record.spike_files=csv").err());
        assertEquals("sim: --set record.spike_files=[hdf5]: unknown spike file 'hdf5' in record.spike_files: spikes.h5 " +
            "(SONATA) is 'h5'\n", CommandLineRun.of("validate", config().toString(), "--set",
            "record.spike_files=[hdf5]").err());
        assertEquals("sim: --set record.spike_files=null: 'spike_files' is a list of the files to write, e.g. [csv], " +
            "got null\n", CommandLineRun.of("validate", config().toString(), "--set", "record.spike_files=null").err());
    }
}
