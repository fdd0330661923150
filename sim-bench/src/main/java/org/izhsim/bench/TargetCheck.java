package org.izhsim.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets of issue 4, each checked against this run's medians: a list that says met, not met, or not
 * measured in this run (a --quick run measures no sparse100k, a run without --peers no ratios to peers).
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
                if (!p.ok())
                {
                    continue;
                }
                final Optional<CaseResult> best = n.fastest();
                if (best.isEmpty())
                {
                    continue;
                }
                final double ratio = NetworkResult.ratio(p, best.get());
                if (p.peer().equals(CBaselinePeer.NAME))
                {
                    line(md, ratio >= 1.0, String.format(Locale.ROOT, "%s: our time <= the C baseline's: C / ours "
                        + "(ours at %d threads) = %.2f", n.name(), best.get().threads(), ratio));
                }
                else
                {
                    final double same = n.ratio(p);
                    line(md, same >= 10.0, String.format(Locale.ROOT, "%s: >= 10x faster than Brian2 at %d thread(s): "
                        + "Brian2 / ours = %.1f", n.name(), p.threads(), same));
                }
            }
        }
        speedup(md, networks, "sparse100k", 1.7, "2 threads >= 1.7x faster than 1");
        speedup(md, networks, "cortex2003", 1.0, "2 threads not slower than 1");
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
                "%s: %.2f bytes per synapse (target <= 8)", n.name(), c.bytesPerSynapse())));
        }
        return md.toString();
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
        line(md, rtf <= target, String.format(Locale.ROOT, "%s: RTF %s with %d threads (target <= %s, ratio %.2f)",
            name, BenchReport.fmt(rtf), threads, BenchReport.fmt(target), rtf / target));
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
        line(md, speedup >= target, String.format(Locale.ROOT, "%s: %s: 1-thread time / 2-thread time = %.2f", name,
            what, speedup));
    }

    private static Optional<NetworkResult> find(final List<NetworkResult> networks, final String name)
    {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    private static void line(final StringBuilder md, final boolean met, final String text)
    {
        md.append(met ? "- met: " : "- NOT met: ").append(text).append('\n');
    }
}
