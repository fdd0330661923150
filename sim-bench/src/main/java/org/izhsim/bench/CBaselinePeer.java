package org.izhsim.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-C baseline (src/main/c/izh_baseline.c, shipped inside the jar): compiled here for this very CPU, then
 * run once per repeat; it times its construction and its loop separately and the loop alone is compared with ours.
 * One thread: the build with {@code gcc -O3 -march=native}. More threads: the same source built with
 * {@code -fopenmp} as well and run with {@code OMP_NUM_THREADS}; its threads own halves of the neurons and targets,
 * so it fires the same spikes as the 1-thread build, which this class checks (the runs print a hash of their
 * spikes) when both ran on a network.
 */
final class CBaselinePeer
{
    static final String NAME = "c-baseline";
    private static final String SOURCE = "izh_baseline.c";

    private final Path workDir;
    private final CompiledPeer compiled;
    private final CompiledPeer openMp;
    private Path binary;
    private String unavailable;
    /** Per network, the spike hash of the 1-thread build's last run. */
    private final Map<String, String> serialSpikes = new HashMap<>();

    CBaselinePeer(final Path workDir)
    {
        this.workDir = workDir;
        this.compiled = new CompiledPeer(workDir, SOURCE, "izh_baseline", List.of("-O3", "-march=native", "-pthread"));
        this.openMp = new CompiledPeer(workDir, SOURCE, "izh_baseline_omp",
            List.of("-O3", "-march=native", "-pthread", "-fopenmp"));
    }

    /** Compiles (or finds) the peer on the first call; afterwards {@link #run} reports why it cannot run, if it cannot. */
    void prepare()
    {
        compiled.prepare();
        binary = compiled.binary();
        unavailable = compiled.unavailable();
    }

    /** The 1-thread build, or null when {@link #prepare} could not build it. */
    Path binary()
    {
        return binary;
    }

    /** The 1-thread build at 1 thread, the OpenMP build at more (compiled on its first use). */
    /**
     * @param firstStep the first measured step: the program runs steps 0 .. firstStep - 1 unmeasured first, as ours
     *                  (--warmup), so that both measure, time and count the same steps.
     */
    PeerResult run(final String network, final PeerNetwork shape, final int firstStep, final int steps,
        final int threads, final int repeats)
    {
        Path program = binary;
        String why = unavailable;
        if (threads > 1)
        {
            openMp.prepare();
            program = openMp.binary();
            why = openMp.unavailable() == null ? null : openMp.unavailable().replace("gcc:", "gcc -fopenmp:");
        }
        if (program == null)
        {
            return PeerResult.unavailable(NAME, network, threads, why == null ? "failed: not prepared" : why);
        }
        if (shape.conductance() != null)
        {
            return PeerResult.unavailable(NAME, network, threads, "not comparable: the C baseline has current synapses only");
        }
        final List<String> command = new ArrayList<>(List.of(program.toString(), shape.dense() ? "dense" : "sparse",
            Integer.toString(shape.excitatory()), Integer.toString(shape.inhibitory()), Integer.toString(steps), "1"));
        if (!shape.dense())
        {
            command.add(Integer.toString(shape.outDegree()));
            command.add(Integer.toString(shape.maxDelay()));
        }
        command.add(Integer.toString(firstStep));
        final Map<String, String> environment = threads > 1 ?
            Map.of("OMP_NUM_THREADS", Integer.toString(threads)) : Map.of();
        final List<Double> run = new ArrayList<>();
        final List<Double> build = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        long spikes = 0;
        for (int r = 0; r < repeats; r++)
        {
            final ProcessRun process = ProcessRun.of(command, workDir, environment, 1800);
            final Map<String, String> pairs = PeerOutput.parse(process.output());
            if (process.exitCode() != 0 || !pairs.containsKey("run_s"))
            {
                return PeerResult.unavailable(NAME, network, threads, "failed: " + process.lastLine());
            }
            if (!Integer.toString(threads).equals(pairs.get("threads")))
            {
                return PeerResult.unavailable(NAME, network, threads, "failed: ran on " + pairs.get("threads") +
                    " thread(s), not " + threads);
            }
            final String hash = pairs.get("spike_hash");
            if (threads == 1)
            {
                serialSpikes.put(network, hash);
            }
            else if (serialSpikes.containsKey(network) && !serialSpikes.get(network).equals(hash))
            {
                return PeerResult.unavailable(NAME, network, threads, "failed: its spikes differ from the 1-thread "
                    + "build's (spike hash " + hash + ", 1 thread " + serialSpikes.get(network) + ")");
            }
            if (!Integer.toString(firstStep).equals(pairs.get("first_step")))
            {
                return PeerResult.unavailable(NAME, network, threads, "failed: measured from step " +
                    pairs.get("first_step") + ", not " + firstStep);
            }
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
        return new PeerResult(NAME, network, threads, "ok", run, build, cpu, spikes, firstStep, steps);
    }
}
