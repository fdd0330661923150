package org.izhsim.core.run;

import java.math.BigDecimal;

/**
 * The time of step k as the user wrote dt: the double nearest to the decimal k x dt. {@code k * dt} in binary is not
 * that number when dt has no exact binary form (dt = 0.1: step 237 is 23.700000000000003), and the recorded times,
 * spikes.csv and the printed spike times showed it.
 * <p>
 * dt's decimal is its shortest form ({@link org.izhsim.core.ShortestDecimal}, as Double.toString gives it from JDK 19 on); with s decimal places, dt = n / 10^s exactly, and
 * (k n) / 10^s is one correctly rounded division of two exact doubles while k n stays below 2^53. Otherwise (s above
 * 15, or a step count beyond that) it is {@code k * dt}. The run's arithmetic (the stimulus's t_k) keeps
 * {@code k * dt}: only what is recorded changes, by at most a few units in the last place.
 */
final class StepTimes
{
    private static final long EXACT_LIMIT = 1L << 53;
    private final double dt;
    private final long dtUnits;
    private final double unitsPerMs;

    StepTimes(final double dt)
    {
        this.dt = dt;
        final BigDecimal decimal = new BigDecimal(org.izhsim.core.ShortestDecimal.of(dt)).stripTrailingZeros();
        final int places = Math.max(0, decimal.scale());
        final BigDecimal units = decimal.movePointRight(places);
        if (places <= 15 && units.compareTo(BigDecimal.valueOf(EXACT_LIMIT)) < 0)
        {
            this.dtUnits = units.longValueExact();
            this.unitsPerMs = BigDecimal.TEN.pow(places).doubleValue();
        }
        else
        {
            this.dtUnits = 0;
            this.unitsPerMs = 0;
        }
    }

    /** The time of step {@code k} (ms). */
    double at(final long k)
    {
        if (dtUnits == 0 || k >= EXACT_LIMIT / dtUnits)
        {
            return k * dt;
        }
        return (k * dtUnits) / unitsPerMs;
    }
}
