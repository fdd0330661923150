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

    /**
     * The share of the cores a side could use below which it counts as starved: a peer could use one core per
     * thread (OpenMP's threads wait at each step's barrier spinning, so a peer given its cores shows about its thread
     * count); ours one core at least (its engine may run fewer workers than asked, by its own choice, and showed 0.98 at
     * 2 threads on cortex2003 with the machine to itself).
     */
    static final double STARVED_SHARE = 0.75;

    /** {@link #starved(PeerResult, CaseResult)} against ours at the peer's thread count; empty if we have none. */
    public Optional<String> starved(final PeerResult peer)
    {
        return ours(peer.threads()).flatMap(c -> starved(peer, c));
    }

    /**
     * Why the peer's time set against ours says nothing of the two programs, or empty: either side was given far less
     * CPU than it could use (under {@link #STARVED_SHARE} of it), as on a busy machine; the text says who got what. A 2-thread C run that got a fraction of its cores took 10.4 s per
     * simulated second against 0.267 at 1 thread, and was reported as "met: C / ours = 75.09".
     */
    public static Optional<String> starved(final PeerResult peer, final CaseResult ours)
    {
        final java.util.List<String> why = new java.util.ArrayList<>();
        final double peerCores = peer.cpuCores().median();
        final int peerCould = Math.min(peer.threads(), org.izhsim.output.HostInfo.cores());
        if (peerCores < STARVED_SHARE * peerCould)
        {
            why.add(String.format(java.util.Locale.ROOT, "%s got %.2f CPU cores for its %d thread%s", peer.peer(),
                peerCores, peer.threads(), peer.threads() == 1 ? "" : "s"));
        }
        final double ourCores = ours.spread(Sample::cpuCores).median();
        if (ourCores < STARVED_SHARE)
        {
            why.add(String.format(java.util.Locale.ROOT, "izhsim got %.2f CPU cores at %d thread%s", ourCores,
                ours.threads(), ours.threads() == 1 ? "" : "s"));
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", why));
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
