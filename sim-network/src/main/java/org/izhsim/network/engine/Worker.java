package org.izhsim.network.engine;

import java.util.Arrays;

import org.agrona.concurrent.IdleStrategy;
import org.izhsim.core.integrate.Method;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.input.InputDrive;
import org.izhsim.network.input.SpikeSource;
import org.izhsim.network.record.SpikeRecorder;
import org.izhsim.network.record.Traces;
import org.izhsim.network.synapse.PlasticSynapses;
import org.izhsim.network.synapse.SynapseMatrix;
import org.izhsim.network.build.TargetPartition;

/**
 * One slice of a network: a contiguous range of neurons (whole target blocks), the synapses that end in them,
 * and their segment of the {@link SpikeRing}. Everything it writes in the step loop is its own: the state and
 * input of its neurons, its ring segment, its recorder, its event counter, its scratch. It reads the whole ring
 * (after the step's release) and its blocks of the read-only {@link SynapseMatrix}. The memory belongs to the
 * slice, not to a thread: in one process with several threads each step of a slice runs on whichever thread
 * claims it ({@link SliceClaims}); alone, or in a partitioned run, thread t runs slice t through {@link #run}.
 * <p>
 * A step: (1) set the input of its neurons to the external drive; (2) add the weights of every synapse whose
 * spike arrives now: with {@link SpikeDelivery#DELAY_ROWS} walking for d = 1..D the rows (s, d) of the neurons
 * s fired in step t - d, in ascending s; with {@link SpikeDelivery#ARRIVAL_RING} walking all rows of the
 * neurons fired in step t - 1 into future arrival buffers, then adding this step's buffer; (3) integrate;
 * (4) detect v >= 30 mV, reset, and list the spikes in its ring segment. Each neuron's input is thus summed in
 * one fixed order (drive, then by emission step, then by source id), the same for any number of workers,
 * which makes runs bit-identical across thread counts. The arrival ring, when used, is shared like the input:
 * every slot is written only in the worker's own neuron range.
 * <p>
 * A pipelined network's one worker is used by two threads at once, on disjoint state: the dynamics thread runs
 * its steps without their plasticity ({@link #run}, {@link #step}), the plasticity thread {@link #plasticStep}, which
 * touches only the plasticity's state, its own scratch and, at a weight update, its half of the weights
 * ({@link PlasticityPipeline}).
 */
final class Worker
{
    /**
     * ARRIVAL_RING: a block whose D arrival slices take more than this (the 1 MB L2 of a core here) is walked
     * source by source ({@link #deliverIntoArrivalRing}); a smaller one delay by delay, as before.
     */
    static final long ARRIVAL_SLICES_IN_L2_BYTES = 1L << 20;
    /** Floats or chars in a 64-byte cache line, the stride of the touch. */
    private static final int FLOATS_PER_LINE = 16;
    /** Spans per touch-ahead group of {@link #addSpansBySource}: 4 to 64 measured alike. */
    private static final int TOUCH_GROUP = 16;
    /** Mean synapses per (source, block) span up to which {@link #addSpansBySource} touches ahead. */
    static final int SHORT_SPAN = 128;

    private final int index;
    /** This worker's slice of the partition: its index among all workers of all ranks. */
    private final int slice;
    /** The rank's side of a partitioned run, or null in a single process. */
    private final RankSlice rank;
    private final int from;
    private final int to;
    private final int firstBlock;
    private final int endBlock;
    private final int maxDelay;
    private final NeuronArrays state;
    private final SynapseMatrix matrix;
    private final TargetPartition partition;
    private final SpikeRing ring;
    private final InputDrive[] drives;
    private final Method scheme;
    private final StepBarrier barrier;
    private final IdleStrategy idle;
    /** ARRIVAL_RING only: D input buffers for the next D steps, slot t mod D; null for DELAY_ROWS. */
    private final float[][] arrivals;
    /** ARRIVAL_RING only: per delay d, the arrival buffer a spike of the previous step reaches; set each step. */
    private final float[][] arrivalOfDelay;
    /** ARRIVAL_RING only: the neuron of the buffers' entry 0 (a rank's buffers hold its neurons only). */
    private final int arrivalFirst;
    private final PaddedSequence events = new PaddedSequence();
    private final StopControl stop;
    /** Exponential currents, conductances and STP; null when no projection uses them. */
    private final ReceptorStage receptors;
    private int blowUpNeuron = -1;
    private float blowUpV;
    private float blowUpU;
    private long touched;
    /** Scratch of the delivery: the row spans of the fired neurons in one block. */
    private final SpanList spans;
    private final long[] scratch;
    /** The spike source populations, each firing its neurons of this slice after the integration. */
    private SpikeSource[] sources = new SpikeSource[0];
    /**
     * The populations of the 2007 model, ascending, or null when there are none (the 2003 loops then run as they
     * always did); with their spike flags, one per neuron of the network, written by the slice's own worker.
     */
    private Izhikevich2007Kernel[] model2007;
    private byte[] spiked2007;
    /** Per traced neuron of this slice: the kernel of its 2007 population (its peak drawn), null for the 2003 model. */
    private Izhikevich2007Kernel[] traceKernel = new Izhikevich2007Kernel[0];
    /** The threshold pass's counts when it walks the models' ranges ({@link #detectByModel}). */
    private int detectedKept;
    private int detectedSent;
    /** Second and later crossings of vpeak within a step by this slice's 2007 neurons, since the network was built. */
    private long mergedSpikes;
    /**
     * Under MPI ranks: this worker's share of the other ranks' neurons, {@code [otherFrom[k], otherTo[k])} for k = 0
     * (below the rank's neurons) and 1 (above), whose LTP traces it advances each step; empty in one process.
     */
    private final int[] otherFrom = new int[2];
    private final int[] otherTo = new int[2];

