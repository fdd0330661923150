package org.izhsim.bench;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.integrate.Method;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.engine.Network;
import org.izhsim.network.engine.NeuronArrays;
import org.izhsim.network.input.RandomPickDrive;
import org.izhsim.network.synapse.PlasticSynapses;
import org.izhsim.network.synapse.SynapseMatrix;

/**
 * The plain-C baseline of the spnet2006 rule (src/main/c/spnet_baseline.c, poly_spnet.cpp's loop): compiled
 * here with {@code gcc -O3 -march=native -ffp-contract=off}, fed with the network izhsim builds from the same
 * config (neurons, every synapse with its initial weight and delay, the rule's constants, and the neurons the
 * random thalamic input picks in each step, in one binary file), then run once per repeat. It prints its
 * construction and loop times apart; the loop alone is compared with ours.
 */
final class SpnetPeer
{
    static final String NAME = "c-spnet";
    static final String SOURCE = "spnet_baseline.c";
    /** Network.INPUT_STREAM: the random stream of input i is this plus i (the engine's numbering). */
    private static final long INPUT_STREAM = 2L << 40;
    private static final byte[] MAGIC = {'I', 'Z', 'H', 'S', 'P', 'N', 'E', 'T'};
    private static final int VERSION = 1;

    private final Path workDir;
    private final CompiledPeer compiled;
    private Path binary;
    private String unavailable;

    SpnetPeer(final Path workDir)
    {
        this.workDir = workDir;
        // No fused multiply-add: the loop's float arithmetic is then the engine's, operation for operation.
        this.compiled = new CompiledPeer(workDir, SOURCE, "spnet_baseline",
            List.of("-O3", "-march=native", "-ffp-contract=off", "-pthread"));
    }

    /**
     * Why the C loop cannot run {@code plan}, or empty when it can: the spnet2006 rule (additive), current synapses
     * without STP, half-step integration, and random thalamic picks as the only input.
     */
    static Optional<String> notComparable(final NetworkPlan plan)
    {
        final PlasticityRule rule = plan.plasticity();
        if (rule == null || rule.kind() != PlasticityRule.Kind.SPNET2006 || rule.multiplicative() || rule.reward() != null)
        {
            return Optional.of("not comparable: the C loop runs the spnet2006 rule only");
        }
        if (plan.currentProjections().size() != plan.projections().size())
        {
            return Optional.of("not comparable: the C loop has current synapses without STP only");
        }
        if (plan.scheme() != Method.HALFSTEP)
        {
            return Optional.of("not comparable: the C loop integrates with the half-step scheme only");
        }
        for (final NetworkPlan.ResolvedInput input : plan.inputs())
        {
            if (input.spec().kind() != InputSpec.Kind.RANDOM_PICK)
            {
                return Optional.of("not comparable: the C loop has random_input as its only input");
            }
        }
        return Optional.empty();
    }

    /** Compiles (or finds) the peer on the first call; afterwards {@link #run} reports why it cannot run, if it cannot. */
    void prepare()
    {
        compiled.prepare();
        binary = compiled.binary();
        unavailable = compiled.unavailable();
    }

    /** The compiled program, or null when {@link #prepare} could not build it. */
    Path binary()
    {
        return binary;
    }

    /** Why the program is missing ("not installed: ...", "failed: ..."), or null. */
    String unavailable()
    {
        return unavailable;
    }

    /**
     * Writes the network of {@code config} and its first {@code steps} steps of input to a file under the work
     * folder, then runs the C loop on it {@code repeats} times.
     */
    PeerResult run(final String network, final ExperimentConfig config, final int steps, final int repeats)
    {
        if (binary == null)
        {
            return PeerResult.unavailable(NAME, network, 1, unavailable == null ? "failed: not prepared" : unavailable);
        }
        final Path file = workDir.resolve(network + ".spnet.bin");
        write(config, steps, file);
        final List<Double> run = new ArrayList<>();
        final List<Double> build = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        long spikes = 0;
        for (int r = 0; r < repeats; r++)
        {
            final ProcessRun process = ProcessRun.of(List.of(binary.toString(), file.toString()), workDir, Map.of(), 3600);
            final Map<String, String> pairs = PeerOutput.parse(process.output());
            if (process.exitCode() != 0 || !pairs.containsKey("run_s"))
            {
                return PeerResult.unavailable(NAME, network, 1, "failed: " + process.lastLine());
            }
            final String unreadable = PeerOutput.unreadable(pairs);
            if (unreadable != null)
            {
                return PeerResult.unavailable(NAME, network, 1, "failed: " + unreadable);
            }
            run.add(Double.parseDouble(pairs.get("run_s")));
            build.add(Double.parseDouble(pairs.get("build_s")));
            cpu.add(Double.parseDouble(pairs.get("cpu_s")));
            spikes = Long.parseLong(pairs.get("spikes"));
        }
        // A learning network is measured from its first step, ours as well.
        return new PeerResult(NAME, network, 1, "ok", run, build, cpu, spikes, 0, steps);
    }

