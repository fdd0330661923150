package org.izhsim.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.izhsim.output.plot.Anchor;
import org.izhsim.output.plot.Axes;
import org.izhsim.output.plot.Box;
import org.izhsim.output.plot.Figure;
import org.izhsim.output.plot.FigureBuilder;
import org.izhsim.output.plot.Palette;
import org.izhsim.output.plot.Pen;

/**
 * One neuron's run on one page: membrane potential v(t) above the input current I(t) on a shared time
 * axis, and beside them the (v, u) phase plane with both nullclines, the trajectory and its spike
 * peaks, the standard view of Izhikevich (2007), "Dynamical Systems in Neuroscience", ch. 8.
 */
public final class NeuronFigure implements FigureBuilder
{
    public static final int WIDTH = 1400;
    public static final int HEIGHT = 700;
    /**
     * The phase plane draws at most this many of the last samples: its trajectory is not reduced to pixel columns
     * as a time trace is, so a run of millions of steps made an SVG of hundreds of MB and, near the trace's heap
     * limit, ran out of memory drawing it. A 1 s run at dt = 0.01 ms (100,001 samples) is drawn whole.
     */
    static final int PHASE_PLANE_SAMPLES = 200_000;
    /** Up to this many spikes every peak is marked over v(t) (as MarkerSeries draws up to 10,000 markers each). */
    static final int MARK_EVERY_PEAK = 10_000;
    private static final int VOLTAGE_WIDTH = 715;

    private final String title;
    private final double[] t;
    private final double[] v;
    private final double[] u;
    private final double[] current;
    private final String currentUnit;
    private final double[] spikeTimes;
    private DoubleBinaryOperator vNullcline;
    private DoubleUnaryOperator uNullcline;
    private double nullclineCurrent;
    private double heldCurrent = Double.NaN;
    private DoubleUnaryOperator uBeforeReset;

    /**
     * @param title       figure title, e.g. "RS neuron, I = 10".
     * @param t           sample times (ms), ascending.
     * @param v           membrane potential (mV) at each sample.
     * @param u           recovery variable at each sample (same unit as the current).
     * @param current     input current at each sample.
     * @param currentUnit unit of current and u, e.g. "pA" (Izhikevich 2007); empty for the
     *                    dimensionless current of the 2003 model.
     * @param spikeTimes  spike times (ms).
     */
    public NeuronFigure(
        final String title,
        final double[] t,
        final double[] v,
        final double[] u,
        final double[] current,
        final String currentUnit,
        final double[] spikeTimes)
    {
        final int n = t.length;
        if (v.length != n || u.length != n || current.length != n)
        {
            throw new IllegalArgumentException("t, v, u and I must have equal lengths: " + n + ", " + v.length
                + ", " + u.length + ", " + current.length);
        }
        if (n < 2)
        {
            throw new IllegalArgumentException("need at least two samples to draw a trace, got " + n);
        }
        this.title = title;
        this.t = t;
        this.v = v;
        this.u = u;
        this.current = current;
        this.currentUnit = currentUnit == null ? "" : currentUnit.trim();
        this.spikeTimes = spikeTimes;
    }

    /**
     * Draws each spike in the phase plane at u before its reset, {@code undo} of the row's u (NaN where the reset
     * cannot be undone: drawn at the row's u): a trace's spike row holds u after it (figure1.m's uu), so the
     * trajectory climbed by d during the upstroke and the reset was flat. Computed per drawn peak, nothing kept.
     */
    public NeuronFigure uBeforeReset(final DoubleUnaryOperator undo)
    {
        this.uBeforeReset = undo;
        return this;
    }

    /** u at the peak in row {@code sample}: before the reset when known. */
    private double peakU(final int sample)
    {
        final double before = uBeforeReset == null ? Double.NaN : uBeforeReset.applyAsDouble(u[sample]);
        return Double.isNaN(before) ? u[sample] : before;
    }

    /**
     * Adds the nullclines to the phase plane.
     *
     * @param vNullcline       u on the v-nullcline (dv/dt = 0) as a function of (v, I).
     * @param uNullcline       u on the u-nullcline (du/dt = 0) as a function of v.
     * @param nullclineCurrent the I at which the v-nullcline is drawn (the caller picks, e.g. the
     *                         final or the largest stimulus value).
     */
    public NeuronFigure nullclines(
        final DoubleBinaryOperator vNullcline, final DoubleUnaryOperator uNullcline, final double nullclineCurrent)
    {
        return nullclines(vNullcline, uNullcline, nullclineCurrent, Double.NaN);
    }

