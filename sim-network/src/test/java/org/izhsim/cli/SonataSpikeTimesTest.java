package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

/**
 * {@code spike_times_ms: {file: spikes.h5, population: exc}}: a SONATA spike file's group as a spike-times source
 * population, so a run's spikes (its spikes.h5) or another SONATA tool's replay as input; each element checked.
 */
class SonataSpikeTimesTest
{
    @TempDir
    Path tmp;

    @Test
    void aRunsExcitatorySpikesReplayAtTheirTimes() throws IOException
    {
        final Path first = tmp.resolve("first");
        final CommandLineRun run = CommandLineRun.of("run", Path.of("..", "configs", "cortex2003.yaml").toString(),
            "--duration", "300", "--out", first.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        final TreeSet<String> exc = new TreeSet<>();
        for (final String line : Files.readAllLines(first.resolve("spikes.csv")))
        {
            if (line.endsWith(",exc"))
            {
                exc.add(line.substring(0, line.lastIndexOf(',')));
            }
        }
        assertTrue(exc.size() > 500, "cortex2003 fires: " + exc.size());
        final Path config = tmp.resolve("replay.yaml");
        Files.writeString(config, "duration_ms: 300\npopulations:\n  src:\n    size: 800\n    model: spike_times\n" +
            "    spike_times_ms: {file: first/spikes.h5, population: exc}\n");
        final Path out = tmp.resolve("replayed");
        final CommandLineRun replay = CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, replay.exitCode(), replay.err());
        final TreeSet<String> replayed = new TreeSet<>();
        for (final String line : Files.readAllLines(out.resolve("spikes.csv")).subList(1, exc.size() + 1))
        {
            replayed.add(line.substring(0, line.lastIndexOf(',')));
        }
        assertEquals(exc, replayed, "the same (time, neuron) pairs");
        assertEquals(exc.size() + 1, Files.readAllLines(out.resolve("spikes.csv")).size(), "and no more");
    }

    /**
     * A file read in chunks (jHDF gives a BigInteger per element of SONATA's uint64 node_ids: 10^7 of them ran out of a
     * heap the check before reading had allowed). (An empty group, no spike, was tried by hand: jHDF cannot write
     * an empty dataset.)
     */
    @Test
    void aFileOfManyChunksReadsWhole() throws IOException
    {
        final int perNeuron = 100_000;
        final double[] times = new double[3 * perNeuron];
        final long[] nodes = new long[3 * perNeuron];
        for (int k = 0; k < times.length; k++)
        {
            times[k] = k / 3;
            nodes[k] = k % 3;
        }
        final Path h5 = tmp.resolve("many.h5");
        try (WritableHdfFile hdf = HdfFile.write(h5))
        {
            final WritableGroup spikes = hdf.putGroup("spikes");
            final WritableGroup exc = spikes.putGroup("exc");
            exc.putDataset("timestamps", times).putAttribute("units", "ms");
            exc.putDataset("node_ids", nodes, io.jhdf.api.DatasetCreationOptions.builder().unsigned().build());
        }
        final org.izhsim.config.ExperimentConfig config = org.izhsim.config.ExperimentLoader.parse("duration_ms: " +
            "100000\npopulations:\n  exc:\n    size: 3\n    model: spike_times\n    spike_times_ms: {file: many.h5}\n",
            "exp.yaml", List.of(), tmp);
        final long[][] read = config.populations().get(0).spikeTimesMs();
        for (int i = 0; i < 3; i++)
        {
            assertEquals(perNeuron, read[i].length, "neuron " + i);
            assertEquals(0, read[i][0]);
            assertEquals(perNeuron - 1, read[i][perNeuron - 1]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no such group     | ms | 1, 2     | 0, 1  | inh | 6:47: 'spike_times_ms' 'in.h5' has no group /spikes/inh (its groups: exc; a population that never fired, or that record.spike_populations left out, has no group in a run's spikes.h5)",
        "a fraction of ms  | ms | 1, 2.5   | 0, 1  | exc | in.h5: /spikes/exc/timestamps, element 1: 2.5 ms is not a whole number of ms, the network's step (round the times to the step each falls in first)",
        "no such node      | ms | 1, 2     | 0, 3  | exc | in.h5: /spikes/exc/node_ids, element 1: node 3 is not in population 'src' (3 neurons, counted from 0)",
        "a node twice      | ms | 4, 1, 4  | 2, 0, 2 | exc | in.h5: /spikes/exc, element 2: node 2 fires at 4 ms twice (also element 0): a source fires at most once per 1 ms step",
        "in seconds        | s  | 1, 2     | 0, 1  | exc | 6:28: 'spike_times_ms' 'in.h5': /spikes/exc/timestamps are in 's', not ms",
        "negative time     | ms | -1       | 0     | exc | in.h5: /spikes/exc/timestamps, element 0: spike time -1 ms is outside 0..2147483647 ms (the run's steps)",
    })
    void aBadSpikeIsRefusedByItsDatasetAndElement(final String what, final String units, final String times,
        final String nodes, final String group, final String expected) throws IOException
    {
        final Path h5 = tmp.resolve("in.h5");
        try (WritableHdfFile hdf = HdfFile.write(h5))
        {
            final WritableGroup exc = hdf.putGroup("spikes").putGroup("exc");
            final WritableDataset t = exc.putDataset("timestamps", List.of(times.split(",")).stream()
                .mapToDouble(x -> Double.parseDouble(x.strip())).toArray());
            t.putAttribute("units", units);
            exc.putDataset("node_ids", List.of(nodes.split(",")).stream().mapToLong(x -> Long.parseLong(x.strip()))
                .toArray());
        }
        final Path config = tmp.resolve("exp.yaml");
        Files.writeString(config, "duration_ms: 10\npopulations:\n  src:\n    size: 3\n    model: spike_times\n" +
            "    spike_times_ms: {file: in.h5, population: " + group + "}\n");
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode(), what + ": " + run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("sim: " + (expected.startsWith("in.h5") ? h5.toString() + expected.substring(5) : config + ":" +
            expected), run.errorLine(), what);
        assertFalse(Files.exists(out), "run wrote nothing");
    }
}
