package org.izhsim.cli;

import org.izhsim.core.InputException;
import org.izhsim.service.NeuronOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Counts, durations and hostile files on the command line: refused with one line and exit code 2 in
 * seconds, never wrapped into a different run.
 */
class CommandLineLimitsTest
{
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private static String refused(final String... args)
    {
        final CommandLineRun run = assertTimeoutPreemptively(BOUND, () -> CommandLineRun.of(args));
        assertEquals(2, run.exitCode(), run.err());
        return run.errorLine();
    }

    private static Path config() throws URISyntaxException
    {
        return Path.of(CommandLineLimitsTest.class.getResource("/cli/small.yaml").toURI());
    }

    @Test
    void durationBeyondTheEngineStepCountIsRefusedNotWrapped() throws Exception
    {
        // 2^32 + 50 ms used to become (int) 50 steps.
        final Path out = tmp.resolve("out");
        assertEquals("sim: --duration 4294967346 ms is 4294967346 steps, more than the 2147483647 (24.8 days of 1 ms " +
            "steps) a run can take", refused("run", config().toString(), "--duration", "4294967346", "--out", out.toString()));
        assertFalse(Files.exists(out));
        final Path file = tmp.resolve("long.yaml");
        Files.writeString(file, Files.readString(config()).replaceFirst("(?m)^duration_ms: .*$", "duration_ms: 4294967346"));
        assertTrue(refused("validate", file.toString()).matches("sim: .*long\\.yaml:\\d+:14: 'duration_ms' 4294967346 is " +
            "4294967346 steps, more than the 2147483647 \\(24\\.8 days of 1 ms steps\\) a run can take"));
    }

    /** --duration 1e309 was called "a finite number of ms > 0, got Infinity", naming a value nobody typed. */
    @Test
    void aDurationBeyondTheDoubleRangeIsCalledTooLarge() throws Exception
    {
        assertEquals("sim: --duration is too large: beyond the largest number (1.8e308), and a run takes at most " +
            "2147483647 steps (24.8 days of 1 ms steps)", refused("run", config().toString(), "--duration", "1e400"));
        assertEquals("sim: --duration must be a finite number of ms > 0, got -1",
            refused("run", config().toString(), "--duration", "-1"));
    }

    @Test
    void threadCountsAreBoundedWithAHintAtAuto() throws Exception
    {
        assertEquals("sim: --threads: threads 2000000 exceeds the maximum of 1024 worker threads (auto: one per free core)",
            refused("run", config().toString(), "--threads", "2000000"));
        assertEquals("sim: --threads: threads 99999999999 exceeds the maximum of 1024 worker threads (auto: one per " +
            "free core)", refused("run", config().toString(), "--threads", "99999999999"));
        final Path file = tmp.resolve("threads.yaml");
        Files.writeString(file, "threads: 5000000\n" + Files.readString(config()));
        assertEquals("sim: " + file + ":1:10: threads 5000000 exceeds the maximum of 1024 worker threads (auto: one per free core)", refused("validate", file.toString()));
    }

    @Test
    void countsThatOverflowTheirTypeAreRefused() throws Exception
    {
        assertEquals("sim: Invalid value for option '--seed': '99999999999999999999' is not a whole number a long " +
            "holds (write it as in experiment files: 1000, 1e3) (see 'sim run --help')",
            refused("run", config().toString(), "--seed", "99999999999999999999"));
        assertTrue(refused("run", config().toString(), "--seed", "1.5").startsWith("sim: Invalid value for option " +
            "'--seed': '1.5' is not a whole number"));
        // As the file's integer keys read it (seed: 1e3), and as --duration 1e2 was already read.
        final CommandLineRun seed = CommandLineRun.of("validate", config().toString(), "--seed", "1e3");
        assertEquals(0, seed.exitCode(), seed.err());
        assertTrue(seed.out().contains(", seed 1000"), seed.out());
        assertTrue(refused("explore", "--port", "4294967376")
            .startsWith("sim: Invalid value for option '--port': '4294967376' is not a whole number an int holds"));
        assertEquals("sim: --port must be between 0 and 65535, got 65536", refused("explore", "--port", "65536"));
    }

    /**
     * docs/config.md: number options take the experiment files' spelling. --duration 1e3 and --seed 1e3 did, --warmup
     * 1e3 (and 5.0) and explore --port 1e3 were refused as "not an int".
     */
    @Test
    void intOptionsTakeTheSpellingOfExperimentFiles() throws Exception
    {
        assertEquals("sim: --warmup must be >= 0 ms, got -1000",
            refused("run", config().toString(), "--warmup", "-1e3", "--out", tmp.resolve("w").toString()));
        assertEquals("sim: --warmup must be >= 0 ms, got -5",
            refused("run", config().toString(), "--warmup", "-5.0", "--out", tmp.resolve("w").toString()));
        assertEquals("sim: --port must be between 0 and 65535, got 100000", refused("explore", "--port", "1e5"));
        assertEquals("sim: Invalid value for option '--warmup': '2.5' is not a whole number an int holds (write it as " +
            "in experiment files: 1000, 1e3) (see 'sim run --help')", refused("run", config().toString(), "--warmup",
            "2.5"));
    }

