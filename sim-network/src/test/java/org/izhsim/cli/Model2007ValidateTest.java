package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sim validate describes a 2007-model population with its constants and its a, b, c, d as the file (and --set)
 * give them: a 2003 file switched to the 2007 model by --set kept its own a, b, c, d beside the RS cell's constants, and
 * the line showed the RS cell alone.
 */
class Model2007ValidateTest
{
    @Test
    void theLineOfA2007PopulationShowsItsConstantsAndItsOwnABCD(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("one.yaml");
        Files.writeString(file, "name: one\nduration_ms: 100\npopulations:\n" +
            "  exc: {size: 5, params: {a: 0.02, b: 0.2, c: \"-65 + 15*r^2\", d: 8}}\n");
        final CommandLineRun run = CommandLineRun.of("validate", file.toString(), "--set",
            "populations.exc.model=izhikevich2007", "--set", "populations.exc.params.type=RS");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("  exc          neurons 0..4, Izhikevich 2007 (C 100 pF, k 0.7, vr -60, vt -40, " +
            "vpeak 35 mV; 4 Euler steps per ms; currents in pA), the book's RS cell (Fig. 8.12) with a, b, c, d changed " +
            "from 0.03, -2, -50, 100; a 0.02, b 0.2, c -65 + 15*r^2, d 8\n"), run.out());
        final CommandLineRun cell = CommandLineRun.of("validate", Path.of("..", "configs", "cortex2007.yaml").toString());
        assertEquals(0, cell.exitCode(), cell.err());
        assertTrue(cell.out().contains("Izhikevich 2007 (C 100 pF, k 0.7, vr -60, vt -40, vpeak 35 mV; 4 Euler steps " +
            "per ms; currents in pA), the book's RS cell (Fig. 8.12); a 0.03, b -2, c -50, d 100\n"), cell.out());
        assertTrue(cell.out().contains("  inh          neurons 800..999, Izhikevich 2007 (C 20 pF, k 1, vr -55, vt -40, " +
            "vpeak 25 mV; U(v) = b (v + 55)^3 above -55 mV, 0 below; 4 Euler steps per ms; currents in pA), the book's " +
            "FS cell (Fig. 8.27); a 0.2, b 0.025, c -45, d 0\n"), "the FS cell's cubic recovery: " + cell.out());
        // The book's cell is named, and the values a file changes (the line showed the constants and rules alone).
        final Path fs = dir.resolve("fs.yaml");
        Files.writeString(fs, "name: fs\nduration_ms: 100\npopulations:\n" +
            "  inh: {size: 5, model: izhikevich2007, params: {type: FS, d: 30}}\n" +
            "  own: {size: 5, model: izhikevich2007, params: {C: 21, k: 1, vr: -55, vt: -40, vpeak: 25, a: 0.2, " +
            "b: 0.025, c: -45, d: 0}}\n" +
            "  tc: {size: 5, model: izhikevich2007, steps_per_ms: 2, params: TC}\n");
        final CommandLineRun changed = CommandLineRun.of("validate", fs.toString());
        assertEquals(0, changed.exitCode(), changed.err());
        assertTrue(changed.out().contains("currents in pA), the book's FS cell (Fig. 8.27) with d changed from 0; a 0.2, " +
            "b 0.025, c -45, d 30\n"), changed.out());
        assertTrue(changed.out().contains("vpeak 25 mV; 4 Euler steps per ms; currents in pA), a 0.2, b 0.025, c -45, " +
            "d 0\n"), "other constants are no book cell: " + changed.out());
        assertTrue(changed.out().contains("2 Euler steps per ms; currents in pA), the book's TC cell (Fig. 8.31); a 0.01, " +
            "b 15, c -60, d 10\n"), changed.out());
        // A 2003 population names its model and its a, b, c, d too (the line was bare: in a mixed network a tester
        // could not tell the models apart).
        final CommandLineRun old = CommandLineRun.of("validate", file.toString());
        assertTrue(old.out().contains("  exc          neurons 0..4, Izhikevich 2003, a 0.02, b 0.2, c -65 + 15*r^2, d 8\n"),
            old.out());
    }

    /** sim run says how many crossings of vpeak a 1 ms step merged into one spike (the CH cell at 5 nA: 3 of 734). */
    @Test
    void aRunSaysHowManyCrossingsWereMergedIntoOneSpike(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("ch.yaml");
        Files.writeString(file, "name: ch\nduration_ms: 1000\npopulations:\n" +
            "  n: {size: 1, model: izhikevich2007, params: CH, input: {dc: 5000}}\n");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", dir.resolve("o").toString(),
            "--no-figures");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("sim: warning: neurons of the 2007 model reached their cutoff (vpeak; the book's LTS: vpeak - " +
            "0.1 u, TC: vpeak + 0.1 u) 3 times within a 1 ms step " +
            "in which they had fired already: each was reset, but a step holds one spike, so the spike files have 3 " +
            "spikes fewer than the crossings (their rate is beyond what a 1 ms step resolves)"), run.err());
    }
}