    /**
     * As {@link #nullclines(DoubleBinaryOperator, DoubleUnaryOperator, double)}, with a second, dashed v-nullcline at
     * {@code heldCurrent} unless it is NaN ({@code RunResult.secondNullclineCurrent}: the current of most of the run,
     * e.g. 0 between pulses): the resonator's damped oscillations circle the rest point at I = 0, which the
     * nullcline at the pulses' 0.65 alone did not show.
     */
    public NeuronFigure nullclines(final DoubleBinaryOperator vNullcline, final DoubleUnaryOperator uNullcline,
        final double nullclineCurrent, final double heldCurrent)
    {
        this.heldCurrent = Double.isFinite(heldCurrent) ? heldCurrent : Double.NaN;
        this.vNullcline = vNullcline;
        this.uNullcline = uNullcline;
        this.nullclineCurrent = nullclineCurrent;
        return this;
    }

    @Override
    public Figure build()
    {
        final Figure figure = new Figure(WIDTH, HEIGHT);
        figure.title(title, 19f);
        final int[] peaks = peakIndices();
        final double tEnd = t[t.length - 1];
        final int[] shown = markedPeaks(peaks, VOLTAGE_WIDTH);
        final double[] peakT = new double[shown.length];
        final double[] peakV = new double[shown.length];
        for (int k = 0; k < shown.length; k++)
        {
            peakT[k] = t[shown[k]];
            peakV[k] = v[shown[k]];
        }

        final Axes voltage = figure.addAxes(new Box(95, 62, VOLTAGE_WIDTH, 380));
        voltage.title("membrane potential").titleAnchor(Anchor.START)
            .yLabel("v (mV)").hideXTickLabels().xRange(t[0], tEnd).gridLines();
        voltage.line(t, v).pen(Pen.solid(Palette.BLUE, 1.4f));
        voltage.markers(peakT, peakV).color(Palette.VERMILLION).radius(3);

        final Axes input = figure.addAxes(new Box(95, 470, 715, 140));
        input.yLabel(currentUnit.isEmpty() ? "I" : "I (" + currentUnit + ")").xLabel("time (ms)")
            .xRange(t[0], tEnd).yPadding(0.12).yTicks(4).gridLines();
        input.line(t, current).pen(Pen.solid(Palette.BLUISH_GREEN, 1.6f));

        final Axes phase = figure.addAxes(new Box(945, 62, 425, 490));
        phase.title("phase plane").titleAnchor(Anchor.START)
            .xLabel("v (mV)").yLabel(currentUnit.isEmpty() ? "u" : "u (" + currentUnit + ")").gridLines();
        final double[] vView = padded(range(v), 0.08);
        final double[] uView = padded(range(u), 0.12);
        if (vNullcline != null)
        {
            widenForParabolaVertex(vView, uView);
        }
        phase.xRange(vView[0], vView[1]).yRange(uView[0], uView[1]);
        if (vNullcline != null)
        {
            final double[] vs = sample(vView, 600);
            final double[] uv = new double[vs.length];
            final double[] uu = new double[vs.length];
            boolean uNullclineIsGraph = false;
            for (int k = 0; k < vs.length; k++)
            {
                uv[k] = clamp(vNullcline.applyAsDouble(vs[k], nullclineCurrent), uView);
                uu[k] = clamp(uNullcline.applyAsDouble(vs[k]), uView);
                uNullclineIsGraph |= !Double.isNaN(uu[k]);
            }
            phase.line(vs, uv).pen(Pen.solid(Palette.ORANGE, 2.2f))
                .label("v-nullcline (I = " + number(nullclineCurrent) + (currentUnit.isEmpty() ? "" : " " + currentUnit) + ")");
            if (!Double.isNaN(heldCurrent))
            {
                final double[] held = new double[vs.length];
                for (int k = 0; k < vs.length; k++)
                {
                    held[k] = clamp(vNullcline.applyAsDouble(vs[k], heldCurrent), uView);
                }
                phase.line(vs, held).pen(Pen.dashed(Palette.ORANGE, 1.8f))
                    .label("v-nullcline (I = " + number(heldCurrent) + (currentUnit.isEmpty() ? "" : " " + currentUnit) + ")");
            }
            // NaN everywhere: the u-nullcline is no graph over v (2004 Fig. 1R has the vertical line v = -65).
            if (uNullclineIsGraph)
            {
                phase.line(vs, uu).pen(Pen.solid(Palette.BLUISH_GREEN, 2.2f)).label("u-nullcline");
            }
        }
        final int from = Math.max(0, t.length - PHASE_PLANE_SAMPLES);
        int firstPeak = 0;
        while (firstPeak < peaks.length && peaks[firstPeak] < from)
        {
            firstPeak++;
        }
        final int[] phasePeaks = Arrays.copyOfRange(peaks, firstPeak, peaks.length);
        addTrajectory(phase, phasePeaks, from);
        if (phasePeaks.length > 0)
        {
            final double[] phaseV = new double[phasePeaks.length];
            final double[] phaseU = new double[phasePeaks.length];
            for (int k = 0; k < phasePeaks.length; k++)
            {
                phaseV[k] = v[phasePeaks[k]];
                phaseU[k] = peakU(phasePeaks[k]);
            }
            phase.markers(phaseV, phaseU).color(Palette.VERMILLION).radius(3.5).label("spike peak");
        }
        phase.legend(Axes.Corner.BELOW);
        return figure;
    }

