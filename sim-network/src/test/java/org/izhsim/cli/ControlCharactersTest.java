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
        // A config and a checkpoint of the user's so named: validate's line and "resumed from" escape them too.
        final Path named = Files.copy(config, tmp.resolve("c\u001b[31m.yaml"));
        final CommandLineRun validate = CommandLineRun.of("validate", named.toString());
        assertEquals(0, validate.exitCode(), validate.err());
        assertTrue(validate.out().startsWith(tmp + "/c\\u001b[31m.yaml: valid experiment"), validate.out());
        final Path plain = tmp.resolve("plain.ckpt");
        assertEquals(0, CommandLineRun.of("run", config.toString(), "--out", tmp.resolve("s").toString(), "--duration",
            "10", "--quiet", "--save-state", plain.toString()).exitCode());
        final Path odd = Files.copy(plain, tmp.resolve("k\u001b[31m.ckpt"));
        final CommandLineRun resumed = CommandLineRun.of("run", config.toString(), "--out", tmp.resolve("r").toString(),
            "--duration", "10", "--resume", odd.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertFalse(resumed.out().contains("\u001b"), resumed.out());
        assertTrue(resumed.out().contains("resumed from " + tmp + "/k\\u001b[31m.ckpt at t = 10 ms"), resumed.out());
    }
}
