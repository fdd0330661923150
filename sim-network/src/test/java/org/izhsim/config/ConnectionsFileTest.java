package org.izhsim.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.izhsim.core.InputException;
import org.izhsim.network.build.ConnectionTable;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A projection's {@code connections:} file: a CSV table or a run's synapse arrays, read with each synapse checked at
 * its place, gives the network those synapses.
 */
class ConnectionsFileTest
{
    @TempDir
    Path dir;

    private static final String NET = "name: net\nduration_ms: 200\npopulations:\n" +
        "  a: {size: 3, params: RS, input: {dc: 12}}\n  b: {size: 2, params: RS}\nprojections:\n";

    private ExperimentConfig load(final String projection) throws IOException
    {
        final Path yaml = Files.writeString(dir.resolve("net.yaml"), NET + projection);
        return ExperimentLoader.load(yaml);
    }

    private String refusal(final String csv, final String projection) throws IOException
    {
        Files.writeString(dir.resolve("c.csv"), csv);
        return assertThrows(InputException.class, () -> NetworkAssembler.plan(load(projection))).getMessage();
    }

    @Test
    void aCsvFileGivesEachSynapseItsTargetDelayAndWeightInAnyColumnOrderAndWithLocalIds() throws IOException
    {
        Files.writeString(dir.resolve("c.csv"), "# a -> b\nweight,delay_ms,source,target\n10,1,0,3\n10.5,2,1,4\n" +
            "20,5,2,3\n");
        final ConnectionTable global = load("  - {from: a, to: b, connections: c.csv}\n").projections().get(0).rule()
            .connections();
        assertEquals(3, global.size());
        assertEquals(3, global.target(global.first(0)));
        assertEquals(1, global.delay(global.first(0)));
        assertEquals(10.5f, global.weight(global.first(1)));
        assertEquals(5, global.delay(global.first(2)));
        Files.writeString(dir.resolve("l.csv"), "source,target,delay_ms,weight\r\n0,0,1,10\r\n1,1,2,10.5\r\n2,0,5,20\r\n");
        final ConnectionTable local = load("  - {from: a, to: b, connections: {file: l.csv, ids: local}}\n")
            .projections().get(0).rule().connections();
        assertEquals(global.checksum(), local.checksum(), "local ids 0, 1 of b are neurons 3, 4");
        try (Network net = Network.build(NetworkAssembler.builder(load("  - {from: a, to: b, connections: c.csv}\n"))))
        {
            final SimulationResult r = net.run(200);
            assertTrue(java.util.Arrays.stream(r.spikeNeurons()).anyMatch(n -> n >= 3), "the file's synapses drive b");
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "source,target,delay_ms,weight\\n0,3,1,10\\n5,4,2,1\\n|c.csv:3:1: the source 5 is not a source of projection 'a->b': 'a' is neurons 0..2",
        "source,target,delay_ms,weight\\n0, 1,1,10\\n|c.csv:2:4: the target 1 is not a target of projection 'a->b': 'b' is neurons 3..4",
        "source,target,delay_ms,weight\\n0,3,1.5,10\\n|c.csv:2:5: the delay_ms 1.5 must be a whole number of ms",
        "source,target,delay_ms,weight\\n0,3,1,1e39\\n|c.csv:2:7: the weight 1e39 must be a finite float",
        "source,target,delay_ms,weight\\n0,3,1,x\\n|c.csv:2:7: the weight 'x' is not a number",
        "source,target,delay,weight\\n|c.csv:1:15: unknown column 'delay'",
        "source,target,delay_ms,weight\\n0,3,1\\n|c.csv:2:1: expected 4 comma-separated fields",
        "# nothing\\n|c.csv:2:1: no header",
        "source,target,delay_ms,weight\\n0,3,1,1\u0001\\n|c.csv:2:8: the file is not text (control character U+0001",
        "source,target,delay_ms,weight\\n0,3,1,1 \u00e9\u0001\\n|c.csv:2:10: the file is not text (control character U+0001"})
    void aBadSynapseIsOneLineAtItsLineAndColumn(final String csv, final String expected) throws IOException
    {
        final String message = refusal(csv.replace("\\n", "\n"), "  - {from: a, to: b, connections: c.csv}\n");
        assertTrue(message.startsWith(dir.resolve(expected.substring(0, expected.indexOf(':'))) +
            expected.substring(expected.indexOf(':'))), message);
        assertEquals(-1, message.indexOf('\n'), message);
    }

