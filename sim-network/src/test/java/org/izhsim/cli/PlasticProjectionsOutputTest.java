package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * synapse_projections.npy names each plastic synapse's projection (K from 1, as connections_K.csv): the weight arrays
 * pooled every plastic projection, and a tester's two plastic projections between the same populations could not be
 * told apart. Checked against the projections' own initial weights, which weights.npy still holds before the first
 * weight update (spnet2006's, at 1000 ms).
 */
class PlasticProjectionsOutputTest
{
    @TempDir
    Path tmp;

    private int runs;

    private static final String HEAD = String.join("\n",
        "name: two",
        "seed: 5",
        "populations:",
        "  exc: {size: 60, params: {a: 0.02, b: 0.2, c: -65, d: 8}}",
        "  inh: {size: 20, params: {a: 0.1, b: 0.2, c: -65, d: 2}}",
        "projections:",
        "");

    private static String plastic(final String name, final String to, final double weight, final int k)
    {
        return "  - {name: " + name + ", from: exc, to: " + to + ", rule: fixed_outdegree, k: " + k + ", weight: " +
            weight + ", delay_ms: {distribution: uniform_int, low: 1, high: 3}, plasticity: {rule: spnet2006, " +
            "w_max: 10}}\n";
    }

    @Test
    void twoPlasticProjectionsBetweenTheSamePopulationsAreToldApart() throws Exception
    {
        // Two plastic projections exc -> exc drawing some of the same pairs (40 of 60 targets each), and a third onto
        // inh; a fixed one beside them is no plastic synapse.
        final Path out = run(HEAD + plastic("fast", "exc", 0.5, 40) + plastic("slow", "exc", 0.25, 40) +
            "  - {name: fixed, from: inh, to: exc, rule: fixed_outdegree, k: 10, weight: -2}\n" +
            plastic("toinh", "inh", 0.125, 5));
        final int[] k = ints(out.resolve("synapse_projections.npy"));
        final float[] w = floats(out.resolve("weights.npy"));
        final int[] sources = ints(out.resolve("synapse_sources.npy"));
        final int[] targets = ints(out.resolve("synapse_targets.npy"));
        final int[] delays = ints(out.resolve("synapse_delays_ms.npy"));
        assertEquals(60 * 85, k.length);
        final int[] count = new int[5];
        boolean sharedPair = false;
        for (int i = 0; i < k.length; i++)
        {
            count[k[i]]++;
            final float expected = k[i] == 1 ? 0.5f : k[i] == 2 ? 0.25f : k[i] == 4 ? 0.125f : Float.NaN;
            assertEquals(expected, w[i], "synapse " + i + " of projection " + k[i]);
            assertEquals(k[i] == 4, targets[i] >= 60, "synapse " + i);
            sharedPair |= i > 0 && sources[i] == sources[i - 1] && targets[i] == targets[i - 1] &&
                delays[i] == delays[i - 1];
        }
        assertEquals(0, count[0] + count[3], "no synapse unnamed, none of the fixed projection");
        assertEquals(60 * 40, count[1]);
        assertEquals(60 * 40, count[2]);
        assertEquals(60 * 5, count[4]);
        assertTrue(sharedPair, "the two exc -> exc projections drew a synapse of the same pair and delay");
        // summary.json gives each plastic projection its own figures beside the pooled ones.
        final String summary = Files.readString(out.resolve("summary.json")).replaceAll("\\s", "");
        assertTrue(summary.contains("\"by_projection\":{\"fast\":{\"k\":1,\"count\":2400,\"mean\":0.5,\"sd\":0.0,") &&
            summary.contains("\"slow\":{\"k\":2,\"count\":2400,\"mean\":0.25,\"sd\":0.0,") &&
            summary.contains("\"toinh\":{\"k\":4,\"count\":300,\"mean\":0.125,\"sd\":0.0,"), summary);
    }

    /**
     * A run's folder read back by `connections:` gave each projection that named it every plastic synapse of the run:
     * two projections reading it took the synapses twice. A folder of several plastic projections must name one.
     */
    @Test
    void aFolderOfSeveralPlasticProjectionsIsReadBackOneProjectionAtATime() throws Exception
    {
        final Path learnt = run(HEAD + plastic("fast", "exc", 0.5, 40) + plastic("slow", "exc", 0.25, 40));
        final String frozen = HEAD.replace("name: two", "name: frozen") +
            "  - {name: f, from: exc, to: exc, connections: {file: " + learnt + ", projection: 1}}\n" +
            "  - {name: s, from: exc, to: exc, connections: {file: " + learnt + ", projection: 2}}\n";
        final Path file = tmp.resolve("frozen.yaml");
        Files.writeString(file, frozen);
        final CommandLineRun validate = CommandLineRun.of("validate", file.toString());
        assertEquals(0, validate.exitCode(), validate.err());
        assertTrue(validate.out().contains("about 4800 synapses"), validate.out());
        final Path out = tmp.resolve("frozen-out");
        final CommandLineRun rerun = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--duration",
            "20", "--quiet", "--no-figures", "--set", "record.connections=true");
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertEquals(2401, Files.readAllLines(out.resolve("connections_1.csv")).size(), "2400 synapses of 'fast'");
        assertTrue(Files.readAllLines(out.resolve("connections_1.csv")).stream().skip(1).allMatch(l -> l.endsWith(",0.5")));
        assertTrue(Files.readAllLines(out.resolve("connections_2.csv")).stream().skip(1).allMatch(l -> l.endsWith(",0.25")));
        // Without 'projection:' the folder is refused where it is named, with the projections it holds.
        Files.writeString(file, HEAD + "  - {from: exc, to: exc, connections: " + learnt + "}\n");
        final CommandLineRun both = CommandLineRun.of("validate", file.toString());
        assertEquals(2, both.exitCode(), both.err());
        assertEquals("sim: " + file + ":7:39: 'connections' '" + learnt + "' holds the synapses of 2 plastic " +
            "projections of its run (K = 1, 2 in synapse_projections.npy): name one, {file: " + learnt +
            ", projection: K}", both.errorLine());
        Files.writeString(file, HEAD + "  - {from: exc, to: exc, connections: {file: " + learnt + ", projection: 3}}\n");
        assertTrue(CommandLineRun.of("validate", file.toString()).errorLine().endsWith(": no synapse of projection 3 " +
            "in '" + learnt + "': its synapse_projections.npy holds K = 1, 2"));
        // A label no run writes (an edited array): named at its element, not offered as a K to name.
        final Path labels = learnt.resolve("synapse_projections.npy");
        final byte[] bytes = Files.readAllBytes(labels);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, -3);
        Files.write(labels, bytes);
        assertTrue(CommandLineRun.of("validate", file.toString()).errorLine().endsWith("synapse_projections.npy, " +
            "element 4799: -3 is no projection (a run writes K from 1, each synapse's place in its projections)"));
    }

    /**
     * summary.json's provenance named the folder a projection's synapses came from but not which of its projections
     * was read; a projection of the wrong sources was refused without naming the K picked; and a `projection:` with a
     * folder that does not exist said it "is a file".
     */
    @Test
    void theProjectionReadFromARunsFolderIsNamedInProvenanceAndMessages() throws Exception
    {
        final Path learnt = run(HEAD + plastic("toexc", "exc", 0.5, 10) + plastic("toinh", "inh", 0.25, 5));
        final Path file = tmp.resolve("frozen.yaml");
        Files.writeString(file, HEAD + "  - {name: f, from: exc, to: inh, connections: {file: " + learnt +
            ", projection: 2}}\n");
        final Path out = tmp.resolve("frozen-out");
        final CommandLineRun rerun = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--duration",
            "20", "--quiet", "--no-figures");
        assertEquals(0, rerun.exitCode(), rerun.err());
        final String summary = Files.readString(out.resolve("summary.json")).replaceAll("\\s", "");
        assertTrue(summary.contains("\"connections\":{\"f\":{\"file\":\"" + learnt + "\",\"projection\":2," +
            "\"synapses\":300,"), summary);
        Files.writeString(file, HEAD + "  - {name: f, from: inh, to: exc, connections: {file: " + learnt +
            ", projection: 1}}\n");
        final CommandLineRun wrong = CommandLineRun.of("validate", file.toString());
        assertEquals(2, wrong.exitCode(), wrong.err());
        assertTrue(wrong.errorLine().contains("synapse_sources.npy, element 0 (projection 1): the source 0 is not a " +
            "source of projection 'f'"), wrong.errorLine());
        final Path missing = tmp.resolve("no-such-run");
        Files.writeString(file, HEAD + "  - {name: f, from: exc, to: inh, connections: {file: " + missing +
            ", projection: 2}}\n");
        final CommandLineRun none = CommandLineRun.of("validate", file.toString());
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(none.errorLine().contains("'connections' '" + missing + "' not found"), none.errorLine());
        // A fixed network's folder holds no synapse arrays (only plastic runs write them): it was said to lack
        // synapse_projections.npy "since 2026-12-07", of a folder this build had just written; its CSV is the way.
        final Path fixed = tmp.resolve("fixed-run");
        final Path fixedYaml = tmp.resolve("fixed.yaml");
        Files.writeString(fixedYaml, HEAD + "  - {name: f, from: exc, to: inh, rule: fixed_outdegree, k: 5, weight: 1}\n" +
            "record: {connections: true}\n");
        assertEquals(0, CommandLineRun.of("run", fixedYaml.toString(), "--out", fixed.toString(), "--duration", "10",
            "--quiet", "--no-figures").exitCode());
        Files.writeString(file, HEAD + "  - {name: g, from: exc, to: inh, connections: {file: " + fixed +
            ", projection: 1}}\n");
        final CommandLineRun plain = CommandLineRun.of("validate", file.toString());
        assertEquals(2, plain.exitCode(), plain.err());
        assertTrue(plain.errorLine().endsWith("which '" + fixed + "' lacks (only runs with plastic projections write it " +
            "and the synapse arrays): name its connections_1.csv instead, {file: " + fixed + "/connections_1.csv}"),
            plain.errorLine());
    }

    /** Without overlapping plastic projections each synapse's projection follows from its source and target. */
    @Test
    void plasticProjectionsOntoOtherPopulationsAreNamedByTheirTargets() throws Exception
    {
        final Path out = run(HEAD + plastic("ee", "exc", 0.5, 10) + plastic("ei", "inh", 0.25, 4));
        final int[] k = ints(out.resolve("synapse_projections.npy"));
        final int[] targets = ints(out.resolve("synapse_targets.npy"));
        final float[] w = floats(out.resolve("weights.npy"));
        assertEquals(60 * 14, k.length);
        for (int i = 0; i < k.length; i++)
        {
            assertEquals(targets[i] < 60 ? 1 : 2, k[i], "synapse " + i);
            assertEquals(k[i] == 1 ? 0.5f : 0.25f, w[i], "synapse " + i);
        }
        assertTrue(Files.readString(out.resolve("summary.json")).contains("by_projection"));
        final Path one = run(HEAD + plastic("ee", "exc", 0.5, 10));
        assertTrue(!Files.readString(one.resolve("summary.json")).contains("by_projection"), "one projection: pooled only");
    }

    private Path run(final String yaml) throws Exception
    {
        final Path file = tmp.resolve("two.yaml");
        Files.writeString(file, yaml);
        final Path out = tmp.resolve("out-" + ++runs);
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--duration", "20",
            "--quiet", "--no-figures");
        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    /** The data of a one-dimensional .npy file, little-endian, after its header. */
    private static ByteBuffer data(final Path file) throws Exception
    {
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        final int major = b.get(6);
        final int header = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        b.position((major == 1 ? 10 : 12) + header);
        return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int[] ints(final Path file) throws Exception
    {
        final ByteBuffer b = data(file);
        final int[] v = new int[b.remaining() / 4];
        b.asIntBuffer().get(v);
        return v;
    }

    private static float[] floats(final Path file) throws Exception
    {
        final ByteBuffer b = data(file);
        final float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }
}
