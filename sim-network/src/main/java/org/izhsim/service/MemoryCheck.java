package org.izhsim.service;

import java.io.PrintWriter;
import java.util.Locale;

import org.izhsim.core.InputException;
import org.izhsim.network.build.MemoryEstimate;
import org.izhsim.output.HostInfo;

/**
 * The memory check shared by {@code sim validate}, {@code sim run} and the explorer's network runs: prints a
 * plan's memory estimate and refuses, before anything is built or written, a network that would not fit this
 * JVM's heap, with the way out. Refusing takes the time of planning (no work per neuron or synapse) instead
 * of minutes of building that end in an OutOfMemoryError.
 */
public final class MemoryCheck
{
    private MemoryCheck()
    {
    }

    /** The headroom beside an estimate: 1/20 of it. */
    static final int HEADROOM_DIVISOR = 20;

    /**
     * @param estimate the plan's estimate for the run.
     * @param copies   networks alive at once (2 while a JIT warm-up copy runs beside the real one).
     * @param out      where the estimate is printed; null to print nothing.
     * @throws InputException when the estimate and its headroom exceed {@link HostInfo#availableHeapBytes()}.
     */

    public static void require(final String name, final MemoryEstimate estimate, final int copies,
        final PrintWriter out)
    {
        require(name, estimate, copies, out, null);
    }

    /**
     * As {@link #require(String, MemoryEstimate, int, PrintWriter)} for one MPI rank's share of a partitioned
     * run, which each rank checks against its own heap.
     *
     * @param rank "rank R of N", named in the line printed and in the refusal; null in a single process.
     */
    public static void require(final String name, final MemoryEstimate estimate, final int copies,
        final PrintWriter out, final String rank)
    {
        final String whose = rank == null ? "" : " (" + rank + "'s share)";
        final long needed = estimate.total() + (copies - 1) * estimate.network();
        final long available = HostInfo.availableHeapBytes();
        final String heap = MemoryEstimate.bytes(Runtime.getRuntime().maxMemory());
        if (out != null)
        {
            out.printf(Locale.ROOT, "%s: memory estimate%s %s%s; heap limit %s%n", name, whose, estimate.describe(),
                copies > 1 ? ", twice the network with the warm-up copy" : "", heap);
            out.flush();
        }
        // The estimate with 1/20 more: room for the collector and for what the estimate leaves out. A plastic network
        // estimated at 102 MB ran in a JVM that could use 104 MB and ran out of heap in one run of three (needs 105-107).
        final long withHeadroom = needed < 0 || needed > Long.MAX_VALUE / 2 ? -1 : needed + needed / HEADROOM_DIVISOR;
        if (withHeadroom < 0 || withHeadroom > available)
        {
            throw new InputException(String.format(Locale.ROOT, "%s needs %s%s%s, more than the %s this JVM may " +
                "use with 5 %% headroom for the collector (heap limit %s): give Java more heap if the machine has " +
                "the memory (SIM_JAVA_OPTS='-Xmx<size>' " +
                "for ./sim), or use fewer neurons or synapses%s", name, rank == null ? "" : "on " + rank + " ",
                estimate.describe(), copies > 1 ? " twice (the warm-up copy)" : "", MemoryEstimate.bytes(available),
                heap, rank == null ? "" : ", or more ranks"));
        }
    }
}
