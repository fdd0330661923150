package org.izhsim.output;

import java.util.List;

import org.izhsim.network.PopulationRange;
import org.izhsim.output.plot.Anchor;
import org.izhsim.output.plot.Axes;
import org.izhsim.output.plot.Box;
import org.izhsim.output.plot.Figure;
import org.izhsim.output.plot.FigureBuilder;
import org.izhsim.output.plot.Palette;
import org.izhsim.output.plot.Pen;
import org.izhsim.output.plot.TextMetrics;
import org.izhsim.output.plot.TextStyle;

/**
 * A network spike raster over the population firing rates, laid out like Izhikevich (2003),
 * "Simple model of spiking neurons", Fig. 3: time (ms) across, neuron number up, so excitatory ids
 * (listed first) sit below inhibitory ones; each population has its own colour in both panels.
 */
public final class RasterFigure implements FigureBuilder
{
    public static final int WIDTH = 1400;
    public static final int HEIGHT = 900;
    /** The raster's data rectangle in pixels: spike (t, id) lands at column px(t), row py(id + 0.5). */
    public static final Box RASTER_AREA = new Box(100, 62, 1170, 560);
    public static final Box RATE_AREA = new Box(100, 668, 1170, 150);

    /** The population names beside the raster. */
    static final float LABEL_SIZE = 14f;

    private final String title;
    private final SpikeList spikes;
    private final int neuronCount;
    private final List<PopulationRange> populations;
    private final double tStartMs;
    private final double tEndMs;
    private double rateBinMs = 5;
    /** The rate panel's bins at most: about two per pixel column. */
    static final int MAX_RATE_BINS = 2000;
    /**
     * Bins of all populations' staircases together, at most: 200 populations of 2000 bins each took 40 MB of the
     * figure's SVG text and ran a run whose estimate left that out out of heap; 2000 populations took 300 MB.
     */
    static final int MAX_RATE_POINTS = 100_000;
    /** Bins per population at least, however many populations share {@link #MAX_RATE_POINTS}. */
    static final int MIN_RATE_BINS = 50;

    /**
     * @param title       figure title.
     * @param spikes      spike times (ms) and neuron ids.
     * @param neuronCount N: the y axis spans neuron ids 0 .. N.
     * @param populations the id ranges to colour; spikes outside all of them are not drawn.
     * @param tStartMs    left end of the time axis.
     * @param tEndMs      right end of the time axis.
     */
    public RasterFigure(
        final String title,
        final SpikeList spikes,
        final int neuronCount,
        final List<PopulationRange> populations,
        final double tStartMs,
        final double tEndMs)
    {
        if (neuronCount <= 0 || !(tEndMs > tStartMs))
        {
            throw new IllegalArgumentException("need neuronCount > 0 and tEnd > tStart, got " + neuronCount
                + " neurons over [" + tStartMs + ", " + tEndMs + "] ms");
        }
        this.title = title;
        this.spikes = spikes;
        this.neuronCount = neuronCount;
        this.populations = List.copyOf(populations);
        this.tStartMs = tStartMs;
        this.tEndMs = tEndMs;
    }

    /**
     * @param ms width of the rate bins (default 5 ms).
     */
    public RasterFigure rateBin(final double ms)
    {
        if (!(ms > 0))
        {
            throw new IllegalArgumentException("rate bin must be > 0 ms, got " + ms);
        }
        rateBinMs = ms;
        return this;
    }

    /**
     * The rate panel's bin: {@code binMs}, or for a long run the first of 1, 2, 5, 10, 20, 50 ... times it that gives at
     * most {@link #MAX_RATE_BINS} bins. An hour in 5 ms bins (720,000 for 1,150 pixel columns) drew a solid band in
     * which the last population hid the others; in 2.5 s bins it shows how the rates move over the hour.
     */
    static double shownBinMs(final double binMs, final double spanMs)
    {
        return shownBinMs(binMs, spanMs, 1);
    }

    /** As {@link #shownBinMs(double, double)} for {@code populations} staircases sharing {@link #MAX_RATE_POINTS}. */
    static double shownBinMs(final double binMs, final double spanMs, final int populations)
    {
        final int most = Math.max(MIN_RATE_BINS, Math.min(MAX_RATE_BINS, MAX_RATE_POINTS / Math.max(1, populations)));
        double bin = binMs;
        for (int k = 0; spanMs / bin > most && k < 60; k++)
        {
            bin = binMs * (k % 3 == 0 ? 2 : k % 3 == 1 ? 5 : 10) * Math.pow(10, k / 3);
        }
        return bin;
    }

    /**
     * {@code name} as long as fits {@code room} pixels at the label size: whole, or cut with an ellipsis; null when
     * fewer than 3 characters would be left.
     */
    static String fitted(final String name, final double room)
    {
        if (TextMetrics.width(name, LABEL_SIZE, true) <= room)
        {
            return name;
        }
        for (int keep = name.length() - 1; keep >= 3; keep--)
        {
            final String cut = name.substring(0, keep) + "\u2026";
            if (TextMetrics.width(cut, LABEL_SIZE, true) <= room)
            {
                return cut;
            }
        }
        return null;
    }

