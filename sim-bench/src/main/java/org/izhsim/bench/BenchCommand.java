package org.izhsim.bench;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputFile;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.output.HostInfo;
import org.izhsim.output.OutputDirectory;
import org.izhsim.service.MemoryCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sim bench}: the end-to-end benchmark. Runs the shipped networks in this JVM at each thread count,
 * after a warm-up, several times; optionally runs the peers (plain C, Brian2) on the same networks in the same
 * run so that their ratios to ours survive a noisy machine. Writes bench.json, bench.md and the peers' work into an
 * output folder as {@code sim run} does (a folder it did not write is refused) and prints the table.
 */
@Command(name = "sim bench", mixinStandardHelpOptions = true, versionProvider = org.izhsim.service.VersionText.class,
    sortOptions = false,
    description = {
        // One sentence a line, which picocli wraps where it needs to: the line it was cut into by hand broke
        // mid-sentence at 80 columns ("neuron-steps/s," alone, then "step latency...").
        "Benchmark the shipped networks: real-time factor, build time, synaptic events/s, neuron-steps/s, step " +
            "latency, spikes, peak memory; medians and min-max over repeats.",
        "Writes DIR/bench.json and DIR/bench.md."
    })
public final class BenchCommand implements Callable<Integer>
{
    static final List<String> FULL = List.of("cortex2003", "sparse10k", "sparse100k", "cortex2003_cond", "spnet2006");
    static final List<String> QUICK = List.of("cortex2003", "sparse10k", "spnet2006");
    private static final int QUICK_STEPS = 1000;
    private static final int QUICK_WARMUP = 1000;
    private static final int FULL_WARMUP = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "cortex2003, sparse10k and spnet2006, 1 s each after the warm-up, 1 repeat: 15 s to a minute.")
    boolean quick;

    @Option(names = "--threads", split = ",", paramLabel = "N[,N...]", description = "Thread counts (default: 1,2).")
    List<Integer> threads = new ArrayList<>(List.of(1, 2));

    @Option(names = "--repeat", paramLabel = "N", description = "Builds and measured runs per case (default: 3, quick: 1).")
    Integer repeat;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/bench).")
    Path out = Path.of("out", "bench");

    @Option(names = "--peers", description = "Also run the plain-C baseline and Brian2 (where installed) on each network.")
    boolean peers;

    @Option(names = "--config", paramLabel = "FILE.yaml",
        description = "Benchmark these experiment files instead of the shipped networks (repeatable).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "MS", description = "Measured simulated time per run (default: the config's; quick: 1000).")
    Integer durationMs;

    @Option(names = "--warmup", paramLabel = "MS",
        description = "Unmeasured steps of each measured network before its measured ones (default: 1000), so that every "
            + "run measures the same steps; the JIT first runs them again and again for >= 2 s (at most 1000 times) on a copy, then dropped. "
            + "A learning network (spnet2006) is measured from its first step.")
    Integer warmupMs;

    @Option(names = "--background-load", paramLabel = "N",
        description = "Also measure every case while N busy-looping processes run (0: no; default 0): the table shows both.")
    int backgroundLoad;

    @Override
    public Integer call()
    {
        validate();
        final int repeats = repeat != null ? repeat : quick ? 1 : 3;
        final int warmup = warmupMs != null ? warmupMs : quick ? QUICK_WARMUP : FULL_WARMUP;
        final BenchSettings settings = new BenchSettings(quick, threads, repeats, warmup, peers, backgroundLoad,
            configs.stream().map(Path::toString).toList());
        final String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final long startNanos = System.nanoTime();
        final String loadAtStart = HostInfo.loadAverage();
        final List<Path> files = files();
        final List<ExperimentConfig> experiments = checkedConfigs(files, warmup);
        // As sim run says it: an hour of peers' results replaced without a word.
        OutputDirectory.requireUsable(out, files, "sim bench");
        final String replaced = OutputDirectory.replacedOutputsWarning(out);
        if (replaced != null)
        {
            spec.commandLine().getErr().println(replaced);
            spec.commandLine().getErr().flush();
        }
        try (OutputDirectory dir = OutputDirectory.create(out, files, "sim bench"))
        {
            try
            {
                run(dir, files, experiments, settings, started, startNanos, loadAtStart);
                JvmExit.stopIfExiting();
                dir.commit();
            }
            catch (final UncheckedIOException ex)
            {
                // The JVM exits (Ctrl-C): its hook deleted the folder and said so; nothing more to say.
                JvmExit.stopIfExiting();
                // A full disk or a removed folder: one line naming --out, as sim run's; close() deletes the rest.
                throw dir.failed(ex);
            }
            catch (final RuntimeException ex)
            {
                // "was abandoned at exit" from the commit, or any failure the exit caused: no stack trace after the
                // one line, and the folder left to the exit's hook.
                JvmExit.stopIfExiting();
                throw ex;
            }
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%nbench: wrote %s and %s%n", out().normalize().resolve("bench.json"),
            out().normalize().resolve("bench.md"));
        stdout.flush();
        return 0;
    }

    /**
     * Every config, before anything is measured or written: loaded, planned and its memory checked as {@code sim run}
     * checks it, at the largest thread count (a bad second config failed after the first had been measured in full;
     * a network too large for the heap ended in an OutOfMemoryError with a stack trace).
     *
     * @return the configs of {@code files}, in order, as loaded.
     */
    private List<ExperimentConfig> checkedConfigs(final List<Path> files, final int warmup)
    {
        final int most = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        final List<ExperimentConfig> experiments = new ArrayList<>();
        for (final Path file : files)
        {
            final ExperimentConfig config = ExperimentLoader.load(file);
            final int steps = durationMs != null ? durationMs : quick ? QUICK_STEPS : (int)config.steps();
            final NetworkPlan plan = NetworkAssembler.plan(config.withThreads(OptionalInt.of(most)));
            requireRunnableSteps(config, steps, warmup, plan.plasticity() != null);
            requireDistinctThreads(config, plan.neurons());
            // The warm-up's copy is collected before the measured network is built: never two in the heap at once.
            MemoryCheck.require(config.name(), plan.memory((long)steps + warmup), 1, null);
            experiments.add(config);
        }
        return experiments;
    }

    /**
     * Two thread counts that run alike on this network, at most one thread per neuron: {@code --threads 100,150} on a
     * 100-neuron config measured 100 threads twice and showed two identical rows (the check of a count listed twice
     * came before the counts were lowered to the neurons).
     */
    private void requireDistinctThreads(final ExperimentConfig config, final int neurons)
    {
        final java.util.Map<Integer, Integer> asked = new java.util.HashMap<>();
        for (final int t : threads)
        {
            final int ran = Math.min(t, neurons);
            final Integer before = asked.putIfAbsent(ran, t);
            if (before != null)
            {
                throw bad("--threads " + before + " and " + t + " both run " + ran + " thread" + (ran == 1 ? "" : "s") +
                    " on " + config.name() + ", which has " + neurons + " neuron" + (neurons == 1 ? "" : "s") +
                    " (at most one thread per neuron): list one of them");
            }
        }
    }

    /**
     * The measured network runs its unmeasured steps, then the measured ones (a learning network only these): at most
     * {@link ExperimentConfig#MAX_STEPS} in all, as {@code sim run} refuses a longer --duration. Checked before anything
     * runs and named by its options: {@code --duration 2147483000 --warmup 1000} failed after the 2 s warm-up with "runs
     * longer than 2147483647 steps in total are not supported", and {@code --warmup 2147483647} started a warm-up of
     * 2^31 steps.
     */
    private void requireRunnableSteps(final ExperimentConfig config, final int steps, final int warmup,
        final boolean learns)
    {
        final long total = (long)steps + (learns ? 0 : warmup);
        if (total <= ExperimentConfig.MAX_STEPS)
        {
            return;
        }
        final String duration = durationMs != null ? "--duration " + steps + " ms" :
            config.name() + "'s " + steps + " ms (its duration_ms; --duration sets another)";
        final String unmeasured = "--warmup " + warmup + " ms" + (warmupMs != null ? "" : " (the default)");
        throw bad(duration + " after " + unmeasured + " is " + total + " steps of 1 ms, more than the " +
            ExperimentConfig.MAX_STEPS + " (24.8 days) a run can take");
    }

    private void run(final OutputDirectory dir, final List<Path> files, final List<ExperimentConfig> experiments,
        final BenchSettings settings, final String started, final long startNanos, final String loadAtStart)
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final int repeats = settings.repeats();
        final int warmup = settings.warmupSteps();
        // Absolute (the staging folder is): the peers run in their own working folder and are handed paths under it.
        final CBaselinePeer cPeer = new CBaselinePeer(dir.resolve("peers"));
        final Brian2Peer brian = new Brian2Peer(dir.resolve("peers"));
        final SpnetPeer spnetPeer = new SpnetPeer(dir.resolve("peers"));
        final List<NetworkResult> results = new ArrayList<>();
        final List<String> names = experiments.stream().map(ExperimentConfig::name).toList();
        for (int k = 0; k < files.size(); k++)
        {
            final Path file = files.get(k);
            final ExperimentConfig config = experiments.get(k);
            final int steps = durationMs != null ? durationMs : quick ? QUICK_STEPS : (int)config.steps();
            final List<CaseResult> ours = new ArrayList<>();
            final List<CaseResult> loaded = new ArrayList<>();
            // A learning network changes with every step: measure its first steps, those its C peer runs.
            final NetworkPlan plan = NetworkAssembler.plan(config);
            final boolean learns = plan.plasticity() != null;
            measureInRounds(err, config, repeats, warmup, steps, learns, ours, loaded);
            final List<PeerResult> peerResults = new ArrayList<>();
            if (peers)
            {
                final Optional<PeerNetwork> shape = PeerNetwork.of(config);
                if (learns)
                {
                    final Optional<String> why = SpnetPeer.notComparable(plan);
                    if (why.isPresent())
                    {
                        peerResults.add(PeerResult.unavailable(SpnetPeer.NAME, config.name(), 1, why.get()));
                    }
                    else
                    {
                        spnetPeer.prepare();
                        peerResults.add(report(err, dir, spnetPeer.run(config.name(), config, steps, repeats)));
                    }
                }
                else if (shape.isEmpty())
                {
                    peerResults.add(PeerResult.unavailable("peers", config.name(), 1,
                        "not comparable: peers model only the 2003 network family (current or CARLsim conductance synapses, no STP)"));
                }
                else
                {
                    // Each peer is compiled or found once, when a network first needs it.
                    cPeer.prepare();
                    brian.prepare();
                    for (final int t : threads)
                    {
                        // The C baseline at the same thread counts as ours: its OpenMP build beyond 1. Both peers run
                        // the same unmeasured steps as ours first and measure the same steps: a peer measured from
                        // step 0 counted the start-up's spikes (7861 against our 7019 on cortex2003).
                        peerResults.add(report(err, dir, cPeer.run(config.name(), shape.get(), warmup, steps, t,
                            repeats)));
                    }
                    for (final int t : threads)
                    {
                        // One C++ project per network and thread count, compiled once and run once per repeat.
                        peerResults.add(report(err, dir, brian.run(config.name(), shape.get(), warmup, steps, t,
                            repeats)));
                    }
                }
            }
            results.add(new NetworkResult(shownName(file, config.name(), names), ours, peerResults, loaded,
                backgroundLoad));
        }
        final BenchReport report = new BenchReport(settings, results, (System.nanoTime() - startNanos) * 1e-9, started,
            loadAtStart);
        // The table first: a write that fails (a full disk) lost every figure of a run that may have taken an hour.
        out.print(report.markdown());
        out.flush();
        report.write(dir.path());
    }

    /**
     * Our cases of one network (each thread count, quiet and, with --background-load, loaded), measured round by
     * round: a round runs every case once, the busy processes running from a loaded case's build to its last
     * measured step. So a machine whose speed drifts over minutes moves every case alike and their ratios hold:
     * case after case, a case's repeats ran minutes before the next case's, and the same 1-thread sparse100k run
     * took 3.1 to 5.5 ms per step in five launches in a row on this VM (BENCHMARKS.md, issue 12).
     */
    private void measureInRounds(final PrintWriter err, final ExperimentConfig config, final int repeats,
        final int warmup, final int steps, final boolean learns, final List<CaseResult> ours,
        final List<CaseResult> loaded)
    {
        final int[] loads = backgroundLoad > 0 ? new int[] {0, backgroundLoad} : new int[] {0};
        final List<List<EndToEndRunner.Repeat>> runs = new ArrayList<>();
        for (int k = 0; k < threads.size() * loads.length; k++)
        {
            runs.add(new ArrayList<>());
        }
        for (int r = 0; r < repeats; r++)
        {
            for (int i = 0; i < threads.size(); i++)
            {
                for (int l = 0; l < loads.length; l++)
                {
                    final EndToEndRunner.Repeat run;
                    try (BackgroundLoad busy = BackgroundLoad.start(loads[l]))
                    {
                        run = EndToEndRunner.once(config, threads.get(i), warmup, steps, learns);
                    }
                    runs.get(i * loads.length + l).add(run);
                    if (repeats > 1)
                    {
                        // With one round the case's line below says the same.
                        err.printf(Locale.ROOT, "bench: %s, round %d of %d, %d thread(s)%s: RTF %s%n",
                            config.name(), r + 1, repeats, run.threads(), loadLabel(loads[l]),
                            BenchReport.fmt(run.sample().realTimeFactor()));
                        err.flush();
                    }
                }
            }
        }
        for (int i = 0; i < threads.size(); i++)
        {
            for (int l = 0; l < loads.length; l++)
            {
                final CaseResult c = EndToEndRunner.caseOf(config.name(), steps, runs.get(i * loads.length + l));
                final int t = c.threads();
                (l == 0 ? ours : loaded).add(c);
                err.printf(Locale.ROOT, "bench: %s, %d thread(s)%s: RTF %s (median of %d), build %.2f s%n",
                    config.name(), t, loadLabel(loads[l]),
                    BenchReport.fmt(c.spread(Sample::realTimeFactor).median()), repeats,
                    c.spread(Sample::buildSeconds).median());
            }
        }
        err.flush();
    }

    private static String loadLabel(final int load)
    {
        return load > 0 ? ", " + load + " busy process(es)" : "";
    }

    /**
     * Prints a peer's result and returns it, a failure's status naming the output folder where it named the hidden
     * staging folder (".out.tmp-PID-..."), which is gone once the folder is committed.
     */
    private PeerResult report(final PrintWriter err, final OutputDirectory dir, final PeerResult found)
    {
        final String staging = dir.path().toString();
        final PeerResult p = found.ok() || !found.status().contains(staging) ? found :
            new PeerResult(found.peer(), found.network(), found.threads(), found.status().replace(staging,
                out().normalize().toString()), found.runSeconds(), found.buildSeconds(), found.cpuSeconds(),
                found.spikes(), found.firstStep(), found.steps());
        err.printf(Locale.ROOT, "bench: %s, %s, %d thread(s): %s%n", p.network(), p.peer(), p.threads(),
            p.ok() ? "RTF " + BenchReport.fmt(p.realTimeFactor().median()) + String.format(Locale.ROOT,
            ", %.2f CPU cores", p.cpuCores().median()) : p.status());
        err.flush();
        return p;
    }

    private Path out()
    {
        return out.toAbsolutePath();
    }

    private void validate()
    {
        for (final int t : threads)
        {
            if (t < 1 || t > 256)
            {
                throw bad("--threads must list whole numbers from 1 to 256, got " + t);
            }
        }
        if (backgroundLoad < 0 || backgroundLoad > 64)
        {
            throw bad("--background-load must be a whole number from 0 to 64, got " + backgroundLoad);
        }
        if (backgroundLoad > 0)
        {
            // Its busy processes are shells: without sh it failed after the quiet cases, blamed on the output folder.
            final String missing = BackgroundLoad.cannotStart();
            if (missing != null)
            {
                throw bad("--background-load runs its busy processes with sh, which cannot be started here: " + missing);
            }
        }
        if (threads.isEmpty())
        {
            throw bad("--threads needs at least one thread count");
        }
        // A case listed twice was measured twice and reported as two rows (and two target lines) alike.
        final Set<Integer> counts = new HashSet<>();
        for (final int t : threads)
        {
            if (!counts.add(t))
            {
                throw bad("--threads lists " + t + " twice");
            }
        }
        if (repeat != null && repeat < 1)
        {
            throw bad("--repeat must be >= 1, got " + repeat);
        }
        if (durationMs != null && durationMs < 1)
        {
            throw bad("--duration must be >= 1 ms, got " + durationMs);
        }
        if (warmupMs != null && warmupMs < 1)
        {
            throw bad("--warmup must be >= 1 ms, got " + warmupMs);
        }
        final Set<Path> seen = new HashSet<>();
        for (final Path file : configs)
        {
            final String unreadable = InputFile.problem(file);
            if (unreadable != null)
            {
                throw bad("--config: " + (unreadable.equals("no such file") ? "no such file: " + file :
                    file + (unreadable.startsWith("is ") ? " " : ": ") + unreadable));
            }
            if (!seen.add(file.toAbsolutePath().normalize()))
            {
                throw bad("--config names " + file + " twice");
            }
        }
    }

    /**
     * The network's name in the report: its config's, with the file added when that name alone would mislead, that is
     * when the file is not the shipped config of that name (the targets of the shipped networks are found by name: a
     * 100-neuron config named sparse10k "met" sparse10k's target) or another listed config has that name (their rows
     * looked alike).
     *
     * @param names the config names of every listed file.
     */
    static String shownName(final Path file, final String name, final List<String> names)
    {
        final Path shipped = Path.of(System.getProperty("izhsim.root", ".")).resolve("configs").resolve(name + ".yaml");
        boolean isShipped;
        try
        {
            isShipped = Files.isRegularFile(shipped) && Files.isSameFile(file, shipped);
        }
        catch (final java.io.IOException ex)
        {
            isShipped = false;
        }
        final boolean clashes = !isShipped && FULL.contains(name) || names.stream().filter(name::equals).count() > 1;
        return clashes ? name + " (" + file + ")" : name;
    }

    private List<Path> files()
    {
        if (!configs.isEmpty())
        {
            return configs;
        }
        final Path root = Path.of(System.getProperty("izhsim.root", "."));
        final List<Path> files = new ArrayList<>();
        for (final String name : quick ? QUICK : FULL)
        {
            final Path file = root.resolve("configs").resolve(name + ".yaml");
            if (!Files.isRegularFile(file))
            {
                throw bad("cannot find " + file + ": run from the project folder or use ./sim bench");
            }
            files.add(file);
        }
        return files;
    }

    private CommandLine.ParameterException bad(final String message)
    {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
