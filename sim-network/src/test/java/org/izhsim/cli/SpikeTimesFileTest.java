package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code spike_times_ms: {file: times.csv}}: a spike-times source population's times read from a CSV file (for more
 * than the 1 MiB experiment file holds), firing as the same times written inline; every bad line refused at its
 * line and column; the file named in summary.json's provenance and kept out of the output folder.
 */
class SpikeTimesFileTest
{
    private static final String CONFIG = "duration_ms: 100\npopulations:\n  src:\n    size: 3\n    model: spike_times\n" +
        "    spike_times_ms: {file: times.csv}\n    repeat_every_ms: 50\n";

    @TempDir
    Path tmp;

    @Test
    void aFileFiresItsTimesAsTheSameTimesWrittenInline() throws IOException
    {
        Files.writeString(tmp.resolve("times.csv"), "# a pattern\r\nneuron, t_ms\r\n0,10\r\n1,12\r\n 2 , 30\r\n2,10.0\r\n" +
            "2,49\r\n");
        final Path config = tmp.resolve("exp.yaml");
        Files.writeString(config, CONFIG);
        final SimulationResult fromFile;
        try (Network net = Network.build(NetworkAssembler.plan(ExperimentLoader.load(config))))
        {
            fromFile = net.run(100);
        }
        try (Network net = Network.build(new NetworkBuilder().population(PopulationSpec.of("src", 3)
            .spikeTimes(new long[][] {{10}, {12}, {49, 30, 10}}, 50))))
        {
            final SimulationResult inline = net.run(100);
            assertEquals(10, inline.spikeCount());
            assertArrayEquals(inline.spikeSteps(), fromFile.spikeSteps());
            assertArrayEquals(inline.spikeNeurons(), fromFile.spikeNeurons());
        }
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        final String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.matches("(?s).*\"spike_times\"\\s*:\\s*\\{\\s*\"src\"\\s*:\\s*\\{\\s*\"file\"\\s*:\\s*\"" +
            tmp.resolve("times.csv").toAbsolutePath() + "\",\\s*\"spike_times\"\\s*:\\s*5,\\s*\"crc32c\"\\s*:\\s*" +
            "\"[0-9a-f]{8}\".*"), summary);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a time twice      | t_ms,neuron\\n10,0\\n11,1\\n10,0 | 4:1: neuron 0 fires at 10 ms twice (also line 2): a source fires at most once per 1 ms step",
        "a fraction of ms  | t_ms,neuron\\n10.5,0            | 2:1: the t_ms '10.5' is not a whole number of ms",
        "past the period   | t_ms,neuron\\n3,1\\n50,0        | 3:1: spike time 50 ms is not below the repeat period of 50 ms",
        "negative time     | t_ms,neuron\\n-1,0              | 2:1: spike time -1 ms is outside 0..2147483647 ms (the run's steps)",
        "no such neuron    | t_ms,neuron\\n6,3               | 2:3: neuron 3 is not in population 'src' (3 neurons, counted from 0)",
        "a neuron as text  | t_ms,neuron\\n6,one             | 2:3: the neuron 'one' is not a whole number",
        "another column    | time,neuron\\n6,1               | 1:1: unknown column 'time': the header of a spike times file is t_ms,neuron (in any order) (columns: t_ms, neuron)",
        "three fields      | t_ms,neuron\\n6,1,2             | 2:1: expected 2 comma-separated fields (t_ms,neuron), got 3",
        "an empty time     | t_ms,neuron\\n,1                | 2:1: the t_ms is empty",
        "an empty neuron   | t_ms,neuron\\n10,               | 2:4: the neuron is empty",
        "a time of 1e300   | t_ms,neuron\\n1e300,1           | 2:1: the t_ms '1e300' is outside 0..2147483647 ms (the run's steps)",
        "no header         | # nothing\\n                   | 3:1: no header 't_ms,neuron' (the file is empty or holds comments only)",
    })
    void aBadLineIsRefusedAtItsLineAndColumn(final String what, final String text, final String expected)
        throws IOException
    {
        final Path times = tmp.resolve("times.csv");
        Files.writeString(times, text.replace("\\n", "\n") + "\n");
        final Path config = tmp.resolve("exp.yaml");
        Files.writeString(config, CONFIG);
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode(), what + ": " + run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("sim: " + times + ":" + expected, run.errorLine(), what);
        assertFalse(Files.exists(out), "run wrote nothing");
    }

    @Test
    void theOutputFolderMayNotHoldTheFileAndAnUploadMayNotNameOne() throws IOException
    {
        final Path config = tmp.resolve("exp.yaml");
        Files.writeString(config, CONFIG.replace("file: times.csv", "file: out/times.csv"));
        final Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("times.csv"), "t_ms,neuron\n5,0\n");
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.errorLine().contains("contains the input file"), run.errorLine());
        assertEquals(1, Files.list(out).count(), "the folder as it was");
        final InputException upload = assertThrows(InputException.class, () -> ExperimentLoader.parse(CONFIG,
            "upload.yaml"));
        assertEquals("upload.yaml:6:28: 'spike_times_ms' of population 'src' reads a file, which an experiment sent " +
            "as text cannot name (the explorer's uploads): run it with sim run", upload.getMessage());
    }

    /**
     * A file of more times than half the heap reads is refused with the main memory refusal's advice, the launcher's
     * other options beside the -Xmx: it said "SIM_JAVA_OPTS=-Xmx...", which alone drops them.
     */
    @Test
    void aFileTooLargeForTheHeapIsRefusedWithTheLaunchersOptionsBesideTheXmx() throws Exception
    {
        // A million lines: 24 MB to read, more than half of -Xmx32m.
        final StringBuilder times = new StringBuilder("neuron,t_ms\n");
        for (int i = 0; i < 1_000_000; i++)
        {
            times.append("0,1\n");
        }
        Files.writeString(tmp.resolve("times.csv"), times);
        Files.writeString(tmp.resolve("exp.yaml"), CONFIG);
        final ProcessBuilder builder = org.izhsim.output.JavaProcess.builder(tmp, Main.class, "validate", "exp.yaml");
        builder.command().add(1, "-Xmx32m");
        final CommandLineRun refused = CommandLineRun.of(builder.start());
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.errorLine().matches(".*'spike_times_ms' of population 'src' holds up to 1,000,000 spike " +
            "times .* more than half this JVM's heap of .*: give Java more heap if the machine has the memory " +
            "\\(SIM_JAVA_OPTS='-Xmx\\d+m -Xmn64m -XX:\\+UseParallelGC' for \\./sim\\)"), refused.err());
    }
}
