package org.izhsim.core.run;

import static org.izhsim.core.ShortestDecimal.typed;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Integrator;
import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.model.NeuronState;
import org.izhsim.core.stimulus.Stimulus;

/**
 * Runs one neuron with the convention of Izhikevich's figure1.m (2004), used for every model and method:
 * <pre>
 *   for k = 0 .. floor(T/dt)                  (MATLAB: for t = 0:tau:T, inclusive)
 *       t_k = k*dt,  I_k = stimulus(t_k)
 *       advance (v, u) over one step with I_k
 *       if v reached the cutoff:  spike at t_k; trace v = cutoff; v, u &lt;- reset
 *       row k = (t_k, v, u, I_k)
 * </pre>
 * A spike is stamped with the START of the step in which v reached the cutoff, not its end t_k + dt and
 * not an interpolated crossing: this is what the published figures plot (VV(k) = 30 at tspan(k)). Spike
 * times therefore lie on the dt grid and shift by up to dt when dt changes.
 * <p>
 * Double precision, no allocation inside the step loop (the spike buffer grows geometrically). A state that
 * turns infinite or NaN (an unstable dt for the chosen method) stops the run with an {@link InputException} naming
 * {@code --dt}. Not thread-safe per call, but calls share nothing: run many in parallel freely.
 */
public final class SingleNeuronRun
{
    private SingleNeuronRun()
    {
    }

    /** The trace's bytes per step: t, v, u and I as doubles. */
    public static final int TRACE_BYTES_PER_STEP = 4 * Double.BYTES;

    /**
     * Refuses, before anything is allocated, a run whose trace would take more than half of {@code maxHeapBytes}:
     * a Java caller's long run ended in an OutOfMemoryError (the command line checks first, naming its options).
     */
    static void requireTraceFits(final long steps, final long maxHeapBytes)
    {
        final double bytes = (double)steps * TRACE_BYTES_PER_STEP;
        if (!traceFits(steps, maxHeapBytes))
        {
            throw new InputException(String.format(java.util.Locale.ROOT, "a run of %d steps records a trace of " +
                "%.4g MB (t, v, u and I, %d bytes a step), more than half of the JVM's maximum heap (%.4g MB): " +
                "shorten the duration, raise dt, or give the JVM more heap", steps, bytes / 1e6, TRACE_BYTES_PER_STEP,
                maxHeapBytes / 1e6));
        }
    }
    /** Steps between two looks at the stop request: 65,536, a few ms of the slowest scheme, nothing per step. */
    private static final int STOP_CHECK_MASK = (1 << 16) - 1;
    /** A v or u whose size (mV, or pA for the 2007 model's u) no neuron of either model reaches in its range. */
    private static final double FAR_OUT_OF_RANGE = 1e6;

    /** Whether a trace of {@code steps} steps takes at most half of {@code maxHeapBytes}, what a run may use. */
    public static boolean traceFits(final double steps, final long maxHeapBytes)
    {
        return steps * TRACE_BYTES_PER_STEP <= maxHeapBytes / 2.0;
    }

    public static RunResult run(final RunSpec spec)
    {
        return run(spec, () -> false);
    }

    /**
     * As {@link #run(RunSpec)}, looking at {@code stopRequested} before the first step and every 65,536 steps after.
     *
     * @param stopRequested true once the run should end (read from this thread; set from any, e.g. a signal handler).
     * @throws RunStopped when it returned true: the run is given up, with how far it got.
     */
    public static RunResult run(final RunSpec spec, final BooleanSupplier stopRequested)
    {
        requireTraceFits(spec.steps(), Runtime.getRuntime().maxMemory());
        return run(spec, stopRequested, true);
    }

    /**
     * As {@link #run(RunSpec, BooleanSupplier)}, keeping the spike times alone: the result's trace arrays are empty.
     * An f-I curve reads nothing else, and a long run's trace (32 bytes a step) held gigabytes it never wrote.
     */
    public static RunResult spikesOnly(final RunSpec spec, final BooleanSupplier stopRequested)
    {
        return run(spec, stopRequested, false);
    }

