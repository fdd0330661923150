package org.izhsim;

import java.io.IOException;

/** Processes for the tests of the sweeps that tell a dead writer's leftovers from a live one's. */
public final class TestProcesses
{
    private TestProcesses()
    {
    }

    /** The pid of a process that has ended (until the system reuses it, which takes far longer than a test). */
    public static long endedPid() throws IOException, InterruptedException
    {
        final Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }

    /** A process that lives for a minute unless destroyed. */
    public static Process sleeping() throws IOException
    {
        return new ProcessBuilder("sleep", "60").start();
    }
}
