package org.izhsim.network;

import java.util.Arrays;
import java.util.List;

/**
 * The population of a neuron id among populations that do not overlap (as a network's do): a binary search of
 * their first ids, O(log P) a neuron where {@link PopulationRange#indexOf} walks all P. The outputs ask it once per
 * spike: with 100 populations, the walks made writing a 1 h run's outputs 30 times slower. Populations that
 * overlap are searched in order, as indexOf does. Immutable.
 */
public final class PopulationLookup
{
    private final PopulationRange[] populations;
    /** First ids in ascending order, and the index in {@link #populations} of each; null when they overlap. */
    private final int[] firsts;
    private final int[] order;

    public PopulationLookup(final List<PopulationRange> populations)
    {
        this(populations.toArray(new PopulationRange[0]));
    }

    public PopulationLookup(final PopulationRange[] populations)
    {
        this.populations = populations.clone();
        final Integer[] sorted = new Integer[populations.length];
        for (int p = 0; p < sorted.length; p++)
        {
            sorted[p] = p;
        }
        Arrays.sort(sorted, (a, b) -> Integer.compare(populations[a].first(), populations[b].first()));
        boolean disjoint = true;
        for (int k = 1; k < sorted.length; k++)
        {
            disjoint &= populations[sorted[k - 1]].end() <= populations[sorted[k]].first();
        }
        if (disjoint)
        {
            firsts = new int[sorted.length];
            order = new int[sorted.length];
            for (int k = 0; k < sorted.length; k++)
            {
                order[k] = sorted[k];
                firsts[k] = populations[sorted[k]].first();
            }
        }
        else
        {
            firsts = null;
            order = null;
        }
    }

    /** The index of the population containing {@code neuron}, or -1: what {@link PopulationRange#indexOf} returns. */
    public int indexOf(final int neuron)
    {
        if (firsts == null)
        {
            return PopulationRange.indexOf(populations, neuron);
        }
        // The last population starting at or before the neuron, if it reaches the neuron.
        int lo = 0;
        int hi = firsts.length - 1;
        int found = -1;
        while (lo <= hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (firsts[mid] <= neuron)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found >= 0 && populations[order[found]].contains(neuron) ? order[found] : -1;
    }

    public int size()
    {
        return populations.length;
    }
}
