package org.izhsim.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.izhsim.core.InputException;
import org.izhsim.core.ProcessOwner;

/**
 * An output folder that appears all at once or not at all, and that never costs the user a file. Files are
 * written into a hidden sibling {@code .NAME.tmp-PID-RANDOM} (same parent, so the same file system);
 * {@link #commit()} renames it onto the target; {@link #close()} without a commit deletes it. A run that
 * fails half way therefore leaves neither a partial target nor a staging folder.
 * <p>
 * Every folder written carries a marker ({@link OutputMarker#FILE}) listing what the program wrote. An
 * existing target is used only if it is empty or is such a folder holding nothing but its listed entries;
 * then only the listed entries of the old folder are deleted. Any other target is refused before the run
 * starts ({@link #create}) and again at {@link #commit()}, with one line naming what is in the way: a folder
 * with anything else in it, the working folder or a folder containing it, the home folder, the file-system
 * root, a folder holding one of the run's input files, a symbolic link.
 *
 * <pre>{@code
 * try (OutputDirectory out = OutputDirectory.create(Path.of("out/run1"), List.of(configFile)))
 * {
 *     NpyWriter.writeInt32(out.resolve("ids.npy"), ids, n);
 *     out.commit();
 * }
 * }</pre>
 */
public final class OutputDirectory implements AutoCloseable
{
    /** How often a commit re-inspects a target that another process changed between inspection and rename. */
    private static final int COMMIT_ATTEMPTS = 3;
    /** How often the staging folder is tried when its parent vanished meanwhile (another run removed it). */
    private static final int STAGING_ATTEMPTS = 3;
    private static final Object COMMITS = new Object();

    private final Path asGiven;
    private final Path target;
    private final Path staging;
    private final Places places;
    /** The missing parent folders this run created for the target, deepest first: removed again if it fails. */
    private List<Path> createdParents = List.of();
    private boolean committed;
    private volatile boolean abandoned;

    /**
     * The folders a target must not be or contain: where the process runs, the user's home, the run's inputs.
     * Tests pass their own.
     */
    record Places(Path workingFolder, Path home, List<Path> inputs, Predicate<Path> mountPoint, String command)
    {
        Places(final Path workingFolder, final Path home, final List<Path> inputs)
        {
            this(workingFolder, home, inputs, MountPoints::isMountPoint, null);
        }

        Places(final Path workingFolder, final Path home, final List<Path> inputs, final Predicate<Path> mountPoint)
        {
            this(workingFolder, home, inputs, mountPoint, null);
        }

        static Places ofThisProcess(final Collection<Path> inputs, final String command)
        {
            return new Places(Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")),
                List.copyOf(inputs), MountPoints::isMountPoint, command);
        }
    }

    private OutputDirectory(final Path asGiven, final Path target, final Path staging, final Places places)
    {
        this.asGiven = asGiven;
        this.target = target;
        this.staging = staging;
        this.places = places;
    }

    /**
     * The command an output folder of a network run records (`sim run` and the explorer's runs write the same
     * outputs): another command's folder is not replaced by it, nor its by another.
     */
    public static final String NETWORK_RUN = "sim run";

    /** {@link #create(Path, Collection)} for a run without input files. */
    public static OutputDirectory create(final Path target)
    {
        return create(target, List.of());
    }

    /**
     * Checks that {@code target} may be written and creates the staging folder next to it (and any missing
     * parent folders), after sweeping the staging folders that dead runs left in that parent.
     *
     * @param inputs files the run reads (its experiment file): a target that contains one is refused.
     * @throws InputException if the target may not be written (see the class comment), is or lies inside a
     *                        file, or its parent cannot be created or written.
     */
    public static OutputDirectory create(final Path target, final Collection<Path> inputs)
    {
        return create(target, inputs, null);
    }

    /**
     * As {@link #create(Path, Collection)} for the outputs of {@code command} ("sim run"), which the folder's marker
     * records: a folder another command wrote is refused (`sim neuron --out` a folder of `sim bench` replaced an
     * hour of peers' results). Null: any earlier output of ours may be replaced.
     */
    public static OutputDirectory create(final Path target, final Collection<Path> inputs, final String command)
    {
        return create(target, Places.ofThisProcess(inputs, command));
    }

    /**
     * The checks of {@link #create(Path, Collection)} that write nothing (the target's kind, the folders it must not
     * replace, its marker), for a command to run before its disk and memory checks: {@code --out /proc} was refused as
     * having "0 kB free", not as the mount point it is.
     */
    public static void requireUsable(final Path target, final Collection<Path> inputs, final String command)
    {
        requireWritable(target, target.toAbsolutePath().normalize(), Places.ofThisProcess(inputs, command));
    }

