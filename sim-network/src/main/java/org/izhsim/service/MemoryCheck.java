package org.izhsim.service;

import java.io.PrintWriter;
import java.util.Locale;

import org.izhsim.core.InputException;
import org.izhsim.network.build.MemoryEstimate;
import org.izhsim.output.HeapAdvice;
import org.izhsim.output.HostInfo;
import org.izhsim.network.build.MachineMemory;

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

    /** The headroom beside an estimate, in % of it: 5 with the parallel or serial collector, 20 with any other. */
    public static int headroomPercent()
    {
        return headroomPercent(java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
    }

    /** {@link #headroomPercent()} of a JVM whose collectors have these names. */
    public static int headroomPercent(final java.util.List<String> collectors)
    {
        final boolean compacting = !collectors.isEmpty() && collectors.stream().allMatch(name ->
            name.startsWith("PS ") || name.equals("Copy") || name.equals("MarkSweepCompact"));
        return compacting ? 5 : 20;
    }

    /**
     * @param estimate the plan's estimate for the run.
     * @param copies   networks alive at once (2 while a JIT warm-up copy runs beside the real one: an MPI rank's;
     *                 in one process sim run drops the copy before it builds the network).
     * @param out      where the estimate is printed; null to print nothing.
     * @throws InputException when the estimate is above the machine's memory, or when it and its headroom exceed
     *                        {@link HostInfo#availableHeapBytes()}.
     */
    public static void require(final String name, final MemoryEstimate estimate, final int copies,
        final PrintWriter out)
    {
        require(name, estimate, copies, out, null, 0, null);
    }

    /**
     * As {@link #require(String, MemoryEstimate, int, PrintWriter)} for one MPI rank's share of a partitioned
     * run, which each rank checks against its own heap and its own machine's memory.
     *
     * @param rank        "rank R of N", named in the line printed and in the refusal; null in a single process.
     * @param resumeBytes the --resume checkpoint's size, 0 without one: its state is read into arrays of its own
     *                    beside the built network, to be checked whole before any of it is applied (a resume at the
     *                    least heap the check accepted for the run ran out of heap).
     * @param err         where a warning is printed, one line, when the estimate fits the heap and the machine's
     *                    memory but not what the machine has available now; null for none.
     */
    public static void require(final String name, final MemoryEstimate estimate, final int copies,
        final PrintWriter out, final String rank, final long resumeBytes, final PrintWriter err)
    {
        require(name, estimate, copies, out, rank, resumeBytes, err, MachineMemory.now());
    }

    /** As {@link #require(String, MemoryEstimate, int, PrintWriter, String, long, PrintWriter)} on this machine. */
    static void require(final String name, final MemoryEstimate estimate, final int copies, final PrintWriter out,
        final String rank, final long resumeBytes, final PrintWriter err, final MachineMemory machine)
    {
        final String whose = rank == null ? "" : " (" + rank + "'s share)";
        final long needed = estimate.total() + (copies - 1) * estimate.network() + resumeBytes;
        final String resumed = resumeBytes > 0 ? ", and " + MemoryEstimate.bytes(resumeBytes) + " while the --resume " +
            "checkpoint is read" : "";
        final String heap = MemoryEstimate.bytes(HostInfo.heapLimitBytes());
        if (out != null)
        {
            out.printf(Locale.ROOT, "%s: memory estimate%s %s%s%s; heap limit %s%n", name, whose, estimate.describe(),
                copies > 1 ? ", twice the network with the warm-up copy" : "", resumed, heap);
            out.flush();
        }
        final String needs = String.format(Locale.ROOT, "%s needs %s%s%s", name, rank == null ? "" : "on " + rank + " ",
            estimate.describe(), (copies > 1 ? " twice (the warm-up copy; --warmup 0 builds none)" : "") + resumed);
        final String elsewhere = ": use fewer neurons or synapses, a machine with more memory, or " +
            (rank == null ? "MPI ranks on several machines (README, \"MPI ranks\")" : "more ranks");
        // The machine's memory before the heap: -Xmx may be set above it (-Xmx40g on a 24 GB machine accepted a
        // 30 GB network, which the kernel would kill while it was built), and no heap helps then. Each process (each
        // MPI rank) compares its own share with its own machine's.
        // The estimate with room for the collector and for what the estimate leaves out: 1/20 more with the parallel
        // collector the launcher picks (a plastic network estimated at 102 MB ran in a JVM that could use 104 MB and
        // ran out of heap in one run of three: it needs 105-107); 1/5 more with G1 (what the JVM picks when
        // SIM_JAVA_OPTS holds only -Xmx), whose arrays of over half a region need free regions in a row: an 80,000-
        // neuron plastic network estimated at 412 MB ran out of 447 MB in three runs of six.
        final int percent = headroomPercent();
        final long withHeadroom = needed < 0 || needed > Long.MAX_VALUE / 2 ? -1 : needed + needed / 100 * percent;
        // Against the machine by the rule of the heap refusal's advice, the -Xmx the launcher's collector takes for it
        // (whatever collector this JVM has): a 25.3 GB network on this 25.3 GB machine passed under -Xmx40g with a
        // warning, where the heap's refusal called a 24.8 GB one too large; then the estimate with this JVM's headroom
        // disagreed with the advice's rounding (a 23.6 GB network refused by one, accepted under the -Xmx24g it named)
        // and with the collector (20 % under G1 refused for the machine what the launcher's collector runs).
        final long heapForMachine = heapBytes(needed, 0);
        if (machine.totalBytes() > 0 && (heapForMachine < 0 || !HeapAdvice.holds(machine, heapForMachine)))
        {
            throw new InputException(String.format(Locale.ROOT, "%s, and the heap that takes (%s) is more than the %s " +
                "of memory (RAM) this machine has, whatever the heap%s", needs, heapForMachine < 0 ? "beyond any" :
                HeapAdvice.xmx(heapForMachine) + ", " + MemoryEstimate.bytes(HeapAdvice.xmxMib(heapForMachine) *
                HeapAdvice.MIB) + " with the launcher's collector", MemoryEstimate.bytes(machine.totalBytes()),
                elsewhere));
        }
        // With the parallel or serial collector the arrays must fit its old generation too (the heap less -Xmn), with
        // 1/50 to spare: a network estimated at 190 MB ran out of -Xmx230m, which held it whole, 3 runs of 3.
        final long inOld = withHeadroom < 0 ? -1 : needed + needed / 50;
        if (!fits(withHeadroom, inOld))
        {
            // What is in use now counts against the heap, garbage included: collect it before refusing, so that a
            // refusal does not depend on what the program happened to leave behind (validate and run disagreed by a
            // few MB at one heap).
            System.gc();
        }
        final long available = HostInfo.availableHeapBytes();
        final long old = HostInfo.availableOldGenerationBytes();
        final Runtime runtime = Runtime.getRuntime();
        final long used = runtime.totalMemory() - runtime.freeMemory();
        if (withHeadroom < 0 || withHeadroom > available)
        {
            throw new InputException(String.format(Locale.ROOT, "%s and %d %% of it as the collector's headroom, more " +
                "than the %s this JVM may use (heap limit %s): %s", needs, percent, MemoryEstimate.bytes(available),
                heap, advice(needed, used, rank, machine, elsewhere)));
        }
        if (inOld > old)
        {
            // The young generation as the JVM sized it: -Xmn, or what -XX:NewRatio or the collector's default made of
            // the heap (named "-Xmn500m" under -XX:NewRatio=1, an option the user had not given).
            final long young = HostInfo.youngGenerationBytes();
            throw new InputException(String.format(Locale.ROOT, "%s, more than the %s this JVM's old generation may " +
                "still hold (heap limit %s, of which %s), where arrays that live as long as the network must fit: %s",
                needs, MemoryEstimate.bytes(Math.max(0, old)), heap, young < 0 ? "some for new objects" :
                MemoryEstimate.bytes(young) + " is the young generation, for new objects",
                advice(needed, used, rank, machine, elsewhere)));
        }
        // Fits the heap and the machine, but not what the machine has free now: other programs hold the rest (the
        // launcher's heap is 75 % of the RAM whatever they hold), and the kernel may kill the run or swap.
        if (err != null && machine.availableBytes() >= 0 && needed > machine.availableBytes())
        {
            err.println(String.format(Locale.ROOT, "sim: warning: %s needs about %s%s, more than the %s of this " +
                "machine's %s of memory that is available now: other programs hold %s: the run may be killed or swap",
                name, MemoryEstimate.bytes(needed), rank == null ? "" : " on " + rank,
                MemoryEstimate.bytes(machine.availableBytes()), MemoryEstimate.bytes(machine.totalBytes()),
                MemoryEstimate.bytes(machine.totalBytes() - machine.availableBytes())));
            err.flush();
        }
    }

    /**
     * The end of a heap refusal: the -Xmx to give with the launcher's options, and fewer neurons or synapses; or,
     * where that heap is more than the machine's memory, {@code elsewhere} (no larger -Xmx helps then: the refusal
     * said -Xmx30g on a 24 GB machine).
     */
    private static String advice(final long needed, final long used, final String rank, final MachineMemory machine,
        final String elsewhere)
    {
        final long heap = heapBytes(needed, used);
        if (heap >= 0 && HeapAdvice.holds(machine, heap))
        {
            return HeapAdvice.moreHeap(heap, machine) + ", or use fewer neurons or synapses" + (rank == null ? "" : ", or more " +
                "ranks");
        }
        return HeapAdvice.moreHeap(heap, machine) + elsewhere;
    }

    /**
     * The -Xmx with which a JVM of {@link HeapAdvice#LAUNCHER_OPTIONS} accepts {@code needed} bytes beside the {@code used} in use
     * now: the heap the parallel collector lets the program use (the limit less up to a third of -Xmn, the survivor
     * space it may keep) must hold them with their 5 % headroom, and the old generation (the limit less -Xmn) with 2 %;
     * rounded up to a MiB, with 4 more for the heap's alignment and for what another JVM has in use at the check (the
     * least heap that sparse100k's validate passed was 2 MiB more on Temurin 25 than on 17), in GiB from 10 GiB on.
     * The main refusal said "-Xmx&lt;size&gt;" without a size.
     */
    static String heapOption(final long needed, final long used)
    {
        return HeapAdvice.xmx(heapBytes(needed, used));
    }

    /** The heap of {@link #heapOption} before rounding; -1 beyond any. */
    private static long heapBytes(final long needed, final long used)
    {
        if (needed < 0 || needed > Long.MAX_VALUE / 4)
        {
            return -1;
        }
        return Math.max(needed + needed / 100 * headroomPercent(java.util.List.of("PS Scavenge")) +
            HeapAdvice.LAUNCHER_YOUNG / 3, needed + needed / 50 + HeapAdvice.LAUNCHER_YOUNG) + Math.max(0, used);
    }

    /** Whether the estimate with its headroom fits the heap, and the estimate the old generation, as they are now. */
    private static boolean fits(final long withHeadroom, final long inOld)
    {
        return withHeadroom >= 0 && withHeadroom <= HostInfo.availableHeapBytes() &&
            inOld <= HostInfo.availableOldGenerationBytes();
    }
}
