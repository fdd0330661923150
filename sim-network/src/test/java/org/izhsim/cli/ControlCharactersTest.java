package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths with control characters: a folder of the user's named with a terminal escape was echoed raw by "outputs:"
 * (the terminal turned red), and a --save-state file to be made with one was made and echoed raw by "saved the state
 * ... to".
 */
class ControlCharactersTest
{
    @TempDir
    Path tmp;

    @Test
    void aUsersFolderWithAnEscapeIsEchoedEscapedAndASaveStateToBeMadeWithOneIsRefused() throws Exception
    {
        final Path config = Path.of(ControlCharactersTest.class.getResource("/cli/small.yaml").toURI());
        final Path own = Files.createDirectories(tmp.resolve("pre\u001b[32mexist"));
        final CommandLineRun run = CommandLineRun.of("run", config.toString(), "--out", own.toString(), "--duration",
            "10");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("\u001b"), run.out());
        assertTrue(run.out().contains("  outputs: " + tmp + "/pre\\u001b[32mexist ("), run.out());
        final Path state = tmp.resolve("e\u001b[31mred.ckpt");
        final CommandLineRun save = CommandLineRun.of("run", config.toString(), "--out", tmp.resolve("o").toString(),
            "--duration", "10", "--save-state", state.toString());
        assertEquals(2, save.exitCode(), save.err());
        assertEquals("sim: --save-state " + tmp + "/e\\u001b[31mred.ckpt would make a file or folder named with control " +
            "characters (a newline, a tab, a terminal escape): give a plain name", save.errorLine());
        assertFalse(Files.exists(state));
        assertFalse(Files.exists(tmp.resolve("o")));
    }
}