    private SpikeRecorder spikes;
    private Traces traces;
    /** The spnet2006 rule's state, or null when no synapse is plastic. */
    private PlasticSynapses plastic;
    /** dastdp2007: this worker's replica of the dopamine level, else null. */
    private Dopamine dopamine;
    /** Pipelined: the plasticity thread's side, else null; this worker's steps then leave out the plasticity. */
    private PlasticityPipeline pipeline;
    private boolean dynamicsOnly;
    /** Pipelined: the plasticity thread's scratch of {@link #plasticStep}. */
    private SpanList plasticSpans;
    private int[] tracedNeurons = new int[0];
    private int[] traceIndex = new int[0];

    Worker(final int index, final NeuronArrays state, final SynapseMatrix matrix, final SpikeRing ring,
        final InputDrive[] drives, final Method scheme, final StepBarrier barrier, final IdleStrategy idle,
        final float[][] arrivals, final StopControl stop, final ReceptorStage receptors)
    {
        this(index, index, null, state, matrix, ring, drives, scheme, barrier, idle, arrivals, 0, stop, receptors);
    }

    /**
     * @param index its index among this process's workers (its barrier party).
     * @param slice its index among the partition's slices: {@code rank's first slice + index}.
     * @param rank  the rank's side of a partitioned run, or null.
     */
    Worker(final int index, final int slice, final RankSlice rank, final NeuronArrays state,
        final SynapseMatrix matrix, final SpikeRing ring, final InputDrive[] drives, final Method scheme,
        final StepBarrier barrier, final IdleStrategy idle, final float[][] arrivals, final int arrivalFirst,
        final StopControl stop, final ReceptorStage receptors)
    {
        this.arrivalFirst = arrivalFirst;
        this.slice = slice;
        this.rank = rank;
        this.receptors = receptors;
        this.stop = stop;
        this.arrivals = arrivals;
        this.arrivalOfDelay = new float[matrix.maxDelay() + 1][];
        this.index = index;
        this.partition = matrix.partition();
        this.from = partition.firstNeuron(slice);
        this.to = partition.endNeuron(slice);
        this.scratch = new long[Math.max(1, to - from)];
        this.spans = new SpanList(Math.max(1, ring.capacity()));
        if (rank != null)
        {
            shareOfOtherRanks(rank.firstNeuron(), rank.endNeuron(), partition.neurons(), index,
                rank.endSlice() - rank.firstSlice(), otherFrom, otherTo);
        }
        this.firstBlock = partition.firstBlock(slice);
        this.endBlock = partition.endBlock(slice);
        this.maxDelay = matrix.maxDelay();
        this.state = state;
        this.matrix = matrix;
        this.ring = ring;
        this.drives = drives;
        this.scheme = scheme;
        this.barrier = barrier;
        this.idle = idle;
    }

    /**
     * Worker {@code worker} of {@code workers}' even share of the neurons outside {@code [rankFirst, rankEnd)} of
     * {@code neurons}: positions of the two ranges {@code [0, rankFirst)} and {@code [rankEnd, neurons)} taken
     * together, split at {@code worker * outside / workers}, into {@code from[k], to[k]} per range.
     */
    static void shareOfOtherRanks(final int rankFirst, final int rankEnd, final int neurons, final int worker,
        final int workers, final int[] from, final int[] to)
    {
        final long outside = rankFirst + (long)(neurons - rankEnd);
        final int begin = (int)(outside * worker / workers);
        final int end = (int)(outside * (worker + 1) / workers);
        from[0] = Math.min(begin, rankFirst);
        to[0] = Math.min(end, rankFirst);
        from[1] = rankEnd + Math.max(0, begin - rankFirst);
        to[1] = rankEnd + Math.max(0, end - rankFirst);
    }

    /** Before a run: the network's spike source populations (each fires only its neurons among this slice's). */
    void sources(final SpikeSource[] sources)
    {
        this.sources = sources;
    }

    /** Before a run: the network's 2007-model populations ({@link Izhikevich2007Kernel}) and their spike flags. */
    void model2007(final Izhikevich2007Kernel[] populations, final byte[] spiked)
    {
        this.model2007 = populations.length == 0 ? null : populations;
        this.spiked2007 = spiked;
    }

    /** Makes this worker run the plasticity rule on its blocks; called once, before the first run. */
    void plasticity(final PlasticSynapses plastic, final Dopamine dopamine)
    {
        this.plastic = plastic;
        this.dopamine = dopamine;
    }

    /**
     * Makes this worker the dynamics of a pipelined network ({@link PlasticityPipeline}): its steps leave the
     * plasticity to {@link #plasticStep}, on the pipeline's other thread. Called once, before the first run.
     */
    void pipeline(final PlasticityPipeline pipeline)
    {
        this.pipeline = pipeline;
        this.dynamicsOnly = true;
        this.plasticSpans = new SpanList(Math.max(1, ring.capacity()));
    }

    /**
     * Pipelined, on the dynamics thread between two steps: whether the steps leave the plasticity to the other thread
     * (true) or run it themselves, as one thread's steps do ({@link PlasticityPipeline} running alone).
     */
    void dynamicsOnly(final boolean only)
    {
        this.dynamicsOnly = only;
    }

    int index()
    {
        return index;
    }

    /** Its index among all ranks' slices of the partition. */
    int slice()
    {
        return slice;
    }

