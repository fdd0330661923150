package org.izhsim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on: CPU model and cores from /proc (Linux; "unknown" elsewhere), the JVM, and
 * the process's peak resident set size.
 */
public final class HostFacts
{
    private HostFacts()
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
        return String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** CPU time of the whole process (all threads, JIT and GC included), in ns, or 0 where unknown. */
    public static long processCpuNanos()
    {
        final java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
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

    /** VmHWM of /proc/self/status in bytes, or -1. */
    public static long peakResidentBytes()
    {
        for (final String line : procLines("/proc/self/status"))
        {
            if (line.startsWith("VmHWM:"))
            {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024L;
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
