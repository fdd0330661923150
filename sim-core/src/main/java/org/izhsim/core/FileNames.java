package org.izhsim.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** File names made from a user's names, kept within what a file system allows. */
public final class FileNames
{
    private FileNames()
    {
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
}
