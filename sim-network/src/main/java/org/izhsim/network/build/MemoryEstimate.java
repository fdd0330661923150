package org.izhsim.network.build;

import java.util.Locale;

import org.izhsim.network.analysis.PowerSpectrum;
import org.izhsim.network.record.SpikeRecorder;

/**
 * Bytes a planned network takes once built, by part, computed from the plan alone (no synapse built), so
 * that a network that cannot fit is refused before minutes of building end in an OutOfMemoryError. Each
 * part mirrors the arrays of the structure it names; MemoryEstimateTest compares the synapse parts with
 * the built matrix. Immutable.
 *
 * @param synapses       synapses expected (exact unless a projection is pairwise).
 * @param synapseBytes   their targets and weights: {@link #BYTES_PER_SYNAPSE} each.
 * @param rowIndexBytes  the matrix's row offsets and contiguity bits: per block, its source window x D rows.
 * @param neuronBytes    neuron state (v, u, a, b, c, d, input), the block of each neuron, the drives' scratch;
 *                       the receptor stage (exponential currents, conductances, STP state, its row offsets); the
 *                       spike-times sources' times.
 * @param ringBytes      the spike ring (D + 1 slots of the source neurons) and, with ARRIVAL_RING, D x N floats.
 * @param workerBytes    each worker's list of the fired sources' rows.
 * @param buildBytes     held only while the synapses are built: the partner samplers' scratch (the fill pass uses the
 *                       row index itself as its row cursors); and what reading the synapses of projections
 *                       from files took ({@link ConnectionTable#readBytes}: their tables, which the config holds,
 *                       and the reading's garbage).
 * @param recordingBytes traces of the traced neurons and the spike buffers of the run: {@code sim run} streams
 *                       spikes to disk, so each worker (and MPI rank 0's record of the other ranks) holds a
 *                       bounded buffer ({@link SpikeRecorder#boundedBytes}) whatever the run's length; what the
 *                       plastic weights' snapshots keep on the heap ({@link #SNAPSHOT_HEAP_BYTES} each), and the
 *                       copies of the plastic weights taken while the network runs ({@link #weightCopyBytes}).
 * @param plasticBytes   the plasticity rule's state (PlasticSynapses): per plastic synapse its derivative and
 *                       its index entry, per block its spans and per-target starts, per neuron its traces.
 * @param outputBytes    what writing the outputs takes once the network is closed, beside the recording: the rate
 *                       spectrum's transform (at most {@link PowerSpectrum#MAX_SEGMENT} samples however long the run),
 *                       a figure's image and the per-neuron sums of the ISI statistics.
 */
