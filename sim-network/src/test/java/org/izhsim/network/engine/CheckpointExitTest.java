package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.izhsim.output.JavaProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --save-state claimed once the JVM's exit has begun makes nothing: its folders were made before the exit's lock
 * was taken, and a second Ctrl-C between them and the claim's registration left them empty (11 of a tester's 90
 * tries with --save-state ck/a/b/s.ckpt); a first claim after the exit began had its clean-up hook refused, and left
 * its partial file.
 */
class CheckpointExitTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"loaded", "cold"})
    void aStateClaimedWhileTheJvmExitsLeavesNoFolderOrFile(final String when) throws Exception
    {
        final Process child = JavaProcess.start(tmp, ClaimStateWhileExiting.class,
            tmp.resolve("ck/a/b/s.ckpt").toString(), when);
        final String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(130, child.exitValue());
        assertTrue(said.startsWith("refused: ") && said.endsWith("the process is exiting"), said);
        try (Stream<Path> left = Files.list(tmp))
        {
            assertEquals(java.util.List.of(), left.toList(), "nothing made");
        }
    }

    /**
     * The exit deletes every partial file before any claim's folders: a claim's folders reached while its save's
     * partial file was still in them were kept, and left empty once it went (12 of a tester's 60 double Ctrl-Cs on
     * --save-state ck/a/b/s.ckpt); so were those of a claim let go of while the stop's save was under way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"held", "closed"})
    void theExitLeavesNoFolderOfAClaimWhoseSaveWasUnderWay(final String claim) throws Exception
    {
        final Process child = JavaProcess.start(tmp, ClaimAndSaveThenExit.class, tmp.toString(), claim);
        final String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals("saving", said);
        assertEquals(130, child.exitValue());
        try (Stream<Path> left = Files.list(tmp))
        {
            assertEquals(java.util.List.of(), left.toList(), "no folder left");
        }
    }
}