    @Test
    void keysThatTheFileReplacesAreRefusedAtTheirKeys() throws IOException
    {
        final String beside = refusal("source,target,delay_ms,weight\n0,3,1,1\n",
            "  - {from: a, to: b, connections: c.csv, weight: 2}\n");
        assertTrue(beside.contains("net.yaml:7:50: 'weight' of projection 'a->b' cannot stand beside 'connections'"),
            beside);
        final String missing = refusal("", "  - {from: a, to: b, connections: nowhere.csv}\n");
        assertTrue(missing.contains("net.yaml:7:35: 'connections' 'nowhere.csv' not found (looked for " +
            dir.resolve("nowhere.csv")), missing);
        final String kind = refusal("", "  - {from: a, to: b, connections: net.yaml}\n");
        assertTrue(kind.contains("must be a .csv file"), kind);
    }

    /**
     * A plastic weight outside its rule's bounds, or negative, in a connections file was reported at the config's
     * {@code connections:} key with "some are 12.0", which left the user to search the file: it is at its line and
     * column, the file's highest (or lowest) weight, naming the plasticity's key.
     */
    @Test
    void aPlasticWeightOutsideItsRuleInAFileIsRefusedAtItsLine() throws IOException
    {
        final String plastic = "  - {from: a, to: b, connections: c.csv, plasticity: {rule: spnet2006, w_max: 10}}\n";
        final String above = refusal("source,target,delay_ms,weight\n0,3,1,2\n1,4,1,12.5\n2,3,1,11\n", plastic);
        assertTrue(above.startsWith(dir.resolve("c.csv") + ":3:7: weight 12.5 (the file's highest) lies outside " +
            "[w_min, w_max] = [0.0, 10.0] of the plasticity at " + dir.resolve("net.yaml") + ":7:54 (the first weight " +
            "update would clip it) in projection 'a->b'"), above);
        final String negative = refusal("source,target,delay_ms,weight\n0,3,1,2\n1,4,1,-1\n", plastic);
        assertTrue(negative.startsWith(dir.resolve("c.csv") + ":3:7: weight -1.0 (the file's lowest) is negative, " +
            "but the plasticity at " + dir.resolve("net.yaml") + ":7:54 applies to excitatory synapses only"), negative);
    }

    /** What the first tester of connections files found (s23_t1): each a regression of its own line. */
    @Test
    void theFloatMaximumEmptyFilesRepeatedColumnsAndTheWorkingFolderAreReadOrRefusedAsTheySay() throws IOException
    {
        // 3.4028235e38 is Float.MAX_VALUE as Java and numpy print it (a little above its double): refused before.
        Files.writeString(dir.resolve("c.csv"), "source,target,delay_ms,weight\n0,3,1,3.4028235e38\n");
        assertEquals(Float.MAX_VALUE, load("  - {from: a, to: b, connections: c.csv}\n").projections().get(0).rule()
            .connections().maxWeight());
        // A header alone: a projection of none, as record.connections writes for one that drew none (the second
        // tester's round trip of a pairwise projection that drew nothing was refused).
        Files.writeString(dir.resolve("c.csv"), "source,target,delay_ms,weight\n");
        assertEquals(0, load("  - {from: a, to: b, connections: c.csv}\n").projections().get(0).rule().connections()
            .size());
        // The YAML's floats too: a weight of 3.4028235e38 is a float's largest.
        assertEquals(3.4028235e38, ExperimentLoader.parse(NET + "  - {from: a, to: b, rule: all_to_all, weight: " +
            "3.4028235e38}\n", "x.yaml").projections().get(0).weight() instanceof WeightSpec.Constant c ? c.value() : 0);
        final String twice = refusal("source,weight,delay_ms,weight\n", "  - {from: a, to: b, connections: c.csv}\n");
        assertTrue(twice.endsWith("c.csv:1:24: column 'weight' twice: the header of a connections file is source," +
            "target,delay_ms,weight (in any order)"), twice);
        // The working folder as a folder of arrays: named '.', not '' (whose arrays read as /synapse_sources.npy).
        final Path cwd = Path.of("").toAbsolutePath();
        Files.writeString(dir.resolve("net.yaml"), NET + "  - {from: a, to: b, connections: " + cwd + "}\n");
        final InputException here = assertThrows(InputException.class, () -> ExperimentLoader.load(dir.resolve(
            "net.yaml")));
        assertTrue(here.getMessage().contains("is a folder, which must hold synapse_sources.npy, synapse_targets.npy, " +
            "synapse_delays_ms.npy, weights.npy (a run's synapse arrays): ./synapse_sources.npy: no such file"),
            here.getMessage());
    }

