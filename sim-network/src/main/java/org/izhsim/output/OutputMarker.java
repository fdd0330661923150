package org.izhsim.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.izhsim.core.ProcessOwner;

/**
 * The {@value #FILE} file that marks a folder as the simulator's own. In a finished output folder it lists
 * every file and folder the program wrote there; a later run replaces the folder only while it holds
 * nothing else, and then deletes only what is listed. In a staging folder it names the process writing it
 * (host, boot, pid), so that the next run can tell a dead run's leftovers from a live run's work.
 */
final class OutputMarker
{
    static final String FILE = ".izhsim-output";
    private static final String OUTPUT_HEADER = "izhsim output folder v1";
    private static final String STAGING_HEADER = "izhsim staging folder v1";
    /** The line naming the command that wrote a finished folder, e.g. "command sim bench". */
    private static final String COMMAND = "command ";
    private static final String EXPLANATION =
        "# Written by izhsim. A later run may replace this folder only while it holds nothing but the entries below.";
    /**
     * The line giving a listed file's size, modification time (ms) and owner-write bit as written: "stat 2048
     * 1765112345678 w summary.json". A file whose size or time differ was changed by someone else since, one whose
     * owner may no longer write it was made read-only, and neither is replaced (a tester's edited summary.json was).
     * Markers before 2026-12-07 have none: their files are not compared.
     */
    private static final String STAT = "stat ";
    /** The line giving whether the folder itself was writable by its owner when written: "folder w" or "folder r". */
    private static final String FOLDER = "folder ";
    /** The line giving whether a listed subfolder was writable by its owner when written: "dirmode w sub". */
    private static final String DIRMODE = "dirmode ";
    /** Our listings are a few hundred bytes; a larger file is not ours and is not read into memory. */
    private static final long MAX_BYTES = 1 << 20;

    private OutputMarker()
    {
    }

    /**
     * The entries a finished output folder's marker lists, as '/'-separated paths relative to the folder, and the
     * command that wrote it ("sim bench"; null in markers before 2026-12-06 and for Java API runs).
     */
    record Listing(Set<String> files, Set<String> dirs, String command, java.util.Map<String, long[]> stats,
        Boolean folderWritable, java.util.Map<String, Boolean> dirsWritable)
    {
        Listing(final Set<String> files, final Set<String> dirs, final String command)
        {
            this(files, dirs, command, java.util.Map.of(), null, java.util.Map.of());
        }

        /**
         * Whether the folder {@code dir} (the listing's own, {@code relative} null, or a listed subfolder) was made
         * read-only since: chmod 555 left a rerun's earlier output in a hidden folder. A marker that does not say how it
         * was written (before 2026-12-07): read-only now is enough.
         */
        boolean folderMadeReadOnly(final String relative, final Path dir)
        {
            return !Boolean.FALSE.equals(relative == null ? folderWritable : dirsWritable.get(relative)) &&
                readOnly(dir);
        }

        /**
         * {@link #CHANGED} when the listed file's size or time differ from the listing's, {@link #READ_ONLY} when its
         * owner could write it then and may not now (chmod 444: deleting it needs only the folder's permission, and a
         * rerun deleted a tester's protected spikes.csv), else null; null for a file listed without them.
         */
        String fileChange(final String relative, final Path file, final BasicFileAttributes attrs)
        {
            final long[] written = stats.get(relative);
            if (written == null)
            {
                return null;
            }
            if (written[0] != attrs.size() || written[1] != attrs.lastModifiedTime().toMillis())
            {
                return CHANGED;
            }
            return written[2] == 1 && readOnly(file) ? READ_ONLY : null;
        }
    }