    /** An empty --configs offered the working folder's files, while an empty --out was refused. */
    @Test
    void anEmptyConfigsFolderIsRefusedAsAnEmptyOutIs()
    {
        assertEquals("sim: explore --configs is empty: give the folder of experiment files to offer (default: configs)",
            refused("explore", "--port", "0", "--configs", ""));
    }

    /** An explorer started with --configs naming a file or nothing offered no config, without a word. */
    @Test
    void exploreRefusesAConfigsFolderThatIsNotOne() throws Exception
    {
        assertEquals("sim: --configs " + config() + " is not a folder: name the folder of experiment files to offer",
            refused("explore", "--port", "0", "--configs", config().toString()));
        assertEquals("sim: --configs /nonexistent-izhsim does not exist: name the folder of experiment files to offer",
            refused("explore", "--port", "0", "--configs", "/nonexistent-izhsim"));
    }

    @Test
    void neuronRefusesATraceThatWouldNotFitInTheHeap()
    {
        final String line = refused("neuron", "--duration", "1e12", "--dt", "0.001");
        assertTrue(line.startsWith("sim: --duration 1000000000000 ms at --dt 0.001 ms is 1.000e+15 steps, whose trace " +
            "(t, v, u, I: 32 bytes a step) needs 32.0 PB; the heap limit is "), line);
        // The limit is half the heap: a 1 GiB heap takes 16 Mi steps, not one more.
        final long heap = 1L << 30;
        NeuronOptions.requireTraceFits(1.0, (1 << 24) - 1, heap);
        final String message = assertThrows(InputException.class,
            () -> NeuronOptions.requireTraceFits(1.0, 1 << 24, heap)).getMessage();
        assertEquals("--duration 16777216 ms at --dt 1 ms is 1.678e+07 steps, whose trace (t, v, u, I: 32 bytes a step) " +
            "needs 537 MB; the heap limit is 1.1 GB and a run may use half of it: shorten --duration, raise " +
            "--dt, or give the JVM more heap (SIM_JAVA_OPTS=-Xmx...)", message);
    }

    @Test
    void neuronStartStateBeyondTheModelRangeIsOneLine()
    {
        // A blow-up, exit 3 as a network's (it was 2, the exit code of an option that cannot be read).
        final CommandLineRun diverged = CommandLineRun.of("neuron", "--v0", "-1e300", "--duration", "10");
        assertEquals(3, diverged.exitCode(), diverged.err());
        // The start state, not the step: dt was blamed first.
        assertEquals("sim: numerical blow-up at t = 0.0 ms: the start state (v = -1e300, u = -2e299) is beyond the " +
            "model's range, or a parameter is", diverged.errorLine());
        assertEquals("sim: --current is beyond the largest number, +-1.8e308: give a finite one", refused("neuron", "--current", "1e400"));
        assertEquals("sim: --current 1e308 is outside the range a float holds (+-3.4e38), as a stimulus file's " +
            "currents are", refused("neuron", "--current", "1e308"));
    }

    @Test
    void hostileFilesAreOneLineInBoundedTime() throws IOException
    {
        final Path deep = tmp.resolve("deep.yaml");
        Files.writeString(deep, "seed: " + "[".repeat(200_000) + "\n");
        assertEquals("sim: " + deep + ":1:70: lists and mappings nest more than 64 levels deep", refused("validate", deep.toString()));

        final Path expression = tmp.resolve("expression.yaml");
        Files.writeString(expression, "populations:\n  e: {size: 1, params: {a: 1, b: 1, c: 1, d: '" +
            "(".repeat(1_000) + "r" + ")".repeat(1_000) + "'}}\n");
        assertEquals("sim: " + expression + ":2:147: expression nests deeper than 100 levels (parentheses, signs, powers, " +
            "calls or a chain of operators) in 'd' = '((((((((((((((((((((((((((((((((((((((((...))))))))))))))))))))' " +
            "(2001 characters)", refused("validate", expression.toString()));

        final Path big = tmp.resolve("big.yaml");
        Files.write(big, new byte[10 << 20]);
        assertEquals("sim: " + big + ": the file is larger than 1048576 bytes (1 MiB), the limit of experiment and " +
            "stimulus files", refused("run", big.toString(), "--out", tmp.resolve("o").toString()));
        assertEquals("sim: " + tmp + ": is a folder, not a file", refused("validate", tmp.toString()));

        final Path latin1 = tmp.resolve("latin1.yaml");
        Files.write(latin1, "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("sim: " + latin1 + ":1:6: the file is not UTF-8 text (byte 0xe9 at byte offset 5)",
            refused("validate", latin1.toString()));
        assertEquals("sim: " + tmp + ": is a folder, not a file", refused("neuron", "--stimulus", tmp.toString()));
        if (Files.exists(Path.of("/dev/zero")))
        {
            assertEquals("sim: /dev/zero: is a device, not a regular file", refused("neuron", "--stimulus", "/dev/zero"));
        }
    }

