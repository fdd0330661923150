package org.izhsim.network.engine;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.NanoClock;
import org.izhsim.network.build.TargetPartition;
import org.izhsim.network.record.SpikeRecorder;
import org.izhsim.network.synapse.PlasticSynapses;

/**
 * This rank's share of a partitioned run and its side of the per-step {@link SpikeExchange}: the rank owns the
 * global worker slices {@code firstSlice .. firstSlice + T - 1} of a {@link TargetPartition} made for R x T
 * slices, hence a contiguous run of whole blocks. Its workers write every id they fire into their part of
 * {@link #send} (at their first neuron's offset) before the first barrier of the step; worker 0 then compacts
 * them, exchanges them, and writes the other ranks' source ids into their segments of the {@link SpikeRing}
 * (rank order is ascending id order, so each segment is filled ascending) before the second barrier.
 * <p>
 * A rank that must stop after this step (a stop request, or a neuron that blew up) appends the id -1: every
 * rank sees it in the same exchange and stops after the same step, so no rank waits for a collective that the
 * others will not join. With short-term plasticity, worker 0 also sets the STP factors of the other ranks' spikes
 * here (between the step's two barrier crossings, after their spikes are in the ring; the workers advance those
 * sources' u and x in their next step), and with plastic synapses their spikes' LTP (the dopamine of dastdp2007 needs nothing: each worker's replica reads the
 * ring, which holds every rank's spikes). Owns the
 * send and receive buffers, the exchange's latency histogram of the current
 * run and, on rank 0, the recorder of the other ranks' spikes.
 */
final class RankSlice
{
    private static final int STOP = -1;

    private final SpikeExchange exchange;
    private final TargetPartition partition;
    private final SpikeRing ring;
    private final StopControl stop;
    private final NanoClock clock;
    private final int firstSlice;
    private final int endSlice;
    private final int firstNeuron;
    private final int endNeuron;
    /** Per local worker, the ids it fired in this step from offset {@code firstNeuron(slice) - firstNeuron}. */
    private final int[] send;
    private final int[] sent;
    private final int[] all;
    /** Per global slice, the ids written into its ring segment in this step. */
    private final int[] segmentCount;
    private Histogram latency;
    private SpikeRecorder others;
    /** The receptor stage, whose STP state of the other ranks' sources worker 0 advances here; or null. */
    private final ReceptorStage receptors;
    /** The plastic synapses, whose LTP traces of the other ranks' sources worker 0 advances here; or null. */
    private PlasticSynapses plastic;

    RankSlice(final SpikeExchange exchange, final TargetPartition partition, final SpikeRing ring,
        final StopControl stop, final NanoClock clock, final int threads, final ReceptorStage receptors)
    {
        this.receptors = receptors;
        this.exchange = exchange;
        this.partition = partition;
        this.ring = ring;
        this.stop = stop;
        this.clock = clock;
        this.firstSlice = exchange.rank() * threads;
        this.endSlice = firstSlice + threads;
        this.firstNeuron = partition.firstNeuron(firstSlice);
        this.endNeuron = partition.endNeuron(endSlice - 1);
        this.send = new int[Math.max(2, endNeuron - firstNeuron + 1)];
        this.sent = new int[threads];
        this.all = new int[maxExchanged(partition.neurons(), exchange.size())];
        this.segmentCount = new int[partition.threads()];
    }

    /** The most ids one exchange may carry: every neuron, a stop mark per rank, and room for two words per rank. */
    static int maxExchanged(final int neurons, final int ranks)
    {
        return Math.addExact(neurons, 2 * ranks);
    }

    /** Makes worker 0 advance the other ranks' sources' LTP traces; called once, before the first run. */
    void plasticity(final PlasticSynapses plastic)
    {
        this.plastic = plastic;
    }

    SpikeExchange exchange()
    {
        return exchange;
    }

    int firstNeuron()
    {
        return firstNeuron;
    }

    int endNeuron()
    {
        return endNeuron;
    }

    int firstSlice()
    {
        return firstSlice;
    }

    int endSlice()
    {
        return endSlice;
    }

    /** Called before a run's threads start: a fresh histogram; {@code others} records other ranks' spikes, or null. */
    void prepareRun(final Histogram latency, final SpikeRecorder others)
    {
        this.latency = latency;
        this.others = others;
    }

    /** The buffer a worker writes its fired ids into, from {@link #offset(int)}. */
    int[] send()
    {
        return send;
    }

    int offset(final int neuron)
    {
        return neuron - firstNeuron;
    }

    /** Worker {@code local} fired {@code count} ids this step; read by worker 0 after the barrier. */
    void fired(final int local, final int count)
    {
        sent[local] = count;
    }

