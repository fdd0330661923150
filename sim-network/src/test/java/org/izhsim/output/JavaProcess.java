package org.izhsim.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM on this test's class path, started in a chosen working folder: for what one process cannot
 * do to itself (change its working folder, be killed by a signal).
 */
public final class JavaProcess
{
    private JavaProcess()
    {
    }

    /** @return a started JVM running {@code mainClass} with {@code args} in {@code workingFolder}. */
    public static Process start(final Path workingFolder, final Class<?> mainClass, final String... args)
        throws IOException
    {
        return builder(workingFolder, mainClass, args).start();
    }

    /** @return the {@link #start} of such a JVM, to redirect its streams first. */
    public static ProcessBuilder builder(final Path workingFolder, final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
            "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingFolder.toFile());
    }

    /**
     * As {@link #start}, with the size of any file the JVM writes limited to {@code kib} KiB ({@code ulimit -f}), so
     * that a write past it fails as on a full disk ("File too large": the JVM ignores SIGXFSZ). Needs a POSIX shell.
     */
    public static Process startWithFileSizeLimit(final Path workingFolder, final int kib, final Class<?> mainClass,
        final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f " + kib + " && exec \"$@\"",
            "sh", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // No hsperfdata file, whose size the limit could refuse.
            "-XX:-UsePerfData", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
            "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingFolder.toFile()).start();
    }
}
