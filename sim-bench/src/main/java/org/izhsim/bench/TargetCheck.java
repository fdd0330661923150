package org.izhsim.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The targets of issues 4, 10 and 12, each checked against this run's medians, and that all our runs of a network
 * fired the same spikes: a list that says met, not met, or not measured in this run (a --quick run measures no
 * sparse100k, a run without --peers no ratios to peers).
 */
final class TargetCheck
{
    private TargetCheck()
    {
    }

    static String markdown(final List<NetworkResult> networks)
    {
        final StringBuilder md = new StringBuilder("Targets (medians of this run):\n\n");
        rtf(md, networks, "cortex2003", 2, 0.005);
        rtf(md, networks, "sparse10k", 2, 0.08);
        rtf(md, networks, "sparse100k", 2, 1.0);
        for (final NetworkResult n : networks)
        {
            for (final PeerResult p : n.peers())
            {
                if (!p.ok() || p.peer().equals(SpnetPeer.NAME))
                {
                    continue;
                }
                final Optional<CaseResult> best = n.fastest();
                if (best.isEmpty())
                {
                    continue;
                }
                if (p.peer().equals(CBaselinePeer.NAME))
                {
                    final double same = n.ratio(p);
                    line(md, same >= 1.0, String.format(Locale.ROOT, "%s: our time <= the C baseline's at %d "
                        + "thread(s): C / ours = %s", n.name(), p.threads(), beside(same, 1.0, 2)), n.starved(p));
                }
                else
                {
                    final double same = n.ratio(p);
                    line(md, same >= 10.0, String.format(Locale.ROOT, "%s: >= 10x faster than Brian2 at %d thread(s): "
                        + "Brian2 / ours = %s", n.name(), p.threads(), beside(same, 10.0, 1)), n.starved(p));
                }
            }
        }
        spnet(md, networks);
        for (final NetworkResult n : networks)
        {
            sameSpikes(n).ifPresent(same -> line(md, same.met(), same.text()));
        }
        speedup(md, networks, "sparse100k", 1.7, "2 threads >= 1.7x faster than 1");
        speedup(md, networks, "cortex2003", 1.0, "2 threads not slower than 1");
        busy(md, networks);
        for (final NetworkResult n : networks)
        {
            if (n.name().equals("sparse100k"))
            {
                n.fastest().ifPresent(c ->
                {
                    final double build = c.spread(Sample::buildSeconds).median();
                    line(md, build <= 5.0 * c.synapses() / 1e8, String.format(Locale.ROOT,
                        "construction: %,d synapses in %.2f s (%d threads); target 10^8 in <= 5 s", c.synapses(), build,
                        c.threads()));
                });
            }
            n.fastest().ifPresent(c -> line(md, c.bytesPerSynapse() <= 8.0, String.format(Locale.ROOT,
                "%s: %.2f bytes per synapse of the matrix (target <= 8)", n.name(), c.bytesPerSynapse())));
            // The plastic synapses' whole cost beside it: "6.83 bytes per synapse (target <= 8)" read as spnet2006's
            // memory, met, where its plastic synapses take 14.95 (issue 10's goal: 12 with the derivative).
            n.fastest().filter(c -> c.plasticSynapses() > 0).ifPresent(c -> line(md, c.bytesPerPlasticSynapse() <= 12.0,
                String.format(Locale.ROOT, "%s: %.2f bytes per plastic synapse, the matrix's 6 and the rule's state " +
                "(target <= 12, issue 10)", n.name(), c.bytesPerPlasticSynapse())));
        }
        return md.toString();
    }