    /**
     * @return a warning when {@code target} holds an earlier run's outputs, which a run that writes its folder will
     *         replace (a resumed run into the default out/NAME took the first part's folder without a word), or null.
     *         Said before the run; the folder is replaced only when the run's own folder is complete.
     */
    public static String replacedOutputsWarning(final Path target)
    {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) || OutputMarker.readListing(target).isEmpty())
        {
            return null;
        }
        String when = "";
        try
        {
            when = " (written " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT)
                .format(Files.getLastModifiedTime(target.resolve(OutputMarker.FILE)).toInstant()
                    .atZone(java.time.ZoneOffset.UTC)) + ")";
        }
        catch (final IOException | RuntimeException unknown)
        {
            // Said without its time.
        }
        return "sim: warning: " + target + " holds the outputs of an earlier run" + when + ", which this run's " +
            "outputs replace when they are written; give another --out to keep them";
    }

    /**
     * For tests: run between the creation of the missing parents and that of the staging folder, where another
     * process's clean-up can remove them; null in normal use.
     */
    static volatile Runnable afterParents;

    static OutputDirectory create(final Path asGiven, final Places places)
    {
        final Path absolute = asGiven.toAbsolutePath().normalize();
        final Path parent = absolute.getParent();
        requireWritable(asGiven, absolute, places);
        final List<Path> missing = new ArrayList<>();
        for (Path up = parent; up != null && Files.notExists(up, LinkOption.NOFOLLOW_LINKS); up = up.getParent())
        {
            missing.add(up);
        }
        try
        {
            Files.createDirectories(parent);
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot create output folder '" + asGiven + "': " + reason(ex));
        }
        StagingFolders.sweepStale(parent);
        final Runnable hook = afterParents;
        if (hook != null)
        {
            hook.run();
        }
        // The staging folder is made and registered as one step under the exit's lock, never once the exit has begun.
        synchronized (StagingFolders.LOCK)
        {
            StagingFolders.requireNotExiting();
            return createStaging(asGiven, absolute, parent, places, missing);
        }
    }

    /** {@link #create(Path, Places)} from the staging folder on, under {@link StagingFolders#LOCK}. */
    private static OutputDirectory createStaging(final Path asGiven, final Path absolute, final Path parent,
        final Places places, final List<Path> missing)
    {
        Path staging = null;
        for (int attempt = 1; staging == null; attempt++)
        {
            try
            {
                staging = createUnique(parent, StagingFolders.stagingPrefix(absolute.getFileName().toString()));
            }
            catch (final NoSuchFileException ex)
            {
                if (attempt == STAGING_ATTEMPTS)
                {
                    deleteEmptyFolders(missing);
                    throw new InputException("cannot write into '" + parent + "': " + reason(ex));
                }
                // Another run that had created the same missing parents failed and removed them: create them again.
                try
                {
                    Files.createDirectories(parent);
                }
                catch (final IOException again)
                {
                    throw new InputException("cannot create output folder '" + asGiven + "': " + reason(again));
                }
            }
            catch (final IOException ex)
            {
                deleteEmptyFolders(missing);
                throw new InputException("cannot write into '" + parent + "': " + reason(ex));
            }
        }
        final OutputDirectory dir = new OutputDirectory(asGiven, absolute, staging, places);
        dir.createdParents = List.copyOf(missing);
        StagingFolders.register(dir);
        try
        {
            OutputMarker.writeStaging(staging, ProcessOwner.thisProcess());
        }
        catch (final IOException ex)
        {
            dir.close();
            throw new InputException("cannot write into '" + parent + "': " + reason(ex));
        }
        // Two runs into one folder both committed, the later replacing the earlier's outputs without a word. Checked
        // after this run's staging folder exists, so of two runs started together at least one sees the other.
        final ProcessOwner other = StagingFolders.otherWriter(parent, absolute.getFileName().toString(), staging);
        if (other != null)
        {
            dir.close();
            throw new InputException("output folder '" + asGiven + "' is being written by another run (process " +
                other.pid() + (other.host().equals(ProcessOwner.thisProcess().host()) ? "" : " on " + other.host()) +
                "): wait for it to end or choose another --out");
        }
        return dir;
    }

    /**
     * A fresh folder with the permissions of any other new folder (the umask's), unlike
     * Files.createTempDirectory's owner-only ones, which the moved result would keep.
     */
    private static Path createUnique(final Path parent, final String prefix) throws IOException
    {
        while (true)
        {
            final Path dir = parent.resolve(prefix + StagingFolders.randomSuffix());
            try
            {
                final Path made = Files.createDirectory(dir);
                if (!Files.isWritable(made))
                {
                    // A umask of 0222: this run's own new folders are not writable to it. It was "cannot write into
                    // '<the parent>'", which was writable.
                    Files.deleteIfExists(made);
                    throw new InputException("the folders this run makes are not writable to it (a umask that takes " +
                        "the owner's write bit, such as 0222): set one that keeps it, such as 022, and run again");
                }
                return made;
            }
            catch (final FileAlreadyExistsException ex)
            {
                // another folder took the name: draw again
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
     * @throws IllegalStateException once committed (RunOutputs.writeTo on a committed folder failed with "cannot
     *         create .../.o1.tmp-823-.../spikes.csv", the staging folder gone).
     */
    public Path resolve(final String name)
    {
        if (committed)
        {
            throw new IllegalStateException(target + " is already committed: its files are written before commit()");
        }
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
     * The failure to report when writing into this folder failed (a full disk, a read-only or removed folder),
     * naming the target rather than the hidden staging folder: {@code writing the outputs to 'out/x' failed:
     * cannot write spikes.csv: No space left on device; nothing was written there}. The caller rethrows it;
     * {@link #close()} then deletes the unfinished staging folder.
     */
    public UncheckedIOException failed(final Exception ex)
    {
        final IOException root = IoFailures.rootIoException(ex);
        if (committed)
        {
            return ex instanceof UncheckedIOException unchecked ? unchecked :
                new UncheckedIOException(IoFailures.describe(ex), root != null ? root : new IOException(ex));
        }
        final String detail;
        if (abandoned)
        {
            // The process is exiting (a second signal) and deleted the folder under this write: not someone's doing.
            detail = "it was given up as the process stopped (a second signal)";
        }
        else if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS))
        {
            detail = "its unfinished folder " + staging + " was deleted or moved during the run";
        }
        else
        {
            detail = IoFailures.describe(ex).replace(staging + staging.getFileSystem().getSeparator(), "")
                .replace(staging.toString(), "the unfinished folder");
        }
        final String message = "writing the outputs to '" + asGiven + "' failed: " + detail + "; nothing was written there";
        final IOException cause = root != null ? root : new IOException(detail, ex);
        return abandoned ? new Abandoned(message, cause) : new IoFailures.Described(message, cause);
    }

    /**
     * A write given up because the process is exiting (a second signal): the exit's own line has said that nothing was
     * written (StagingFolders), so the command prints no second one calling it a failed write.
     */
    public static final class Abandoned extends IoFailures.Described
    {
        private static final long serialVersionUID = 1L;

        Abandoned(final String message, final IOException cause)
        {
            super(message, cause);
        }
    }

    /**
     * Lists what was written in the folder's marker and moves the folder into place. The target is checked
     * again: if it has become something that may not be replaced, the finished folder is kept beside it as
     * {@code NAME.kept-N} and this throws an {@link InputException} naming it (when even that rename fails,
     * {@link #close()} deletes the staging folder). An earlier output of ours is renamed aside, checked
     * once more, replaced, and its listed entries deleted; if the swap fails the old folder is put back.
     */
    public synchronized void commit()
    {
        if (committed || abandoned)
        {
            throw new IllegalStateException(target + (committed ? " is already committed" : " was abandoned at exit"));
        }
        try
        {
            // The folder in place takes the mode of the folder it replaces, if any (moveIntoPlace, replace).
            final PosixFileAttributes replaced = posixAttributes(target);
            OutputMarker.writeListing(staging, places.command(), replaced != null ?
                replaced.permissions().contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE) :
                !OutputMarker.readOnly(staging));
            // One commit at a time in this process, so that two runs into one target both succeed; between
            // processes a commit that finds the target changed looks again, or is refused without deleting.
            synchronized (COMMITS)
            {
                for (int attempt = 1; ; attempt++)
                {
                    try
                    {
                        moveIntoPlace();
                        break;
                    }
                    catch (final IOException ex)
                    {
                        if (attempt == COMMIT_ATTEMPTS || !Files.exists(target, LinkOption.NOFOLLOW_LINKS))
                        {
                            throw ex;
                        }
                    }
                }
            }
            committed = true;
            StagingFolders.deregister(this);
        }
        catch (final InputException refused)
        {
            // The target became something that may not be replaced while the run ran (a file of yours appeared in
            // it): the finished outputs are kept beside it rather than deleted with the staging folder.
            final Path kept = keepAside();
            if (kept == null)
            {
                throw refused;
            }
            throw new InputException(refused.getMessage() + "; the finished outputs are kept in '" + kept + "'");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot move " + staging + " to " + target + ": " + reason(ex), ex);
        }
    }

    /**
     * Renames the staging folder to the first free {@code NAME.kept-N} beside the target (never over an existing
     * entry) and gives it as the user named the target's folder; null when that fails too (then {@link #close()}
     * deletes it).
     */
    private Path keepAside()
    {
        for (int n = 1; n <= 1000; n++)
        {
            final String name = target.getFileName() + ".kept-" + n;
            try
            {
                // Without REPLACE_EXISTING the move fails on an existing entry.
                Files.move(staging, target.resolveSibling(name));
                committed = true;
                StagingFolders.deregister(this);
                return asGiven.resolveSibling(name);
            }
            catch (final FileAlreadyExistsException | DirectoryNotEmptyException ex)
            {
                // taken: try the next number
            }
            catch (final IOException | RuntimeException ex)
            {
                return null;
            }
        }
        return null;
    }

    private void moveIntoPlace() throws IOException
    {
        final Optional<OutputMarker.Listing> own = requireWritable(asGiven, target, places);
        if (own.isPresent())
        {
            replace();
        }
        else
        {
            // Absent or an empty folder: rename(2) creates the target or replaces an empty folder atomically,
            // and fails if a file has appeared in it meanwhile. The empty folder is the user's: its mode, owner and
            // group go to the folder that replaces it (a 555 folder came back 755, another user's came back ours).
            final PosixFileAttributes before = posixAttributes(target);
            move(staging, target);
            if (before != null)
            {
                restore(target, before);
            }
        }
    }

    /** The POSIX attributes of an existing folder, or null (absent, or a file system without them). */
    private static PosixFileAttributes posixAttributes(final Path folder)
    {
        try
        {
            return Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return null;
        }
    }

    /** Gives {@code folder} the permissions, owner and group of {@code before}, as far as this process may. */
    private static void restore(final Path folder, final PosixFileAttributes before)
    {
        final PosixFileAttributeView view =
            Files.getFileAttributeView(folder, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try
        {
            if (!before.group().equals(view.readAttributes().group()))
            {
                view.setGroup(before.group());
            }
            if (!before.owner().equals(view.readAttributes().owner()))
            {
                view.setOwner(before.owner());
            }
            view.setPermissions(before.permissions());
        }
        catch (final IOException | RuntimeException ex)
        {
            // Only a process that could not have replaced another's folder (it must write its parent) gets here,
            // and the outputs are complete: said, not fatal.
            System.err.println("sim: warning: " + folder + " keeps this process's owner or mode, not the " +
                "folder's it replaced: " + (ex instanceof IOException io ? reason(io) : String.valueOf(ex.getMessage())));
        }
    }

    /**
     * Deletes the staging folder unless committed; safe to call more than once.
     */
    @Override
    public synchronized void close()
    {
        if (committed || abandoned || closed)
        {
            return;
        }
        // Registered until deleted: the exit's clean-up waits for this (both hold this folder's lock) and the JVM halts
        // after it. Deregistered first, the exit (a second Ctrl-C while an interrupted run cleaned up) found nothing to
        // wait for and halted the JVM mid-deletion, leaving the folder with its marker (1 in 60 of a tester's tries).
        final Runnable hook = duringClose;
        if (hook != null)
        {
            hook.run();
        }
        if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS))
        {
            try
            {
                NoFollowDeletion.deleteTree(staging);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete " + staging + ": " + reason(ex), ex);
            }
        }
        closed = true;
        StagingFolders.deregister(this);
        deleteCreatedParents();
    }

    /** For tests: run by {@link #close} before it deletes the staging folder; null in normal use. */
    static volatile Runnable duringClose;

    /** Whether {@link #close} deleted the staging folder: nothing is left for the exit to abandon. */
    private boolean closed;

    /**
     * Removes the parent folders {@link #create} made for a run that ended without a commit, deepest first, each
     * only while empty: a failed or interrupted {@code --out a/b/run} left the empty folders a/b behind.
     */
    private void deleteCreatedParents()
    {
        deleteEmptyFolders(createdParents);
    }

    /** Deletes the folders in order while each is empty; stops at the first that is not. */
    private static void deleteEmptyFolders(final List<Path> folders)
    {
        for (final Path folder : folders)
        {
            try
            {
                Files.delete(folder);
            }
            catch (final IOException | RuntimeException ex)
            {
                return; // not empty (another run's staging folder, a file of yours) or already gone: kept
            }
        }
    }

    /**
     * Deletes this process's staging folders that no commit moved, now, as the JVM's shutdown does: for a process
     * about to exit that may be killed before its shutdown hooks run (an MPI launcher ends the other ranks as soon
     * as one exits).
     */
    public static void abandonAllOpen()
    {
        StagingFolders.abandonAll();
    }

    /**
     * At JVM exit: deletes the staging folder unless {@link #commit()} moved it; waits for a commit in
     * progress on another thread, whose folder is then in place.
     */
    /**
     * What the line of an abandoned folder adds ("; s.ckpt holds the state at t = 20 ms, saved before"): a second
     * Ctrl-C after the run saved its state said only that nothing was written, of a run whose checkpoint was.
     */
    private volatile String abandonNote = "";

    /** Sets {@link #abandonNote}, "" for none. */
    public void abandonNote(final String note)
    {
        this.abandonNote = note;
    }

    String abandonNote()
    {
        return abandonNote;
    }

    synchronized boolean abandon()
    {
        if (committed || abandoned || closed)
        {
            return false;
        }
        abandoned = true;
        try
        {
            NoFollowDeletion.deleteTree(outOfTheWritersWay());
        }
        catch (final IOException | RuntimeException ex)
        {
            // the next run into this parent sweeps it
            return true;
        }
        deleteCreatedParents();
        return true;
    }

    /**
     * The staging folder under a fresh staging name, so that a thread still writing outputs into it (the JVM exits
     * on a second Ctrl-C while they are written) creates no new file in it: one it created after the deletion had
     * listed the folder made that deletion fail, and the folder stayed without its marker (deleted first by then),
     * which no sweep removes. Renamed, it keeps its marker until the end and is swept if the deletion is cut short.
     * The staging folder itself when the rename fails.
     */
    private Path outOfTheWritersWay()
    {
        final Path doomed = staging.resolveSibling(StagingFolders.stagingPrefix(target.getFileName().toString()) +
            StagingFolders.randomSuffix());
        try
        {
            return Files.move(staging, doomed, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException | RuntimeException ex)
        {
            return staging;
        }
    }

    /**
     * Says, before an exit, that this process's own line tells that nothing was written: the folders the exit
     * abandons then add no line of their own.
     */
    public static void nothingWrittenSaid()
    {
        StagingFolders.saidAtExit();
    }

    /** The folder as the user named it. */
    Path asGiven()
    {
        return asGiven;
    }

    private void replace() throws IOException
    {
        final Path aside = parkAside();
        final Optional<String> problem = ownershipProblem(aside);
        if (problem.isPresent())
        {
            // It changed between our look and the rename: put it back untouched.
            putBack(aside);
            throw refusal(problem.get());
        }
        final OutputMarker.Listing listing = OutputMarker.readListing(aside).orElseThrow();
        // Another process's run of another command may have committed between our look and the rename.
        final Optional<String> other = commandProblem(listing, places.command());
        if (other.isPresent())
        {
            putBack(aside);
            throw refusal(other.get());
        }
        // The earlier output's folder kept the mode, owner and group of the user's empty folder it replaced (or that
        // the user gave it since): the new output keeps them too (a 700 folder of another user came back 755, ours).
        final PosixFileAttributes before = posixAttributes(aside);
        try
        {
            move(staging, target);
            if (before != null)
            {
                restore(target, before);
            }
        }
        catch (final IOException ex)
        {
            try
            {
                move(aside, target);
            }
            catch (final IOException taken)
            {
                // Another run's output took the target meanwhile: ours was being replaced anyway.
                deleteListed(aside, listing);
            }
            throw ex;
        }
        deleteListed(aside, listing);
    }

    private static void deleteListed(final Path aside, final OutputMarker.Listing listing)
    {
        try
        {
            NoFollowDeletion.deleteListed(aside, listing);
        }
        catch (final IOException ex)
        {
            // The new output is in place; the old one stays beside it. Said: a tester's immutable file (chattr +i) left
            // the earlier outputs in a hidden folder without a word.
            System.err.println(("sim: warning: the earlier outputs could not all be " +
                "deleted (" + ex.getMessage() + "): what is left of them is in " + aside).replaceAll("\\s*\\R\\s*", " "));
        }
    }

    /** Renames the target to a fresh hidden name in the same parent. */
    private Path parkAside() throws IOException
    {
        final String prefix = StagingFolders.asidePrefix(target.getFileName().toString());
        while (true)
        {
            final Path aside = target.resolveSibling(prefix + StagingFolders.randomSuffix());
            if (!Files.exists(aside, LinkOption.NOFOLLOW_LINKS))
            {
                move(target, aside);
                return aside;
            }
        }
    }

    private void putBack(final Path aside) throws IOException
    {
        try
        {
            move(aside, target);
        }
        catch (final IOException ex)
        {
            throw new IOException("the earlier output folder could not be put back and is now " + aside, ex);
        }
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
            // Files.move never replaces an existing target without REPLACE_EXISTING; an empty one must go first.
            if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS))
            {
                Files.delete(to);
            }
            Files.move(from, to);
        }
    }

    /** {@code path} itself if it is a folder, else its nearest existing folder above it; null if none. */
    public static Path nearestExistingFolder(final Path path)
    {
        Path existing = path.toAbsolutePath().normalize();
        while (existing != null && !Files.isDirectory(existing))
        {
            existing = existing.getParent();
        }
        return existing;
    }

    /**
     * The output folder of an earlier run that a new folder made in {@code folder} would lie inside: {@code folder}
     * itself or the nearest folder above it that holds a marker of ours, symbolic links resolved; null if none. A run's
     * folder there is refused ({@link #create}: a rerun into the earlier folder could then not replace it), so the
     * explorer refuses such an --out at start: it took it, and each network run was simulated in full and lost when
     * its folder was written.
     */
    public static Path earlierOutputHolding(final Path folder)
    {
        for (Path up = resolvedPath(folder); up != null; up = up.getParent())
        {
            if (OutputMarker.readListing(up).isPresent())
            {
                return up;
            }
        }
        return null;
    }

    /**
     * Whether {@code path} is a file-system root (/, C:\\): no run's folder may replace it, and the explorer puts no
     * runs' folders in it ({@code sim explore --out /} would have made /NAME-TIME for each run).
     */
    public static boolean isFileSystemRoot(final Path path)
    {
        // Symbolic links resolved: `sim explore --out rootlink`, a link to /, wrote a run's folder at the root.
        final Path real = resolvedPath(path);
        return real.getParent() == null || real.getFileName() == null;
    }

    /**
     * Refuses a folder on a file system that holds no files (size 0: proc, sysfs), whose "0 kB free" sent the user to
     * shorten a run that no length could write ({@code --out /proc/run1}, an explorer started with {@code --out /proc}).
     *
     * @param target the folder (it need not exist yet): its nearest existing folder's file system is asked.
     * @param what    how the message names it ("output folder", "explore --out").
     */
    public static void requireFileSystemWithRoom(final Path target, final String what)
    {
        final Path existing = nearestExistingFolder(target);
        if (existing == null)
        {
            return;
        }
        final java.nio.file.FileStore store;
        final long total;
        try
        {
            store = Files.getFileStore(existing);
            total = store.getTotalSpace();
        }
        catch (final IOException | SecurityException ex)
        {
            return;
        }
        if (total == 0)
        {
            throw new InputException(what + " '" + target + "' is on a file system that holds no files ('" + store.type() +
                "' at " + existing + ", size 0): name a folder on a disk");
        }
    }

    /**
     * @return the listing of the existing target if it is ours to replace, or empty if it is absent or an
     *         empty folder.
     * @throws InputException if the target may not be written.
     */
    private static Optional<OutputMarker.Listing> requireWritable(final Path asGiven, final Path absolute,
        final Places places)
    {
        if (isFileSystemRoot(absolute))
        {
            throw refusal(asGiven, "is the file-system root");
        }
        // A folder it would make named with an escape, a tab or a newline was made, and its name echoed raw (the
        // escape of a terminal colour turned the terminal red), where a config's name: refuses the same characters.
        if (org.izhsim.core.FileNames.makesControlCharacterNames(absolute))
        {
            throw refusal(asGiven, "would make a folder named with control characters (a newline, a tab, a " +
                "terminal escape): give a plain name");
        }
        // First: /proc was called a mount point to name a folder inside, which was then refused too.
        requireFileSystemWithRoom(asGiven, "output folder");
        requireNotFile(asGiven, absolute);
        // A path through a symbolic link to nothing: the explorer took it, ran each network whole and lost it at the
        // write ("cannot create output folder 'dl/x/...': /tmp/dl").
        for (Path up = absolute.getParent(); up != null; up = up.getParent())
        {
            final String dangling = org.izhsim.core.FileNames.danglingLink(up);
            if (dangling != null)
            {
                throw refusal(asGiven, "cannot be made: " + dangling);
            }
        }
        final Path real = realPath(absolute);
        refuseIfContains(asGiven, real, realPath(places.workingFolder().toAbsolutePath()), "the working folder");
        refuseIfContains(asGiven, real, realPath(places.home().toAbsolutePath()), "your home folder");
        for (final Path input : places.inputs())
        {
            refuseIfContains(asGiven, real, realPath(input.toAbsolutePath().normalize()),
                (Files.isDirectory(input) ? "the input folder '" : "the input file '") + input + "'");
        }
        // Inside an earlier output (not a folder it lists: that one is refused as part of it below): accepted, it made
        // that output one that no rerun could replace ("holds 'sub/', which the simulator did not write").
        final Path earlier = real.getParent() == null ? null : earlierOutputHolding(real.getParent());
        if (earlier != null && !OutputMarker.readListing(earlier).map(listing ->
            listing.dirs().contains(earlier.relativize(real).toString().replace('\\', '/'))).orElse(false))
        {
            throw refusal(asGiven, "is inside '" + earlier + "', the output folder of an earlier run, which a rerun " +
                "into it could then not replace");
        }

        final BasicFileAttributes attrs;
        try
        {
            attrs = Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (final NoSuchFileException ex)
        {
            return Optional.empty();
        }
        catch (final IOException ex)
        {
            throw refusal(asGiven, "cannot be read: " + reason(ex));
        }
        if (attrs.isSymbolicLink())
        {
            // Where it leads, said: the refusal named the link alone.
            throw refusal(asGiven, "is a symbolic link" + org.izhsim.core.FileNames.linkTarget(absolute) +
                "; name the folder itself");
        }
        if (!attrs.isDirectory())
        {
            throw new InputException("output folder '" + asGiven + "' is a file");
        }
        if (places.mountPoint().test(real))
        {
            // rename(2) cannot replace a mount point (EBUSY): the finished run would fail at its commit.
            throw refusal(asGiven, "is a mount point, which the finished run's folder cannot be moved onto; name a " +
                "folder inside it, e.g. '" + asGiven.resolve("run1") + "'");
        }
        if (isEmpty(absolute))
        {
            // The run's folder replaces it whole: a folder this user may not write into stays as it is.
            if (!Files.isWritable(absolute))
            {
                // A read-only file system is no mode or owner (root's 755 folder there was blamed on them); the
                // refusal's end names another folder once.
                if (onReadOnlyFileSystem(absolute))
                {
                    throw refusal(asGiven, "is an empty folder on a read-only file system");
                }
                throw new InputException("output folder '" + asGiven + "' is an empty folder this user may not write " +
                    "into (its mode or owner); nothing was deleted: make it writable, or choose another output folder " +
                    "(--out), e.g. a new one");
            }
            return Optional.empty();
        }
        final Optional<String> problem = ownershipProblem(absolute);
        if (problem.isPresent())
        {
            throw refusal(asGiven, problem.get());
        }
        final Optional<OutputMarker.Listing> listing = OutputMarker.readListing(absolute);
        final Optional<String> other = listing.flatMap(found -> commandProblem(found, places.command()));
        if (other.isPresent())
        {
            throw refusal(asGiven, other.get());
        }
        final Optional<String> foreign = replaceProblem(absolute);
        if (foreign.isPresent())
        {
            throw refusal(asGiven, foreign.get());
        }
        return listing;
    }

    /**
     * Why this user cannot replace an earlier run's folder, or empty. Another user's earlier run was found out only at
     * the end: in a folder with the sticky bit (/tmp) the whole run went by and then its folder could not be moved into
     * place (exit 1); elsewhere the earlier files, which this user may not delete, stayed in a hidden folder beside it
     * without a word. Unix attributes only (uid 0 may do both); elsewhere nothing is refused here.
     */
    private static Optional<String> replaceProblem(final Path dir)
    {
        try
        {
            final Path parent = dir.getParent();
            final int me = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            final int owner = (Integer)Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            final int parentOwner = (Integer)Files.getAttribute(parent, "unix:uid");
            final boolean sticky = ((Integer)Files.getAttribute(parent, "unix:mode") & 01000) != 0;
            return replaceProblem(me, owner, parentOwner, sticky, Files.isWritable(dir), parent);
        }
        catch (final IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException ex)
        {
            return Optional.empty();
        }
    }

    /** {@link #replaceProblem(Path)}'s rule, on the attributes it reads. */
    static Optional<String> replaceProblem(final int me, final int owner, final int parentOwner, final boolean stickyParent,
        final boolean writable, final Path parent)
    {
        if (me == 0 || me == owner)
        {
            return Optional.empty();
        }
        if (stickyParent && me != parentOwner)
        {
            return Optional.of("holds another user's earlier run in '" + parent + "', where only its owner may move it " +
                "(the folder's sticky bit)");
        }
        if (!writable)
        {
            return Optional.of("holds another user's earlier run, whose files this user may not delete");
        }
        return Optional.empty();
    }

    /** Why a folder another command wrote is not replaced by {@code command}, or empty (the same, or either unknown). */
    private static Optional<String> commandProblem(final OutputMarker.Listing listing, final String command)
    {
        final String earlier = listing.command();
        return earlier != null && command != null && !earlier.equals(command) ?
            Optional.of("holds the outputs of '" + earlier + "', which '" + command + "' does not replace") :
            Optional.empty();
    }

    /** @return why an existing, non-empty folder is not ours to replace, or empty if it is. */
    private static Optional<String> ownershipProblem(final Path dir)
    {
        final Optional<OutputMarker.Listing> listing = OutputMarker.readListing(dir);
        final Path outer = listing.isEmpty() ? outputFolderListing(dir) : null;
        if (outer != null)
        {
            // A feature's folder of a gallery: "holds 'spikes.csv' and was not written by the simulator".
            return Optional.of("is part of the outputs in '" + outer + "', which only a run into '" + outer +
                "' replaces");
        }
        if (listing.isEmpty())
        {
            // A marker that cannot be read was called missing ("holds '.izhsim-output', ... (no .izhsim-output marker)").
            return Optional.of("holds " + someEntries(dir) + " and was not written by the simulator (" +
                (Files.exists(dir.resolve(OutputMarker.FILE), LinkOption.NOFOLLOW_LINKS) ? "its " + OutputMarker.FILE +
                " is not a marker this simulator wrote" : "no " + OutputMarker.FILE + " marker") + ")");
        }
        return OutputMarker.firstUnlisted(dir, listing.get()).map(foreign -> foreign.endsWith(OutputMarker.CHANGED) ?
            "holds '" + foreign.substring(0, foreign.length() - OutputMarker.CHANGED.length()) + "', which the " +
            "simulator wrote but someone changed since (its size or modification time differ; a copy that did not " +
            "keep the files' times, cp -r rather than cp -a, reads as changed)" :
            foreign.equals("." + OutputMarker.READ_ONLY) ? "was made read-only since the simulator wrote it (its owner may " +
            "not write it): yours to keep" :
            foreign.endsWith("/" + OutputMarker.READ_ONLY) ? "holds the folder '" + foreign.substring(0,
            foreign.length() - OutputMarker.READ_ONLY.length()) + "', which the simulator wrote but someone made " +
            "read-only since" :
            foreign.endsWith(OutputMarker.READ_ONLY) ? "holds '" + foreign.substring(0, foreign.length() -
            OutputMarker.READ_ONLY.length()) + "', which the simulator wrote but someone made read-only since" :
            "holds '" + foreign + "', which the simulator did not write");
    }

    /** The nearest folder above {@code dir} whose marker lists it as one of its folders, or null. */
    private static Path outputFolderListing(final Path dir)
    {
        for (Path up = dir.getParent(); up != null; up = up.getParent())
        {
            final Optional<OutputMarker.Listing> listing = OutputMarker.readListing(up);
            if (listing.isPresent())
            {
                return listing.get().dirs().contains(up.relativize(dir).toString().replace('\\', '/')) ? up : null;
            }
        }
        return null;
    }

    private static void refuseIfContains(final Path asGiven, final Path target, final Path protectedPath,
        final String what)
    {
        if (protectedPath.equals(target))
        {
            throw refusal(asGiven, "is " + what);
        }
        if (protectedPath.startsWith(target))
        {
            throw refusal(asGiven, "contains " + what);
        }
    }

    /** Whether {@code folder}'s file system is mounted read-only; false when that cannot be told. */
    static boolean onReadOnlyFileSystem(final Path folder)
    {
        try
        {
            return Files.getFileStore(folder).isReadOnly();
        }
        catch (final IOException | SecurityException ex)
        {
            return false;
        }
    }

    private static InputException refusal(final Path asGiven, final String problem)
    {
        return new InputException("output folder '" + asGiven + "' " + problem +
            "; nothing was deleted: choose another output folder (--out), e.g. a new one");
    }

    private InputException refusal(final String problem)
    {
        return refusal(asGiven, problem);
    }

    private static void requireNotFile(final Path asGiven, final Path absolute)
    {
        for (Path p = absolute; p != null; p = p.getParent())
        {
            if (Files.exists(p) && !Files.isDirectory(p))
            {
                // A device or a FIFO by its kind: /dev/null was "a file".
                final String kind = Files.isRegularFile(p) ? "a file" : "not a folder but a device, pipe or socket";
                throw new InputException(p.equals(absolute)
                    ? "output folder '" + asGiven + "' is " + kind
                    : "output folder '" + asGiven + "' is inside '" + p + "', which is " + kind);
            }
        }
    }

    /**
     * Whether {@code name} is a file this program wrote into the finished output folder {@code folder}: the folder
     * (not a link) has our marker, its listing names the file, and the file is a regular file, not a link. The
     * explorer serves these only (it served whatever lay two folders deep under its out folder, links followed).
     */
    public static boolean wrote(final Path folder, final String name)
    {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) ||
            !Files.isRegularFile(folder.resolve(name), LinkOption.NOFOLLOW_LINKS))
        {
            return false;
        }
        return OutputMarker.readListing(folder).map(listing -> listing.files().contains(name)).orElse(false);
    }

    /**
     * {@code path} absolute and normalised, with the symbolic links of its longest existing prefix resolved: what
     * to compare to tell whether one path lies inside another.
     */
    public static Path resolvedPath(final Path path)
    {
        return realPath(path.toAbsolutePath().normalize());
    }

    /** The real path of the longest existing prefix, with the rest appended: symbolic links resolved. */
    private static Path realPath(final Path absolute)
    {
        Path existing = absolute;
        while (existing != null)
        {
            try
            {
                return existing.toRealPath().resolve(existing.relativize(absolute));
            }
            catch (final IOException ex)
            {
                existing = existing.getParent();
            }
        }
        return absolute;
    }

    private static boolean isEmpty(final Path dir)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
        {
            return !entries.iterator().hasNext();
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot read output folder '" + dir + "': " + reason(ex));
        }
    }

    /** Up to three entries, for the message; the listing stops early in a folder of any size. */
    private static String someEntries(final Path dir)
    {
        final List<String> names = new ArrayList<>();
        int more = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
        {
            for (final Path entry : entries)
            {
                if (names.size() < 3)
                {
                    names.add("'" + entry.getFileName() + (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? "/'" : "'"));
                }
                else if (++more == 1000)
                {
                    break;
                }
            }
        }
        catch (final IOException ex)
        {
            return "entries that cannot be listed";
        }
        names.sort(null);
        return String.join(", ", names) + (more == 0 ? "" : more == 1000 ? " and 1000+ more" : " and " + more + " more");
    }

    /**
     * The system's reason without the path its message repeats: every message here names the folder already ("output
     * folder 'xxx...' cannot be read: FileSystem (/abs/xxx...: File name too long)" printed a long path twice).
     */
    private static String reason(final IOException ex)
    {
        return IoFailures.reason(ex);
    }
}
