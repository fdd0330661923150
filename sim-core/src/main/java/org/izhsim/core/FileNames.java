package org.izhsim.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** File names made from a user's names, kept within what a file system allows. */
public final class FileNames
{
    private FileNames()
    {
    }

    /** " to 'T'" for a symbolic link to T, for a refusal of the link to say where it leads; "" when unreadable. */
    public static String linkTarget(final java.nio.file.Path link)
    {
        try
        {
            return " to '" + java.nio.file.Files.readSymbolicLink(link) + "'";
        }
        catch (final java.io.IOException | UnsupportedOperationException | SecurityException unreadable)
        {
            return "";
        }
    }

    /**
     * Why a folder could not be made at {@code path}, when a symbolic link to nothing stands there ("'dl' is a symbolic
     * link to 'nowhere', which does not exist"), or null when none does: Java's FileAlreadyExistsException gave the
     * bare path as its message.
     */
    public static String danglingLink(final java.nio.file.Path path)
    {
        if (!java.nio.file.Files.isSymbolicLink(path) || java.nio.file.Files.exists(path))
        {
            return null;
        }
        // Followed link by link: a chain (dl2 -> dl -> nowhere) was said to end at 'dl', and a loop to point at a
        // file that "does not exist".
        final java.util.List<java.nio.file.Path> seen = new java.util.ArrayList<>();
        java.nio.file.Path at = path.toAbsolutePath();
        try
        {
            while (java.nio.file.Files.isSymbolicLink(at))
            {
                if (seen.contains(at) || seen.size() >= 40)
                {
                    return "'" + path + "' is a loop of symbolic links (through '" + seen.get(seen.size() - 1) + "')";
                }
                seen.add(at);
                final java.nio.file.Path to = java.nio.file.Files.readSymbolicLink(at);
                at = at.resolveSibling(to).normalize();
            }
        }
        catch (final java.io.IOException | UnsupportedOperationException ex)
        {
            return "'" + path + "' is a symbolic link that cannot be followed";
        }
        if (java.nio.file.Files.exists(at))
        {
            // A folder on the way is missing or a link inside the path: the end exists, the path does not resolve.
            return "'" + path + "' is a symbolic link that does not lead to an existing file or folder";
        }
        return "'" + path + "' is a symbolic link " + (seen.size() > 1 ? "(through '" + seen.get(seen.size() - 1) +
            "') " : "") + "to '" + at + "', which does not exist";
    }

    /**
     * {@code name} whole when its UTF-8 form takes at most {@code roomBytes} bytes, else its longest start (whole code
     * points) that fits with "~" and eight hex digits of a hash of the whole. File names are limited in bytes (255 on
     * Linux), not characters: a name of 115 'é' (230 bytes) passed a limit of 150 characters and its hidden folder's
     * name was refused as "File name too long".
     */
    public static String fitted(final String name, final int roomBytes)
    {
        if (name.getBytes(StandardCharsets.UTF_8).length <= roomBytes)
        {
            return name;
        }
        final String hash = String.format(Locale.ROOT, "~%08x", name.hashCode());
        final int room = roomBytes - hash.length();
        int bytes = 0;
        int end = 0;
        while (end < name.length())
        {
            final int codePoint = name.codePointAt(end);
            final int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > room)
            {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return name.substring(0, end) + hash;
    }

    /**
     * Whether {@code name} holds control, format or line-separator characters (a newline, a tab, a terminal escape, a
     * right-to-left override): a name that made messages and listings read otherwise than it is, which the config's
     * names and the folders and files a run makes may not have.
     */
    public static boolean hasControlCharacters(final String name)
    {
        return name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ||
            Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    }

    /**
     * Whether a file or folder to be made for {@code path} (the parts of it that do not exist yet; those that do are
     * the user's) would be named with {@link #hasControlCharacters control characters}.
     */
    public static boolean makesControlCharacterNames(final java.nio.file.Path path)
    {
        for (java.nio.file.Path up = path.toAbsolutePath().normalize(); up != null && up.getFileName() != null &&
            !java.nio.file.Files.exists(up, java.nio.file.LinkOption.NOFOLLOW_LINKS); up = up.getParent())
        {
            if (hasControlCharacters(up.getFileName().toString()))
            {
                return true;
            }
        }
        return false;
    }
}
