package org.izhsim.network.synapse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.ResolvedProjection;
import org.izhsim.network.build.TargetPartition;
import org.izhsim.network.build.WeightRule;
import org.junit.jupiter.api.Test;

/** Each connection rule draws what it promises, and the matrix is the same whatever the thread count. */
class SynapseMatrixBuilderTest
{
    private static final int NEURONS = 3000;
    private static final long SEED = 77;

    /** Source range [0, 2000), target range [1000, 3000): they overlap, so autapses matter. */
    private static ResolvedProjection projection(final int index, final ConnectionRule rule, final boolean autapses)
    {
        return new ResolvedProjection(index, 0, 2000, 1000, 2000, rule, WeightRule.uniform(0.5, 1.5),
            DelayRule.uniform(2, 7), autapses);
    }

    private static SynapseMatrix build(final int threads, final ResolvedProjection... projections)
    {
        final TargetPartition partition = new TargetPartition(NEURONS, threads);
        return new SynapseMatrixBuilder(partition, List.of(projections),
            TargetPartition.sourceWindows(NEURONS, partition.blocks(), List.of(projections)), SEED, threads).build();
    }

    /** Synapses as (source, delay, global target, weight bits), sorted: a thread-count-free canonical form. */
    private static long[][] canonical(final SynapseMatrix matrix)
    {
        final List<long[]> synapses = new ArrayList<>();
        final int maxDelay = matrix.maxDelay();
        for (int b = 0; b < matrix.partition().blocks(); b++)
        {
            final int[] rowStart = matrix.rowStart(b);
            final int first = matrix.firstSource(b);
            for (int row = 0; row < (matrix.endSource(b) - first) * maxDelay; row++)
            {
                for (int j = rowStart[row]; j < rowStart[row + 1]; j++)
                {
                    synapses.add(new long[] {first + row / maxDelay, row % maxDelay + 1,
                        matrix.partition().blockStart(b) + matrix.targets(b)[j],
                        Float.floatToIntBits(matrix.weights(b)[j])});
                }
            }
        }
        synapses.sort(Arrays::compare);
        return synapses.toArray(new long[0][]);
    }

    /** Targets of each source, per source, over all delays and blocks. */
    private static List<List<Integer>> targetsBySource(final SynapseMatrix matrix)
    {
        final List<List<Integer>> targets = new ArrayList<>();
        for (int s = 0; s < NEURONS; s++)
        {
            targets.add(new ArrayList<>());
        }
        for (final long[] synapse : canonical(matrix))
        {
            targets.get((int)synapse[0]).add((int)synapse[2]);
        }
        return targets;
    }

    @Test
    void sameSynapsesForOneTwoAndThreeThreads()
    {
        final ResolvedProjection[] projections = {
            projection(0, ConnectionRule.fixedOutdegree(50), false),
            projection(1, ConnectionRule.fixedIndegree(30), true),
            projection(2, ConnectionRule.pairwiseProbability(0.02), false)};
        final long[][] reference = canonical(build(1, projections));
        final int pairwise = canonical(build(1, projections[2])).length;
        assertEquals(2000L * 50 + 2000L * 30 + pairwise, reference.length, "outdegree + indegree + pairwise");
        for (final int threads : new int[] {2, 3})
        {
            final SynapseMatrix matrix = build(threads, projections);
            assertEquals(threads, matrix.partition().blocks(), "one block per thread at this size");
            final long[][] synapses = canonical(matrix);
            assertEquals(reference.length, synapses.length);
            for (int i = 0; i < synapses.length; i++)
            {
                assertArrayEquals(reference[i], synapses[i], "synapse " + i + ", " + threads + " threads");
            }
        }
    }

    @Test
    void fixedOutdegreeDrawsKDistinctTargetsWithoutSelf()
    {
        final SynapseMatrix matrix = build(2, projection(0, ConnectionRule.fixedOutdegree(1999), false));
        final List<List<Integer>> targets = targetsBySource(matrix);
        for (int s = 0; s < 2000; s++)
        {
            final List<Integer> t = targets.get(s);
            assertEquals(1999, t.size());
            assertEquals(1999, t.stream().distinct().count(), "distinct");
            assertTrue(t.stream().allMatch(x -> x >= 1000 && x < 3000), "inside the target population");
            assertTrue(s < 1000 || !t.contains(s), "no autapse for source " + s);
            assertEquals(1999, matrix.outDegree(s));
        }
    }