    /**
     * Number options took what Double.valueOf takes, hexadecimal ({@code 0x1p3}), a type suffix ({@code 1d}), NaN,
     * while an experiment file refused them: both now take the decimals of YAML (5, -0.5, .5, 1e-3) alone.
     */
    @Test
    void numberOptionsTakeOnlyTheDecimalsOfExperimentFiles() throws Exception
    {
        final String decimals = " is not a decimal number (write numbers as in experiment files: 8, -0.5, 1e-3)";
        assertEquals("sim: Invalid value for option '--current': '0x1p3'" + decimals + " (see 'sim neuron --help')",
            refused("neuron", "--current", "0x1p3"));
        assertEquals("sim: Invalid value for option '--duration': '1d'" + decimals + " (see 'sim neuron --help')",
            refused("neuron", "--duration", "1d"));
        assertEquals("sim: Invalid value for option '--a': 'NaN'" + decimals + " (see 'sim neuron --help')",
            refused("neuron", "--a", "NaN"));
        assertEquals("sim: Invalid value for option '--duration': '0x1p6'" + decimals + " (see 'sim validate --help')",
            refused("validate", config().toString(), "--duration", "0x1p6"));
        assertEquals("sim: Invalid value for option '--speed': '1f'" + decimals + " (see 'sim run --help')",
            refused("run", config().toString(), "--realtime", "--speed", "1f", "--out", tmp.resolve("o").toString()));
        final Path file = tmp.resolve("hex.yaml");
        Files.writeString(file, Files.readString(config()).replaceFirst("(?m)^duration_ms: .*$", "duration_ms: 0x1p6"));
        assertTrue(refused("validate", file.toString()).endsWith(":14: expected a number for 'duration_ms', got '0x1p6'"));

        final CommandLineRun decimal = CommandLineRun.of("neuron", "--current", "+5", "--duration", ".5e2", "--json");
        assertEquals(0, decimal.exitCode(), decimal.err());
        assertTrue(decimal.out().contains("\"duration_ms\":50.0"), decimal.out());
    }

    /** A one-neuron network without synapses was "built 1 neurons and 0 synapses". */
    @Test
    void aOneNeuronNetworkIsCountedInTheSingular() throws Exception
    {
        final Path one = Files.writeString(tmp.resolve("one.yaml"), "name: one\nduration_ms: 10\npopulations:\n" +
            "  e: {size: 1, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 10}}\n");
        final CommandLineRun run = CommandLineRun.of("run", one.toString(), "--out", tmp.resolve("o1").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("one: built 1 neuron and 0 synapses in "), run.out());
    }

    /** An empty file name is the working folder to the file system: it printed as "sim: : is a folder, not a file". */
    @Test
    void anEmptyFileNameIsCalledSo() throws Exception
    {
        assertEquals("sim: '': is an empty name, not a file", refused("run", ""));
        assertEquals("sim: '': is an empty name, not a file", refused("validate", ""));
        assertEquals("sim: '': is an empty name, not a file", refused("neuron", "--stimulus", ""));
        assertEquals("sim: --save-state '': give the checkpoint file's name",
            refused("run", config().toString(), "--save-state", "", "--out", tmp.resolve("o").toString()));
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    /**
     * A named pipe is read as an experiment file (`sim validate <(sed ... x.yaml)`), and refused at once, without
     * waiting for a writer, where a file is read by its size: a CSV table, a checkpoint.
     */
    @Test
    void aNamedPipeIsReadAsAnExperimentFileAndRefusedAsATableOrACheckpoint() throws Exception
    {
        final Path fifo = tmp.resolve("pipe");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo here");
        final String pipe = "is a pipe, not a regular file (reading it waits for a writer): save its contents to a file";
        final Path out = tmp.resolve("out");

        final Thread writer = new Thread(() ->
        {
            try
            {
                Files.writeString(fifo, Files.readString(config()));
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        writer.start();
        final CommandLineRun validated = assertTimeoutPreemptively(BOUND, () -> CommandLineRun.of("validate", fifo.toString()));
        writer.join();
        assertEquals(0, validated.exitCode(), validated.err());

        final Path stimulus = tmp.resolve("table.yaml");
        Files.writeString(stimulus, "stimulus:\n  - csv: {file: pipe}\n");
        assertEquals("sim: " + stimulus + ":2:17: CSV file 'pipe' (" + fifo + ") " + pipe,
            refused("neuron", "--stimulus", stimulus.toString()));
        assertEquals("sim: --resume " + fifo + ": " + pipe,
            refused("run", config().toString(), "--resume", fifo.toString(), "--out", out.toString()));
        assertFalse(Files.exists(out), "nothing written");
    }
}