    /** This worker's dopamine replica (dastdp2007), else null; for checkpoints, between runs. */
    Dopamine dopamine()
    {
        return dopamine;
    }

    /** Prepares the recording of a run; called before the run's threads start. */
    void prepareRun(final SpikeRecorder spikes, final Traces traces, final int[] allTraced)
    {
        this.spikes = spikes;
        this.traces = traces;
        int owned = 0;
        for (final int n : allTraced)
        {
            owned += n >= from && n < to ? 1 : 0;
        }
        tracedNeurons = new int[owned];
        traceIndex = new int[owned];
        int k = 0;
        for (int i = 0; i < allTraced.length; i++)
        {
            if (allTraced[i] >= from && allTraced[i] < to)
            {
                tracedNeurons[k] = allTraced[i];
                traceIndex[k++] = i;
            }
        }
        traceKernel = new Izhikevich2007Kernel[owned];
        for (k = 0; k < owned; k++)
        {
            for (final Izhikevich2007Kernel m : model2007 != null ? model2007 : new Izhikevich2007Kernel[0])
            {
                if (tracedNeurons[k] >= m.first && tracedNeurons[k] < m.end)
                {
                    traceKernel[k] = m;
                }
            }
        }
    }

    /** {@link #mergedSpikes} since the network was built; exact after a join. */
    long mergedSpikes()
    {
        return mergedSpikes;
    }

    /** Synaptic events this worker has delivered since the network was built; exact after a join. */
    long eventsDelivered()
    {
        return events.getPlain();
    }

    /**
     * Runs steps {@code firstStep .. firstStep + steps - 1}, crossing the barrier after each when there is
     * one, and reporting each completed step to the coordinator when this is the coordinating worker. Leaves
     * after the step that {@link StopControl} names, the same one in every worker.
     *
     * @return the steps run, the last one included.
     */
    int run(final long firstStep, final int steps, final Coordinator coordinator)
    {
        blowUpNeuron = -1;
        try
        {
            for (int i = 0; i < steps; i++)
            {
                final long step = firstStep + i;
                if (coordinator != null)
                {
                    // An interrupt of the caller's thread is a stop request, decided after this step.
                    stop.takeInterrupt();
                }
                if (pipeline != null)
                {
                    pipeline.beforeStep(step);
                }
                step(step, i);
                if (pipeline != null)
                {
                    pipeline.afterStep(step);
                }
                if (coordinator != null && (stop.requested() || coordinator.callbackFailure() != null))
                {
                    // A stop request, or (under ranks) a listener or pacer that threw at the last boundary: the
                    // exchange of this step carries the stop to every rank.
                    stop.stopAfter(step);
                }
                if (rank != null)
                {
                    // Two crossings: every worker's spikes are listed before worker 0 exchanges them, and the
                    // ring holds all ranks' spikes before any worker delivers them.
                    if (barrier != null)
                    {
                        barrier.arriveAndAwait(index, 2 * step + 1, idle);
                    }
                    if (index == 0)
                    {
                        rank.exchange(step);
                    }
                    if (barrier != null)
                    {
                        barrier.arriveAndAwait(index, 2 * step + 2, idle);
                    }
                }
                else if (barrier != null)
                {
                    barrier.arriveAndAwait(index, step + 1, idle);
                }
                if (coordinator != null)
                {
                    if (!coordinator.stepCompleted(i + 1, stop.stopsAfter(step)) && rank == null)
                    {
                        // The listener or the pacer threw: the run ends at this boundary, where the state is
                        // consistent (no other worker reads the stop: one process steps through this worker alone).
                        // Under ranks the others have crossed already; the next step's check above ends it.
                        stop.stopAfter(step);
                    }
                    if (pipeline != null)
                    {
                        pipeline.stepEnded(coordinator.lastNanos());
                    }
                }
                if (stop.stopsAfter(step))
                {
                    finishPipeline(step);
                    return i + 1;
                }
            }
            finishPipeline(firstStep + steps - 1);
            return steps;
        }
        catch (final Throwable ex)
        {
            if (pipeline != null)
            {
                pipeline.abandon();
            }
            if (barrier != null)
            {
                barrier.breakBarrier(ex);
            }
            throw ex;
        }
    }

    /** Pipelined: returns when the plasticity has caught up with the run's last step. */
    private void finishPipeline(final long lastStep)
    {
        if (pipeline != null)
        {
            pipeline.finish(lastStep);
        }
    }

    /** The lowest neuron of this worker found non-finite in the last run, or -1; read after the run. */
    int blowUpNeuron()
    {
        return blowUpNeuron;
    }

    /** Its v and u when found (the threshold pass leaves it as it was). */
    float blowUpV()
    {
        return blowUpV;
    }

    float blowUpU()
    {
        return blowUpU;
    }

