package org.izhsim.network.synapse;

/**
 * A copy of the plastic synapses in one fixed order, whatever the thread count: by source, then delay, then
 * target (ascending), so that arrays of different runs compare element by element and a user can rebuild the
 * matrix in numpy from {@link #sources}, {@link #targets}, {@link #delays} and {@link #weights}.
 */
public final class PlasticWeights
{
    private final int[] sources;
    private final int[] targets;
    private final int[] delays;
    private final float[] weights;
    private final float[] derivatives;

    private PlasticWeights(final int[] sources, final int[] targets, final int[] delays, final float[] weights,
        final float[] derivatives)
    {
        this.derivatives = derivatives;
        this.sources = sources;
        this.targets = targets;
        this.delays = delays;
        this.weights = weights;
    }

    /** The plastic synapses of {@code matrix} with their weights now. Call between runs. */
    public static PlasticWeights of(final SynapseMatrix matrix, final PlasticSynapses plastic)
    {
        final long count = plastic.count();
        if (count > org.izhsim.network.build.NetworkPlan.MAX_PLASTIC_SYNAPSES)
        {
            throw new IllegalStateException(count + " plastic synapses do not fit one array");
        }
        final int n = (int)count;
        final int[] sources = new int[n];
        final int[] targets = new int[n];
        final int[] delays = new int[n];
        final float[] weights = new float[n];
        final float[] derivatives = new float[n];
        final int[] k = {0};
        matrix.forEachInSourceOrder(plastic::isPlasticSource, (b, j, s, d) ->
        {
            sources[k[0]] = s;
            targets[k[0]] = matrix.partition().blockStart(b) + matrix.targets(b)[j];
            delays[k[0]] = d;
            derivatives[k[0]] = plastic.derivative(b, j);
            weights[k[0]++] = matrix.weights(b)[j];
        });
        return new PlasticWeights(sources, targets, delays, weights, derivatives);
    }

    /**
     * Writes weights and derivatives given in the order of {@link #of} back into the matrix and the rule's
     * state (a checkpoint's restore); the arrays must have {@code plastic.count()} entries.
     */
    public static void restore(final SynapseMatrix matrix, final PlasticSynapses plastic, final float[] weights,
        final float[] derivatives)
    {
        final int[] k = {0};
        matrix.forEachInSourceOrder(plastic::isPlasticSource, (b, j, s, d) ->
        {
            matrix.weights(b)[j] = weights[k[0]];
            plastic.setDerivative(b, j, derivatives[k[0]++]);
        });
    }

    /**
     * The plastic synapses of a network partitioned over ranks, from each rank's own ({@link #of} of its matrix,
     * given as arrays, rank r's at index r; weights and derivatives as raw float bits), in the order of one
     * process: ranks own ascending target ranges, so for each source and delay one process lists rank 0's
     * synapses, then rank 1's, ...; a merge by (source, delay) that takes the lowest rank first restores it.
     */
    public static PlasticWeights merged(final int[][] sources, final int[][] targets, final int[][] delays,
        final int[][] weightBits, final int[][] derivativeBits)
    {
        final int[] order = mergeOrder(sources, delays);
        final int n = order.length;
        final PlasticWeights all = new PlasticWeights(new int[n], new int[n], new int[n], new float[n], new float[n]);
        final int[] next = new int[sources.length];
        for (int k = 0; k < n; k++)
        {
            final int r = order[k];
            final int i = next[r]++;
            all.sources[k] = sources[r][i];
            all.targets[k] = targets[r][i];
            all.delays[k] = delays[r][i];
            all.weights[k] = Float.intBitsToFloat(weightBits[r][i]);
            all.derivatives[k] = Float.intBitsToFloat(derivativeBits[r][i]);
        }
        return all;
    }

    /**
     * Where rank {@code rank}'s synapses stand in the one-process order that {@link #merged} makes of every rank's
     * (their sources and delays, rank r's at index r): for a checkpoint's restore under ranks, which takes each
     * rank's weights from the whole network's list.
     */
    public static int[] positions(final int[][] sources, final int[][] delays, final int rank)
    {
        final int[] order = mergeOrder(sources, delays);
        final int[] positions = new int[sources[rank].length];
        int i = 0;
        for (int k = 0; k < order.length; k++)
        {
            if (order[k] == rank)
            {
                positions[i++] = k;
            }
        }
        return positions;
    }

    /**
     * The one-process order of every rank's synapses: entry k is the rank whose next synapse (in its own order)
     * comes k-th, by (source, delay), the lower rank first on equal keys.
     */
    private static int[] mergeOrder(final int[][] sources, final int[][] delays)
    {
        long count = 0;
        for (final int[] s : sources)
        {
            count += s.length;
        }
        if (count > org.izhsim.network.build.NetworkPlan.MAX_PLASTIC_SYNAPSES)
        {
            throw new IllegalStateException(count + " plastic synapses do not fit one array");
        }
        final int parts = sources.length;
        final int[] order = new int[(int)count];
        final int[] next = new int[parts];
        for (int k = 0; k < order.length; k++)
        {
            int best = -1;
            for (int r = 0; r < parts; r++)
            {
                if (next[r] < sources[r].length && (best < 0 ||
                    before(sources[r][next[r]], delays[r][next[r]], sources[best][next[best]], delays[best][next[best]])))
                {
                    best = r;
                }
            }
            next[best]++;
            order[k] = best;
        }
        return order;
    }

    /** Whether (source, delay) a strictly precedes b; equal keys keep the lower rank first. */
    private static boolean before(final int sourceA, final int delayA, final int sourceB, final int delayB)
    {
        return sourceA < sourceB || sourceA == sourceB && delayA < delayB;
    }

    /** Just the weights, in the same order as {@link #of}, for snapshots. */
    public static float[] weightsOf(final SynapseMatrix matrix, final PlasticSynapses plastic)
    {
        return of(matrix, plastic).weights;
    }

    public int size()
    {
        return weights.length;
    }

    public int[] sources()
    {
        return sources;
    }

    public int[] targets()
    {
        return targets;
    }

    /** Delays in ms (steps of 1 ms). */
    public int[] delays()
    {
        return delays;
    }

    public float[] weights()
    {
        return weights;
    }

    /** The rule's weight derivatives sd, in the same order. */
    public float[] derivatives()
    {
        return derivatives;
    }
}
