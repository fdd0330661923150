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
    /**
     * A hidden folder of this program: the random part is always 16 hex digits (randomSuffix). It was 1 to 16, so a
     * user's dated backup {@code .cortex2003.old-2026-12} read as process 2026's set-aside output, and the sweep of an
     * unrelated run deleted it.
     */
    private static final Pattern NAME = Pattern.compile("\\..+\\.(tmp|old)-([0-9]{1,18})-[0-9a-f]{16}");
    private static final Set<OutputDirectory> OPEN = ConcurrentHashMap.newKeySet();
    /** Held while a staging folder is made and registered, and by the exit's start ({@link #exiting}). */
    static final Object LOCK = new Object();
    /** Whether the JVM's exit has begun: no staging folder is made from then on. Guarded by {@link #LOCK}. */
    private static boolean exiting;

    static
    {
        // Installed once, when the first output folder is made: a hook added on the first registration could come too
        // late, the JVM already exiting (a Ctrl-C while sim run prepared), and its staging folder was left behind.
        try
        {
            Runtime.getRuntime().addShutdownHook(new Thread(StagingFolders::abandonAllAtExit, "izhsim-staging-cleanup"));
        }
        catch (final IllegalStateException shuttingDown)
        {
            exiting = true;
        }
    }

    private StagingFolders()
    {
    }

    /** The random end of a hidden folder's name: 16 hex digits, leading zeros kept ({@link #NAME}). */
    static String randomSuffix()
    {
        return String.format(java.util.Locale.ROOT, "%016x", java.util.concurrent.ThreadLocalRandom.current().nextLong());
    }

    static String stagingPrefix(final String targetName)
    {
        return "." + stem(targetName) + ".tmp-" + ProcessHandle.current().pid() + "-";
    }

    static String asidePrefix(final String targetName)
    {
        return "." + stem(targetName) + ".old-" + ProcessHandle.current().pid() + "-";
    }

    /** Longest target name, in UTF-8 bytes, used whole in a hidden folder's name. */
    static final int STEM_LIMIT = 150;

    /**
     * The target's name in its hidden folders' names: whole, or for a name over {@link #STEM_LIMIT} bytes its start
     * and a hash of the whole (a name of 240 characters gave a staging name over the 255 bytes a file name may have,
     * and the run was refused as "File name too long"; so did one of 115 'é', when the limit counted characters).
     */
    static String stem(final String targetName)
    {
        return org.izhsim.core.FileNames.fitted(targetName, STEM_LIMIT);
    }

    /**
     * Registers {@code dir}, whose staging folder the caller made under {@link #LOCK} after {@link
     * #requireNotExiting}: the exit's clean-up deletes it.
     */
    static void register(final OutputDirectory dir)
    {
        OPEN.add(dir);
    }

    /**
     * Refuses, under {@link #LOCK}, to make a staging folder once the JVM's exit has begun: one made then (a Ctrl-C
     * while sim run prepared, 1 in 40 of a tester's tries) was left behind with its marker, after the line "nothing
     * was written".
     */
    static void requireNotExiting()
    {
        if (exiting)
        {
            // Given up as the process exits, whose line says that nothing was written: no second line of its own
            // (a double Ctrl-C printed this message beside that one).
            final String message = "the process is exiting (a signal): nothing more is written";
            throw new OutputDirectory.Abandoned(message, new java.io.IOException(message));
        }
    }

    static void deregister(final OutputDirectory dir)
    {
        OPEN.remove(dir);
    }

    /** Whether the exit's clean-up would abandon {@code dir} (tests). */
    static boolean isOpen(final OutputDirectory dir)
    {
        return OPEN.contains(dir);
    }

    static void abandonAll()
    {
        for (final OutputDirectory dir : OPEN)
        {
            dir.abandon();
        }
    }

    /** The line of an output folder abandoned at exit, with what the run saved before it (its checkpoint). */
    static String abandonedLine(final OutputDirectory dir)
    {
        return "sim: stopped before the outputs were written; nothing was written to " + dir.asGiven() +
            " (it is as it was)" + dir.abandonNote();
    }

    /** Whether a line said already, before the exit, that nothing was written ({@link #saidAtExit}). */
    private static volatile boolean said;

    /**
     * The process's own line says that nothing was written (sim run interrupted while it prepared): the folders
     * abandoned at the exit say nothing more (one Ctrl-C printed that line and "stopped before the outputs were
     * written; nothing was written to DIR").
     */
    static void saidAtExit()
    {
        said = true;
    }

    /**
     * {@link #abandonAll()} as the JVM exits with an output still open (a second Ctrl-C, SIGHUP, a SIGTERM after the
     * first signal): one line per output says that nothing was written there; the process ended without a word.
     */
    private static void abandonAllAtExit()
    {
        synchronized (LOCK)
        {
            exiting = true;
        }
        for (final OutputDirectory dir : OPEN)
        {
            if (dir.abandon() && !said)
            {
                System.err.println(abandonedLine(dir));
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
                name.substring(prefix.length()).matches("[0-9]{1,18}-[0-9a-f]{16}");
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
                    (!Files.exists(entry.resolve(OutputMarker.FILE), LinkOption.NOFOLLOW_LINKS) ||
                        olderThan(entry.resolve(OutputMarker.FILE), EMPTY_STAGING_AGE_MS)) &&
                    new ProcessOwner(ProcessOwner.thisProcess().host(), "", pid).certainlyDead())
                {
                    sweepOwnerless(entry);
                }
            }
            else
            {
                // A set-aside old output holds its finished marker, not an owner: its pid is in the name only.
                final ProcessOwner owner = new ProcessOwner(
                    ProcessOwner.thisProcess().host(), "", pid);
                final OutputMarker.Listing listing = OutputMarker.readListing(entry).orElse(null);
                if (listing != null && owner.certainlyDead())
                {
                    // Killed between setting the old output aside and renaming the new one into place: the target is
                    // missing, and deleting this lost the previous output for good. It goes back to its name.
                    final Path target = targetOf(entry, name.group(1));
                    if (target != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS))
                    {
                        Files.move(entry, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                    else if (target != null && OutputMarker.firstChanged(entry, listing).isEmpty())
                    {
                        // The target is there (a later run's output): what a replacing run would delete anyway, unless
                        // the user changed or protected some of it since (then it stays, as a rerun leaves it).
                        NoFollowDeletion.deleteListed(entry, listing);
                    }
                    // A name too long to be read back from the hidden one (its stem is hashed): left as it is.
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // left for a later sweep
        }
    }

    /**
     * The target a hidden folder {@code .STEM.KIND-PID-RANDOM} stands beside, or null when the stem is not the whole
     * name (a name over {@link #STEM_LIMIT} characters, hashed).
     */
    private static Path targetOf(final Path entry, final String kind)
    {
        final String hidden = entry.getFileName().toString();
        final String stem = hidden.substring(1, hidden.lastIndexOf("." + kind + "-"));
        return stem.length() > STEM_LIMIT || !stem(stem).equals(stem) ? null : entry.resolveSibling(stem);
    }

    /**
     * A dead run's old staging folder with no owner in its marker: its marker never completed (0 bytes: killed while
     * writing it), or already replaced by the finished listing (killed between the listing and the rename into place).
     * Both stayed for good, a whole run's output in the second case; so did an empty folder, its marker never
     * written or already deleted (a run killed between the two, or one whose parent became read-only), and once its pid
     * was reused a later run into the target was refused as "being written by another run". What is ours goes: the
     * listed entries, the marker, the folder if nothing else is in it; anything else in it is not ours to judge and
     * stays. Only an old one (its folder and marker untouched for {@link #EMPTY_STAGING_AGE_MS}): every run's folder is
     * empty for a moment before its marker, and on a shared file system the pid in its name may be another host's.
     */
    private static void sweepOwnerless(final Path entry) throws IOException
    {
        final OutputMarker.Listing listing = OutputMarker.readListing(entry).orElse(null);
        if (listing != null)
        {
            // An uncommitted output, never in place: not compared (the user had no folder of it to change).
            NoFollowDeletion.deleteListed(entry, listing);
        }
        else
        {
            final Path marker = entry.resolve(OutputMarker.FILE);
            if (OutputMarker.isEmptyOrPartialStaging(marker))
            {
                Files.deleteIfExists(marker);
            }
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
}
