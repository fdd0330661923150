package org.izhsim.core.run;

import static org.izhsim.core.ShortestDecimal.typed;

import java.util.Objects;

import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;
import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.stimulus.Stimulus;

/**
 * Everything a single-neuron run needs. Validated on construction; the messages name the CLI options
 * ({@code --dt}, {@code --duration}, {@code --v0}, {@code --u0}) because that is where the values come from.
 *
 * @param model      the neuron.
 * @param method     the integration scheme.
 * @param dtMs       the fixed step, ms, {@link #MIN_DT_MS} &lt;= dt &lt;= duration.
 * @param durationMs the simulated time T, ms; the run takes floor(T/dt) + 1 steps (t = 0, dt, ..., at most T), as
 *                   MATLAB's {@code 0:dt:T}.
 * @param v0         initial membrane potential, mV.
 * @param u0         initial recovery variable.
 * @param stimulus   the injected current.
 */
public record RunSpec(
    NeuronModel model, Method method, double dtMs, double durationMs, double v0, double u0, Stimulus stimulus)
{
    /** Largest number of steps a run accepts: the trace arrays are indexed by int. */
    public static final long MAX_STEPS = Integer.MAX_VALUE - 16;

    /**
     * Smallest step a run accepts, 1e-9 ms (a picosecond; the models' time scale is the ms): --dt 4.9e-324 (a
     * subnormal double) ran, and its times k dt were rounding noise that the figure's time axis could not divide
     * (a stack trace from the tick maker).
     */
    public static final double MIN_DT_MS = 1e-9;

    public RunSpec
    {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(stimulus, "stimulus");
        if (!(dtMs > 0.0) || Double.isInfinite(dtMs))
        {
            throw new InputException("--dt must be a positive number of ms, got " +
                typed(dtMs));
        }
        if (dtMs < MIN_DT_MS)
        {
            throw new InputException("--dt must be at least 1e-9 ms (a picosecond; a smaller step has times that are " +
                "rounding noise), got " + typed(dtMs));
        }
        if (!(durationMs > 0.0) || Double.isInfinite(durationMs))
        {
            throw new InputException("--duration must be a positive number of ms, got " +
                typed(durationMs));
        }
        if (dtMs > durationMs)
        {
            throw new InputException("--dt (" + dtMs + " ms) must not exceed --duration (" + durationMs + " ms)");
        }
        if (intervals(durationMs, dtMs) + 1 > MAX_STEPS)
        {
            throw new InputException("--duration / --dt gives " + intervals(durationMs, dtMs) +
                " steps, more than a run can hold (" + MAX_STEPS + ")");
        }
        if (!Double.isFinite(v0))
        {
            throw new InputException("--v0 must be a finite number of mV, got " + v0);
        }
        if (!Double.isFinite(u0))
        {
            throw new InputException("--u0 must be a finite number, got " + u0);
        }
    }

    /**
     * @return a run from the model's default state: v0 = {@link NeuronModel#defaultV0()} (-65 mV for the
     * 2003 model) and u0 = {@link NeuronModel#defaultU0} (b*v0), as in the 2003 network code.
     */
    public static RunSpec of(
        final NeuronModel model, final Method method, final double dtMs, final double durationMs, final Stimulus stimulus)
    {
        // Named as the constructor names it: the JVM's "Cannot invoke ... because model is null" came first.
        final double v0 = Objects.requireNonNull(model, "model").defaultV0();
        return new RunSpec(model, method, dtMs, durationMs, v0, model.defaultU0(v0), stimulus);
    }

    /**
     * @return the number of steps, floor(T/dt) + 1, as MATLAB's {@code 0:dt:T}: the times 0, dt, ... up to T, never
     * past it (round(T/dt) ran {@code --dt 0.6 --duration 1} to 1.2 ms). T/dt within 1e-9 below a whole number
     * counts as it, as the colon operator's tolerance makes {@code 0:0.1:0.3} end at 0.3.
     */
    public int steps()
    {
        return (int)intervals(durationMs, dtMs) + 1;
    }

    /**
     * floor(T/dt), with T/dt within a rounding error below a whole number taken as that number (1 / 0.1 is
     * 9.999999999999998): 1e-9 of T/dt, at most 1e-6, for 1e-9 of T/dt alone was a whole step from 10^9 steps on.
     */
    private static long intervals(final double durationMs, final double dtMs)
    {
        final double q = durationMs / dtMs;
        return (long)Math.floor(q + Math.min(1e-9 * Math.max(1, q), 1e-6));
    }

    public RunSpec withModel(final NeuronModel model)
    {
        return new RunSpec(model, method, dtMs, durationMs, v0, u0, stimulus);
    }

    public RunSpec withMethod(final Method method)
    {
        return new RunSpec(model, method, dtMs, durationMs, v0, u0, stimulus);
    }

    public RunSpec withDt(final double dtMs)
    {
        return new RunSpec(model, method, dtMs, durationMs, v0, u0, stimulus);
    }

    public RunSpec withDuration(final double durationMs)
    {
        return new RunSpec(model, method, dtMs, durationMs, v0, u0, stimulus);
    }

    /**
     * Both the step and the duration at once, checked against each other: withDt then withDuration checked the new dt
     * against the old duration ({@code --dt 200 --duration 400} was refused as exceeding the preset's 150 ms).
     */
    public RunSpec withTiming(final double dtMs, final double durationMs)
    {
        return new RunSpec(model, method, dtMs, durationMs, v0, u0, stimulus);
    }

    public RunSpec withInitialState(final double v0, final double u0)
    {
        return new RunSpec(model, method, dtMs, durationMs, v0, u0, stimulus);
    }

    public RunSpec withStimulus(final Stimulus stimulus)
    {
        return new RunSpec(model, method, dtMs, durationMs, v0, u0, stimulus);
    }
}
