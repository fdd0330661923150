package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from a checkpoint keeps the uncut run's time grid: rates.csv's bins, the weight snapshots and the
 * periodic checkpoints fall at multiples of their period from t = 0. Resumed at 1337 ms, rates.csv restarted its
 * 5 ms bins at 1337 (1337, 1342, ..: no row matched the uncut run's 1335, 1340, ..), the snapshots of every 500 ms
 * came at 1837 and 2337, and so did the periodic saves of every 500 ms.
 */
class ResumedRecordsTest
{
    @TempDir
    Path tmp;

    @Test
    void aResumedRunKeepsTheUncutRunsBinsSnapshotsAndSaveTimes() throws Exception
    {
        final Path config = tmp.resolve("spnet.yaml");
        Files.writeString(config, Files.readString(Path.of("..", "configs", "spnet2006.yaml"))
            .replace("weights_every_ms: 10000", "weights_every_ms: 500"));
        final Path whole = run(config, "whole", "--duration", "2300");
        final Path state = tmp.resolve("s.ckpt");
        run(config, "first", "--duration", "1337", "--save-state", state.toString());
        final Path second = tmp.resolve("second");
        final CommandLineRun told = CommandLineRun.of("run", config.toString(), "--out", second.toString(),
            "--duration", "963", "--resume", state.toString(), "--save-state", tmp.resolve("every.ckpt").toString(),
            "--save-state-every", "500");
        assertEquals(0, told.exitCode(), told.err());
        // At 1500 and 2000 (from the resume: 1837 alone).
        assertTrue(told.out().contains("its 2 periodic checkpoints took "), told.out());

        final List<String> uncut = Files.readAllLines(whole.resolve("rates.csv"));
        final List<String> resumed = Files.readAllLines(second.resolve("rates.csv"));
        assertTrue(resumed.get(1).startsWith("1337,"), resumed.get(1));
        assertTrue(resumed.get(2).startsWith("1340,"), resumed.get(2));
        // From 1340 on, row for row the uncut run's (the same spikes in the same bins).
        final int from = uncut.indexOf(uncut.stream().filter(line -> line.startsWith("1340,")).findFirst().orElseThrow());
        assertEquals(uncut.subList(from, uncut.size()), resumed.subList(2, resumed.size()));
        assertEquals(uncut.size() - from + 2, resumed.size());

        assertArrayEquals(new double[] {1337, 1500, 2000, 2300}, snapshotTimes(second));
        assertArrayEquals(new double[] {0, 500, 1000, 1500, 2000, 2300}, snapshotTimes(whole));
    }

    private static Path run(final Path config, final String name, final String... options)
    {
        final Path out = config.resolveSibling(name);
        final String[] args = new String[4 + options.length + 1];
        args[0] = "run";
        args[1] = config.toString();
        args[2] = "--out";
        args[3] = out.toString();
        args[4] = "--quiet";
        System.arraycopy(options, 0, args, 5, options.length);
        final CommandLineRun run = CommandLineRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    private static double[] snapshotTimes(final Path dir) throws Exception
    {
        final ByteBuffer npy = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("weight_snapshot_times_ms.npy")))
            .order(ByteOrder.LITTLE_ENDIAN);
        final int header = 10 + (npy.getShort(8) & 0xffff);
        final double[] times = new double[(npy.capacity() - header) / Double.BYTES];
        for (int k = 0; k < times.length; k++)
        {
            times[k] = npy.getDouble(header + k * Double.BYTES);
        }
        return times;
    }
}
