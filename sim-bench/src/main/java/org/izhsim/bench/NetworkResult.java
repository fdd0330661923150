package org.izhsim.bench;

import java.util.List;
import java.util.Optional;

/**
 * Everything measured on one network in one benchmark run: ours at each thread count, then the peers; and, with
 * {@code --background-load N}, ours again at each thread count while N busy processes ran ({@code loaded}).
 */
public record NetworkResult(String name, List<CaseResult> ours, List<PeerResult> peers, List<CaseResult> loaded,
    int backgroundLoad)
{
    public NetworkResult
    {
        ours = List.copyOf(ours);
        peers = List.copyOf(peers);
        loaded = List.copyOf(loaded);
    }

    /** Without background load. */
    public NetworkResult(final String name, final List<CaseResult> ours, final List<PeerResult> peers)
    {
        this(name, ours, peers, List.of(), 0);
    }

    /** Ours at this thread count while {@link #backgroundLoad} busy processes ran. */
    public Optional<CaseResult> loaded(final int threads)
    {
        return loaded.stream().filter(c -> c.threads() == threads).findFirst();
    }

    public Optional<CaseResult> ours(final int threads)
    {
        return ours.stream().filter(c -> c.threads() == threads).findFirst();
    }

    /** Our thread count with the lowest median real-time factor. */
    public Optional<CaseResult> fastest()
    {
        CaseResult best = null;
        for (final CaseResult c : ours)
        {
            if (best == null || c.spread(Sample::realTimeFactor).median() < best.spread(Sample::realTimeFactor).median())
            {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Peer time over our time at the same thread count (above 1: we are faster), or NaN. */
    public double ratio(final PeerResult peer)
    {
        return ours(peer.threads()).map(c -> ratio(peer, c)).orElse(Double.NaN);
    }

    public static double ratio(final PeerResult peer, final CaseResult ours)
    {
        if (!peer.ok())
        {
            return Double.NaN;
        }
        return peer.realTimeFactor().median() / ours.spread(Sample::realTimeFactor).median();
    }
}
