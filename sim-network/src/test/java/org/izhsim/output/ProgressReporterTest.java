package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressReporterTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream sink = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed()
    {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesEveryTwoSecondsWithEtaAndRealTimeFactor()
    {
        // dt = 0.1 ms, 10,000 steps = 1000 ms simulated.
        final ProgressReporter progress = new LineProgress(sink, 0.1);
        progress.onProgress(500, 10_000, 500 * MS);
        progress.onProgress(1000, 10_000, 1999 * MS);
        assertEquals("", printed());
        progress.onProgress(2000, 10_000, 2 * SECOND);
        progress.onProgress(2500, 10_000, 3 * SECOND);
        progress.onProgress(4000, 10_000, 4 * SECOND);
        progress.onFinish(10_000, 10_000, 10 * SECOND);
        assertEquals("progress 20%: 200 of 1000 ms simulated, 0:02 elapsed, ETA 0:08, 10x slower than real time\n"
            + "progress 40%: 400 of 1000 ms simulated, 0:04 elapsed, ETA 0:06, 10x slower than real time\n"
            + "done: 1000 ms simulated in 0:10, 10x slower than real time\n", printed());
    }

    /**
     * A run that speeds up (the JIT's first seconds, a network whose activity changes): the ETA is the last half
     * minute's speed, not the average (spnet2006 over an hour: "ETA 12:07" at 0:02 for a run that took 2:22).
     */
    @Test
    void theEtaFollowsTheSpeedOfTheLastHalfMinute()
    {
        final ProgressReporter progress = new LineProgress(sink, 1.0);
        long steps = 0;
        for (long ms = 100; ms <= 60_000; ms += 100)
        {
            // 1 ms simulated per wall ms for 30 s, then 10: 330,000 of 1,000,000 steps at 60 s.
            steps += ms <= 30_000 ? 100 : 1000;
            progress.onProgress(steps, 1_000_000, ms * MS);
        }
        final String[] lines = printed().split("\n");
        // 670,000 steps left: 2:02 at the average speed (5,500 a second), 1:11 at the last 32 s's (samples a second
        // apart from 28.1 s: 301,900 steps in 31.9 s), 1:07 at the last seconds' alone; the speed beside it is the
        // same 32 s's (9.46x, where the average is 5.5x).
        assertEquals("progress 33%: 330000 of 1000000 ms simulated, 1:00 elapsed, ETA 1:11, 9.46x faster than real time",
            lines[lines.length - 1]);
    }

    @Test
    void terminalBarRedrawsInPlaceAtMostTenTimesASecond()
    {
        final ProgressReporter progress = new TerminalProgress(sink, 0.5);
        for (long ms = 0; ms <= 1000; ms++)
        {
            // 1 step per wall ms at 0.5 ms per step: half real time.
            progress.onProgress(ms, 4000, ms * MS);
        }
        final String out = printed();
        assertEquals(10, out.chars().filter(c -> c == '\r').count(), out);
        assertTrue(out.contains("\r  2.5% [#...............]".replace("#...............", "#" + ".".repeat(29))), out);
        assertTrue(out.endsWith("\r 25.0% [########" + ".".repeat(22) + "]  500 / 2000 ms  ETA 0:03  2x slower than real time"), out);
        assertEquals(-1, out.indexOf('\n'), "no newline until the run ends");
        progress.onFinish(4000, 4000, 4 * SECOND);
        assertTrue(printed().endsWith("\r100.0% [" + "#".repeat(30) + "]  2000 / 2000 ms  ETA 0:00  2x slower than real time"
            + " ".repeat(0) + "\n"), printed());
    }

    /**
     * The bar was 78 columns whatever the terminal: on a 20-column one each redraw wrapped over four lines. Now the
     * line keeps within the width the launcher read (less one column): the bar shortens, then goes, then the text is cut.
     */
    @Test
    void theBarKeepsWithinTheTerminalsWidth()
    {
        for (final int columns : new int[] {80, 60, 40, 20, 2})
        {
            final ProgressReporter progress = new TerminalProgress(sink, 0.5, columns);
            progress.onProgress(500, 4000, 500 * MS);
            progress.onProgress(1000, 4000, SECOND);
            progress.onFinish(4000, 4000, 4 * SECOND);
            final String out = printed();
            for (final String frame : out.split("[\r\n]"))
            {
                assertTrue(frame.length() <= columns - 1, columns + " columns: '" + frame + "'");
            }
            bytes.reset();
        }
        final ProgressReporter seventy = new TerminalProgress(sink, 0.5, 70);
        seventy.onFinish(4000, 4000, 4 * SECOND);
        assertEquals("\r100.0% [" + "#".repeat(8) + "]  2000 / 2000 ms  ETA 0:00  2x slower than real time\n", printed());
    }

    @Test
    void aRunStoppedHalfWayEndsItsBarAtFiftyPercent()
    {
        final ProgressReporter progress = new TerminalProgress(sink, 1);
        progress.onProgress(10, 1000, 50 * MS);
        progress.onFinish(500, 1000, SECOND);
        assertEquals("\r 50.0% [" + "#".repeat(15) + ".".repeat(15) + "]  500 / 1000 ms  ETA 0:01  2x slower than real time\n",
            printed());
    }

    @Test
    void aLineRunThatEndsEarlySaysStoppedNotDone()
    {
        // A blow-up in the first step: no progress call before the end.
        final ProgressReporter progress = new LineProgress(sink, 1);
        progress.onFinish(1, 1000, 20 * MS);
        assertEquals("stopped early: 1 of 1000 ms simulated in 0:00, 20x slower than real time\n", printed());
    }

    /**
     * sparse1m at 1/258 of real time read "0x real time" beside a summary of "258.6x slower than real time"; then
     * "0.0039x real time", a speed a reader took for the real-time factor. The lines now say what the summary says.
     */
    @Test
    void aRunFarSlowerThanRealTimeSaysHowManyTimesSlowerAsTheSummaryDoes()
    {
        final ProgressReporter line = new LineProgress(sink, 1);
        line.onFinish(50, 50, 12_930 * MS);
        assertEquals("done: 50 ms simulated in 0:13, 258.6x slower than real time\n", printed());
        final ProgressReporter none = new LineProgress(sink, 1);
        none.onFinish(0, 20, 5 * MS);
        assertTrue(printed().endsWith("stopped early: 0 of 20 ms simulated in 0:00, no speed yet\n"), printed());
    }

    @Test
    void hoursShowInLongEstimates()
    {
        final ProgressReporter progress = new LineProgress(sink, 1);
        progress.onProgress(1, 10_000, 2 * SECOND);
        assertTrue(printed().contains("ETA 5:33:18"), printed());
    }

    @Test
    void quietPrintsNothing()
    {
        final PrintStream saved = System.err;
        System.setErr(sink);
        try
        {
            final ProgressReporter quiet = ProgressReporter.quiet();
            quiet.onProgress(1, 2, 10 * SECOND);
            quiet.onFinish(2, 2, 20 * SECOND);
        }
        finally
        {
            System.setErr(saved);
        }
        assertEquals("", printed());
    }
}
