package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explorer writes each run into a folder of its own: never onto an earlier run's or a user's folder. */
class LiveRunFolderTest
{
    @TempDir
    Path root;

    @Test
    void aRunFolderNameAlreadyTakenGetsTheNextFreeSuffix() throws IOException
    {
        assertEquals("cortex-20250101-120000", LiveRun.freshFolder(root, "cortex-20250101-120000"));
        Files.createDirectories(root.resolve("cortex-20250101-120000"));
        Files.writeString(root.resolve("cortex-20250101-120000-2"), "a user's file");
        Files.createSymbolicLink(root.resolve("cortex-20250101-120000-3"), root.resolve("nowhere"));
        assertEquals("cortex-20250101-120000-4", LiveRun.freshFolder(root, "cortex-20250101-120000"));
    }

    @Test
    void theOutputMarkerIsNotListedAsARunFile() throws IOException
    {
        final Path folder = Files.createDirectories(root.resolve("run"));
        Files.writeString(folder.resolve(".izhsim-output"), "izhsim output folder v1\n");
        Files.writeString(folder.resolve("spikes.csv"), "t_ms\n");
        assertEquals(List.of("spikes.csv"), RunFiles.listing(folder));
    }
}
