package org.izhsim.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one check made before a file the user named is read as input (an experiment or stimulus file, a CSV table, a
 * checkpoint): it must be a regular file. A device or a socket has no size to check and may never end, and a CSV
 * table or a checkpoint is read by its size; so they are refused at once, as a folder or a missing file is. An
 * experiment or stimulus file may also be a named pipe ({@code sim run <(sed ... x.yaml)}), read up to the files'
 * size limit; its open waits for a writer and says so after a second ({@link #openWaitingForAWriter}). Links are
 * followed. The file may still change between this check and the read; the check is for mistakes, not for a race.
 */
public final class InputFile
{
    /** The file type bits of {@code unix:mode} (st_mode & S_IFMT) and the values of the types named in messages. */
    private static final int TYPE_MASK = 0170000;
    private static final int NAMED_PIPE = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;
    /** How long the open of a pipe waits for a writer before it says so. */
    public static final long PIPE_NOTICE_MILLIS = 1000;

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
            // JDK 25 reports a file where a folder is named (ENOTDIR) as no such file; JDK 17 as a FileSystemException.
            final Path notFolder = fileOnThePath(file);
            return notFolder != null ? notFolder + " is a file, not a folder" : "no such file";
        }
        catch (final AccessDeniedException ex)
        {
            return "permission denied";
        }
        catch (final IOException ex)
        {
            // "cannot read the file (FileSystemException)" for a/notes.txt/b: a Java class, not what was wrong.
            final Path notFolder = fileOnThePath(file);
            if (notFolder != null)
            {
                return notFolder + " is a file, not a folder";
            }
            return "cannot read the file (" + (ex instanceof java.nio.file.FileSystemException &&
                ((java.nio.file.FileSystemException)ex).getReason() != null ?
                ((java.nio.file.FileSystemException)ex).getReason() : ex.getClass().getSimpleName()) + ")";
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

    /** The nearest existing path above {@code file} when it is not a folder (a file where a folder is named), else null. */
    private static Path fileOnThePath(final Path file)
    {
        for (Path above = file.getParent(); above != null; above = above.getParent())
        {
            if (Files.exists(above))
            {
                return Files.isDirectory(above) ? null : above;
            }
        }
        return null;
    }

    /** Whether {@code file} (links followed) is a named pipe: {@code <(command)} in a shell, or a FIFO. */
    public static boolean isPipe(final Path file)
    {
        try
        {
            return !Files.readAttributes(file, BasicFileAttributes.class).isRegularFile() && unixType(file) == NAMED_PIPE;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * Opens a text input that may be a named pipe ({@code sim run <(sed ... x.yaml)}): its open waits until a
     * process writes to it, so when none has after a second, one line on stderr says what the command waits for
     * (a FIFO with no writer waited in silence).
     */
    public static InputStream openWaitingForAWriter(final Path file) throws IOException
    {
        final Thread notice = new Thread(() ->
        {
            try
            {
                Thread.sleep(PIPE_NOTICE_MILLIS);
                System.err.println("sim: " + InputException.escaped(file.toString(), false) + " is a named pipe that no " +
                    "process writes to yet: waiting for one (Ctrl-C to stop)");
            }
            catch (final InterruptedException ex)
            {
                // the open returned first
            }
        }, "izhsim-pipe-notice");
        notice.setDaemon(true);
        notice.start();
        try
        {
            return Files.newInputStream(file);
        }
        finally
        {
            notice.interrupt();
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
