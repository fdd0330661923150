package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large build says it has begun: sparse1m printed nothing for 82 s after its estimates. A small network's output
 * is unchanged, and --quiet says nothing.
 */
class LargeBuildLineTest
{
    private static String config(final int neurons, final int k)
    {
        return String.join("\n",
            "name: wide",
            "duration_ms: 2",
            "populations:",
            "  exc: {size: " + neurons + ", params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {noise_sd: 5}}",
            "projections:",
            "  - {from: exc, to: exc, rule: fixed_outdegree, k: " + k + ", weight: 0.1}",
            "");
    }

    @TempDir
    Path tmp;

    @Test
    void aBuildOfTenMillionSynapsesIsSaidBeforeItBeginsAndASmallOneIsNot() throws Exception
    {
        final Path large = Files.writeString(tmp.resolve("large.yaml"), config(10_000, 1000));
        final CommandLineRun run = CommandLineRun.of("run", large.toString(), "--out", tmp.resolve("l").toString(),
            "--no-figures");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*\nwide: building 10,000 neurons and about 10,000,000 synapses \\.\\.\\.\n" +
            "wide: built 10,000 neurons.*"), run.out());
        final CommandLineRun quiet = CommandLineRun.of("run", large.toString(), "--out", tmp.resolve("q").toString(),
            "--no-figures", "--quiet");
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertFalse(quiet.out().contains("building"), quiet.out());
        final Path small = Files.writeString(tmp.resolve("small.yaml"), config(1000, 100));
        final CommandLineRun smallRun = CommandLineRun.of("run", small.toString(), "--out", tmp.resolve("s").toString(),
            "--no-figures");
        assertEquals(0, smallRun.exitCode(), smallRun.err());
        assertFalse(smallRun.out().contains("building"), smallRun.out());
    }

    /** A network of neurons alone was announced as "building 30,000,000 neurons and about 0 synapses". */
    @Test
    void aLargeBuildOfNeuronsAloneSaysNoSynapses()
    {
        assertEquals("bigpop: building 30,000,000 neurons ...", RunCommand.largeBuildLine("bigpop", "", 30_000_000, 0));
        assertEquals("bigpop: building 30,000,002 neurons and about 1 synapse ...",
            RunCommand.largeBuildLine("bigpop", "", 30_000_002, 1));
        assertEquals("wide: building a warm-up copy of 10,000 neurons and about 10,000,000 synapses ...",
            RunCommand.largeBuildLine("wide", "a warm-up copy of ", 10_000, 10_000_000));
    }
}