    static void writeStaging(final Path dir, final ProcessOwner owner) throws IOException
    {
        Files.writeString(dir.resolve(FILE), STAGING_HEADER + "\nhost " + owner.host() + "\nboot " + owner.boot() +
            "\npid " + owner.pid() + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Replaces the staging marker by the listing of everything {@code dir} now holds and, when not null, the command
     * that wrote it.
     */
    static void writeListing(final Path dir, final String command) throws IOException
    {
        writeListing(dir, command, !readOnly(dir));
    }

    /**
     * {@link #writeListing(Path, String)} for a folder that will have the owner-write bit {@code folderWritable} when in
     * place (a folder that replaces the user's empty one, or an earlier output, takes that folder's mode: written from
     * the staging folder's, a 555 one's rerun was refused as "made read-only since").
     */
    static void writeListing(final Path dir, final String command, final boolean folderWritable) throws IOException
    {
        final Set<String> entries = new TreeSet<>();
        final java.util.Map<String, String> stats = new java.util.TreeMap<>();
        final java.util.Map<String, String> dirModes = new java.util.TreeMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(final Path sub, final BasicFileAttributes attrs)
            {
                if (!sub.equals(dir) && add("dir ", sub))
                {
                    dirModes.put(relative(dir, sub), DIRMODE + (readOnly(sub) ? "r" : "w") + " " + relative(dir, sub));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs)
            {
                // Only plain files: anything else in the folder was not written by us and stays unlisted.
                if (attrs.isRegularFile() && !file.equals(dir.resolve(FILE)))
                {
                    if (add("file ", file))
                    {
                        stats.put(relative(dir, file), STAT + attrs.size() + " " +
                            attrs.lastModifiedTime().toMillis() + " " + (readOnly(file) ? "r" : "w") + " " +
                            relative(dir, file));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            private boolean add(final String kind, final Path entry)
            {
                final String relative = relative(dir, entry);
                if (isPlainRelative(relative))
                {
                    entries.add(kind + relative);
                    return true;
                }
                return false;
            }
        });
        final List<String> lines = new ArrayList<>(List.of(OUTPUT_HEADER, EXPLANATION));
        if (command != null)
        {
            lines.add(COMMAND + command);
        }
        lines.addAll(entries);
        lines.addAll(stats.values());
        lines.addAll(dirModes.values());
        // The folder's own owner-write bit as it will be (a umask of 0222 makes it and the files read-only from the start).
        lines.add(FOLDER + (folderWritable ? "w" : "r"));
        Files.write(dir.resolve(FILE), lines, StandardCharsets.UTF_8);
    }

    /** @return the listing of a finished output folder, or empty if it has no valid marker of ours. */
    static Optional<Listing> readListing(final Path dir)
    {
        final List<String> lines = read(dir);
        if (lines.isEmpty() || !lines.get(0).equals(OUTPUT_HEADER))
        {
            return Optional.empty();
        }
        final Set<String> files = new TreeSet<>();
        final Set<String> dirs = new TreeSet<>();
        final java.util.Map<String, long[]> stats = new java.util.HashMap<>();
        Boolean folderWritable = null;
        final java.util.Map<String, Boolean> dirsWritable = new java.util.HashMap<>();
        String command = null;
        for (final String line : lines.subList(1, lines.size()))
        {
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            if (line.equals(FOLDER + "w") || line.equals(FOLDER + "r"))
            {
                folderWritable = line.endsWith("w");
                continue;
            }
            if (line.startsWith(DIRMODE) && line.length() > DIRMODE.length() + 2 &&
                (line.charAt(DIRMODE.length()) == 'w' || line.charAt(DIRMODE.length()) == 'r') &&
                line.charAt(DIRMODE.length() + 1) == ' ')
            {
                final String sub = line.substring(DIRMODE.length() + 2);
                if (!isPlainRelative(sub))
                {
                    return Optional.empty();
                }
                dirsWritable.put(sub, line.charAt(DIRMODE.length()) == 'w');
                continue;
            }
            if (line.startsWith(STAT))
            {
                // "stat SIZE TIME r|w PATH"; from 180697d to 443f7ce (2026-12-07) without the r|w, taken as w.
                final boolean withMode = line.matches("stat [0-9]{1,19} -?[0-9]{1,19} [rw] .*");
                final String[] parts = line.split(" ", withMode ? 5 : 4);
                final String path = parts[parts.length - 1];
                if (parts.length != (withMode ? 5 : 4) || !parts[1].matches("[0-9]{1,19}") ||
                    !parts[2].matches("-?[0-9]{1,19}") || !isPlainRelative(path))
                {
                    return Optional.empty();
                }
                try
                {
                    // {size, time, 1 when its owner could write it}
                    stats.put(path, new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                        !withMode || parts[3].equals("w") ? 1 : 0});
                }
                catch (final NumberFormatException ex)
                {
                    return Optional.empty();
                }
                continue;
            }
            if (line.startsWith(COMMAND) && command == null)
            {
                command = line.substring(COMMAND.length());
                continue;
            }
            final boolean file = line.startsWith("file ");
            if (!file && !line.startsWith("dir "))
            {
                return Optional.empty();
            }
            final String entry = line.substring(file ? 5 : 4);
            if (!isPlainRelative(entry))
            {
                return Optional.empty();
            }
            (file ? files : dirs).add(entry);
        }
        if (!files.containsAll(stats.keySet()))
        {
            return Optional.empty();
        }
        return Optional.of(new Listing(files, dirs, command, java.util.Map.copyOf(stats), folderWritable,
            java.util.Map.copyOf(dirsWritable)));
    }

    /**
     * Whether {@code marker} is a staging marker cut short (0 bytes, or the start of the text {@link #writeStaging}
     * writes): a process killed while writing it.
     */
    static boolean isEmptyOrPartialStaging(final Path marker)
    {
        try
        {
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > 4096)
            {
                return false;
            }
            final String text = Files.readString(marker, StandardCharsets.UTF_8);
            return STAGING_HEADER.startsWith(text) || text.startsWith(STAGING_HEADER + "\n") && text.lines()
                .skip(1).allMatch(line -> line.matches("(host|boot|pid)( .*)?|h|ho|hos|b|bo|boo|p|pi"));
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return false;
        }
    }

    /** @return the owner named by a staging folder's marker, or empty if it has no valid one. */
    static Optional<ProcessOwner> readStagingOwner(final Path dir)
    {
        final List<String> lines = read(dir);
        if (lines.size() != 4 || !lines.get(0).equals(STAGING_HEADER) || !lines.get(1).startsWith("host ") ||
            !lines.get(2).startsWith("boot ") || !lines.get(3).matches("pid [0-9]{1,18}"))
        {
            return Optional.empty();
        }
        return Optional.of(new ProcessOwner(lines.get(1).substring(5), lines.get(2).substring(5),
            Long.parseLong(lines.get(3).substring(4))));
    }

    /**
     * @return the first entry of {@code dir} (relative, a folder with a trailing '/') that the listing does not
     *         name with its kind, or whose size or modification time differ from those the listing gives (then
     *         followed by {@link #CHANGED}), or empty if the folder holds nothing but the listed entries, as they
     *         were written, and the marker. Symbolic links are never listed, so a link is always foreign.
     */
    static Optional<String> firstUnlisted(final Path dir, final Listing listing)
    {
        final String[] found = new String[1];
        try
        {
            Files.walkFileTree(dir, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult preVisitDirectory(final Path sub, final BasicFileAttributes attrs)
                {
                    if (sub.equals(dir))
                    {
                        if (listing.folderMadeReadOnly(null, dir))
                        {
                            found[0] = "." + READ_ONLY;
                            return FileVisitResult.TERMINATE;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    final String relative = relative(dir, sub);
                    if (listing.dirs().contains(relative))
                    {
                        // A gallery's feature folder made read-only: its files were left in a hidden folder.
                        if (listing.folderMadeReadOnly(relative, sub))
                        {
                            found[0] = relative + "/" + READ_ONLY;
                            return FileVisitResult.TERMINATE;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    found[0] = relative + "/";
                    return FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs)
                {
                    final String relative = relative(dir, file);
                    if (attrs.isRegularFile() && (listing.files().contains(relative) || relative.equals(FILE)))
                    {
                        final String change = listing.fileChange(relative, file, attrs);
                        if (change != null)
                        {
                            found[0] = relative + change;
                            return FileVisitResult.TERMINATE;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    found[0] = relative;
                    return FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(final Path file, final IOException ex)
                {
                    found[0] = relative(dir, file) + " (unreadable)";
                    return FileVisitResult.TERMINATE;
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return Optional.ofNullable(found[0]);
    }

    /**
     * The first listed entry of {@code dir} changed or made read-only since the listing was written (as {@link
     * #firstUnlisted} finds them), or empty: a sweep of a left-over folder deleted such files without a word (a
     * tester's edited and 444 files in a set-aside earlier output).
     */
    static Optional<String> firstChanged(final Path dir, final Listing listing)
    {
        if (listing.folderMadeReadOnly(null, dir))
        {
            return Optional.of(".");
        }
        for (final String sub : listing.dirs())
        {
            final Path path = dir.resolve(sub);
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && listing.folderMadeReadOnly(sub, path))
            {
                return Optional.of(sub + "/");
            }
        }
        for (final String file : listing.files())
        {
            final Path path = dir.resolve(file);
            try
            {
                final BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
                if (attrs.isRegularFile() && listing.fileChange(file, path, attrs) != null)
                {
                    return Optional.of(file);
                }
            }
            catch (final IOException ex)
            {
                // Gone, or not ours to read: nothing to keep from a deletion that will not find it either.
            }
        }
        return Optional.empty();
    }

    /** Follows an entry {@link #firstUnlisted} found changed since it was written. */
    static final String CHANGED = " (changed)";
    /** Follows an entry {@link #firstUnlisted} found made read-only since it was written (its owner may not write it). */
    static final String READ_ONLY = " (read-only)";

    /** Whether the owner may not write {@code file} or folder (POSIX file systems; elsewhere false). */
    static boolean readOnly(final Path file)
    {
        try
        {
            return !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                .contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
        catch (final UnsupportedOperationException | IOException ex)
        {
            return false;
        }
    }

    private static List<String> read(final Path dir)
    {
        final Path marker = dir.resolve(FILE);
        try
        {
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > MAX_BYTES)
            {
                return List.of();
            }
            return Files.readAllLines(marker, StandardCharsets.UTF_8);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Unreadable or not UTF-8: not a marker we wrote.
            return List.of();
        }
    }

    private static String relative(final Path dir, final Path entry)
    {
        final StringBuilder text = new StringBuilder();
        for (final Path part : dir.relativize(entry))
        {
            text.append(text.length() == 0 ? "" : "/").append(part);
        }
        return text.toString();
    }

    /** No empty, "." or ".." segment, no control character: a path that stays inside the folder, one per line. */
    private static boolean isPlainRelative(final String relative)
    {
        if (relative.isEmpty() || relative.startsWith("/") || relative.endsWith("/") || relative.contains("//"))
        {
            return false;
        }
        for (final String segment : relative.split("/"))
        {
            if (segment.equals(".") || segment.equals(".."))
            {
                return false;
            }
        }
        return relative.chars().noneMatch(Character::isISOControl);
    }
}
