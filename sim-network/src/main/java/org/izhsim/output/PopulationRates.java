package org.izhsim.output;

import java.util.Arrays;
import java.util.List;

import org.izhsim.network.PopulationLookup;
import org.izhsim.network.PopulationRange;

/**
 * Population firing rates in Hz from a spike list: spikes per bin divided by the population size and
 * the bin width, so a population firing at 8 Hz per neuron reads 8 whatever its size.
 */
public final class PopulationRates
{
    private final PopulationRange[] populations;
    private final double[] edges;
    private final double[][] hz;

    private PopulationRates(final PopulationRange[] populations, final double[] edges, final double[][] hz)
    {
        this.populations = populations;
        this.edges = edges;
        this.hz = hz;
    }

    /**
     * @param spikes      the spikes; those outside [tStartMs, tEndMs] or in no population are ignored.
     * @param populations the populations to rate.
     * @param tStartMs    start of the first bin: the bins lie on the grid of multiples of binMs from t = 0, so a
     *                    run resumed at 1337 ms with 5 ms bins has a first partial bin [1337, 1340), then 1340, 1345
     *                    .. as the uncut run has (from its start they restarted: 1337, 1342, ..).
     * @param tEndMs      end of the last bin (a partial bin, first or last, is divided by its own width).
     * @param binMs       bin width, &gt; 0.
     */
    public static PopulationRates of(
        final SpikeList spikes,
        final List<PopulationRange> populations,
        final double tStartMs,
        final double tEndMs,
        final double binMs)
    {
        final PopulationRange[] pops = populations.toArray(new PopulationRange[0]);
        final PopulationLookup lookup = new PopulationLookup(pops);
        final int bins = binCount(tStartMs, tEndMs, binMs);
        final double grid = gridStart(tStartMs, binMs);
        final double[] edges = new double[bins + 1];
        for (int b = 0; b < bins; b++)
        {
            edges[b] = b == 0 ? tStartMs : grid + b * binMs;
        }
        edges[bins] = tEndMs;
        final double[][] counts = new double[pops.length][bins];
        int last = 0;
        for (int k = 0, n = spikes.count(); k < n; k++)
        {
            final double t = spikes.time(k);
            if (!(t >= tStartMs && t <= tEndMs))
            {
                continue;
            }
            final int id = spikes.id(k);
            // Spikes of one population come in runs: try the previous one first.
            final int p = last < pops.length && pops[last].contains(id) ? last : lookup.indexOf(id);
            if (p < 0)
            {
                continue;
            }
            last = p;
            counts[p][Math.min(bins - 1, (int)((t - grid) / binMs))]++;
        }
        for (int p = 0; p < pops.length; p++)
        {
            for (int b = 0; b < bins; b++)
            {
                counts[p][b] *= 1000.0 / (pops[p].size() * (edges[b + 1] - edges[b]));
            }
        }
        return new PopulationRates(pops, edges, counts);
    }

    /**
     * The bins of {@link #of}: the run cut at the multiples of {@code binMs} (from t = 0), a first and a last partial
     * bin included.
     *
     * @throws IllegalArgumentException when binMs is not positive or the interval is empty.
     */
    public static int binCount(final double tStartMs, final double tEndMs, final double binMs)
    {
        if (!(binMs > 0) || !(tEndMs > tStartMs))
        {
            throw new IllegalArgumentException("need binMs > 0 and tEnd > tStart, got bin " + binMs + " over ["
                + tStartMs + ", " + tEndMs + "]");
        }
        // At least one bin: a bin 10^9 times the run (rates_bin_ms: 1e12) made the tolerance's ceil 0 bins, and the
        // outputs of the whole run were lost to an exception.
        return Math.max(1, (int)Math.ceil((tEndMs - gridStart(tStartMs, binMs)) / binMs - 1e-9));
    }

    /**
     * The start of the grid bin that holds {@code tStartMs}: the largest multiple of binMs at or below it (within a
     * billionth of a bin, so that 0.30000000000000004 is on the grid of 0.1), or tStartMs itself when the multiple
     * cannot be told from it (beyond 2^53 bins).
     */
    static double gridStart(final double tStartMs, final double binMs)
    {
        final double bins = Math.floor(tStartMs / binMs + 1e-9);
        final double grid = bins * binMs;
        return grid <= tStartMs && tStartMs - grid < binMs ? grid : tStartMs;
    }

