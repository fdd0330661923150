package org.izhsim.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.ObjDoubleConsumer;

import org.izhsim.core.InputException;
import org.izhsim.core.stimulus.Stimuli;

/**
 * An f-I curve: a neuron's firing against the amplitude of a DC step, one run per amplitude, each from the same
 * initial state with the same model, method and time step. The measure of excitability classes (Hodgkin 1948;
 * Izhikevich 2004, Fig. 1 (G, H); Izhikevich 2007, ch. 7): a class 1 neuron fires at arbitrarily low rates
 * just above its threshold current, a class 2 neuron starts at a rate well above zero.
 * <p>
 * Per current: the spikes in the step's window [onset, end) (end = the offset, or the run's end T: the run's last
 * step, at T, starts the interval after it, as {@link RunResult#meanRateHz()} counts), their rate (count / window
 * length, so never above 1/dt), the latency of the first (from the onset), and
 * the rate of the last interspike interval (1000 / ISI, Hz: the adapted, steady rate of a regular spiker).
 */
public final class FiCurve
{
    /** At most this many currents in one curve: each is a run of its own. */
    public static final int MAX_CURRENTS = 1000;

    /**
     * One current's response.
     *
     * @param current       the step's amplitude (2003 model units, or pA for the 2007 model).
     * @param spikes        spikes in the window.
     * @param rateHz        spikes / window length, Hz.
     * @param latencyMs     first spike in the window minus the onset, ms; NaN without one.
     * @param lastIsiRateHz 1000 / the last interval between spikes in the window, Hz; NaN with fewer than two.
     * @param blowUp        the run's numerical blow-up, null without one: its rates are then NaN and its spikes 0.
     */
    public record Point(double current, int spikes, double rateHz, double latencyMs, double lastIsiRateHz,
        StateDiverged blowUp)
    {
        /** Whether this current's run blew up. */
        public boolean blewUp()
        {
            return blowUp != null;
        }

        /** When this current's run blew up, ms; NaN if it did not. */
        public double blowUpMs()
        {
            return blowUp == null ? Double.NaN : blowUp.atMs();
        }
    }

    private FiCurve()
    {
    }

    /**
     * Runs {@code base} (model, method, dt, duration, start state; its stimulus is replaced) once per current.
     *
     * @param currents the step amplitudes, one run each, in any order (the points keep it); 1 to {@link
     *                 #MAX_CURRENTS} of them.
     * @param onsetMs  the step's onset, >= 0 and before the run's end.
     * @param offsetMs the step's end, exclusive, after the onset; infinite for none.
     * @param stop     asked before each current and during each run ({@link SingleNeuronRun#run(RunSpec,
     *                 BooleanSupplier)}).
     * A run that blows up (its current beyond the model's range, or dt too large for it) is a point of its own
     * ({@link Point#blowUp}) and the other currents run on: a curve lost every point to one current that blew up.
     * @throws RunStopped    when {@code stop} returned true.
     */
    public static List<Point> run(final RunSpec base, final double[] currents, final double onsetMs,
        final double offsetMs, final BooleanSupplier stop)
    {
        return run(base, currents, onsetMs, offsetMs, stop, (result, current) -> { });
    }

    /** As {@link #run(RunSpec, double[], double, double, BooleanSupplier)}, showing {@code each} every run's result. */
    public static List<Point> run(final RunSpec base, final double[] currents, final double onsetMs,
        final double offsetMs, final BooleanSupplier stop, final ObjDoubleConsumer<RunResult> each)
    {
        java.util.Objects.requireNonNull(base, "base");
        java.util.Objects.requireNonNull(stop, "stop");
        java.util.Objects.requireNonNull(each, "each");
        if (java.util.Objects.requireNonNull(currents, "currents").length == 0 || currents.length > MAX_CURRENTS)
        {
            throw new InputException("an f-I curve takes 1 to " + MAX_CURRENTS + " currents, got " + currents.length);
        }
        final double end = Math.min(offsetMs, base.durationMs());
        if (!(onsetMs >= 0.0) || !(end > onsetMs))
        {
            throw new InputException("the f-I step's window [" + onsetMs + ", " + end + ") ms is empty: its onset " +
                "must be >= 0 and before both its offset and the run's end, " + base.durationMs() + " ms");
        }
        final List<Point> points = new ArrayList<>(currents.length);
        for (final double current : currents)
        {
            final RunResult result;
            try
            {
                result = SingleNeuronRun.spikesOnly(base.withStimulus(Stimuli.dc(current, onsetMs, offsetMs)), stop);
            }
            catch (final StateDiverged blowUp)
            {
                points.add(new Point(current, 0, Double.NaN, Double.NaN, Double.NaN, new StateDiverged("at current " +
                    text(current) + ": " + blowUp.getMessage(), blowUp.atMs())));
                continue;
            }
            each.accept(result, current);
            points.add(point(current, result.spikeTimes(), onsetMs, end));
        }
        return points;
    }

    /**
     * The lowest current whose run fired and did not blow up, whatever the points' order (the first firing point of
     * currents {20, 0, 5} was 20 where 5 fired too); NaN for none.
     */
    public static double firstFiringCurrent(final List<Point> points)
    {
        return points.stream().filter(p -> p.spikes() > 0 && !p.blewUp()).mapToDouble(Point::current).min()
            .orElse(Double.NaN);
    }

    /**
     * The blow-up a caller reports for the {@code points} that blew up (at least one): the first's line, and how many
     * more; with {@code note} added (where the others went).
     */
    public static StateDiverged blownUp(final List<Point> points, final String note)
    {
        final List<Point> blown = points.stream().filter(Point::blewUp).toList();
        if (blown.isEmpty())
        {
            throw new IllegalArgumentException("no point blew up");
        }
        return new StateDiverged(blown.get(0).blowUp().getMessage() + (blown.size() == 1 ? "" : "; " +
            (blown.size() - 1) + " more " + (blown.size() == 2 ? "current" : "currents") + " blew up (" +
            text(blown.get(1).current()) + (blown.size() > 2 ? " to " + text(blown.get(blown.size() - 1).current()) :
            "") + ")") + note, blown.get(0).blowUpMs());
    }

    /** 2.5 as 2.5, 10 as 10 (not 10.0), 1e30 as Java writes it. */
    private static String text(final double x)
    {
        final double size = Math.abs(x);
        return x == 0 || size >= 1e-4 && size < 1e7 ?
            java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString() :
            org.izhsim.core.ShortestDecimal.typed(x);
    }

    /**
     * The response to {@code current} from its run's spike times, in the window [onset, end). With end = T the spike of
     * the step at T was counted too, and a neuron firing in every step went above 1/dt (1100 Hz at dt 1 over 10 ms).
     */
    static Point point(final double current, final double[] spikeTimes, final double onsetMs, final double endMs)
    {
        int count = 0;
        double first = Double.NaN;
        double previous = Double.NaN;
        double last = Double.NaN;
        for (final double t : spikeTimes)
        {
            if (t >= onsetMs && t < endMs)
            {
                if (count == 0)
                {
                    first = t;
                }
                previous = last;
                last = t;
                count++;
            }
        }
        return new Point(current, count, count * 1000.0 / (endMs - onsetMs), first - onsetMs,
            count >= 2 ? 1000.0 / (last - previous) : Double.NaN, null);
    }
}
