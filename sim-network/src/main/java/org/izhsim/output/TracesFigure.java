package org.izhsim.output;

import java.util.List;
import java.util.Locale;

import org.izhsim.network.PopulationLookup;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.record.Traces;
import org.izhsim.output.plot.Anchor;
import org.izhsim.output.plot.Axes;
import org.izhsim.output.plot.Box;
import org.izhsim.output.plot.Figure;
import org.izhsim.output.plot.FigureBuilder;
import org.izhsim.output.plot.Palette;
import org.izhsim.output.plot.Pen;

/**
 * traces.png: the membrane potential v(t) of the traced neurons ({@code record.traces}), one panel each, stacked on a
 * shared time axis, as Izhikevich (2003), Fig. 2 and Izhikevich (2007), ch. 8 show single cells (a 2003 neuron's
 * spikes drawn at 30 mV, a 2007 neuron's at its vpeak: the trace holds them so). At most {@value #MAX_PANELS}
 * neurons are drawn (traces.csv and trace_v.npy hold all); a panel holds at most two points per pixel column (the
 * lowest and highest v of the steps that column covers), so an hour-long trace draws as a minute-long one does and
 * the figure needs no copy of the trace.
 */
public final class TracesFigure implements FigureBuilder
{
    public static final int WIDTH = 1400;
    /** Neurons drawn at most. */
    static final int MAX_PANELS = 6;
    private static final int PLOT_WIDTH = 1200;

    private final String title;
    private final Traces traces;
    private final List<PopulationRange> populations;
    private final double startMs;
    private final double dtMs;

    /**
     * @param startMs the time of the traces' first step, ms.
     * @param dtMs    the step, ms.
     */
    public TracesFigure(final String title, final Traces traces, final List<PopulationRange> populations,
        final double startMs, final double dtMs)
    {
        if (traces.count() == 0 || traces.steps() == 0)
        {
            throw new IllegalArgumentException("no trace to draw");
        }
        this.title = title;
        this.traces = traces;
        this.populations = List.copyOf(populations);
        this.startMs = startMs;
        this.dtMs = dtMs;
    }

    /** The figure's height for {@code neurons} traced neurons. */
    static int height(final int neurons)
    {
        return 75 + 170 * Math.min(neurons, MAX_PANELS);
    }

    @Override
    public Figure build()
    {
        final int panels = Math.min(traces.count(), MAX_PANELS);
        final Figure figure = new Figure(WIDTH, height(traces.count()));
        figure.title(traces.count() > MAX_PANELS ? title + String.format(Locale.ROOT, " (the first %d of %,d traced " +
            "neurons; traces.csv holds all)", MAX_PANELS, traces.count()) : title, 19f);
        final PopulationLookup lookup = new PopulationLookup(populations);
        final double end = startMs + traces.steps() * dtMs;
        for (int k = 0; k < panels; k++)
        {
            final int neuron = traces.neurons()[k];
            final int p = lookup.indexOf(neuron);
            final Axes axes = figure.addAxes(new Box(100, 62 + 170 * k, PLOT_WIDTH, 130));
            axes.title(p >= 0 ? String.format(Locale.ROOT, "neuron %d (%s[%d])", neuron,
                populations.get(p).name(), neuron - populations.get(p).first()) : "neuron " + neuron)
                .titleAnchor(Anchor.START).fontSizes(12f, 13f, 13f).xRange(startMs, end)
                .xTickUnit(RasterFigure.timeUnit(startMs, end)).yLabel("v (mV)").yTicks(4)
                .yPadding(0.08).gridLines();
            if (k < panels - 1)
            {
                axes.hideXTickLabels();
            }
            else
            {
                axes.xLabel(RasterFigure.timeLabel(RasterFigure.timeUnit(startMs, end)));
            }
            final double[][] line = columns(k);
            axes.line(line[0], line[1]).pen(Pen.solid(Palette.color(Math.max(p, 0)), 1.2f));
        }
        return figure;
    }

    /**
     * Trace k as (t, v) points: every step when there are at most two per pixel column, else per column the lowest
     * and the highest v of its steps, in the order they occur.
     */
    private double[][] columns(final int k)
    {
        final int steps = traces.steps();
        if (steps <= 2 * PLOT_WIDTH)
        {
            final double[] t = new double[steps];
            final double[] v = new double[steps];
            for (int s = 0; s < steps; s++)
            {
                t[s] = startMs + s * dtMs;
                v[s] = finite(traces.v(k, s));
            }
            return new double[][] {t, v};
        }
        final double[] t = new double[2 * PLOT_WIDTH];
        final double[] v = new double[2 * PLOT_WIDTH];
        for (int c = 0; c < PLOT_WIDTH; c++)
        {
            final int from = (int)((long)steps * c / PLOT_WIDTH);
            final int to = (int)((long)steps * (c + 1) / PLOT_WIDTH);
            int low = from;
            int high = from;
            for (int s = from; s < to; s++)
            {
                low = traces.v(k, s) < traces.v(k, low) ? s : low;
                high = traces.v(k, s) > traces.v(k, high) ? s : high;
            }
            final int first = Math.min(low, high);
            final int second = Math.max(low, high);
            t[2 * c] = startMs + first * dtMs;
            v[2 * c] = finite(traces.v(k, first));
            t[2 * c + 1] = startMs + second * dtMs;
            v[2 * c + 1] = finite(traces.v(k, second));
        }
        return new double[][] {t, v};
    }

    /** A blown-up neuron's last v (infinite or NaN) breaks its line instead of stretching the axis. */
    private static double finite(final float v)
    {
        return Float.isFinite(v) ? v : Double.NaN;
    }
}
