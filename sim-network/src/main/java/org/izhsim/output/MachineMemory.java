package org.izhsim.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's memory as Linux's /proc/meminfo gives it: its RAM (MemTotal) and what programs may still take
 * without swapping (MemAvailable), in bytes, each -1 where unknown (another system, an unreadable file, a kernel
 * older than MemAvailable). The memory check compared a network with the JVM's heap limit alone, which -Xmx may
 * set above the RAM and which is 75 % of the RAM whatever other programs hold.
 *
 * @param totalBytes     MemTotal, or -1.
 * @param availableBytes MemAvailable, or -1.
 */
public record MachineMemory(long totalBytes, long availableBytes)
{
    /** Where nothing is known: no check against the machine's memory. */
    public static final MachineMemory UNKNOWN = new MachineMemory(-1, -1);

    /** This machine's, read from /proc/meminfo now; {@link #UNKNOWN} where it cannot be read. */
    public static MachineMemory ofThisMachine()
    {
        try
        {
            return parse(Files.readAllLines(Path.of("/proc/meminfo")));
        }
        catch (final IOException | RuntimeException unreadable)
        {
            return UNKNOWN;
        }
    }

    /**
     * The MemTotal and MemAvailable lines of /proc/meminfo's text ("MemTotal:       24545172 kB"); a line that is
     * missing or not in kB gives -1.
     */
    public static MachineMemory parse(final List<String> lines)
    {
        long total = -1;
        long available = -1;
        for (final String line : lines)
        {
            if (line.startsWith("MemTotal:"))
            {
                total = kilobytes(line.substring("MemTotal:".length()));
            }
            else if (line.startsWith("MemAvailable:"))
            {
                available = kilobytes(line.substring("MemAvailable:".length()));
            }
        }
        return total <= 0 ? UNKNOWN : new MachineMemory(total, available < 0 ? -1 : Math.min(available, total));
    }

    /** The bytes of " 24545172 kB", or -1. */
    private static long kilobytes(final String value)
    {
        final String[] parts = value.trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB"))
        {
            return -1;
        }
        try
        {
            final long kb = Long.parseLong(parts[0]);
            return kb < 0 || kb > Long.MAX_VALUE / 1024 ? -1 : kb * 1024;
        }
        catch (final NumberFormatException notANumber)
        {
            return -1;
        }
    }
}