    /**
     * One step of this worker's slice: its neurons, their synapses, its ring segment. Called by its own
     * {@link #run}, or by whichever thread claims the slice ({@link SliceClaims}); never by two at once.
     */
    void step(final long step, final int stepInRun)
    {
        final float[] input = state.input;
        driveInput(step);
        long delivered = deliverSpikes(step);
        if (receptors != null)
        {
            if (rank != null)
            {
                // Under ranks, this worker's share of the other ranks' STP sources over the previous step.
                receptors.advanceOthers(step - 1, ring, otherFrom[0], otherTo[0]);
                receptors.advanceOthers(step - 1, ring, otherFrom[1], otherTo[1]);
            }
            receptors.decay(from, to);
            delivered += receptors.deliver(step, ring, input, firstBlock, endBlock, from, to);
        }
        events.setRelease(events.getPlain() + delivered);

        integrate(step);
        if (plastic != null && !dynamicsOnly)
        {
            // poly_spnet.cpp: trace decay with the integration (lines 865, 868), the weight update after the
            // second's last integration and before the next detection (lines 931-934).
            plastic.decayTraces(from, to, step);
            // Under ranks, the other ranks' sources too: each worker a share, not worker 0 alone between barriers.
            plastic.decayOtherSources(otherFrom[0], otherTo[0], step);
            plastic.decayOtherSources(otherFrom[1], otherTo[1], step);
            if (dopamine != null)
            {
                // daspnet.m: DA decays every ms (line 81), weights follow every period (83), rewards last (86-97).
                final double level = dopamine.decayed();
                if (plastic.updatesAfter(step))
                {
                    boolean finite = true;
                    for (int block = firstBlock; block < endBlock; block++)
                    {
                        finite &= plastic.updateWeights(block, level) & plastic.tracesFinite(block, 0, 1, step);
                    }
                    plasticityFinite(finite, step);
                }
                dopamine.rewardStep(step, ring);
            }
            else if (plastic.updatesAfter(step))
            {
                boolean finite = true;
                for (int block = firstBlock; block < endBlock; block++)
                {
                    finite &= plastic.updateWeights(block) & plastic.tracesFinite(block, 0, 1, step);
                }
                plasticityFinite(finite, step);
            }
        }
        for (int k = 0; k < tracedNeurons.length; k++)
        {
            final int n = tracedNeurons[k];
            // v as the papers' figures draw it: at most 30 mV in a 2003 neuron's spike step (net.m's v >= 30 is
            // reset in the pass below), vpeak in a 2007 neuron's (izhi2007.m: v(i) = vpeak), whose reset is made.
            final Izhikevich2007Kernel m = traceKernel[k];
            final float vNow = m == null ? Math.min(state.v[n], 30.0f) : spiked2007[n] != 0 ?
                m.peakDrawn(state.u[n], state.d[n]) : state.v[n];
            traces.record(traceIndex[k], stepInRun, vNow, state.u[n], input[n]);
        }
        detect(step);
        if (receptors != null)
        {
            // The ring's segment of this worker's slice (its index among all ranks' slices).
            receptors.afterSpikes(step, ring, slice, from, to);
        }
    }

    /**
     * Pipelined, on the plasticity thread: the plasticity of step t that {@link #step} leaves out, in the order it
     * would do it: the depression of the plastic rows arriving in step t (the order of {@link
     * #deliverByDelayRows}), the traces' decay, dastdp2007's dopamine decay, the periodic weight update (shared with
     * the dynamics thread, {@link PlasticityPipeline#sharedUpdate}), the reward rule, the potentiation at the spikes
     * of step t (ascending, as {@link
     * #detectAndReset} lists them). Reads the ring's slots of steps t - D .. t, which the dynamics have finished;
     * writes only the plasticity's state and, at the update, half of the weights.
     *
     * @return false when the dynamics abandoned the run during the update.
     */
    boolean plasticStep(final long step)
    {
        final SpanList spans = plasticSpans;
        for (int block = firstBlock; block < endBlock; block++)
        {
            final int[] rowStart = matrix.rowStart(block);
            final char[] targets = matrix.targets(block);
            final int base = partition.blockStart(block);
            final int firstSource = matrix.firstSource(block);
            for (int d = 1; d <= maxDelay; d++)
            {
                spans.find(ring, ring.slotOf(step - d), rowStart, maxDelay, d - 1, d, firstSource,
                    matrix.endSource(block));
                for (int k = 0; k < spans.size; k++)
                {
                    if (plastic.isPlasticSource(firstSource + spans.source[k]))
                    {
                        plastic.depress(block, base, targets, spans.begin[k], spans.end[k]);
                    }
                }
            }
        }
        plastic.decayTraces(from, to, step);
        // As step() does it: dastdp2007's dopamine decays, the weights follow with it, the reward rule reads the
        // previous step's spikes (daspnet.m lines 81-97); the dopamine only ever reaches the weights.
        final double level = dopamine != null ? dopamine.decayed() : Double.NaN;
        if (plastic.updatesAfter(step) && !pipeline.sharedUpdate(step, level))
        {
            return false;
        }
        if (dopamine != null)
        {
            dopamine.rewardStep(step, ring);
        }
        final int slot = ring.slotOf(step);
        final int[] fired = ring.fired(slot);
        final int first = ring.segmentStart(slice);
        final int n = ring.count(slot, slice);
        for (int k = first; k < first + n; k++)
        {
            plastic.fired(fired[k], step);
        }
        return true;
    }

    /** Step phase 1 (also {@link StepKernels}' entry): sets the input of this worker's neurons to the external drive. */
    void driveInput(final long step)
    {
        final float[] input = state.input;
        Arrays.fill(input, from, to, 0.0f);
        for (final InputDrive drive : drives)
        {
            drive.addTo(input, from, to, step, scratch);
        }
    }

    /**
     * Step phase 2 (also {@link StepKernels}' entry): adds the current synapses' weights arriving in this step to
     * the input, by the network's delivery scheme; the receptor stage's are not included.
     *
     * @return the synaptic events delivered.
     */
    long deliverSpikes(final long step)
    {
        if (arrivals == null)
        {
            return deliverByDelayRows(step, state.input);
        }
        final long delivered = deliverIntoArrivalRing(step);
        takeArrivals(step, state.input);
        return delivered;
    }