    /**
     * Issue 10: spnet2006 at 2 threads at least 2x faster than the spnet C loop, and faster at 1 thread; and the
     * two did the same work (the same steps from the same start: the same spike count at every thread count).
     */
    private static void spnet(final StringBuilder md, final List<NetworkResult> networks)
    {
        final Optional<NetworkResult> n = find(networks, "spnet2006");
        final Optional<PeerResult> c = n.flatMap(r -> r.peers().stream()
            .filter(p -> p.peer().equals(SpnetPeer.NAME) && p.ok()).findFirst());
        if (c.isEmpty())
        {
            md.append("- not measured in this run: spnet2006 against the spnet C loop (needs --peers and gcc)\n");
            return;
        }
        final PeerResult peer = c.get();
        for (final int threads : new int[] {2, 1})
        {
            final double target = threads == 2 ? 2.0 : 1.0;
            final Optional<CaseResult> ours = n.get().ours(threads);
            if (ours.isEmpty())
            {
                md.append(String.format(Locale.ROOT, "- not measured in this run: spnet2006 at %d thread(s) against the "
                    + "spnet C loop%n", threads));
                continue;
            }
            final double ratio = NetworkResult.ratio(peer, ours.get());
            line(md, ratio >= target, String.format(Locale.ROOT, "spnet2006: at %d thread(s) >= %sx faster than the "
                + "spnet C loop: C / ours = %s", threads, threads == 2 ? "2" : "1", beside(ratio, target, 2)),
                NetworkResult.starved(peer, ours.get()));
        }
        for (final CaseResult ours : n.get().ours())
        {
            final long spikes = (long)ours.spread(s -> s.spikes()).median();
            line(md, spikes == peer.spikes(), String.format(Locale.ROOT, "spnet2006: the same work as the C loop at %d "
                + "thread(s): %d spikes, C %d, over the same %d steps from the start", ours.threads(), spikes,
                peer.spikes(), peer.steps()));
        }
    }

    /**
     * Whether our runs of one network fired the same spikes: every repeat at every thread count, with and without
     * background load, measures the same steps of the same network, and the engine's spikes do not depend on the
     * thread count.
     *
     * @param counts the distinct spike counts, in the order first seen.
     * @param text   the target line without its verdict.
     */
    record SameSpikes(boolean met, List<Long> counts, String text)
    {
        SameSpikes
        {
            counts = List.copyOf(counts);
        }
    }

    /** Empty when no run of ours was measured. */
    static Optional<SameSpikes> sameSpikes(final NetworkResult n)
    {
        final List<CaseResult> cases = new ArrayList<>(n.ours());
        cases.addAll(n.loaded());
        final Set<Long> counts = new LinkedHashSet<>();
        final Set<Integer> threads = new LinkedHashSet<>();
        for (final CaseResult c : cases)
        {
            threads.add(c.threads());
            c.samples().forEach(s -> counts.add(s.spikes()));
        }
        if (counts.isEmpty())
        {
            return Optional.empty();
        }
        final String load = n.loaded().isEmpty() ? "" : ", alone and" + busy(n);
        if (counts.size() == 1)
        {
            return Optional.of(new SameSpikes(true, List.copyOf(counts), String.format(Locale.ROOT,
                "%s: the same %d spikes at %s, every repeat%s", n.name(), counts.iterator().next(),
                threadList(threads), load)));
        }
        final StringJoiner each = new StringJoiner("; ");
        for (int i = 0; i < cases.size(); i++)
        {
            final CaseResult c = cases.get(i);
            final StringJoiner repeats = new StringJoiner(", ");
            c.samples().forEach(s -> repeats.add(Long.toString(s.spikes())));
            each.add(String.format(Locale.ROOT, "%d thread%s%s %s", c.threads(), c.threads() == 1 ? "" : "s",
                i < n.ours().size() ? "" : busy(n), repeats));
        }
        return Optional.of(new SameSpikes(false, List.copyOf(counts), String.format(Locale.ROOT,
            "%s: the same spikes at %s, every repeat%s: %s", n.name(), threadList(threads), load, each)));
    }

    private static String busy(final NetworkResult n)
    {
        return String.format(Locale.ROOT, " with %d busy process%s", n.backgroundLoad(),
            n.backgroundLoad() == 1 ? "" : "es");
    }

    /** "1 thread", "1 and 2 threads", "1, 2 and 4 threads". */
    private static String threadList(final Set<Integer> threads)
    {
        final List<String> counts = threads.stream().map(String::valueOf).toList();
        final String last = counts.get(counts.size() - 1);
        final String list = counts.size() == 1 ? last :
            String.join(", ", counts.subList(0, counts.size() - 1)) + " and " + last;
        return list + (counts.size() == 1 && last.equals("1") ? " thread" : " threads");
    }

