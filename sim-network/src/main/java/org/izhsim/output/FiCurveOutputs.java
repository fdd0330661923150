package org.izhsim.output;

import java.nio.file.Path;
import java.util.List;

import org.izhsim.core.run.FiCurve;
import org.izhsim.output.plot.Axes;
import org.izhsim.output.plot.Box;
import org.izhsim.output.plot.Figure;
import org.izhsim.output.plot.FigureBuilder;
import org.izhsim.output.plot.Palette;
import org.izhsim.output.plot.Pen;

/**
 * An f-I curve's files: fi.csv (one row per current; a rate or latency the run did not have is an empty field) and
 * the figure fi.png / fi.svg (rate against current: the rate over the step's window and the last interspike
 * interval's, which a neuron that adapts reaches after its first spikes).
 */
public final class FiCurveOutputs
{
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    private FiCurveOutputs()
    {
    }

    /** Writes fi.csv: current, spikes, rate_hz, first_spike_latency_ms, last_isi_rate_hz. */
    public static void writeCsv(final Path file, final List<FiCurve.Point> points)
    {
        try (CsvWriter csv = new CsvWriter(file, "current", "spikes", "rate_hz", "first_spike_latency_ms",
            "last_isi_rate_hz"))
        {
            for (final FiCurve.Point p : points)
            {
                csv.exact(p.current()).field(p.spikes()).rounded(p.rateHz(), 6);
                optional(csv, p.latencyMs());
                optional(csv, p.lastIsiRateHz());
                csv.endRow();
            }
        }
    }

    private static void optional(final CsvWriter csv, final double value)
    {
        if (Double.isFinite(value))
        {
            csv.rounded(value, 6);
        }
        else
        {
            csv.field("");
        }
    }

    /**
     * @param title     e.g. the preset, method and dt.
     * @param unit      the current's unit ("pA" for the 2007 model, "" for the 2003 model's own units).
     * @param window    the step's window as the axis says it ("onset 0 ms, to the end of 1000 ms").
     */
    public static FigureBuilder figure(final String title, final String unit, final String window,
        final List<FiCurve.Point> points)
    {
        return () ->
        {
            final Figure figure = new Figure(WIDTH, HEIGHT);
            figure.title(title, 17f);
            final Axes axes = figure.addAxes(new Box(90, 70, 770, 440));
            final double[] current = new double[points.size()];
            final double[] rate = new double[points.size()];
            int steady = 0;
            for (int k = 0; k < points.size(); k++)
            {
                current[k] = points.get(k).current();
                rate[k] = points.get(k).rateHz();
                steady += Double.isFinite(points.get(k).lastIsiRateHz()) ? 1 : 0;
            }
            final double[] steadyCurrent = new double[steady];
            final double[] steadyRate = new double[steady];
            for (int k = 0, j = 0; k < points.size(); k++)
            {
                if (Double.isFinite(points.get(k).lastIsiRateHz()))
                {
                    steadyCurrent[j] = points.get(k).current();
                    steadyRate[j++] = points.get(k).lastIsiRateHz();
                }
            }
            double top = 1.0;
            for (final double r : rate)
            {
                top = Math.max(top, r);
            }
            for (final double r : steadyRate)
            {
                top = Math.max(top, r);
            }
            double left = Double.POSITIVE_INFINITY;
            double right = Double.NEGATIVE_INFINITY;
            for (final double c : current)
            {
                left = Math.min(left, c);
                right = Math.max(right, c);
            }
            axes.xRange(left == right ? left - 1 : left, left == right ? right + 1 : right).xPadding(0.03)
                .yRange(0, top * 1.05).xLabel("DC step amplitude" + (unit.isEmpty() ? "" : " (" + unit + ")") +
                    ", " + window).yLabel("rate (Hz)").gridLines().legend(Axes.Corner.ABOVE);
            axes.line(current, rate).pen(Pen.solid(Palette.BLUE, 1.8f)).label("spikes / window");
            axes.markers(current, rate).color(Palette.BLUE).radius(3);
            if (steady > 0)
            {
                axes.line(steadyCurrent, steadyRate).pen(Pen.dashed(Palette.VERMILLION, 1.5f))
                    .label("1000 / last interspike interval");
                axes.markers(steadyCurrent, steadyRate).color(Palette.VERMILLION).radius(2.5);
            }
            return figure;
        };
    }
}
