package org.izhsim.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one check made before a file the user named is read as input (an experiment or stimulus file, a CSV table, a
 * checkpoint): it must be a regular file. A named pipe blocks the open until some process writes to it ({@code sim
 * run FIFO} waited for ever), and a device or a socket has no size to check and may never end; so they are refused
 * at once, as a folder or a missing file is. Links are followed. The file may still change between this check and
 * the read; the check is for mistakes, not for a race.
 */
public final class InputFile
{
    /** The file type bits of {@code unix:mode} (st_mode & S_IFMT) and the values of the types named in messages. */
    private static final int TYPE_MASK = 0170000;
    private static final int NAMED_PIPE = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private InputFile()
    {
    }

    /**
     * @return null when {@code file} is a regular file, else what keeps it from being read, to follow the file's name
     *         and a colon: {@code no such file}, {@code is a folder, not a file}, {@code is a pipe, not a regular
     *         file: ...}, {@code permission denied}.
     */
    public static String problem(final Path file)
    {
        if (file.toString().isEmpty())
        {
            return "is an empty name, not a file"; // which the file system takes for the working folder
        }
        final BasicFileAttributes attributes;
        try
        {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        }
        catch (final NoSuchFileException ex)
        {
            return "no such file";
        }
        catch (final AccessDeniedException ex)
        {
            return "permission denied";
        }
        catch (final IOException ex)
        {
            return "cannot read the file (" + ex.getClass().getSimpleName() + ")";
        }
        if (attributes.isRegularFile())
        {
            return null;
        }
        if (attributes.isDirectory())
        {
            return "is a folder, not a file";
        }
        switch (unixType(file))
        {
            case NAMED_PIPE:
                return "is a pipe, not a regular file (reading it waits for a writer): save its contents to a file";
            case CHARACTER_DEVICE:
            case BLOCK_DEVICE:
                return "is a device, not a regular file";
            case SOCKET:
                return "is a socket, not a regular file";
            default:
                return "is not a regular file (a named pipe, a device or a socket)";
        }
    }

    /**
     * @return null when {@code file} is a regular file, else one line: the file as given ({@code ''} for an empty
     *         name, which printed as a lone colon) and its {@link #problem}.
     */
    public static String refusal(final Path file)
    {
        final String problem = problem(file);
        return problem == null ? null : (file.toString().isEmpty() ? "''" : file.toString()) + ": " + problem;
    }

    /** The file type bits of the file's mode, or 0 where the file system does not give them. */
    private static int unixType(final Path file)
    {
        try
        {
            return (Integer)Files.getAttribute(file, "unix:mode") & TYPE_MASK;
        }
        catch (final IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException ex)
        {
            return 0;
        }
    }
}
