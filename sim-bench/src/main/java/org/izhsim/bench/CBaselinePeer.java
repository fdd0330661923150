package org.izhsim.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plain-C baseline (src/main/c/izh_baseline.c, shipped inside the jar): compiled here with
 * {@code gcc -O3 -march=native} for this very CPU, then run once per repeat. Single-threaded; it times its
 * construction and its loop separately and the loop alone is compared with ours.
 */
final class CBaselinePeer
{
    static final String NAME = "c-baseline";
    private static final String SOURCE = "izh_baseline.c";

    private final Path workDir;
    private final CompiledPeer compiled;
    private Path binary;
    private String unavailable;

    CBaselinePeer(final Path workDir)
    {
        this.workDir = workDir;
        this.compiled = new CompiledPeer(workDir, SOURCE, "izh_baseline", List.of("-O3", "-march=native"));
    }

    /** Compiles (or finds) the peer on the first call; afterwards {@link #run} reports why it cannot run, if it cannot. */
    void prepare()
    {
        compiled.prepare();
        binary = compiled.binary();
        unavailable = compiled.unavailable();
    }

    PeerResult run(final String network, final PeerNetwork shape, final int steps, final int repeats)
    {
        if (binary == null)
        {
            return PeerResult.unavailable(NAME, network, 1, unavailable == null ? "failed: not prepared" : unavailable);
        }
        if (shape.conductance() != null)
        {
            return PeerResult.unavailable(NAME, network, 1, "not comparable: the C baseline has current synapses only");
        }
        final List<String> command = new ArrayList<>(List.of(binary.toString(), shape.dense() ? "dense" : "sparse",
            Integer.toString(shape.excitatory()), Integer.toString(shape.inhibitory()), Integer.toString(steps), "1"));
        if (!shape.dense())
        {
            command.add(Integer.toString(shape.outDegree()));
            command.add(Integer.toString(shape.maxDelay()));
        }
        final List<Double> run = new ArrayList<>();
        final List<Double> build = new ArrayList<>();
        long spikes = 0;
        for (int r = 0; r < repeats; r++)
        {
            final ProcessRun process = ProcessRun.of(command, workDir, Map.of(), 1800);
            final Map<String, String> pairs = PeerOutput.parse(process.output());
            if (process.exitCode() != 0 || !pairs.containsKey("run_s"))
            {
                return PeerResult.unavailable(NAME, network, 1, "failed: " + process.lastLine());
            }
            run.add(Double.parseDouble(pairs.get("run_s")));
            build.add(Double.parseDouble(pairs.get("build_s")));
            spikes = Long.parseLong(pairs.get("spikes"));
        }
        return new PeerResult(NAME, network, 1, "ok", run, build, spikes, steps);
    }
}
