package org.izhsim.mpi;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mpirun -np 2} and {@code -np 3} of {@code sim run} on localhost write, on rank 0 only, the spikes.csv
 * of a single process byte for byte (sparse10k, delays 1..20 ms, shortened to 200 ms). Skipped, with the
 * reason printed, when the launcher is not installed.
 */
class MpiRunTest
{
    private static final String CONFIG = Path.of("..", "configs", "sparse10k.yaml").toString();

    @TempDir
    Path tmp;

    /**
     * With --warmup the ranks first run a partitioned copy together; with --realtime rank 0 paces the run and the
     * others follow it through the exchange: neither may change the spikes.
     */
    @ParameterizedTest(name = "{0} -np {1} --warmup {2} {3}")
    @CsvSource({"openmpi, 2, 0, ''", "openmpi, 3, 300, ''", "mpich, 2, 300, --realtime", "abi, 2, 0, ''"})
    void ranksWriteTheSpikesCsvOfOneProcessByteForByte(final String implementation, final int ranks,
        final int warmupMs, final String realtime) throws IOException, InterruptedException
    {
        final Path script = MpiLaunchTest.script(implementation, "", "org.izhsim.cli.Main");
        final Path single = tmp.resolve("single");
        final String singleOutput = run(List.of(script.toString()), single);
        final Path ranked = tmp.resolve("ranked");
        final List<String> command = MpiJob.mpirun(implementation, ranks);
        command.add(script.toString());
        final List<String> options = new ArrayList<>(List.of("--warmup", Integer.toString(warmupMs)));
        if (!realtime.isEmpty())
        {
            // 200 ms simulated at 20x real time: 10 ms of pacing.
            options.addAll(List.of(realtime, "--speed", "20"));
        }
        final String output = run(command, ranked, options.toArray(new String[0]));
        final String warmedUp = Files.readString(ranked.resolve("summary.json"));
        assertTrue(warmedUp.contains("\"jit_warmup_ms\" : " + warmupMs + ","), warmedUp);
        assertEquals(!realtime.isEmpty(), warmedUp.contains("\"realtime\""), warmedUp);
        assertEquals(warmupMs > 0, output.contains("warmed up the JIT on a copy (every rank)"), output);
        final byte[] expected = Files.readAllBytes(single.resolve("spikes.csv"));
        assertTrue(expected.length > 10_000, singleOutput);
        assertArrayEquals(expected, Files.readAllBytes(ranked.resolve("spikes.csv")), output);
        final String summary = Files.readString(ranked.resolve("summary.json"));
        assertTrue(summary.contains("\"ranks\" : " + ranks + ","), summary);
        assertTrue(summary.contains("\"exchange_latency_us\""), summary);
        assertTrue(summary.contains("\"spike_transport\" : \"MPI (" + MpiLaunchTest.flavour(implementation) +
            " handles, "), summary);
        for (final String figure : List.of("build_wall_s", "peak_heap_bytes", "memory_estimate_bytes",
            "exchange_latency_p50_us", "exchange_latency_p99_us"))
        {
            // One value per rank, in an array of per_rank.
            assertTrue(summary.matches("(?s).*\"per_rank\".*\"" + figure + "\" : \\[[^]]*\\].*"), figure + ": " + summary);
        }
        assertTrue(output.contains("memory estimate (rank 0 of " + ranks + "'s share)"), output);
        assertEquals(1, output.split("outputs: ", -1).length - 1, "rank 0 alone reports:\n" + output);
        assertFalse(output.contains("Exception"), output);
    }

