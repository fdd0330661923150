package org.izhsim.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Who writes a hidden work file or folder (an output's staging folder, a checkpoint's partial file): a process
 * on one host, during one boot of its kernel. A later run sweeps what a process left only when that process
 * is certainly gone, so the work of a live run, here or on another host sharing the file system, is never
 * touched. Linux names the host and boot in /proc; elsewhere the host name only.
 *
 * @param host the host name, "" if unknown.
 * @param boot the kernel's boot id, "" if unknown.
 * @param pid  the process id.
 */
public record ProcessOwner(String host, String boot, long pid)
{
    private static final String HOST = hostName();
    private static final String BOOT = firstLine("/proc/sys/kernel/random/boot_id");
    /** The tag's half for an unknown host or boot. */
    private static final String UNKNOWN = "00000000";

    public static ProcessOwner thisProcess()
    {
        return new ProcessOwner(HOST, BOOT, ProcessHandle.current().pid());
    }

    /**
     * @return true if this owner is certainly gone: on this host, either an earlier boot or a pid that no
     *         longer runs. A process on another host (a shared file system) is never judged dead.
     */
    public boolean certainlyDead()
    {
        return certainlyDead(host.equals(HOST), !boot.isEmpty() && !BOOT.isEmpty() && !boot.equals(BOOT), pid);
    }

    /**
     * Host and boot as 16 hex digits (a 32-bit hash of each), for a file name that cannot hold a marker: with
     * the pid in the same name, {@link #certainlyDead(String, long)} judges the file's writer.
     */
    public String tag()
    {
        return half(host) + half(boot);
    }

    /** {@link #certainlyDead()} of the process {@code pid} whose host and boot gave {@code tag}. */
    public static boolean certainlyDead(final String tag, final long pid)
    {
        final String mine = thisProcess().tag();
        if (tag.length() != mine.length())
        {
            return false;
        }
        final String boot = tag.substring(8);
        return certainlyDead(tag.substring(0, 8).equals(mine.substring(0, 8)),
            !boot.equals(UNKNOWN) && !mine.endsWith(UNKNOWN) && !mine.endsWith(boot), pid);
    }

    private static boolean certainlyDead(final boolean sameHost, final boolean earlierBoot, final long pid)
    {
        if (!sameHost || HOST.isEmpty())
        {
            return false;
        }
        if (earlierBoot)
        {
            return true;
        }
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static String half(final String text)
    {
        return text.isEmpty() ? UNKNOWN : String.format(Locale.ROOT, "%08x", text.hashCode() | 1);
    }

    private static String hostName()
    {
        final String proc = firstLine("/proc/sys/kernel/hostname");
        if (!proc.isEmpty())
        {
            return proc;
        }
        try
        {
            return plain(java.net.InetAddress.getLocalHost().getHostName());
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static String firstLine(final String file)
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : plain(lines.get(0));
        }
        catch (final IOException | RuntimeException ex)
        {
            return "";
        }
    }

    /** A value that fits on one marker line, or "" (unknown). */
    private static String plain(final String text)
    {
        return text == null || text.chars().anyMatch(Character::isISOControl) ? "" : text.strip();
    }
}
