package org.izhsim.output;

import org.izhsim.network.build.MachineMemory;
import org.izhsim.network.build.MemoryEstimate;

/**
 * The advice to give Java more heap, in one set of words for the memory check's refusal and for every reader that
 * runs out of heap (spikes.h5, connections and spike-times files): the launcher's other options beside the -Xmx, and
 * never a heap above the machine's memory. Here, below the readers and the service, so that neither depends on the
 * other.
 */
public final class HeapAdvice
{
    /** The options the advice gives beside -Xmx: the launcher's own. */
    public static final String LAUNCHER_OPTIONS = "-Xmn64m -XX:+UseParallelGC";
    public static final long MIB = 1L << 20;
    /** The young generation of {@link #LAUNCHER_OPTIONS}. */
    public static final long LAUNCHER_YOUNG = 64 * MIB;

    private HeapAdvice()
    {
    }

    /**
     * The advice for a JVM whose Java heap ({@link Runtime#maxMemory()}) must be {@code usableBytes} at least, in
     * the words of the memory check's refusal: "give Java more heap if the machine has the memory
     * (SIM_JAVA_OPTS='-Xmx... -Xmn64m -XX:+UseParallelGC' for ./sim)", the launcher's other options beside the
     * -Xmx (SIM_JAVA_OPTS=-Xmx... alone dropped them and got G1); or, where that heap is more than this machine's
     * memory, that it is.
     */
    public static String moreHeap(final long usableBytes)
    {
        return moreHeap(usableBytes < 0 || usableBytes > Long.MAX_VALUE / 4 ? -1 : usableBytes + LAUNCHER_YOUNG / 3,
            MachineMemory.now());
    }

    /** {@link #moreHeap(long)} for a -Xmx of {@code heap} bytes before rounding, -1 beyond any. */
    public static String moreHeap(final long heap, final MachineMemory machine)
    {
        final String option = xmx(heap);
        if (heap >= 0 && holds(machine, heap))
        {
            return "give Java more heap if the machine has the memory (SIM_JAVA_OPTS='" + option + " " +
                LAUNCHER_OPTIONS + "' for ./sim)";
        }
        // In GiB beside the RAM in GB, the -Xmx's bytes too: "-Xmx24g is more than 25.3 GB" read as a contradiction.
        return heap < 0 ? "no heap holds it" : "the heap that takes (" + option + ", " +
            MemoryEstimate.bytes(xmxMib(heap) * MIB) + ") is more than the " + MemoryEstimate.bytes(machine.totalBytes()) +
            " of memory (RAM) this machine has";
    }

    /** Whether the -Xmx of {@link #xmx} for {@code heap} bytes is within the machine's memory (or that is unknown). */
    public static boolean holds(final MachineMemory machine, final long heap)
    {
        return machine.totalBytes() <= 0 || xmxMib(heap) * MIB <= machine.totalBytes();
    }

    /** "-Xmx" and {@code heap} rounded up to a MiB, with 4 more, in GiB from 10 GiB on. */
    public static String xmx(final long heap)
    {
        if (heap < 0)
        {
            return "-Xmx<size>";
        }
        final long mib = xmxMib(heap);
        return mib >= 10 * 1024 ? "-Xmx" + mib / 1024 + "g" : "-Xmx" + mib + "m";
    }

    /** The MiB of {@link #xmx}'s option: rounded up, 4 more, a whole GiB from 10 GiB on. */
    public static long xmxMib(final long heap)
    {
        final long mib = (heap + MIB - 1) / MIB + 4;
        return mib >= 10 * 1024 ? (mib + 1023) / 1024 * 1024 : mib;
    }
}