    /** Worker 0, between the step's two barrier crossings: the collective exchange and the ring's fill. */
    void exchange(final long step)
    {
        int n = 0;
        for (int w = 0; w < sent.length; w++)
        {
            final int from = partition.firstNeuron(firstSlice + w) - firstNeuron;
            System.arraycopy(send, from, send, n, sent[w]);
            n += sent[w];
        }
        if (stop.stopsAfter(step))
        {
            send[n++] = STOP;
        }
        final long start = clock.nanoTime();
        final int total = exchange.exchange(send, n, all);
        latency.recordValue(Math.max(0, clock.nanoTime() - start));
        final int slot = ring.slotOf(step);
        final int[] fired = ring.fired(slot);
        boolean stopAll = false;
        int segment = 0;
        for (int k = 0; k < total; k++)
        {
            final int id = all[k];
            if (id < 0)
            {
                stopAll = true;
                continue;
            }
            if (id >= firstNeuron && id < endNeuron)
            {
                continue;
            }
            if (others != null)
            {
                others.add((int)step, id);
            }
            if (ring.keeps(id))
            {
                while (id >= partition.endNeuron(segment))
                {
                    segment++;
                }
                fired[ring.segmentStart(segment) + segmentCount[segment]++] = id;
            }
        }
        for (int s = 0; s < segmentCount.length; s++)
        {
            if (s < firstSlice || s >= endSlice)
            {
                ring.setCount(slot, s, segmentCount[s]);
                if (receptors != null)
                {
                    // STP is a state per source neuron: every rank keeps the other ranks' sources too. Here the
                    // factors of their spikes, from the same state with the same arithmetic as their owner's; the
                    // workers advance their u and x in the next step (Worker.step, ReceptorStage.advanceOthers).
                    receptors.factorsOfOtherSpikes(step, ring, s);
                }
                if (plastic != null)
                {
                    // Likewise the LTP traces of the other ranks' sources, which this rank's plastic synapses read:
                    // the workers have advanced them in their step (Worker.decayOtherSources); here their spikes.
                    final int first = ring.segmentStart(s);
                    plastic.otherSpikes(step, fired, first, first + segmentCount[s]);
                }
            }
            segmentCount[s] = 0;
        }
        if (stopAll)
        {
            stop.stopAfter(step);
        }
    }

    /**
     * Collective: every rank's {@code values} (the same number on every rank), in rank order: row r holds rank
     * r's. Each long travels as two ints, in rounds of as many as the exchange carries (N + 2R ints in all): for a
     * tiny network that is less than a few longs per rank, and a network of fewer than 32 neurons ended in an
     * exception after its run under mpirun.
     */
    long[][] gather(final long[] values)
    {
        final int ranks = exchange.size();
        // The same rounds on every rank: from the exchange's room alone, not from the rank's own share of neurons.
        final int perRound = Math.max(1, all.length / ranks / 2);
        final long[][] rows = new long[ranks][values.length];
        final int[] out = new int[2 * Math.min(perRound, Math.max(1, values.length))];
        final int[] received = new int[Math.max(all.length, 2 * perRound * ranks)];
        for (int first = 0; first < values.length; first += perRound)
        {
            final int count = Math.min(perRound, values.length - first);
            for (int k = 0; k < count; k++)
            {
                out[2 * k] = (int)(values[first + k] >>> 32);
                out[2 * k + 1] = (int)values[first + k];
            }
            final int total = exchange.exchange(out, 2 * count, received);
            if (total != 2 * count * ranks)
            {
                throw new IllegalStateException("ranks gave " + total + " ints, not " + ranks + " x " + 2 * count);
            }
            for (int r = 0; r < ranks; r++)
            {
                for (int k = 0; k < count; k++)
                {
                    final int at = 2 * (r * count + k);
                    rows[r][first + k] = ((long)received[at] << 32) | (received[at + 1] & 0xFFFF_FFFFL);
                }
            }
        }
        return rows;
    }

    /**
     * Collective: the first {@code count} values of {@code column}, as the one rank that {@code owns} them holds
     * them, into every rank's column (the owner sends, the others send nothing), in chunks of at most N ints. For
     * the traces of a neuron, after a run.
     */
    void share(final boolean owns, final float[] column, final int count)
    {
        final int chunk = Math.max(1, Math.min(partition.neurons(), 1 << 16));
        final int[] out = new int[Math.min(chunk, Math.max(1, count))];
        for (int from = 0; from < count; from += chunk)
        {
            final int n = Math.min(chunk, count - from);
            if (owns)
            {
                for (int i = 0; i < n; i++)
                {
                    out[i] = Float.floatToRawIntBits(column[from + i]);
                }
            }
            final int total = exchange.exchange(out, owns ? n : 0, all);
            if (total != n)
            {
                throw new IllegalStateException("a trace came as " + total + " values, not " + n);
            }
            if (!owns)
            {
                for (int i = 0; i < n; i++)
                {
                    column[from + i] = Float.intBitsToFloat(all[i]);
                }
            }
        }
    }

