package org.izhsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What the peers need on the machine, and what a user is told when it is missing or when the bench is interrupted:
 * Brian2 without g++ or make failed with "Project compilation failed (error code: 32512)", naming neither.
 */
class PeerToolsTest
{
    @Test
    void aBuildToolNotOnThePathIsNamed()
    {
        assertEquals("izhsim-no-such-compiler", Brian2Peer.missingTool(List.of("sh", "izhsim-no-such-compiler")));
        assertEquals(null, Brian2Peer.missingTool(List.of("sh")));
    }

    /**
     * A peer that outlives its time limit ends with its children: an interrupted or timed-out peer left Brian2's
     * make and its compilers running, orphaned, on the shared cores.
     */
    @Test
    void aPeerThatTimesOutEndsWithItsChildren() throws Exception
    {
        final java.nio.file.Path pidFile = Files.createTempFile("izhsim-peer-child", ".pid");
        try
        {
            final ProcessRun run = ProcessRun.of(List.of("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait"), null,
                java.util.Map.of(), 1);
            assertEquals(-1, run.exitCode(), run.output());
            final long child = Long.parseLong(Files.readString(pidFile).strip());
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the peer's child ended");
            assertTrue(run.output().startsWith("timed out after 1 s"), run.output());
        }
        finally
        {
            Files.deleteIfExists(pidFile);
        }
    }
}
