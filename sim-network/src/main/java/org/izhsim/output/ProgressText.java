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
     * @return simulated time per wall time: above 1 the run is faster than the biology.
     */
    static double realTimeFactor(final long steps, final double msPerStep, final long wallNanos)
    {
        return wallNanos <= 0 ? 0 : steps * msPerStep / (wallNanos / 1e6);
    }

    /**
     * Appends {@code speed} (simulated per wall time) and "x real time": two decimals, or two significant digits
     * below 0.01 (sparse1m at 1/258 of real time read "0x real time", beside a summary of "258.6x slower").
     */
    static StringBuilder appendSpeed(final StringBuilder out, final double speed)
    {
        int decimals = 2;
        if (speed > 0 && speed < 0.01)
        {
            decimals = Math.min(12, 1 - (int)Math.floor(Math.log10(speed)));
        }
        return org.izhsim.output.plot.DecimalText.appendRounded(out, speed, decimals).append("x real time");
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

