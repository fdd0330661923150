package org.izhsim.explore;

import com.fasterxml.jackson.core.JsonGenerator;
import org.agrona.concurrent.SystemNanoClock;
import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.PopulationRange;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.DiskEstimate;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.engine.DeadlineWaiter;
import org.izhsim.network.engine.Network;
import org.izhsim.network.synapse.BuildCancel;
import org.izhsim.network.engine.RealTimePacer;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.output.HostInfo;
import org.izhsim.output.IoFailures;
import org.izhsim.output.OutputDirectory;
import org.izhsim.output.RunOutputs;
import org.izhsim.output.WeightHistory;
import org.izhsim.service.ExperimentRuns;
import org.izhsim.service.DiskCheck;
import org.izhsim.service.MemoryCheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One network run at a time, on its own thread, watched live. The network advances in chunks (successive
 * {@code Network.run} calls continue where the previous stopped); after each chunk its spikes are published,
 * thinned for display, with the exact population spike counts of its last second and the real-time factor. When
 * the run ends (or is stopped) its folder is written as {@code sim run} writes it, to a staging folder moved
 * into place, and the end event links its files.
 * <p>
 * Each {@code Network.run} call costs a fixed setup (recorders, a latency histogram, waking the worker
 * threads): about 15 us with 1 thread and 110 us with 2 on this 2-core VM, against 10-15 ms for all of
 * cortex2003's 1000 ms when warm. So chunks are sized by wall time, not simulated time: after a short first chunk (spikes
 * on screen at once) each lasts about {@link #TARGET_CHUNK_NANOS}, 20 page updates a second, which keeps the
 * setup cost to a few per cent of the run. Paced to real time, chunks are 50 ms of simulated time instead.
 */
final class LiveRun
{
    static final int FIRST_CHUNK_STEPS = 100;
    private static final DeadlineWaiter PACING =
        DeadlineWaiter.spinThenPark(new SystemNanoClock(), RealTimePacer.DEFAULT_SPIN_NANOS);
    static final long TARGET_CHUNK_NANOS = 50_000_000L;
    static final int MAX_CHUNK_STEPS = 1_000_000;
    /** Live runs record a chunk's spikes into recorders grown on demand, not preallocated for long runs. */
    private static final int LIVE_SPIKE_CAPACITY = 4096;
    /** The raster shows at most this many neurons (every k-th): one pixel row each at most. */
    private static final int DISPLAY_NEURONS = 1000;
    /** And at most this many spikes per chunk, from its last {@link #DISPLAY_WINDOW_MS}. */
    private static final int DISPLAY_SPIKES_PER_CHUNK = 5000;
    /** The page's raster window. */
    private static final long DISPLAY_WINDOW_MS = 1000;
    /** Population spike counts travel in bins of this many ms (steps): what the page's rate plot draws. */
    private static final int RATE_BIN_MS = 5;
    /**
     * At most this many counts (populations x bins) per chunk: with many populations the bins are wider. A chunk
     * carried every population's counts in 5 ms bins over the whole chunk: 1000 one-neuron populations at full speed
     * made events of tens of MB, and the explorer ran out of memory (-Xmx512m) in its own bookkeeping.
     */
    static final int MAX_RATE_COUNTS = 20_000;
    /** The bin widths, in ms, that a run's population count may make coarser than {@link #RATE_BIN_MS}. */
    private static final int[] RATE_BINS_MS = {5, 10, 20, 25, 50, 100, 200, 250, 500, 1000};
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path outRoot;
    private final Path spillRoot;
    /** The folder of the current run's weight snapshots (simulation thread only), deleted when the run ends. */
    private Path spillFolder;
    private final EventHub hub;
    /**
     * The name of the run in progress, from the moment its start is taken (before its plan and checks), or null: set
     * with the same compare-and-set that takes the start, so a refused start names the run that holds it (the name was
     * set after the checks, and a start refused during them named a run that had ended long ago).
     */
    private final java.util.concurrent.atomic.AtomicReference<String> running =
        new java.util.concurrent.atomic.AtomicReference<>();
    /**
     * Formats and broadcasts events in order, off the simulation thread: a chunk's event costs about a
     * millisecond to format, which the simulation would otherwise wait for.
     */
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(task ->
    {
        final Thread thread = new Thread(task, "izhsim-explore-publish");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopRequested;
    /** CPU spent formatting chunk events, on the publishing thread: what the live view takes from the machine. */
    private final java.util.concurrent.atomic.AtomicLong publishNanos = new java.util.concurrent.atomic.AtomicLong();
    /** Set once the current run has stopped simulating and is writing its folder. */
    private volatile boolean writing;
    /** Set when the current run has queued its last event: a start then waits for the run's thread to end. */
    private volatile boolean ending;
    /** The thread of the current or last run, joined by {@link #close}. */
    private volatile Thread runThread;
    /** The folder the last run was written to, relative to the out root; null before one. */
    private volatile String writtenFolder;
    /** The written folder's warnings ({@link RunOutputs#warnings}), for the end event. */
    private volatile java.util.List<String> outputWarnings = java.util.List.of();
    /**
     * A live run keeps its spikes on the heap (8 bytes each, twice while its chunks are joined at the end): it is
     * stopped, and written, once they would take half of the heap left after the build, rather than end in an
     * OutOfMemoryError that loses it. Bytes per spike held, with the join's copy.
     */
    static final long HEAP_BYTES_PER_SPIKE = 16;
    /** For tests: the spikes a run may hold at most, instead of the heap's share; 0 for the heap's share. */
    private long spikeLimitOverride;
    /** The spikes held when the current run was stopped for its spikes' heap (simulation thread only); else 0. */
    private long stoppedHolding;
    /**
     * Whether the current run's limit of held spikes was the out folder's disk, not the heap (simulation thread
     * only): a run's outputs take {@link DiskEstimate#BYTES_PER_SPIKE} per spike when it ends, and a disk that could
     * not hold them lost the whole run.
     */
    private boolean limitedByDisk;
    /**
     * The current paced run's chunks, those that ended after their wall-clock deadline, and the latest by how much
     * (simulation thread only): a run that could not keep up said speed 1 in its summary and nothing of being behind.
     */
    private long pacedChunks;
    private long lateChunks;
    private long maxLateNanos;
    /**
     * What the outputs of the current run take on disk (simulation thread only), for {@link #diskShort}; null
     * outside {@link #runToEnd}'s run, when the disk is not checked.
     */
    private DiskEstimate runDisk;
    /** For tests: runs on the run's thread when it starts writing its folder. */
    private volatile Runnable writingStarts = () -> { };
    /** The free space of a folder's disk; a test may stand in a smaller disk. */
    private volatile ToLongFunction<Path> usableSpace = DiskCheck::usableSpace;
    /** The blow-up that ended this run's simulation, or null (simulation thread only). */
    private String blowUp;
    /** The time of the last weight snapshot published in this run (simulation thread only); NaN before one. */
    private double weightsPublishedMs = Double.NaN;

    LiveRun(final Path outRoot, final EventHub hub)
    {
        this(outRoot, hub, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param spillRoot where a plastic run's weight snapshots are kept until its folder is written. */
    LiveRun(final Path outRoot, final EventHub hub, final Path spillRoot)
    {
        this.outRoot = outRoot;
        this.hub = hub;
        this.spillRoot = spillRoot;
        sweepDeadSpills(spillRoot);
    }

    /** A spill folder's name: the prefix, the pid of the explorer that made it, a dash, then createTempDirectory's. */
    private static final String SPILL_PREFIX = "izhsim-live-weights-";
    private static final java.util.regex.Pattern SPILL_NAME =
        java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(SPILL_PREFIX) + "(\\d{1,18})-\\d+");

    /**
     * Deletes the weight spill folders in {@code root} of explorers that are no longer alive (killed with SIGKILL,
     * whose folders, growing by a snapshot every weights_every_ms, stayed in the temporary folder for good): only a
     * folder named with a pid no live process has, holding nothing but the snapshot file. Housekeeping: what cannot be
     * read or deleted is left as it is.
     */
    static void sweepDeadSpills(final Path root)
    {
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(root,
            entry -> SPILL_NAME.matcher(entry.getFileName().toString()).matches()))
        {
            for (final Path folder : entries)
            {
                final java.util.regex.Matcher name = SPILL_NAME.matcher(folder.getFileName().toString());
                if (!name.matches() || ProcessHandle.of(Long.parseLong(name.group(1))).isPresent() ||
                    !Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                {
                    continue;
                }
                try (Stream<Path> inside = Files.list(folder))
                {
                    if (inside.allMatch(f -> f.getFileName().toString().equals(WeightHistory.SPILL_FILE)))
                    {
                        Files.deleteIfExists(folder.resolve(WeightHistory.SPILL_FILE));
                        Files.delete(folder);
                    }
                }
                catch (final IOException | UncheckedIOException ex)
                {
                    // Not ours to delete, or gone meanwhile: left alone.
                }
            }
        }
        catch (final IOException | UncheckedIOException | SecurityException ex)
        {
            // The temporary folder cannot be listed: nothing to sweep.
        }
    }

    /**
     * Plans the network and checks its memory as {@code sim validate} and {@code sim run} do, then starts the run
     * on a new thread: a network they would refuse is refused here, before anything is built.
     *
     * @param builder  the network, as {@code NetworkAssembler.builder(config)} describes it.
     * @param realTime pace the run to simulated time (for watching), instead of full speed.
     * @throws ApiException   409 when a run is in progress.
     * @throws InputException when the plan breaks a rule, the network would not fit the heap or its outputs of known
     *                        size the disk of the out folder.
     */
    void start(final ExperimentConfig config, final NetworkBuilder builder, final boolean realTime)
    {
        start(config, builder, realTime, null);
    }

    /**
     * What summary.json's provenance and the folder's config.yaml say of an explorer run: where its config came from
     * (a shipped file's absolute path, or the upload), its text as read, and the request's fields.
     */
    record Provenance(String source, String configText, java.util.List<String> request)
    {
    }

    /** As {@link #start(ExperimentConfig, NetworkBuilder, boolean)}, writing {@code provenance} (null: none). */
    void start(final ExperimentConfig config, final NetworkBuilder builder, final boolean realTime,
        final Provenance provenance)
    {
        if (!running.compareAndSet(null, config.name()) && !(awaitEnding() && running.compareAndSet(null, config.name())))
        {
            final String name = running.get();
            throw new ApiException(409, (name != null ? "'" + name + "'" : "another run") +
                " is still running; stop it or wait for it to end before starting another run");
        }
        // From here a Stop counts for this run: one sent while the plan and the checks below took their 0.2-0.4 s
        // (sparse10k) was answered "stopping" and then forgotten, and the run went to its end.
        stopRequested = false;
        final NetworkPlan plan;
        try
        {
            // The out folder as `sim explore` checks it when it starts: it may have been removed, or replaced by a
            // file, since; a run started then was simulated in full and lost when its folder was written.
            ExploreCommand.requireWritableOut(outRoot);
            // Then sim run's own check of its --out, on a folder named as this run's will be (OUT/NAME-TIME): what it
            // refuses would otherwise be refused only when that folder is written, after the whole run.
            OutputDirectory.requireUsable(outRoot.resolve(freshFolder(outRoot, folderName(config.name()) + "-" +
                LocalDateTime.now().format(FOLDER_TIME))), java.util.List.of(), OutputDirectory.NETWORK_RUN);
            // The spike capacity is not in the memory estimate: this is the estimate of `sim run`'s plan.
            plan = builder.spikeCapacity(LIVE_SPIKE_CAPACITY).plan();
            requireMemory(config, plan);
            // As sim run: outputs of known size (weight snapshots, traces) that the out folder's disk cannot hold.
            final DiskEstimate disk = ExperimentRuns.diskEstimate(config, plan);
            // record.spike_populations: the held spikes the spike files will hold are counted apart (diskShort).
            filedPopulations = config.recording().spikePopulations().isEmpty() ? null :
                java.util.stream.IntStream.range(0, plan.populations().size()).filter(p ->
                    config.recording().spikePopulations().contains(plan.populations().get(p).name())).toArray();
            DiskCheck.require(config.name(), plan, disk, config.durationMs(), outRoot, usableSpace, 0);
            DiskCheck.requireSpill(config.name(), plan, disk, config.durationMs(), spillRoot, usableSpace);
        }
        catch (final RuntimeException ex)
        {
            running.set(null);
            throw ex;
        }
        ending = false;
        writtenFolder = null;
        outputWarnings = java.util.List.of();
        writing = false;
        hub.reset();
        final Thread thread = new Thread(() -> runToEnd(config, plan, realTime, provenance), "izhsim-explore-run");
        thread.setDaemon(true);
        runThread = thread;
        thread.start();
    }

    /**
     * {@link MemoryCheck#require}; a refusal is checked again after a collection, because this JVM outlives its
     * runs: part of the heap counted as in use may be earlier runs' garbage, which {@code sim run}'s fresh JVM has not.
     */
    private static void requireMemory(final ExperimentConfig config, final NetworkPlan plan)
    {
        try
        {
            MemoryCheck.require(config.name(), plan.memory(config.steps()), 1, null);
        }
        catch (final InputException ex)
        {
            System.gc();
            MemoryCheck.require(config.name(), plan.memory(config.steps()), 1, null);
        }
    }

    /** For tests: the free space of a folder's disk, standing in a smaller disk. */
    void usableSpace(final ToLongFunction<Path> usable)
    {
        usableSpace = usable;
    }

    /** For tests: {@code hook} runs on the run's thread when it starts writing its folder. */
    void whenWritingStarts(final Runnable hook)
    {
        writingStarts = hook;
    }

    /** For tests: a run holds at most {@code spikes} spikes before it is stopped. */
    void limitHeldSpikes(final long spikes)
    {
        spikeLimitOverride = spikes;
    }

    /**
     * Queues the run's last event (its end or its failure). A page may start the next run as soon as it sees it,
     * while this run's thread is still draining the events: {@link #ending} makes that start wait for the thread
     * (it was refused with "still running").
     */
    private void lastEvent(final Runnable event)
    {
        ending = true;
        publisher.execute(event);
    }

    /** Whether a run that has queued its last event ended within a second of this call. */
    private boolean awaitEnding()
    {
        final Thread thread = runThread;
        if (!ending || thread == null)
        {
            return false;
        }
        try
        {
            thread.join(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** What a stop did. */
    enum Stopped
    {
        /** Nothing was running. */
        NOTHING,
        /** A run is being stopped (or its start, build). */
        STOPPING,
        /** The run had finished simulating and is writing its folder: there is nothing left to stop. */
        WRITING
    }

    Stopped stop()
    {
        stopRequested = true;
        return running.get() == null ? Stopped.NOTHING : writing ? Stopped.WRITING : Stopped.STOPPING;
    }

    /**
     * For a server that shuts down (Ctrl-C, SIGTERM): stops a live run as the page's Stop does and waits, at most
     * {@code timeoutMillis}, until its folder is written, so that the steps already simulated are saved (the run
     * thread is a daemon: the JVM's exit used to discard them); then stops the publishing thread. Says on stderr
     * what it waits for and where the run went.
     */
    void close(final long timeoutMillis)
    {
        final String name = running.get();
        stop();
        final Thread thread = runThread;
        if (name != null && thread != null)
        {
            System.err.println("explore: stopping the run of '" + name + "' and writing its folder");
            try
            {
                thread.join(timeoutMillis);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive())
            {
                System.err.println("explore: the run of '" + name + "' was not written within " +
                    timeoutMillis / 1000 + " s; its folder is incomplete or missing");
            }
            else if (writtenFolder != null)
            {
                System.err.println("explore: the run of '" + name + "' is in " +
                    ExploreCommand.shown(outRoot.resolve(writtenFolder)));
            }
        }
        publisher.shutdown();
    }

    /**
     * The JVM's exit while {@link #close} waits for the run (a second Ctrl-C or SIGTERM): the line that the run being
     * stopped was given up, unless its folder is being written (that folder's clean-up says so) or was written; null
     * otherwise. "explore: stopping the run ... and writing its folder" was the last line, and no folder came.
     */
    String abandonedLine()
    {
        final String name = running.get();
        final Thread thread = runThread;
        if (name == null || thread == null || !thread.isAlive() || writing || writtenFolder != null)
        {
            return null;
        }
        return "explore: the run of '" + name + "' was given up before its folder was written (a second signal); " +
            "nothing was written to " + ExploreCommand.shown(outRoot);
    }

    boolean isRunning()
    {
        return running.get() != null;
    }

    private void runToEnd(final ExperimentConfig config, final NetworkPlan plan, final boolean realTime,
        final Provenance provenance)
    {
        try
        {
            final long steps = config.steps();
            publisher.execute(() -> hub.publish("start", Json.write(json ->
            {
                json.writeStartObject();
                json.writeStringField("name", config.name());
                json.writeNumberField("neurons", config.neuronCount());
                json.writeNumberField("steps", steps);
                json.writeBooleanField("real_time", realTime);
                json.writeEndObject();
            })));
            // A plastic run's weight snapshots go to a file, as `sim run`'s do, not the heap (4 bytes per plastic
            // synapse each: an hour of spnet2006 every second would be 1.15 GB).
            final Path weightSpill = plan.plasticity() == null ? null : newWeightSpill();
            final Network network;
            try
            {
                // Stop during the build ends it at its next chunk (sparse1m builds for 40 s and more).
                network = BuildCancel.unless(() -> stopRequested, () -> Network.build(plan));
            }
            catch (final BuildCancel.Cancelled ex)
            {
                lastEvent(() -> publishEnd(config, null, null, 0, true, 0, null));
                return;
            }
            final int stride = Math.max(1, (network.neurons() + DISPLAY_NEURONS - 1) / DISPLAY_NEURONS);
            publisher.execute(() -> publishBuilt(network, stride));
            // Joined as they come: a chunk's step latencies alone are 31 kB, and a run paced to real time has 20 chunks a
            // second (72,000 an hour, 2.2 GB of them, which the held spikes' limit does not count).
            final SimulationResult.Joiner chunks = new SimulationResult.Joiner(null, false, steps);
            final long liveNanos;
            // A plastic network's weights as `sim run` records them: at the start, every weights_every_ms, at the end.
            final WeightHistory weights = ExperimentRuns.weightHistory(network, weightSpill);
            weightsPublishedMs = Double.NaN;
            final int weightsEvery = weights == null ? 0 : (int)config.recording().weightsEveryMs();
            try
            {
                publishWeights(weights);
                stoppedHolding = 0;
                limitedByDisk = false;
                pacedChunks = 0;
                lateChunks = 0;
                maxLateNanos = 0;
                runDisk = ExperimentRuns.diskEstimate(config, plan);
                blowUp = null;
                liveNanos = simulate(network, steps, stride, realTime, chunks::add, weights, weightsEvery,
                    heldSpikeLimit());
                ExperimentRuns.snapshotWeights(network, weights);
                publishWeights(weights);
            }
            finally
            {
                runDisk = null;
                network.close();
            }
            final long done = chunks.steps();
            final String failure = blowUp;
            if (done == 0 && failure == null)
            {
                lastEvent(() -> publishEnd(config, null, null, 0, true, liveNanos, null));
                return;
            }
            // A stopped run is written as `sim run` writes one interrupted there: status, time and request kept.
            // The chunks' spikes are the result's now: the joiner lets go of them, not held twice while the outputs are
            // written.
            writing = true;
            writingStarts.run();
            final SimulationResult result = chunks.result(steps);
            final String folder = freshFolder(outRoot, folderName(config.name()) + "-" +
                LocalDateTime.now().format(FOLDER_TIME));
            try (OutputDirectory dir = OutputDirectory.create(outRoot.resolve(folder), java.util.List.of(),
                OutputDirectory.NETWORK_RUN))
            {
                try
                {
                    final RunOutputs outputs = ExperimentRuns.outputs(config, plan, result).plasticWeights(weights);
                    if (provenance != null)
                    {
                        outputs.provenance(provenance.source(), provenance.configText(), java.util.List.of(),
                            provenance.request());
                    }
                    (realTime ? outputs.pacedInChunksBy("the explorer, to the wall clock at the end of each chunk of " +
                        "steps", pacedChunks, lateChunks, maxLateNanos) : outputs).writeTo(dir);
                    dir.commit();
                    writtenFolder = folder;
                    // What sim run prints after its outputs (figures not drawn without fonts, spikes.h5 left out, a
                    // saturated population): the page said nothing of it.
                    outputWarnings = outputs.warnings();
                    outputWarnings.forEach(line -> System.err.println(line.replaceFirst("^sim: ", "explore: ")));
                }
                catch (final UncheckedIOException ex)
                {
                    // A full disk or a removed folder: the page gets one line naming the run's folder.
                    throw dir.failed(ex);
                }
            }
            final String note = stoppedHolding == 0 ? null : limitedByDisk ? "stopped at " + done * config.dtMs() +
                " ms: its " + stoppedHolding + " spikes are as many as the disk of " + outRoot + " holds beside its " +
                "other outputs (about " + DiskEstimate.BYTES_PER_SPIKE + " bytes each once written" +
                (filedPopulations != null ? ", those the spike files leave out (record.spike_populations) their share " +
                "of rates.csv and raster.svg" : "") + ")" : "stopped at " +
                done * config.dtMs() + " ms: the explorer keeps a run's spikes in memory, and its " + stoppedHolding +
                " spikes are as many as it holds in this heap; ./sim run streams them to disk";
            if (note != null)
            {
                // The note names --out, which may be an existing folder named with a terminal escape.
                System.err.println("explore: " + InputException.escaped(note, false));
            }
            lastEvent(failure != null ? () -> publishEnd(config, result, folder, done, true, liveNanos, failure, true) :
                () -> publishEnd(config, result, folder, done, done < steps, liveNanos, note));
        }
        catch (final InputException ex)
        {
            lastEvent(() -> hub.publish("failed", Json.error(ex.getMessage(), null)));
        }
        catch (final UncheckedIOException ex)
        {
            final String message = IoFailures.describe(ex);
            System.err.println("explore: run of '" + config.name() + "' failed: " +
                InputException.escaped(message, false));
            lastEvent(() -> hub.publish("failed", Json.error(message, null)));
        }
        catch (final RuntimeException | Error ex)
        {
            System.err.println("explore: run of '" + config.name() + "' failed: " +
                InputException.escaped(ex.toString(), false));
            lastEvent(() -> hub.publish("failed", Json.error("the run failed: " + ex, null)));
        }
        finally
        {
            deleteWeightSpill();
            drainPublisher();
            running.set(null);
        }
    }

    /** A new folder in {@link #spillRoot} for this run's weight snapshots; the file in it is made at the first. */
    private Path newWeightSpill()
    {
        try
        {
            // Named with this process's pid, by which a later explorer knows the folder of one killed (sweepDeadSpills).
            spillFolder = Files.createTempDirectory(spillRoot, SPILL_PREFIX + ProcessHandle.current().pid() + "-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a folder for the weight snapshots in " + spillRoot + ": " +
                ex.getMessage(), ex);
        }
        return spillFolder.resolve(WeightHistory.SPILL_FILE);
    }

    /** Deletes the run's weight snapshot file and its folder, which this run made; a failure is said, not thrown. */
    private void deleteWeightSpill()
    {
        final Path folder = spillFolder;
        spillFolder = null;
        if (folder == null)
        {
            return;
        }
        try
        {
            Files.deleteIfExists(folder.resolve(WeightHistory.SPILL_FILE));
            Files.deleteIfExists(folder);
        }
        catch (final IOException ex)
        {
            System.err.println("explore: cannot delete " + folder + ": " + ex.getMessage());
        }
    }

    /**
     * Runs the network chunk by chunk until {@code steps} or a stop, publishing each chunk; a plastic network's
     * chunks end at each multiple of {@code weightsEvery} steps too, where its weights are snapshot and published.
     *
     * @param chunks       receives the chunks' results.
     * @param weights      the plastic weights' record, or null.
     * @param weightsEvery steps between weight snapshots, 0 for none.
     * @param spikeLimit   the spikes the chunks may hold: the run stops (as the page's Stop stops it) after the
     *                     chunk that goes beyond, with {@link #stoppedHolding} set.
     * @return the wall time of the whole loop, publishing and pacing included.
     */
    long simulate(final Network network, final long steps, final int stride, final boolean realTime,
        final Consumer<SimulationResult> chunks, final WeightHistory weights, final int weightsEvery,
        final long spikeLimit)
    {
        long held = 0;
        long filed = 0;
        final long wallStart = System.nanoTime();
        long done = 0;
        long runNanos = 0;
        int next = FIRST_CHUNK_STEPS;
        while (done < steps && !stopRequested)
        {
            long chunkEnd = Math.min(done + next, steps);
            if (weightsEvery > 0)
            {
                chunkEnd = Math.min(chunkEnd, (done / weightsEvery + 1) * weightsEvery);
            }
            final int chunkSteps = (int)(chunkEnd - done);
            final SimulationResult chunk = network.run(chunkSteps);
            // A blow-up ends the run after this chunk, its steps before the blow-up kept (even none, at t = 0) and
            // written as sim run writes them ("status": "failed"), the failure shown with the neuron and step; before,
            // nothing was kept.
            final boolean blownUp = chunk.stopReason() == SimulationResult.StopReason.BLOW_UP;
            chunks.accept(chunk);
            done += chunk.steps();
            held += chunk.spikeCount();
            if (filedPopulations != null)
            {
                final long[] counts = chunk.populationSpikeCounts();
                for (final int p : filedPopulations)
                {
                    filed += counts[p];
                }
            }
            final long filedNow = filedPopulations == null ? -1 : filed;
            if (!blownUp && done < steps && (held > spikeLimit || diskShort(held, filedNow, done)))
            {
                stoppedHolding = held;
                stopRequested = true;
            }
            runNanos += chunk.runNanos();
            final long doneNow = done;
            final long runNanosNow = runNanos;
            final long heldNow = held;
            publisher.execute(() -> publishChunk(chunk, stride, doneNow, steps, runNanosNow, heldNow));
            if (blownUp)
            {
                blowUp = chunk.blowUp().message();
                break;
            }
            if (weightsEvery > 0 && done % weightsEvery == 0 && chunk.steps() == chunkSteps)
            {
                ExperimentRuns.snapshotWeights(network, weights);
                publishWeights(weights);
            }
            if (realTime)
            {
                final long late = System.nanoTime() - (wallStart + done * 1_000_000L);
                pacedChunks++;
                if (late > 0)
                {
                    lateChunks++;
                    maxLateNanos = Math.max(maxLateNanos, late);
                }
                paceTo(wallStart, done);
                next = (int)(TARGET_CHUNK_NANOS / 1_000_000L);
            }
            else
            {
                final double nanosPerStep = (double)(System.nanoTime() - wallStart) / done;
                next = (int)Math.max(1, Math.min(MAX_CHUNK_STEPS, TARGET_CHUNK_NANOS / nanosPerStep));
            }
        }
        return System.nanoTime() - wallStart;
    }

    /**
     * Whether the out folder's disk, now, holds less than the outputs of a run that stops with {@code held} spikes,
     * {@code filed} of them in the spike files (-1: all), of the first {@code steps} steps (about {@link
     * DiskEstimate#BYTES_PER_SPIKE} each, beside the
     * outputs of known size): checked after each chunk,
     * so that a disk another program fills during the run stops it too. Sets {@link #limitedByDisk}.
     */
    private boolean diskShort(final long held, final long filed, final long steps)
    {
        if (runDisk == null)
        {
            return false;
        }
        final long free = usableSpace.applyAsLong(outRoot);
        // With record.spike_populations the spike files hold the filed spikes alone: every held spike was counted at
        // the spike files' bytes, and a run whose chosen files would fit stopped (a tester's, at 280 s of 1000); and
        // rates.csv grows by a cell per population and bin at most, whatever the spikes in it.
        limitedByDisk = free >= 0 && free < runDisk.total() + runDisk.spikeBytes(held, filed, steps);
        return limitedByDisk;
    }

    /** The populations (by place) whose spikes the run's spike files hold, record.spike_populations; null: all. */
    private int[] filedPopulations;

    /** The spikes a run may hold: half of the heap left after the build (collected first), or the tests' limit. */
    private long heldSpikeLimit()
    {
        if (spikeLimitOverride > 0)
        {
            return spikeLimitOverride;
        }
        System.gc();
        return Math.max(0, HostInfo.availableHeapBytes() / 2 / HEAP_BYTES_PER_SPIKE);
    }

    /**
     * A run folder's name from the config's: characters other than letters, digits, '.', '_' and '-' become '_', and so
     * does a leading '.' or '-' (the folder of {@code name: ".hidden"} was hidden, one of {@code "-dash"} read as an
     * option, and the files of both were not served: RunFiles takes names that start with a letter, digit or '_'); and
     * so do two or more dots in a row (RunFiles refuses any name with "..": the folder of {@code name: a..b} was
     * written, and every link to its files answered 404).
     */
    static String folderName(final String configName)
    {
        return configName.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.{2,}", "_").replaceFirst("^[.-]", "_");
    }

    /** A name no folder has yet: two runs in one second must not replace one another. */
    static String freshFolder(final Path root, final String base)
    {
        String folder = base;
        for (int k = 2; Files.exists(root.resolve(folder), LinkOption.NOFOLLOW_LINKS); k++)
        {
            folder = base + "-" + k;
        }
        return folder;
    }

    /** The next run resets the event history: this run's events must all be out before. */
    private void drainPublisher()
    {
        try
        {
            publisher.submit(() -> { }).get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException ex)
        {
            System.err.println("explore: publishing failed: " + ex.getCause());
        }
    }

    /** Paced chunks wait on the engine's own deadline waiter, on the clock that System.nanoTime reads. */
    private static void paceTo(final long wallStart, final long simulatedMs)
    {
        PACING.awaitDeadline(wallStart + simulatedMs * 1_000_000L);
    }

    private void publishBuilt(final Network network, final int stride)
    {
        hub.publish("built", Json.write(json ->
        {
            json.writeStartObject();
            json.writeNumberField("neurons", network.neurons());
            json.writeNumberField("synapses", network.synapseCount());
            json.writeNumberField("threads", network.threads());
            json.writeNumberField("build_s", network.buildNanos() * 1e-9);
            json.writeNumberField("neuron_stride", stride);
            json.writeArrayFieldStart("populations");
            for (final PopulationRange population : network.populations())
            {
                json.writeStartObject();
                json.writeStringField("name", population.name());
                json.writeNumberField("first", population.first());
                json.writeNumberField("size", population.size());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }

    /**
     * The weights' latest snapshot as a "weights" event: its time, the histogram over [w_min, w_max] in
     * weights.png's bins, the mean, and the rewarded synapse's weight when the rule has one. Computed here (a
     * pass over the weights, on the simulation thread) and published as numbers; nothing without plastic synapses.
     */
    private void publishWeights(final WeightHistory weights)
    {
        if (weights == null || weights.last() == null || weights.lastTimeMs() == weightsPublishedMs)
        {
            return;
        }
        final double timeMs = weights.lastTimeMs();
        weightsPublishedMs = timeMs;
        final long[] counts = weights.histogram(weights.last().weights());
        final double mean = WeightHistory.mean(weights.last().weights());
        final double tracked = weights.trackedWeight();
        final double wMin = weights.wMin();
        final double wMax = weights.wMax();
        publisher.execute(() -> hub.publish("weights", Json.write(json ->
        {
            json.writeStartObject();
            json.writeNumberField("t_ms", timeMs);
            json.writeNumberField("w_min", wMin);
            json.writeNumberField("w_max", wMax);
            json.writeNumberField("synapses", weights.last().weights().length);
            json.writeNumberField("mean", mean);
            if (!Double.isNaN(tracked))
            {
                json.writeNumberField("tracked", tracked);
            }
            json.writeArrayFieldStart("counts");
            for (final long c : counts)
            {
                json.writeNumber(c);
            }
            json.writeEndArray();
            json.writeEndObject();
        })));
    }

    long publishNanos()
    {
        return publishNanos.get();
    }

    /**
     * The bin width of a run's population counts: {@link #RATE_BIN_MS}, or the first of {@link #RATE_BINS_MS} that keeps
     * a second's counts of {@code populations} within {@link #MAX_RATE_COUNTS}.
     */
    static int rateBinMs(final int populations)
    {
        for (final int bin : RATE_BINS_MS)
        {
            if ((long)populations * (DISPLAY_WINDOW_MS / bin) <= MAX_RATE_COUNTS)
            {
                return bin;
            }
        }
        return RATE_BINS_MS[RATE_BINS_MS.length - 1];
    }

    /**
     * A chunk's event: its spikes of the last {@link #DISPLAY_WINDOW_MS} (the page's window), thinned for display, and
     * the exact spike counts of each population over the same window, in bins of {@link #rateBinMs}; the spikes of
     * the chunk and of the run so far.
     */
    private void publishChunk(final SimulationResult chunk, final int stride, final long done, final long steps,
        final long runNanos, final long spikesSoFar)
    {
        final long start = System.nanoTime();
        final List<PopulationRange> populations = chunk.populations();
        final int[] times = chunk.spikeSteps();
        final int[] neurons = chunk.spikeNeurons();
        final int binMs = rateBinMs(populations.size());
        // The page shows the last second: older spikes and counts of a long chunk would only be dropped there.
        final long shownFrom = Math.max(chunk.firstStep(), chunk.firstStep() + chunk.steps() - DISPLAY_WINDOW_MS);
        final long firstBin = shownFrom / binMs;
        final long lastBin = (chunk.firstStep() + chunk.steps() - 1) / binMs;
        final int[][] counts = new int[populations.size()][(int)(lastBin - firstBin + 1)];
        int shown = 0;
        for (int s = 0; s < chunk.spikeCount(); s++)
        {
            if (times[s] >= shownFrom)
            {
                counts[populationOf(populations, neurons[s])][(int)(times[s] / binMs - firstBin)]++;
                if (neurons[s] % stride == 0)
                {
                    shown++;
                }
            }
        }
        final int keepEvery = Math.max(1, (shown + DISPLAY_SPIKES_PER_CHUNK - 1) / DISPLAY_SPIKES_PER_CHUNK);
        hub.publish("chunk", Json.write(json ->
        {
            json.writeStartObject();
            json.writeNumberField("t0", chunk.firstStep());
            json.writeNumberField("steps", chunk.steps());
            json.writeNumberField("done", done);
            json.writeNumberField("total", steps);
            json.writeNumberField("spikes", chunk.spikeCount());
            // A page that connects late is sent the run's latest chunks only (EventHub): it takes its total from here.
            json.writeNumberField("spikes_total", spikesSoFar);
            json.writeNumberField("keep_every", keepEvery);
            Json.numberField(json, "rtf_chunk", chunk.realTimeFactor());
            Json.numberField(json, "rtf", runNanos * 1e-6 / done);
            json.writeNumberField("bin_ms", binMs);
            json.writeNumberField("first_bin", firstBin);
            writeCounts(json, counts);
            json.writeArrayFieldStart("raster");
            int visible = 0;
            for (int s = 0; s < chunk.spikeCount(); s++)
            {
                if (times[s] >= shownFrom && neurons[s] % stride == 0 && visible++ % keepEvery == 0)
                {
                    json.writeNumber(times[s]);
                    json.writeNumber(neurons[s]);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
        publishNanos.addAndGet(System.nanoTime() - start);
    }

    private static void writeCounts(final JsonGenerator json, final int[][] counts) throws IOException
    {
        json.writeArrayFieldStart("counts");
        for (final int[] perBin : counts)
        {
            json.writeArray(perBin, 0, perBin.length);
        }
        json.writeEndArray();
    }

    /** The populations are consecutive ranges in order: a binary search (a run may have thousands of them). */
    private static int populationOf(final List<PopulationRange> populations, final int neuron)
    {
        int low = 0;
        int high = populations.size() - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final PopulationRange range = populations.get(mid);
            if (range.contains(neuron))
            {
                return mid;
            }
            if (neuron < range.first())
            {
                high = mid - 1;
            }
            else
            {
                low = mid + 1;
            }
        }
        for (int p = 0; p < populations.size(); p++)
        {
            if (populations.get(p).contains(neuron))
            {
                return p;
            }
        }
        throw new IllegalStateException("neuron " + neuron + " is in no population");
    }

    private void publishEnd(final ExperimentConfig config, final SimulationResult result, final String folder,
        final long done, final boolean stopped, final long liveNanos, final String note)
    {
        publishEnd(config, result, folder, done, stopped, liveNanos, note, false);
    }

    /** @param failed whether {@code note} is the error that ended the run (a blow-up): "error" instead of "note". */
    private void publishEnd(final ExperimentConfig config, final SimulationResult result, final String folder,
        final long done, final boolean stopped, final long liveNanos, final String note, final boolean failed)
    {
        hub.publish("end", Json.write(json ->
        {
            json.writeStartObject();
            json.writeStringField("name", config.name());
            json.writeBooleanField("stopped", stopped);
            if (note != null)
            {
                json.writeStringField(failed ? "error" : "note", note);
            }
            json.writeNumberField("simulated_ms", done * config.dtMs());
            if (result != null)
            {
                json.writeNumberField("spikes", result.spikeCount());
                // Null where no step ran (a blow-up in the first step: wall / 0), which Jackson wrote as the string
                // "Infinity", and the page's toFixed on it threw: the page stayed at "running 0 / 200 ms".
                Json.numberField(json, "rtf", result.realTimeFactor());
                json.writeNumberField("run_wall_s", result.runNanos() * 1e-9);
                // With the chunks' start-ups and the publishing: what the live view cost, seen from outside.
                json.writeNumberField("live_wall_s", liveNanos * 1e-9);
                json.writeStringField("folder", outRoot.resolve(folder).toString());
                // Each population's spikes and mean rate, as sim run prints them (the page showed the total only).
                json.writeArrayFieldStart("populations");
                final long[] counts = result.populationSpikeCounts();
                final java.util.List<org.izhsim.network.PopulationRange> ranges = result.populations();
                for (int p = 0; p < ranges.size(); p++)
                {
                    json.writeStartObject();
                    json.writeStringField("name", ranges.get(p).name());
                    json.writeNumberField("spikes", counts[p]);
                    json.writeNumberField("rate_hz", result.simulatedMs() > 0 ?
                        counts[p] / (ranges.get(p).size() * result.simulatedMs() / 1000.0) : 0.0);
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("warnings");
                for (final String line : outputWarnings)
                {
                    json.writeString(line.replaceFirst("^sim: warning: ", ""));
                }
                json.writeEndArray();
                json.writeArrayFieldStart("files");
                for (final String file : RunFiles.listing(outRoot.resolve(folder)))
                {
                    json.writeString("/files/" + folder + "/" + file);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }));
    }
}