    /**
     * A world of one rank builds the network of one process, which exchanges nothing: its run ended, after the last
     * step, in a NullPointerException for the exchange latency, and nothing was written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi", "mpich"})
    void aJobOfOneRankWritesTheOutputsOfOneProcess(final String implementation) throws IOException, InterruptedException
    {
        final Path script = MpiLaunchTest.script(implementation, "", "org.izhsim.cli.Main");
        final Path single = tmp.resolve("single");
        run(List.of(script.toString()), single);
        final Path one = tmp.resolve("one");
        final List<String> command = MpiJob.mpirun(implementation, 1);
        command.add(script.toString());
        final String output = run(command, one);
        assertArrayEquals(Files.readAllBytes(single.resolve("spikes.csv")), Files.readAllBytes(one.resolve("spikes.csv")),
            output);
        final String summary = Files.readString(one.resolve("summary.json"));
        assertTrue(summary.contains("\"ranks\" : 1,"), summary);
        assertFalse(output.contains("Exception"), output);
        assertTrue(output.contains("(1 rank x 1 thread)"), output);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi", "mpich"})
    void rankZeroRefusingTheOutputFolderStopsEveryRankWithItsOneLine(final String implementation)
        throws IOException, InterruptedException
    {
        final Path file = Files.writeString(tmp.resolve("not-a-folder"), "the user's\n");
        final List<String> command = MpiJob.mpirun(implementation, 2);
        command.addAll(List.of(MpiLaunchTest.script("", "org.izhsim.cli.Main").toString(), "run", CONFIG,
            "--duration", "200", "--threads", "1", "--out", file.toString()));
        final MpiJob.Finished job = MpiJob.run(command, 60);
        final String output = job.output();
        assertTrue(job.done(), "rank 1 still waiting 60 s after rank 0 failed:\n" + output);
        assertTrue(job.exitValue() != 0, output);
        assertTrue(output.contains("sim: rank 0 of 2: "), output);
        assertEquals("the user's\n", Files.readString(file));
    }

    /**
     * An MPI library that cannot be loaded (a user's MPI_JAVA_LIBRARY pointing nowhere) is one line per rank that
     * names it, exit code 2, no stack trace and nothing written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mpich"})
    void aMissingMpiLibraryIsOneLineWithExitCode2(final String implementation) throws IOException, InterruptedException
    {
        final List<String> command = MpiJob.mpirun(implementation, 2);
        command.addAll(List.of(MpiLaunchTest.script("", "org.izhsim.cli.Main").toString(), "run", CONFIG,
            "--duration", "100", "--threads", "1", "--out", tmp.resolve("out").toString()));
        final MpiJob.Finished job = MpiJob.run(command, 60, Map.of(Mpi.LIBRARY_VARIABLE, "/nonexistent/libmpi.so"));
        final String output = job.output();
        assertTrue(job.done(), output);
        assertEquals(2, job.exitValue(), output);
        assertTrue(output.contains("sim: no MPI library found (tried /nonexistent/libmpi.so)"), output);
        assertFalse(output.contains("\tat ") || output.contains("Exception"), output);
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    /**
     * A rank killed (SIGKILL) in the middle of a run, which can print nothing, stops the whole job within seconds:
     * the launcher notices the death, ends the other ranks, which were waiting in the step's exchange, and says
     * that a rank died of signal 9 (Open MPI names the rank, Hydra its PID).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi", "mpich"})
    void aKilledRankStopsTheWholeJobWithinSeconds(final String implementation)
        throws IOException, InterruptedException
    {
        final List<String> command = MpiJob.mpirun(implementation, 2);
        command.addAll(List.of(MpiLaunchTest.script("", "org.izhsim.cli.Main").toString(), "run", CONFIG,
            "--duration", "600000", "--threads", "1", "--out", tmp.resolve("out").toString()));
        final MpiJob.Finished job = MpiJob.runKillingRank(command, 60, "sparse10k: built ", 1);
        final String output = job.output();
        assertTrue(job.done(), "the job still ran 60 s after rank 1 was killed:\n" + output);
        assertNotEquals(0, job.exitValue(), output);
        // Open MPI: "process rank 1 with PID ... exited on signal 9 (Killed)"; Hydra names the PID only:
        // "BAD TERMINATION ... EXIT STRING: Killed (signal 9)".
        assertTrue(output.matches("(?s).*(rank 1 .*signal 9|Killed \\(signal 9\\)).*"), output);
        assertFalse(output.contains("outputs: "), output);
        assertFalse(Files.exists(tmp.resolve("out")), "no output folder from an interrupted job");
        System.out.printf("MpiRunTest: %s job ended %.1f s after rank 1 was killed%n", implementation, job.seconds());
        assertTrue(job.seconds() < 20, job.seconds() + " s:\n" + output);
    }

    /**
     * Ctrl-C while the ranks warm up (or build): every rank takes part in those collectives, so no rank can stop
     * alone; each process ends, rank 0 saying so in one line, and nothing is written. The job ended without a word.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi", "mpich"})
    void aSignalWhileTheRanksWarmUpEndsTheJobWithRankZerosLine(final String implementation)
        throws IOException, InterruptedException
    {
        final Path out = tmp.resolve("out");
        final List<String> command = MpiJob.mpirun(implementation, 2);
        // A warm-up of 600 s of sparse10k on one thread per rank takes about a minute: the signal comes during it.
        command.addAll(List.of(MpiLaunchTest.script("", "org.izhsim.cli.Main").toString(), "run", CONFIG,
            "--warmup", "600000", "--threads", "1", "--out", out.toString()));
        final MpiJob.Finished job = MpiJob.runInterruptingLauncher(command, 60, "sparse10k: built ");
        final String output = job.output();
        assertTrue(job.done(), "the job still ran 60 s after the signal:\n" + output);
        final String line = "sim: stopped by a signal (Ctrl-C, or the launcher ending the job after another rank " +
            "failed: see its line) while the network was being built or warmed up, before the run's first step; " +
            "nothing was written (" + out + " is as it was)";
        assertEquals(1, output.lines().filter(line::equals).count(), "rank 0's line, once:\n" + output);
        assertFalse(output.contains("warmed up the JIT") || output.contains("\tat ") || output.contains("Exception"),
            output);
        try (java.util.stream.Stream<Path> left = Files.list(tmp))
        {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("out")).toList(),
                "no output folder and no staging folder");
        }
        System.out.printf("MpiRunTest: %s job ended %.1f s after the signal%n", implementation, job.seconds());
    }

    /**
     * A config that one rank cannot read (given to rank 1 only, through the launchers' MPMD syntax) stops the job
     * within seconds with that rank's line: it is read after MPI_Init, so the rank aborts instead of exiting
     * before MPI_Init (which left MPICH's other ranks waiting).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi", "mpich"})
    void aConfigThatOneRankCannotReadStopsTheJobWithThatRanksLine(final String implementation)
        throws IOException, InterruptedException
    {
        final String script = MpiLaunchTest.script("", "org.izhsim.cli.Main").toString();
        final Path missing = tmp.resolve("only-rank-0-has-it.yaml");
        final List<String> command = MpiJob.mpirun(implementation, 1);
        command.addAll(List.of(script, "run", CONFIG, "--duration", "200", "--threads", "1", "--out",
            tmp.resolve("out").toString(), ":", "-np", "1", script, "run", missing.toString(), "--duration", "200",
            "--threads", "1", "--out", tmp.resolve("out").toString()));
        final MpiJob.Finished job = MpiJob.run(command, 60);
        final String output = job.output();
        assertTrue(job.done(), "rank 0 still waiting 60 s after rank 1 failed:\n" + output);
        assertTrue(job.exitValue() != 0, output);
        assertTrue(output.contains("sim: rank 1 of 2: ") && output.contains(missing.getFileName().toString()), output);
        assertTrue(job.seconds() < 30, job.seconds() + " s:\n" + output);
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    /**
     * Ranks given other run options or another noise through the MPMD syntax: another --duration failed inside with
     * "java.lang.IllegalStateException: ranks gave 47 ints, not 2 x 16" (exit 1), and another noise_sd ran a hybrid
     * network with exit 0. Each is refused now with a line naming what differs, exit 2, nothing written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi, duration", "openmpi, noise"})
    void ranksGivenOtherOptionsOrAnotherNetworkAreRefused(final String implementation, final String what)
        throws IOException, InterruptedException
    {
        final String script = MpiLaunchTest.script("", "org.izhsim.cli.Main").toString();
        final String other = what.equals("noise") ? Files.writeString(tmp.resolve("noisier.yaml"),
            Files.readString(Path.of(CONFIG)).replace("noise_sd: 5", "noise_sd: 6")).toString() : CONFIG;
        if (what.equals("noise"))
        {
            assertNotEquals(Files.readString(Path.of(CONFIG)), Files.readString(Path.of(other)),
                "the config no longer has noise_sd: 5");
        }
        final List<String> command = MpiJob.mpirun(implementation, 1);
        command.addAll(List.of(script, "run", CONFIG, "--duration", "200", "--threads", "1", "--out",
            tmp.resolve("out").toString(), ":", "-np", "1", script, "run", other, "--duration",
            what.equals("duration") ? "300" : "200", "--threads", "1", "--out", tmp.resolve("out").toString()));
        final MpiJob.Finished job = MpiJob.run(command, 60);
        final String output = job.output();
        assertTrue(job.done(), output);
        assertEquals(2, job.exitValue(), output);
        // The option that differs is named (the line listed all of a rank's options).
        assertTrue(output.contains(what.equals("duration") ? "every rank must run with the same options, but rank " :
            "every rank must build the same network, but rank "), output);
        if (what.equals("duration"))
        {
            assertTrue(output.matches("(?s).*rank [01]'s --duration differs from rank [01]'s \\(--duration [23]00\\).*"),
                output);
        }
        assertFalse(output.contains("IllegalStateException"), output);
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    /**
     * A plastic network under ranks: dastdp2007 (rewards 100..200 ms after a pairing, so one comes within the run)
     * for 2 s with a weight snapshot every second; rank 0 gathers each rank's weights in the order of one process.
     * Spikes, the weights with their sources, targets and delays, the snapshots and the weight plot equal one
     * process's byte for byte.
     */
    @ParameterizedTest(name = "{0} -np {1}")
    @CsvSource({"openmpi, 2"})
    void plasticRanksWriteTheSpikesAndWeightsOfOneProcessByteForByte(final String implementation, final int ranks)
        throws IOException, InterruptedException
    {
        final String yaml = Files.readString(Path.of("..", "configs", "dastdp2007.yaml"));
        final String changed = yaml.replace("window_ms: 20, delay_min_ms: 1001, delay_max_ms: 3000",
            "window_ms: 100, delay_min_ms: 100, delay_max_ms: 200").replace("weights_every_ms: 10000",
            "weights_every_ms: 1000");
        assertFalse(changed.equals(yaml), "configs/dastdp2007.yaml no longer has what this test shortens");
        final String config = Files.writeString(tmp.resolve("dastdp2007.yaml"), changed).toString();
        final Path script = MpiLaunchTest.script("", "org.izhsim.cli.Main");
        final Path single = tmp.resolve("single");
        run(List.of(script.toString()), config, "2000", single);
        final Path ranked = tmp.resolve("ranked");
        final List<String> command = MpiJob.mpirun(implementation, ranks);
        command.add(script.toString());
        final String output = run(command, config, "2000", ranked);
        assertTrue(Files.size(single.resolve("spikes.csv")) > 10_000, "the network must be active");
        for (final String file : List.of("spikes.csv", "weights.npy", "synapse_sources.npy", "synapse_targets.npy",
            "synapse_delays_ms.npy", "weight_snapshots.npy", "weight_snapshot_times_ms.npy", "weights.png"))
        {
            assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(ranked.resolve(file)),
                file + ":\n" + output);
        }
        final String summary = Files.readString(ranked.resolve("summary.json"));
        final String expected = Files.readString(single.resolve("summary.json"));
        final int from = expected.indexOf("\"plastic_weights\"");
        assertTrue(from >= 0, expected);
        // Up to the state's bytes, which under ranks are summed over the ranks (each keeps all sources' traces).
        final String weights = expected.substring(from, expected.indexOf("\"plasticity_state_bytes\"", from));
        assertTrue(summary.contains(weights), weights + "\nnot in\n" + summary);
        final int rewarded = expected.indexOf("\"rewarded_synapse\"");
        assertTrue(rewarded >= 0, expected);
        final String pair = expected.substring(rewarded, expected.indexOf('}', rewarded));
        assertTrue(summary.contains(pair), pair + "\nnot in\n" + summary);
    }

    /**
     * spnet2006 with plastic excitatory-to-excitatory synapses and fixed excitatory-to-inhibitory ones (the fixed
     * ones go through the receptor stage): 2 ranks write the spikes and weights of one process for 3 s.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi"})
    void ranksWithAFixedProjectionBesideAPlasticOneWriteTheFilesOfOneProcess(final String implementation)
        throws IOException, InterruptedException
    {
        final String yaml = Files.readString(Path.of("..", "configs", "spnet2006.yaml"));
        final String one = "  - from: exc\n    to: [exc, inh]\n    rule: fixed_outdegree\n    k: 100\n";
        final String changed = yaml.replace(one, "  - {from: exc, to: inh, rule: fixed_outdegree, k: 20, weight: 6, " +
            "delay_ms: {distribution: even_split, low: 1, high: 20}}\n  - from: exc\n    to: exc\n    rule: " +
            "fixed_outdegree\n    k: 80\n");
        assertFalse(changed.equals(yaml), "configs/spnet2006.yaml no longer has what this test splits");
        final String config = Files.writeString(tmp.resolve("mixed.yaml"), changed).toString();
        final Path single = assertRanksWriteTheFilesOfOneProcess(implementation, config, "3000");
        assertTrue(Files.readString(single.resolve("summary.json")).contains("\"count\" : 64000"),
            "the exc -> exc synapses alone are plastic");
    }

    /**
     * {@code config} run for {@code durationMs} by one process and by {@code mpirun -np 2}: an active network whose
     * spikes.csv, weights.npy and synapse_targets.npy are the same bytes. The one process's folder.
     */
    private Path assertRanksWriteTheFilesOfOneProcess(final String implementation, final String config,
        final String durationMs) throws IOException, InterruptedException
    {
        final Path script = MpiLaunchTest.script("", "org.izhsim.cli.Main");
        final Path single = tmp.resolve("single");
        run(List.of(script.toString()), config, durationMs, single);
        final Path ranked = tmp.resolve("ranked");
        final List<String> command = MpiJob.mpirun(implementation, 2);
        command.add(script.toString());
        final String output = run(command, config, durationMs, ranked);
        assertTrue(Files.size(single.resolve("spikes.csv")) > 10_000, "the network must be active");
        for (final String file : List.of("spikes.csv", "weights.npy", "synapse_targets.npy"))
        {
            assertArrayEquals(Files.readAllBytes(single.resolve(file)), Files.readAllBytes(ranked.resolve(file)),
                file + ":\n" + output);
        }
        return single;
    }

    /**
     * spnet2006 read from the connections files a run of it wrote (record.connections): 2 ranks, each reading the
     * files, write the spikes and learnt weights of one process.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi"})
    void ranksReadingConnectionsFilesWriteTheFilesOfOneProcess(final String implementation)
        throws IOException, InterruptedException
    {
        final Path script = MpiLaunchTest.script("", "org.izhsim.cli.Main");
        final Path drawn = tmp.resolve("drawn");
        run(List.of(script.toString()), Path.of("..", "configs", "spnet2006.yaml").toString(), "100", drawn, "--set",
            "record.connections=true");
        final String yaml = Files.readString(Path.of("..", "configs", "spnet2006.yaml"));
        final String start = yaml.substring(0, yaml.indexOf("projections:"));
        final String end = yaml.substring(yaml.indexOf("# \"random thalamic input\""));
        final String config = Files.writeString(tmp.resolve("given.yaml"), start + "projections:\n" +
            "  - {from: exc, to: [exc, inh], connections: " + drawn.resolve("connections_1.csv").toAbsolutePath() +
            ", plasticity: {rule: spnet2006, w_max: 10}}\n" +
            "  - {from: inh, to: exc, connections: " + drawn.resolve("connections_2.csv").toAbsolutePath() + "}\n" +
            end).toString();
        assertRanksWriteTheFilesOfOneProcess(implementation, config, "2000");
    }

    /**
     * A checkpoint under ranks: {@code mpirun -np 2} saves the state at 100 ms (rank 0 writes the file of one
     * process, with the periodic save at 50 ms before it), one process resumes it and runs to 200 ms, and so does
     * {@code mpirun -np 2}: each time spikes.csv of 0..100 ms followed by that of 100..200 ms is the uncut 200 ms
     * run's, byte for byte. The runs have a noise seed of their own, not given to the resumed ones: every rank takes
     * the one the file records (rank 0 alone reads it), as one process does.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi"})
    void aCheckpointSavedByTwoRanksResumesInOneProcessAndUnderRanksAsTheUncutRun(final String implementation)
        throws IOException, InterruptedException
    {
        final Path script = MpiLaunchTest.script("", "org.izhsim.cli.Main");
        final Path single = tmp.resolve("single");
        run(List.of(script.toString()), single, "--noise-seed", "3");
        final List<String> ranks = MpiJob.mpirun(implementation, 2);
        ranks.add(script.toString());
        final Path state = tmp.resolve("state.ckpt");
        final String saved = run(ranks, CONFIG, "100", tmp.resolve("first"), "--save-state", state.toString(),
            "--save-state-every", "50", "--noise-seed", "3");
        assertTrue(saved.contains("saved the state at t = 100 ms to " + state), saved);
        final String first = Files.readString(tmp.resolve("first").resolve("spikes.csv"));
        final byte[] expected = Files.readAllBytes(single.resolve("spikes.csv"));
        assertTrue(expected.length > 10_000 && first.length() > 1_000, "both halves fire");
        for (final List<String> command : List.of(List.of(script.toString()), ranks))
        {
            final Path out = tmp.resolve("resumed" + command.size());
            final String resumed = run(command, CONFIG, "100", out, "--resume", state.toString());
            assertTrue(resumed.contains("resumed from " + state + " at t = 100 ms"), resumed);
            assertTrue(resumed.contains("sparse10k: resuming under the checkpoint's noise seed 3, the noise its run " +
                "drew"), resumed);
            final String second = Files.readString(out.resolve("spikes.csv"));
            final String joined = first + second.substring(second.indexOf('\n') + 1);
            assertArrayEquals(expected, joined.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "spikes.csv of 200 ms = 100 ms under 2 ranks + 100 ms resumed by " + command + ":\n" + resumed);
        }
    }

    /**
     * A checkpoint of other synapses resumed under ranks: every rank that prints the refusal names the option, as
     * rank 0 does (rank 1's line lacked "--resume"), and the job ends with nothing written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"openmpi"})
    void aResumeRefusedUnderRanksNamesTheOptionOnEveryRank(final String implementation)
        throws IOException, InterruptedException
    {
        final Path script = MpiLaunchTest.script("", "org.izhsim.cli.Main");
        final Path state = tmp.resolve("other.ckpt");
        run(List.of(script.toString()), CONFIG, "20", tmp.resolve("saved"), "--save-state", state.toString());
        final List<String> command = MpiJob.mpirun(implementation, 2);
        command.add(script.toString());
        command.addAll(List.of("run", CONFIG, "--duration", "20", "--threads", "1", "--out",
            tmp.resolve("never").toString(), "--resume", state.toString(), "--set", "projections.#1.weight=0.4*rand"));
        final MpiJob.Finished job = MpiJob.run(command, 120);
        final String output = job.output();
        assertTrue(job.done(), "not finished in 120 s:\n" + output);
        assertTrue(job.exitValue() != 0, output);
        final List<String> refusals = output.lines().filter(line -> line.startsWith("sim: rank ")).toList();
        assertFalse(refusals.isEmpty(), output);
        for (final String line : refusals)
        {
            assertTrue(line.matches("sim: rank \\d of 2: --resume checkpoint .* was made with other synapses from " +
                "'exc' .*"), line);
        }
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    /** Runs {@code command run CONFIG} into {@code out} and returns its output; fails unless it exits with 0. */
    private static String run(final List<String> command, final Path out, final String... options)
        throws IOException, InterruptedException
    {
        return run(command, CONFIG, "200", out, options);
    }

    /** Runs {@code command run config} for {@code durationMs} into {@code out}; fails unless it exits with 0. */
    private static String run(final List<String> command, final String config, final String durationMs,
        final Path out, final String... options) throws IOException, InterruptedException
    {
        final List<String> full = new ArrayList<>(command);
        full.addAll(List.of("run", config, "--duration", durationMs, "--threads", "1", "--out", out.toString()));
        full.addAll(List.of(options));
        final MpiJob.Finished job = MpiJob.run(full, 120);
        final String output = job.output();
        assertTrue(job.done(), "not finished in 120 s:\n" + output);
        assertEquals(0, job.exitValue(), output);
        return output;
    }
}
