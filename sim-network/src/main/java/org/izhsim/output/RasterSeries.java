package org.izhsim.output;

import java.util.Locale;

import org.izhsim.network.PopulationLookup;
import org.izhsim.network.PopulationRange;
import org.izhsim.output.plot.Anchor;
import org.izhsim.output.plot.Axes;
import org.izhsim.output.plot.Bounds;
import org.izhsim.output.plot.Box;
import org.izhsim.output.plot.Canvas;
import org.izhsim.output.plot.Palette;
import org.izhsim.output.plot.Series;
import org.izhsim.output.plot.TextStyle;

/**
 * The dots of a spike raster: x = time, y = neuron id, coloured by population; beyond 10 neurons per pixel row
 * every n-th neuron only, one per row, with a caption saying so. Up to the canvas'
 * {@link Canvas#markLimit()} every spike is one mark (written straight into the pixels of a PNG);
 * beyond it (SVG) spikes are counted into a grid of small cells drawn with opacity by count, and a
 * caption says so, because a vector file with a million elements helps nobody.
 */
final class RasterSeries implements Series
{
    /** Cell edge of the density image, in pixels. */
    static final int CELL = 4;
    /** Opacity steps of the density image; equal neighbours merge into one rect. */
    private static final int LEVELS = 6;

    /** Marks drawn per call at most: the coordinates of 65,536 spikes, 512 kB. */
    static final int MARK_BATCH = 1 << 16;
    /** Pixels painted per call at most by {@link #drawOwnedPixels}. */
    private static final int PIXEL_BATCH = 1 << 12;
    /** Neurons per pixel row beyond which every {@link #stride}-th neuron alone is drawn, one per pixel row. */
    static final double MAX_NEURONS_PER_ROW = 10;
    private final SpikeList spikes;
    private final PopulationRange[] populations;
    private final PopulationLookup lookup;
    /** Every stride-th neuron (by id) is drawn; 1 for all. */
    private int stride = 1;
    /** What the last draw has to say above the plot (thinned rows, a density image), drawn by {@link #caption()}. */
    private String[] captionLines = new String[0];

    RasterSeries(final SpikeList spikes, final PopulationRange[] populations)
    {
        this.spikes = spikes;
        this.populations = populations;
        this.lookup = new PopulationLookup(populations);
    }

    @Override
    public void include(final Bounds bounds)
    {
    }

    @Override
    public void draw(final Canvas canvas, final Axes axes)
    {
        // 100,000 neurons on 450 pixel rows: each row's 222 neurons filled every millisecond's column, and sparse100k
        // at 7 Hz looked like a network-wide burst every millisecond. Beyond 10 neurons a row, one neuron per row.
        final double perRow = (axes.yMax() - axes.yMin()) / Math.max(1, axes.plotArea().height());
        stride = perRow > MAX_NEURONS_PER_ROW ? (int)Math.ceil(perRow) : 1;
        final int[] perPopulation = new int[populations.length];
        final int visible = classify(axes, perPopulation);
        captionLines = new String[0];
        canvas.beginGroup("spikes");
        if (visible <= canvas.markLimit() && !saturates(axes, visible, stride))
        {
            drawMarks(canvas, axes, perPopulation);
            if (stride > 1)
            {
                captionLines = new String[] {thinned(visible)};
            }
        }
        else
        {
            drawDensity(canvas, axes, visible);
        }
        canvas.endGroup();
    }

    /**
     * Whether {@code visible} marks would cover the plot area's pixels more than once on average: a 600 s spnet2006
     * (5.2 million spikes, 8 a pixel) drew a solid block of each population's colour, read as every neuron firing all
     * the time. Its raster is then a density image, as an SVG's beyond its mark limit.
     */
    private static boolean saturates(final Axes axes, final int visible, final int stride)
    {
        final Box area = axes.plotArea();
        // Or more spikes than pixel columns for each neuron drawn: 25 neurons over 1000 s (22 px rows, marks of 6)
        // covered under a third of the area and drew a solid bar for every neuron.
        final double drawn = (axes.yMax() - axes.yMin()) / stride;
        return (double)visible * markLength(axes) > area.width() * area.height() || visible > area.width() * drawn;
    }

    /** A mark's height in pixels: 2 at least, so single spikes stay visible; taller when neurons are few. */
    private static int markLength(final Axes axes)
    {
        final double pixelsPerNeuron = axes.plotArea().height() / (axes.yMax() - axes.yMin());
        return (int)Math.max(2, Math.min(6, Math.floor(pixelsPerNeuron * 0.8)));
    }

    /** The caption of a raster that draws every stride-th neuron. */
    private String thinned(final int visible)
    {
        return String.format(Locale.ROOT, "every %,d%s neuron drawn (one per pixel row): %,d spikes", stride,
            ordinalSuffix(stride), visible);
    }

    private static String ordinalSuffix(final int n)
    {
        final int lastTwo = n % 100;
        return lastTwo >= 11 && lastTwo <= 13 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    }