    /** Times from which a time axis is labelled in seconds: a 600 s run's read 0 .. 600000 ms. */
    static final double SECONDS_FROM_MS = 100_000;

    /**
     * The divisor of a time axis in ms from {@code fromMs} to {@code toMs}: 1000 (seconds) where it reaches {@link
     * #SECONDS_FROM_MS}, else 1 (by the times, not the span: a run resumed at 200 s for 50 s read 200000 .. 250000).
     */
    static double timeUnit(final double fromMs, final double toMs)
    {
        // A span under a second stays in ms: 3 ms from 200 s read 200.0000 .. 200.0030 s.
        return Math.max(Math.abs(fromMs), Math.abs(toMs)) >= SECONDS_FROM_MS && toMs - fromMs >= 1000 ? 1000 : 1;
    }

    /** The label of a time axis whose divisor is {@code unit}. */
    static String timeLabel(final double unit)
    {
        return unit == 1000 ? "time (s)" : "time (ms)";
    }

    @Override
    public Figure build()
    {
        final Figure figure = new Figure(WIDTH, HEIGHT);
        figure.title(title, 19f);
        final PopulationRange[] pops = populations.toArray(new PopulationRange[0]);

        final Axes raster = figure.addAxes(RASTER_AREA);
        raster.xRange(tStartMs, tEndMs).xTickUnit(timeUnit(tStartMs, tEndMs)).yRange(0, neuronCount)
            .yLabel("neuron number").hideXTickLabels();
        if (neuronCount <= 10)
        {
            // Whole neuron numbers: a 1-neuron raster was ticked 0.1, 0.2, ... 1.0.
            final double[] whole = new double[neuronCount + 1];
            for (int n = 0; n <= neuronCount; n++)
            {
                whole[n] = n;
            }
            raster.yTickValues(whole);
        }
        raster.overlay(raster.add(new RasterSeries(spikes, pops)).caption());
        for (int index = 0; index < pops.length; index++)
        {
            final PopulationRange p = pops[index];
            // A separator between two bands of at least 4 px each: 2000 populations of 2 neurons drew 1999 grey lines
            // 0.28 px apart over their spikes, a solid grey block.
            if (p.first() > 0 && p.first() < neuronCount && index > 0 &&
                bandPixels(p, neuronCount) >= 4 && bandPixels(pops[index - 1], neuronCount) >= 4)
            {
                raster.horizontalLine(p.first(), Pen.solid(Palette.LIGHT_GREY, 1f), null);
            }
            final double middle = Math.min(neuronCount, p.first() + p.size() / 2.0);
            // Annotations sit at data coordinates: 24 px right of the plot area's edge. A name runs along its
            // population's band, shortened to the band's height, and left out where not even a few letters fit:
            // with long names or hundreds of populations they were written over each other.
            final double rightOfPlot = tEndMs + 24 * (tEndMs - tStartMs) / RASTER_AREA.width();
            final double band = RASTER_AREA.height() * (Math.min(neuronCount, p.first() + p.size()) -
                Math.max(0, p.first())) / neuronCount;
            final String name = fitted(p.name(), band - 4);
            if (name != null)
            {
                raster.text(name, rightOfPlot, middle,
                    TextStyle.of(LABEL_SIZE, Anchor.MIDDLE).rotated().withColor(Palette.color(index)).inBold());
            }
        }

        final double binMs = shownBinMs(rateBinMs, tEndMs - tStartMs, pops.length);
        final Axes rate = figure.addAxes(RATE_AREA);
        rate.title("population rate, " + Numbers.format(binMs) + " ms bins").titleAnchor(Anchor.START)
            .fontSizes(13f, 14f, 13f).xRange(tStartMs, tEndMs).xTickUnit(timeUnit(tStartMs, tEndMs))
            .xLabel(timeLabel(timeUnit(tStartMs, tEndMs)))
            .yLabel("rate (Hz)").yTicks(4).legend(Axes.Corner.ABOVE);
        // At most MAX_RATE_BINS bins per population and MAX_RATE_POINTS in all (shownBinMs): about 3 MB of SVG text.
        final double peak = wholeRates(rate, pops, binMs);
        // Rates start at 0 Hz: a floor other than zero would misstate how active the network is.
        rate.yRange(0, peak > 0 ? peak * 1.12 : 1);
        return figure;
    }

    /** The height in pixels of a population's band in the raster. */
    private static double bandPixels(final PopulationRange p, final int neuronCount)
    {
        return RASTER_AREA.height() * p.size() / Math.max(1, neuronCount);
    }

    /** Each population's rate as a staircase of all its bins; returns the highest rate. */
    private double wholeRates(final Axes rate, final PopulationRange[] pops, final double binMs)
    {
        final PopulationRates rates = PopulationRates.of(spikes, populations, tStartMs, tEndMs, binMs);
        double peak = 0;
        for (int p = 0; p < rates.populationCount(); p++)
        {
            for (final double hz : rates.hz(p))
            {
                peak = Math.max(peak, hz);
            }
            rate.steps(rates.edges(), rates.hz(p))
                .pen(Pen.solid(Palette.color(p), 1.3f))
                .label(pops[p].name());
        }
        return peak;
    }
}
