package org.izhsim.output;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.OperatingSystemMXBean;
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

    /** CPU time of the whole process (all threads, JIT and GC included), in ns, or 0 where unknown. */
    public static long processCpuNanos()
    {
        final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean ?
            ((com.sun.management.OperatingSystemMXBean)os).getProcessCpuTime() : 0L;
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
