package org.izhsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.network.build.MachineMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files that sim validate accepted and sim run then rejected without a location (or ran anyway): both now
 * make the same network plan, so they refuse with the same located line, and run writes nothing.
 */
class ValidateAgreesWithRunTest
{
    private static final String PARAMS = "params: {a: 0.02, b: 0.2, c: -65, d: 8}";
    private static final String THREE = "duration_ms: 5\npopulations:\n  a: {size: 10, " + PARAMS + "}\n" +
        "  b: {size: 10, " + PARAMS + "}\n  c: {size: 10, " + PARAMS + "}\n";

    @TempDir
    Path tmp;

    private Path write(final String yaml) throws IOException
    {
        final Path file = tmp.resolve("exp.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Both commands exit 2 with the same one line; run leaves no output folder. */
    private String refusedByBoth(final Path file)
    {
        final CommandLineRun validate = CommandLineRun.of("validate", file.toString());
        final Path out = tmp.resolve("out");
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, validate.exitCode(), validate.out() + validate.err());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        // The heap still free changes with each garbage collection: the rest of the line must be the same.
        assertEquals(withoutFreeHeap(validate.errorLine()), withoutFreeHeap(run.errorLine()));
        assertFalse(Files.exists(out), "run wrote nothing");
        return validate.errorLine();
    }

    private static String withoutFreeHeap(final String line)
    {
        return line.replaceAll("more than the [0-9.]+ [kMGT]?B this JVM may use", "more than the (free heap) this JVM may use");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "delay above the engine's maximum | projections:\\n  - {from: a, to: b, weight: 1, delay_ms: 2000, rule: all_to_all} " +
            "| 7:43: delay 2000 ms exceeds the engine's maximum of 1000 ms in projection 'a->b'",
        // A whole number of steps beyond the int range was "not a multiple of dt_ms".
        "delay beyond the int range       | projections:\\n  - {from: a, to: b, weight: 1, delay_ms: 2147483648, rule: " +
            "all_to_all} | 7:43: delay 2147483648 ms exceeds the engine's maximum of 1000 ms in projection 'a->b'",
        "delay range above the maximum    | projections:\\n  - {from: a, to: b, weight: 1, delay_ms: {distribution: " +
            "uniform_int, low: 1, high: 1001}, rule: all_to_all} | 7:85: delay 1001 ms exceeds the engine's maximum of 1000 ms",
        "targets not consecutive          | projections:\\n  - {from: a, to: [a, c], weight: 1, rule: all_to_all} " +
            "| 7:19: target populations [a, c] are not consecutive in declaration order",
        // The file's key, not the engine's name of the input (random_pick); at its 'to'.
        "random_input not consecutive     | random_input: {to: [a, c], amplitude: 1} | 6:20: populations [a, c] are not " +
            "consecutive in declaration order in random_input",
        "thread count in the millions     | threads: 5000000 | 6:10: threads 5000000 exceeds the maximum of 1024",
        "trace variables empty            | record: {traces: {neurons: [3], variables: []}} | 6:44: 'variables' lists " +
            "none of [v, u, input] in record.traces: name at least one, or leave the key out for v",
        "traced neuron listed twice       | record: {traces: {neurons: [3, 3]}} | 6:32: traced neuron 3 (a[3]) is listed twice: also at ",
        // dastdp2007's rewarded pair outside its projection: validate called these valid, run refused without a place;
        // located at the neuron's key (pre, post), not the reward's '{'.
        "reward's pre not a source        | projections:\\n  - {from: a, to: [a, b], weight: 1, rule: all_to_all, plasticity: " +
            "{rule: dastdp2007, reward: {pre: 15, post: 2}}} | 7:101: the rewarded pair's pre neuron 15 is not one of its " +
            "sources (neurons 0..9) in projection 'a->a+b'",
        "reward's post beyond the network | projections:\\n  - {from: a, to: [a, b], weight: 1, rule: all_to_all, plasticity: " +
            "{rule: dastdp2007, reward: {pre: 1, post: 5000}}} | 7:110: the rewarded pair's post neuron 5000 is not one of " +
            "its targets (neurons 0..19)",
        // A pair the random connectivity did not make: validate called it valid, run refused it once built.
        "reward's pair not connected      | projections:\\n  - {from: a, to: [a, b], weight: 1, rule: fixed_outdegree, k: 2, " +
            "plasticity: {rule: dastdp2007, reward: {pre: 1, post: 3}}} | 7:121: the rewarded pair 1 -> 3 is not a synapse " +
            "of this network (its random connectivity, seed 1); neuron 1's synapses reach 2, ... in projection 'a->a+b'",
        "reward's post not a source       | projections:\\n  - {from: a, to: [a, b], weight: 1, rule: all_to_all, plasticity: " +
            "{rule: dastdp2007, reward: {pre: 1, post: 12}}} | 7:110: the reward watches its post neuron's spikes, which are " +
            "kept only for neurons that are the source of some projection, and neuron 12 is the source of none",
    })
    void locatedByBoth(final String what, final String tail, final String expected) throws IOException
    {
        final Path file = write(THREE + tail.replace("\\n", "\n") + "\n");
        final String line = refusedByBoth(file);
        assertTrue(line.startsWith("sim: " + file + ":" + expected), () -> what + ": " + line);
    }

