package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.jhdf.HdfFile;

/**
 * {@code record: {spike_populations: [post]}}: the spike files hold the chosen populations' spikes alone (a run's
 * Poisson inputs need not fill the disk), while rates.csv and summary.json count every population.
 */
class SpikePopulationsRecordTest
{
    private static final String CONFIG = "duration_ms: 2000\npopulations:\n  inputs: {size: 200, model: poisson, " +
        "rate_hz: 15}\n  post: {size: 3, params: RS}\nprojections:\n  - {from: inputs, to: post, rule: all_to_all, " +
        "weight: 2}\nrecord: {spike_populations: LIST}\n";

    @TempDir
    Path tmp;

    @Test
    void theSpikeFilesHoldTheChosenPopulationsAlone() throws IOException
    {
        final Path config = tmp.resolve("exp.yaml");
        Files.writeString(config, CONFIG.replace("LIST", "[post]"));
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        final List<String> csv = Files.readAllLines(out.resolve("spikes.csv"));
        final String summary = Files.readString(out.resolve("summary.json"));
        final long post = Long.parseLong(summary.replaceAll("(?s).*\"post\"\\s*:\\s*\\{\\s*\"neurons\"\\s*:\\s*3,\\s*" +
            "\"spikes\"\\s*:\\s*(\\d+).*", "$1"));
        assertTrue(post > 20, "post fires: " + post);
        assertEquals(post + 1, csv.size(), "spikes.csv: the header and post's spikes");
        assertTrue(csv.subList(1, csv.size()).stream().allMatch(line -> line.endsWith(",post")), "only post's");
        // The .npy pair: a 128-byte header (numpy's format 1.0 as written here) and 4 bytes an id.
        assertEquals(128 + 4 * post, Files.size(out.resolve("spike_ids.npy")));
        try (HdfFile hdf = new HdfFile(out.resolve("spikes.h5")))
        {
            assertEquals(List.of("post"), List.copyOf(((io.jhdf.api.Group)hdf.getChild("spikes")).getChildren()
                .keySet()));
        }
        assertTrue(summary.matches("(?s).*\"spike_populations\"\\s*:\\s*\\[\\s*\"post\"\\s*\\].*"), summary);
        assertTrue(Files.readAllLines(out.resolve("rates.csv")).get(0).contains("inputs"), "rates of every population");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown     | [nope]       | 7:30: unknown population 'nope' in record.spike_populations (populations: inputs, post)",
        "twice       | [post, post] | 7:36: population 'post' is listed twice in record.spike_populations",
        "empty       | []           | 7:29: record.spike_populations lists no population: name at least one, or leave it out for all",
        "not a list  | post         | 7:29: expected a list for 'spike_populations', got 'post'",
    })
    void aWrongListIsRefusedAtItsPlace(final String what, final String list, final String expected) throws IOException
    {
        final Path config = tmp.resolve("exp.yaml");
        Files.writeString(config, CONFIG.replace("LIST", list));
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, run.exitCode(), what + ": " + run.err());
        assertEquals("sim: " + config + ":" + expected, run.errorLine(), what);
        assertFalse(Files.exists(out), "run wrote nothing");
    }
}
