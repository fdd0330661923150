package org.izhsim.bench;

import java.util.List;

/**
 * One peer simulator's runs of one network at one thread count, or why there are none.
 *
 * @param peer         "c-baseline" or "brian2".
 * @param status       "ok", "not installed: ..." or "failed: ...": a missing peer never fails the benchmark.
 * @param runSeconds   the peer's own timing of its simulation loop, one entry per repeat.
 * @param buildSeconds the peer's own timing of its construction (excluded from runSeconds), per repeat.
 */
public record PeerResult(String peer, String network, int threads, String status, List<Double> runSeconds,
    List<Double> buildSeconds, long spikes, int steps)
{
    public PeerResult
    {
        runSeconds = List.copyOf(runSeconds);
        buildSeconds = List.copyOf(buildSeconds);
    }

    static PeerResult unavailable(final String peer, final String network, final int threads, final String status)
    {
        return new PeerResult(peer, network, threads, status, List.of(), List.of(), 0, 0);
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
}
