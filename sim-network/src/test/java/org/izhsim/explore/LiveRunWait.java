package org.izhsim.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests' wait for a live run's end: a minute at most, then the test fails saying {@code what} did not happen. */
final class LiveRunWait
{
    private LiveRunWait()
    {
    }

    static void untilEnded(final LiveRun live, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (live.isRunning())
        {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10);
        }
    }
}