    /**
     * Step phase 3 (also {@link StepKernels}' entry): one step of the neurons' equations with this step's input, then
     * the spike sources' spikes of step {@code step} ({@link SpikeSource#fire}: their v set over what the loop
     * computed for them).
     */
    void integrate(final long step)
    {
        integrateEquations();
        for (final SpikeSource source : sources)
        {
            source.fire(state.v, state.u, from, to, step, scratch);
        }
    }

    private void integrateEquations()
    {
        if (model2007 != null)
        {
            integrateByModel();
            return;
        }
        // The 2003 loops called here as they were before the 2007 model came, not through integrate2003(from, to):
        // one call deeper, NeuronUpdateBenchmark at 1000 neurons took 3.22-3.23 ns per neuron and step against 1.41-1.49
        // (alternated runs; C2 then compiles NeuronKernel.halfStep's loop otherwise, see BENCHMARKS.md).
        if (receptors != null)
        {
            receptors.integrate(scheme, state, from, to);
        }
        else if (scheme == Method.HALFSTEP)
        {
            NeuronKernel.halfStep(state.v, state.u, state.a, state.b, state.input, from, to);
        }
        else
        {
            NeuronKernel.euler(state.v, state.u, state.a, state.b, state.input, from, to);
        }
    }

    /** The 2003 model's neurons between the 2007 populations, and those populations by their own kernel. */
    private void integrateByModel()
    {
        int at = from;
        for (final Izhikevich2007Kernel m : model2007)
        {
            final int lo = Math.max(from, m.first);
            final int hi = Math.min(to, m.end);
            if (lo >= hi)
            {
                continue;
            }
            integrate2003(at, lo);
            if (receptors != null)
            {
                receptors.integrate2007(m, state, spiked2007, lo, hi);
            }
            else
            {
                m.step(state, spiked2007, lo, hi);
            }
            at = hi;
        }
        integrate2003(at, to);
    }

    private void integrate2003(final int from, final int to)
    {
        if (from >= to)
        {
            return;
        }
        if (receptors != null)
        {
            receptors.integrate(scheme, state, from, to);
        }
        else if (scheme == Method.HALFSTEP)
        {
            NeuronKernel.halfStep(state.v, state.u, state.a, state.b, state.input, from, to);
        }
        else
        {
            NeuronKernel.euler(state.v, state.u, state.a, state.b, state.input, from, to);
        }
    }

    /**
     * {@link SpikeDelivery#DELAY_ROWS}: adds every synaptic weight arriving in this step to the input of this
     * worker's neurons, walking for each delay d the rows (s, d) of the neurons fired d steps ago.
     * <p>
     * Three passes per delay: find the rows, touch them (unless the block has contiguous rows), add them.
     * Interleaving the touch of the next delay's rows with the additions of this one was measured 1.5 times
     * slower: the separate loops stay tight.
     */
    private long deliverByDelayRows(final long step, final float[] input)
    {
        long delivered = 0;
        final int maxDelay = this.maxDelay;
        final SpanList spans = this.spans;
        for (int block = firstBlock; block < endBlock; block++)
        {
            final int[] rowStart = matrix.rowStart(block);
            final char[] targets = matrix.targets(block);
            final float[] weights = matrix.weights(block);
            final long[] contiguous = matrix.contiguousRows(block);
            final boolean anyContiguous = matrix.hasContiguousRows(block);
            final int base = partition.blockStart(block);
            final int firstSource = matrix.firstSource(block);
            for (int d = 1; d <= maxDelay; d++)
            {
                spans.find(ring, ring.slotOf(step - d), rowStart, maxDelay, d - 1, d, matrix.firstSource(block),
                    matrix.endSource(block));
                if (!anyContiguous)
                {
                    // Not for contiguous rows: see deliverIntoArrivalRing.
                    touched += spans.touch(0, spans.size, targets, weights);
                }
                final int[] source = spans.source;
                final int[] begin = spans.begin;
                final int[] end = spans.end;
                for (int k = 0; k < spans.size; k++)
                {
                    final int row = source[k] * maxDelay + d - 1;
                    final boolean contiguousRow = anyContiguous && (contiguous[row >>> 6] & (1L << row)) != 0;
                    if (plastic != null && !dynamicsOnly && plastic.isPlasticSource(firstSource + source[k]))
                    {
                        if (contiguousRow)
                        {
                            addRow(input, base, targets, weights, begin[k], end[k], true);
                            plastic.depress(block, base, targets, begin[k], end[k]);
                        }
                        else
                        {
                            plastic.addAndDepress(block, input, base, targets, weights, begin[k], end[k]);
                        }
                    }
                    else
                    {
                        addRow(input, base, targets, weights, begin[k], end[k], contiguousRow);
                    }
                    delivered += end[k] - begin[k];
                }
            }
        }
        return delivered;
    }

