package org.izhsim.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a summary says about the machine and the process: CPU model, cores, JVM and peak memory. Linux
 * facts come from /proc and are "unknown" elsewhere.
 */
final class HostInfo
{
    private HostInfo()
    {
    }

    static String cpuModel()
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

    static int cores()
    {
        return Runtime.getRuntime().availableProcessors();
    }

    static String jvm()
    {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /**
     * @return the sum of the peak usage of the heap memory pools since the JVM started, in bytes.
     */
    static long peakHeapBytes()
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
     * @return the peak resident set size of this process (VmHWM), in bytes, or -1 where /proc has none.
     */
    static long peakResidentBytes()
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
