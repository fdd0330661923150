package org.izhsim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end runner on a tiny network, and the command line's handling of bad options. */
class BenchCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(final String... args)
    {
        return BenchMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void tinyNetworkGivesBenchJsonWithSaneFields() throws Exception
    {
        final Path config = tiny();
        assertEquals(0, bench("--config", config.toString(), "--threads", "1,2", "--repeat", "2", "--duration", "40",
            "--warmup", "10", "--out", dir.toString()), err.toString());

        final String json = Files.readString(dir.resolve("bench.json"));
        assertTrue(json.contains("\"name\" : \"tiny\""), json);
        assertEquals(2, count(json, "\"threads\" : [12],"), json);
        assertTrue(json.contains("\"synapses\" : 4000,"), json);
        final Matcher rtf = Pattern.compile("\"real_time_factor\" : \\{\\s*\"median\" : ([0-9.Ee-]+)").matcher(json);
        assertTrue(rtf.find(), json);
        final double median = Double.parseDouble(rtf.group(1));
        assertTrue(median > 0 && median < 10, "RTF " + median);
        final Matcher events = Pattern.compile("\"synaptic_events_per_s\" : \\{\\s*\"median\" : ([0-9.Ee-]+)").matcher(json);
        assertTrue(events.find() && Double.parseDouble(events.group(1)) > 0, json);

        final String md = Files.readString(dir.resolve("bench.md"));
        assertTrue(md.contains("| tiny | izhsim | 2 |"), md);
        assertTrue(out.toString().contains("| tiny | izhsim | 1 |"), out.toString());
        // Without --peers the report says none ran (it described the peers' runs it had not made).
        assertTrue(md.contains(" No peer ran (--peers runs them).") && !md.contains("The peers run the same"), md);

        // Every run measured the same steps: one spike count, in the target line and in bench.json.
        final Matcher spikes = Pattern.compile("\"spikes\" : ([0-9]+),").matcher(json);
        final Set<String> counts = new HashSet<>();
        while (spikes.find())
        {
            counts.add(spikes.group(1));
        }
        assertEquals(1, counts.size(), json);
        final String count = counts.iterator().next();
        assertTrue(Pattern.compile("\"same_spikes_in_every_run\" : \\{\\s*\"met\" : true,\\s*"
            + "\"distinct_spike_counts\" : \\[ " + count + " \\],").matcher(json).find(), json);
        assertTrue(md.contains("- met: tiny: the same " + count + " spikes at 1 and 2 threads, every repeat\n"), md);
    }

    @Test
    void repeatsRunInRoundsOfEveryCaseSoThatDriftMovesAllCasesAlike() throws Exception
    {
        final Path config = tiny();
        assertEquals(0, bench("--config", config.toString(), "--threads", "1", "--repeat", "2", "--duration", "20",
            "--warmup", "10", "--background-load", "1", "--out", dir.toString()), err.toString());

        final List<String> runs = err.toString().lines().filter(l -> l.contains(", round ")).map(
            l -> l.substring(0, l.indexOf(": RTF"))).toList();
        assertEquals(List.of("bench: tiny, round 1 of 2, 1 thread(s)",
            "bench: tiny, round 1 of 2, 1 thread(s), 1 busy process(es)", "bench: tiny, round 2 of 2, 1 thread(s)",
            "bench: tiny, round 2 of 2, 1 thread(s), 1 busy process(es)"), runs, err.toString());
        final String md = Files.readString(dir.resolve("bench.md"));
        assertTrue(md.contains("| tiny | izhsim | 1 |") && md.contains("| tiny | izhsim, 1 busy process | 1 |"), md);
    }

    @Test
    void cpuCoresOfARunOfMillisecondsAreNotClockTicks() throws Exception
    {
        // Runs of a few ms: the process CPU time, which JDK 17 reads in 10 ms ticks, gave 0 or 2 to 5 cores here.
        final Path config = tiny();
        assertEquals(0, bench("--config", config.toString(), "--threads", "1,2", "--repeat", "2", "--duration", "3000",
            "--warmup", "10", "--out", dir.toString()), err.toString());

        final String json = Files.readString(dir.resolve("bench.json"));
        // Each case's "threads", then its samples' "cpu_cores_used" (the medians are objects, not matched).
        final Matcher m = Pattern.compile("\"threads\" : ([0-9]+)|\"cpu_cores_used\" : ([0-9.Ee-]+)").matcher(json);
        int threads = 0;
        int samples = 0;
        while (m.find())
        {
            if (m.group(1) != null)
            {
                threads = Integer.parseInt(m.group(1));
                continue;
            }
            final double used = Double.parseDouble(m.group(2));
            // Ticks gave 0, or 2 to 5 cores; a value under half a core is no tick: on the shared 2-core machine, with
            // other programs keeping both cores busy, 1 thread was given 0.22 to 0.46 of one.
            assertTrue(used > 0 && used <= threads + 0.3,
                "cpu_cores_used " + used + " with " + threads + " thread(s) in " + json);
            samples++;
        }
        assertEquals(4, samples, json);
    }

    @Test
    void spnetIsMeasuredFromItsStartAgainstTheCLoopDoingTheSameWork() throws Exception
    {
        final Path config = Path.of("..", "configs", "spnet2006.yaml");
        // The project's root, as ./sim gives it: the shipped config is known as such (its targets apply).
        assertEquals(0, (int)withProjectRoot(() -> bench("--config", config.toString(), "--peers", "--threads", "1,2",
            "--repeat", "1", "--duration", "300", "--warmup", "100", "--out", dir.toString())), err.toString());
        final String md = Files.readString(dir.resolve("bench.md"));
        assumeFalse(md.contains("| spnet2006 | c-spnet | 1 | not installed"), "no gcc: " + md);
        assertTrue(md.contains("| spnet2006 | c-spnet | 1 | "), md);
        assertTrue(md.contains("- met: spnet2006: the same work as the C loop at 1 thread(s)"), md);
        assertTrue(md.contains("- met: spnet2006: the same work as the C loop at 2 thread(s)"), md);
        assertTrue(md.contains("spnet2006: at 2 thread(s) >= 2x faster than the spnet C loop: C / ours = "), md);
        assertTrue(Files.readString(dir.resolve("bench.json")).contains("\"peer\" : \"c-spnet\""));
    }

    @Test
    void aFolderItDidNotWriteIsRefusedAndKeepsItsFiles() throws Exception
    {
        final Path config = tiny();
        final Path canary = dir.resolve("bench.md");
        Files.writeString(canary, "my notes");
        assertEquals(2, bench("--config", config.toString(), "--threads", "1", "--repeat", "1", "--duration", "10",
            "--warmup", "10", "--out", dir.toString()), err.toString());
        assertEquals("my notes", Files.readString(canary));
        assertEquals(List.of(canary), Files.list(dir).toList(), "nothing written beside it");
        final String message = err.toString().strip();
        assertTrue(message.startsWith("sim bench: ") && message.lines().count() == 1, message);
    }

    /**
     * bench.json that the disk cannot take (a file-size limit on a child JVM, as a full disk): one line naming the
     * folder and the file, exit 1, nothing left (it was a stack trace ending in "java.io.IOException: No space left
     * on device").
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aReportTheDiskCannotTakeIsOneLineAndLeavesNothing() throws Exception
    {
        final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder("bash", "-c", "ulimit -f 1; exec '" + javaBin +
            "' -XX:TieredStopAtLevel=1 -cp \"$CP\" " + BenchMain.class.getName() + " --config '" + tiny() +
            "' --threads 1 --repeat 1 --duration 10 --warmup 10 --out b").directory(dir.toFile())
            .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("CP", System.getProperty("java.class.path"));
        final Process process = builder.start();
        final String stdout = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "ended");
        final String stderr = Files.readString(dir.resolve("err.txt")).strip();
        assertEquals(1, process.exitValue(), stderr);
        assertEquals("sim bench: writing the outputs to 'b' failed: cannot write bench.json: File too large; " +
            "nothing was written there", stderr.lines().reduce((a, b) -> b).orElse(""));
        // The table was printed only after the files were written: a full disk lost every figure of the run.
        assertTrue(stdout.contains("| tiny | izhsim | 1 | "), stdout);
        assertEquals(List.of("err.txt"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }

    /**
     * A C peer that failed named the hidden staging folder (".b.tmp-PID-.../peers/izh_baseline"), gone once the run
     * was committed: it names the output folder now, where the peers' folder is.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aFailedPeerNamesTheOutputFolderNotTheStagingFolder() throws Exception
    {
        // A "compiler" whose program is no program: running it fails, naming its path.
        final Path fake = Files.writeString(dir.resolve("fake-gcc"), "#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ \"$1\" = -o ]; " +
            "then printf 'not a program' > \"$2\"; chmod +x \"$2\"; fi; shift; done\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(fake.toFile().setExecutable(true), "cannot make it executable");
        final String compiler = CompiledPeer.gcc;
        CompiledPeer.gcc = fake.toString();
        try
        {
            final Path target = dir.resolve("b");
            assertEquals(0, bench("--config", tiny().toString(), "--threads", "1", "--repeat", "1", "--duration", "10",
                "--warmup", "10", "--peers", "--out", target.toString()), err.toString());
            final String md = Files.readString(target.resolve("bench.md"));
            final String row = md.lines().filter(line -> line.contains("| c-baseline |")).findFirst().orElse(md);
            assertTrue(row.contains("failed: ") && row.contains(target.toAbsolutePath().normalize().resolve("peers")
                .toString()), row);
            assertFalse(row.contains(".tmp-"), row);
        }
        finally
        {
            CompiledPeer.gcc = compiler;
        }
    }

    /**
     * --background-load without sh on the PATH failed after the quiet cases were measured, as "writing the outputs to
     * 'b' failed: cannot start the background load (sh)", exit 1: refused before anything is measured, exit 2.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aBackgroundLoadWithoutShIsRefusedBeforeAnythingIsMeasured() throws Exception
    {
        final String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(javaBin, "-XX:TieredStopAtLevel=1", "-cp",
            System.getProperty("java.class.path"), BenchMain.class.getName(), "--config", tiny().toString(), "--threads",
            "1", "--repeat", "1", "--duration", "10", "--warmup", "10", "--background-load", "1", "--out", "b")
            .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", Files.createDirectories(dir.resolve("empty-path")).toString());
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "ended");
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.strip().startsWith("sim bench: --background-load runs its busy processes with sh, which cannot " +
            "be started here: "), output);
        assertFalse(Files.exists(dir.resolve("b")), "nothing written");
    }

    /**
     * "CPU cores used" divided the JVM's CPU time over the call of run by the result's shorter run time: a 10 ms run
     * showed 6 to 9 cores on a 2-core machine. Both times now cover one interval, so no value exceeds the cores.
     */
    @Test
    void cpuCoresUsedNeverExceedTheMachinesCores() throws Exception
    {
        assertEquals(0, bench("--config", tiny().toString(), "--threads", "1,2", "--repeat", "2", "--duration", "10",
            "--warmup", "10", "--out", dir.resolve("b").toString()), err.toString());
        final Matcher m = Pattern.compile("\"cpu_cores_used\" : ([0-9.eE+-]+)").matcher(
            Files.readString(dir.resolve("b").resolve("bench.json")));
        int values = 0;
        final int cores = Runtime.getRuntime().availableProcessors();
        while (m.find())
        {
            values++;
            assertTrue(Double.parseDouble(m.group(1)) <= cores * 1.02, m.group() + " on " + cores + " cores");
        }
        assertTrue(values >= 4, "each repeat's value is in bench.json: " + values);
    }

    @Test
    void aSecondBenchReplacesItsOwnFolder() throws Exception
    {
        final Path config = tiny();
        final Path target = dir.resolve("bench");
        for (int run = 0; run < 2; run++)
        {
            assertEquals(0, bench("--config", config.toString(), "--threads", "1", "--repeat", "1", "--duration", "10",
                "--warmup", "10", "--out", target.toString()), err.toString());
        }
        assertTrue(Files.readString(target.resolve("bench.json")).contains("\"name\" : \"tiny\""));
        assertEquals(List.of(target), Files.list(dir).toList(), "no staging folder left beside it");
        // The second says so first, as sim run does (an earlier bench's results went without a word).
        assertTrue(err.toString().contains("sim: warning: " + target + " holds the outputs of an earlier run ("),
            err.toString());
    }

    /**
     * sim bench wrote its help, version and results table to a standard output that took nothing (> /dev/full) and
     * exited 0 without a word; sim's own commands say so and exit 1.
     */
    @Test
    void outputThatStandardOutputCannotTakeIsReportedAndExitsOne() throws Exception
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full");
        for (final String option : List.of("--help", "--version"))
        {
            final Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                BenchMain.class.getName(), option).directory(dir.toFile())
                .redirectOutput(new java.io.File("/dev/full")).start();
            bench.getOutputStream().close();
            final String stderr = new String(bench.getErrorStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(bench.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, bench.exitValue(), option + ": " + stderr);
            assertEquals("sim bench: cannot write to standard output: No space left on device", stderr.strip(), option);
        }
    }

    @Test
    void badThreadsExitTwoWithOneLine()
    {
        assertEquals(2, bench("--threads", "0", "--out", dir.toString()));
        final String message = err.toString().strip();
        assertTrue(message.startsWith("sim bench: --threads"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void unknownOptionExitsTwo()
    {
        assertEquals(2, bench("--fast"));
        assertTrue(err.toString().startsWith("sim bench: unknown option '--fast'"), err.toString());
    }

    /** "Unknown options: '--repaet', '1'" took the value for a second option and named none meant. */
    @Test
    void aMisspeltOptionIsNamedWithTheOneMeant()
    {
        assertEquals(2, bench("--repaet", "1"));
        assertEquals("sim bench: unknown option '--repaet', did you mean '--repeat'? (see 'sim bench --help')",
            err.toString().strip());
    }

    @Test
    void valuesInMessagesAreQuotedShortAndEscapedOnOneLine()
    {
        // A 100,000-character value was echoed whole; a newline in a file name split the one line.
        assertEquals(2, bench("--threads", "x".repeat(100_000)));
        assertEquals("sim bench: Invalid value for option '--threads' (N[,N...]): '" + "x".repeat(40) + "..." +
            "x".repeat(20) + "' (100000 characters) is not a whole number an int holds (write it as in experiment files: " +
            "1000, 1e3) (see 'sim bench --help')", err.toString().strip());

        err.getBuffer().setLength(0);
        assertEquals(2, bench("--config", "x\ny.yaml", "--out", dir.resolve("b").toString()));
        assertEquals("sim bench: --config: no such file: x\\u000ay.yaml (see 'sim bench --help')", err.toString().strip());
    }

    @Test
    void aThreadCountOrAConfigListedTwiceIsRefusedAtParse() throws Exception
    {
        // Each was measured twice and shown as two identical-looking rows, with two target lines.
        assertEquals(2, bench("--threads", "1,2,1", "--out", dir.resolve("b").toString()));
        assertEquals("sim bench: --threads lists 1 twice (see 'sim bench --help')", err.toString().strip());

        err.getBuffer().setLength(0);
        final String tiny = tiny().toString();
        assertEquals(2, bench("--config", tiny, "--config", tiny, "--out", dir.resolve("b").toString()));
        assertEquals("sim bench: --config names " + tiny + " twice (see 'sim bench --help')", err.toString().strip());

        err.getBuffer().setLength(0);
        assertEquals(2, bench("--config", dir.toString(), "--out", dir.resolve("b").toString()));
        assertEquals("sim bench: --config: " + dir + " is a folder, not a file (see 'sim bench --help')",
            err.toString().strip());
        assertTrue(Files.notExists(dir.resolve("b")));
    }

    /**
     * A network that blows up got "this network cannot run again" with a stack trace (exit 1); one line and exit 3
     * now, as sim run's, and nothing written.
     */
    @Test
    void aNetworkThatBlowsUpIsOneLineAndExitThree() throws Exception
    {
        final Path blowup = Files.writeString(dir.resolve("blowup.yaml"),
            Files.readString(tiny()).replaceFirst("name: tiny", "name: blowup") +
            "  - {from: exc, to: exc, rule: fixed_outdegree, k: 10, weight: 1e30, delay_ms: 1}\n");
        assertEquals(3, bench("--config", blowup.toString(), "--threads", "1", "--duration", "50", "--warmup", "10",
            "--out", dir.resolve("b").toString()), err.toString());
        final String line = err.toString().strip();
        assertTrue(line.startsWith("sim bench: blowup: numerical blow-up at t = ") &&
            line.endsWith("; a network that blows up cannot be measured"), line);
        assertEquals(1, line.lines().count(), line);
        assertTrue(Files.notExists(dir.resolve("b")));
    }

    /**
     * Every config is checked before the first is measured: a bad second one failed after the first had been measured
     * in full; one too large for the heap ended in an OutOfMemoryError with a stack trace.
     */
    @Test
    void everyConfigIsCheckedBeforeAnyIsMeasured() throws Exception
    {
        final Path bad = Files.writeString(dir.resolve("bad.yaml"), "populations: {}\n");
        final long start = System.nanoTime();
        assertEquals(2, bench("--config", tiny().toString(), "--config", bad.toString(), "--threads", "1",
            "--out", dir.resolve("b").toString()), err.toString());
        assertTrue(err.toString().startsWith("sim bench: " + bad + ":"), err.toString());
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused before the first config's 2 s warm-up");

        err.getBuffer().setLength(0);
        final Path huge = Files.writeString(dir.resolve("huge.yaml"), Files.readString(tiny())
            .replaceFirst("name: tiny", "name: huge").replaceAll("size: [0-9]+", "size: 40000000"));
        assertEquals(2, bench("--config", huge.toString(), "--threads", "1", "--out", dir.resolve("b").toString()),
            err.toString());
        assertTrue(err.toString().startsWith("sim bench: huge needs about "), err.toString());
        assertTrue(Files.notExists(dir.resolve("b")));
    }

    /**
     * The shipped networks' targets are found by name: a 100-neuron config named sparse10k "met" sparse10k's target,
     * and two configs of one name gave rows that looked alike. Such a network is shown with its file.
     */
    @Test
    void aConfigNamedAsAShippedNetworkOrAsAnotherIsShownWithItsFile() throws Exception
    {
        final Path shipped = Path.of("..", "configs", "sparse10k.yaml");
        final Path copy = Files.copy(shipped, dir.resolve("tiny10k.yaml"));
        final Path tiny = tiny();
        withProjectRoot(() ->
        {
            assertEquals("sparse10k", BenchCommand.shownName(shipped, "sparse10k", List.of("sparse10k")));
            assertEquals("sparse10k (" + copy + ")", BenchCommand.shownName(copy, "sparse10k", List.of("sparse10k")));
            assertEquals("tiny", BenchCommand.shownName(tiny, "tiny", List.of("tiny")));
            assertEquals("tiny (" + tiny + ")", BenchCommand.shownName(tiny, "tiny", List.of("tiny", "tiny")));
            return 0;
        });
    }

    /** {@code call} with the system property izhsim.root naming the project's folder, as ./sim sets it. */
    private static Object withProjectRoot(final java.util.concurrent.Callable<Object> call) throws Exception
    {
        final String root = System.getProperty("izhsim.root");
        System.setProperty("izhsim.root", "..");
        try
        {
            return call.call();
        }
        finally
        {
            if (root == null)
            {
                System.clearProperty("izhsim.root");
            }
            else
            {
                System.setProperty("izhsim.root", root);
            }
        }
    }

    /**
     * sim bench's whole-number options said "'1e3' is not an int" of the spelling sim's options and experiment files
     * take (docs/config.md): they take it too, and a value that is no whole number is refused in sim's words.
     */
    @Test
    void wholeNumberOptionsTakeTheSpellingOfExperimentFiles() throws Exception
    {
        assertEquals(2, bench("--config", tiny().toString(), "--threads", "1e0", "--repeat", "3e0", "--duration",
            "2.147483e9", "--warmup", "1e3", "--out", dir.resolve("b").toString()));
        assertTrue(err.toString().startsWith("sim bench: --duration 2147483000 ms after --warmup 1000 ms is " +
            "2147484000 steps of 1 ms, more than"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, bench("--repeat", "1.5"));
        assertEquals("sim bench: Invalid value for option '--repeat': '1.5' is not a whole number an int holds (write " +
            "it as in experiment files: 1000, 1e3) (see 'sim bench --help')", err.toString().strip());
    }

    /**
     * Measured and unmeasured steps beyond the 2^31 - 1 a run can take: refused before anything runs, naming the options
     * (--duration 2147483000 --warmup 1000 failed after the 2 s warm-up with "runs longer than 2147483647 steps in total
     * are not supported"; --warmup 2147483647 started a warm-up of 2^31 steps).
     */
    @Test
    void aDurationAndWarmupBeyondWhatARunCanTakeAreRefusedUpFrontByName() throws Exception
    {
        final String tiny = tiny().toString();
        final String[][] cases = {{"--duration", "2147483000", "--warmup", "1000"},
            {"--warmup", "2147483647", "--duration", "1"}};
        final String[] expected = {"sim bench: --duration 2147483000 ms after --warmup 1000 ms is 2147484000 steps of 1 ms",
            "sim bench: --duration 1 ms after --warmup 2147483647 ms is 2147483648 steps of 1 ms"};
        for (int i = 0; i < cases.length; i++)
        {
            err.getBuffer().setLength(0);
            final List<String> args = new java.util.ArrayList<>(List.of("--config", tiny, "--threads", "1", "--out",
                dir.resolve("b").toString()));
            args.addAll(List.of(cases[i]));
            final long start = System.nanoTime();
            final int code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> bench(args.toArray(String[]::new)));
            assertEquals(2, code, err.toString());
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused before the 2 s warm-up");
            final String message = err.toString().strip();
            assertTrue(message.startsWith(expected[i]) && message.endsWith(
                ", more than the 2147483647 (24.8 days) a run can take (see 'sim bench --help')"), message);
            assertEquals(1, message.lines().count(), message);
            assertTrue(Files.notExists(dir.resolve("b")));
        }
    }

    /** --threads 250,256 on the 200-neuron tiny network ran 200 threads twice and showed two identical rows. */
    @Test
    void threadCountsThatRunAlikeOnTheNetworkAreRefusedAsATwiceListedOne() throws Exception
    {
        assertEquals(2, bench("--config", tiny().toString(), "--threads", "1,250,256", "--duration", "10", "--warmup",
            "10", "--out", dir.resolve("b").toString()), err.toString());
        assertEquals("sim bench: --threads 250 and 256 both run 200 threads on tiny, which has 200 neurons (at most one "
            + "thread per neuron): list one of them (see 'sim bench --help')", err.toString().strip());
        assertTrue(Files.notExists(dir.resolve("b")));
    }

    /** Every --config run was headed "Run ...: full", the name of the run of every shipped network. */
    @Test
    void theReportsHeaderNamesTheConfigsOfAConfigRun() throws Exception
    {
        final String tiny = tiny().toString();
        assertEquals(0, bench("--config", tiny, "--threads", "1", "--repeat", "1", "--duration", "10", "--warmup", "10",
            "--out", dir.resolve("b").toString()), err.toString());
        final String header = Files.readString(dir.resolve("b").resolve("bench.md")).lines()
            .filter(l -> l.startsWith("Run ")).findFirst().orElse("");
        assertTrue(header.contains(": --config " + tiny + ", 1 repeat(s);"), header);
    }

    /** The usage line said "bench [-hV]" where every other message says "sim bench". */
    @Test
    void theUsageNamesTheCommandSimBench()
    {
        assertEquals(0, bench("--help"));
        assertTrue(out.toString().startsWith("Usage: sim bench [-hV]"), out.toString());
    }

    /**
     * The description was cut into lines by hand, and at 80 columns picocli printed "...synaptic events/s,
     * neuron-steps/s," on a short line of its own, breaking the sentence. Each line of it now either ends a sentence or
     * is full: the next word would not have fitted (picocli's lines of 80 columns hold 79 characters).
     */
    @Test
    void theHelpsDescriptionBreaksOnlyWhereALineIsFull()
    {
        assertEquals(0, bench("--help"));
        final List<String> lines = out.toString().lines().toList();
        int first = 0;
        while (lines.get(first).startsWith("Usage: ") || lines.get(first).startsWith(" "))
        {
            first++;
        }
        int end = first;
        while (!lines.get(end).startsWith(" "))
        {
            end++;
        }
        assertTrue(end - first >= 2 && lines.get(first).startsWith("Benchmark the shipped networks: "), out.toString());
        for (int i = first; i < end - 1; i++)
        {
            final String line = lines.get(i);
            final String nextWord = lines.get(i + 1).split(" ")[0];
            assertTrue(line.endsWith(".") || line.length() + 1 + nextWord.length() > 79,
                "line " + (i + 1) + " breaks before it is full: '" + line + "'\n" + out);
        }
        assertTrue(String.join(" ", lines.subList(first, end)).contains("neuron-steps/s, step latency, spikes"),
            out.toString());
    }

    @Test
    void notANumberExitsTwo()
    {
        assertEquals(2, bench("--repeat", "many"));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    /** The benchmark's own tiny network (test resources). */
    private Path tiny() throws Exception
    {
        return Path.of(getClass().getResource("/tiny.yaml").toURI());
    }

    private static int count(final String text, final String regex)
    {
        final Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find())
        {
            n++;
        }
        return n;
    }
}
