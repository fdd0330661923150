package org.izhsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sim bench --peers} stopped by a signal while a peer's tool runs, in a child JVM: the tool is a script on the
 * PATH that sends the JVM SIGTERM (as Ctrl-C sends SIGINT; a JVM started from a background job may ignore SIGINT) and
 * lives on a little, ignoring the SIGTERM of the exit's hook, so that the exit lasts a second. The bench's thread had
 * gone on meanwhile: the next peer, a failure line for each, a stack trace, and a staging folder recreated for bench.json.
 */
@EnabledOnOs(OS.LINUX)
class BenchStopTest
{
    /** Stops the JVM (its parent), then ends with a failure after 0.3 s; the exit's hook waits a second for it. */
    private static final String STOPPER = "#!/bin/sh\ntrap '' TERM\nsleep 3 &\nkill -TERM $PPID\nsleep 0.3\nexit 1\n";
    private static final String FAILS = "#!/bin/sh\necho \"$0: not this time\"\nexit 1\n";

    @TempDir
    Path dir;

    /** Ctrl-C while gcc compiles the C baseline: no more peer work, the one line, no folder left. */
    @Test
    void aStopWhileAPeerCompilesEndsTheBenchWithOneLineAndNoFolder() throws Exception
    {
        tool("gcc", STOPPER);
        final List<String> lines = stoppedBench();
        assertEquals("sim: stopped before the outputs were written; nothing was written to b (it is as it was)",
            lines.get(lines.size() - 1), String.join("\n", lines));
        for (final String line : lines)
        {
            assertTrue(line.startsWith("bench: tiny, 1 thread(s): RTF") || line.startsWith("sim: stopped"),
                "no peer ran or failed after the stop, no stack trace: " + String.join("\n", lines));
        }
        assertEquals(List.of("bin", "out.txt"), leftInDir());
    }

    /** Ctrl-C while the bench checks for Brian2 and its build tools: "Shutdown in progress" was a stack trace. */
    @Test
    void aStopDuringBrian2sAvailabilityCheckIsOneLineWithoutAStackTrace() throws Exception
    {
        tool("gcc", FAILS);
        // /usr/bin/python3 first: with Brian2 there, the check goes on to g++ and make; without it, to python3.
        for (final String name : List.of("python3", "g++", "make"))
        {
            tool(name, STOPPER);
        }
        final List<String> lines = stoppedBench();
        assertEquals("sim: stopped before the outputs were written; nothing was written to b (it is as it was)",
            lines.get(lines.size() - 1), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")),
            String.join("\n", lines));
        assertEquals(List.of("bin", "out.txt"), leftInDir());
    }

    private void tool(final String name, final String script) throws Exception
    {
        final Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve(name), script);
        Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The bench with the fake tools first on the PATH: its exit code is SIGTERM's; its output, line by line. */
    private List<String> stoppedBench() throws Exception
    {
        final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Path config = Path.of(getClass().getResource("/tiny.yaml").toURI());
        final ProcessBuilder builder = new ProcessBuilder(javaBin, "-XX:TieredStopAtLevel=1", "-cp",
            System.getProperty("java.class.path"), BenchMain.class.getName(), "--config", config.toString(),
            "--threads", "1", "--repeat", "1", "--duration", "10", "--warmup", "10", "--peers", "--out", "b")
            .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        final Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ended");
        // The scripts' own sleeps end with the exit's hook.
        Thread.sleep(300);
        final List<String> lines = Files.readAllLines(dir.resolve("out.txt"));
        assertEquals(128 + 15, process.exitValue(), String.join("\n", lines));
        return lines;
    }

    private List<String> leftInDir() throws Exception
    {
        try (var entries = Files.list(dir))
        {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
