package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Under MPI each worker of a rank advances the LTP traces and the STP state of a share of the other ranks' neurons
 * (worker 0 did all of them alone, between the step's barrier crossings): the shares cover every neuron outside the rank once, and no
 * neuron of the rank, and differ in size by one at most.
 */
class OtherRanksShareTest
{
    @Test
    void theWorkersSharesCoverTheOtherRanksNeuronsOnceAndEvenly()
    {
        final int[][] cases = {{300, 500, 1000}, {0, 250, 1000}, {750, 1000, 1000}, {0, 1000, 1000}, {3, 4, 7}};
        for (final int[] c : cases)
        {
            for (int workers = 1; workers <= 5; workers++)
            {
                final int[] seen = new int[c[2]];
                int smallest = Integer.MAX_VALUE;
                int largest = 0;
                for (int w = 0; w < workers; w++)
                {
                    final int[] from = new int[2];
                    final int[] to = new int[2];
                    Worker.shareOfOtherRanks(c[0], c[1], c[2], w, workers, from, to);
                    int size = 0;
                    for (int k = 0; k < 2; k++)
                    {
                        for (int i = from[k]; i < to[k]; i++)
                        {
                            seen[i]++;
                            size++;
                        }
                    }
                    smallest = Math.min(smallest, size);
                    largest = Math.max(largest, size);
                }
                for (int i = 0; i < c[2]; i++)
                {
                    assertEquals(i >= c[0] && i < c[1] ? 0 : 1, seen[i], "neuron " + i + " of rank [" + c[0] + ", " +
                        c[1] + ") of " + c[2] + ", " + workers + " workers");
                }
                assertTrue(largest - smallest <= 1, largest + " vs " + smallest);
            }
        }
    }
}
