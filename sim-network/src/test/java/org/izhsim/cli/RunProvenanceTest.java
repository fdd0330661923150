package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a folder says of the run that made it (a tester's sweep could not tell its folders apart: summary.json named
 * the experiment only), the warning before a folder of an earlier run is replaced, and what sim neuron --json says of
 * its run.
 */
class RunProvenanceTest
{
    @TempDir
    Path tmp;

    private static Path config() throws Exception
    {
        return Path.of(RunProvenanceTest.class.getResource("/cli/small.yaml").toURI());
    }

    @Test
    void theFolderKeepsTheConfigsTextAndTheSummaryItsHashOverridesAndArguments() throws Exception
    {
        final Path out = tmp.resolve("o");
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--quiet", "--duration", "20",
            "--set", "seed=9", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        final byte[] text = Files.readAllBytes(config());
        assertEquals(new String(text, StandardCharsets.UTF_8), Files.readString(out.resolve("config.yaml")));
        final String summary = Files.readString(out.resolve("summary.json"));
        final String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        assertTrue(summary.contains("\"config_sha256\" : \"" + sha + "\""), summary);
        assertTrue(summary.contains("\"config_file\" : \"" + config().toAbsolutePath().normalize() + "\""), summary);
        assertTrue(summary.contains("\"sets\" : [ \"seed=9\" ]"), summary);
        assertTrue(summary.contains("\"arguments\" : [ \"run\", \"" + config() + "\", \"--quiet\""), summary);
        assertTrue(summary.contains("\"izhsim\" : \""), summary);
        assertTrue(summary.contains("\"seed\" : 9,"), summary);
    }

    @Test
    void aRunIntoAnEarlierRunsFolderSaysItReplacesIt() throws Exception
    {
        final Path out = tmp.resolve("o");
        final CommandLineRun first = CommandLineRun.of("run", config().toString(), "--quiet", "--duration", "20",
            "--out", out.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertFalse(first.err().contains("earlier run"), first.err());
        final CommandLineRun second = CommandLineRun.of("run", config().toString(), "--quiet", "--duration", "20",
            "--out", out.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.err().contains("sim: warning: " + out + " holds the outputs of an earlier run (written "),
            second.err());
        assertTrue(second.err().contains("which this run's outputs replace when they are written; give another " +
            "--out to keep them"), second.err());
    }

    /**
     * A list of random inputs (a network had at most one): each draws its own neurons, the same for any thread count,
     * and a problem names its place in the list; an empty list is refused.
     */
    @Test
    void aListOfRandomInputsDrawsEachAndNamesItsPlace()
    {
        final String head = "name: ri\nseed: 3\npopulations:\n  exc: {size: 80, params: RS}\n" +
            "  inh: {size: 20, params: FS}\nprojections:\n" +
            "  - {from: exc, to: [exc, inh], rule: fixed_outdegree, k: 10, weight: 0.5}\nrandom_input:\n";
        final String two = head + "  - {to: exc, amplitude: 20, count: 2}\n  - {to: [inh], amplitude: 10}\n";
        final int[] one = spikes(head + "  - {to: exc, amplitude: 20, count: 2}\n", 1);
        final int[] both = spikes(two, 1);
        assertTrue(one.length > 20 && both.length > one.length, one.length + " and " + both.length + " spikes");
        assertArrayEquals(both, spikes(two, 3), "any thread count");
        assertArrayEquals(one, spikes(head.replace("random_input:\n", "random_input: ") +
            "{to: exc, amplitude: 20, count: 2}\n", 2), "one as a mapping or a list of one");
        assertEquals("r.yaml:10:11: unknown population 'ihn' in 'to' of random_input #2, did you mean 'inh'?",
            org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> ExperimentLoader.parse(
                two.replace("[inh]", "[ihn]"), "r.yaml")).getMessage());
        assertEquals("r.yaml:10:39: expected an integer for 'count', got '2.5' (in random_input #2)",
            org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> ExperimentLoader.parse(
                two.replace("amplitude: 10}", "amplitude: 10, count: 2.5}"), "r.yaml")).getMessage());
        assertEquals("r.yaml:11:10: populations [exc, inh] are not consecutive in declaration order in random_input #2",
            org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> org.izhsim.config.NetworkAssembler
                .plan(ExperimentLoader.parse(two.replace("  inh: {size: 20, params: FS}\n",
                    "  mid: {size: 2, params: FS}\n  inh: {size: 20, params: FS}\n").replace("to: [exc, inh], rule",
                    "to: exc, rule").replace("[inh]", "[exc, inh]"),
                    "r.yaml"))).getMessage());
        assertEquals("r.yaml:8:15: 'random_input' lists no input: give at least one {to: [...], amplitude: A}, or " +
            "leave the key out", org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () ->
            ExperimentLoader.parse(head.replace("random_input:\n", "random_input: []\n"), "r.yaml")).getMessage());
    }

    private static int[] spikes(final String yaml, final int threads)
    {
        try (org.izhsim.network.engine.Network network = org.izhsim.network.engine.Network.build(
            org.izhsim.config.NetworkAssembler.builder(ExperimentLoader.parse(yaml, "r.yaml")).threads(threads)))
        {
            final org.izhsim.network.record.SimulationResult result = network.run(300);
            return java.util.Arrays.copyOf(result.spikeNeurons(), result.spikeCount());
        }
    }

    @Test
    void aNeuronsJsonLineSaysWhatRan()
    {
        final CommandLineRun run = CommandLineRun.of("neuron", "--preset", "RS", "--current", "7.5", "--json",
            "--duration", "30");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("{\"preset\":\"RS\",\"arguments\":[\"neuron\",\"--preset\",\"RS\",\"--current\"," +
            "\"7.5\",\"--json\",\"--duration\",\"30\"],\"params\":{\"a\":0.02,\"b\":0.2,\"c\":-65.0,\"d\":8.0},"),
            run.out());
    }

    /** sim run printed its memory estimate but not the disk's, which only validate gave (a scale tester). */
    @Test
    void aRunSaysWhatItsOutputsTakeOnDisk() throws Exception
    {
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--duration", "20", "--out",
            tmp.resolve("o").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(java.util.regex.Pattern.compile("(?m)^small: outputs on disk .* and the spikes, about \\d+ bytes " +
            "each \\(and up to 60 more for each of the first 80,000 drawn, raster.svg's marks\\); \\S+ \\S+ free there$")
            .matcher(run.out()).find(), run.out());
    }

    /** A sweep's many runs spent their time drawing rasters nobody opened (a tester): --no-figures. */
    @Test
    void noFiguresWritesTheDataFilesAlone() throws Exception
    {
        final Path out = tmp.resolve("o");
        final CommandLineRun run = CommandLineRun.of("run", config().toString(), "--quiet", "--duration", "20",
            "--no-figures", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        try (java.util.stream.Stream<Path> files = Files.list(out))
        {
            assertEquals(java.util.List.of(".izhsim-output", "config.yaml", "rates.csv", "spike_ids.npy",
                "spike_times_ms.npy", "spikes.csv", "spikes.h5", "summary.json", "trace_input.npy", "trace_neurons.npy",
                "trace_times_ms.npy", "trace_v.npy", "traces.csv"),
                files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"figures\" : \"not drawn (--no-figures)\""));
    }
}
