package org.izhsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RunMpiTest
{
    @Test
    void runWithMpiGivesOneLineWithTheReasonAndWritesNothing(@TempDir final Path dir) throws IOException
    {
        final Path out = dir.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", "--mpi", "--quiet", "--out", out.toString(),
            Path.of("..", "configs", "sparse10k.yaml").toString());
        assertEquals(2, run.exitCode(), run.err());
        final int java = Runtime.version().feature();
        // sim-network's tests never have sim-mpi on their class path: on Java 22+ the module is what is missing.
        assertEquals(java < 22 ? "sim: MPI needs Java 22+; this is Java " + java + ": run ./sim with JAVA_HOME set to a " +
                "JDK 22 or newer, which builds the sim-mpi module (README, MPI ranks)" :
                "sim: no spike exchange 'mpi' on the class path: the sim-mpi module is built when Maven runs on " +
                    "JDK 22+ (JAVA_HOME=/path/to/jdk-22+ mvn -B package)",
            run.errorLine());
        assertFalse(Files.exists(out));
    }

    /** Under mpirun a failed write printed "sim: rank 0 of 2: org.izhsim.output.IoFailures$Described: ...". */
    @Test
    void aRanksFailedWriteIsOneLineWithoutAClassName()
    {
        final org.izhsim.output.IoFailures.Described failed = new org.izhsim.output.IoFailures.Described(
            "writing the outputs to 'out' failed: cannot write spikes.h5: No space left on device; nothing was " +
            "written there", new IOException("No space left on device"));
        assertEquals("sim: rank 0 of 2: writing the outputs to 'out' failed: cannot write spikes.h5: No space left " +
            "on device; nothing was written there", RunCommand.rankFailureLine(0, 2, failed));
        assertEquals("sim: rank 1 of 2: bad", RunCommand.rankFailureLine(1, 2,
            new org.izhsim.core.InputException("bad")));
        assertEquals("sim: rank 1 of 2: java.lang.IllegalStateException: x", RunCommand.rankFailureLine(1, 2,
            new IllegalStateException("x")));
    }
}
