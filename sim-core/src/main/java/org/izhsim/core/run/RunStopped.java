package org.izhsim.core.run;

/**
 * A single-neuron run given up before its end because its caller asked it to stop ({@link SingleNeuronRun#run(RunSpec,
 * java.util.function.BooleanSupplier)}; Ctrl-C in {@code sim neuron}). No result exists: the trace of the part
 * simulated is dropped, not truncated (a copy of a long trace could need as much memory again).
 */
public final class RunStopped extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final double stoppedAtMs;
    private final double durationMs;

    RunStopped(final double stoppedAtMs, final double durationMs)
    {
        super("stopped at t = " + stoppedAtMs + " ms of " + durationMs + " ms", null, false, false);
        this.stoppedAtMs = stoppedAtMs;
        this.durationMs = durationMs;
    }

    /** @return the start of the first step not simulated, ms: the run got this far. */
    public double stoppedAtMs()
    {
        return stoppedAtMs;
    }

    /** @return the run's duration T, ms. */
    public double durationMs()
    {
        return durationMs;
    }
}
