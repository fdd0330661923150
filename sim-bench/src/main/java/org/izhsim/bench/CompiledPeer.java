package org.izhsim.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A C peer shipped as source inside the jar (resource {@code peers/SOURCE}) and compiled here with gcc for this very
 * CPU, once, on the first {@link #prepare()}: either the binary or the reason it cannot run. Shared by the plain-C
 * baseline and the spnet C loop.
 */
final class CompiledPeer
{
    private final Path workDir;
    private final String source;
    private final String binaryName;
    private final List<String> flags;
    private Path binary;
    private String unavailable;
    private boolean prepared;
    /**
     * Why an earlier compile of this JVM gave up on gcc (it hung until the time limit), or null: each peer waited
     * its own 300 s for a hung gcc, one after the other, a quarter of an hour of silence for the three builds.
     */
    private static volatile String gccGaveUp;

    /**
     * @param source     file name of the C source among the jar's {@code peers/} resources.
     * @param binaryName file name of the compiled program in {@code workDir}.
     * @param flags      gcc's options before {@code -o}, e.g. {@code -O3 -march=native}; libraries come last.
     */
    CompiledPeer(final Path workDir, final String source, final String binaryName, final List<String> flags)
    {
        this.workDir = workDir;
        this.source = source;
        this.binaryName = binaryName;
        this.flags = List.copyOf(flags);
    }

    /** How long a compile may take (a few seconds normally); tests shorten it. */
    static volatile int COMPILE_SECONDS = 300;
    /** The compiler's command; tests put a stand-in there. */
    static volatile String gcc = "gcc";

    /** Forgets an earlier compile's timeout (tests). */
    static void forgetGccTimeout()
    {
        gccGaveUp = null;
    }

    /** The headers the peers' sources include, copied beside them. */
    private static final List<String> HEADERS = List.of("peer_watch.h");

    /** Copies the source out of the jar and compiles it, on the first call only. */
    void prepare()
    {
        if (prepared)
        {
            return;
        }
        prepared = true;
        try
        {
            createWorkDir(workDir);
            final Path file = workDir.resolve(source);
            try (InputStream in = CompiledPeer.class.getResourceAsStream("peers/" + source))
            {
                if (in == null)
                {
                    unavailable = "failed: " + source + " is missing from the jar";
                    return;
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            for (final String header : HEADERS)
            {
                try (InputStream in = CompiledPeer.class.getResourceAsStream("peers/" + header))
                {
                    if (in == null)
                    {
                        unavailable = "failed: " + header + " is missing from the jar";
                        return;
                    }
                    Files.copy(in, workDir.resolve(header), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            final Path out = workDir.resolve(binaryName);
            final List<String> command = new ArrayList<>();
            command.add(gcc);
            command.addAll(flags);
            command.addAll(List.of("-o", out.toString(), file.toString(), "-lm"));
            final String gaveUp = gccGaveUp;
            if (gaveUp != null)
            {
                unavailable = "failed: gcc: " + gaveUp + " (not tried again)";
                return;
            }
            final ProcessRun gcc = ProcessRun.of(command, workDir, Map.of(), COMPILE_SECONDS);
            if (gcc.exitCode() == -2)
            {
                unavailable = "not installed: gcc not found";
            }
            else if (gcc.exitCode() == -1)
            {
                gccGaveUp = gcc.lastLine() + " compiling " + source;
                unavailable = "failed: gcc: " + gcc.lastLine();
            }
            else if (gcc.exitCode() != 0)
            {
                unavailable = "failed: gcc: " + gcc.lastLine();
            }
            else
            {
                binary = out;
            }
        }
        catch (final IOException ex)
        {
            JvmExit.stopIfExiting();
            unavailable = "failed: " + ex.getMessage();
        }
    }

    /**
     * The peers' folder inside the output's staging folder, created if missing, but never the staging folder itself:
     * once the JVM's exit has deleted that (Ctrl-C), Files.createDirectories made it anew, without the marker by which
     * a later run sweeps it, and the bench wrote into it.
     */
    static void createWorkDir(final Path workDir) throws IOException
    {
        try
        {
            Files.createDirectory(workDir);
        }
        catch (final java.nio.file.FileAlreadyExistsException ex)
        {
            if (!Files.isDirectory(workDir, java.nio.file.LinkOption.NOFOLLOW_LINKS))
            {
                throw ex;
            }
        }
    }

    /** The compiled program, or null when it cannot run (see {@link #unavailable()}). */
    Path binary()
    {
        return binary;
    }

    /** Why the program cannot run, or null. */
    String unavailable()
    {
        return unavailable;
    }
}
