package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mount point as --out (a tmpfs or a bind mount on an empty folder) cannot take the staged output: rename(2) onto
 * it fails with EBUSY, which ended a whole run with a stack trace and no outputs. It is refused before the run with
 * one line, and again at the commit if something was mounted there meanwhile. The mount itself is simulated: the
 * test tells the folder which path is a mount point.
 */
class MountPointOutputTest
{
    @TempDir
    Path parent;

    private OutputDirectory.Places places(final Path mountPoint, final AtomicBoolean mounted) throws IOException
    {
        final Path real = mountPoint.toRealPath();
        return new OutputDirectory.Places(Files.createDirectories(parent.resolve("elsewhere/work")),
            Files.createDirectories(parent.resolve("elsewhere/home")), List.of(), p -> mounted.get() && p.equals(real));
    }

    @Test
    void aMountPointAsOutputFolderIsRefusedBeforeTheRunWithOneLine() throws IOException
    {
        final Path mnt = Files.createDirectory(parent.resolve("mnt"));
        final InputException refused = assertThrows(InputException.class,
            () -> OutputDirectory.create(mnt, places(mnt, new AtomicBoolean(true))));
        assertTrue(refused.getMessage().startsWith("output folder '" + mnt + "' is a mount point"), refused.getMessage());
        assertTrue(refused.getMessage().contains(mnt.resolve("run1").toString()), refused.getMessage());
        assertEquals(List.of("elsewhere", "mnt"), OutputDirectoryTest.children(parent), "no staging folder");
        assertEquals(List.of(), OutputDirectoryTest.children(mnt));
    }

    @Test
    void aFolderMountedOnDuringTheRunIsRefusedAtTheCommitAndTheOutputsKeptBeside() throws IOException
    {
        final Path mnt = Files.createDirectory(parent.resolve("mnt"));
        final AtomicBoolean mounted = new AtomicBoolean(false);
        try (OutputDirectory dir = OutputDirectory.create(mnt, places(mnt, mounted)))
        {
            Files.writeString(dir.resolve("spikes.csv"), "t_ms,neuron\n");
            mounted.set(true);
            final InputException refused = assertThrows(InputException.class, dir::commit);
            assertTrue(refused.getMessage().contains("is a mount point"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("kept in '" + parent.resolve("mnt.kept-1") + "'"),
                refused.getMessage());
        }
        assertEquals(List.of("elsewhere", "mnt", "mnt.kept-1"), OutputDirectoryTest.children(parent),
            "no staging folder; the outputs beside the mount point");
        assertTrue(Files.isRegularFile(parent.resolve("mnt.kept-1").resolve("spikes.csv")));
        assertEquals(List.of(), OutputDirectoryTest.children(mnt));
    }

    @Test
    void aMountPointIsFoundInMountinfoWithItsEscapedSpaces()
    {
        final List<String> mountinfo = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "95 22 0:50 / /tmp/my\\040runs rw,relatime shared:40 - tmpfs tmpfs rw,size=2048k");
        assertTrue(MountPoints.listedIn(mountinfo, Path.of("/tmp/my runs")));
        assertFalse(MountPoints.listedIn(mountinfo, Path.of("/tmp/my runs/run1")));
        assertFalse(MountPoints.listedIn(mountinfo, Path.of("/tmp")));
    }

    @Test
    void anOrdinaryFolderIsNotAMountPoint() throws IOException
    {
        assertFalse(MountPoints.isMountPoint(Files.createDirectory(parent.resolve("plain")).toRealPath()));
    }
}
