package org.izhsim.network.synapse;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.engine.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Potentiation at a postsynaptic spike in ns per potentiated synapse, through {@link PlasticSynapses#fired}: the
 * engine's own walk of the plastic index over spnet2006's matrix (configs/spnet2006.yaml, 1 thread: 80,000
 * plastic synapses, about 80 per excitatory and 100 per inhibitory target), five random neurons firing per step
 * (spnet2006 fires about 5 per ms), the traces decayed after each step as in the engine (so a score includes one
 * decay of 1000 neurons per 5 potentiations). The index is one int per entry (the source and delay as bit
 * fields and the synapse's position); BENCHMARKS.md ("A 2-byte plastic index") has the 16-bit form this measured
 * against. 1 fork, 3 x 2 s warm-up, 5 x 2 s measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PotentiationBenchmark
{
    private static final int FIRED = 5;
    private static final int STEPS = 1024;

    private Network network;
    private PlasticSynapses plastic;
    private int neurons;
    private int[] fired;
    private int[] inDegree;
    private long step;

    @Setup(Level.Trial)
    public void build()
    {
        final NetworkPlan plan = spnet2006();
        network = Network.build(plan);
        final SynapseMatrix matrix = network.synapses();
        plastic = network.plasticity();
        neurons = plan.neurons();
        inDegree = new int[neurons];
        final char[] targets = matrix.targets(0);
        final int[] rowStart = matrix.rowStart(0);
        for (int s = 0; s < neurons; s++)
        {
            if (plastic.isPlasticSource(s))
            {
                for (int j = rowStart[s * plan.maxDelay()]; j < rowStart[(s + 1) * plan.maxDelay()]; j++)
                {
                    inDegree[targets[j]]++;
                }
            }
        }
        final SplittableRandom random = new SplittableRandom(1);
        fired = new int[STEPS * FIRED];
        for (int k = 0; k < fired.length; k++)
        {
            fired[k] = random.nextInt(neurons);
        }
    }

    @TearDown(Level.Trial)
    public void close()
    {
        network.close();
    }

    /** configs/spnet2006.yaml at 1 thread; also {@link WeightUpdateBenchmark}'s network. */
    static NetworkPlan spnet2006()
    {
        return NetworkAssembler.builder(ExperimentLoader.load(configs().resolve("spnet2006.yaml"))).threads(1).plan();
    }

    /** The repository's configs folder, from the project root or a module folder. */
    private static Path configs()
    {
        final Path here = Path.of(System.getProperty("izhsim.root", ".")).resolve("configs");
        return here.toFile().isDirectory() ? here : Path.of("..", "configs");
    }

    @Benchmark
    public void potentiate(final SynapseCounts counts)
    {
        final int at = (int)(step % STEPS) * FIRED;
        for (int k = at; k < at + FIRED; k++)
        {
            plastic.fired(fired[k], step);
            counts.synapses += inDegree[fired[k]];
        }
        plastic.decayTraces(0, neurons, step);
        step++;
    }
}