    private static RunResult run(final RunSpec spec, final BooleanSupplier stopRequested, final boolean trace)
    {
        final NeuronModel model = spec.model();
        final Integrator integrator = spec.method().integrator();
        final Stimulus stimulus = spec.stimulus();
        final double dt = spec.dtMs();
        final int steps = spec.steps();
        final int kept = trace ? steps : 0;

        final double[] t = new double[kept];
        final double[] v = new double[kept];
        final double[] u = new double[kept];
        final double[] i = new double[kept];
        double[] spikes = new double[16];
        int spikeCount = 0;

        final NeuronState state = new NeuronState(spec.v0(), spec.u0());
        final StepTimes times = new StepTimes(dt);
        // Only forward Euler's step is the one whose overshoot the bound describes.
        final double overshoot = spec.method() == org.izhsim.core.integrate.Method.EULER ?
            model.eulerOvershootBelow(dt) : Double.NEGATIVE_INFINITY;
        double overshootAt = Double.NaN;
        double overshootV = Double.NaN;
        double largestCurrent = 0;
        // The step in which the state first went far out of range, and what it stepped from: an unstable dt grows u
        // over many steps while v is reset each one, so by the overflow the state had left the range long before
        // (RS under rk4 at dt 2: "the current, a parameter or the start state" was blamed, not dt).
        double leftAt = Double.NaN;
        double leftFromV = Double.NaN;
        double leftFromU = Double.NaN;
        double leftWithI = Double.NaN;
        for (int k = 0; k < steps; k++)
        {
            final double tk = k * dt;
            if ((k & STOP_CHECK_MASK) == 0 && stopRequested.getAsBoolean())
            {
                throw new RunStopped(tk, spec.durationMs());
            }
            final double current = stimulus.current(tk, k);
            largestCurrent = Math.max(largestCurrent, Math.abs(current));
            final double vBefore = state.v;
            final double uBefore = state.u;
            if (vBefore < overshoot && overshootAt != overshootAt)
            {
                overshootAt = times.at(k);
                overshootV = vBefore;
            }
            integrator.step(model, state, current, dt);
            // Before the reset too: a v that overflowed to infinity was taken for a spike and reset to c (the 2007 RS
            // cell from --v0 -1e300 ran on, exit 0); the network reports it as a blow-up, never a spike.
            final boolean overflowed = !Double.isFinite(state.v) || !Double.isFinite(state.u);

            double vTrace = state.v;
            if (!overflowed && model.reachedPeak(state.v, state.u))
            {
                if (spikeCount == spikes.length)
                {
                    spikes = Arrays.copyOf(spikes, spikeCount * 2);
                }
                spikes[spikeCount++] = times.at(k);
                vTrace = model.peak(state.u);
                final double uAtSpike = state.u;
                state.v = model.resetV(uAtSpike);
                state.u = model.resetU(uAtSpike);
            }
            if (leftAt != leftAt && Math.abs(vBefore) < FAR_OUT_OF_RANGE && Math.abs(uBefore) < FAR_OUT_OF_RANGE &&
                !(Math.abs(state.v) < FAR_OUT_OF_RANGE && Math.abs(state.u) < FAR_OUT_OF_RANGE))
            {
                leftAt = tk;
                leftFromV = vBefore;
                leftFromU = uBefore;
                leftWithI = current;
            }
            if (overflowed || !Double.isFinite(state.v) || !Double.isFinite(state.u))
            {
                // The start of the step tells an unstable dt from a start state or current beyond the model's range.
                // The start state out of range, whatever step it overflowed in (--u0 1e300 overflowed in the second).
                if (!(Math.abs(spec.v0()) < FAR_OUT_OF_RANGE) || !(Math.abs(spec.u0()) < FAR_OUT_OF_RANGE))
                {
                    throw new StateDiverged("numerical blow-up at t = " + tk + " ms: the start state (v = " +
                        typed(spec.v0()) + ", u = " + typed(spec.u0()) + ") is beyond the model's range, or a " +
                        "parameter is", tk);
                }
                if (!(Math.abs(vBefore) < FAR_OUT_OF_RANGE) || !(Math.abs(uBefore) < FAR_OUT_OF_RANGE))
                {
                    // Left long before (a current of 1e30 that had ended): the step's I = 0 and dt were blamed. Named
                    // by the step that left the range: its current when that is far out, else dt as the next branch.
                    final String left = "numerical blow-up at t = " + tk + " ms: the state had left the model's " +
                        "range before this step (v = " + typed(vBefore) + ", u = " + typed(uBefore) + "), at t = " +
                        typed(leftAt) + " ms stepping from v = " + typed(leftFromV) + ", u = " + typed(leftFromU) +
                        " with I = " + typed(leftWithI) + ": ";
                    throw new StateDiverged(left + (Math.abs(leftWithI) >= FAR_OUT_OF_RANGE ? "the current is " +
                        "beyond the model's range (the largest |I| so far " + typed(largestCurrent) + ")" :
                        "--dt " + typed(dt) + " ms is too large for --method " + spec.method() + ", or a parameter, " +
                        "the start state or the current is beyond the model's range"), tk);
                }
                throw new StateDiverged("numerical blow-up at t = " + tk + " ms: the state diverged stepping from v = " +
                    vBefore + ", u = " + uBefore + " with I = " + current + " to v = " + state.v + ", u = " + state.u +
                    "; --dt " + dt + " ms is too large for --method " + spec.method() + ", or a parameter, the start " +
                    "state or the current is beyond the model's range", tk);
            }
            if (trace)
            {
                t[k] = times.at(k);
                v[k] = vTrace;
                u[k] = state.u;
                i[k] = current;
            }
        }
        return new RunResult(t, v, u, i, Arrays.copyOf(spikes, spikeCount), spec.durationMs(), overshootAt, overshootV);
    }
}
