package org.izhsim.network.build;

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

    /**
     * Where the checks read the machine's memory: {@link #ofThisMachine()}; tests put a machine of their own here
     * (and back).
     */
    public static volatile java.util.function.Supplier<MachineMemory> current = MachineMemory::ofThisMachine;

    /** The machine's memory as the checks see it now ({@link #current}). */
    public static MachineMemory now()
    {
        // A supplier that gives nothing knows nothing (it was a NullPointerException out of Network.build).
        final MachineMemory m = current.get();
        return m == null ? UNKNOWN : m;
    }

    /**
     * This machine's, read from /proc/meminfo now, within the memory limit of the process's control group where one
     * is set (a container's: /proc/meminfo gives the host's, so `docker --memory 8g` on a 64 GB host passed a 30 GB
     * network); {@link #UNKNOWN} where it cannot be read.
     */
    public static MachineMemory ofThisMachine()
    {
        final MachineMemory host;
        try
        {
            host = parse(Files.readAllLines(Path.of("/proc/meminfo")));
        }
        catch (final IOException | RuntimeException unreadable)
        {
            return UNKNOWN;
        }
        List<String> groups;
        try
        {
            groups = Files.readAllLines(Path.of("/proc/self/cgroup"));
        }
        catch (final IOException | RuntimeException unreadable)
        {
            groups = List.of();
        }
        return host.withLimit(cgroupLimit(Path.of("/sys/fs/cgroup"), groups));
    }

    /**
     * The tightest memory limit of this process's control groups under {@code root} (/sys/fs/cgroup), from its
     * /proc/self/cgroup lines: v2's {@code memory.max} along the unified group's path ("0::/path"), and v1's {@code
     * memory.limit_in_bytes} along the memory controller's ("5:memory:/path", under root/memory), each group and its
     * parents up to the root (a limit set on a parent, or by systemd-run's scope, was unseen when the root alone was
     * read); -1 without one. v1's "no limit" is a number near 2^63, above any machine's memory.
     */
    static long cgroupLimit(final Path root, final List<String> groups)
    {
        long limit = -1;
        for (final String line : groups)
        {
            final String[] parts = line.split(":", 3);
            if (parts.length < 3)
            {
                continue;
            }
            final boolean unified = parts[0].equals("0") && parts[1].isEmpty();
            final boolean memory = java.util.Arrays.asList(parts[1].split(",")).contains("memory");
            if (!unified && !memory)
            {
                continue;
            }
            final Path top = unified ? root : root.resolve("memory");
            final String file = unified ? "memory.max" : "memory.limit_in_bytes";
            Path dir = top.resolve(parts[2].replaceFirst("^/+", "")).normalize();
            if (!dir.startsWith(top))
            {
                continue;
            }
            for (; dir != null && dir.startsWith(top); dir = dir.getParent())
            {
                final long here = limitOf(dir.resolve(file));
                limit = here > 0 && (limit < 0 || here < limit) ? here : limit;
            }
        }
        return limit;
    }

    /** A control group's memory limit in bytes from its file ("max" or a number), or -1 without one. */
    static long limitOf(final Path file)
    {
        try
        {
            return limit(Files.readString(file));
        }
        catch (final IOException | RuntimeException unreadable)
        {
            return -1;
        }
    }

    /** The bytes of a control group's limit as its file gives it: a number, or "max" (none: -1). */
    static long limit(final String text)
    {
        final String value = text.trim();
        try
        {
            return value.equals("max") ? -1 : Math.max(-1, Long.parseLong(value));
        }
        catch (final NumberFormatException notANumber)
        {
            return -1;
        }
    }

    /** This memory within a limit of {@code limitBytes} (its total and what is available at most that); -1: none. */
    public MachineMemory withLimit(final long limitBytes)
    {
        if (limitBytes <= 0 || totalBytes <= 0 || limitBytes >= totalBytes)
        {
            return this;
        }
        return new MachineMemory(limitBytes, availableBytes < 0 ? -1 : Math.min(availableBytes, limitBytes));
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
