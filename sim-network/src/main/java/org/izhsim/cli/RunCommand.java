package org.izhsim.cli;

import org.HdrHistogram.Histogram;
import org.izhsim.service.StopOnSignal;
import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.core.InputFile;
import org.izhsim.network.build.MemoryEstimate;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.engine.Network;
import org.izhsim.network.engine.RealTimePacer;
import org.izhsim.network.engine.SpikeExchange;
import org.izhsim.network.engine.SpikeExchanges;
import org.izhsim.network.engine.StepPacer;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.record.SpikeRecorder;
import org.izhsim.network.synapse.BuildCancel;
import org.izhsim.output.HostInfo;
import org.izhsim.output.WeightHistory;
import org.izhsim.output.Numbers;
import org.izhsim.output.IoFailures;
import org.izhsim.output.OutputDirectory;
import org.izhsim.output.OutputProgress;
import org.izhsim.output.ProgressReporter;
import org.izhsim.output.RunOutputs;
import org.izhsim.service.DiskCheck;
import org.izhsim.service.DiskGuard;
import org.izhsim.service.ExperimentRuns;
import org.izhsim.service.MemoryCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * {@code sim run}: builds the network of an experiment file, simulates it and writes its output folder
 * (spikes, raster, rates, traces, summary), all or nothing.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = org.izhsim.service.VersionText.class,
    sortOptions = false,
    description = {
        "Run a network experiment and write spikes, raster plots and a summary with the real-time factor.",
        "Outputs go to a temporary folder that is moved into place when complete."
    })
final class RunCommand implements Callable<Integer>
{
    /** Enough for C2 to compile cortex2003's step loop before the first deadline (a cold JVM missed 270 of 1000). */
    private static final int DEFAULT_REALTIME_WARMUP_MS = 300;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CONFIG.yaml", description = "Experiment file (see configs/ and docs/config.md).")
    Path file;

