package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * summary.json's rhythm and top-level ISI CV describe the first population that is not a spike source:
 * stdp_song2000 lists its Poisson inputs first, and its headline rhythm was the spectrum of their draws.
 */
class SpikeSourceSummaryTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"inputs first, 'inputs: {size: 50, model: poisson, rate_hz: 20}\n  post: {size: 5, params: RS}', post",
        "all sources,  'inputs: {size: 50, model: poisson, rate_hz: 20}\n  more: {size: 5, model: poisson, rate_hz: 3}', inputs",
        "neurons first, 'post: {size: 5, params: RS}\n  inputs: {size: 50, model: poisson, rate_hz: 20}', post"})
    void theRhythmIsOfTheFirstPopulationOfNeurons(final String what, final String populations, final String expected)
        throws Exception
    {
        final Path file = tmp.resolve("s.yaml");
        final boolean neurons = populations.contains("post");
        Files.writeString(file, "duration_ms: 2000\npopulations:\n  " + populations + "\n" + (neurons ?
            "projections:\n  - {from: inputs, to: post, rule: all_to_all, weight: 6}\n" : ""));
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        final String summary = Files.readString(out.resolve("summary.json"));
        final Matcher rhythm = Pattern.compile("\"rhythm\"\\s*:\\s*\\{\\s*\"population\"\\s*:\\s*\"(\\w+)\"")
            .matcher(summary);
        assertTrue(rhythm.find(), summary);
        assertEquals(expected, rhythm.group(1), what);
        // The top-level CV is that population's.
        assertEquals(cv(summary, "\"" + expected + "\"\\s*:\\s*\\{[^}]*?"), cv(summary, "\\}\\s*\\},\\s*"), what);
        assertTrue(!cv(summary, "\\}\\s*\\},\\s*").equals("null"), "the population fired: " + summary);
    }

    /** The first mean_cv_isi after {@code before}. */
    private static String cv(final String summary, final String before)
    {
        final Matcher m = Pattern.compile(before + "\"mean_cv_isi\"\\s*:\\s*([-0-9.eE]+|null)").matcher(summary);
        assertTrue(m.find(), before + " in " + summary);
        return m.group(1);
    }
}
