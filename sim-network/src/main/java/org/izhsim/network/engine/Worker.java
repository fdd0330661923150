package org.izhsim.network.engine;

import java.util.Arrays;

import org.agrona.concurrent.IdleStrategy;
import org.izhsim.network.build.IntegrationScheme;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.input.InputDrive;
import org.izhsim.network.record.SpikeRecorder;
import org.izhsim.network.record.Traces;
import org.izhsim.network.synapse.SynapseMatrix;
import org.izhsim.network.synapse.TargetPartition;

/**
 * One thread's share of a network: a contiguous range of neurons (whole target blocks), the synapses that end
 * in them, and their segment of the {@link SpikeRing}. Everything it writes in the step loop is its own: the
 * state and input of its neurons, its ring segment, its recorder, its event counter. It reads the whole ring
 * (after the barrier) and its blocks of the read-only {@link SynapseMatrix}.
 * <p>
 * A step: (1) set the input of its neurons to the external drive; (2) add the weights of every synapse whose
 * spike arrives now: with {@link SpikeDelivery#DELAY_ROWS} walking for d = 1..D the rows (s, d) of the neurons
 * s fired in step t - d, in ascending s; with {@link SpikeDelivery#ARRIVAL_RING} walking all rows of the
 * neurons fired in step t - 1 into future arrival buffers, then adding this step's buffer; (3) integrate;
 * (4) detect v >= 30 mV, reset, and list the spikes in its ring segment. Each neuron's input is thus summed in
 * one fixed order (drive, then by emission step, then by source id), the same for any number of workers,
 * which makes runs bit-identical across thread counts. The arrival ring, when used, is shared like the input:
 * every slot is written only in the worker's own neuron range.
 */
final class Worker
{
    /** Rows are touched this many spikes ahead of their walk, so their first cache misses overlap. */
    private static final int TOUCH_AHEAD = 4;
    /** Floats or chars in a 64-byte cache line, the stride of the touch. */
    private static final int FLOATS_PER_LINE = 16;

    private final int index;
    private final int from;
    private final int to;
    private final int firstBlock;
    private final int endBlock;
    private final int maxDelay;
    private final NeuronState state;
    private final SynapseMatrix matrix;
    private final TargetPartition partition;
    private final SpikeRing ring;
    private final InputDrive[] drives;
    private final IntegrationScheme scheme;
    private final StepBarrier barrier;
    private final IdleStrategy idle;
    /** ARRIVAL_RING only: D input buffers for the next D steps, slot t mod D; null for DELAY_ROWS. */
    private final float[][] arrivals;
    /** ARRIVAL_RING only: per delay d, the arrival buffer a spike of the previous step reaches; set each step. */
    private final float[][] arrivalOfDelay;
    private final PaddedSequence events = new PaddedSequence();
    private long touched;
    private final long[] scratch;

    private SpikeRecorder spikes;
    private Traces traces;
    private int[] tracedNeurons = new int[0];
    private int[] traceIndex = new int[0];

    Worker(final int index, final NeuronState state, final SynapseMatrix matrix, final SpikeRing ring,
        final InputDrive[] drives, final IntegrationScheme scheme, final StepBarrier barrier, final IdleStrategy idle,
        final float[][] arrivals)
    {
        this.arrivals = arrivals;
        this.arrivalOfDelay = new float[matrix.maxDelay() + 1][];
        this.index = index;
        this.partition = matrix.partition();
        this.from = partition.firstNeuron(index);
        this.to = partition.endNeuron(index);
        this.scratch = new long[Math.max(1, to - from)];
        this.firstBlock = partition.firstBlock(index);
        this.endBlock = partition.endBlock(index);
        this.maxDelay = matrix.maxDelay();
        this.state = state;
        this.matrix = matrix;
        this.ring = ring;
        this.drives = drives;
        this.scheme = scheme;
        this.barrier = barrier;
        this.idle = idle;
    }

    int index()
    {
        return index;
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
    }

    /** Synaptic events this worker has delivered since the network was built; exact after a join. */
    long eventsDelivered()
    {
        return events.getPlain();
    }

    /**
     * Runs steps {@code firstStep .. firstStep + steps - 1}, crossing the barrier after each when there is
     * one, and reporting each completed step to the coordinator when this is the coordinating worker.
     */
    void run(final long firstStep, final int steps, final Coordinator coordinator)
    {
        try
        {
            for (int i = 0; i < steps; i++)
            {
                final long step = firstStep + i;
                step(step, i);
                if (barrier != null)
                {
                    barrier.arriveAndAwait(index, step + 1, idle);
                }
                if (coordinator != null)
                {
                    coordinator.stepCompleted(i + 1);
                }
            }
        }
        catch (final RuntimeException | Error ex)
        {
            if (barrier != null)
            {
                barrier.breakBarrier(ex);
            }
            throw ex;
        }
    }

    private void step(final long step, final int stepInRun)
    {
        final float[] input = state.input;
        Arrays.fill(input, from, to, 0.0f);
        for (final InputDrive drive : drives)
        {
            drive.addTo(input, from, to, step, scratch);
        }
        final long delivered;
        if (arrivals == null)
        {
            delivered = deliverByDelayRows(step, input);
        }
        else
        {
            delivered = deliverIntoArrivalRing(step);
            takeArrivals(step, input);
        }
        events.setRelease(events.getPlain() + delivered);

        if (scheme == IntegrationScheme.HALFSTEP)
        {
            NeuronKernel.halfStep(state.v, state.u, state.a, state.b, input, from, to);
        }
        else
        {
            NeuronKernel.euler(state.v, state.u, state.a, state.b, input, from, to);
        }
        for (int k = 0; k < tracedNeurons.length; k++)
        {
            final int n = tracedNeurons[k];
            traces.record(traceIndex[k], stepInRun, state.v[n], state.u[n], input[n]);
        }
        detectAndReset(step);
    }