    @Test
    void fixedIndegreeGivesEachTargetKDistinctSources()
    {
        final long[][] synapses = canonical(build(3, projection(0, ConnectionRule.fixedIndegree(40), true)));
        final int[] indegree = new int[NEURONS];
        for (final long[] s : synapses)
        {
            indegree[(int)s[2]]++;
            assertTrue(s[0] < 2000);
        }
        for (int t = 0; t < NEURONS; t++)
        {
            assertEquals(t < 1000 ? 0 : 40, indegree[t], "in-degree of " + t);
        }
        assertEquals(synapses.length, Arrays.stream(synapses).map(s -> s[0] + "," + s[2]).distinct().count());
    }

    @Test
    void pairwiseProbabilityConnectsTheExpectedFraction()
    {
        final long count = canonical(build(2, projection(0, ConnectionRule.pairwiseProbability(0.05), true))).length;
        final double expected = 0.05 * 2000 * 2000;
        assertEquals(expected, count, 5 * Math.sqrt(expected * 0.95));
    }

    @Test
    void allToAllAndOneToOne()
    {
        assertEquals(2000L * 2000 - 1000, canonical(build(2, projection(0, ConnectionRule.allToAll(), false))).length,
            "all pairs but the 1000 autapses of the overlap");
        final List<List<Integer>> oneToOne = targetsBySource(build(2, projection(0, ConnectionRule.oneToOne(), true)));
        for (int s = 0; s < 2000; s++)
        {
            assertEquals(List.of(s + 1000), oneToOne.get(s));
        }
    }

    @Test
    void delaysWeightsAndRowOrderFollowTheRules()
    {
        final SynapseMatrix matrix = build(2, projection(0, ConnectionRule.fixedOutdegree(300), true),
            projection(1, ConnectionRule.fixedOutdegree(300), true));
        assertEquals(7, matrix.maxDelay());
        final int[] perDelay = new int[8];
        for (final long[] s : canonical(matrix))
        {
            perDelay[(int)s[1]]++;
            final float w = Float.intBitsToFloat((int)s[3]);
            assertTrue(w >= 0.5f && w <= 1.5f, "weight " + w);
        }
        assertEquals(0, perDelay[1], "no delay below 2");
        for (int d = 2; d <= 7; d++)
        {
            assertEquals(2000 * 600 / 6.0, perDelay[d], 600, "delay " + d + " drawn uniformly");
        }
        for (int b = 0; b < matrix.partition().blocks(); b++)
        {
            final int[] rowStart = matrix.rowStart(b);
            final char[] targets = matrix.targets(b);
            for (int row = 0; row < (matrix.endSource(b) - matrix.firstSource(b)) * 7; row++)
            {
                for (int j = rowStart[row] + 1; j < rowStart[row + 1]; j++)
                {
                    assertTrue(targets[j - 1] <= targets[j], "row " + row + " sorted by target");
                }
            }
        }
        // Rows exist only for the 2000 sources of the projection, in each of the 2 blocks.
        assertEquals(6L * 1_200_000 + 4L * 2 * (2000 * 7 + 1) + 8L * 2 * ((2000 * 7 + 63) / 64), matrix.bytes());
    }

    @Test
    void blocksStayWithinSixteenBitTargets()
    {
        final TargetPartition partition = new TargetPartition(100_000, 1);
        assertEquals(2, partition.blocks());
        assertEquals(0, partition.firstNeuron(0));
        assertEquals(100_000, partition.endNeuron(0));
        final TargetPartition three = new TargetPartition(200_000, 3);
        assertEquals(6, three.blocks(), "4 blocks needed, rounded up to a multiple of 3 threads");
        for (int b = 0; b < three.blocks(); b++)
        {
            assertTrue(three.blockStart(b + 1) - three.blockStart(b) <= TargetPartition.MAX_BLOCK_SIZE);
        }
        assertEquals(three.blockStart(2), three.endNeuron(0));
    }
}
