package org.izhsim.output.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * A staircase with more steps than pixel columns (an hour of population rates in 5 ms bins has 720,000) is drawn
 * from each column's first, lowest, highest and last corner. Drawn whole, the PNG's stroker took more than 200 MB
 * for it and `sim run` of an hour lost its outputs to an OutOfMemoryError.
 */
class StepSeriesTest
{
    private static final int STEPS = 200_000;

    private static double[][] rates()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final double[] edges = new double[STEPS + 1];
        final double[] values = new double[STEPS];
        for (int k = 0; k <= STEPS; k++)
        {
            edges[k] = 5.0 * k;
        }
        for (int k = 0; k < STEPS; k++)
        {
            // Bursts on a low floor, as a rhythmic population's rate.
            values[k] = random.nextInt(100) < 3 ? 40 + random.nextInt(60) : random.nextInt(8);
        }
        return new double[][] {edges, values};
    }

    private static Figure figure(final Series series)
    {
        final Figure figure = new Figure(900, 300);
        final Axes axes = figure.addAxes(new Box(60, 20, 800, 240));
        axes.xRange(0, 5.0 * STEPS).yRange(0, 100);
        axes.add(series);
        return figure;
    }

    @Test
    void aStaircaseOfMoreStepsThanPixelsDrawsAsTheWholeOneInBoundedMemory()
    {
        final double[][] rates = rates();
        final double[] edges = rates[0];
        final double[] values = rates[1];
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final BufferedImage reduced = figure(new StepSeries(edges, values)).toImage();
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.println("staircase of " + STEPS + " steps: " + allocated / 1_000_000 + " MB allocated");
        assertTrue(allocated < 8_000_000L, allocated + " bytes allocated");

        // The whole staircase, every corner, as the series drew it before.
        final Series whole = new Series()
        {
            private final Pen pen = Pen.solid(Palette.BLUE, 1.25f);

            @Override
            public void include(final Bounds bounds)
            {
            }

            @Override
            public void draw(final Canvas canvas, final Axes axes)
            {
                final double[] xs = new double[2 * STEPS];
                final double[] ys = new double[2 * STEPS];
                for (int k = 0; k < STEPS; k++)
                {
                    xs[2 * k] = axes.px(edges[k]);
                    xs[2 * k + 1] = axes.px(edges[k + 1]);
                    ys[2 * k] = ys[2 * k + 1] = axes.py(values[k]);
                }
                canvas.polyline(xs, ys, xs.length, pen);
            }

            @Override
            public void drawKey(final Canvas canvas, final double x, final double y, final double width)
            {
            }

            @Override
            public String label()
            {
                return null;
            }
        };
        final BufferedImage full = figure(whole).toImage();
        int differing = 0;
        int drawn = 0;
        for (int x = 0; x < full.getWidth(); x++)
        {
            for (int y = 0; y < full.getHeight(); y++)
            {
                final int a = full.getRGB(x, y);
                drawn += a != 0xFFFFFFFF ? 1 : 0;
                differing += Math.abs((a & 0xFF) - (reduced.getRGB(x, y) & 0xFF)) > 64 ? 1 : 0;
            }
        }
        System.out.println("pixels drawn " + drawn + ", differing by more than a quarter " + differing);
        assertTrue(drawn > 10_000, "drawn " + drawn);
        assertTrue(differing < drawn / 100, differing + " of " + drawn + " drawn pixels differ");
    }
}