    /**
     * {@link SpikeDelivery#DELAY_ROWS}: adds every synaptic weight arriving in this step to the input of this
     * worker's neurons, walking for each delay d the rows (s, d) of the neurons fired d steps ago.
     */
    private long deliverByDelayRows(final long step, final float[] input)
    {
        long delivered = 0;
        long touch = 0;
        final int maxDelay = this.maxDelay;
        final int segments = ring.segments();
        for (int block = firstBlock; block < endBlock; block++)
        {
            final int[] rowStart = matrix.rowStart(block);
            final char[] targets = matrix.targets(block);
            final float[] weights = matrix.weights(block);
            final long[] contiguous = matrix.contiguousRows(block);
            final int base = partition.blockStart(block);
            for (int d = 1; d <= maxDelay; d++)
            {
                final int slot = ring.slotOf(step - d);
                final int[] fired = ring.fired(slot);
                final int rowOfDelay = d - 1;
                for (int segment = 0; segment < segments; segment++)
                {
                    final int first = ring.segmentStart(segment);
                    final int end = first + ring.count(slot, segment);
                    for (int i = first; i < end; i++)
                    {
                        if (i + TOUCH_AHEAD < end)
                        {
                            // Latency, not bandwidth, bounds delivery: start the misses of a later row now.
                            final int ahead = fired[i + TOUCH_AHEAD] * maxDelay + rowOfDelay;
                            final int aheadEnd = rowStart[ahead + 1];
                            for (int j = rowStart[ahead]; j < aheadEnd; j += FLOATS_PER_LINE)
                            {
                                touch += targets[j] + Float.floatToRawIntBits(weights[j]);
                            }
                        }
                        final int row = fired[i] * maxDelay + rowOfDelay;
                        final int rowBegin = rowStart[row];
                        final int rowEnd = rowStart[row + 1];
                        addRow(input, base, targets, weights, rowBegin, rowEnd, (contiguous[row >>> 6] & (1L << row)) != 0);
                        delivered += rowEnd - rowBegin;
                    }
                }
            }
        }
        touched += touch;
        return delivered;
    }

    /**
     * {@link SpikeDelivery#ARRIVAL_RING}: walks all rows of every neuron fired in the previous step once, adding
     * each weight into the arrival buffer of step (t - 1 + d).
     */
    private long deliverIntoArrivalRing(final long step)
    {
        long delivered = 0;
        long touch = 0;
        final int maxDelay = this.maxDelay;
        final int segments = ring.segments();
        final int slot = ring.slotOf(step - 1);
        final int[] fired = ring.fired(slot);
        final float[][] arrivalOfDelay = this.arrivalOfDelay;
        for (int d = 1; d <= maxDelay; d++)
        {
            arrivalOfDelay[d] = arrivals[(int)((step - 1 + d) % maxDelay)];
        }
        for (int block = firstBlock; block < endBlock; block++)
        {
            final int[] rowStart = matrix.rowStart(block);
            final char[] targets = matrix.targets(block);
            final float[] weights = matrix.weights(block);
            final long[] contiguous = matrix.contiguousRows(block);
            final int base = partition.blockStart(block);
            for (int segment = 0; segment < segments; segment++)
            {
                final int first = ring.segmentStart(segment);
                final int end = first + ring.count(slot, segment);
                for (int i = first; i < end; i++)
                {
                    if (i + TOUCH_AHEAD < end)
                    {
                        final int ahead = rowStart[fired[i + TOUCH_AHEAD] * maxDelay];
                        touch += targets[ahead] + Float.floatToRawIntBits(weights[ahead]);
                    }
                    final int firstRow = fired[i] * maxDelay;
                    for (int d = 1; d <= maxDelay; d++)
                    {
                        final int row = firstRow + d - 1;
                        final int rowBegin = rowStart[row];
                        final int rowEnd = rowStart[row + 1];
                        addRow(arrivalOfDelay[d], base, targets, weights, rowBegin, rowEnd, (contiguous[row >>> 6] & (1L << row)) != 0);
                        delivered += rowEnd - rowBegin;
                    }
                }
            }
        }
        touched += touch;
        return delivered;
    }

    /** Moves this step's arrivals into the input and clears their slot for step t + D. */
    private void takeArrivals(final long step, final float[] input)
    {
        final float[] arrival = arrivals[(int)(step % maxDelay)];
        for (int i = from; i < to; i++)
        {
            input[i] += arrival[i];
        }
        Arrays.fill(arrival, from, to, 0.0f);
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

    /** net.m: {@code fired=find(v>=30); v(fired)=c(fired); u(fired)=u(fired)+d(fired);} */
    private void detectAndReset(final long step)
    {
        final float[] v = state.v;
        final float[] u = state.u;
        final float[] c = state.c;
        final float[] d = state.d;
        final int slot = ring.slotOf(step);
        final int[] fired = ring.fired(slot);
        final int first = ring.segmentStart(index);
        int n = 0;
        for (int i = from; i < to; i++)
        {
            if (v[i] >= 30.0f)
            {
                fired[first + n++] = i;
                v[i] = c[i];
                u[i] += d[i];
                spikes.add((int)step, i);
            }
        }
        ring.setCount(slot, index, n);
    }

    /** Keeps the touch-ahead loads alive: a sum the JIT cannot prove unused. */
    long touched()
    {
        return touched;
    }
}