    /**
     * {@link SpikeDelivery#ARRIVAL_RING}: walks all rows of every neuron fired in the previous step once, adding
     * each weight into the arrival buffer of step (t - 1 + d).
     * <p>
     * Blocks without contiguous rows (random sparse ones) whose D arrival slices outgrow L2 are walked source by
     * source, each source's span (its D rows in the block, adjacent) from start to end, scattering into the D
     * buffers; the others delay by delay (one arrival slice at a time; contiguous rows keep their vector add).
     * Both give each arrival slot its weights in the same order (by source, then along the row: a slot belongs
     * to one delay, so the order of the delays does not matter), hence the same sums, bit for bit. On
     * sparse100k (blocks of 50,000: 4 MB of slices) the walk by source took 0.56 (2 threads) and 0.81 (1
     * thread) of the time of the walk by delay (BENCHMARKS.md, issue 12): one sequential read of each span,
     * which the hardware prefetcher follows, instead of D passes that each fetched a short row per source
     * from L3 again. On sparse10k (slices of 0.4-0.8 MB, in L2) it was no better (0.92 and 1.19).
     */
    private long deliverIntoArrivalRing(final long step)
    {
        long delivered = 0;
        final float[][] arrivalOfDelay = this.arrivalOfDelay;
        for (int d = 1; d <= maxDelay; d++)
        {
            arrivalOfDelay[d] = arrivals[(int)((step - 1 + d) % maxDelay)];
        }
        final int slot = ring.slotOf(step - 1);
        for (int block = firstBlock; block < endBlock; block++)
        {
            final int[] rowStart = matrix.rowStart(block);
            final char[] targets = matrix.targets(block);
            final float[] weights = matrix.weights(block);
            final long[] contiguous = matrix.contiguousRows(block);
            // Where the block's local target 0 sits in the arrival buffers.
            final int base = partition.blockStart(block) - arrivalFirst;
            final SpanList spans = this.spans;
            spans.find(ring, slot, rowStart, maxDelay, 0, maxDelay, matrix.firstSource(block), matrix.endSource(block));
            if (walksBySource(block))
            {
                delivered += addSpansBySource(arrivalOfDelay, base, targets, weights, rowStart, spans,
                    shortSpans(targets.length, matrix.endSource(block) - matrix.firstSource(block)));
                continue;
            }
            if (!matrix.hasContiguousRows(block))
            {
                // A block with contiguous rows (all_to_all) is not touched: its vector add reads only the weights,
                // in order, which the prefetcher follows, while the touch also read every row's targets, which
                // that add never reads. Without it cortex2003 (1 and 2 threads, 5 s, 4 rounds alternated) ran at
                // RTF 0.0073-0.0084 instead of 0.0079-0.0084 with 1 thread and 0.0048-0.0052 instead of
                // 0.0054-0.0055 with 2; the spikes are the same (the touch only loads).
                touched += spans.touch(0, spans.size, targets, weights);
            }
            for (int d = 1; d <= maxDelay; d++)
            {
                delivered += addRowsOfDelay(arrivalOfDelay[d], base, targets, weights, contiguous, rowStart, spans, d);
            }
        }
        return delivered;
    }

    /**
     * Whether a block of this many neurons is walked source by source ({@link #deliverIntoArrivalRing}): when its
     * D arrival slices outgrow L2. Its own size, not its offset in the rank's arrival buffers.
     */
    static boolean walksBySource(final int blockNeurons, final int maxDelay)
    {
        return 4L * maxDelay * blockNeurons > ARRIVAL_SLICES_IN_L2_BYTES;
    }

    /** Whether {@link #deliverIntoArrivalRing} walks block {@code block} (one of this worker's) source by source. */
    boolean walksBySource(final int block)
    {
        return !matrix.hasContiguousRows(block) && walksBySource(partition.blockSize(block), maxDelay);
    }

    /** Whether a block's spans are short enough (on average) for {@link #addSpansBySource}'s touch-ahead. */
    static boolean shortSpans(final long synapses, final int sources)
    {
        return synapses <= (long)SHORT_SPAN * sources;
    }

    /**
     * Adds, for each span of {@code spans}, its rows d = 1..D (the span's entries in row order) into the arrival
     * buffer of delay d.
     * <p>
     * Short spans (sparse1m: 62 synapses per source and block, at a random place of a 6 GB matrix) are walked in
     * groups of {@link #TOUCH_GROUP}, each group's lines touched before the walk of the group before it, so that
     * their misses to DRAM overlap instead of stalling the walk one span at a time: a stand-alone kernel of that
     * shape took 12.2-13.3 instead of 14.7-15.8 ns per event (BENCHMARKS.md, "The floor under sparse1m"). Long
     * spans (sparse100k: 500) are not touched: the prefetcher follows them, and a touch-ahead only cost there.
     * The order of the additions is the same either way (the touch only loads).
     */
    private long addSpansBySource(final float[][] arrivalOfDelay, final int base, final char[] targets,
        final float[] weights, final int[] rowStart, final SpanList spans, final boolean touchAhead)
    {
        final int[] source = spans.source;
        final int[] begin = spans.begin;
        final int[] end = spans.end;
        final int maxDelay = this.maxDelay;
        final int size = spans.size;
        long delivered = 0;
        for (int group = 0; group < size; group += TOUCH_GROUP)
        {
            final int groupEnd = Math.min(size, group + TOUCH_GROUP);
            if (touchAhead)
            {
                touched += spans.touchRows(groupEnd, Math.min(size, groupEnd + TOUCH_GROUP), rowStart, maxDelay) +
                    spans.touch(groupEnd, Math.min(size, groupEnd + TOUCH_GROUP), targets, weights);
            }
            for (int k = group; k < groupEnd; k++)
            {
                final int firstRow = source[k] * maxDelay;
                int j = begin[k];
                for (int d = 1; d <= maxDelay; d++)
                {
                    final float[] sums = arrivalOfDelay[d];
                    final int rowEnd = rowStart[firstRow + d];
                    for (; j < rowEnd; j++)
                    {
                        sums[base + targets[j]] += weights[j];
                    }
                }
                delivered += end[k] - begin[k];
            }
        }
        return delivered;
    }

