package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** record.connections: sim run writes each projection's synapses to connections_K.csv, which a config reads back. */
class ConnectionsRecordTest
{
    @TempDir
    Path tmp;

    private static final String NETWORK = "duration_ms: 300\npopulations:\n" +
        "  exc: {size: 40, params: RS, input: {noise_sd: 6, dc: 3}}\n  inh: {size: 10, params: FS, input: {noise_sd: 3}}\n";

    @Test
    void aRunWritesItsConnectionsAndARunFromThemFiresItsSpikes() throws Exception
    {
        final Path drawn = Files.writeString(tmp.resolve("drawn.yaml"), "name: drawn\n" + NETWORK + "projections:\n" +
            "  - {from: exc, to: [exc, inh], rule: pairwise, p: 0.2, weight: \"0.5*rand\", delay_ms: " +
            "{distribution: uniform_int, low: 1, high: 5}}\n" +
            "  - {from: inh, to: exc, rule: fixed_indegree, k: 4, weight: -2}\n" +
            "record: {connections: true}\n");
        final Path out = tmp.resolve("out");
        final CommandLineRun validate = CommandLineRun.of("validate", drawn.toString());
        assertTrue(validate.out().contains("connections files "), validate.out());
        final CommandLineRun run = CommandLineRun.of("run", drawn.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        final List<String> first = Files.readAllLines(out.resolve("connections_1.csv"));
        final List<String> second = Files.readAllLines(out.resolve("connections_2.csv"));
        assertEquals("source,target,delay_ms,weight", first.get(0));
        assertEquals(1 + 40 * 4, second.size(), "fixed_indegree 4 onto 40 targets");
        assertTrue(Files.readString(out.resolve(".izhsim-output")).contains("file connections_2.csv"));
        final String summary = Files.readString(out.resolve("summary.json"));
        final long synapses = Long.parseLong(summary.replaceAll("(?s).*\"synapses\" : (\\d+).*", "$1"));
        assertEquals(synapses, first.size() - 1 + second.size() - 1, "one line per synapse");

        final Path given = Files.writeString(tmp.resolve("given.yaml"), "name: given\n" + NETWORK + "projections:\n" +
            "  - {from: exc, to: [exc, inh], connections: out/connections_1.csv}\n" +
            "  - {from: inh, to: exc, connections: out/connections_2.csv}\n");
        final Path again = tmp.resolve("again");
        final CommandLineRun read = CommandLineRun.of("run", given.toString(), "--out", again.toString(), "--quiet");
        assertEquals(0, read.exitCode(), read.err());
        assertTrue(Files.size(out.resolve("spikes.csv")) > 1000);
        assertEquals(Files.readString(out.resolve("spikes.csv")), Files.readString(again.resolve("spikes.csv")));
        // The file by its absolute path (the path from the working folder, which summary.json does not record, was given).
        assertTrue(Files.readString(again.resolve("summary.json")).contains("\"file\" : \"" +
            out.resolve("connections_2.csv").toAbsolutePath().normalize() + "\""), "provenance names the file");
    }

    /**
     * From the command line alone: --unset the drawn projection's rule and values, --set its connections to the
     * files a run wrote, by a path from the working folder (a --set is typed in the shell there; the file's own
     * paths are from its folder). The same spikes; summary.json records the unsets.
     */
    @Test
    void unsetsAndASetOfConnectionsTurnADrawnProjectionIntoTheFileItWrote() throws Exception
    {
        final Path configs = Files.createDirectories(tmp.resolve("configs"));
        final Path drawn = Files.writeString(configs.resolve("drawn.yaml"), "name: drawn\n" + NETWORK +
            "projections:\n  - {from: exc, to: [exc, inh], rule: fixed_outdegree, k: 8, weight: \"0.5*rand\"}\n" +
            "  - {from: inh, to: exc, rule: fixed_indegree, k: 4, weight: -2}\n");
        final CommandLineRun first = CommandLineRun.of(org.izhsim.output.JavaProcess.start(tmp, Main.class, "run",
            "configs/drawn.yaml", "--quiet", "--set", "record.connections=true"));
        assertEquals(0, first.exitCode(), first.err());
        final CommandLineRun again = CommandLineRun.of(org.izhsim.output.JavaProcess.start(tmp, Main.class, "run",
            "configs/drawn.yaml", "--quiet", "--out", "again", "--unset", "projections.#1.rule", "--unset",
            "projections.#1.k", "--unset", "projections.#1.weight", "--set",
            "projections.#1.connections=out/drawn/connections_1.csv"));
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(Files.readString(tmp.resolve("out/drawn/spikes.csv")), Files.readString(tmp.resolve(
            "again/spikes.csv")));
        assertTrue(Files.readString(tmp.resolve("again/summary.json")).contains("\"unsets\" : [ " +
            "\"projections.#1.rule\", \"projections.#1.k\", \"projections.#1.weight\" ]"),
            Files.readString(tmp.resolve("again/summary.json")));
        assertTrue(drawn.toFile().exists());
    }
}
