package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest
{
    @TempDir
    Path parent;

    private List<String> children(final Path dir) throws IOException
    {
        try (Stream<Path> s = Files.list(dir))
        {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void filesAppearInTheTargetOnlyAtCommit() throws IOException
    {
        final Path target = parent.resolve("run");
        try (OutputDirectory out = OutputDirectory.create(target))
        {
            Files.writeString(out.resolve("a.txt"), "a");
            assertFalse(Files.exists(target));
            assertEquals(parent, out.path().getParent(), "staging is a sibling on the same file system");
            assertTrue(out.path().getFileName().toString().startsWith(".run.tmp-"));
            out.commit();
        }
        assertEquals(List.of("run"), children(parent));
        assertEquals("a", Files.readString(target.resolve("a.txt")));
    }

    @Test
    void closingWithoutCommitLeavesNothingBehind() throws IOException
    {
        final Path target = parent.resolve("run");
        assertThrows(IllegalStateException.class, () ->
        {
            try (OutputDirectory out = OutputDirectory.create(target))
            {
                Files.createDirectories(out.resolve("sub"));
                Files.writeString(out.resolve("sub/partial.csv"), "t_ms\n1\n");
                throw new IllegalStateException("the run failed half way");
            }
        });
        assertEquals(List.of(), children(parent));
    }

    @Test
    void commitReplacesAnExistingFolderWholesale() throws IOException
    {
        final Path target = parent.resolve("run");
        Files.createDirectories(target.resolve("old-sub"));
        Files.writeString(target.resolve("old.txt"), "old");
        try (OutputDirectory out = OutputDirectory.create(target))
        {
            Files.writeString(out.resolve("new.txt"), "new");
            out.commit();
        }
        assertEquals(List.of("new.txt"), children(target));
        assertEquals(List.of("run"), children(parent), "no temp or old folder left");
    }

    @Test
    void missingParentsAreCreated() throws IOException
    {
        final Path target = parent.resolve("a/b/run");
        try (OutputDirectory out = OutputDirectory.create(target))
        {
            out.commit();
        }
        assertTrue(Files.isDirectory(target));
        assertEquals(List.of("run"), children(parent.resolve("a/b")));
    }

    @Test
    void aTargetThatIsAFileIsAOneLineInputError() throws IOException
    {
        final Path file = Files.writeString(parent.resolve("taken"), "x");
        final InputException e = assertThrows(InputException.class, () -> OutputDirectory.create(file));
        assertEquals("output folder '" + file + "' is a file", e.getMessage());
        final InputException below = assertThrows(InputException.class, () -> OutputDirectory.create(file.resolve("run")));
        assertTrue(below.getMessage().contains("which is a file"), below.getMessage());
        assertFalse(below.getMessage().contains("\n"));
        assertEquals(List.of("taken"), children(parent));
    }

    @Test
    void aFileThatAppearsAtTheTargetDuringTheRunFailsTheCommitAndCleansUp() throws IOException
    {
        final Path target = parent.resolve("run");
        assertThrows(InputException.class, () ->
        {
            try (OutputDirectory out = OutputDirectory.create(target))
            {
                Files.writeString(target, "someone else");
                out.commit();
            }
        });
        assertEquals(List.of("run"), children(parent));
        assertTrue(Files.isRegularFile(target));
    }
}
