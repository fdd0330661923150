package org.izhsim.core.stimulus;

/**
 * An injected current as a function of time. A run samples it once per step, at the step's start
 * {@code t_k = k*dt}, and holds the value over the step.
 * <p>
 * Implementations are immutable and pure: the same (t, step) always gives the same current, so runs
 * are reproducible and any number of runs may share one stimulus across threads.
 */
@FunctionalInterface
public interface Stimulus
{
    /**
     * @param tMs  the start of the step, ms.
     * @param step the step index k (t = k*dt); only noise uses it, to draw one sample per step.
     * @return the current at that step, in the model's current units (pA for the 2007 model).
     */
    double current(double tMs, long step);

    /**
     * @return the sum of this stimulus and {@code other}.
     */
    default Stimulus plus(final Stimulus other)
    {
        return new Sum(this, other);
    }
}