    /**
     * Collective: every rank's {@code values} (any number on each), in rows by rank on rank 0 and null on the
     * others. Sent in rounds of at most N ids in all, the room of the exchange's buffers. Between runs.
     */
    int[][] gatherToRoot(final int[] values)
    {
        return gatherRows(values, false);
    }

    /** As {@link #gatherToRoot}, with the rows on every rank. */
    int[][] gatherToAll(final int[] values)
    {
        return gatherRows(values, true);
    }

    private int[][] gatherRows(final int[] values, final boolean everyRank)
    {
        final int ranks = exchange.size();
        final long[][] counts = gather(new long[] {values.length});
        final boolean root = everyRank || exchange.rank() == 0;
        final int[][] rows = root ? new int[ranks][] : null;
        long most = 0;
        for (int r = 0; r < ranks; r++)
        {
            most = Math.max(most, counts[r][0]);
            if (root)
            {
                rows[r] = new int[(int)counts[r][0]];
            }
        }
        final int per = Math.max(1, partition.neurons() / ranks);
        final int[] out = new int[Math.min(per, Math.max(1, values.length))];
        for (long from = 0; from < most; from += per)
        {
            final int n = (int)Math.max(0, Math.min(per, values.length - from));
            System.arraycopy(values, (int)Math.min(from, values.length), out, 0, n);
            final int total = exchange.exchange(out, n, all);
            int at = 0;
            for (int r = 0; r < ranks; r++)
            {
                final int m = (int)Math.max(0, Math.min(per, counts[r][0] - from));
                if (root && m > 0)
                {
                    System.arraycopy(all, at, rows[r], (int)from, m);
                }
                at += m;
            }
            if (at != total)
            {
                throw new IllegalStateException("ranks gave " + total + " values, not " + at);
            }
        }
        return rows;
    }

    /** The first neuron of rank {@code r}'s slices. */
    int firstNeuronOf(final int r)
    {
        return partition.firstNeuron(r * (endSlice - firstSlice));
    }

    /** The end of rank {@code r}'s neurons. */
    int endNeuronOf(final int r)
    {
        return partition.endNeuron((r + 1) * (endSlice - firstSlice) - 1);
    }

    /**
     * Collective: rank 0's {@code length} bytes of {@code bytes} (ignored on the other ranks) to every rank, in
     * rounds of at most N ints (the room of the exchange's buffers); a Bcast from rank 0 made of the exchange.
     */
    byte[] broadcast(final byte[] bytes, final int length)
    {
        final boolean root = exchange.rank() == 0;
        final int size = (int)gather(new long[] {root ? length : 0})[0][0];
        final byte[] out = root ? bytes : new byte[size];
        final int chunk = Math.max(1, Math.min(partition.neurons(), 1 << 16));
        final int[] words = new int[chunk];
        for (long from = 0; from < size; from += 4L * chunk)
        {
            final int n = (int)Math.min(chunk, (size - from + 3) / 4);
            if (root)
            {
                for (int i = 0; i < n; i++)
                {
                    int word = 0;
                    for (int b = 0; b < 4; b++)
                    {
                        final long at = from + 4L * i + b;
                        word = word << 8 | (at < size ? bytes[(int)at] & 0xFF : 0);
                    }
                    words[i] = word;
                }
            }
            final int total = exchange.exchange(words, root ? n : 0, all);
            if (total != n)
            {
                throw new IllegalStateException("rank 0 sent " + total + " words, not " + n);
            }
            if (!root)
            {
                for (int i = 0; i < n; i++)
                {
                    for (int b = 0; b < 4; b++)
                    {
                        final long at = from + 4L * i + b;
                        if (at < size)
                        {
                            out[(int)at] = (byte)(all[i] >>> 8 * (3 - b));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Collective: the sum of {@code value} over all ranks. */
    long sum(final long value)
    {
        send[0] = (int)(value >>> 32);
        send[1] = (int)value;
        final int total = exchange.exchange(send, 2, all);
        long sum = 0;
        for (int k = 0; k + 1 < total; k += 2)
        {
            sum += ((long)all[k] << 32) | (all[k + 1] & 0xFFFF_FFFFL);
        }
        return sum;
    }
}
