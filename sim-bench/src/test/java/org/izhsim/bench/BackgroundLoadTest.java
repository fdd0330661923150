package org.izhsim.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The busy processes of {@code sim bench --background-load} end with the bench, even one killed outright.
 */
@EnabledOnOs(OS.LINUX)
class BackgroundLoadTest
{
    /** A JVM that starts two busy processes, prints their ids and waits to be killed. */
    public static final class Holder
    {
        public static void main(final String[] args) throws InterruptedException
        {
            final BackgroundLoad load = BackgroundLoad.start(2);
            System.out.println(load.pids().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""));
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void busyProcessesEndWhenTheBenchIsKilledOutright() throws Exception
    {
        final Process holder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), Holder.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final List<Long> pids = new ArrayList<>();
        try
        {
            final String line = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
            for (final String pid : line.trim().split(" "))
            {
                pids.add(Long.parseLong(pid));
            }
            assertEquals(2, pids.size(), line);
            for (final long pid : pids)
            {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "busy process " + pid);
            }

            // SIGKILL: no shutdown hook runs. The plain busy loop kept spinning, reparented to init, for good.
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && pids.stream().anyMatch(BackgroundLoadTest::alive))
            {
                Thread.sleep(50);
            }
            for (final long pid : pids)
            {
                assertFalse(alive(pid), "busy process " + pid + " outlived the bench");
            }
        }
        finally
        {
            holder.destroyForcibly();
            // Only the processes this test started, by their ids.
            for (final long pid : pids)
            {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static boolean alive(final long pid)
    {
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive() && !zombie(pid);
    }

    /** A process that has exited but not been reaped (its new parent may be slow to) counts as ended. */
    private static boolean zombie(final long pid)
    {
        try
        {
            final String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }
}
