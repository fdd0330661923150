package org.izhsim.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.izhsim.core.ProcessOwner;

/**
 * The hidden folders an {@link OutputDirectory} works in, next to its target: staging folders
 * {@code .NAME.tmp-PID-RANDOM} and, while an earlier output is being replaced, {@code .NAME.old-PID-RANDOM}.
 * It owns two clean-ups. This process's open staging folders are registered, and a shutdown hook deletes
 * those not yet committed when the JVM exits early (an uncaught signal, System.exit). Folders that a killed
 * process could not clean up are swept by the next run into the same parent, but only those whose marker
 * names a process of this host that is certainly gone: a live run's staging folder, here or on another host
 * sharing the file system, is never touched.
 */
final class StagingFolders
{
    private static final Pattern NAME = Pattern.compile("\\..+\\.(tmp|old)-([0-9]{1,18})-[0-9a-f]{1,16}");
    private static final Set<OutputDirectory> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private StagingFolders()
    {
    }

    static String stagingPrefix(final String targetName)
    {
        return "." + stem(targetName) + ".tmp-" + ProcessHandle.current().pid() + "-";
    }

    static String asidePrefix(final String targetName)
    {
        return "." + stem(targetName) + ".old-" + ProcessHandle.current().pid() + "-";
    }

    /** Longest target name used whole in a hidden folder's name. */
    static final int STEM_LIMIT = 150;

    /**
     * The target's name in its hidden folders' names: whole, or for a name over {@link #STEM_LIMIT} characters its
     * start and a hash of the whole (a name of 240 characters gave a staging name over the 255 a file name may
     * have, and the run was refused as "File name too long").
     */
    static String stem(final String targetName)
    {
        if (targetName.length() <= STEM_LIMIT)
        {
            return targetName;
        }
        return targetName.substring(0, STEM_LIMIT - 9) + "~" + String.format("%08x", targetName.hashCode());
    }

    static void register(final OutputDirectory dir)
    {
        if (!hooked)
        {
            hookOnce();
        }
        OPEN.add(dir);
    }

    static void deregister(final OutputDirectory dir)
    {
        OPEN.remove(dir);
    }

    private static synchronized void hookOnce()
    {
        if (hooked)
        {
            return;
        }
        try
        {
            Runtime.getRuntime().addShutdownHook(new Thread(StagingFolders::abandonAllAtExit, "izhsim-staging-cleanup"));
        }
        catch (final IllegalStateException ex)
        {
            // The JVM is already shutting down: the staging folder is deleted by close() or swept by the next run.
        }
        hooked = true;
    }

    static void abandonAll()
    {
        for (final OutputDirectory dir : OPEN)
        {
            dir.abandon();
        }
    }

    /**
     * {@link #abandonAll()} as the JVM exits with an output still open (a second Ctrl-C, SIGHUP, a SIGTERM after the
     * first signal): one line per output says that nothing was written there; the process ended without a word.
     */
    private static void abandonAllAtExit()
    {
        for (final OutputDirectory dir : OPEN)
        {
            if (dir.abandon())
            {
                System.err.println("sim: stopped before the outputs were written; nothing was written to " +
                    dir.asGiven() + " (it is as it was)");
                System.err.flush();
            }
        }
    }

    /**
     * Deletes the staging folders in {@code parent} left by dead processes of this host, and the listed
     * entries of their set-aside old outputs. Housekeeping only: a folder that cannot be read or deleted is
     * left as it is.
     */
    static void sweepStale(final Path parent)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent,
            entry -> NAME.matcher(entry.getFileName().toString()).matches()))
        {
            for (final Path entry : entries)
            {
                sweep(entry);
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // an unreadable parent: the run's own create step reports it if it matters
        }
    }

    /**
     * Another run's staging folder for the same target in {@code parent} whose process is not certainly dead (here
     * or on another host sharing the file system): its owner, or null when there is none.
     */
    static ProcessOwner otherWriter(final Path parent, final String targetName, final Path mine)
    {
        final String prefix = "." + stem(targetName) + ".tmp-";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, entry ->
        {
            final String name = entry.getFileName().toString();
            return name.startsWith(prefix) && NAME.matcher(name).matches() &&
                name.substring(prefix.length()).matches("[0-9]{1,18}-[0-9a-f]{1,16}");
        }))
        {
            for (final Path entry : entries)
            {
                if (entry.equals(mine) || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))
                {
                    continue;
                }
                final long pid = Long.parseLong(NAME.matcher(entry.getFileName().toString()).replaceFirst("$2"));
                // A marker not written yet: the pid in the name, taken as this host's.
                final ProcessOwner owner = OutputMarker.readStagingOwner(entry)
                    .orElse(new ProcessOwner(ProcessOwner.thisProcess().host(), "", pid));
                if (!owner.certainlyDead())
                {
                    return owner;
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // an unreadable parent: the commit reports it if it matters
        }
        return null;
    }

    /** How old an empty staging folder without a marker must be before a sweep removes it. */
    static final long EMPTY_STAGING_AGE_MS = 10 * 60_000L;

    private static boolean olderThan(final Path entry, final long ageMs)
    {
        try
        {
            return Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toMillis() <
                System.currentTimeMillis() - ageMs;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void sweep(final Path entry)
    {
        final Matcher name = NAME.matcher(entry.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        final long pid = Long.parseLong(name.group(2));
        try
        {
            if (name.group(1).equals("tmp"))
            {
                final ProcessOwner owner = OutputMarker.readStagingOwner(entry).orElse(null);
                if (owner != null && owner.pid() == pid && owner.certainlyDead())
                {
                    NoFollowDeletion.deleteTree(entry);
                }
                else if (owner == null && olderThan(entry, EMPTY_STAGING_AGE_MS) &&
                    new ProcessOwner(ProcessOwner.thisProcess().host(), "", pid).certainlyDead())
                {
                    // Empty, its marker never written or already deleted (a run killed between the two, or one whose
                    // parent became read-only): it stayed for good, and once its pid was reused a later run into the
                    // target was refused as "being written by another run". Only an empty folder goes (rmdir), and
                    // only an old one: every run's folder is empty for a moment before its marker, and on a shared
                    // file system the pid in its name may be another host's.
                    try
                    {
                        Files.delete(entry);
                    }
                    catch (final java.nio.file.DirectoryNotEmptyException notEmpty)
                    {
                        // something in it that is not ours to judge: left as it is
                    }
                }
            }
            else
            {
                // A set-aside old output holds its finished marker, not an owner: its pid is in the name only, so
                // only its listed files can go, which a replacing run would delete anyway.
                final ProcessOwner owner = new ProcessOwner(
                    ProcessOwner.thisProcess().host(), "", pid);
                final OutputMarker.Listing listing = OutputMarker.readListing(entry).orElse(null);
                if (listing != null && owner.certainlyDead())
                {
                    NoFollowDeletion.deleteListed(entry, listing);
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // left for a later sweep
        }
    }
}
