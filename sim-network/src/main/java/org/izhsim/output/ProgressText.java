package org.izhsim.output;

/**
 * Progress arithmetic and text shared by the printing progress reporters.
 */
final class ProgressText
{
    private ProgressText()
    {
    }

    /**
     * @return simulated time per wall time (the inverse of the real-time factor): above 1 the run is faster than the
     *         biology.
     */
    static double speed(final long steps, final double msPerStep, final long wallNanos)
    {
        return wallNanos <= 0 ? 0 : steps * msPerStep / (wallNanos / 1e6);
    }

    /**
     * Appends {@code speed} (simulated per wall time) as the run's summary line words it: "3.51x faster than real
     * time", "2.71x slower than real time" (two decimals below 10x, one above). The lines said "0.37x real time"
     * (the speed) beside a summary of "2.71x slower than real time" and a real-time factor of 2.71, which a reader
     * took for the same number. A speed of 0 (no step or no wall time yet) appends "no speed yet".
     */
    static StringBuilder appendSpeed(final StringBuilder out, final double speed)
    {
        if (!(speed > 0) || Double.isInfinite(speed))
        {
            return out.append("no speed yet");
        }
        final double ratio = speed >= 1 ? speed : 1 / speed;
        if (ratio < 1.005)
        {
            // A --realtime run: "1x slower than real time" said of a run on time.
            return out.append("at real time");
        }
        org.izhsim.output.plot.DecimalText.appendRounded(out, ratio, ratio < 10 ? 2 : 1);
        return out.append(speed >= 1 ? "x faster than real time" : "x slower than real time");
    }

    /**
     * Appends a duration as {@code m:ss} or {@code h:mm:ss}.
     */
    static StringBuilder appendDuration(final StringBuilder out, final long nanos)
    {
        final long seconds = Math.max(0, Math.round(nanos / 1e9));
        final long hours = seconds / 3600;
        final long minutes = seconds / 60 % 60;
        if (hours > 0)
        {
            out.append(hours).append(':');
            twoDigits(out, minutes);
        }
        else
        {
            out.append(minutes);
        }
        out.append(':');
        return twoDigits(out, seconds % 60);
    }

    /**
     * @return estimated remaining wall time, extrapolating the average speed so far.
     */
    static long remainingNanos(final long done, final long total, final long wallNanos)
    {
        return done <= 0 ? 0 : (long)((double)wallNanos * (total - done) / done);
    }

    private static StringBuilder twoDigits(final StringBuilder out, final long value)
    {
        return out.append(value < 10 ? "0" : "").append(value);
    }
}

