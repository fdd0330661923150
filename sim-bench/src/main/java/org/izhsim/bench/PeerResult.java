package org.izhsim.bench;

import java.util.List;

/**
 * One peer simulator's runs of one network at one thread count, or why there are none.
 *
 * @param peer         "c-baseline", "brian2" or "c-spnet".
 * @param status       "ok", "not installed: ..." or "failed: ...": a missing peer never fails the benchmark.
 * @param runSeconds   the peer's own timing of its measured steps (wall time), one entry per repeat.
 * @param buildSeconds the peer's own timing of its construction (excluded from runSeconds), per repeat.
 * @param cpuSeconds   the peer process's CPU time (every thread) over its measured steps, per repeat: with
 *                     runSeconds, the CPU cores it was given, as "CPU cores used" is ours.
 * @param spikes       spikes in the measured steps (of the last repeat).
 * @param firstStep    the first measured step: the peer ran steps 0 .. firstStep - 1 unmeasured, as ours (its
 *                     --warmup), so that both measure the same steps.
 * @param steps        measured steps.
 */
public record PeerResult(String peer, String network, int threads, String status, List<Double> runSeconds,
    List<Double> buildSeconds, List<Double> cpuSeconds, long spikes, int firstStep, int steps)
{
    public PeerResult
    {
        runSeconds = List.copyOf(runSeconds);
        buildSeconds = List.copyOf(buildSeconds);
        cpuSeconds = List.copyOf(cpuSeconds);
    }

    static PeerResult unavailable(final String peer, final String network, final int threads, final String status)
    {
        return new PeerResult(peer, network, threads, status, List.of(), List.of(), List.of(), 0, 0, 0);
    }

    public boolean ok()
    {
        return "ok".equals(status);
    }

    public Spread realTimeFactor()
    {
        return Spread.of(runSeconds.stream().mapToDouble(s -> s / (steps * 1e-3)).toArray());
    }

    public Spread build()
    {
        return Spread.of(buildSeconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** CPU time over wall time of the measured steps, per repeat: about the thread count when it had the cores. */
    public Spread cpuCores()
    {
        final double[] cores = new double[Math.min(cpuSeconds.size(), runSeconds.size())];
        for (int i = 0; i < cores.length; i++)
        {
            cores[i] = cpuSeconds.get(i) / runSeconds.get(i);
        }
        return Spread.of(cores);
    }
}