    @Mixin
    ConfigOverrides overrides;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/<name>): a new or empty folder, or one written earlier by " +
        "this command that holds nothing else (then replaced).")
    Path out;

    @Option(names = "--realtime",
        description = "Pace each 1 ms step to the wall clock; summary.json reports missed deadlines and lateness.")
    boolean realtime;

    @Option(names = "--speed", paramLabel = "X",
        description = "With --realtime: simulated ms per wall-clock ms (default: 1, real time; 0.5 is half speed).")
    Double speed;

    @Option(names = "--warmup", paramLabel = "MS",
        description = "First run a throwaway copy of the network for at least MS, then until the JIT has " +
            "settled, so that the real-time factor is the warm one (default: 300 with --realtime, else 0: " +
            "a cold JVM); in one process the copy is dropped before the network is built.")
    Integer warmup;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--no-figures", description = "Write the data files only, no raster, weight or trace figures (a sweep's " +
        "many runs; summary.json says so).")
    boolean noFigures;

    @Option(names = "--save-state", paramLabel = "FILE",
        description = "Write the network's complete state (a checkpoint) to FILE when the run ends, also when it " +
            "stops early; --resume FILE continues it.")
    Path saveState;

    @Option(names = "--save-state-every", paramLabel = "MS",
        description = "Also write it to the --save-state FILE every MS of simulated time (whole ms); each write " +
            "replaces the last atomically, so FILE always holds a complete state.")
    String saveStateEvery;

    /** The CRC32C of the --resume file as its state was read (-1 before, or without --resume). */
    private long resumedChecksum = -1;
    /** The step and CRC32C of the last state this run saved to --save-state (-1: none). */
    private long savedStep = -1;
    private long savedChecksum = -1;
    /** The output folder being written (one process, or rank 0), for the note of a state saved before it. */
    private OutputDirectory openDir;

    @Option(names = "--resume", paramLabel = "FILE",
        description = "Continue the run saved in FILE (by --save-state, same config; any thread or rank count) for " +
            "--duration more ms (default: the config's); spike times go on from the saved time, under the noise seed " +
            "FILE records unless --noise-seed gives another; --set and --unset are not in FILE: give them again. Without " +
            "--out it writes out/NAME-from-Tms.")
    Path resume;

    @Option(names = "--mpi",
        description = "Run as one rank of an MPI job (Java 22+ and the sim-mpi module); implied under mpirun or srun.")
    boolean mpi;

    /** The step of the last periodic checkpoint written, -1 before one. */
    private long lastPeriodicSaveStep = -1;
    /** The first periodic checkpoint that could not be written, or null. */
    private InputException periodicSaveFailure;

    /**
     * Ctrl-C or SIGTERM in one process before the run's first step (while the network or the warm-up copy is built,
     * during the warm-up): the JVM's own handler ended the process at once, with no word. Set by the signal handler.
     */
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    /** Periodic checkpoints written and the wall time they took; the wall time of a run cut into parts. */
    private long periodicSaves;
    private long periodicSaveNanos;
    /**
     * Weight snapshots kept (the first and last included) and the wall time of taking them, which the run's own time
     * leaves out; those taken between parts of the run (record.weights_every_ms).
     */
    private long weightSnapshots;
    private long weightSnapshotNanos;
    private long periodicWeightSnapshots;
    private long partsWallNanos;
    /** The network the signal handler stops: the warm-up copy while it runs, then the network itself; or null. */
    private final AtomicReference<Network> stopTarget = new AtomicReference<>();

    /** Ctrl-C before the run's first step: nothing was simulated, so nothing is written. */
    private static final class StoppedBeforeRun extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        StoppedBeforeRun(final String when)
        {
            super(when, null, false, false);
        }
    }

    /** The free space of a folder's disk; a test may stand in a smaller disk. */
    static volatile ToLongFunction<Path> usableSpace = DiskCheck::usableSpace;

    /** A save of the state (--save-state, periodic or final); a test may stand in a disk that fails. */
    static volatile java.util.function.BiConsumer<Network, Path> stateSave = Network::saveState;

    /** How long a rank other than 0 waits, after a signal before the run, for rank 0 to clean up and exit. */
    private static final long OTHER_RANKS_EXIT_DELAY_MS = 2000;

    /** Under MPI ranks, the signal handler of the build and the warm-up (it ends the process); null otherwise. */
    private StopOnSignal beforeRun;
    /** In one process, the signal handler from the command's start to the build's ({@link #simulate}); null under ranks. */
    private StopOnSignal beforeBuild;

    /**
     * The run's signal handler, which stops {@code network} at a step boundary; under ranks it replaces the one of
     * the build and the warm-up.
     */
    private StopOnSignal runSignals(final Network network)
    {
        if (beforeRun != null)
        {
            beforeRun.close();
        }
        return new StopOnSignal(network::requestStop);
    }

    @Override
    public Integer call()
    {
        if (SpikeExchanges.mpiRequested(mpi, System.getenv()))
        {
            return runAsRank();
        }
        // In one process a signal is taken from here on: while the config was read (a FIFO without a writer waits),
        // planned and checked (a second or more on a busy machine) it ended the JVM with exit 143 and no line. Nothing
        // but a staging folder exists yet, which the JVM's shutdown deletes: the process ends at once, saying so.
        // The build's own handler takes over in simulate().
        // In a test's JVM (Main.execute) the stop is taken where the build begins instead.
        beforeBuild = new StopOnSignal(() ->
        {
            stopRequested.set(true);
            if (Main.ownsTheProcess())
            {
                final PrintWriter err = spec.commandLine().getErr();
                // The output folder may not be known yet (out/<name> needs the config read): named when given.
                err.println(Main.oneLine("sim: interrupted while the run was being prepared, before the run's first step; " +
                    "nothing was written (" + (out != null ? out + " is" : "the output folder is") + " as it was)"));
                err.flush();
                org.izhsim.output.OutputDirectory.nothingWrittenSaid();
                System.exit(Main.EXIT_INTERRUPTED);
            }
        });
        try
        {
            return callInOneProcess();
        }
        catch (final InputException refused)
        {
            throw overrides.withSets(file, refused);
        }
        finally
        {
            beforeBuild.close();
        }
    }

    /** {@link #call()} in one process, with {@link #beforeBuild} in place. */
    private Integer callInOneProcess()
    {
        if (warmupMs() < 0)
        {
            throw new InputException("--warmup must be >= 0 ms, got " + warmup);
        }
        final double pace = pacingSpeed();
        final int checkpointEveryMs = checkpointEveryMs();
        final ExperimentConfig loaded = overrides.load(file);
        final PrintWriter stdout = spec.commandLine().getOut();
        // The plan validate makes, checked and its disk and memory needs estimated before anything is built or written.
        final NetworkPlan planned = NetworkAssembler.plan(loaded);
        final Network.StateHeader resumed = checkResumeHeader(planned, loaded);
        final ExperimentConfig config = underCheckpointNoise(loaded, resumed, stdout);
        final NetworkPlan plan = config == loaded ? planned : NetworkAssembler.plan(config);
        final Path target = out != null ? out : defaultOut(config, resumed);
        checkStateOutsideOutput(target);
        checkSaveTarget(plan, config, false);
        // The folder first: a target no run may use (/proc, a file, foreign files) is named as such, not as a full disk.
        OutputDirectory.requireUsable(target, inputFiles(config), OutputDirectory.NETWORK_RUN);
        checkDisk(config, plan, target);
        // The --save-state disk from the plan, before the build: after it, a sparse1m-sized build took a minute first.
        checkSaveRoom(saveState == null ? -1 : Network.stateBytesAtLeast(plan));
        ofFile(file, () -> MemoryCheck.require(config.name(), plan.memory(config.steps(),
            partSteps(config, plan, checkpointEveryMs)), 1, quiet ? null : stdout, null,
            resumeBytes(), spec.commandLine().getErr()));
        if (!quiet)
        {
            printDiskEstimate(stdout, config, plan, target);
        }
        warnOfUnusedSnapshots(config, plan);
        final long firstStep = resumed == null ? 0 : resumed.step();
        plan.spikeTimesOutside(firstStep, firstStep + config.steps()).forEach(late -> spec.commandLine().getErr()
            .println("sim: warning: " + late));
        if (!noFigures)
        {
            warnOfMissingFonts(spec.commandLine().getErr(), "the run");
        }
        replacesOutputsOf = target;

        try (Network.StateClaim claim = saveState != null ? Network.claimStateTarget(saveState, "--save-state") : null;
             OutputDirectory dir = OutputDirectory.create(target, inputFiles(config), OutputDirectory.NETWORK_RUN))
        {
            openDir = dir;
            // A full disk or a removed folder, while the spikes stream or the outputs are written: one line naming
            // the output folder (not its hidden staging folder), which close() then deletes.
            try
            {
                final RealTimePacer pacer = realtime ? RealTimePacer.onClock(plan.clock(), pace) : null;
                final Path spikeFolder = spikeFolder(dir);
                // The network lives in simulate() alone: a local of this frame, dead but still in its slot, would
                // keep the network's memory reachable while the outputs are written (sparse10k's 64 MB were, measured).
                final Simulated simulated = simulate(config, plan, null, spikeFolder, pacer, checkpointEveryMs, stdout, 0);
                try (StopOnSignal signals = simulated.signals())
                {
                    final SimulationResult result = simulated.result();
                    final WeightHistory weights = simulated.weights();
                    final RunOutputs outputs = ExperimentRuns.outputs(config, plan, result).pacedBy(pacer)
                        .jitWarmupMs(warmupMs(), warmedUpMs).resumedFrom(resume, resumedChecksum).plasticWeights(weights);
                    besidesTheRun(outputs, weights);
                    withProvenance(outputs);
                    return finish(outputs, dir, spikeFolder, result, config, target, stdout, simulated.saveFailure(),
                        simulated.diskStop());
                }
            }
            catch (final UncheckedIOException ex)
            {
                throw dir.failed(ex);
            }
        }
        catch (final StoppedBeforeRun | BuildCancel.Cancelled stopped)
        {
            // The staging folder is gone (closed above); an earlier output folder of that name is untouched.
            final PrintWriter err = spec.commandLine().getErr();
            err.println(Main.oneLine("sim: interrupted " + (stopped instanceof StoppedBeforeRun ? stopped.getMessage() :
                "while the network was being built") + ", before the run's first step; nothing was written (" + target +
                " is as it was)"));
            err.flush();
            return Main.EXIT_INTERRUPTED;
        }
    }

    /**
     * The outputs whose size the plan fixes (weight snapshots, traces) against the free space of the output folder's
     * disk, before anything is built or written ({@link DiskCheck}).
     */
    private void checkDisk(final ExperimentConfig config, final NetworkPlan plan, final Path target)
    {
        final org.izhsim.network.build.DiskEstimate disk = diskEstimate(config, plan);
        spikeBuffer = DiskCheck.spikeBuffer(disk, plan.threads(), usableSpace.applyAsLong(target));
        DiskCheck.require(config.name(), plan, disk, config.durationMs(), target, usableSpace,
            (plan.threads() + 1L) * spikeBuffer);
    }

    /**
     * Spikes each worker (and the run) buffers before writing them to the spike folder, chosen by {@link
     * #checkDisk} for the output folder's disk.
     */
    private int spikeBuffer = SpikeRecorder.STREAMED_BUFFER_SPIKES;

    /** The run's outputs on disk ({@link ExperimentRuns#diskEstimate}), without the figures under --no-figures. */
    private org.izhsim.network.build.DiskEstimate diskEstimate(final ExperimentConfig config, final NetworkPlan plan)
    {
        final org.izhsim.network.build.DiskEstimate disk = ExperimentRuns.diskEstimate(config, plan);
        return noFigures ? disk.withoutFigures() : disk;
    }

    /**
     * Checks the checkpoint options before anything is built, so that a long run cannot end in a refused save.
     *
     * @return the interval of periodic checkpoints in ms, 0 for none.
     */
    private int checkpointEveryMs()
    {
        checkCheckpointFiles();
        return checkpointInterval();
    }

    /**
     * The --resume file must exist, the --save-state target be replaceable; under MPI checked on rank 0, which
     * alone uses them.
     */
    private void checkCheckpointFiles()
    {
        final String unreadable = resume == null ? null : InputFile.problem(resume);
        if (unreadable != null)
        {
            throw new InputException("--resume " + (resume.toString().isEmpty() ? "''" : resume) + ": " +
                (resume.toString().isEmpty() ? "give the checkpoint file's name" : unreadable));
        }
        if (saveState != null)
        {
            // /proc: "no file can be created in /proc (no such file or folder ...)", not what --out /proc is told.
            OutputDirectory.requireFileSystemWithRoom(saveState, "--save-state");
            // A file or folders to be made with an escape, a tab or a newline in the name: made, and echoed raw by
            // "saved the state ... to" (a terminal colour escape turned the terminal red), as --out's were.
            if (org.izhsim.core.FileNames.makesControlCharacterNames(saveState))
            {
                throw new InputException("--save-state " + saveState + " would make a file or folder named with " +
                    "control characters (a newline, a tab, a terminal escape): give a plain name");
            }
            Network.checkStateTarget(saveState, "--save-state");
        }
    }

    /**
     * The --resume file's header against the plan, before the network is built: a file that is empty, unreadable, not
     * a checkpoint or made for another network was refused after the build (minutes for sparse1m). With the
     * message of the check after the build ({@link #resumeFrom}).
     *
     * @return what the header says beyond the network (its run's noise seed, its step); null without --resume.
     */
    private Network.StateHeader checkResumeHeader(final NetworkPlan plan, final ExperimentConfig config)
    {
        if (resume == null)
        {
            return null;
        }
        try
        {
            return Network.checkStateHeader(resume, plan);
        }
        catch (final InputException ex)
        {
            throw namingResume(withPlasticityPlace(ex, config, overrides));
        }
    }

    /**
     * The config a resumed run goes on with: a checkpoint's trial goes on under the noise its run drew (the {@code
     * header}'s noise seed), unless the config or --noise-seed gives a noise seed, which then draws other noise from the resumed
     * step on (said, when it differs). Without a recorded noise seed, or when it is the config's, the config itself.
     * The checkpoint recorded no noise seed before format 7: a run resumed without --noise-seed went on, silently,
     * under the seed's noise instead of its own.
     */
    private ExperimentConfig underCheckpointNoise(final ExperimentConfig config, final Network.StateHeader header,
        final PrintWriter stdout)
    {
        final OptionalLong ranUnder = header == null ? OptionalLong.empty() : header.noiseSeed();
        if (ranUnder.isEmpty() || ranUnder.getAsLong() == config.effectiveNoiseSeed())
        {
            return config;
        }
        final long recorded = ranUnder.getAsLong();
        if (config.noiseSeed() != null)
        {
            if (!quiet)
            {
                stdout.println(Main.oneLine(config.name() + ": noise seed " + config.noiseSeed() + " given; the " +
                    "checkpoint's run drew its inputs with noise seed " + recorded + ": from the resumed step on the " +
                    "inputs draw other noise than that run's"));
            }
            return config;
        }
        if (!quiet)
        {
            stdout.println(Main.oneLine(config.name() + ": resuming under the checkpoint's noise seed " + recorded +
                ", the noise its run drew (--noise-seed S draws other noise from here on)"));
        }
        return config.withNoiseSeed(recorded);
    }

    /**
     * The --resume file's size: the state it holds is read into arrays of their own beside the network (on rank 0
     * under MPI, which alone reads it). 0 without --resume, or when the size cannot be read (the header check has
     * read the file already: a file gone since is refused where it is read).
     */
    private long resumeBytes()
    {
        return resume == null ? 0 : sizeOf(resume);
    }

    /** A file's size, 0 when it cannot be read (its refusal comes from its reader). */
    static long sizeOf(final Path file)
    {
        try
        {
            return Math.max(0, java.nio.file.Files.size(file));
        }
        catch (final java.io.IOException ex)
        {
            return 0;
        }
    }

    /** A refusal of the --resume file, naming the option as the other refusals of the command line do. */
    /** A run resumed from {@code resume} into {@code network} that would end past the last step an int counts. */
    static void requireEndWithinSteps(final Network network, final ExperimentConfig config, final Path resume)
    {
        if (network.currentStep() + config.steps() > Integer.MAX_VALUE)
        {
            // Said by the engine as "runs longer than 2147483647 steps in total are not supported", naming neither.
            throw new InputException("--duration " + Numbers.format(config.durationMs()) + " ms from " + resume +
                "'s t = " + Numbers.format(network.currentStep() * config.dtMs()) + " ms would end after step " +
                Integer.MAX_VALUE + ", the last a run can reach (24.8 days of 1 ms steps)");
        }
    }

    /**
     * A refusal for other synapses, with the files the config reads synapses from: a checkpoint refused after such a
     * file changed named the population alone.
     */
    static InputException withConnectionFiles(final InputException ex, final ExperimentConfig config)
    {
        final List<String> files = new ArrayList<>();
        for (final org.izhsim.config.ProjectionConfig p : config.projections())
        {
            if (p.rule().connections() != null)
            {
                files.add("'" + p.name() + "' from " + p.rule().connections().described());
            }
        }
        if (files.isEmpty() || ex.getMessage() == null || !ex.getMessage().contains("other synapses"))
        {
            return ex;
        }
        final InputException named = new InputException(ex.getMessage() + " (synapses read from files: " +
            String.join(", ", files) + ")");
        named.initCause(ex);
        return named;
    }

    /**
     * A refusal for another plasticity rule or its terms, with where the config writes it: "was made with plasticity
     * w_max 10, this network has w_max 9" named the checkpoint alone, and the user looked for the key.
     */
    static InputException withPlasticityPlace(final InputException ex, final ExperimentConfig config,
        final ConfigOverrides overrides)
    {
        if (ex.getMessage() == null || !ex.getMessage().contains(" plasticity "))
        {
            return ex;
        }
        for (final org.izhsim.config.ProjectionConfig p : config.projections())
        {
            final String origin = p.plasticity() != null ? p.origins().get("plasticity") : null;
            if (origin != null)
            {
                // With the overrides in effect: a --set of w_max left the file's line showing the old value.
                final List<String> shown = overrides == null ? List.of() : overrides.shownChanges();
                final InputException named = new InputException(ex.getMessage() + "; this network's plasticity is " +
                    "written at " + origin + " (projection '" + p.name() + "')" + (shown.isEmpty() ? "" :
                    ", in the file as changed by " + String.join(", ", shown)));
                named.initCause(ex);
                return named;
            }
        }
        return ex;
    }

    static InputException namingResume(final InputException ex)
    {
        return ex.getMessage() != null && ex.getMessage().startsWith("--resume") ? ex :
            new InputException("--resume " + ex.getMessage());
    }

    /**
     * The --save-state and --resume files must lie outside the output folder: the run writes that folder as a whole
     * (staged, then renamed onto it), so a checkpoint saved inside would be a file the folder's marker does not
     * list, and the run's outputs would be refused at the commit after the whole simulation.
     */
    private void checkStateOutsideOutput(final Path target)
    {
        final Path folder = OutputDirectory.resolvedPath(target);
        for (final Path file : new Path[] {saveState, resume})
        {
            if (file != null && OutputDirectory.resolvedPath(file).startsWith(folder))
            {
                throw new InputException((file == saveState ? "--save-state " : "--resume ") + file +
                    " is inside the output folder " + target + ", which the run writes as a whole: keep the " +
                    "checkpoint outside it (for example next to it)");
            }
        }
    }

    /** The interval of periodic checkpoints in ms, 0 for none; checks the options alone (the same on every rank). */
    private int checkpointInterval()
    {
        if (saveStateEvery == null)
        {
            return 0;
        }
        if (saveState == null)
        {
            throw new InputException("--save-state-every needs --save-state FILE, the file it writes");
        }
        if (realtime)
        {
            throw new InputException("--save-state-every cannot be combined with --realtime: writing a checkpoint " +
                "would break the wall-clock schedule");
        }
        // Spelt as a file's integer keys (1e3 is 1000); beyond a long it is null, refused below rather than wrapped.
        final Long number = org.izhsim.core.NumberSyntax.integerValue(saveStateEvery);
        final long every = number != null ? number : -1;
        if (every < 1 || every > Integer.MAX_VALUE)
        {
            throw new InputException("--save-state-every must be a positive whole number of ms, at most " +
                Integer.MAX_VALUE + ", got '" + saveStateEvery + "'");
        }
        return (int)every;
    }

    /**
     * The output folder this process writes (rank 0's under MPI), whose earlier outputs the run replaces: warned of
     * after the build and the checkpoint's restore, just before the run.
     */
    private Path replacesOutputsOf;

    private void resumeFrom(final Network network, final ExperimentConfig config, final PrintWriter stdout)
    {
        try
        {
            network.restoreState(resume);
        }
        catch (final InputException ex)
        {
            throw namingResume(withPlasticityPlace(withConnectionFiles(ex, config), config, overrides));
        }
        // Now: a --save-state to the same file replaces it during the run.
        resumedChecksum = network.restoredChecksum().orElse(-1);
        requireEndWithinSteps(network, config, resume);
        if (!quiet)
        {
            stdout.printf(Locale.ROOT, "%s: resumed from %s at t = %d ms%n", config.name(),
                InputException.escaped(resume.toString(), false), network.currentStep());
            stdout.flush();
        }
    }

    private void save(final Network network, final ExperimentConfig config, final PrintWriter stdout)
    {
        final long start = System.nanoTime();
        stateSave.accept(network, saveState);
        noteSaved(network);
        if (!quiet)
        {
            stdout.printf(Locale.ROOT, "%s: saved the state at t = %d ms to %s in %.3f s%n", config.name(),
                network.currentStep(), InputException.escaped(saveState.toString(), false),
                (System.nanoTime() - start) * 1e-9);
            stdout.flush();
        }
    }

    /**
     * Runs {@code steps} in runs of {@code every} steps, saving the state after each but the last (the end of
     * the run saves it anyway). Successive runs continue exactly where the last stopped, so the spikes are
     * those of one run. A run that ends early (interrupted) ends the loop.
     */
    /**
     * The interval of weight snapshots in steps, 0 for the final weights only: without plastic synapses, and for
     * a paced run, which is not cut into chunks (the pacer's schedule spans the run). The same on every rank.
     */
    /**
     * The longest part a run cut for checkpoints or weight snapshots is simulated in (0: one part), as
     * {@link #runSavingEvery} cuts it: its traces are held beside the run's while they are joined.
     */
    private long partSteps(final ExperimentConfig config, final NetworkPlan plan, final int checkpointEveryMs)
    {
        final int snapshots = weightsEveryMs(plan.plasticity() != null, config);
        return checkpointEveryMs > 0 && snapshots > 0 ? Math.min(checkpointEveryMs, snapshots) :
            Math.max(checkpointEveryMs, snapshots);
    }

    /**
     * A paced run is not cut into parts, so it takes no weight snapshots but the first and last (docs/config.md): a
     * user who set weights_every_ms got 2 snapshots instead of 4 without a word.
     */
    /**
     * What the outputs will take on disk beside the memory estimate (validate printed it, run did not): the part the
     * plan fixes, the bytes per spike, and the space free where they go.
     */
    private void printDiskEstimate(final PrintWriter stdout, final ExperimentConfig config, final NetworkPlan plan,
        final Path target)
    {
        final org.izhsim.network.build.DiskEstimate disk = diskEstimate(config, plan);
        final long free = usableSpace.applyAsLong(target);
        stdout.printf(Locale.ROOT, "%s: outputs on disk %s%s%s%n", config.name(),
            disk.total() > 0 ? disk.describe() + " and " : "", disk.describeSpikes(),
            free >= 0 ? "; " + MemoryEstimate.bytes(free) + " free there" : "");
        stdout.flush();
    }

    /**
     * A refusal of the whole network (its memory) names the experiment file first, as the refusals of its keys do:
     * "t needs about 305 MB" named only the experiment.
     */
    static void ofFile(final Path file, final Runnable check)
    {
        try
        {
            check.run();
        }
        catch (final InputException refused)
        {
            final InputException located = new InputException(file + ": " + refused.getMessage());
            located.initCause(refused);
            throw located;
        }
    }

    /** Says before a run that {@code target} holds an earlier run's outputs, which this run's replace. */
    static void warnOfReplacedOutputs(final PrintWriter err, final Path target)
    {
        final String warning = OutputDirectory.replacedOutputsWarning(target);
        if (warning != null)
        {
            err.println(Main.oneLine(warning));
            err.flush();
        }
    }

    private void warnOfUnusedSnapshots(final ExperimentConfig config, final NetworkPlan plan)
    {
        if (realtime && plan.plasticity() != null && config.recording().weightsEveryMs() > 0)
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "sim: warning: --realtime keeps only the initial and final weights: record." +
                "weights_every_ms %s is not used (a paced run is not cut into parts)%n",
                org.izhsim.output.Numbers.format(config.recording().weightsEveryMs()));
            err.flush();
        }
    }

    /**
     * Before a run: a JVM that finds no fonts (a minimal image) cannot draw the figures, which the outputs then leave
     * out (the run's data were lost with them after the simulation); said now, not only after hours of it.
     */
    static void warnOfMissingFonts(final PrintWriter err, final String what)
    {
        final String noFonts = org.izhsim.output.plot.TextMetrics.missingFonts();
        if (noFonts != null)
        {
            err.println("sim: warning: " + noFonts + ": " + what + " writes its data files but not its figures (.png, " +
                ".svg); " + org.izhsim.output.plot.TextMetrics.INSTALL_FONTS + " to draw them");
            err.flush();
        }
    }

    /** The steps between weight snapshots (0: none), for a network with plastic synapses or without. */
    private int weightsEveryMs(final boolean plastic, final ExperimentConfig config)
    {
        return plastic && !realtime ? (int)config.recording().weightsEveryMs() : 0;
    }

    /**
     * "-from-300ms" for a run resumed at t = 300 ms, "" for one from the start: its default folder is out/NAME-from-300ms,
     * so that continuing a run with its command and --resume does not replace the folder of the run it continues (it
     * did, with a warning: the spikes of the first part were lost). A step out of range (a damaged file, refused with
     * its state) gives no suffix.
     */
    static String resumedSuffix(final ExperimentConfig config, final Network.StateHeader resumed)
    {
        return resumed == null || !isStep(resumed.step()) ? "" :
            "-from-" + Numbers.format(resumed.step() * config.dtMs()) + "ms";
    }

    /** Whether a checkpoint's header gives a step a run can be at (its state's read refuses others). */
    private static boolean isStep(final long step)
    {
        return step >= 0 && step <= Integer.MAX_VALUE;
    }

    /** " at t = 300 ms" for a checkpoint's step, "" for one out of range (a damaged file). */
    static String atTime(final long step, final ExperimentConfig config)
    {
        return isStep(step) ? " at t = " + Numbers.format(step * config.dtMs()) + " ms" : "";
    }

    /**
     * out/NAME (out/NAME-from-Tms for a run resumed at T), the folder of a run without --out. A name the file system's encoding cannot hold (ünï under a C
     * locale, whose file names are ASCII) ended the run in an InvalidPathException and its stack trace.
     */
    private Path defaultOut(final ExperimentConfig config, final Network.StateHeader resumed)
    {
        try
        {
            return Path.of("out", config.name() + resumedSuffix(config, resumed));
        }
        catch (final java.nio.file.InvalidPathException ex)
        {
            throw new InputException(file + ": the experiment's name '" + config.name() + "' cannot be a folder name " +
                "here: file names are in " + System.getProperty("sun.jnu.encoding", "the locale's encoding") +
                " (the locale's); give --out, a name in that character set, or a UTF-8 locale (LANG=C.UTF-8)");
        }
    }

    /**
     * Runs in parts, checkpointing every {@code every} steps (0: never) and cutting the run every
     * {@code weightsEvery} steps (0: never) to snapshot the plastic weights into {@code weights}; the parts'
     * streamed spikes are joined in {@code spikeFolder}.
     */
    private SimulationResult runSavingEvery(final Network network, final int steps, final int every,
        final ProgressReporter progress, final WeightHistory weights, final int weightsEvery, final Path spikeFolder)
    {
        // Joined as they come: a part's step latencies alone are 31 kB, and a 10 h run checkpointed every second has
        // 36,000 parts (the list of them took 1.1 GB). A part's spike file is appended to the joined one and deleted,
        // its traces copied into the run's (joined at the end, they were on the heap twice).
        final SimulationResult.Joiner parts = new SimulationResult.Joiner(
            spikeFolder == null ? null : spikeFolder.resolve("all.spikes"), true, steps);
        // The latest part, added when the next one comes: a run of one part is its result, as concat makes it.
        SimulationResult latest = null;
        long done = 0;
        // Saves and snapshots at multiples of their period in simulated time, from t = 0: a run resumed at 1337 ms
        // with --save-state-every 500 saved at 1837, 2337 .. and snapshotted weights at 11337 .. instead of the uncut
        // run's 1500, 2000 and 10000, 20000.
        final long first = network.currentStep();
        // Progress and the disk guard go by the wall time since the first part, saves included: by the parts' own
        // run time a run saving every ms (saves a hundred times longer than its steps) never reached a report.
        final long start = System.nanoTime();
        while (done < steps)
        {
            long next = steps;
            if (every > 0)
            {
                next = Math.min(next, ((first + done) / every + 1) * every - first);
            }
            if (weightsEvery > 0)
            {
                next = Math.min(next, ((first + done) / weightsEvery + 1) * weightsEvery - first);
            }
            final int chunk = (int)(next - done);
            final long offset = done;
            final long wallOffset = System.nanoTime() - start;
            final SimulationResult part = network.run(chunk,
                (stepsDone, total, wall) -> progress.onProgress(offset + stepsDone, steps, wallOffset + wall));
            if (latest != null)
            {
                parts.add(latest);
            }
            latest = part;
            done += part.steps();
            // The network reports about every 100 steps of a part: parts shorter than that (a state saved every ms)
            // showed no progress at all, and the disk guard, a decorator of this reporter, never looked.
            progress.onProgress(done, steps, System.nanoTime() - start);
            if (part.steps() < chunk)
            {
                break;
            }
            if (weightsEvery > 0 && (first + done) % weightsEvery == 0)
            {
                // Collective under MPI; null on ranks other than 0.
                snapshotWeights(network, weights);
                periodicWeightSnapshots++;
            }
            if (every > 0 && (first + done) % every == 0 && done < steps)
            {
                savePeriodically(network);
            }
            if (network.stopPending())
            {
                // A stop made during the part's last step or during the save: the run ends here, at the boundary.
                break;
            }
        }
        partsWallNanos = System.nanoTime() - start;
        sayUnsaidSaveFailures();
        if (parts.steps() == 0 && latest.requestedSteps() == steps)
        {
            return latest;
        }
        parts.add(latest);
        return parts.result(steps);
    }

    /**
     * A --save-state file that holds a checkpoint (written by an earlier run) is replaced by this run's save: refused
     * when it is another network's (a mistyped name lost a spnet2006 state of hours to a cortex2003 run of 10 ms, without
     * a word), said when it is this network's state at another time; nothing when it is the --resume file, which a run
     * continued by saving over it replaces by design.
     */
    private void checkSaveTarget(final NetworkPlan plan, final ExperimentConfig config, final boolean warnNow)
    {
        if (saveState == null || resume != null && sameFile(saveState, resume))
        {
            return;
        }
        final Network.StateTarget held = Network.stateTarget(saveState, plan);
        if (held == null)
        {
            if (java.nio.file.Files.isRegularFile(saveState))
            {
                // One of ours (checkCheckpointFiles refuses any other file) whose header cannot be read: it was replaced
                // without a word.
                final PrintWriter err = spec.commandLine().getErr();
                err.println(Main.oneLine("sim: warning: --save-state " + saveState + " holds an izhsim checkpoint " +
                    "whose header cannot be read (cut short or damaged), which this run's first save replaces; name " +
                    "another file to keep it"));
                err.flush();
            }
            return;
        }
        refuseIfAnotherNetworks(held);
        if (warnNow)
        {
            warnOfReplacedState(held, config, " (an earlier run's, as far as its header tells)");
            // Under ranks, as checkSaveTargetBuilt in one process: the end line of a run whose saves all failed
            // says the file keeps this state (a tester's -np 2 run said only what failed).
            earlierStateStep = held.step();
            earlierStateChecksum = trailingChecksum(saveState);
        }
        else
        {
            // Said once the network is built and its fingerprints compared (another a, b, c, d or weights were warned
            // of as "a state of this network", which --resume then refused).
            saveTargetPending = true;
        }
    }

    /** Whether --save-state holds this network's state as far as the plan tells, to be judged again once built. */
    private boolean saveTargetPending;

    /** {@link #checkSaveTarget}'s second half in one process: with the built network's fingerprints. */
    private void checkSaveTargetBuilt(final Network network, final ExperimentConfig config)
    {
        if (!saveTargetPending)
        {
            return;
        }
        final Network.StateTarget held = network.stateTarget(saveState);
        if (held == null)
        {
            return;
        }
        refuseIfAnotherNetworks(held);
        long size = -1;
        try
        {
            size = java.nio.file.Files.size(saveState);
        }
        catch (final IOException ex)
        {
            // judged by its header alone
        }
        // What the file holds before this run saves: said at the end when every save of this run failed (the end
        // line said only what failed, and not that the file still held the earlier run's state).
        earlierStateStep = held.step();
        earlierStateChecksum = trailingChecksum(saveState);
        final long least = network.stateBytesAtLeast();
        // Shorter than this network's state can be: cut short (it was called "a state of this network").
        replacedStateWarning = replacedState(held, config, size >= 0 && size < least ? " (an earlier run's, cut short: " +
            org.izhsim.network.build.DiskEstimate.bytes(size) + " of at least " +
            org.izhsim.network.build.DiskEstimate.bytes(least) + ")" : " (an earlier run's)");
    }

    /** The step and CRC32C of the earlier run's state the --save-state file held before this run; -1: none. */
    private long earlierStateStep = -1;
    private long earlierStateChecksum = -1;

    /**
     * {@link #checkSaveTargetBuilt}'s warning, said once the run will start: a --save-state whose disk had too little
     * room was refused (exit 2) after "this run's first save replaces it", two lines for one refusal.
     */
    private String replacedStateWarning;

    private void refuseIfAnotherNetworks(final Network.StateTarget held)
    {
        if (held.laterFormat() != null)
        {
            // It was replaced after a warning that called it "cut short or damaged", though it may hold another
            // network's state.
            throw new InputException("--save-state " + saveState + " holds a checkpoint of " + held.laterFormat() +
                ", which this run cannot tell is of this network: name another file, or remove it first");
        }
        if (!held.differences().isEmpty())
        {
            throw new InputException("--save-state " + saveState + " holds the checkpoint of another network (made " +
                "with " + String.join("; ", held.differences()) + "), which this run's save would replace: name " +
                "another file, or remove it first");
        }
    }

    private void warnOfReplacedState(final Network.StateTarget held, final ExperimentConfig config, final String whose)
    {
        final PrintWriter err = spec.commandLine().getErr();
        err.println(Main.oneLine(replacedState(held, config, whose)));
        err.flush();
    }

    private String replacedState(final Network.StateTarget held, final ExperimentConfig config, final String whose)
    {
        return "sim: warning: --save-state " + saveState + " holds a state of this network" +
            atTime(held.step(), config) + whose + ", which this run's first save replaces; name another file to keep it";
    }

    /**
     * The --save-state file's disk must hold the state this network saves, checked once it is built (its size is the
     * network's): a run whose disk could not hold it ran to its end and only then said "the state was not saved". The
     * spikes in flight are not counted (they are not known before the save); with the earlier state still in the file
     * a save needs the room for a second copy, which is counted neither. Under ranks on rank 0, which writes the
     * state of all: the plan's plastic synapses, its own share of the receptors' state (an MPI run whose disk could not
     * hold the state ran to its end, then said it was not saved).
     */
    private void checkSaveRoom(final Network network, final NetworkPlan plan)
    {
        checkSaveRoom(saveState == null ? -1 : network.stateBytesAtLeast(plan.plasticSynapsesAtLeast()));
    }

    /** Refuses a --save-state whose disk has less room than {@code bytes}; -1: nothing to check. */
    private void checkSaveRoom(final long bytes)
    {
        if (bytes < 0)
        {
            return;
        }
        final long free = usableSpace.applyAsLong(saveState.toAbsolutePath().getParent());
        if (free >= 0 && free < bytes)
        {
            throw new InputException("--save-state " + saveState + ": its disk has " +
                org.izhsim.network.build.DiskEstimate.bytes(free) + " free, less than the state of this network takes (" +
                org.izhsim.network.build.DiskEstimate.bytes(bytes) + " at least): free space there, or name a file on " +
                "another disk");
        }
    }

    private static boolean sameFile(final Path a, final Path b)
    {
        try
        {
            return java.nio.file.Files.isSameFile(a, b);
        }
        catch (final IOException | SecurityException ex)
        {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /**
     * "; s.ckpt keeps the state at t = 1500 ms, saved before" when {@code file} still holds the state this run saved
     * last (its CRC32C is {@code checksum}); "" when the run saved none, or the file holds another by now (a file put
     * there, which the failed save then refused to replace).
     */
    static String keptNote(final Path file, final long step, final long checksum, final double dtMs)
    {
        if (checksum < 0 || trailingChecksum(file) != checksum)
        {
            return "";
        }
        return "; " + file + " keeps the state at t = " + Numbers.format(step * dtMs) + " ms, saved before";
    }

    /** The last 4 bytes of {@code file} as an unsigned number (a checkpoint's CRC32C); -1 if they cannot be read. */
    static long trailingChecksum(final Path file)
    {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file))
        {
            final java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(4);
            channel.read(last, channel.size() - 4);
            return last.flip().remaining() == 4 ? last.getInt() & 0xFFFF_FFFFL : -1;
        }
        catch (final IOException | RuntimeException notThere)
        {
            return -1;
        }
    }

    /**
     * Keeps the step and CRC32C of the state just saved, for summary.json: the file's last 4 bytes, its own checksum
     * (no other run may write the file while this one claims it). Rank 0's; another rank, which writes no file, keeps
     * none.
     */
    private void noteSaved(final Network network)
    {
        savedChecksum = trailingChecksum(saveState);
        savedStep = savedChecksum < 0 ? -1 : network.currentStep();
    }

    /** Whether this process says the periodic saves' warnings: rank 0 (or the only process) does. */
    private boolean saveWarningsSaid = true;

    /** The message of the periodic save failure said last, its repeats since, and the step of the last of them. */
    private String lastSaveFailure;
    private int unsaidSaveFailures;
    private long lastUnsaidFailureStep;

    /** The repeats of the failure said last, in one line; nothing when there were none. */
    private void sayUnsaidSaveFailures()
    {
        if (unsaidSaveFailures > 0)
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "%ssim: warning: %d more %s failed in the same way, the last at t = %d ms%n",
                lineBreakBeforeWarning(), unsaidSaveFailures, unsaidSaveFailures == 1 ? "save" : "saves",
                lastUnsaidFailureStep);
            err.flush();
        }
        unsaidSaveFailures = 0;
    }

    /** A newline that ends the progress bar's line, when there is one. */
    private String lineBreakBeforeWarning()
    {
        return quiet || !ProgressReporter.redrawsOneLine() ? "" : System.lineSeparator();
    }

    /**
     * A periodic checkpoint. One that cannot be written (a disk that filled, a folder removed) does not end the run,
     * whose outputs would then be lost: the file keeps the last complete state (each write replaces it
     * atomically), a warning says so, and the next checkpoint tries again.
     */
    private void savePeriodically(final Network network)
    {
        final long began = System.nanoTime();
        try
        {
            stateSave.accept(network, saveState);
            lastPeriodicSaveStep = network.currentStep();
            noteSaved(network);
            sayUnsaidSaveFailures();
            lastSaveFailure = null;
        }
        catch (final InputException ex)
        {
            if (ex.getMessage() != null && ex.getMessage().endsWith(": the process is exiting"))
            {
                // A save refused because the exit has begun (a second signal): the exit has said what was not saved,
                // and "the run goes on and tries again" came after "stopped before the outputs were written".
                return;
            }
            if (periodicSaveFailure == null)
            {
                periodicSaveFailure = ex;
            }
            if (!saveWarningsSaid)
            {
                return;
            }
            // The first failure of a kind in full, the same again counted: a disk that stayed full printed one line
            // per save, 186 of them over a run's outputs.
            if (ex.getMessage() != null && ex.getMessage().equals(lastSaveFailure))
            {
                unsaidSaveFailures++;
                lastUnsaidFailureStep = network.currentStep();
                return;
            }
            sayUnsaidSaveFailures();
            lastSaveFailure = ex.getMessage();
            final PrintWriter err = spec.commandLine().getErr();
            // After a newline that ends the progress bar's line, when there is one.
            err.printf(Locale.ROOT, "%ssim: warning: the state at t = %d ms was not saved (%s); the run goes on and " +
                "tries again at the next checkpoint%s%n", lineBreakBeforeWarning(), network.currentStep(),
                ex.getMessage(), " (the same failure again is counted, not repeated)");
            err.flush();
        }
        finally
        {
            periodicSaves++;
            periodicSaveNanos += System.nanoTime() - began;
        }
    }

    /** What the run's own time leaves out, for summary.json: the weight snapshots' and periodic checkpoints' wall time. */
    private void besidesTheRun(final RunOutputs outputs, final WeightHistory weights)
    {
        if (weights != null)
        {
            outputs.weightSnapshotsWallNanos(weightSnapshotNanos);
        }
        if (periodicSaves > 0)
        {
            outputs.periodicCheckpointsWallNanos(periodicSaveNanos);
        }
    }

    /** Synapses from which the build is said before it begins ({@link #sayLargeBuild}). */
    static final double LARGE_BUILD_SYNAPSES = 1e7;
    /** A memory estimate from which it is said, whatever the synapses (many neurons with few synapses each). */
    static final long LARGE_BUILD_BYTES = 1_000_000_000L;

    /**
     * A line before a large build: sparse1m's took 82 s with nothing printed after the estimates. From 10^7 synapses
     * (a second or more of building, 5 * 10^6 took 0.8 s; sparse100k's 10^8 4-8 s) or an estimate of 1 GB (2 million
     * neurons with 50 synapses each: 6 GB, 41 s); smaller networks are built before one would wonder, and their output
     * stays as it was.
     */
    private void sayLargeBuild(final ExperimentConfig config, final NetworkPlan plan, final PrintWriter stdout,
        final String what)
    {
        if (quiet)
        {
            return;
        }
        final double synapses = plan.expectedSynapses();
        if (synapses < LARGE_BUILD_SYNAPSES && plan.memory(config.steps()).total() < LARGE_BUILD_BYTES)
        {
            return;
        }
        stdout.println(largeBuildLine(config.name(), what, plan.neurons(), Math.round(synapses)));
        stdout.flush();
    }

    /** "wide: building 10,000 neurons and about 10,000,000 synapses ...", the synapses left out when there are none. */
    static String largeBuildLine(final String name, final String what, final int neurons, final long synapses)
    {
        // "and about 0 synapses" for a network of neurons alone said nothing worth saying.
        return String.format(Locale.ROOT, "%s: building %s%,d neuron%s%s ...", name, what, neurons,
            neurons == 1 ? "" : "s", synapses == 0 ? "" : String.format(Locale.ROOT, " and about %,d synapse%s", synapses,
            synapses == 1 ? "" : "s"));
    }

    /** A snapshot of the plastic weights into {@code weights} (null: none is kept), counted with its wall time. */
    private void snapshotWeights(final Network network, final WeightHistory weights)
    {
        final long began = System.nanoTime();
        ExperimentRuns.snapshotWeights(network, weights);
        if (weights != null)
        {
            // The time of the final one too when it is not kept (the last part's, at the same time): it was taken.
            weightSnapshots = weights.snapshots();
            weightSnapshotNanos += System.nanoTime() - began;
        }
    }

    /** One line on stderr for a run that ended early (its outputs are committed), and its exit code. */
    private int reportEarlyEnd(final SimulationResult result, final ExperimentConfig config, final Path target)
    {
        final PrintWriter err = spec.commandLine().getErr();
        final String endMs = Numbers.format((result.firstStep() + result.steps()) * config.dtMs());
        if (result.stopReason() == SimulationResult.StopReason.BLOW_UP)
        {
            // Within a few steps of a resumed start the saved state is the likelier cause than the config (a state
            // with u = 1e30 passes the file's checks, which bound no u): the line named only the inputs and parameters.
            final boolean early = resume != null && result.steps() <= 10;
            err.printf(Locale.ROOT, "sim: %s%s; wrote the outputs up to t = %s ms to %s%n", result.blowUp().message(),
                early ? "; or the state this run resumed from " + resume + " at t = " +
                    Numbers.format(result.firstStep() * config.dtMs()) + " ms" : "", endMs, target);
            if (saveState != null)
            {
                // --save-state says "when the run ends, also when it stops early": the skipped save went unsaid.
                err.printf(Locale.ROOT, "sim: the state at the blow-up is not saved (it is not finite): %s %s%n",
                    saveState, lastPeriodicSaveStep >= 0 ? "keeps the last periodic checkpoint, t = " +
                        Numbers.format(lastPeriodicSaveStep * config.dtMs()) + " ms" : "is left as it was");
            }
            err.flush();
            return Main.EXIT_BLOW_UP;
        }
        // With the state saved at the stop, said (summary.json had it, the line did not).
        final long endStep = result.firstStep() + result.steps();
        err.printf(Locale.ROOT, "sim: interrupted at t = %s ms; wrote %s%s%n", endMs, target,
            saveState != null && savedStep == endStep && savedChecksum >= 0 ? "; saved the state to " + saveState : "");
        err.flush();
        return Main.EXIT_INTERRUPTED;
    }

    /** The simulated ms the warm-up's copy ran ({@link #warmUp}); 0 without one. */
    private long warmedUpMs;

    private int warmupMs()
    {
        return warmup != null ? warmup : realtime ? DEFAULT_REALTIME_WARMUP_MS : 0;
    }

    /**
     * A copy, so that the run itself starts from the config's initial state and its spikes do not change; in one
     * process built, run and dropped before the network is built; under ranks ({@code exchange} not null) a
     * collective beside the network, every rank running its part of the copy.
     */
    private void warmUp(final ExperimentConfig config, final NetworkPlan plan, final SpikeExchange exchange,
        final PrintWriter stdout)
    {
        final long start = System.nanoTime();
        final long simulated;
        if (exchange != null)
        {
            simulated = warmUpOnEveryRank(plan, exchange, warmupMs());
        }
        else
        {
            sayLargeBuild(config, plan, stdout, "a warm-up copy of ");
            try (Network copy = BuildCancel.unless(stopRequested::get, () -> Network.build(NetworkAssembler.builder(config))))
            {
                stopTarget.set(copy);
                if (stopRequested.get())
                {
                    copy.requestStop(); // the signal came before the copy was its target
                }
                if (!quiet)
                {
                    // Nothing was said until the warm-up was done: 10 s of silence for sparse100k under --realtime.
                    stdout.printf(Locale.ROOT, "%s: warming up the JIT on a copy (at least %,d ms of simulated time, " +
                        "then until it settles) ...%n", config.name(), warmupMs());
                    stdout.flush();
                }
                simulated = JitWarmup.run(copy, warmupMs());
            }
            finally
            {
                stopTarget.set(null);
            }
            if (stopRequested.get())
            {
                throw new StoppedBeforeRun("during the JIT warm-up (--warmup)");
            }
        }
        warmedUpMs = simulated;
        if (!quiet)
        {
            stdout.printf(Locale.ROOT, "%s: warmed up the JIT on a copy%s: %,d ms simulated in %.2f s%n", config.name(),
                exchange == null ? "" : " (every rank)", simulated, (System.nanoTime() - start) * 1e-9);
            stdout.flush();
        }
    }

    private double pacingSpeed()
    {
        if (speed == null)
        {
            return 1.0;
        }
        if (!realtime)
        {
            throw new InputException("--speed paces a run to the wall clock and needs --realtime");
        }

        if (!(speed >= RealTimePacer.MIN_SPEED && speed <= RealTimePacer.MAX_SPEED))
        {
            throw new InputException("--speed must be between 0.001 (1 ms simulated per second) and 1000 " +
                "(1 = real time), got " + speed);
        }
        return speed;
    }

    /**
     * The files the run reads, which its output folder may not be nor contain: the experiment file and each
     * projection's connections file or folder (a frozen run of learnt weights named the plastic run's folder, its
     * own default output, and would have replaced the weights it was run from).
     */
    private List<Path> inputFiles(final ExperimentConfig config)
    {
        final List<Path> inputs = new ArrayList<>(List.of(file));
        for (final org.izhsim.config.ProjectionConfig p : config.projections())
        {
            if (p.rule().connections() != null)
            {
                inputs.add(Path.of(p.rule().connections().label()));
            }
        }
        for (final org.izhsim.config.PopulationConfig p : config.populations())
        {
            if (p.spikeTimesFile() != null)
            {
                inputs.add(Path.of(p.spikeTimesFile().path()));
            }
        }
        return inputs;
    }

    /** summary.json's provenance and the folder's config.yaml: the file as read, its overrides, the arguments. */
    private void withProvenance(final RunOutputs outputs)
    {
        if (noFigures)
        {
            outputs.withoutFigures();
        }
        outputs.unsets(overrides.unsets).provenance(file.toAbsolutePath().normalize(), overrides.text(), overrides.sets,
            spec.commandLine().getParseResult().originalArgs());
    }

    /**
     * One rank of an MPI job: builds and steps this rank's slice of the network, exchanging spikes with the other
     * ranks every step; rank 0, which receives every rank's spikes, writes the output folder of a single process
     * (summary.json also gives the ranks and rank 0's exchange latency), the others write nothing. A rank that
     * fails prints its one line and aborts the job, so that the others do not wait forever in a collective.
     */
    private int runAsRank()
    {
        final double pace = pacingSpeed();
        final int checkpointEveryMs = checkpointInterval();
        if (warmupMs() < 0)
        {
            throw new InputException("--warmup must be >= 0 ms, got " + warmup);
        }
        // A config this rank cannot read (a bad file on one machine, or given to one rank only) is reported after
        // MPI_Init, through the abort below: a rank that exits before MPI_Init leaves MPICH's other ranks waiting.
        ExperimentConfig config = null;
        NetworkPlan plan = null;
        RuntimeException unreadable = null;
        try
        {
            config = overrides.load(file);
            plan = NetworkAssembler.plan(config);
            if (plan.pipelinesPlasticity() && config.threads().orElse(0) == 0)
            {
                // threads: auto gave a small plastic network 2 threads to pipeline, which ranks do not (each steps
                // its slices between exchanges), and each rank would measure its own free cores: one thread, on every
                // rank alike, as auto gives any other network of its size.
                config = config.withThreads(OptionalInt.of(1));
                plan = NetworkAssembler.plan(config);
            }
        }
        catch (final RuntimeException e)
        {
            unreadable = e;
        }
        final int launched = Math.max(1, SpikeExchanges.launcherWorldSize(System.getenv()));
        final int neurons = plan != null ? plan.neurons() : 1;
        // A block for the usual step (a few % of a rank's neurons fire) keeps the second round rare.
        final int capacity = Math.max(64, neurons / launched / 32);
        final SpikeExchange exchange = SpikeExchanges.open("mpi", capacity,
            Network.maxExchanged(neurons, launched), Runtime.version().feature());
        final boolean root = exchange.rank() == 0;
        // Rank 0 speaks for the job, as a single process would; the others print only their failures.
        final PrintWriter stdout = root ? spec.commandLine().getOut() : new PrintWriter(Writer.nullWriter());
        try
        {
            if (unreadable != null)
            {
                throw unreadable;
            }
            requireSameRunOptions(exchange, config, plan.neurons(), pace, checkpointEveryMs);
            final Network.StateHeader header = resume != null ? rootsCheckpointHeader(exchange, plan, config) : null;
            if (header != null)
            {
                // Rank 0 alone reads the file: every rank takes the noise seed it recorded, so that all build alike.
                final ExperimentConfig resumed = underCheckpointNoise(config, header, stdout);
                if (resumed != config)
                {
                    config = resumed;
                    plan = NetworkAssembler.plan(config);
                }
            }
            // Each rank checks its own share against its own heap and its own machine's memory (ranks may sit on
            // machines of different sizes; ranks that share a machine each compare their share with all of it).
            final MemoryEstimate share = MemoryEstimate.rankShare(plan, config.steps(), exchange.rank(), exchange.size());
            final ExperimentConfig checked = config;
            ofFile(file, () -> MemoryCheck.require(checked.name(), share, warmupMs() > 0 ? 2 : 1, quiet ? null : stdout,
                "rank " + exchange.rank() + " of " + exchange.size(), root ? resumeBytes() : 0,
                spec.commandLine().getErr()));
            final Path target = out != null ? out : defaultOut(config, header);
            if (root)
            {
                // Rank 0 alone reads and writes the checkpoint (the others' machines need not share its disk); a
                // refusal here aborts the job with its line.
                checkCheckpointFiles();
                checkResumeHeader(plan, config);
                checkStateOutsideOutput(target);
                checkSaveTarget(plan, config, true);
                OutputDirectory.requireUsable(target, inputFiles(config), OutputDirectory.NETWORK_RUN);
                checkDisk(config, plan, target);
                // Rank 0 writes the state of all: its disk from the plan, before the build.
                checkSaveRoom(saveState == null ? -1 : Network.stateBytesAtLeast(plan));
                replacesOutputsOf = target;
            }
            // Until the run's first step every rank takes part in the collectives of the build and the warm-up, which
            // a stop cannot end on one rank alone: a signal then ends the process (the launcher forwards it to every
            // rank), rank 0 deleting its staging folder and saying so. It was silent.
            beforeRun = new StopOnSignal(() ->
            {
                if (root)
                {
                    // Before anything else: the launcher may kill this process as soon as another rank exits.
                    OutputDirectory.abandonAllOpen();
                    final PrintWriter err = spec.commandLine().getErr();
                    // The launcher's signal comes from a Ctrl-C or from another rank's failure (a config only it could
                    // not read): "interrupted" alone told the user nobody had interrupted anything.
                    err.println(Main.oneLine("sim: stopped by a signal (Ctrl-C, or the launcher ending the job after " +
                        "another rank failed: see its line) while the network was being built or warmed up, before " +
                        "the run's first step; nothing was written (" + target + " is as it was)"));
                    err.flush();
                }
                else
                {
                    // Rank 0 first (MPICH's launcher killed it, with its staging folder still there, as soon as this
                    // rank exited); then this one, should rank 0 not have had the signal.
                    try
                    {
                        Thread.sleep(OTHER_RANKS_EXIT_DELAY_MS);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                }
                System.exit(Main.EXIT_INTERRUPTED);
            });
            final int code;
            try
            {
                code = root ?
                    runRoot(config, plan, exchange, target, stdout, share.total(), pace, checkpointEveryMs) :
                    runOther(config, plan, exchange, Math.toIntExact(config.steps()), share.total(), warmupMs(),
                        checkpointEveryMs);
            }
            finally
            {
                beforeRun.close();
            }
            exchange.close();
            return code;
        }
        catch (final RuntimeException | Error e)
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.println(rankFailureLine(exchange.rank(), exchange.size(), e));
            err.flush();
            exchange.abort(e instanceof InputException ? Main.EXIT_BAD_INPUT : 1);
            throw e;
        }
    }

    /**
     * Every rank must run for as long, in as many parts, from the same state and at the same pace: ranks given other
     * options (the launcher's MPMD syntax, another --duration, --warmup, --save-state-every, --resume, --realtime)
     * failed inside with "java.lang.IllegalStateException: ranks gave 47 ints, not 2 x 16" (exit 1). Refused by every
     * rank, exit 2, before anything is built. A collective: every rank calls it once, after opening the exchange.
     */
    private void requireSameRunOptions(final SpikeExchange exchange, final ExperimentConfig config, final int neurons,
        final double pace, final int checkpointEveryMs)
    {
        // Each option on its own: the line listed all of this rank's and left the user to find the one that differs.
        final String[] options = {"--duration " + Numbers.format(config.durationMs()), "--warmup " + warmupMs(),
            "--save-state-every " + checkpointEveryMs, "--resume " + (resume != null ? "given" : "not given"),
            "--save-state " + (saveState != null ? "given" : "not given"),
            "--realtime " + (realtime ? "at " + Numbers.format(pace) : "not given")};
        final int[] own = new int[2 * options.length];
        for (int o = 0; o < options.length; o++)
        {
            System.arraycopy(Network.textHashes(options[o]), 0, own, 2 * o, 2);
        }
        final int[] all = Network.eachRank(exchange, own, neurons);
        for (int r = 0; r < exchange.size(); r++)
        {
            for (int o = 0; o < options.length; o++)
            {
                if (all[r * own.length + 2 * o] != own[2 * o] || all[r * own.length + 2 * o + 1] != own[2 * o + 1])
                {
                    final String name = options[o].substring(0, options[o].indexOf(' '));
                    throw new InputException("every rank must run with the same options, but rank " + r + "'s " + name +
                        " differs from rank " + exchange.rank() + "'s (" + options[o] + "): give every rank the " +
                        "same command line");
                }
            }
        }
    }

    /**
     * The --resume file's header (its run's noise seed, its step) as rank 0 reads it, on every rank (a collective). A
     * file rank 0 cannot read, or one made for another network, is refused by rank 0 after the collective, with the
     * line of the header check.
     */
    private Network.StateHeader rootsCheckpointHeader(final SpikeExchange exchange, final NetworkPlan plan,
        final ExperimentConfig config)
    {
        final int[] own = new int[5];
        RuntimeException refused = null;
        if (exchange.rank() == 0)
        {
            try
            {
                checkCheckpointFiles();
                final Network.StateHeader header = checkResumeHeader(plan, config);
                own[0] = header.noiseSeed().isPresent() ? 1 : 0;
                own[1] = (int)(header.noiseSeed().orElse(0) >>> 32);
                own[2] = (int)header.noiseSeed().orElse(0);
                own[3] = (int)(header.step() >>> 32);
                own[4] = (int)header.step();
            }
            catch (final RuntimeException e)
            {
                refused = e;
            }
        }
        final int[] all = Network.eachRank(exchange, own, plan.neurons());
        if (refused != null)
        {
            throw refused;
        }
        return new Network.StateHeader(all[0] == 0 ? OptionalLong.empty() :
            OptionalLong.of((long)all[1] << 32 | (all[2] & 0xFFFF_FFFFL)), (long)all[3] << 32 | (all[4] & 0xFFFF_FFFFL));
    }

    /**
     * A rank's failure as one line: bad input and a failed write as without ranks (a write failure under mpirun
     * gave its exception's class name), anything else with its class.
     */
    static String rankFailureLine(final int rank, final int size, final Throwable e)
    {
        return "sim: rank " + rank + " of " + size + ": " +
            (e instanceof InputException ? e.getMessage() : IoFailures.isIoFailure(e) ? IoFailures.describe(e) : e);
    }

    /**
     * Rank 0: builds, runs and writes the outputs. A run paced to real time is paced here alone: the other ranks
     * wait for rank 0 in each step's exchange, so they follow its pace.
     */
    private int runRoot(final ExperimentConfig config, final NetworkPlan plan, final SpikeExchange exchange,
        final Path target, final PrintWriter stdout, final long estimate, final double pace, final int checkpointEveryMs)
    {
        final RealTimePacer pacer = realtime ? RealTimePacer.onClock(plan.clock(), pace) : null;
        try (Network.StateClaim claim = saveState != null ? Network.claimStateTarget(saveState, "--save-state") : null;
             OutputDirectory dir = OutputDirectory.create(target, inputFiles(config), OutputDirectory.NETWORK_RUN))
        {
            openDir = dir;
            try
            {
                final Path spikeFolder = spikeFolder(dir);
                // As in call(): the network lives in simulate() alone, so that the outputs do not keep it.
                final Simulated simulated = simulate(config, plan, exchange, spikeFolder, pacer, checkpointEveryMs,
                    stdout, estimate);
                try (StopOnSignal signals = simulated.signals())
                {
                    final SimulationResult result = simulated.result();
                    final WeightHistory weights = simulated.weights();
                    final Histogram exchangeLatency = simulated.exchangeLatency();
                    final long[][] perRank = simulated.perRank();
                    final RunOutputs outputs = ExperimentRuns.outputs(config, plan, result).ranks(exchange.size(),
                        exchangeLatency, exchange.transport()).perRank(perRank).jitWarmupMs(warmupMs(), warmedUpMs).pacedBy(pacer)
                        .resumedFrom(resume, resumedChecksum).plasticWeights(weights);
                    besidesTheRun(outputs, weights);
                    withProvenance(outputs);
                    return finish(outputs, dir, spikeFolder, result, config, target, stdout, simulated.saveFailure(),
                        simulated.diskStop());
                }
            }
            catch (final UncheckedIOException ex)
            {
                throw dir.failed(ex);
            }
        }
    }

    /**
     * What a run's network leaves for its outputs, once the network is closed.
     *
     * @param saveFailure the final --save-state's refusal, reported after the outputs are written; or null.
     * @param signals     the run's Ctrl-C / SIGTERM handler, to close once the outputs are committed.
     * @param diskStop    why the {@link DiskGuard} stopped the run (its disk was filling), or null.
     */
    private record Simulated(SimulationResult result, WeightHistory weights, Histogram exchangeLatency,
        long[][] perRank, InputException saveFailure, StopOnSignal signals, String diskStop)
    {
    }

    /**
     * One process, or rank 0 of a partitioned run ({@code exchange} not null, whose other ranks take part in every
     * collective: {@link #runOther}): builds the network, runs it (resumed, warmed up, checkpointed as asked) and
     * closes it.
     */
    private Simulated simulate(final ExperimentConfig config, final NetworkPlan plan, final SpikeExchange exchange,
        final Path spikeFolder, final RealTimePacer pacer, final int checkpointEveryMs, final PrintWriter stdout,
        final long estimate)
    {
        final SimulationResult result;
        WeightHistory weights = null;
        final Histogram exchangeLatency;
        final long[][] perRank;
        InputException saveFailure = null;
        DiskGuard diskGuard = null;
        // In one process, from the start of the build: a first signal then ends the build (between two chunks of
        // synapses), the warm-up or the run. Under ranks from the run's start only: every rank must take part in each
        // collective of the build and the warm-up.
        if (beforeBuild != null)
        {
            // Handed over to the build's handler (a signal in between, microseconds, ends the JVM as before).
            beforeBuild.close();
            if (stopRequested.get())
            {
                throw new StoppedBeforeRun("while the run was being prepared");
            }
        }
        StopOnSignal signals = exchange != null ? null : new StopOnSignal(() ->
        {
            stopRequested.set(true);
            final Network target = stopTarget.get();
            if (target != null)
            {
                target.requestStop();
            }
        });
        if (exchange == null && warmupMs() > 0)
        {
            // In one process the copy is built, run and dropped before the network is built, as sim bench does: the
            // two were in the heap together, and the memory check asked for twice the network (a heap that held it
            // once refused --realtime). The copy is a network of its own: the run's spikes are the same.
            try
            {
                warmUp(config, plan, null, stdout);
            }
            catch (final RuntimeException | Error e)
            {
                stopTarget.set(null);
                signals.close();
                throw e;
            }
        }
        sayLargeBuild(config, plan, stdout, "");
        try (Network network = (exchange == null ? BuildCancel.unless(stopRequested::get, () -> Network.build(plan)) :
            Network.build(plan, exchange)).streamSpikesTo(spikeFolder, spikeBuffer))
        {
            final List<String> filedPopulations = config.recording().spikePopulations();
            if (!filedPopulations.isEmpty())
            {
                // The disk guard counts the spikes the spike files will hold (record.spike_populations) apart.
                network.countFiledSpikes(plan.populations().stream().filter(p -> filedPopulations.contains(p.name()))
                    .flatMapToInt(p -> java.util.stream.IntStream.of(p.first(), p.end())).toArray());
            }
            if (!quiet)
            {
                // A count above the neurons (per rank) was lowered without a word (--threads 500 for 200 neurons).
                final int asked = config.threads().orElse(network.threads());
                stdout.printf(Locale.ROOT, "%s: built %,d neuron%s and %,d synapse%s in %.2f s (%s%d %s%s)%n",
                    config.name(), network.neurons(), network.neurons() == 1 ? "" : "s", network.synapseCount(),
                    network.synapseCount() == 1 ? "" : "s", network.buildNanos() * 1e-9,
                    exchange == null ? "" : exchange.size() + (exchange.size() == 1 ? " rank x " : " ranks x "),
                    network.threads(),
                    network.threads() == 1 ? "thread" :
                        network.pipelinesPlasticity() ? "threads: dynamics and plasticity" : "threads",
                    asked > network.threads() ? "; " + asked + " asked, at most one per neuron" +
                        (exchange == null ? "" : " of a rank") : "");
                stdout.flush();
            }
            // Under ranks, rank 0's cores stand for every rank's: a launcher binds the ranks of a job alike.
            warnIfOversubscribed(network.threads(), Runtime.getRuntime().availableProcessors(),
                exchange == null ? null : "rank 0 of " + exchange.size());
            if (exchange == null)
            {
                checkSaveTargetBuilt(network, config);
            }
            checkSaveRoom(network, plan);
            if (resume != null)
            {
                // Under ranks a collective: rank 0 reads the file and sends it to every rank.
                resumeFrom(network, config, stdout);
            }
            if (replacedStateWarning != null)
            {
                spec.commandLine().getErr().println(Main.oneLine(replacedStateWarning));
                spec.commandLine().getErr().flush();
            }
            if (replacesOutputsOf != null)
            {
                // Said once the run will start: a refused checkpoint or an output folder that cannot be made
                // (an unwritable parent) is one line, not a warning of a replacement that never comes.
                warnOfReplacedOutputs(spec.commandLine().getErr(), replacesOutputsOf);
            }
            if (exchange != null && warmupMs() > 0)
            {
                // Under ranks beside the network (a collective every rank takes in the same place).
                warmUp(config, plan, exchange, stdout);
            }
            // The run stops while its disk still holds its outputs (spikes, which the check before the run cannot
            // count); rank 0 (and each worker) may hold a buffer of spikes not yet in the folder.
            final ProgressReporter shown = quiet ? ProgressReporter.quiet() :
                ProgressReporter.forStandardError(config.dtMs());
            final PrintWriter err = spec.commandLine().getErr();
            final DiskGuard progress = new DiskGuard(shown, spikeFolder, diskEstimate(config, plan),
                (network.threads() + 1L) * spikeBuffer, usableSpace, network::requestStop,
                line ->
                {
                    // After a newline that ends the progress bar's line, when there is one.
                    err.print((quiet || !ProgressReporter.redrawsOneLine() ? "" : System.lineSeparator()) +
                        Main.oneLine("sim: warning: " + line) + System.lineSeparator());
                    err.flush();
                });
            if (!filedPopulations.isEmpty())
            {
                progress.filedSpikes(network::filedSpikes);
            }
            diskGuard = progress;
            // ExperimentConfig caps steps at the engine's int limit, so this cannot wrap.
            final int steps = Math.toIntExact(config.steps());
            // Every rank takes the same sequence of collectives: the weights' gathers, the same chunks.
            // The snapshots' weights go to the spike folder, on the output's disk, not to the heap.
            final long historyStart = System.nanoTime();
            weights = ExperimentRuns.weightHistory(network, spikeFolder.resolve(WeightHistory.SPILL_FILE));
            if (weights != null)
            {
                weightSnapshots = weights.snapshots();
                weightSnapshotNanos += System.nanoTime() - historyStart;
            }
            final int weightsEvery = weightsEveryMs(network.plasticity() != null, config);
            // Held until the outputs are committed (the caller closes it): a first signal after the last step then
            // does not end the JVM before the outputs exist.
            if (signals == null)
            {
                signals = runSignals(network);
            }
            else
            {
                stopTarget.set(network);
                if (stopRequested.get())
                {
                    throw new StoppedBeforeRun("while the run was being prepared");
                }
            }
            result = checkpointEveryMs > 0 || weightsEvery > 0 ?
                runSavingEvery(network, steps, checkpointEveryMs, progress, weights, weightsEvery, spikeFolder) :
                network.run(steps, progress::onProgress, pacer != null ? pacer : StepPacer.AS_FAST_AS_POSSIBLE);
            snapshotWeights(network, weights);
            // The wall time the progress lines counted, checkpoints included (the run's own time left them out: "in
            // 0:05, 40x real time" after ten minutes of saving the state every ms).
            progress.onFinish(result.steps(), steps, partsWallNanos > 0 ? partsWallNanos : result.runNanos());
            if (saveState != null && result.stopReason() != SimulationResult.StopReason.BLOW_UP)
            {
                // A blown-up state holds infinities: the last periodic checkpoint, if any, stays the one to keep.
                // Under ranks a collective: every rank sends its state, rank 0 writes the file. A refused write
                // (checked before the run, but a disk can fill) is reported after the outputs are committed.
                // A first signal now says what happens (it was taken without a word while the state was saved).
                signals.runEnded("sim: the run has ended; its state is being saved to " + saveState + ", then its " +
                    "outputs written; a second signal (Ctrl-C) abandons the save and the outputs");
                try
                {
                    save(network, config, stdout);
                    if (openDir != null)
                    {
                        openDir.abandonNote(keptNote(saveState, savedStep, savedChecksum, config.dtMs()));
                    }
                }
                catch (final InputException ex)
                {
                    saveFailure = ex;
                }
            }
            else if (periodicSaveFailure != null)
            {
                // No final save after a blow-up: the periodic one that failed is the one to report.
                saveFailure = periodicSaveFailure;
            }
            exchangeLatency = exchange == null ? null : network.exchangeLatency();
            perRank = exchange == null ? null : rankFigures(network, estimate, diskGuard.reason() != null);
            // From here a first signal only says what happens; the handler no longer holds the network, which
            // would keep its memory while the outputs are written (nor does stopTarget, which the handler reads).
            stopTarget.set(null);
            signals.runEnded("sim: the run has ended and its outputs are being written; a second signal (Ctrl-C) " +
                "abandons them");
        }
        catch (final RuntimeException | Error e)
        {
            stopTarget.set(null);
            if (signals != null)
            {
                signals.close();
            }
            throw e;
        }
        return new Simulated(result, weights, exchangeLatency, perRank, saveFailure, signals, diskGuard.reason());
    }

    /**
     * The end of a run that writes (one process, or rank 0): the outputs into the staging folder, the streamed
     * spike files out of it, the folder committed; then the summary, or the early end's report and exit code.
     */
    private int finish(final RunOutputs outputs, final OutputDirectory dir, final Path spikeFolder,
        final SimulationResult result, final ExperimentConfig config, final Path target, final PrintWriter stdout,
        final InputException saveFailure, final String diskStop)
    {
        // Stopped because the guard asked (a signal in the same step is then reported as the disk's stop).
        final boolean stoppedForDisk = diskStop != null && result.stopReason() == SimulationResult.StopReason.INTERRUPTED;
        if (stoppedForDisk)
        {
            outputs.stoppedBecause(diskStop);
        }
        if (saveFailure != null)
        {
            outputs.stateNotSaved(saveFailure.getMessage());
        }
        if (savedChecksum >= 0)
        {
            outputs.stateSaved(saveState, savedStep * config.dtMs(), savedChecksum);
        }
        // A 10 h run's outputs take minutes after the run's "done": after 2 s a line says which file is being written.
        try (OutputProgress progress = quiet ? OutputProgress.quiet() : OutputProgress.forStandardError())
        {
            outputs.reportingTo(progress).writeTo(dir);
        }
        final PrintWriter err = spec.commandLine().getErr();
        outputs.warnings().forEach(err::println);
        err.flush();
        deleteSpikeFolder(spikeFolder);
        dir.commit();
        final int code;
        if (stoppedForDisk)
        {
            err.printf(Locale.ROOT, "sim: stopped at t = %s ms: %s; wrote %s%n",
                Numbers.format((result.firstStep() + result.steps()) * config.dtMs()), diskStop, target);
            err.flush();
            code = Main.EXIT_IO_FAILURE;
        }
        else if (result.stopReason() != SimulationResult.StopReason.COMPLETED)
        {
            code = reportEarlyEnd(result, config, target);
        }
        else
        {
            outputs.printSummary(stdout, target);
            stdout.flush();
            code = 0;
        }
        if ((periodicSaves > 0 || periodicWeightSnapshots > 0) && !quiet)
        {
            // The weight snapshots (record.weights_every_ms) too: 30 of them took 3.6 s of a 4.3 s run whose line
            // said 0.64 s, without a word.
            final String checkpoints = periodicSaves == 0 ? "" : String.format(Locale.ROOT,
                "its %,d periodic checkpoint%s took %.3f s", periodicSaves, periodicSaves == 1 ? "" : "s",
                periodicSaveNanos * 1e-9);
            final String snapshots = periodicWeightSnapshots == 0 ? "" : String.format(Locale.ROOT,
                "its %,d weight snapshot%s%s %.3f s", weightSnapshots, weightSnapshots == 1 ? "" : "s",
                checkpoints.isEmpty() ? " took" : "",
                weightSnapshotNanos * 1e-9);
            stdout.printf(Locale.ROOT, "  besides the simulation, %s%s%s (the real-time factor is the simulation's)%n",
                checkpoints, checkpoints.isEmpty() || snapshots.isEmpty() ? "" : " and ", snapshots);
            stdout.flush();
        }
        if (saveFailure != null)
        {
            // What the file keeps now: the last periodic save's state (the line said only what failed).
            final String kept = keptNote(saveState, savedStep, savedChecksum, config.dtMs());
            err.println("sim: the outputs are in " + target + ", but the state was not saved: " + saveFailure.getMessage() +
                (!kept.isEmpty() || earlierStateChecksum < 0 || trailingChecksum(saveState) != earlierStateChecksum ?
                kept : "; " + saveState + " keeps an earlier run's state, at t = " +
                Numbers.format(earlierStateStep * config.dtMs()) + " ms"));
            err.flush();
            // A write that failed (a full disk), checked before the run: exit 1, not 2 (bad input, nothing written).
            return code != 0 ? code : Main.EXIT_IO_FAILURE;
        }
        // The figures could not be written (a full disk): the data files are, the warning says so; exit 1 all the same.
        return code == 0 && outputs.figuresFailed() ? Main.EXIT_IO_FAILURE : code;
    }

    /** A rank other than 0: its share of the build and of every step; rank 0 reports and writes. */
    private int runOther(final ExperimentConfig config, final NetworkPlan plan, final SpikeExchange exchange,
        final int steps, final long estimate, final int warmupMs, final int checkpointEveryMs)
    {
        // The periodic saves' warnings are rank 0's: each rank printed its own copy of a failed collective save.
        saveWarningsSaid = false;
        try (Network network = Network.build(plan, exchange).discardSpikes())
        {
            if (resume != null)
            {
                // Rank 0 reads the file; this rank's own --resume path is not used. A refusal names the option as
                // rank 0's does (the second tester: rank 1's line lacked its "--resume").
                try
                {
                    network.restoreState(resume);
                }
                catch (final InputException ex)
                {
                    throw namingResume(withPlasticityPlace(withConnectionFiles(ex, config), config, overrides));
                }
            }
            if (warmupMs > 0)
            {
                warmUpOnEveryRank(plan, exchange, warmupMs);
            }
            try (StopOnSignal signals = runSignals(network))
            {
                return runOtherRun(network, config, steps, estimate, checkpointEveryMs);
            }
        }
    }

    /** A rank other than 0, its run: as rank 0's, whose stop (a signal, a blow-up) every rank follows. */
    private int runOtherRun(final Network network, final ExperimentConfig config, final int steps, final long estimate,
        final int checkpointEveryMs)
    {
        ExperimentRuns.weightHistory(network);
        final int weightsEvery = weightsEveryMs(network.plasticity() != null, config);
        final SimulationResult result = checkpointEveryMs > 0 || weightsEvery > 0 ?
            runSavingEvery(network, steps, checkpointEveryMs, ProgressReporter.quiet(), null, weightsEvery, null) :
            network.run(steps);
        ExperimentRuns.snapshotWeights(network, null);
        boolean saveFailed = false;
        if (saveState != null && result.stopReason() != SimulationResult.StopReason.BLOW_UP)
        {
            try
            {
                network.saveState(saveState);
            }
            catch (final InputException ex)
            {
                // Every rank's refusal, rank 0's message: rank 0 reports it after its outputs, exit 1; so does this.
                saveFailed = true;
            }
        }
        final long[][] figures = rankFigures(network, estimate, false);
        // Stopped by rank 0's full disk: exit 1 as rank 0 does (130 told a script the job was interrupted).
        final boolean diskStop = figures[0][RunOutputs.RANK_STOPPED_FOR_DISK] != 0;
        return result.stopReason() == SimulationResult.StopReason.COMPLETED ? saveFailed ? Main.EXIT_IO_FAILURE : 0 :
            result.stopReason() == SimulationResult.StopReason.BLOW_UP ? Main.EXIT_BLOW_UP :
            diskStop ? Main.EXIT_IO_FAILURE : Main.EXIT_INTERRUPTED;
    }

    /**
     * Collective: a partitioned copy of the network, built and run by every rank beside the real one (the same
     * sequence of collectives on every rank), then dropped, as {@link #warmUp} does in one process.
     *
     * @return the simulated ms of the warm-up.
     */
    private static long warmUpOnEveryRank(final NetworkPlan plan, final SpikeExchange exchange, final int warmupMs)
    {
        try (Network copy = Network.build(plan, exchange).discardSpikes())
        {
            return JitWarmup.runOnEveryRank(copy, warmupMs);
        }
    }

    /**
     * Collective after the run: every rank's build time, peak heap and RSS, estimate, exchange latency, and whether its
     * disk guard stopped the run.
     */
    private static long[][] rankFigures(final Network network, final long estimate, final boolean stoppedForDisk)
    {
        final long[] own = new long[RunOutputs.RANK_FIGURES];
        own[RunOutputs.RANK_STOPPED_FOR_DISK] = stoppedForDisk ? 1 : 0;
        own[RunOutputs.RANK_BUILD_NANOS] = network.buildNanos();
        own[RunOutputs.RANK_PEAK_HEAP] = HostInfo.peakHeapBytes();
        own[RunOutputs.RANK_PEAK_RSS] = HostInfo.peakResidentBytes();
        own[RunOutputs.RANK_MEMORY_ESTIMATE] = estimate;
        // A world of one rank builds the network of one process, which exchanges nothing (its run ended in a
        // NullPointerException after the last step, and nothing was written).
        final Histogram latency = network.exchangeLatency();
        own[RunOutputs.RANK_EXCHANGE_P50_NANOS] = latency == null ? 0 : latency.getValueAtPercentile(50);
        own[RunOutputs.RANK_EXCHANGE_P99_NANOS] = latency == null ? 0 : latency.getValueAtPercentile(99);
        return network.gatherFromRanks(own);
    }

    /**
     * The folder a run streams its spikes to, inside the output's staging folder (on the disk the outputs go to,
     * not a RAM-backed /tmp); deleted before the commit, and with the staging folder if the run fails.
     */
    private static Path spikeFolder(final OutputDirectory dir)
    {
        final Path folder = dir.resolve(".spikes");
        try
        {
            return Files.createDirectory(folder);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + folder + ": " + ex.getMessage(), ex);
        }
    }

    /** Deletes the spike files of the run (a flat folder of files this process wrote) and their folder. */
    private static void deleteSpikeFolder(final Path folder)
    {
        try (Stream<Path> files = Files.list(folder))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                Files.delete(file);
            }
            Files.delete(folder);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + folder + ": " + ex.getMessage(), ex);
        }
    }

    /** {@link #oversubscription}'s line on stderr, if any. */
    private void warnIfOversubscribed(final int threads, final int cores, final String rank)
    {
        final String warning = oversubscription(threads, cores, rank);
        if (warning != null)
        {
            final PrintWriter err = spec.commandLine().getErr();
            err.println(warning);
            err.flush();
        }
    }

    /**
     * A warning when a process runs more worker threads than the cores it may use (the JVM's count, which
     * follows CPU affinity and container limits): every step waits for all its threads, so a descheduled one
     * holds the step (cortex2003 on 2 cores, 1 s after --warmup 500: RTF 0.028 and 0.047 with 8 threads,
     * 0.020 and 0.022 with 2). Under MPI the cores are the rank's, which Open MPI's mpirun binds to one core
     * per rank by default.
     *
     * @param rank which rank's cores these are ("rank 0 of 4"), or null in a single process.
     * @return the line, or null when there is none.
     */
    static String oversubscription(final int threads, final int cores, final String rank)
    {
        if (threads <= cores)
        {
            return null;
        }
        final String who = rank != null ? "the launcher lets " + rank + " use" : "this machine lets the JVM use";
        final String hint = rank != null ?
            "give each rank as many cores as threads (mpirun --map-by slot:PE=" + threads + ", or --bind-to none; " +
                "srun --cpus-per-task=" + threads + ") or use --threads " + cores :
            "--threads auto uses one per free core";
        return String.format(Locale.ROOT,
            "sim: warning: %d worker threads but %s %d %s: each step waits for every thread, so this runs slower " +
                "than with %d; %s",
            threads, who, cores, cores == 1 ? "core" : "cores", cores, hint);
    }
}
