package org.izhsim.config;

import java.math.BigDecimal;

/**
 * The simulation's time step: converts times in ms to whole steps, so that a delay or duration that does
 * not fall on the grid is reported instead of silently rounded.
 */
final class TimeGrid
{
    // Relative slack for ms values such as 0.3 that are not exact in binary floating point, at most MAX_SLACK steps:
    // 1e-9 alone was half a step at 5 x 10^8 steps and took duration_ms 2000000000.5 for 2000000001 steps.
    private static final double TOLERANCE = 1e-9;
    private static final double MAX_SLACK = 1e-6;

    private final double dtMs;

    TimeGrid(final double dtMs)
    {
        this.dtMs = dtMs;
    }

    /**
     * @return true when dt divides 1 ms into a whole number of steps (1, 0.5, 0.25, 0.1 ...), so that
     *         per-ms quantities such as net.m's thalamic noise keep their meaning.
     */
    boolean dividesOneMillisecond()
    {
        return dtMs <= 1.0 && isWhole(1.0 / dtMs);
    }

    /**
     * @return {@code ms / dt} when it is a whole number, else -1. A positive time shorter than a step is not on the
     *         grid either: 1e-10 ms, within the tolerance of 0 steps, made a run of no step, a delay of 0 ms (both
     *         refused later without the key) and a rate bin of 0 steps (a stack trace after the whole run).
     */
    long steps(final double ms)
    {
        final double steps = ms / dtMs;
        final long whole = isWhole(steps) ? Math.round(steps) : -1L;
        return whole == 0 && ms > 0.0 ? -1L : whole;
    }

    /** @return dt (ms). */
    double dtMs()
    {
        return dtMs;
    }

    /**
     * @return dt as a short decimal for messages: {@code 1}, {@code 0.5}.
     */
    String dtText()
    {
        return BigDecimal.valueOf(dtMs).stripTrailingZeros().toPlainString();
    }

    private static boolean isWhole(final double value)
    {
        return Math.abs(value - Math.rint(value)) <= Math.min(TOLERANCE * Math.max(1.0, Math.abs(value)), MAX_SLACK);
    }
}