    /**
     * @return how many spikes fall in the view, counted per population into perPopulation. Each pass finds a
     * spike's population again rather than keeping it (4 B per spike): a run streamed to disk may have 10^9.
     */
    private int classify(final Axes axes, final int[] perPopulation)
    {
        int visible = 0;
        for (int k = 0, n = spikes.count(); k < n; k++)
        {
            final int p = population(axes, k);
            if (p >= 0)
            {
                perPopulation[p]++;
                visible++;
            }
        }
        return visible;
    }

    /** The population of spike k when it falls in the view, else -1. */
    private int population(final Axes axes, final int k)
    {
        final double t = spikes.time(k);
        if (t < axes.xMin() || t > axes.xMax() || stride > 1 && spikes.id(k) % stride != 0)
        {
            return -1;
        }
        return lookup.indexOf(spikes.id(k));
    }

    private void drawMarks(final Canvas canvas, final Axes axes, final int[] perPopulation)
    {
        final int length = markLength(axes);
        if (populations.length > 1 && populations.length < Character.MAX_VALUE && canvas.marksArePixels())
        {
            drawOwnedPixels(canvas, axes, length);
            return;
        }
        for (int p = 0; p < populations.length; p++)
        {
            if (perPopulation[p] == 0)
            {
                continue;
            }
            // In batches: a streamed run's raster may have 10^9 spikes, whose coordinates at once would take 8 GB.
            final float[] xs = new float[Math.min(perPopulation[p], MARK_BATCH)];
            final float[] ys = new float[xs.length];
            int m = 0;
            for (int k = 0, n = spikes.count(); k < n; k++)
            {
                if (population(axes, k) == p)
                {
                    xs[m] = (float)axes.px(spikes.time(k));
                    ys[m++] = (float)(axes.py(spikes.id(k) + 0.5) + length / 2.0);
                    if (m == xs.length)
                    {
                        canvas.marks(xs, ys, m, length, Palette.color(p));
                        m = 0;
                    }
                }
            }
            if (m > 0)
            {
                canvas.marks(xs, ys, m, length, Palette.color(p));
            }
        }
    }

    /**
     * The marks of every population in one pass over the spikes, for a canvas whose marks paint whole pixels: each
     * pixel of the plot area takes the last population whose mark covers it, as drawing the populations one after
     * the other leaves it, and is then painted once. The pass per population read all the spikes each time: with
     * 100 populations, drawing a 1 h run's raster took a minute.
     */
    private void drawOwnedPixels(final Canvas canvas, final Axes axes, final int length)
    {
        final Box area = axes.plotArea();
        // The canvas' clip while a series is drawn: the plot area's pixels, within the image.
        final int x0 = Math.max(0, (int)Math.floor(area.x()));
        final int y0 = Math.max(0, (int)Math.floor(area.y()));
        final int x1 = Math.min(canvas.width(), (int)Math.ceil(area.right()));
        final int y1 = Math.min(canvas.height(), (int)Math.ceil(area.bottom()));
        if (x1 <= x0 || y1 <= y0)
        {
            return;
        }
        final int w = x1 - x0;
        // The population + 1 whose mark is the last on each pixel, 0 for none.
        final char[] owner = new char[w * (y1 - y0)];
        for (int k = 0, n = spikes.count(); k < n; k++)
        {
            final int p = population(axes, k);
            if (p < 0)
            {
                continue;
            }
            // The float coordinates drawMarks hands to the canvas, and its pixels of them.
            final int x = (int)(float)axes.px(spikes.time(k));
            if (x < x0 || x >= x1)
            {
                continue;
            }
            final int bottom = (int)(float)(axes.py(spikes.id(k) + 0.5) + length / 2.0);
            for (int y = bottom, top = bottom - length; y > top; y--)
            {
                if (y >= y0 && y < y1)
                {
                    final int at = (y - y0) * w + (x - x0);
                    owner[at] = (char)Math.max(owner[at], p + 1);
                }
            }
        }
        final float[] xs = new float[PIXEL_BATCH];
        final float[] ys = new float[PIXEL_BATCH];
        int m = 0;
        int colour = 0;
        for (int at = 0; at < owner.length; at++)
        {
            if (owner[at] == 0)
            {
                continue;
            }
            if (m > 0 && (owner[at] != colour || m == xs.length))
            {
                canvas.marks(xs, ys, m, 1, Palette.color(colour - 1));
                m = 0;
            }
            colour = owner[at];
            xs[m] = x0 + at % w;
            ys[m++] = y0 + at / w;
        }
        if (m > 0)
        {
            canvas.marks(xs, ys, m, 1, Palette.color(colour - 1));
        }
    }

