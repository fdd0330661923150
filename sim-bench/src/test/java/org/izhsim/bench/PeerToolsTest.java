package org.izhsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path dir;

    /** A config named "a|b" gave its rows of bench.md a column more. */
    @Test
    void aBarInANameOrAStatusIsEscapedInTheTable()
    {
        assertEquals("a\\|b", BenchReport.cell("a|b"));
        assertEquals("failed: x y", BenchReport.cell("failed: x\ny"));
    }

    /**
     * A peer's line with a value that is no number ended the bench with a NumberFormatException's stack trace, every
     * result lost: it is that peer's failure now, as any other.
     */
    @Test
    void aPeersLineWithAValueThatIsNoNumberIsThatPeersFailure()
    {
        assertEquals(null, PeerOutput.unreadable(PeerOutput.parse(
            "x\nnetwork=dense run_s=0.000123456 build_s=0.001 cpu_s=0.0001 spikes=12\n")));
        assertEquals("its output gives run_s=abc, not a number", PeerOutput.unreadable(PeerOutput.parse(
            "run_s=abc build_s=0.001 cpu_s=0.0001 spikes=12")));
        assertEquals("its output gives spikes=1e99, not a count", PeerOutput.unreadable(PeerOutput.parse(
            "run_s=1 build_s=0.001 cpu_s=0.0001 spikes=1e99")));
        assertEquals("its output gives cpu_s=-1, not a time in seconds", PeerOutput.unreadable(PeerOutput.parse(
            "run_s=1 build_s=0.001 cpu_s=-1 spikes=3")));
        assertEquals("its output gives build_s=(nothing), not a time in seconds", PeerOutput.unreadable(
            PeerOutput.parse("run_s=1 cpu_s=1 spikes=3")));
    }

    /**
     * A gcc that hangs was waited on for 300 s by each C peer in turn (a quarter of an hour of silence for the three
     * builds of a default --peers run): after one compile times out, the others fail at once, saying so.
     */
    @Test
    void afterOneCompileTimesOutTheOthersAreNotTried() throws Exception
    {
        final Path hung = Files.writeString(dir.resolve("hung-gcc"), "#!/bin/sh\nexec sleep 60\n");
        assumeTrue(hung.toFile().setExecutable(true), "cannot make a script executable here");
        final int limit = CompiledPeer.COMPILE_SECONDS;
        final String compiler = CompiledPeer.gcc;
        CompiledPeer.COMPILE_SECONDS = 1;
        CompiledPeer.gcc = hung.toString();
        try
        {
            final CompiledPeer first = new CompiledPeer(dir.resolve("a"), "izh_baseline.c", "izh", List.of("-O3"));
            first.prepare();
            assertEquals("failed: gcc: timed out after 1 s", first.unavailable());
            final long start = System.nanoTime();
            final CompiledPeer second = new CompiledPeer(dir.resolve("b"), "spnet_baseline.c", "spnet", List.of("-O3"));
            second.prepare();
            assertTrue(System.nanoTime() - start < 900_000_000L, "waited again");
            assertEquals("failed: gcc: timed out after 1 s compiling izh_baseline.c (not tried again)",
                second.unavailable());
        }
        finally
        {
            CompiledPeer.COMPILE_SECONDS = limit;
            CompiledPeer.gcc = compiler;
            CompiledPeer.forgetGccTimeout();
        }
    }

    /**
     * Our runs measure the steps after their unmeasured ones (--warmup), the C baseline measured steps 0 .. T - 1 with
     * the start-up transient: 7861 spikes on cortex2003 against our 7019 of steps 1000-1999. It now runs SKIP_MS
     * unmeasured steps first and counts, hashes and times only the measured ones.
     */
    @Test
    void theCBaselineMeasuresOnlyTheStepsAfterItsUnmeasuredOnes() throws Exception
    {
        final CompiledPeer c = new CompiledPeer(dir.resolve("peers"), "izh_baseline.c", "izh", List.of("-O3", "-pthread"));
        c.prepare();
        assumeTrue(c.binary() != null, "no gcc");
        final java.util.function.Function<List<String>, java.util.Map<String, String>> run = args ->
        {
            final List<String> command = new ArrayList<>(List.of(c.binary().toString(), "dense", "800", "200"));
            command.addAll(args);
            final ProcessRun p = ProcessRun.of(command, dir, java.util.Map.of(), 60);
            assertEquals(0, p.exitCode(), p.output());
            return PeerOutput.parse(p.output());
        };
        final java.util.Map<String, String> measured = run.apply(List.of("1000", "1", "1000"));
        final long first = Long.parseLong(run.apply(List.of("1000", "1")).get("spikes"));
        final long both = Long.parseLong(run.apply(List.of("2000", "1")).get("spikes"));
        assertEquals(both - first, Long.parseLong(measured.get("spikes")), "steps 1000-1999: " + measured);
        assertEquals("1000", measured.get("first_step"), measured.toString());
        assertEquals("1000", measured.get("steps"), measured.toString());
    }

    /**
     * A bench killed outright (kill -9, the OOM killer) runs no shutdown hook: Brian2's script, its make and g++ ran on
     * orphaned for a minute, then the simulation, and wrote 25 MB into the dead run's folder. A peer's standard input is
     * a pipe from the bench's JVM; its end (here closed by hand, as the kernel closes it when the JVM dies) ends the
     * peer and all it started.
     */
    @Test
    void peersEndWithTheirChildrenWhenTheBenchsPipeCloses() throws Exception
    {
        final CBaselinePeer c = new CBaselinePeer(dir.resolve("peers"));
        c.prepare();
        assumeTrue(c.binary() != null, "no gcc");
        // 10,000 neurons for 10^7 steps: hours, unless it ends with the pipe.
        endsWithItsPipe(List.of(c.binary().toString(), "sparse", "8000", "2000", "10000000", "1", "100", "20"), false);

        final Brian2Peer brian = new Brian2Peer(dir.resolve("peers"));
        brian.prepare();
        if (brian.python() != null)
        {
            // Closed while make and its compilers run: they end too.
            endsWithItsPipe(List.of(brian.python(), brian.script().toString(), "--network", "sparse", "--exc", "800",
                "--inh", "200", "--k", "100", "--max-delay", "20", "--steps", "10000000", "--threads", "1",
                "--dir", dir.resolve("brian2-project").toString()), true);
        }
    }

    /** Starts {@code command} as the bench does, closes its standard input, and requires it (and its tree) to end. */
    private static void endsWithItsPipe(final List<String> command, final boolean waitForChildren) throws Exception
    {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(ProcessRun.WATCH_STDIN, "1");
        final Process process = builder.start();
        final List<ProcessHandle> tree = new ArrayList<>();
        try
        {
            final long until = System.nanoTime() + (waitForChildren ? 120_000_000_000L : 500_000_000L);
            while (System.nanoTime() < until && process.isAlive() &&
                (!waitForChildren || process.descendants().noneMatch(p -> p.info().command().orElse("").endsWith("cc1plus"))))
            {
                Thread.sleep(50);
            }
            assertTrue(process.isAlive(), command.get(0) + " runs until its pipe closes");
            tree.add(process.toHandle());
            tree.addAll(process.descendants().toList());
            // make and its compilers, or (they may have just finished) the compiled simulation.
            assertTrue(!waitForChildren || tree.size() > 1, "a child of the script runs: " + tree);
            process.getOutputStream().close();
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertFalse(tree.stream().anyMatch(ProcessHandle::isAlive),
                "ended within 5 s of the pipe's end: " + tree.stream().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().command().orElse("?")).toList());
        }
        finally
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