    /**
     * The trajectory breaks at each reset (v -&gt; c, u -&gt; u + d): the jump is instantaneous, so it
     * is drawn as a thin dashed line rather than as part of the flow. It starts at sample {@code from};
     * {@code peaks} are the spike samples from there on.
     */
    private void addTrajectory(final Axes phase, final int[] peaks, final int from)
    {
        final int n = v.length;
        final double[] tv = new double[n - from + peaks.length];
        final double[] tu = new double[n - from + peaks.length];
        final double[] jumpV = new double[3 * peaks.length];
        final double[] jumpU = new double[3 * peaks.length];
        int out = 0;
        int next = 0;
        int jumps = 0;
        for (int k = from; k < n; k++)
        {
            final boolean peak = next < peaks.length && peaks[next] == k;
            tv[out] = v[k];
            tu[out++] = peak ? peakU(k) : u[k];
            if (peak)
            {
                final double uPeak = tu[out - 1];
                next++;
                if (k + 1 < n)
                {
                    tv[out] = Double.NaN;
                    tu[out++] = Double.NaN;
                    jumpV[jumps] = v[k];
                    jumpU[jumps++] = uPeak;
                    jumpV[jumps] = v[k + 1];
                    jumpU[jumps++] = u[k + 1];
                    jumpV[jumps] = Double.NaN;
                    jumpU[jumps++] = Double.NaN;
                }
            }
        }
        phase.line(Arrays.copyOf(tv, out), Arrays.copyOf(tu, out)).pen(Pen.solid(Palette.BLUE, 1.3f))
            .label(from == 0 ? "trajectory" : "trajectory, last " + (n - from) + " steps");
        if (jumps > 0)
        {
            phase.line(Arrays.copyOf(jumpV, jumps), Arrays.copyOf(jumpU, jumps))
                .pen(Pen.dashed(Palette.GREY, 1f)).label("reset");
        }
    }

    /**
     * @return the peaks marked over v(t): all of them up to {@link #MARK_EVERY_PEAK}; beyond, the lowest and the highest
     *         v of each pixel of time, so that the marker arrays of a run spiking at almost every step stay at most
     *         twice the plot's width long (MarkerSeries draws that many one per pixel anyway) rather than 16 bytes a spike.
     */
    private int[] markedPeaks(final int[] peaks, final int plotWidth)
    {
        if (peaks.length <= MARK_EVERY_PEAK)
        {
            return peaks;
        }
        final double t0 = t[0];
        final double binsPerMs = plotWidth / Math.max(t[t.length - 1] - t0, Double.MIN_NORMAL);
        final int[] kept = new int[2 * (plotWidth + 1)];
        int count = 0;
        long bin = Long.MIN_VALUE;
        int low = -1;
        int high = -1;
        for (final int peak : peaks)
        {
            final long at = (long)Math.floor((t[peak] - t0) * binsPerMs);
            if (at != bin)
            {
                count = keep(kept, count, low, high);
                bin = at;
                low = peak;
                high = peak;
            }
            else if (v[peak] < v[low])
            {
                low = peak;
            }
            else if (v[peak] > v[high])
            {
                high = peak;
            }
        }
        count = keep(kept, count, low, high);
        return Arrays.copyOf(kept, count);
    }

