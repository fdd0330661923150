package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * weights.png's heat map puts each snapshot at its time: snapshots every weights_every_ms plus the final one at
 * the run's end are unevenly spaced (0, 10, 20 and 25 s for a 25 s run), and equal columns showed the 10 s weights
 * from 6.25 to 12.5 s on an axis labelled linearly in time.
 */
class WeightHistoryFigureTest
{
    /** The heat map's box in the figure (WeightHistory.writePng). */
    private static final int LEFT = 80;
    private static final int TOP = 60;
    private static final int WIDTH = 820;
    private static final int HEIGHT = 560;
    private static final int BINS = 50;

    /** The final histogram's counts were ticked 0, half the largest bin and the largest (0, 19,659, 39,319). */
    @Test
    void theFinalHistogramsCountsAreTickedOneTwoFive()
    {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 10_000, 20_000, 30_000},
            WeightHistory.countTicks(39_319));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 1, 2, 3}, WeightHistory.countTicks(3));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 1}, WeightHistory.countTicks(1));
    }

    /**
     * The colour bar was labelled 0 and the powers of ten alone: with 7 synapses in the brightest bin, 0 and 1, and
     * the yellow cells' count could not be read. The peak is labelled too, unless it would touch the last power's label.
     */
    @Test
    void theColourBarLabelsTheBrightestCellsCount()
    {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {0, 1, 7}, WeightHistory.colourBarLabels(7, HEIGHT));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {0, 1, 10, 100, 1_000, 10_000, 37_756},
            WeightHistory.colourBarLabels(37_756, HEIGHT));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {0, 1, 10, 100}, WeightHistory.colourBarLabels(100,
            HEIGHT));
        // 12,000 sits 11 px above 10,000 on a 560 px bar: it takes 10,000's place (1,100 was labelled 1,000 at the top).
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {0, 1, 10, 100, 1_000, 12_000},
            WeightHistory.colourBarLabels(12_000, HEIGHT));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {0, 1, 10, 100, 1_100},
            WeightHistory.colourBarLabels(1_100, HEIGHT));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {0, 1, 10, 11}, WeightHistory.colourBarLabels(11,
            HEIGHT));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {0, 1}, WeightHistory.colourBarLabels(1, HEIGHT));
    }

    /**
     * The axis label "weight" was written across at mid-height, on the tick label of the middle weight (the 2 of
     * dastdp2007's w_max 4): no pixel of the label column (left of the tick labels, x < 30) may lie in a tick label's
     * rows, and the label is there, taller than wide.
     */
    @Test
    void theWeightLabelStandsClearOfTheTickLabels(@TempDir final Path dir) throws Exception
    {
        final WeightHistory history = new WeightHistory(0, 4);
        history.snapshot(0, weights(1.1f));
        history.snapshot(1_000, weights(1.3f));
        final BufferedImage image = figure(history, dir);
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        int right = -1;
        for (int y = TOP - 10; y < TOP + HEIGHT + 10; y++)
        {
            for (int x = 0; x < 34; x++)
            {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff)
                {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    right = Math.max(right, x);
                }
            }
        }
        assertTrue(bottom - top > 30 && right < 30, "the label: rows " + top + ".." + bottom + ", right edge " + right);
        // A white gap between it and the tick labels (which start at x = 35) all the way down: across, it ran from
        // x = 10 to 55 through the tick label "2".
        for (int y = TOP - 10; y < TOP + HEIGHT + 10; y++)
        {
            for (int x = 30; x < 34; x++)
            {
                assertEquals(0xffffff, image.getRGB(x, y) & 0xffffff, "(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void eachSnapshotIsDrawnAroundItsOwnTime(@TempDir final Path dir) throws Exception
    {
        final double[] times = {0, 10_000, 20_000, 25_000};
        // Snapshot k: every weight in bin 5 + 10 k of [0, 10].
        final WeightHistory history = new WeightHistory(0, 10);
        for (int k = 0; k < times.length; k++)
        {
            history.snapshot(times[k], weights(0.2f * (5 + 10 * k) + 0.1f));
        }
        final BufferedImage image = figure(history, dir);
        // At t ms the snapshot nearest in time must be the one drawn: its bin lit, the others' empty.
        final double[] at = {1_000, 4_000, 5_500, 9_000, 14_000, 16_000, 21_000, 22_000, 23_000, 24_500};
        for (final double t : at)
        {
            int nearest = 0;
            for (int k = 1; k < times.length; k++)
            {
                nearest = Math.abs(times[k] - t) < Math.abs(times[nearest] - t) ? k : nearest;
            }
            final int x = LEFT + (int)Math.round(t / 25_000 * WIDTH);
            for (int k = 0; k < times.length; k++)
            {
                final int bin = 5 + 10 * k;
                final int y = TOP + HEIGHT - (2 * bin + 1) * HEIGHT / (2 * BINS);
                final int rgb = image.getRGB(x, y) & 0xffffff;
                if (k == nearest)
                {
                    assertNotEquals(0xffffff, rgb, "t = " + t + " ms: the bin of the snapshot at " + times[k] + " ms");
                }
                else
                {
                    assertEquals(0xffffff, rgb, "t = " + t + " ms: the bin of the snapshot at " + times[k] + " ms");
                }
            }
        }
    }

    /**
     * The rewarded synapse starts at w = 0 (dastdp2007), where its bare red line lay on the heat map's bottom row of
     * the same weights and on the frame: it is drawn on a white edge now, so white pixels lie just above it.
     */
    @Test
    void theRewardedSynapsesLineAtZeroHasAWhiteEdge(@TempDir final Path dir) throws Exception
    {
        final WeightHistory history = new WeightHistory(0, 4).track(0, 1);
        history.snapshot(0, weights(0f));
        history.snapshot(10_000, weights(0f));
        final BufferedImage image = figure(history, dir);
        final int x = LEFT + WIDTH / 2;
        final int zero = TOP + HEIGHT;
        int red = -1;
        for (int y = zero - 4; y <= zero + 1; y++)
        {
            final int rgb = image.getRGB(x, y) & 0xffffff;
            if ((rgb >> 16) > 200 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) < 60)
            {
                red = red < 0 ? y : red;
            }
        }
        assertTrue(red > 0, "no red line at w = 0 in column " + x);
        assertEquals(0xffffff, image.getRGB(x, red - 1) & 0xffffff, "above the red line at (" + x + ", " + red + ")");
    }

    /** weights.png of {@code history}, written into dir/run. */
    private static BufferedImage figure(final WeightHistory history, final Path dir) throws java.io.IOException
    {
        try (OutputDirectory out = OutputDirectory.create(dir.resolve("run")))
        {
            history.writeTo(out);
            out.commit();
        }
        return ImageIO.read(dir.resolve("run").resolve("weights.png").toFile());
    }

    /** 100 synapses 0 -> 1 .. 100, delay 1, all of weight {@code w}. */
    private static PlasticWeights weights(final float w)
    {
        final int n = 100;
        final int[] sources = new int[n];
        final int[] targets = new int[n];
        final int[] delays = new int[n];
        final int[] bits = new int[n];
        for (int k = 0; k < n; k++)
        {
            targets[k] = k + 1;
            delays[k] = 1;
            bits[k] = Float.floatToRawIntBits(w);
        }
        return PlasticWeights.merged(new int[][] {sources}, new int[][] {targets}, new int[][] {delays},
            new int[][] {bits}, new int[][] {new int[n]});
    }
}
