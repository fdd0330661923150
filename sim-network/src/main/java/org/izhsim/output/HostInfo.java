package org.izhsim.output;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run summary or a benchmark report says about the machine and the process: CPU model, SIMD level,
 * cores, JVM, load, CPU time and peak memory. Linux facts come from /proc and are "unknown" elsewhere.
 */
public final class HostInfo
{
    private HostInfo()
    {
    }

    public static String cpuModel()
    {
        for (final String line : procLines("/proc/cpuinfo"))
        {
            if (line.startsWith("model name"))
            {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    /** CPU flags worth naming for a SIMD loop: the widest AVX level the CPU reports. */
    public static String simd()
    {
        for (final String line : procLines("/proc/cpuinfo"))
        {
            if (line.startsWith("flags"))
            {
                return line.contains(" avx512f") ? "AVX-512" : line.contains(" avx2") ? "AVX2" : "SSE";
            }
        }
        return "unknown";
    }

    public static int cores()
    {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String jvm()
    {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    public static String jvmOptions()
    {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * CPU time of the JVM's Java threads (the simulator's workers and the calling thread, not the JIT's or the
     * GC's), in ns, summed over each live thread's own clock. Not the process's CPU time: on Linux, JDK 17 reads
     * that in clock ticks (10 ms here), coarser than a cortex2003 run of 1000 steps (8 ms), whose "CPU cores used"
     * then read 0.8 to 3.5 on a 2-core machine. A thread that ends between two readings takes its time with it.
     */
    public static long javaThreadsCpuNanos()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (final long id : threads.getAllThreadIds())
        {
            final long nanos = threads.getThreadCpuTime(id);
            if (nanos > 0)
            {
                sum += nanos;
            }
        }
        return sum;
    }

    /** The 1, 5 and 15 minute load averages of /proc/loadavg: how busy the machine was with others' work. */
    public static String loadAverage()
    {
        final List<String> lines = procLines("/proc/loadavg");
        if (lines.isEmpty())
        {
            return "unknown";
        }
        final String[] parts = lines.get(0).split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    /**
     * @return the sum of the peak usage of the heap memory pools since the JVM started or since
     *         {@link #resetHeapPeaks()}, in bytes: an upper bound of the live peak.
     */
    public static long peakHeapBytes()
    {
        long peak = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP)
            {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /**
     * The heap's limit as the JVM was configured (-Xmx, or what -XX:MaxRAMPercentage made of the machine's memory),
     * the same for the JVM's life: the figure that messages call the heap limit. {@link Runtime#maxMemory()} is not:
     * the parallel collector leaves a survivor space out of it whose size it changes, and one run at -Xmx247m said
     * "heap limit 252 MB" in its estimate and "heap limit 238 MB" when it ran out of heap. That where the JVM does not
     * say (not HotSpot).
     */
    public static long heapLimitBytes()
    {
        try
        {
            final com.sun.management.HotSpotDiagnosticMXBean hotSpot =
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (hotSpot != null)
            {
                return Long.parseLong(hotSpot.getVMOption("MaxHeapSize").getValue());
            }
        }
        catch (final RuntimeException | LinkageError notHotSpot)
        {
            // Below.
        }
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * The young generation's share of {@link #heapLimitBytes()} with a collector whose young generation has a size of
     * its own (parallel, serial: -Xmn): the heap limit less the old generation's; -1 with G1 and other collectors.
     */
    public static long youngGenerationBytes()
    {
        final long old = oldGenerationMaxBytes();
        return old < 0 ? -1 : Math.max(0, heapLimitBytes() - old);
    }

    /** The limit of the parallel or serial collector's old generation; -1 with other collectors. */
    private static long oldGenerationMaxBytes()
    {
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            final String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.equals("PS Old Gen") || name.equals("Tenured Gen")))
            {
                return pool.getUsage().getMax();
            }
        }
        return -1;
    }

    /** The heap this JVM may still use: its limit (-Xmx) less what is in use now, garbage included. */
    public static long availableHeapBytes()
    {
        final Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * The heap that long-lived arrays may still take. With a generational collector whose young generation has a
     * size of its own (parallel, serial: {@code -Xmn}), its old generation's limit less the heap in use (what is in
     * the young generation now counted as if it would stay): a network's arrays, each larger than the young
     * generation or surviving there, all end up in the old one. A network estimated at 190 MB ran out of a heap of
     * 230 MB whose old generation held 166. With G1 and other collectors, {@link #availableHeapBytes()}.
     */
    public static long availableOldGenerationBytes()
    {
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            final String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.equals("PS Old Gen") || name.equals("Tenured Gen")))
            {
                final long max = pool.getUsage().getMax();
                final Runtime runtime = Runtime.getRuntime();
                return max < 0 ? availableHeapBytes() : max - (runtime.totalMemory() - runtime.freeMemory());
            }
        }
        return availableHeapBytes();
    }

    /** Starts {@link #peakHeapBytes()} afresh from the current use. */
    public static void resetHeapPeaks()
    {
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP)
            {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * @return the peak resident set size of this process (VmHWM), in bytes, or -1 where /proc has none.
     */
    public static long peakResidentBytes()
    {
        for (final String line : procLines("/proc/self/status"))
        {
            if (line.startsWith("VmHWM:"))
            {
                final String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024L;
            }
        }
        return -1;
    }

    private static List<String> procLines(final String file)
    {
        try
        {
            return Files.readAllLines(Path.of(file));
        }
        catch (final IOException | RuntimeException ex)
        {
            return List.of();
        }
    }
}