    private static int keep(final int[] kept, final int count, final int low, final int high)
    {
        if (low < 0 || count + 2 > kept.length)
        {
            return count;
        }
        kept[count] = Math.min(low, high);
        if (low == high)
        {
            return count + 1;
        }
        kept[count + 1] = Math.max(low, high);
        return count + 2;
    }

    /**
     * @return for each spike, its sample (a trace's spike row, whose v is the cutoff), or where no sample is at the
     * spike time, the sample with the highest v within two samples of it: the recorded peak before the reset. Not the
     * highest v when the spike row is there: a cutoff that moves with u (the 2007 LTS and TC cells) can be below the
     * sample before it, and the figure drew the peak a step early with a vertical reset (a tester's LTS at 66.5 ms).
     */
    private int[] peakIndices()
    {
        final int[] peaks = new int[spikeTimes.length];
        int count = 0;
        for (final double s : spikeTimes)
        {
            int at = Arrays.binarySearch(t, s);
            if (at >= 0)
            {
                peaks[count++] = at;
                continue;
            }
            at = -at - 1;
            if (at >= t.length && t.length > 0 && s - t[t.length - 1] > t[1] - t[0])
            {
                continue;
            }
            int best = -1;
            for (int k = Math.max(0, at - 2); k <= Math.min(t.length - 1, at + 2); k++)
            {
                if (best < 0 || v[k] > v[best])
                {
                    best = k;
                }
            }
            if (best >= 0)
            {
                peaks[count++] = best;
            }
        }
        return Arrays.copyOf(peaks, count);
    }

    /**
     * The parabolic v-nullcline's minimum is the knee that decides rest or spiking: show it when it
     * is near the trajectory, but do not let its arms blow up the range.
     */
    private void widenForParabolaVertex(final double[] vView, final double[] uView)
    {
        final double[] vs = sample(vView, 400);
        final double span = uView[1] - uView[0];
        // Each drawn current's parabola on its own: of the RZ preset's two, the held -0.5's vertex lay in the view
        // and the pulse's 10 (u = -6.25) above it, and the legend listed a curve the view did not show.
        for (final double current : Double.isNaN(heldCurrent) ? new double[] {nullclineCurrent} :
            new double[] {nullclineCurrent, heldCurrent})
        {
            double lowest = Double.POSITIVE_INFINITY;
            for (final double x : vs)
            {
                lowest = Math.min(lowest, vNullcline.applyAsDouble(x, current));
            }
            if (Double.isFinite(lowest) && lowest < uView[0] && lowest > uView[0] - span)
            {
                uView[0] = lowest - 0.08 * span;
            }
            else if (Double.isFinite(lowest) && lowest > uView[1] - 0.1 * span && lowest < uView[1] + 2 * span)
            {
                // The vertex above the trajectory (tonic firing: the v-nullcline lifted off the u-nullcline, no fixed
                // point), or just below the view's top: the legend listed a curve the view did not show (FS at 30,
                // vertex u = 13.75, view to 5), or a sliver of it at the top edge (RS with a 0.1, d 2). Room above.
                uView[1] = Math.max(uView[1], lowest + 0.25 * (lowest - uView[0]));
            }
        }
    }

    private static double[] range(final double[] values)
    {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (final double x : values)
        {
            if (Double.isFinite(x))
            {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private static double[] padded(final double[] r, final double fraction)
    {
        final double span = r[1] - r[0];
        final double pad = span > 0 ? span * fraction : Math.max(1, Math.abs(r[0]) * 0.1);
        return new double[] {r[0] - pad, r[1] + pad};
    }

    private static double[] sample(final double[] r, final int n)
    {
        final double[] xs = new double[n];
        for (int k = 0; k < n; k++)
        {
            xs[k] = r[0] + (r[1] - r[0]) * k / (n - 1);
        }
        return xs;
    }

    /**
     * Keeps curve points a few view spans outside the window: the canvas clips the line exactly at
     * the edge, while the numbers stay small in the SVG.
     */
    private static double clamp(final double x, final double[] view)
    {
        final double span = view[1] - view[0];
        return Math.max(view[0] - 2 * span, Math.min(view[1] + 2 * span, x));
    }

    /** A current for the legend: whole, else 3 significant digits without trailing zeros ("I = -0.500" was -0.5). */
    static String number(final double x)
    {
        if (x == Math.rint(x) && Math.abs(x) < 1e9)
        {
            return Long.toString((long)x);
        }
        if (!Double.isFinite(x) || Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)
        {
            return String.format(Locale.ROOT, "%.3g", x);
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
