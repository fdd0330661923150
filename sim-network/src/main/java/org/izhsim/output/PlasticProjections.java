package org.izhsim.output;

import java.util.ArrayList;
import java.util.List;

import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.ResolvedProjection;
import org.izhsim.network.build.PartnerSampler;
import org.izhsim.network.synapse.PlasticWeights;
import org.izhsim.network.synapse.SynapseMatrixBuilder;

/**
 * The plastic projection each plastic synapse belongs to, for synapse_projections.npy: K, the projection's place in
 * the experiment's {@code projections} from 1 (as connections_K.csv and {@code --set projections.#K} count), in the
 * order of {@link PlasticWeights} (source, then delay, then target). The weight arrays pooled every plastic
 * projection without saying which a synapse was in (a tester's exc -> exc and exc -> inh could be told apart by the
 * target's population, two plastic projections between the same populations not at all).
 */
public final class PlasticProjections
{
    private PlasticProjections()
    {
    }

    /**
     * @param plan    the network's plan: its projections, which of them are plastic, its seed.
     * @param weights the plastic synapses, as {@link PlasticWeights#of} orders them (one process or merged ranks).
     * @return per synapse its projection's K; 0 where no plastic projection holds the synapse (none does).
     */
    public static int[] of(final NetworkPlan plan, final PlasticWeights weights)
    {
        final List<ResolvedProjection> plastic = plastic(plan);
        final int[] k = new int[weights.size()];
        if (!overlapping(plastic))
        {
            // Each synapse's source and target lie in one plastic projection's ranges alone.
            final int[] sources = weights.sources();
            final int[] targets = weights.targets();
            for (int i = 0; i < k.length; i++)
            {
                for (final ResolvedProjection p : plastic)
                {
                    if (holds(p, sources[i], targets[i]))
                    {
                        k[i] = p.index() + 1;
                        break;
                    }
                }
            }
            return k;
        }
        // Two plastic projections may draw the same pair: each projection's synapses are drawn again from the seed as
        // the builder drew them and put at the first unlabelled place of their (source, delay, target). The matrix's
        // rows take the projections in order and sort them stably by target, so a synapse drawn by several
        // projections holds their places in projection order, as the labels do.
        final PartnerSampler sampler = new PartnerSampler();
        for (final ResolvedProjection p : plastic)
        {
            final int label = p.index() + 1;
            SynapseMatrixBuilder.forEachSynapse(p, plan.seed(), sampler, (source, target, delay, bits) ->
            {
                int at = lowerBound(weights, source, delay, target);
                while (at < k.length && k[at] != 0 && same(weights, at, source, delay, target))
                {
                    at++;
                }
                if (at < k.length && same(weights, at, source, delay, target))
                {
                    k[at] = label;
                }
            });
        }
        return k;
    }

    /** {@code plan}'s plastic projections, in their order. */
    static List<ResolvedProjection> plastic(final NetworkPlan plan)
    {
        final List<ResolvedProjection> plastic = new ArrayList<>();
        for (final ResolvedProjection p : plan.projections())
        {
            if (plan.receptors().spec(p.index()).plasticity() != null)
            {
                plastic.add(p);
            }
        }
        return plastic;
    }

    private static boolean overlapping(final List<ResolvedProjection> plastic)
    {
        for (int i = 0; i < plastic.size(); i++)
        {
            for (int j = i + 1; j < plastic.size(); j++)
            {
                final ResolvedProjection a = plastic.get(i);
                final ResolvedProjection b = plastic.get(j);
                if (overlap(a.sourceFirst(), a.sourceSize(), b.sourceFirst(), b.sourceSize()) &&
                    overlap(a.targetFirst(), a.targetSize(), b.targetFirst(), b.targetSize()))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean overlap(final int first, final int size, final int otherFirst, final int otherSize)
    {
        return first < (long)otherFirst + otherSize && otherFirst < (long)first + size;
    }

    private static boolean holds(final ResolvedProjection p, final int source, final int target)
    {
        return source >= p.sourceFirst() && source - p.sourceFirst() < p.sourceSize() &&
            target >= p.targetFirst() && target - p.targetFirst() < p.targetSize();
    }

    /** The first place whose (source, delay, target) is not below the given one. */
    private static int lowerBound(final PlasticWeights w, final int source, final int delay, final int target)
    {
        int low = 0;
        int high = w.size();
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (compare(w, mid, source, delay, target) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private static int compare(final PlasticWeights w, final int i, final int source, final int delay, final int target)
    {
        final int bySource = Integer.compare(w.sources()[i], source);
        if (bySource != 0)
        {
            return bySource;
        }
        final int byDelay = Integer.compare(w.delays()[i], delay);
        return byDelay != 0 ? byDelay : Integer.compare(w.targets()[i], target);
    }

    private static boolean same(final PlasticWeights w, final int i, final int source, final int delay, final int target)
    {
        return compare(w, i, source, delay, target) == 0;
    }
}
