package org.izhsim.cli;

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

    @Test
    void aListOfRandomInputsIsRefusedAsSuch()
    {
        final String message = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () ->
            ExperimentLoader.parse("populations:\n  e: {size: 2, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
                "random_input:\n  - {to: e, amplitude: 2}\n", "r.yaml")).getMessage();
        assertEquals("r.yaml:4:3: 'random_input' is one input, a mapping {to: [...], amplitude: A, count: N}, not a " +
            "list: a network has at most one; more input goes into a population's own 'input' (noise_sd, dc, " +
            "poisson)", message);
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
            "each; \\S+ \\S+ free there$").matcher(run.out()).find(), run.out());
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
                "spike_times_ms.npy", "spikes.csv", "spikes.h5", "summary.json", "traces.csv"),
                files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"figures\" : \"not drawn (--no-figures)\""));
    }
}