    /** In a JVM of -Xmx32m: arrays longer than half its heap reads are refused with their length, before reading. */
    @Test
    void aFileTooLargeForTheHeapIsRefusedWithItsCountBeforeItIsRead() throws Exception
    {
        final long values = 600_000; // 32 MiB / 2 / 30 bytes = 559,240 at most
        final Path folder = Files.createDirectories(dir.resolve("huge"));
        for (final String name : ConnectionsReader.ARRAYS)
        {
            write(folder.resolve(name), name.equals("weights.npy") ? "<f4" : "<i4", 0, new byte[0]);
            final String text = new String(Files.readAllBytes(folder.resolve(name)),
                java.nio.charset.StandardCharsets.ISO_8859_1).replace("'shape': (0,), ", "'shape': (" + values + ",),");
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(folder.resolve(name).toFile(), "rw"))
            {
                f.setLength(0);
                f.write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                f.setLength(text.length() + 4 * values);
            }
        }
        Files.writeString(dir.resolve("net.yaml"), NET + "  - {from: a, to: b, connections: huge}\n");
        final ProcessBuilder builder = org.izhsim.output.JavaProcess.builder(dir, org.izhsim.cli.Main.class,
            "validate", "net.yaml");
        builder.command().add(1, "-Xmx32m");
        final Process sim = builder.start();
        final String err = new String(sim.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(sim.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, sim.exitValue(), err);
        assertTrue(err.startsWith("sim: net.yaml:7:35: 'connections' of projection 'a->b' holds 600,000 synapses (the " +
            "length of its arrays): reading them takes 30 bytes each, 18 MB, more than half this JVM's heap of "), err);
        // The main refusal's advice, with the launcher's other options: SIM_JAVA_OPTS=-Xmx... alone dropped them.
        assertTrue(err.strip().matches(".*: give Java more heap if the machine has the memory \\(SIM_JAVA_OPTS='-Xmx" +
            "\\d+m -Xmn64m -XX:\\+UseParallelGC' for \\./sim\\)"), err);
    }

    @Test
    void aStructuredArrayIsNamedAsSuchAndAShellRedirectionTakesItsFilesFromTheWorkingFolder() throws IOException
    {
        final Path folder = Files.createDirectories(dir.resolve("run"));
        for (final String name : ConnectionsReader.ARRAYS)
        {
            write(folder.resolve(name), "<i4", 1, new byte[4]);
        }
        final String header = new String(Files.readAllBytes(folder.resolve("synapse_targets.npy")),
            java.nio.charset.StandardCharsets.ISO_8859_1).replace("'descr': '<i4', ", "'descr':[('a','<i4')],");
        Files.write(folder.resolve("synapse_targets.npy"), header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        final String structured = refusal("", "  - {from: a, to: b, connections: run}\n");
        assertTrue(structured.endsWith("synapse_targets.npy: a structured array (several fields per value), where " +
            "one number per synapse is read"), structured);
        // sim validate /dev/stdin < x.yaml looked for its files in /dev.
        assertEquals(Path.of("").toAbsolutePath(), ExperimentLoader.baseDirectory(Path.of("/dev/stdin")));
        assertEquals(dir, ExperimentLoader.baseDirectory(dir.resolve("net.yaml")));
    }

    /**
     * A folder refused at its last array (weights.npy of the wrong type) leaves none of its arrays open: the three
     * opened before it were, 60 open files after 20 loads (the explorer's server loads its folder's configs for as
     * long as it runs). Counted in /proc/self/fd, where there is one.
     */
    @Test
    void aRefusedFolderLeavesNoArrayOpen() throws IOException
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")));
        final Path folder = Files.createDirectories(dir.resolve("bad"));
        for (final String name : ConnectionsReader.ARRAYS)
        {
            write(folder.resolve(name), name.equals("weights.npy") ? "<u2" : "<i4", 1, new byte[4]);
        }
        Files.writeString(dir.resolve("net.yaml"), NET + "  - {from: a, to: b, connections: bad}\n");
        final long before = openFiles();
        for (int k = 0; k < 20; k++)
        {
            final InputException refused = assertThrows(InputException.class, () -> ExperimentLoader.load(
                dir.resolve("net.yaml")));
            assertTrue(refused.getMessage().contains("weights.npy: values of type '<u2'"), refused.getMessage());
        }
        assertTrue(openFiles() < before + 10, "open files " + before + " -> " + openFiles());
    }