    /** Receives the rates of consecutive bins, a block of them at a time. */
    public interface BlockConsumer
    {
        /**
         * @param firstBin the block's first bin, counted from the run's first.
         * @param bins     bins in the block.
         * @param edges    their edges (ms), {@code bins + 1} of them; valid during the call only.
         * @param hz       {@code hz[p][b]}: population p's rate (Hz) in the block's bin b; valid during the call only.
         */
        void accept(int firstBin, int bins, double[] edges, double[][] hz);
    }

    /** The heap the blocks of {@link #inBlocks} take at most: edges and one rate per population per bin. */
    static final int BLOCK_BYTES = 1 << 20;

    /**
     * The rates {@link #of} gives, value for value, handed to {@code consumer} a block of bins at a time, so that
     * the heap holds {@link #BLOCK_BYTES} however long the run: an hour in 1 ms bins is 3.6 x 10^6 bins, 86 MB
     * for two populations at once, and a 10 h run of cortex2003 lost every output to an OutOfMemoryError in a
     * 380 MB heap (the memory check had said 7 MB). Reads the spikes once, in time order; a list not known to be
     * in time order ({@link SpikeList#timeOrdered()}) is rated whole by {@link #of} and handed over as one block.
     */
    public static void inBlocks(
        final SpikeList spikes,
        final List<PopulationRange> populations,
        final double tStartMs,
        final double tEndMs,
        final double binMs,
        final BlockConsumer consumer)
    {
        inBlocks(spikes, populations, tStartMs, tEndMs, binMs,
            Math.max(1, BLOCK_BYTES / Double.BYTES / (populations.size() + 1)), consumer);
    }

    /** {@link #inBlocks} in blocks of at most {@code maxBlock} bins. */
    static void inBlocks(
        final SpikeList spikes,
        final List<PopulationRange> populations,
        final double tStartMs,
        final double tEndMs,
        final double binMs,
        final int maxBlock,
        final BlockConsumer consumer)
    {
        final int bins = binCount(tStartMs, tEndMs, binMs);
        final double grid = gridStart(tStartMs, binMs);
        final PopulationRange[] pops = populations.toArray(new PopulationRange[0]);
        final PopulationLookup lookup = new PopulationLookup(pops);
        if (!spikes.timeOrdered())
        {
            final PopulationRates whole = of(spikes, populations, tStartMs, tEndMs, binMs);
            consumer.accept(0, bins, whole.edges, whole.hz);
            return;
        }
        final int block = Math.min(bins, maxBlock);
        final double[] edges = new double[block + 1];
        final double[][] counts = new double[pops.length][block];
        int last = 0;
        int k = 0;
        final int n = spikes.count();
        for (int first = 0; first < bins; first += block)
        {
            final int length = Math.min(block, bins - first);
            for (int b = 0; b <= length; b++)
            {
                final int bin = first + b;
                edges[b] = bin == 0 ? tStartMs : bin < bins ? grid + bin * binMs : tEndMs;
            }
            for (final double[] c : counts)
            {
                Arrays.fill(c, 0, length, 0.0);
            }
            // The spikes of this block's bins: bin indexes do not decrease along spikes in time order.
            for (; k < n; k++)
            {
                final double t = spikes.time(k);
                if (!(t >= tStartMs))
                {
                    continue;
                }
                if (t > tEndMs)
                {
                    k = n;
                    break;
                }
                final int bin = Math.min(bins - 1, Math.max(0, (int)((t - grid) / binMs)));
                if (bin >= first + length)
                {
                    break;
                }
                final int id = spikes.id(k);
                final int p = last < pops.length && pops[last].contains(id) ? last : lookup.indexOf(id);
                if (p >= 0)
                {
                    last = p;
                    counts[p][bin - first]++;
                }
            }
            for (int p = 0; p < pops.length; p++)
            {
                for (int b = 0; b < length; b++)
                {
                    counts[p][b] *= 1000.0 / (pops[p].size() * (edges[b + 1] - edges[b]));
                }
            }
            consumer.accept(first, length, edges, counts);
        }
    }

    public int populationCount()
    {
        return populations.length;
    }

    public PopulationRange population(final int p)
    {
        return populations[p];
    }

    /**
     * @return the bin edges (ms), one more than the bins; do not modify.
     */
    public double[] edges()
    {
        return edges;
    }

    /**
     * @return rates (Hz) of population {@code p}, one per bin; do not modify.
     */
    public double[] hz(final int p)
    {
        return hz[p];
    }
}
