package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * After the run's "done" line, sim run said nothing while a 10 h run's outputs were written (about a minute for
 * cortex2003's 2.5 x 10^8 spikes): after 2 s, the file being written and the time spent are printed.
 */
class OutputProgressTest
{
    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aLongOutputStageSaysWhatItWritesEveryTwoSeconds()
    {
        final OutputProgress progress = new OutputProgress(sink, false, 10 * SECOND);
        progress.writing("spikes.csv");
        progress.tick(11 * SECOND);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "quiet for 2 s");
        progress.tick(12 * SECOND);
        progress.tick(13 * SECOND);
        progress.writing("raster.png");
        progress.tick(14 * SECOND);
        progress.written();
        progress.finish(15 * SECOND + SECOND / 3);
        assertEquals("writing the outputs: spikes.csv, 0:02 elapsed\n" +
            "writing the outputs: raster.png, 0:04 elapsed\n" +
            "outputs written in 0:05\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shortOutputsPrintNothingAndATerminalLineIsRedrawnInPlace()
    {
        final OutputProgress quick = new OutputProgress(sink, false, 0);
        quick.writing("spikes.csv");
        quick.tick(SECOND);
        quick.finish(SECOND + 1);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));

        final OutputProgress terminal = new OutputProgress(sink, true, 0);
        terminal.writing("spike_times_ms.npy");
        terminal.tick(2 * SECOND);
        terminal.writing("rates.csv");
        terminal.tick(2 * SECOND + SECOND / 10);
        terminal.written();
        terminal.finish(3 * SECOND);
        final String first = "\rwriting the outputs: spike_times_ms.npy, 0:02 elapsed";
        final String second = "\rwriting the outputs: rates.csv, 0:02 elapsed";
        final String last = "\routputs written in 0:03";
        // Each line blanks out the rest of the one before.
        assertEquals(first + second + " ".repeat(first.length() - second.length()) + last +
            " ".repeat(second.length() - last.length()) + "\n", bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        final OutputProgress failed = new OutputProgress(sink, false, 0);
        failed.writing("summary.json");
        failed.tick(3 * SECOND);
        failed.finish(4 * SECOND);
        assertEquals("writing the outputs: summary.json, 0:03 elapsed\n", bytes.toString(StandardCharsets.UTF_8),
            "outputs that failed are not said to be written");
        final OutputProgress quiet = OutputProgress.quiet();
        quiet.writing("spikes.csv");
        quiet.tick(100 * SECOND);
        quiet.close();
    }
}