    private long addRowsOfDelay(final float[] sums, final int base, final char[] targets, final float[] weights,
        final long[] contiguous, final int[] rowStart, final SpanList spans, final int d)
    {
        final int[] source = spans.source;
        final int maxDelay = this.maxDelay;
        long delivered = 0;
        for (int k = 0; k < spans.size; k++)
        {
            final int row = source[k] * maxDelay + d - 1;
            final int rowBegin = rowStart[row];
            final int rowEnd = rowStart[row + 1];
            addRow(sums, base, targets, weights, rowBegin, rowEnd, (contiguous[row >>> 6] & (1L << row)) != 0);
            delivered += rowEnd - rowBegin;
        }
        return delivered;
    }

    /** Moves this step's arrivals into the input and clears their slot for step t + D. */
    private void takeArrivals(final long step, final float[] input)
    {
        final float[] arrival = arrivals[(int)(step % maxDelay)];
        final int shift = arrivalFirst;
        for (int i = from; i < to; i++)
        {
            input[i] += arrival[i - shift];
        }
        Arrays.fill(arrival, from - shift, to - shift, 0.0f);
    }

    private static void addRow(final float[] sums, final int base, final char[] targets, final float[] weights,
        final int rowBegin, final int rowEnd, final boolean contiguous)
    {
        if (contiguous)
        {
            // Consecutive targets: a plain vector add, no scatter.
            final int offset = base + targets[rowBegin] - rowBegin;
            for (int j = rowBegin; j < rowEnd; j++)
            {
                sums[offset + j] += weights[j];
            }
        }
        else
        {
            for (int j = rowBegin; j < rowEnd; j++)
            {
                sums[base + targets[j]] += weights[j];
            }
        }
    }

    /**
     * net.m: {@code fired=find(v>=30); v(fired)=c(fired); u(fired)=u(fired)+d(fired);}
     * <p>
     * The one comparison per neuron is made on {@code v + (u - u)}, which is v itself for a finite u (u - u = +0.0)
     * and NaN for an infinite or NaN u, and written as {@code !(... < 30)}, which is true for NaN and +infinity: a
     * spike and a blown-up neuron take the same rare path, where the non-finite test runs. Every integration
     * computes u from the step's new v ({@code u + a (b v - u)}), which is never finite when v is not (a or b = 0
     * makes 0 x infinity = NaN), so a non-finite v or u is found in the step that produced it: v = -infinity, and an
     * infinite u with a finite v, too (forward Euler makes them from an input of -infinity or a huge d; they became
     * NaN a step later, and that step's traces had kept the infinities). A reset whose u + d overflows is found in
     * the next step, by that step's integration, before anything of that step is kept (a check of u after the reset,
     * on the fired path only, made the pass 1.7 times slower in NeuronUpdateBenchmark at 1000 neurons: 2.6 instead of
     * 1.5 ns per neuron and step, as did a second comparison on the rare path). For networks of the 2003 model alone
     * (and sources), called by {@link #detect}.
     */
    void detectAndReset(final long step)
    {
        // The test for the 2007 model is made by the caller, detect(): made here, NeuronUpdateBenchmark's 1000
        // neurons of the 2003 model went from 1.30 to 2.39 ns per neuron and step (C2's code for this loop).
        final float[] v = state.v;
        final float[] u = state.u;
        final float[] c = state.c;
        final float[] d = state.d;
        final int slot = ring.slotOf(step);
        final int[] fired = ring.fired(slot);
        final int first = ring.segmentStart(slice);
        final int[] all = rank != null ? rank.send() : null;
        final int allFirst = rank != null ? rank.offset(from) : 0;
        int fires = 0;
        int n = 0;
        for (int i = from; i < to; i++)
        {
            final float probe = v[i] + (u[i] - u[i]);
            if (!(probe < 30.0f))
            {
                if (!(probe < Float.POSITIVE_INFINITY))
                {
                    blownUp(step, i);
                    continue;
                }
                if (ring.keeps(i))
                {
                    fired[first + n++] = i;
                }
                if (all != null)
                {
                    all[allFirst + fires++] = i;
                }
                v[i] = c[i];
                u[i] += d[i];
                spikes.add((int)step, i);
                if (plastic != null && !dynamicsOnly)
                {
                    plastic.fired(i, step);
                }
            }
        }
        ring.setCount(slot, slice, n);
        if (rank != null)
        {
            rank.fired(index, fires);
        }
    }

    /** Step phase 4 (also {@link StepKernels}' entry): {@link #detectAndReset}, or {@link #detectByModel}. */
    void detect(final long step)
    {
        if (model2007 != null)
        {
            detectByModel(step);
        }
        else
        {
            detectAndReset(step);
        }
    }

    /**
     * {@link #detectAndReset} of a network with 2007-model populations: the 2003 test and reset between them, and in
     * them the spikes their kernel flagged ({@link Izhikevich2007Kernel}, which has reset the neuron in the sub-step
     * that reached vpeak), every neuron tested for a non-finite v or u; neurons in ascending order, as the ring,
     * the ranks' exchange and the recorder take them.
     */
    private void detectByModel(final long step)
    {
        final int slot = ring.slotOf(step);
        detectedKept = 0;
        detectedSent = 0;
        int at = from;
        for (final Izhikevich2007Kernel m : model2007)
        {
            final int lo = Math.max(from, m.first);
            final int hi = Math.min(to, m.end);
            if (lo >= hi)
            {
                continue;
            }
            detect2003(step, slot, at, lo);
            for (int i = lo; i < hi; i++)
            {
                final float probe = state.v[i] + (state.u[i] - state.u[i]);
                if (!(probe < Float.POSITIVE_INFINITY && probe > Float.NEGATIVE_INFINITY))
                {
                    blownUp(step, i);
                }
                else if (spiked2007[i] != 0)
                {
                    fired(step, slot, i);
                    mergedSpikes += spiked2007[i] - 1;
                }
            }
            at = hi;
        }
        detect2003(step, slot, at, to);
        ring.setCount(slot, slice, detectedKept);
        if (rank != null)
        {
            rank.fired(index, detectedSent);
        }
    }

