package org.izhsim.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Brian2 (Debian's python3-brian) in C++ standalone mode with OpenMP threads, driven by
 * src/main/python/brian2_peer.py (shipped inside the jar). The script generates, compiles and runs one
 * C++ project per network and thread count; it reports the simulation loop's time as Brian2's own profiler
 * measures it, construction and compilation excluded.
 */
final class Brian2Peer
{
    static final String NAME = "brian2";
    private static final String SCRIPT = "brian2_peer.py";

    private final Path workDir;
    private String python;
    private String unavailable;
    private boolean prepared;

    Brian2Peer(final Path workDir)
    {
        this.workDir = workDir;
    }

    /** Compiles (or finds) the peer on the first call; afterwards {@link #run} reports why it cannot run, if it cannot. */
    /** What Brian2's C++ standalone mode builds with. */
    static final List<String> BUILD_TOOLS = List.of("g++", "make");

    /** The first of {@code tools} that cannot be started (not on PATH), or null. */
    static String missingTool(final List<String> tools)
    {
        for (final String tool : tools)
        {
            if (ProcessRun.of(List.of(tool, "--version"), null, Map.of(), 60).exitCode() == -2)
            {
                return tool;
            }
        }
        return null;
    }

    void prepare()
    {
        if (prepared)
        {
            return;
        }
        prepared = true;
        // Debian's interpreter first: python3-brian installs into it, not into a pyenv or venv earlier on PATH.
        for (final String candidate : List.of("/usr/bin/python3", "python3"))
        {
            final ProcessRun probe = ProcessRun.of(List.of(candidate, "-c", "import brian2; print(brian2.__version__)"),
                null, Map.of(), 120);
            if (probe.exitCode() == 0)
            {
                python = candidate;
                break;
            }
        }
        if (python == null)
        {
            unavailable = "not installed: no python3 imports brian2 (apt-get install python3-brian)";
            return;
        }
        // Its C++ standalone mode builds with make and g++: without them it failed with "Project compilation failed
        // (error code: 32512)", which names neither.
        final String missing = missingTool(BUILD_TOOLS);
        if (missing != null)
        {
            unavailable = "not installed: " + missing + " not found (Brian2's C++ standalone mode builds with g++ " +
                "and make)";
            python = null;
            return;
        }
        try
        {
            CompiledPeer.createWorkDir(workDir);
            try (InputStream in = Brian2Peer.class.getResourceAsStream("peers/" + SCRIPT))
            {
                if (in == null)
                {
                    unavailable = "failed: " + SCRIPT + " is missing from the jar";
                    python = null;
                    return;
                }
                Files.copy(in, workDir.resolve(SCRIPT), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            JvmExit.stopIfExiting();
            unavailable = "failed: " + ex.getMessage();
            python = null;
        }
    }

    /** The interpreter that imports Brian2, or null when {@link #prepare} found none (or no build tools). */
    String python()
    {
        return python;
    }

    /** The script, copied into the work folder by {@link #prepare}. */
    Path script()
    {
        return workDir.resolve(SCRIPT);
    }

    /**
     * @param firstStep the first measured step: the script runs steps 0 .. firstStep - 1 unmeasured first, as ours
     *                  (--warmup), so that both measure, time and count the same steps.
     */
    PeerResult run(final String network, final PeerNetwork shape, final int firstStep, final int steps,
        final int threads, final int repeats)
    {
        if (python == null)
        {
            return PeerResult.unavailable(NAME, network, threads, unavailable == null ? "failed: not prepared" : unavailable);
        }
        final Path project = workDir.resolve("brian2-" + network + "-t" + threads);
        final List<String> command = new ArrayList<>(List.of(python, workDir.resolve(SCRIPT).toString(),
            "--network", shape.conductance() != null ? "dense_cond" : shape.dense() ? "dense" : "sparse",
            "--exc", Integer.toString(shape.excitatory()), "--inh", Integer.toString(shape.inhibitory()),
            "--k", Integer.toString(shape.outDegree()), "--max-delay", Integer.toString(shape.maxDelay()),
            "--steps", Integer.toString(steps), "--warmup-steps", Integer.toString(firstStep), "--threads", Integer.toString(threads),
            "--repeats", Integer.toString(repeats), "--dir", project.toString()));
        final PeerNetwork.Conductance g = shape.conductance();
        if (g != null)
        {
            for (final double value : new double[] {g.excScale(), g.inhScale(), g.excFast(), g.excSlow(), g.inhFast(),
                g.inhSlow()})
            {
                command.add(Double.toString(value));
            }
            command.add(command.size() - 6, "--cond");
        }
        final ProcessRun process = ProcessRun.of(command, workDir, Map.of(), 3600);
        // The project holds every array of the run (for sparse100k, gigabytes of synapses): not worth keeping.
        deleteTree(project);
        final List<Double> run = new ArrayList<>();
        final List<Double> build = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        long spikes = 0;
        for (final String line : process.output().split("\n"))
        {
            final Map<String, String> pairs = PeerOutput.parse(line);
            if (pairs.containsKey("run_s"))
            {
                final String unreadable = PeerOutput.unreadable(pairs);
                if (unreadable != null)
                {
                    return PeerResult.unavailable(NAME, network, threads, "failed: " + unreadable);
                }
                run.add(Double.parseDouble(pairs.get("run_s")));
                build.add(Double.parseDouble(pairs.get("build_s")));
                cpu.add(Double.parseDouble(pairs.get("cpu_s")));
                spikes = Long.parseLong(pairs.get("spikes"));
            }
        }
        if (process.exitCode() != 0 || run.isEmpty())
        {
            return PeerResult.unavailable(NAME, network, threads, "failed: " + process.lastLine());
        }
        return new PeerResult(NAME, network, threads, "ok", run, build, cpu, spikes, firstStep, steps);
    }

    private static void deleteTree(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Left behind: only disk space is lost.
        }
    }
}
