package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heap too small for what no memory check foresees (sim gallery's figures under -Xmx12m, a config of 2000
 * populations read under -Xmx16m) ended in an OutOfMemoryError's stack trace: one line now, exit 1, nothing written.
 */
class OutOfHeapTest
{
    @TempDir
    Path tmp;

    @Test
    @Timeout(60)
    void runningOutOfHeapIsOneLineAndWritesNothing() throws Exception
    {
        final Path out = tmp.resolve("gallery");
        final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx8m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), "org.izhsim.cli.Main",
            "gallery", "--out", out.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(50, TimeUnit.SECONDS), "gallery ends");
        assertEquals(1, process.exitValue(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("sim: ran out of Java heap (heap limit "), err);
        // A size to try (it said -Xmx<size>): twice the heap, at least 128 MiB beside -Xmn64m.
        assertTrue(err.contains("SIM_JAVA_OPTS='-Xmx128m -Xmn64m -XX:+UseParallelGC'"), err);
        assertFalse(Files.exists(out), "nothing written");
    }
}
