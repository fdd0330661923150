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

    /**
     * Writes fi.csv: current, spikes, rate_hz, first_spike_latency_ms, last_isi_rate_hz, blow_up_ms (a run that blew
     * up: empty spikes and rates, its time there).
     */
    public static void writeCsv(final Path file, final List<FiCurve.Point> points)
    {
        try (CsvWriter csv = new CsvWriter(file, "current", "spikes", "rate_hz", "first_spike_latency_ms",
            "last_isi_rate_hz", "blow_up_ms"))
        {
            for (final FiCurve.Point p : points)
            {
                csv.exact(p.current());
                if (p.blewUp())
                {
                    csv.field("");
                }
                else
                {
                    csv.field(p.spikes());
                }
                optional(csv, p.rateHz());
                optional(csv, p.latencyMs());
                optional(csv, p.lastIsiRateHz());
                optional(csv, p.blowUpMs());
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
    /**
     * The rate line's points with a break (a NaN) between a current that did not fire and one that did: the book's
     * FS cell jumps from silence to about 21 Hz at its rheobase (class 2, Izhikevich 2004, Fig. 1H), and a line from
     * (60 pA, 0) to (80 pA, 30 Hz) drew the jump as a ramp; between the two the curve is not known.
     */
    static double[][] brokenAtOnsets(final double[] current, final double[] rate)
    {
        int breaks = 0;
        for (int k = 1; k < rate.length; k++)
        {
            breaks += (rate[k - 1] > 0) != (rate[k] > 0) ? 1 : 0;
        }
        final double[] x = new double[rate.length + breaks];
        final double[] y = new double[x.length];
        for (int k = 0, j = 0; k < rate.length; k++)
        {
            if (k > 0 && (rate[k - 1] > 0) != (rate[k] > 0))
            {
                x[j] = (current[k - 1] + current[k]) / 2;
                y[j++] = Double.NaN;
            }
            x[j] = current[k];
            y[j++] = rate[k];
        }
        return new double[][] {x, y};
    }

    public static FigureBuilder figure(final String title, final String unit, final String window,
        final List<FiCurve.Point> points)
    {
        return () ->
        {
            final Figure figure = new Figure(WIDTH, HEIGHT);
            figure.title(title, 17f);
            final Axes axes = figure.addAxes(new Box(90, 70, 770, 440));
            // The currents whose runs blew up have no rate: left out of the lines, named in the axis label.
            final List<FiCurve.Point> ran = points.stream().filter(p -> !p.blewUp()).toList();
            final List<FiCurve.Point> all = points;
            final double[] current = new double[ran.size()];
            final double[] rate = new double[ran.size()];
            int steady = 0;
            for (int k = 0; k < ran.size(); k++)
            {
                current[k] = ran.get(k).current();
                rate[k] = ran.get(k).rateHz();
                steady += Double.isFinite(ran.get(k).lastIsiRateHz()) ? 1 : 0;
            }
            final double[] steadyCurrent = new double[steady];
            final double[] steadyRate = new double[steady];
            for (int k = 0, j = 0; k < ran.size(); k++)
            {
                if (Double.isFinite(ran.get(k).lastIsiRateHz()))
                {
                    steadyCurrent[j] = ran.get(k).current();
                    steadyRate[j++] = ran.get(k).lastIsiRateHz();
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
            if (ran.isEmpty())
            {
                left = all.get(0).current();
                right = all.get(all.size() - 1).current();
            }
            final long blown = all.size() - ran.size();
            axes.xRange(left == right ? left - 1 : left, left == right ? right + 1 : right).xPadding(0.03)
                .yRange(0, top * 1.05).xLabel("DC step amplitude" + (unit.isEmpty() ? "" : " (" + unit + ")") +
                    ", " + window + (blown == 0 ? "" : "; " + blown + (blown == 1 ? " run" : " runs") + " blew up, " +
                    "not drawn (fi.csv)")).yLabel("rate (Hz)").gridLines().legend(Axes.Corner.ABOVE);
            final double[][] broken = brokenAtOnsets(current, rate);
            axes.line(broken[0], broken[1]).pen(Pen.solid(Palette.BLUE, 1.8f)).label("spikes / window");
            axes.markers(current, rate).color(Palette.BLUE).radius(3);
            if (steady > 0)
            {
                // Dots alone: of a bursting cell the last interval falls within a burst or between two by where the
                // window ends, and a line through them (CH: 15 Hz beside 308) drew a curve that is not there.
                axes.markers(steadyCurrent, steadyRate).color(Palette.VERMILLION).radius(2.5)
                    .label("1000 / last interspike interval");
            }
            return figure;
        };
    }
}