    /** all_to_all of a one-neuron population onto itself without autapses made no synapse without a word. */
    @Test
    void allToAllOfOneNeuronOntoItselfWithoutAutapsesIsRefusedByBoth() throws IOException
    {
        final Path file = write("duration_ms: 5\npopulations:\n  one: {size: 1, " + PARAMS + "}\n" +
            "projections:\n  - {from: one, to: one, weight: 1, rule: all_to_all, autapses: false}\n");
        final String line = refusedByBoth(file);
        assertTrue(line.endsWith("all_to_all of a single neuron onto itself makes no synapse when autapses: false " +
            "forbids the only one in projection 'one->one'"), line);
    }

    /** pairwise of a one-neuron population onto itself, autapses off by default: 0 synapses whatever p, silently. */
    @Test
    void pairwiseOfOneNeuronOntoItselfWithoutAutapsesIsRefusedAtTheRule() throws IOException
    {
        final Path file = write("duration_ms: 5\npopulations:\n  one: {size: 1, " + PARAMS + "}\n" +
            "projections:\n  - {from: one, to: one, weight: 1, rule: pairwise, p: 1}\n");
        final String line = refusedByBoth(file);
        assertTrue(line.startsWith("sim: " + file + ":5:43: pairwise of a single neuron onto itself makes no synapse " +
            "when autapses: false forbids the only one (the default of pairwise) in projection 'one->one'"), line);
    }

    /**
     * The command line's overrides are validate's too (it had none): --threads by the plan, and a --seed whose
     * connectivity lacks a rewarded pair the file names, which run refused and validate could not be asked about.
     */
    @Test
    void overridesOnTheCommandLineAreCheckedByValidateAndRunAlike() throws IOException
    {
        final Path file = write(THREE);
        final String threads = "sim: --threads: threads 5000000 exceeds the maximum of 1024 worker threads (auto: one " +
            "per free core)";
        final CommandLineRun run = CommandLineRun.of("run", file.toString(), "--threads", "5000000", "--out",
            tmp.resolve("out").toString(), "--quiet");
        assertEquals(2, run.exitCode());
        assertEquals(threads, run.errorLine());
        assertEquals(threads, CommandLineRun.of("validate", file.toString(), "--threads", "5000000").errorLine());
        final Path reward = write(THREE + "projections:\n  - {from: a, to: [a, b], weight: 1, rule: fixed_outdegree, " +
            "k: 2, plasticity: {rule: dastdp2007, reward: {pre: 1, post: 2}}}\n");
        assertEquals(0, CommandLineRun.of("validate", reward.toString()).exitCode(), "seed 1 makes 1 -> 2");
        final CommandLineRun seed2 = CommandLineRun.of("validate", reward.toString(), "--seed", "2");
        final CommandLineRun runSeed2 = CommandLineRun.of("run", reward.toString(), "--seed", "2", "--out",
            tmp.resolve("out").toString(), "--quiet");
        assertEquals(2, seed2.exitCode(), seed2.out());
        assertTrue(seed2.errorLine().contains("the rewarded pair 1 -> 2 is not a synapse of this network (its random " +
            "connectivity, seed 2)"), seed2.errorLine());
        assertEquals(seed2.errorLine(), runSeed2.errorLine());
    }

