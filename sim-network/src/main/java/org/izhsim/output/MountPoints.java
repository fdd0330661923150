package org.izhsim.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a folder is a mount point: the root of a mounted file system, a bind mount included. A staged output
 * cannot be renamed onto one (rename(2) fails with EBUSY), so {@link OutputDirectory} refuses it before the run.
 */
final class MountPoints
{
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountPoints()
    {
    }

    /**
     * @param real a folder's real path (symbolic links resolved).
     * @return true if a file system is mounted on it: listed in /proc/self/mountinfo (Linux, bind mounts too),
     *         or on another device than its parent.
     */
    static boolean isMountPoint(final Path real)
    {
        if (Files.isReadable(MOUNTINFO))
        {
            try
            {
                if (listedIn(Files.readAllLines(MOUNTINFO), real))
                {
                    return true;
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                // fall back on the device numbers
            }
        }
        final Path parent = real.getParent();
        if (parent == null)
        {
            return true;
        }
        try
        {
            final Object dev = Files.getAttribute(real, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            return !dev.equals(Files.getAttribute(parent, "unix:dev", LinkOption.NOFOLLOW_LINKS));
        }
        catch (final IOException | RuntimeException ex)
        {
            // no unix view (Windows): no check
            return false;
        }
    }

    /** Whether {@code real} is the mount point (fifth field, octal escapes decoded) of a line of mountinfo. */
    static boolean listedIn(final List<String> mountinfo, final Path real)
    {
        final String wanted = real.toString();
        for (final String line : mountinfo)
        {
            final String[] fields = line.split(" ");
            if (fields.length > 4 && unescape(fields[4]).equals(wanted))
            {
                return true;
            }
        }
        return false;
    }

    /** mountinfo writes a space, tab, newline and backslash in a path as \040, \011, \012 and \134. */
    private static String unescape(final String field)
    {
        final StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++)
        {
            final char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}"))
            {
                out.append((char)Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            }
            else
            {
                out.append(c);
            }
        }
        return out.toString();
    }
}
