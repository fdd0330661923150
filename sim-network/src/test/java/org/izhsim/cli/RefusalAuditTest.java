package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Found by an audit of every refusal (2026-12-07): each is one line, naming what the user typed or wrote. */
class RefusalAuditTest
{
    @TempDir
    Path tmp;

    /** "Unmatched arguments from index 0: 'runn', 'x.yaml'" did not say that no command is called 'runn'. */
    @Test
    void aMistypedCommandIsNamedWithTheNearestCommand()
    {
        final CommandLineRun run = CommandLineRun.of("runn", "x.yaml");
        assertEquals(2, run.exitCode());
        assertEquals("sim: unknown command 'runn', did you mean 'run'? (see 'sim --help')", run.errorLine());
        assertEquals("sim: unknown command 'frobnicate' (commands: run, validate, neuron, gallery, explore, help) " +
            "(see 'sim --help')", CommandLineRun.of("frobnicate").errorLine());
    }

    /** sim neuron printed its stimulus warnings and then refused --out: two lines for one refused command. */
    @Test
    void aRefusedNeuronOutputFolderIsTheOnlyLine() throws Exception
    {
        final Path stimulus = Files.writeString(tmp.resolve("late.yaml"),
            "stimulus:\n  - dc: {amplitude: 10, onset_ms: 500, offset_ms: 800}\n");
        final Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("a.txt"), "mine");
        final CommandLineRun run = CommandLineRun.of("neuron", "--stimulus", stimulus.toString(), "--out",
            foreign.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.errorLine().contains("holds 'a.txt' and was not written by the simulator"), run.err());
    }

    /** The memory refusal began with the experiment's name ("t needs about 305 MB"), not the file. */
    @Test
    void aNetworkTooLargeForTheHeapIsRefusedNamingItsFile() throws Exception
    {
        final Path config = Files.writeString(tmp.resolve("huge.yaml"), "name: t\npopulations:\n" +
            "  e: {size: 1000000, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
            "projections:\n  - {from: e, to: e, rule: fixed_outdegree, k: 10000, weight: 0.1, delay_ms: 1}\n");
        // 10^10 synapses, 60 GB: more than any test JVM's heap.
        final CommandLineRun run = CommandLineRun.of("validate", config.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.errorLine().startsWith("sim: " + config + ": t needs about "), run.errorLine());
    }
}
