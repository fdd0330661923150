package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printed real-time factor is the simulation's alone: a plastic network's weight snapshots (record.weights_every_ms)
 * took 3.6 s of a 4.3 s run whose line said "simulated 3000 ms in 0.638 s", and summary.json had no figure of them.
 * A line says their time beside the simulation's, as it did for periodic checkpoints, and summary.json keeps it.
 */
class WeightSnapshotTimeTest
{
    @TempDir
    Path tmp;

    @Test
    void weightSnapshotsTimeIsSaidBesideTheSimulationAndKeptInTheSummary() throws Exception
    {
        final Path out = tmp.resolve("snap");
        final long start = System.nanoTime();
        final CommandLineRun run = CommandLineRun.of("run", Path.of("..", "configs", "spnet2006.yaml").toString(),
            "--duration", "600", "--set", "record.weights_every_ms=100", "--threads", "1", "--no-figures",
            "--out", out.toString());
        final double wall = (System.nanoTime() - start) * 1e-9;
        assertEquals(0, run.exitCode(), run.err());
        // At 0, 100, .. 600 ms.
        assertTrue(run.out().contains("  besides the simulation, its 7 weight snapshots took "), run.out());
        assertTrue(run.out().contains(" s (the real-time factor is the simulation's)"), run.out());
        final String summary = Files.readString(out.resolve("summary.json"));
        final double snapshots = number(summary, "weight_snapshots_wall_s");
        final double build = number(summary, "build_wall_s");
        final double simulation = number(summary, "run_wall_s");
        assertTrue(snapshots > 0 && snapshots < wall - build - simulation, summary);
    }

    @Test
    void checkpointsAndWeightSnapshotsShareOneLine() throws Exception
    {
        final Path out = tmp.resolve("both");
        final CommandLineRun run = CommandLineRun.of("run", Path.of("..", "configs", "spnet2006.yaml").toString(),
            "--duration", "300", "--set", "record.weights_every_ms=100", "--threads", "1", "--no-figures",
            "--out", out.toString(), "--save-state", tmp.resolve("s.ckpt").toString(), "--save-state-every", "200");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*\n  besides the simulation, its 1 periodic checkpoint took [0-9.]+ s and " +
            "its 4 weight snapshots [0-9.]+ s \\(the real-time factor is the simulation's\\)\n.*"), run.out());
        final String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(number(summary, "periodic_checkpoints_wall_s") > 0, summary);
        assertTrue(number(summary, "weight_snapshots_wall_s") > 0, summary);
    }

    private static double number(final String json, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\" : ([0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }
}