    private static long openFiles() throws IOException
    {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
        {
            return fds.count();
        }
    }

    @Test
    void anExperimentSentAsTextCannotNameAFile()
    {
        final InputException ex = assertThrows(InputException.class, () -> ExperimentLoader.parse(NET +
            "  - {from: a, to: b, connections: /etc/passwd}\n", "upload.yaml"));
        assertTrue(ex.getMessage().startsWith("upload.yaml:7:35: 'connections' of projection 'a->b' reads a file, " +
            "which an experiment sent as text cannot name"), ex.getMessage());
    }

    /**
     * The folder a plastic run writes its synapses to, read back: a network whose excitatory projection is that
     * folder has the run's synapses with the run's weights, in the order of weights.npy.
     */
    @Test
    void aFolderOfARunsSynapseArraysGivesThoseSynapsesWithTheirWeights() throws IOException
    {
        final String spnet = Files.readString(Path.of("..", "configs", "spnet2006.yaml"));
        final PlasticWeights learnt;
        try (Network net = Network.build(NetworkAssembler.builder(ExperimentLoader.parse(spnet, "spnet2006.yaml"))
            .seed(3).threads(1)))
        {
            net.run(2100);
            learnt = PlasticWeights.of(net.synapses(), net.plasticity());
        }
        final Path folder = Files.createDirectories(dir.resolve("run"));
        npy(folder.resolve("synapse_sources.npy"), "<i4", learnt.sources());
        npy(folder.resolve("synapse_targets.npy"), "<i8", learnt.targets());
        npy(folder.resolve("synapse_delays_ms.npy"), "<i4", learnt.delays());
        final ByteBuffer w = ByteBuffer.allocate(4 * learnt.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (final float x : learnt.weights())
        {
            w.putFloat(x);
        }
        write(folder.resolve("weights.npy"), "<f4", learnt.size(), w.array());
        final String start = spnet.substring(0, spnet.indexOf("  - from: exc\n"));
        final String rest = spnet.substring(spnet.indexOf("  # each inhibitory"));
        final Path yaml = Files.writeString(dir.resolve("frozen.yaml"), start +
            "  - {from: exc, to: [exc, inh], connections: run, plasticity: {rule: spnet2006, w_max: 10}}\n" + rest);
        try (Network net = Network.build(NetworkAssembler.builder(ExperimentLoader.load(yaml)).seed(3).threads(2)))
        {
            final PlasticWeights given = PlasticWeights.of(net.synapses(), net.plasticity());
            assertArrayEquals(learnt.sources(), given.sources());
            assertArrayEquals(learnt.targets(), given.targets());
            assertArrayEquals(learnt.delays(), given.delays());
            assertArrayEquals(learnt.weights(), given.weights());
            assertTrue(java.util.stream.IntStream.range(0, learnt.size()).anyMatch(i -> learnt.weights()[i] != 6f),
                "the weights learnt are not the initial ones");
        }
        Files.delete(folder.resolve("weights.npy"));
        final InputException gone = assertThrows(InputException.class, () -> ExperimentLoader.load(yaml));
        assertTrue(gone.getMessage().contains("is a folder, which must hold synapse_sources.npy, synapse_targets.npy, " +
            "synapse_delays_ms.npy, weights.npy (a run's synapse arrays): ") &&
            gone.getMessage().endsWith("weights.npy: no such file"), gone.getMessage());
    }

    private static void npy(final Path file, final String type, final int[] values) throws IOException
    {
        final int bytes = type.charAt(2) - '0';
        final ByteBuffer b = ByteBuffer.allocate(bytes * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (final int v : values)
        {
            if (bytes == 4)
            {
                b.putInt(v);
            }
            else
            {
                b.putLong(v);
            }
        }
        write(file, type, values.length, b.array());
    }

    private static void write(final Path file, final String type, final int n, final byte[] data) throws IOException
    {
        final StringBuilder header = new StringBuilder("{'descr': '" + type + "', 'fortran_order': False, 'shape': (" +
            n + ",), }");
        while ((10 + header.length() + 1) % 64 != 0)
        {
            header.append(' ');
        }
        header.append('\n');
        final ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte)0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte)1).put((byte)0)
            .putShort((short)header.length()).put(header.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .put(data);
        Files.write(file, b.array());
    }
}
