package org.izhsim.output;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the simulator's own folders without ever following a symbolic link: a link inside a folder is
 * removed as a link (or, when only listed entries may go, kept), never the folder it points to. Where the
 * file system offers it (Linux), each folder is opened once and its entries are deleted relative to that
 * open folder, so renaming a sub-folder into a link half way cannot redirect the deletion.
 */
final class NoFollowDeletion
{
    private NoFollowDeletion()
    {
    }

    /** Deletes {@code dir} and everything in it. */
    static void deleteTree(final Path dir) throws IOException
    {
        delete(dir, null);
        Files.delete(dir);
    }

    /**
     * Deletes the entries of {@code dir} that its listing names (folders only once empty), then its marker
     * and the folder itself if nothing else is left.
     *
     * @return true if {@code dir} is gone; false if it still holds entries the listing does not name.
     */
    static boolean deleteListed(final Path dir, final OutputMarker.Listing listing) throws IOException
    {
        delete(dir, listing);
        if (!isEmptyBesideMarker(dir))
        {
            return false;
        }
        // The marker goes last: a deletion stopped half way still leaves a folder marked as ours.
        Files.deleteIfExists(dir.resolve(OutputMarker.FILE));
        try
        {
            Files.delete(dir);
            return true;
        }
        catch (final DirectoryNotEmptyException ex)
        {
            return false;
        }
    }

    private static boolean isEmptyBesideMarker(final Path dir) throws IOException
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
        {
            for (final Path entry : entries)
            {
                if (!entry.getFileName().toString().equals(OutputMarker.FILE))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Puts a folder's marker after its other entries: a deletion cut short (a second Ctrl-C) had deleted the staging
     * folder's marker first in directory order, and the next run's sweep skips a folder without an owner, so the
     * folder stayed for good.
     */
    static void markerLast(final List<Path> entries)
    {
        entries.sort(java.util.Comparator.comparing(
            entry -> entry.getFileName().toString().equals(OutputMarker.FILE)));
    }

    /** @param listing null: delete everything (the marker too); else only the listed entries. */
    private static void delete(final Path dir, final OutputMarker.Listing listing) throws IOException
    {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))
        {
            throw new IOException(dir + " is not a folder");
        }
        // Every entry that can go goes: the deletion stopped at its first failure (an immutable file), and the files
        // after it, which nobody protected, stayed with it. The first failure is thrown at the end, with its path.
        final IOException[] first = new IOException[1];
        boolean secureDone = false;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir))
        {
            if (stream instanceof SecureDirectoryStream<Path> secure)
            {
                deleteIn(secure, "", listing, first);
                secureDone = true;
            }
        }
        if (!secureDone)
        {
            deleteInByPath(dir, "", listing, first);
        }
        if (first[0] != null)
        {
            throw first[0];
        }
    }

    /** Keeps the first failure, named by its path in the folder and its cause. */
    private static void failed(final IOException[] first, final String relative, final IOException ex)
    {
        if (first[0] == null)
        {
            final String reason = ex instanceof java.nio.file.AccessDeniedException ? "permission denied" :
                ex instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() :
                ex.getClass().getSimpleName();
            first[0] = new IOException(relative + ": " + reason, ex);
        }
    }

    private static void deleteIn(final SecureDirectoryStream<Path> dir, final String prefix,
        final OutputMarker.Listing listing, final IOException[] first) throws IOException
    {
        final List<Path> names = new ArrayList<>();
        dir.forEach(entry -> names.add(entry.getFileName()));
        markerLast(names);
        for (final Path name : names)
        {
            final String relative = prefix + name;
            if (first[0] != null && name.toString().equals(OutputMarker.FILE))
            {
                // The marker stays while anything else does: the folder stays ours to sweep.
                continue;
            }
            final BasicFileAttributes attrs = dir.getFileAttributeView(name, BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (attrs.isDirectory())
            {
                if (listing != null && !listing.dirs().contains(relative))
                {
                    continue;
                }
                // Opened without following a link: a folder swapped for a link fails here instead.
                try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS))
                {
                    deleteIn(sub, relative + "/", listing, first);
                }
                catch (final IOException ex)
                {
                    failed(first, relative + "/", ex);
                    continue;
                }
                try
                {
                    deleteDirectory(listing, () -> dir.deleteDirectory(name));
                }
                catch (final IOException ex)
                {
                    failed(first, relative + "/", ex);
                }
            }
            else if (listing == null || attrs.isRegularFile() && listing.files().contains(relative))
            {
                // unlinkat: removes a link itself, never its target.
                try
                {
                    dir.deleteFile(name);
                }
                catch (final IOException ex)
                {
                    failed(first, relative, ex);
                }
            }
        }
    }

    private static void deleteInByPath(final Path dir, final String prefix, final OutputMarker.Listing listing,
        final IOException[] first) throws IOException
    {
        final List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir))
        {
            stream.forEach(children::add);
        }
        markerLast(children);
        for (final Path child : children)
        {
            final String relative = prefix + child.getFileName();
            if (first[0] != null && child.getFileName().toString().equals(OutputMarker.FILE))
            {
                continue;
            }
            final BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
            if (attrs.isDirectory())
            {
                if (listing == null || listing.dirs().contains(relative))
                {
                    try
                    {
                        deleteInByPath(child, relative + "/", listing, first);
                        deleteDirectory(listing, () -> Files.delete(child));
                    }
                    catch (final IOException ex)
                    {
                        failed(first, relative + "/", ex);
                    }
                }
            }
            else if (listing == null || attrs.isRegularFile() && listing.files().contains(relative))
            {
                try
                {
                    Files.delete(child);
                }
                catch (final IOException ex)
                {
                    failed(first, relative, ex);
                }
            }
        }
    }

    private interface Deletion
    {
        void run() throws IOException;
    }

    /** A listed folder that still holds unlisted entries stays, with them. */
    private static void deleteDirectory(final OutputMarker.Listing listing, final Deletion deletion)
        throws IOException
    {
        try
        {
            deletion.run();
        }
        catch (final DirectoryNotEmptyException ex)
        {
            if (listing == null)
            {
                throw ex;
            }
        }
    }
}
