package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.izhsim.output.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer written to standard output that the disk does not take ({@code sim neuron --json > /dev/full}, a
 * full disk) used to vanish with exit code 0: System.out swallows write errors. Now one line says so and the exit
 * code is 1. A pipe closed by its reader ({@code | head}) stays silent and successful.
 */
class LostStandardOutputTest
{
    @TempDir
    Path tmp;

    @Test
    void anAnswerThatStandardOutputCannotTakeIsReportedAndExitsNonZero() throws Exception
    {
        assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full");
        final Process sim = JavaProcess.builder(tmp, Main.class, "neuron", "--preset", "RS", "--current", "10", "--json")
            .redirectOutput(new File("/dev/full")).start();
        sim.getOutputStream().close();
        final String err = new String(sim.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(sim.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, sim.exitValue(), err);
        assertEquals("sim: cannot write to standard output: No space left on device", err.strip());
    }

    @Test
    void aPipeClosedByItsReaderIsNotAFailure() throws Exception
    {
        final Process sim = JavaProcess.start(tmp, Main.class, "neuron", "--list");
        sim.getOutputStream().close();
        // The reader leaves before the first line, as `| head -0` would.
        sim.getInputStream().close();
        final String err = new String(sim.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(sim.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, sim.exitValue(), err);
        assertEquals("", err);
    }
}