    /** 10^5 x 10^5 all-to-all: 10^10 synapses, 60 GB, refused from the plan alone. */
    @Test
    void tenBillionSynapsesAreRefusedFromThePlanWithTheEstimate() throws IOException
    {
        assumeTrue(Runtime.getRuntime().maxMemory() < 60_000_000_000L, "a heap that holds 60 GB would build it");
        // On a machine of 1 TB: the heap is what refuses it (on a smaller one its memory would).
        MachineMemory.current = () -> new MachineMemory(1L << 40, 1L << 40);
        try
        {
            for (final String threads : new String[] {"", "threads: 64\n"})
            {
                final Path file = write(threads + "populations:\n  a: {size: 100000, " + PARAMS + "}\n" +
                    "projections:\n  - {from: a, to: a, weight: 1, rule: all_to_all}\n");
                final long start = System.nanoTime();
                final String line = refusedByBoth(file);
                final double seconds = (System.nanoTime() - start) * 1e-9;
                // Building it would take minutes before failing; 1 s here failed on a loaded 2-core machine (1.3 s).
                assertTrue(seconds < 20.0, "validate and run together took " + seconds + " s");
                assertTrue(line.contains("60.0 GB"), line);
            }
            final String line = CommandLineRun.of("run", tmp.resolve("exp.yaml").toString(), "--out",
                tmp.resolve("out").toString()).errorLine();
            assertTrue(line.contains("10,000,000,000 synapses") && line.contains("heap limit") &&
                line.contains("SIM_JAVA_OPTS") && line.contains("fewer neurons or synapses"), line);
        }
        finally
        {
            MachineMemory.current = MachineMemory::ofThisMachine;
        }
    }

    /**
     * A network larger than the machine's memory was accepted under an -Xmx above it (-Xmx40g on a 24 GB machine
     * accepted 30 GB, which the kernel kills while it is built): validate and run refuse it alike, one line, exit 2,
     * nothing written, naming the machine's memory and no larger -Xmx.
     */
    @Test
    void aNetworkLargerThanTheMachinesMemoryIsRefusedByValidateAndRunAlike() throws IOException
    {
        final Path file = write("duration_ms: 5\npopulations:\n  a: {size: 2000, " + PARAMS + "}\n" +
            "projections:\n  - {from: a, to: a, weight: 1, rule: all_to_all}\n");
        // 4 million synapses, about 25 MB: within any test heap, and more than this 16 MB machine.
        MachineMemory.current = () -> new MachineMemory(16L << 20, 8L << 20);
        try
        {
            final String line = refusedByBoth(file);
            assertTrue(line.contains(" with the launcher's collector) is more than the " +
                org.izhsim.network.build.MemoryEstimate.bytes(16L << 20) + " of memory (RAM) this machine has, whatever " +
                "the heap: use fewer neurons or synapses, a machine with more memory, or MPI ranks on several machines"),
                line);
            assertFalse(line.contains("SIM_JAVA_OPTS"), line);
        }
        finally
        {
            MachineMemory.current = MachineMemory::ofThisMachine;
        }
    }

    /**
     * sim validate says what will learn (the rule, its projections, dastdp2007's rewarded synapse as the seed
     * resolves it: a user had to run the network to learn which synapse "pre 0's synapse 1" is), and its disk line
     * words the spikes as sim run's does (validate named raster.svg's marks and run did not).
     */
    @Test
    void validateNamesWhatLearnsAndWordsTheSpikesAsRunDoes() throws IOException
    {
        final CommandLineRun validate = CommandLineRun.of("validate", "../configs/dastdp2007.yaml");
        assertEquals(0, validate.exitCode(), validate.err());
        assertTrue(validate.out().contains("\n  plasticity dastdp2007 on projection 'exc->exc+inh': about 80,000 plastic " +
            "synapses, weights in [0, 4]; rewarded synapse 0 -> 6 (pre 0's synapse 1 with this seed)\n"), validate.out());
        final Path out = tmp.resolve("da");
        final CommandLineRun run = CommandLineRun.of("run", "../configs/dastdp2007.yaml", "--duration", "10", "--out",
            out.toString());
        assertEquals(0, run.exitCode(), run.err());
        final String spikes = "the spikes, about ";
        final String said = validate.out().substring(validate.out().indexOf(spikes)).lines().findFirst().orElseThrow();
        assertTrue(said.contains(" (and up to 60 more for each of the first 80,000 drawn, raster.svg's marks)"), said);
        assertTrue(run.out().contains(said.replace("\n", "") + "; "), run.out());
    }
}