    /** The 2003 model's threshold pass over {@code lo .. hi - 1}, as {@link #detectAndReset}'s loop. */
    private void detect2003(final long step, final int slot, final int lo, final int hi)
    {
        final float[] v = state.v;
        final float[] u = state.u;
        for (int i = lo; i < hi; i++)
        {
            final float probe = v[i] + (u[i] - u[i]);
            if (!(probe < 30.0f))
            {
                if (!(probe < Float.POSITIVE_INFINITY))
                {
                    blownUp(step, i);
                    continue;
                }
                v[i] = state.c[i];
                u[i] += state.d[i];
                fired(step, slot, i);
            }
        }
    }

    /** A spike of neuron i in {@link #detectByModel}: kept for delivery, sent to the other ranks, recorded, learnt. */
    private void fired(final long step, final int slot, final int i)
    {
        if (ring.keeps(i))
        {
            ring.fired(slot)[ring.segmentStart(slice) + detectedKept++] = i;
        }
        if (rank != null)
        {
            rank.send()[rank.offset(from) + detectedSent++] = i;
        }
        spikes.add((int)step, i);
        if (plastic != null && !dynamicsOnly)
        {
            plastic.fired(i, step);
        }
    }

    /** Keeps the first (lowest) non-finite neuron of this worker and ends the run after this step. */
    private void blownUp(final long step, final int neuron)
    {
        if (blowUpNeuron < 0)
        {
            blowUpNeuron = neuron;
            blowUpV = state.v[neuron];
            blowUpU = state.u[neuron];
            stop.stopAfter(step);
        }
    }

    /**
     * After a weight update of step {@code step} (this worker's, or the pipeline's two halves): a weight, derivative
     * or trace that is not finite ends the run after this step, as a non-finite neuron does; {@link
     * PlasticSynapses#firstNonFinite} says which.
     */
    void plasticityFinite(final boolean finite, final long step)
    {
        if (!finite)
        {
            stop.stopAfter(step);
        }
    }

    /** Keeps the touch-ahead loads alive: a sum the JIT cannot prove unused. */
    long touched()
    {
        return touched;
    }

    /**
     * For each source neuron fired in one step (ascending) that has synapses in one block's rows {@code firstRow
     * .. endRow - 1}, the span of them. Owned by one worker; reused every step.
     */
    private static final class SpanList
    {
        final int[] source;
        final int[] begin;
        final int[] end;
        int size;

        SpanList(final int capacity)
        {
            source = new int[capacity];
            begin = new int[capacity];
            end = new int[capacity];
        }

        /**
         * A loop of independent loads only: the CPU overlaps their cache misses. Sources outside the block's
         * window {@code firstSource .. endSource - 1} have no rows in it; {@link #source} holds the others'
         * index within the window.
         */
        void find(final SpikeRing ring, final int slot, final int[] rowStart, final int maxDelay, final int firstRow,
            final int endRow, final int firstSource, final int endSource)
        {
            final int[] fired = ring.fired(slot);
            int n = 0;
            for (int segment = 0; segment < ring.segments(); segment++)
            {
                final int first = ring.segmentStart(segment);
                final int last = first + ring.count(slot, segment);
                for (int i = first; i < last; i++)
                {
                    final int local = fired[i] - firstSource;
                    if (local >= 0 && fired[i] < endSource)
                    {
                        final int row = local * maxDelay;
                        final int spanBegin = rowStart[row + firstRow];
                        final int spanEnd = rowStart[row + endRow];
                        source[n] = local;
                        begin[n] = spanBegin;
                        end[n] = spanEnd;
                        // Empty spans (an inhibitory source's rows of delays it has none of) are overwritten by
                        // the next: counted without a branch, which on spnet2006's mix of sources mispredicted.
                        n += (spanBegin - spanEnd) >>> 31;
                    }
                }
            }
            size = n;
        }

        /** Reads the middle of spans {@code from .. to - 1}'s row starts (the D + 1 ints of a source). */
        long touchRows(final int from, final int to, final int[] rowStart, final int maxDelay)
        {
            long touch = 0;
            for (int k = from; k < to; k++)
            {
                touch += rowStart[source[k] * maxDelay + (maxDelay >> 1)];
            }
            return touch;
        }

        /**
         * Reads one element per 64-byte line of spans {@code from .. to - 1} so that their walk finds them in
         * cache. Row-start latency, not bandwidth, bounds delivery on networks larger than the cache: one
         * miss after another costs 220-320 ns a row, many in flight together about 85 ns.
         *
         * @return a sum of what was read, to be kept so the JIT cannot drop the loads.
         */
        long touch(final int from, final int to, final char[] targets, final float[] weights)
        {
            long touch = 0;
            for (int k = from; k < to; k++)
            {
                final int last = end[k] - 1;
                for (int j = begin[k]; j < last; j += FLOATS_PER_LINE)
                {
                    touch += targets[j] + Float.floatToRawIntBits(weights[j]);
                }
                if (last >= begin[k])
                {
                    touch += targets[last] + Float.floatToRawIntBits(weights[last]);
                }
            }
            return touch;
        }
    }
}
