package org.izhsim.core.run;

/**
 * The trace and spikes of one single-neuron run. Row k of the trace is
 * {@code (t[k], v[k], u[k], i[k])}: t_k = k*dt, the state after step k (v clipped to the cutoff on a
 * spike step, u after the reset), and the current I_k applied during the step. Note that v[k] and u[k]
 * are the state at the END of step k, t_k + dt, shown at t_k as figure1.m plots VV against tspan; use
 * t[k] + dt when comparing states across different dt. The arrays are owned by
 * the result and exposed for speed; do not modify them.
 */
public final class RunResult
{
    private final double[] t;
    private final double[] v;
    private final double[] u;
    private final double[] i;
    private final double[] spikeTimes;
    private final double durationMs;
    private final double overshootAtMs;
    private final double overshootV;

    RunResult(
        final double[] t, final double[] v, final double[] u, final double[] i,
        final double[] spikeTimes, final double durationMs)
    {
        this(t, v, u, i, spikeTimes, durationMs, Double.NaN, Double.NaN);
    }

    RunResult(
        final double[] t, final double[] v, final double[] u, final double[] i,
        final double[] spikeTimes, final double durationMs, final double overshootAtMs, final double overshootV)
    {
        this.overshootAtMs = overshootAtMs;
        this.overshootV = overshootV;
        this.t = t;
        this.v = v;
        this.u = u;
        this.i = i;
        this.spikeTimes = spikeTimes;
        this.durationMs = durationMs;
    }

    /**
     * @return the start of the first forward-Euler step taken from below the model's {@link
     * org.izhsim.core.model.NeuronModel#eulerOvershootBelow}, where the step overshoots the rest point, ms; NaN if
     * none (or the method is not forward Euler).
     */
    public double overshootAtMs()
    {
        return overshootAtMs;
    }

    /** @return v at the start of that step, mV; NaN if none. */
    public double overshootV()
    {
        return overshootV;
    }

    /** @return step start times t_k = k*dt, ms. */
    public double[] t()
    {
        return t;
    }

    /** @return v after each step, clipped to the cutoff on spike steps, mV. */
    public double[] v()
    {
        return v;
    }

    /** @return u after each step and its reset. */
    public double[] u()
    {
        return u;
    }

    /** @return the current applied during each step. */
    public double[] i()
    {
        return i;
    }

    /**
     * @return the applied current of largest magnitude, sign kept (0 for none): the drive at which plots draw
     *         the v-nullcline, where the stimulus pushes the neuron hardest.
     */
    public double strongestCurrent()
    {
        double strongest = 0.0;
        for (final double value : i)
        {
            if (Math.abs(value) > Math.abs(strongest))
            {
                strongest = value;
            }
        }
        return strongest;
    }

    /**
     * @return the current of the phase plane's second, dashed v-nullcline (neuron.png and the explorer alike): the
     *         {@link #heldCurrent() held current} when it is one and not the {@link #strongestCurrent() strongest},
     *         whose nullcline is drawn anyway; else NaN.
     */
    public double secondNullclineCurrent()
    {
        final double held = heldCurrent();
        return Double.isFinite(held) && held != strongestCurrent() ? held : Double.NaN;
    }

    /**
     * @return the current applied in the most steps when it is applied in more than a quarter of them (the resting
     *         current between a protocol's pulses: 0 for the resonator, which oscillates there), else NaN (noise,
     *         ramps). Misra-Gries with three counters finds every value above a quarter in one pass; a second
     *         pass counts them exactly. Nothing is allocated.
     */
    public double heldCurrent()
    {
        final double[] candidate = new double[3];
        final long[] weight = new long[3];
        for (final double value : i)
        {
            int slot = -1;
            for (int c = 0; c < 3; c++)
            {
                if (weight[c] > 0 && Double.compare(candidate[c], value) == 0)
                {
                    slot = c;
                }
            }
            if (slot < 0)
            {
                for (int c = 0; c < 3 && slot < 0; c++)
                {
                    if (weight[c] == 0)
                    {
                        candidate[c] = value;
                        slot = c;
                    }
                }
            }
            if (slot >= 0)
            {
                weight[slot]++;
            }
            else
            {
                for (int c = 0; c < 3; c++)
                {
                    weight[c]--;
                }
            }
        }
        double held = Double.NaN;
        long most = 0;
        for (int c = 0; c < 3; c++)
        {
            if (weight[c] > 0)
            {
                long count = 0;
                for (final double value : i)
                {
                    count += Double.compare(candidate[c], value) == 0 ? 1 : 0;
                }
                if (count > most)
                {
                    most = count;
                    held = candidate[c];
                }
            }
        }
        return 4 * most > i.length ? held : Double.NaN;
    }

    /** @return spike times (the start t_k of each step in which v reached the cutoff), ascending, ms. */
    public double[] spikeTimes()
    {
        return spikeTimes;
    }

    /** @return the simulated time T, ms. */
    public double durationMs()
    {
        return durationMs;
    }

    public int steps()
    {
        return t.length;
    }

    public int spikeCount()
    {
        return spikeTimes.length;
    }

    /** @return the first spike time, ms, or NaN if the neuron did not fire. */
    public double firstSpikeMs()
    {
        return spikeTimes.length == 0 ? Double.NaN : spikeTimes[0];
    }

    /**
     * @return the mean rate over the whole run: the spikes with t &lt; T over T, in Hz (T = the run's duration; the
     * stimulus is defined over all of it). The run's last step, at t = T, starts the interval after T: counted, its
     * spike made a neuron firing in every step exceed 1/dt (601 spikes in 150 ms at dt 0.25, "4006.67 Hz", beside a
     * warning of 4000 Hz).
     */
    public double meanRateHz()
    {
        return countSpikes(Double.NEGATIVE_INFINITY, durationMs) * 1000.0 / durationMs;
    }

    /**
     * @return the rate over the window [fromMs, toMs): spikes with from &lt;= t &lt; to, divided by
     * (to - from), in Hz.
     */
    public double rateHz(final double fromMs, final double toMs)
    {
        if (!(toMs > fromMs))
        {
            throw new IllegalArgumentException("empty window [" + fromMs + ", " + toMs + ")");
        }
        return countSpikes(fromMs, toMs) * 1000.0 / (toMs - fromMs);
    }

    /** @return the number of spikes with from &lt;= t &lt; to. */
    public int countSpikes(final double fromMs, final double toMs)
    {
        int count = 0;
        for (final double spike : spikeTimes)
        {
            if (spike >= fromMs && spike < toMs)
            {
                count++;
            }
        }
        return count;
    }

    /** @return the intervals between successive spikes, ms (length spikeCount - 1, or 0). */
    public double[] interSpikeIntervals()
    {
        final int n = Math.max(0, spikeTimes.length - 1);
        final double[] isi = new double[n];
        for (int k = 0; k < n; k++)
        {
            isi[k] = spikeTimes[k + 1] - spikeTimes[k];
        }
        return isi;
    }
}