    private static void rtf(final StringBuilder md, final List<NetworkResult> networks, final String name,
        final int threads, final double target)
    {
        final Optional<CaseResult> c = find(networks, name).flatMap(n -> n.ours(threads));
        if (c.isEmpty())
        {
            md.append(String.format(Locale.ROOT, "- not measured in this run: %s RTF <= %s with %d threads%n", name,
                BenchReport.fmt(target), threads));
            return;
        }
        final double rtf = c.get().spread(Sample::realTimeFactor).median();
        line(md, rtf <= target, String.format(Locale.ROOT, "%s: RTF %s with %d threads (target <= %s, ratio %s)",
            name, besideRtf(rtf, target), threads, BenchReport.fmt(target), beside(rtf / target, 1.0, 2)));
    }

    private static void speedup(final StringBuilder md, final List<NetworkResult> networks, final String name,
        final double target, final String what)
    {
        final Optional<NetworkResult> n = find(networks, name);
        if (n.isEmpty() || n.get().ours(1).isEmpty() || n.get().ours(2).isEmpty())
        {
            md.append(String.format(Locale.ROOT, "- not measured in this run: %s: %s%n", name, what));
            return;
        }
        final double speedup = n.get().ours(1).get().spread(Sample::realTimeFactor).median() /
            n.get().ours(2).get().spread(Sample::realTimeFactor).median();
        line(md, speedup >= target, String.format(Locale.ROOT, "%s: %s: 1-thread time / 2-thread time = %s", name,
            what, beside(speedup, target, 2)));
    }

    /** Issue 12: with background load, 2 threads at most 10 % slower than 1 (measured only with --background-load). */
    private static void busy(final StringBuilder md, final List<NetworkResult> networks)
    {
        for (final NetworkResult n : networks)
        {
            if (n.loaded(1).isEmpty() || n.loaded(2).isEmpty())
            {
                continue;
            }
            final double ratio = n.loaded(2).get().spread(Sample::realTimeFactor).median() /
                n.loaded(1).get().spread(Sample::realTimeFactor).median();
            line(md, ratio <= 1.1, String.format(Locale.ROOT, "%s with %d busy process%s: 2 threads at most 10 %% "
                + "slower than 1: 2-thread time / 1-thread time = %s", n.name(), n.backgroundLoad(),
                n.backgroundLoad() == 1 ? "" : "es", beside(ratio, 1.1, 2)));
        }
    }

    /**
     * {@code value} with {@code decimals} decimals, or with more (up to 6) while so few would print it equal to the
     * {@code threshold} it is judged against, or on the threshold's other side: a verdict "NOT met" beside "ratio
     * 1.00" for a target of 1 reads as a contradiction (it was 1.001).
     */
    static String beside(final double value, final double threshold, final int decimals)
    {
        for (int d = decimals; ; d++)
        {
            final String shown = String.format(Locale.ROOT, "%." + d + "f", value);
            final double read = Double.parseDouble(shown);
            if (d >= 6 || value == threshold || Double.isNaN(value) ||
                Double.compare(read, threshold) == Double.compare(value, threshold))
            {
                return shown;
            }
        }
    }

    /** An RTF as the report prints it, or with 6 significant digits where that would print it equal to the target. */
    static String besideRtf(final double rtf, final double target)
    {
        final String shown = BenchReport.fmt(rtf);
        return rtf == target || !shown.equals(BenchReport.fmt(target)) ? shown : String.format(Locale.ROOT, "%.6g", rtf);
    }

    private static Optional<NetworkResult> find(final List<NetworkResult> networks, final String name)
    {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    private static void line(final StringBuilder md, final boolean met, final String text)
    {
        md.append(met ? "- met: " : "- NOT met: ").append(text).append('\n');
    }

    /** A comparison of times: neither met nor not met when a side was starved of CPU ({@code starved} says how). */
    private static void line(final StringBuilder md, final boolean met, final String text,
        final Optional<String> starved)
    {
        if (starved.isPresent())
        {
            md.append("- not judged: ").append(text).append("; ").append(starved.get()).append(String.format(Locale.ROOT,
                ", under %d %% of the cores it could use: the machine was busy, rerun when it is quiet%n",
                Math.round(NetworkResult.STARVED_SHARE * 100)));
            return;
        }
        line(md, met, text);
    }
}