public record MemoryEstimate(long synapses, long synapseBytes, long rowIndexBytes, long neuronBytes, long ringBytes,
    long workerBytes, long buildBytes, long recordingBytes, long plasticBytes, long outputBytes)
{
    /** An estimate without the outputs' part. */
    public MemoryEstimate(final long synapses, final long synapseBytes, final long rowIndexBytes, final long neuronBytes,
        final long ringBytes, final long workerBytes, final long buildBytes, final long recordingBytes,
        final long plasticBytes)
    {
        this(synapses, synapseBytes, rowIndexBytes, neuronBytes, ringBytes, workerBytes, buildBytes, recordingBytes,
            plasticBytes, 0);
    }

    /**
     * An image of the figures' 1400 x 900 RGB pixels (5 MB), the raster's pixel owners and rate blocks, and the PNG
     * encoder's buffers.
     */
    static final long FIGURE_BYTES = 8_000_000L;
    /**
     * The raster's SVG text while it is built, at most: 20,000 marks or the density image's cells (40,000 rects seen),
     * the rate staircases' 100,000 points of all populations together (RasterFigure.MAX_RATE_POINTS), the labels,
     * about 8 MB, in a builder that may hold twice that. A figure of 2000 populations ran out of heap here when the
     * estimate left it out.
     */
    static final long SVG_BYTES = 16_000_000L;
    /** Per neuron, the ISI statistics' count, last spike and two sums. */
    static final int ISI_BYTES_PER_NEURON = 24;
    /** Per plastic synapse, a copy of the weights with their synapses and derivatives (PlasticWeights). */
    static final int WEIGHT_COPY_BYTES_PER_SYNAPSE = 20;

    /**
     * What one snapshot of the plastic weights keeps on the heap while {@code sim run} or the explorer spills its
     * weights to disk (WeightHistory): its histogram (a long[50]: 416 bytes), its time (a boxed Double: 16), the
     * tracked synapse's weight (4), two list references (8) and the lists' growth (up to half as many references
     * again). A snapshot every ms over an hour kept 1.6 GB that the estimate did not count.
     */
    static final int SNAPSHOT_HEAP_BYTES = 456;

    /** SynapseMatrix: a 16-bit target offset (char) and a float weight. */
    public static final int BYTES_PER_SYNAPSE = 6;
    /** Per neuron: seven float state arrays, the int block index, the long drive scratch. */
    static final int BYTES_PER_NEURON = 7 * 4 + 4 + 8;

    static MemoryEstimate of(final NetworkPlan plan, final long steps)
    {
        return of(plan, steps, 0);
    }

    /**
     * As {@link #of(NetworkPlan, long)} for a run simulated in parts of at most {@code partSteps} steps (checkpoints
     * every N ms, weight snapshots): the parts' traces are joined into the run's, and while the next part runs the
     * run's traces, the last part's (not yet joined) and the running one's are alive together, up to twice the
     * traces of a run of two halves. 0 (or a part as long as the run): one part.
     */
    static MemoryEstimate of(final NetworkPlan plan, final long steps, final long partSteps)
    {
        final long n = plan.neurons();
        final long d = plan.maxDelay();
        final long threads = plan.threads();
        final long sources = plan.sourceNeuronsIn(0, plan.neurons());
        final long rowIndex = rowIndexBytes(plan.sourceWindows(), 0, plan.sourceWindows().length, d);
        final long synapses = Math.round(plan.expectedSynapses());
        final long pool = plan.largestCandidatePool();
        final long build = threads * (4 * pool + pool / 8) + plan.connectionTableBytes();
        // Pipelined, one slice and PIPELINE_LEAD more slots: the dynamics run that far ahead of the plasticity.
        final long slots = d + 1 + (plan.pipelinesPlasticity() ? NetworkPlan.PIPELINE_LEAD : 0);
        final long ring = 4 * slots * (sources + plan.slices()) +
            (plan.delivery() == SpikeDelivery.ARRIVAL_RING ? 4 * d * n : 0);
        final long workers = threads * 12 * Math.max(1, sources);
        final long traceSteps = partSteps > 0 && partSteps < steps ? steps + Math.min(steps, 2 * partSteps) : steps;
        // Each worker's spike record (and rank 0's of the other ranks): streamed, a bounded buffer; in memory, the
        // spike capacity at least (a capacity of 150 million passed the build and every run ran out of heap).
        final long spikeRecord = Math.max(SpikeRecorder.boundedBytes(SpikeRecorder.STREAMED_BUFFER_SPIKES),
            8L * Math.max(16, plan.spikeCapacity()));
        final long recording = 12L * plan.tracedNeurons().length * traceSteps + (threads + 1) * spikeRecord +
            SNAPSHOT_HEAP_BYTES * plan.weightSnapshots(steps) + weightCopyBytes(plan);
        return new MemoryEstimate(synapses, saturatedMultiply(synapses, BYTES_PER_SYNAPSE), rowIndex,
            BYTES_PER_NEURON * n + plan.receptorBytes() + plan.spikeTimesBytes() + plan.model2007Bytes(), ring, workers, build, recording, plasticBytes(plan),
            outputBytes(plan, steps));
    }

    /** {@link #outputBytes()}: what the output stage of a run of {@code steps} steps of the plan takes at most. */
    private static long outputBytes(final NetworkPlan plan, final long steps)
    {
        return PowerSpectrum.heapBytes(steps) + FIGURE_BYTES + SVG_BYTES + (long)ISI_BYTES_PER_NEURON * plan.neurons();
    }

    /**
     * The copies of the plastic weights (PlasticWeights, {@link #WEIGHT_COPY_BYTES_PER_SYNAPSE} per plastic synapse)
     * that one process holds at once while the network is still built: the one the weight history keeps and the
     * next snapshot's (the final one included). A network of 4 million plastic synapses ran out of a heap its
     * estimate said was enough when these were counted only in the output stage, once the network is freed.
     */
    private static long weightCopyBytes(final NetworkPlan plan)
    {
        return plan.plasticity() == null ? 0 :
            saturatedMultiply(2L * WEIGHT_COPY_BYTES_PER_SYNAPSE, Math.round(plan.expectedPlasticSynapses()));
    }

    /**
     * One MPI rank's share of a run partitioned over {@code ranks}: the synapses ending in its neurons and the row
     * index of its blocks (blocks of the ranks x threads partition) and, with ARRIVAL_RING, the arrival buffers of
     * its neurons; every rank holds the whole neuron state, spike ring and worker lists, as
     * {@code Network.build(plan, exchange)} does.
     */
    public static MemoryEstimate rankShare(final NetworkPlan plan, final long steps, final int rank, final int ranks)
    {
        final MemoryEstimate whole = of(plan, steps);
        final int n = plan.neurons();
        final TargetPartition partition = new TargetPartition(n, Math.multiplyExact(plan.threads(), ranks));
        final int firstSlice = rank * plan.threads();
        final int endSlice = firstSlice + plan.threads();
        final int first = partition.firstNeuron(firstSlice);
        final int end = partition.endNeuron(endSlice - 1);
        double inRank = 0;
        double inRankPlastic = 0;
        // Every projection's synapses into the rank's neurons, the receptor stage's too (conductances, exponential
        // currents, STP: a rank of cortex2003_cond counted "0 synapses"); their row index and state are counted whole
        // (neuronBytes), as the plan gives them.
        for (final ResolvedProjection p : plan.projections())
        {
            final int overlap = Math.max(0, Math.min(end, p.targetFirst() + p.targetSize()) - Math.max(first, p.targetFirst()));
            inRank += plan.expectedSynapses(p.index()) * overlap / p.targetSize();
            // The plastic projections' (expectedPlasticSynapses).
            inRankPlastic += plan.receptors().spec(p.index()).plasticity() != null ?
                plan.expectedSynapses(p.index()) * overlap / p.targetSize() : 0;
        }
        final long synapses = Math.round(inRank);
        final long plasticInRank = Math.round(inRankPlastic);
        final int[][] windows = TargetPartition.sourceWindows(n, partition.blocks(), plan.currentProjections());
        final long rowIndex = rowIndexBytes(windows, partition.firstBlock(firstSlice), partition.endBlock(endSlice - 1),
            plan.maxDelay());
        // The arrival ring (D floats per neuron) holds the rank's neurons only; the spike ring every source's spikes.
        final long perNeuron = plan.delivery() == SpikeDelivery.ARRIVAL_RING ? 4L * plan.maxDelay() : 0;
        final long ring = whole.ringBytes - perNeuron * (n - (end - first));
        // Rank 0 writes the outputs; the other ranks send it their weights and write nothing. The weight copies: every
        // rank sends its own plastic synapses with their weights and derivatives as bits (28 bytes each); rank 0
        // keeps the whole network's, gathers the ranks' arrays and merges them: three copies of the whole.
        final long own = saturatedMultiply(WEIGHT_COPY_BYTES_PER_SYNAPSE + 8, plasticInRank);
        final long gathered = rank == 0 && plan.plasticity() != null ? saturatedMultiply(
            3L * WEIGHT_COPY_BYTES_PER_SYNAPSE, Math.round(plan.expectedPlasticSynapses())) : 0;
        final long copies = own + gathered < 0 ? Long.MAX_VALUE : own + gathered;
        final long others = whole.recordingBytes == Long.MAX_VALUE ? Long.MAX_VALUE :
            whole.recordingBytes - weightCopyBytes(plan);
        final long recording = others + copies < 0 ? Long.MAX_VALUE : others + copies;
        return new MemoryEstimate(synapses, saturatedMultiply(synapses, BYTES_PER_SYNAPSE), rowIndex, whole.neuronBytes,
            ring, whole.workerBytes, whole.buildBytes, recording, whole.plasticBytes,
            rank == 0 ? whole.outputBytes : 0);
    }

    /** The row index of every block of {@code windows} ({@link #rowIndexBytes(int[][], int, int, long)}). */
    static long rowIndexBytes(final int[][] windows, final long d)
    {
        return rowIndexBytes(windows, 0, windows.length, d);
    }

    /** The matrix's row offsets (an int per row and one more) and contiguity bits of blocks first .. end - 1. */
    private static long rowIndexBytes(final int[][] windows, final int firstBlock, final int endBlock, final long d)
    {
        long rowIndex = 0;
        for (int b = firstBlock; b < endBlock; b++)
        {
            final long blockRows = (windows[b][1] - windows[b][0]) * d;
            rowIndex += 4 * (blockRows + 1) + 8 * ((blockRows + 63) / 64);
        }
        return rowIndex;
    }

    /**
     * The arrays of PlasticSynapses: a float derivative and an index entry (one int, or two when position and
     * key do not pack, {@link #plasticPositionBits}) per plastic synapse; per block one int per target plus one
     * and three ints per plastic span (a range of plastic sources in its source window); per neuron the LTD
     * float and the plastic-source flag, and D + 1 LTP floats up to the last plastic source.
     */
    private static long plasticBytes(final NetworkPlan plan)
    {
        if (plan.plasticity() == null)
        {
            return 0;
        }
        final long n = plan.neurons();
        final long d = plan.maxDelay();
        final long plastic = Math.round(plan.expectedPlasticSynapses());
        long maxWindow = 0;
        long spans = 0;
        final int[][] windows = plan.sourceWindows();
        for (final int[] w : windows)
        {
            maxWindow = Math.max(maxWindow, w[1] - w[0]);
            for (final int[] r : plan.plasticSources())
            {
                spans += Math.max(r[0], w[0]) < Math.min(r[1], w[1]) ? 1 : 0;
            }
        }
        final long entry = plasticPositionBits(maxWindow, (int)d, Math.round(plan.largestBlockSynapses())) > 0 ? 4 : 8;
        final int[][] sources = plan.plasticSources();
        final long ltpNeurons = sources.length > 0 ? sources[sources.length - 1][1] : 0;
        return (4 + entry) * plastic + 4 * (n + windows.length) + 12 * spans + 5 * n + 4 * (d + 1) * ltpNeurons;
    }

    /**
     * The position bits of a packed plastic index entry (key and position in one int, the key holding a source
     * of the largest source window and a delay 1..D as two bit fields): what the key leaves of 32 bits, at most
     * 31, or 0 (two ints per entry) when some block has more synapses than those bits count.
     */
    public static int plasticPositionBits(final long maxWindow, final int maxDelay, final long maxBlockSynapses)
    {
        final int keyBits = 64 - Long.numberOfLeadingZeros(Math.max(0, maxWindow - 1)) + delayBits(maxDelay);
        final int bits = Math.min(31, 32 - keyBits);
        return bits > 0 && maxBlockSynapses <= 1L << bits ? bits : 0;
    }

    /** Bits of the delay field of a plastic index key: enough for delay - 1 = 0 .. D - 1. */
    public static int delayBits(final int maxDelay)
    {
        return 32 - Integer.numberOfLeadingZeros(Math.max(0, maxDelay - 1));
    }

    /**
     * What the heap must hold: all parts but the outputs' at the end of the build and during the run, or the recording
     * and the outputs' part while the outputs are written, whichever is more.
     */
    public long total()
    {
        long total = 0;
        for (final long part : new long[] {synapseBytes, rowIndexBytes, neuronBytes, ringBytes, workerBytes, buildBytes,
            recordingBytes, plasticBytes})
        {
            total = total + part < 0 ? Long.MAX_VALUE : total + part;
        }
        final long outputs = recordingBytes + outputBytes < 0 ? Long.MAX_VALUE : recordingBytes + outputBytes;
        return Math.max(total, outputs);
    }

    /** The same estimate without the command line's output stage (the Java API draws no figures). */
    public MemoryEstimate withoutOutputs()
    {
        return new MemoryEstimate(synapses, synapseBytes, rowIndexBytes, neuronBytes, ringBytes, workerBytes, buildBytes,
            recordingBytes, plasticBytes);
    }

    /** What the built network holds: the total without build scratch and recording. */
    public long network()
    {
        return synapseBytes + rowIndexBytes + neuronBytes + ringBytes + workerBytes + plasticBytes;
    }

    /** One line: the total and its main parts. */
    public String describe()
    {
        return String.format(Locale.ROOT, "about %s (synapses %s for %,d synapses, row index %s, neurons %s, " +
            "spike rings %s, workers %s, build scratch %s, recording %s%s%s)", bytes(total()), bytes(synapseBytes),
            synapses, bytes(rowIndexBytes), bytes(neuronBytes), bytes(ringBytes), bytes(workerBytes),
            bytes(buildBytes), bytes(recordingBytes), plasticBytes > 0 ? ", plasticity " + bytes(plasticBytes) : "",
            outputBytes > 0 ? "; then outputs " + bytes(outputBytes) + " once the network is freed" : "");
    }

    /**
     * "1.2 GB", "340 MB", "12 kB", up to "3.4 TB", "6.9 PB" and "9.2 EB" (it said "6917619368.6 GB"): decimal units,
     * three significant digits at most below a TB.
     */
    public static String bytes(final long bytes)
    {
        if (bytes >= 1_000_000_000_000_000_000L)
        {
            return String.format(Locale.ROOT, "%.1f EB", bytes / 1e18);
        }
        if (bytes >= 1_000_000_000_000_000L)
        {
            return String.format(Locale.ROOT, "%.1f PB", bytes / 1e15);
        }
        if (bytes >= 1_000_000_000_000L)
        {
            return String.format(Locale.ROOT, "%.1f TB", bytes / 1e12);
        }
        if (bytes >= 1_000_000_000L)
        {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L)
        {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f kB", Math.ceil(bytes / 1e3));
    }

    /** a x b, or Long.MAX_VALUE when it overflows (for non-negative a and b). */
    static long saturatedMultiply(final long a, final long b)
    {
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
