package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.izhsim.output.JavaProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A periodic checkpoint (--save-state-every) that the disk cannot take used to end the run at once with exit 2
 * and no outputs at all: hours of simulation lost because a checkpoint, a safety copy, could not be written. The
 * run now goes on, warns at each failed checkpoint, writes its outputs and reports the unsaved state at the end
 * (exit 1, a write that failed). The full disk is a file-size limit on a second JVM (big-state.yaml's checkpoint
 * is about 240 kB, its outputs at most about 30 kB).
 */
class PeriodicCheckpointFailureTest
{
    @TempDir
    Path tmp;

    @BeforeEach
    void config() throws IOException, URISyntaxException
    {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell for ulimit -f");
        Files.copy(Path.of(PeriodicCheckpointFailureTest.class.getResource("/cli/big-state.yaml").toURI()),
            tmp.resolve("cfg.yaml"));
    }

    @Test
    void aPeriodicCheckpointTheDiskCannotTakeKeepsTheRunAndItsOutputs() throws Exception
    {
        final CommandLineRun run = CommandLineRun.of(JavaProcess.startWithFileSizeLimit(tmp, 64, Main.class,
            "run", "cfg.yaml", "--out", "out", "--save-state", "s.ckpt", "--save-state-every", "10", "--quiet"));
        final String out = run.out();
        final String err = run.err();

        // A write that failed, not bad input: exit 1 (it was 2, which says nothing was written).
        assertEquals(1, run.exitCode(), err);
        final List<String> lines = err.lines().toList();
        // The first failure in full, its repeats counted (one line per save buried the outputs under 186 of them).
        assertEquals(3, lines.size(), err);
        assertTrue(lines.get(0).startsWith("sim: warning: the state at t = 10 ms was not saved (cannot write " +
            "checkpoint s.ckpt: File too large); the run goes on"), err);
        assertEquals("sim: warning: 2 more saves failed in the same way, the last at t = 30 ms", lines.get(1));
        assertEquals("sim: the outputs are in out, but the state was not saved: cannot write checkpoint s.ckpt: " +
            "File too large", lines.get(2));
        assertFalse(err.contains("\tat "), err);
        assertTrue(out.contains("outputs: out"), out);
        final String summary = Files.readString(tmp.resolve("out/summary.json"));
        assertTrue(summary.contains("\"status\" : \"completed\""), summary);
        // The failed save is in the summary too (it said "completed" and nothing of it).
        assertTrue(summary.contains("\"state_not_saved\" : \"cannot write checkpoint s.ckpt: File too large\""), summary);
        try (Stream<Path> s = Files.list(tmp))
        {
            assertEquals(List.of("cfg.yaml", "out"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                "no checkpoint, partial checkpoint or staging folder left");
        }
    }
}