    /**
     * The C program's input: what izhsim builds from {@code config} (with one thread; the network is the same for
     * any thread count) and the input picks of steps 0 .. steps - 1. Little-endian:
     * "IZHSPNET", int32 version, N, D, steps, period ms, picks per step, populations; int64 synapses; double
     * a+, a-, LTP decay, LTD decay, sd decay, drift, w_min, w_max; int32 nearest pairing; float32 a, b, c, d, v, u
     * per neuron; uint8 plastic source per neuron; int32 end of each population; int32 source, target, delay and
     * float32 weight per synapse (by source, delay, target); float32 amplitude per pick; int32 neuron per step and
     * pick (-1 for a neuron its drive already picked in that step: the engine adds it once).
     */
    static void write(final ExperimentConfig config, final int steps, final Path file)
    {
        final NetworkPlan plan = NetworkAssembler.plan(config.withThreads(OptionalInt.of(1)));
        final Optional<String> why = notComparable(plan);
        if (why.isPresent())
        {
            throw new IllegalArgumentException(why.get());
        }
        try (Network network = Network.build(plan);
            OutputStream os = Files.newOutputStream(file);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16)))
        {
            final SynapseMatrix matrix = network.synapses();
            final PlasticSynapses plastic = network.plasticity();
            final PlasticityRule rule = plastic.rule();
            final int n = network.neurons();
            final List<RandomPickDrive> drives = new ArrayList<>();
            final List<Integer> counts = new ArrayList<>();
            final List<Float> amplitudes = new ArrayList<>();
            for (final NetworkPlan.ResolvedInput input : plan.inputs())
            {
                final InputSpec s = input.spec();
                final PopulationRange p = input.range();
                final RandomPickDrive drive = new RandomPickDrive(p.first(), p.end(), s.amplitude(), s.sources(),
                    plan.seed(), INPUT_STREAM + input.index());
                drives.add(drive);
                counts.add(s.sources());
                for (int k = 0; k < s.sources(); k++)
                {
                    amplitudes.add((float)s.amplitude());
                }
            }
            final List<PopulationRange> populations = network.populations();
            out.write(MAGIC);
            for (final int v : new int[] {VERSION, n, matrix.maxDelay(), steps, rule.periodMs(), amplitudes.size(),
                populations.size()})
            {
                out.writeInt(Integer.reverseBytes(v));
            }
            out.writeLong(Long.reverseBytes(matrix.synapseCount()));
            for (final double v : new double[] {rule.aPlus(), rule.aMinus(), rule.decayPlus(), rule.decayMinus(),
                rule.derivativeDecay(), rule.drift(), rule.wMin(), rule.wMax()})
            {
                out.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(v)));
            }
            out.writeInt(Integer.reverseBytes(rule.nearest() ? 1 : 0));
            final NeuronArrays state = network.state();
            writeNeurons(out, n, state::a);
            writeNeurons(out, n, state::b);
            writeNeurons(out, n, state::c);
            writeNeurons(out, n, state::d);
            writeNeurons(out, n, state::v);
            writeNeurons(out, n, state::u);
            for (int i = 0; i < n; i++)
            {
                out.writeByte(plastic.isPlasticSource(i) ? 1 : 0);
            }
            for (final PopulationRange p : populations)
            {
                out.writeInt(Integer.reverseBytes(p.end()));
            }
            writeSynapses(out, matrix);
            for (final float a : amplitudes)
            {
                out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(a)));
            }
            final ByteBuffer picks = ByteBuffer.allocate(4 * amplitudes.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (long t = 0; t < steps; t++)
            {
                picks.clear();
                for (int i = 0; i < drives.size(); i++)
                {
                    final RandomPickDrive drive = drives.get(i);
                    final int count = counts.get(i);
                    for (int k = 0; k < count; k++)
                    {
                        final int neuron = drive.pick(t, k);
                        boolean repeated = false;
                        for (int j = 0; j < k && !repeated; j++)
                        {
                            repeated = drive.pick(t, j) == neuron;
                        }
                        picks.putInt(repeated ? -1 : neuron);
                    }
                }
                out.write(picks.array(), 0, picks.position());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private interface Field
    {
        float of(int neuron);
    }

    private static void writeNeurons(final DataOutputStream out, final int n, final Field field) throws IOException
    {
        for (int i = 0; i < n; i++)
        {
            out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(field.of(i))));
        }
    }

    /** Every synapse of the matrix, by source, delay, then target (the order of weights.npy for the plastic ones). */
    private static void writeSynapses(final DataOutputStream out, final SynapseMatrix matrix) throws IOException
    {
        final long count = matrix.synapseCount();
        final int[] sources = new int[(int)count];
        final int[] targets = new int[(int)count];
        final int[] delays = new int[(int)count];
        final float[] weights = new float[(int)count];
        final int[] next = {0};
        matrix.forEachInSourceOrder(s -> true, (b, j, s, d) ->
        {
            sources[next[0]] = s;
            targets[next[0]] = matrix.partition().blockStart(b) + matrix.targets(b)[j];
            delays[next[0]] = d;
            weights[next[0]++] = matrix.weights(b)[j];
        });
        final int k = next[0];
        if (k != count)
        {
            throw new IllegalStateException("walked " + k + " of " + count + " synapses");
        }
        for (final int[] column : new int[][] {sources, targets, delays})
        {
            for (final int v : column)
            {
                out.writeInt(Integer.reverseBytes(v));
            }
        }
        for (final float w : weights)
        {
            out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(w)));
        }
    }
}