    private void drawDensity(final Canvas canvas, final Axes axes, final int visible)
    {
        final Box area = axes.plotArea();
        // Cells of 4 px in a PNG too: of a pixel, a population firing at a few Hz (spnet2006's excitatory neurons over
        // 600 s) had 0.15 spikes a cell, and its band was near white.
        final int columns = (int)Math.ceil(area.width() / CELL);
        final int rows = (int)Math.ceil(area.height() / CELL);
        final int[] counts = new int[columns * rows];
        // The last population whose spike fell in the cell (a byte wrapped beyond 127 populations).
        final int[] owner = new int[columns * rows];
        for (int k = 0, n = spikes.count(); k < n; k++)
        {
            final int p = population(axes, k);
            if (p < 0)
            {
                continue;
            }
            final int c = Math.min(columns - 1, (int)((axes.px(spikes.time(k)) - area.x()) / CELL));
            final int r = Math.min(rows - 1, (int)((axes.py(spikes.id(k) + 0.5) - area.y()) / CELL));
            if (c < 0 || r < 0)
            {
                continue;
            }
            final int cell = r * columns + c;
            owner[cell] = p;
            ++counts[cell];
        }
        // Each population against its own busiest cell: against the network's, spnet2006's excitatory cells (3.6 Hz)
        // were near white beside the inhibitory ones (29 Hz).
        final int[] most = new int[populations.length];
        for (int cell = 0; cell < counts.length; cell++)
        {
            most[owner[cell]] = Math.max(most[owner[cell]], counts[cell]);
        }
        int max = 0;
        for (final int m : most)
        {
            max = Math.max(max, m);
        }
        canvas.comment(String.format(Locale.ROOT, "%d spikes aggregated into a density image of %d x %d cells of %d px;"
            + " opacity is proportional to the spike count per cell, against its population's busiest cell (maximum %d)",
            visible, columns, rows, CELL, max));
        for (int r = 0; r < rows; r++)
        {
            int c = 0;
            while (c < columns)
            {
                final int cell = r * columns + c;
                final int level = level(counts[cell], most[owner[cell]]);
                int end = c + 1;
                while (end < columns && owner[r * columns + end] == owner[cell] &&
                    level(counts[r * columns + end], most[owner[cell]]) == level)
                {
                    end++;
                }
                if (level > 0)
                {
                    final double x = area.x() + c * CELL;
                    canvas.fillRect(x, area.y() + r * CELL, Math.min(area.right(), area.x() + end * CELL) - x,
                        Math.min(CELL, area.bottom() - (area.y() + r * CELL)),
                        Palette.color(owner[cell]), level / (double)LEVELS);
                }
                c = end;
            }
        }
        final StringBuilder busiest = new StringBuilder();
        for (int p = 0; p < populations.length && populations.length <= 4; p++)
        {
            busiest.append(p == 0 ? "" : ", ").append(populations[p].name()).append(' ').append(most[p]);
        }
        // A cell's span in the data (a 600 s run's cell is 2.1 s of 7.1 neurons), in neurons drawn: a thinned
        // raster's cell of 71 neurons holds 4 drawn ones.
        final double cellMs = CELL * (axes.xMax() - axes.xMin()) / area.width();
        final double cellNeurons = CELL * (axes.yMax() - axes.yMin()) / area.height() / stride;
        final String span = (cellMs >= 1000 ? String.format(Locale.ROOT, "%.3g s", cellMs / 1000) :
            String.format(Locale.ROOT, "%.3g ms", cellMs)) + " x " + (cellNeurons >= 1 ?
            String.format(Locale.ROOT, "%.2g %sneurons", cellNeurons, stride > 1 ? "drawn " : "") :
            String.format(Locale.ROOT, "1/%.0f of a neuron's row", 1 / cellNeurons));
        captionLines = new String[] {(stride > 1 ? thinned(visible) + ", as a density image" :
            String.format(Locale.ROOT, "%,d spikes as a density image", visible)),
            "shade: spikes per cell of " + span + ", against its population's busiest" +
            (busiest.length() > 0 && busiest.length() <= 40 ? " (" + busiest + ")" : "")};
    }

    /**
     * The caption of this raster, an overlay of its axes (drawn after the series, unclipped): one line or more,
     * right-aligned above the plot's top right corner, between the figure's title and the plot. A box inside the plot
     * hid the top band's latest spikes (spnet2006's inhibitory band after 50 s of a 120 s raster).
     */
    Series caption()
    {
        return new Series()
        {
            @Override
            public void include(final Bounds bounds)
            {
            }

            @Override
            public void draw(final Canvas canvas, final Axes axes)
            {
                final Box area = axes.plotArea();
                final TextStyle style = TextStyle.of(12f, Anchor.END);
                canvas.beginGroup("raster-caption");
                for (int k = 0; k < captionLines.length; k++)
                {
                    canvas.text(captionLines[k], area.right(), area.y() - 4 - 13 * (captionLines.length - 1 - k),
                        style);
                }
                canvas.endGroup();
            }
        };
    }

    private static int level(final int count, final int max)
    {
        return count == 0 ? 0 : (int)Math.ceil(LEVELS * (double)count / max);
    }
}
