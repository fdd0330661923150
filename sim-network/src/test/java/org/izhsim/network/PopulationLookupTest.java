package org.izhsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The binary search finds what the walk of PopulationRange.indexOf finds. */
class PopulationLookupTest
{
    @Test
    void findsThePopulationIndexOfFindsWithGapsAndInAnyOrder()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final List<PopulationRange> populations = new ArrayList<>();
        int next = 5;
        for (int p = 0; p < 60; p++)
        {
            final int size = 1 + random.nextInt(20);
            populations.add(new PopulationRange("p" + p, next, size));
            next += size + random.nextInt(3);
        }
        Collections.shuffle(populations, new java.util.Random(4));
        final PopulationRange[] array = populations.toArray(new PopulationRange[0]);
        final PopulationLookup lookup = new PopulationLookup(populations);
        for (int neuron = -2; neuron < next + 3; neuron++)
        {
            assertEquals(PopulationRange.indexOf(array, neuron), lookup.indexOf(neuron), "neuron " + neuron);
        }
    }

    @Test
    void overlappingPopulationsAreSearchedInOrder()
    {
        final PopulationRange[] array = {new PopulationRange("a", 10, 10), new PopulationRange("b", 0, 15),
            new PopulationRange("c", 30, 1)};
        final PopulationLookup lookup = new PopulationLookup(array);
        for (int neuron = -1; neuron < 33; neuron++)
        {
            assertEquals(PopulationRange.indexOf(array, neuron), lookup.indexOf(neuron), "neuron " + neuron);
        }
        assertEquals(-1, new PopulationLookup(new PopulationRange[0]).indexOf(0));
    }
}
