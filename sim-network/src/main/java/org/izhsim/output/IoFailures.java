package org.izhsim.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * One line for an I/O failure (a full disk, a read-only file system, a folder removed during a run): the failing
 * operation and path as the exception states them, with the operating system's reason when the message does not
 * already give it. For the command line, which prints this instead of a stack trace.
 */
public final class IoFailures
{
    private IoFailures()
    {
    }

    /**
     * @return {@code true} if {@code ex} is an I/O failure: an {@link IOException} or its unchecked wrapper.
     */
    public static boolean isIoFailure(final Throwable ex)
    {
        return ex instanceof IOException || ex instanceof UncheckedIOException;
    }

    /**
     * @return the failure in one line, e.g. {@code cannot write x/spikes.csv: No space left on device}.
     */
    public static String describe(final Throwable ex)
    {
        final IOException root = rootIoException(ex);
        String message = oneLine(ex.getMessage() == null ? reason(ex) : ex.getMessage());
        if (root == null)
        {
            return message;
        }
        if (root == ex)
        {
            return ex instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() +
                (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": " + reason(fs) : message;
        }
        if (ex instanceof Described)
        {
            return message;
        }
        final String reason = reason(root);
        if (message.contains(reason))
        {
            return message;
        }
        // "cannot write X: I/O error writing PNG file!" or NoSuchFileException's bare path ("cannot write X: X"): a
        // cause's message repeated at the end gives way to the reason at the root.
        for (Throwable t = ex.getCause(); t != null && t != t.getCause(); t = t.getCause())
        {
            final String repeated = t.getMessage() == null ? "" : ": " + oneLine(t.getMessage());
            if (repeated.length() > 2 && message.endsWith(repeated))
            {
                message = message.substring(0, message.length() - repeated.length());
                break;
            }
        }
        return message + ": " + reason;
    }

    /** A failure whose message is already the line to print, reason included. */
    public static class Described extends UncheckedIOException
    {
        private static final long serialVersionUID = 1L;

        public Described(final String message, final IOException cause)
        {
            super(message, cause);
        }
    }

    /** The deepest {@link IOException} in the cause chain of {@code ex}, {@code ex} included; or null. */
    static IOException rootIoException(final Throwable ex)
    {
        IOException root = null;
        for (Throwable t = ex; t != null && t != t.getCause(); t = t.getCause())
        {
            if (t instanceof IOException io)
            {
                root = io;
            }
        }
        return root;
    }

    /** The operating system's reason, without the path a {@link FileSystemException} puts in its message. */
    static String reason(final Throwable ex)
    {
        if (ex instanceof NoSuchFileException)
        {
            return "no such file or folder (deleted or moved meanwhile?)";
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (ex instanceof java.nio.file.FileAlreadyExistsException exists && exists.getFile() != null)
        {
            // A folder to create stands where a symbolic link to nothing is: the bare path was the message.
            final String dangling = org.izhsim.core.FileNames.danglingLink(java.nio.file.Path.of(exists.getFile()));
            return dangling != null ? dangling : exists.getFile() + " exists and is not a folder";
        }
        if (ex instanceof FileSystemException fs && fs.getReason() != null)
        {
            return oneLine(fs.getReason());
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : oneLine(ex.getMessage());
    }

    private static String oneLine(final String text)
    {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
