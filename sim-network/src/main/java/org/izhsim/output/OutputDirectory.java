package org.izhsim.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

import org.izhsim.core.InputException;

/**
 * An output folder that appears all at once or not at all. Files are written into a hidden sibling
 * {@code .NAME.tmp-<random>} (same parent, so the same file system); {@link #commit()} renames it onto
 * the target atomically, replacing an existing folder; {@link #close()} without a commit deletes it.
 * A run that fails half way therefore leaves neither a partial target nor a temporary folder.
 *
 * <pre>{@code
 * try (OutputDirectory out = OutputDirectory.create(Path.of("out/run1")))
 * {
 *     NpyWriter.writeInt32(out.resolve("ids.npy"), ids, n);
 *     out.commit();
 * }
 * }</pre>
 */
public final class OutputDirectory implements AutoCloseable
{
    private final Path target;
    private final Path staging;
    private boolean committed;

    private OutputDirectory(final Path target, final Path staging)
    {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Creates the staging folder next to {@code target} (and any missing parent folders).
     *
     * @throws InputException if the target or one of its parents is a file, or the parent cannot be
     *                        created or written.
     */
    public static OutputDirectory create(final Path target)
    {
        final Path absolute = target.toAbsolutePath().normalize();
        final Path parent = absolute.getParent();
        if (parent == null || absolute.getFileName() == null)
        {
            throw new InputException("output folder '" + target + "' must not be the file system root");
        }
        requireNotFile(target, absolute);
        try
        {
            Files.createDirectories(parent);
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot create output folder '" + target + "': " + reason(ex));
        }
        try
        {
            return new OutputDirectory(absolute, createStaging(parent, "." + absolute.getFileName() + ".tmp-"));
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot write into '" + parent + "': " + reason(ex));
        }
    }

    /**
     * A fresh folder with the permissions of any other new folder (the umask's), unlike
     * Files.createTempDirectory's owner-only ones, which the moved result would keep.
     */
    private static Path createStaging(final Path parent, final String prefix) throws IOException
    {
        while (true)
        {
            final Path staging = parent.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
            try
            {
                return Files.createDirectory(staging);
            }
            catch (final FileAlreadyExistsException ex)
            {
                // another staging folder took the name: draw again
            }
        }
    }

    /**
     * @return the folder to write into until {@link #commit()}.
     */
    public Path path()
    {
        return staging;
    }

    /**
     * @return {@code name} inside the folder being written.
     */
    public Path resolve(final String name)
    {
        return staging.resolve(name);
    }

    /**
     * @return the folder that {@link #commit()} creates or replaces.
     */
    public Path target()
    {
        return target;
    }

    /**
     * Moves the written folder into place. An existing target folder is first renamed aside, then
     * deleted once the new one is in place; if the swap fails the old folder is put back.
     */
    public void commit()
    {
        if (committed)
        {
            throw new IllegalStateException(target + " is already committed");
        }
        requireNotFile(target, target);
        try
        {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))
            {
                replace();
            }
            else
            {
                move(staging, target);
            }
            committed = true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot move " + staging + " to " + target + ": " + reason(ex), ex);
        }
    }

    /**
     * Deletes the staging folder unless committed; safe to call more than once.
     */
    @Override
    public void close()
    {
        if (!committed && Files.exists(staging, LinkOption.NOFOLLOW_LINKS))
        {
            deleteTree(staging);
        }
    }

    private void replace() throws IOException
    {
        final Path aside = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        // createTempDirectory reserved a unique name; the rename needs it free.
        Files.delete(aside);
        move(target, aside);
        try
        {
            move(staging, target);
        }
        catch (final IOException ex)
        {
            move(aside, target);
            throw ex;
        }
        deleteTree(aside);
    }

    private static void move(final Path from, final Path to) throws IOException
    {
        try
        {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            // Same parent folder, so this only happens on exotic file systems: a plain rename is the best left.
            Files.move(from, to);
        }
    }

    private static void requireNotFile(final Path asGiven, final Path absolute)
    {
        for (Path p = absolute; p != null; p = p.getParent())
        {
            if (Files.exists(p) && !Files.isDirectory(p))
            {
                throw new InputException(p.equals(absolute)
                    ? "output folder '" + asGiven + "' is a file"
                    : "output folder '" + asGiven + "' is inside '" + p + "', which is a file");
            }
        }
    }

    private static void deleteTree(final Path root)
    {
        try
        {
            Files.walkFileTree(root, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
                {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path dir, final IOException failure) throws IOException
                {
                    if (failure != null)
                    {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + root + ": " + reason(ex), ex);
        }
    }

    private static String reason(final IOException ex)
    {
        final String name = ex.getClass().getSimpleName().replace("Exception", "");
        return ex.getMessage() == null ? name : name + " (" + ex.getMessage() + ")";
    }
}
