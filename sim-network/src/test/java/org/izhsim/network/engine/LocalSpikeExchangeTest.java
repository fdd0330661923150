package org.izhsim.network.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalSpikeExchangeTest
{
    private static final int NEURONS = 300;

    /** What rank r fires in step s: a reproducible subset of its slice, sometimes more than the block holds. */
    private static int[] fired(final int rank, final int size, final int step)
    {
        final SplittableRandom random = new SplittableRandom(31L * step + rank);
        final int slice = NEURONS / size;
        final int n = step % 7 == 3 ? slice : random.nextInt(5);
        final int[] ids = new int[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = rank * slice + i;
        }
        return ids;
    }

    @Test
    void everyRankReceivesAllRanksIdsInRankOrderWithAndWithoutOverflow() throws Exception
    {
        for (final int size : new int[] {1, 2, 3, 4})
        {
            final int steps = 50;
            final LocalSpikeExchange[] ranks = LocalSpikeExchange.group(size, 4, NEURONS);
            final ExecutorService pool = Executors.newFixedThreadPool(size);
            try
            {
                final List<Future<int[][]>> results = new ArrayList<>();
                for (final LocalSpikeExchange exchange : ranks)
                {
                    results.add(pool.submit(() ->
                    {
                        final int[][] seen = new int[steps][];
                        final int[] all = new int[NEURONS];
                        for (int s = 0; s < steps; s++)
                        {
                            final int[] mine = fired(exchange.rank(), size, s);
                            seen[s] = Arrays.copyOf(all, exchange.exchange(mine, mine.length, all));
                        }
                        return seen;
                    }));
                }
                for (int s = 0; s < steps; s++)
                {
                    int[] expected = new int[0];
                    for (int r = 0; r < size; r++)
                    {
                        final int[] theirs = fired(r, size, s);
                        final int[] joined = Arrays.copyOf(expected, expected.length + theirs.length);
                        System.arraycopy(theirs, 0, joined, expected.length, theirs.length);
                        expected = joined;
                    }
                    for (int r = 0; r < size; r++)
                    {
                        assertArrayEquals(expected, results.get(r).get(10, TimeUnit.SECONDS)[s],
                            size + " ranks, rank " + r + ", step " + s);
                    }
                }
                // Steps 3, 10, 17, ..., every rank fires its whole slice (75+ ids > 4): 7 overflow rounds.
                for (final LocalSpikeExchange exchange : ranks)
                {
                    assertEquals(7, exchange.overflows(), size + " ranks");
                }
            }
            finally
            {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anAbortingRankStopsTheOthersInsteadOfLeavingThemWaiting() throws Exception
    {
        final LocalSpikeExchange[] ranks = LocalSpikeExchange.group(3, 4, NEURONS);
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try
        {
            final List<Future<Integer>> waiting = new ArrayList<>();
            for (int r = 1; r < 3; r++)
            {
                final LocalSpikeExchange exchange = ranks[r];
                waiting.add(pool.submit(() -> exchange.exchange(new int[0], 0, new int[NEURONS])));
            }
            ranks[0].abort(1);
            for (final Future<Integer> future : waiting)
            {
                final ExecutionException e = assertThrows(ExecutionException.class,
                    () -> future.get(10, TimeUnit.SECONDS));
                assertInstanceOf(IllegalStateException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains("another rank aborted"), e.getCause().getMessage());
            }
            // A rank arriving after the abort is refused too.
            final IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> ranks[1].exchange(new int[0], 0, new int[NEURONS]));
            assertTrue(late.getMessage().contains("aborted"), late.getMessage());
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void moreIdsThanNeuronsIsAnErrorNotAnOverrun()
    {
        final LocalSpikeExchange single = LocalSpikeExchange.group(1, 4, 3)[0];
        final IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> single.exchange(new int[] {0, 1, 2, 3}, 4, new int[3]));
        assertTrue(e.getMessage().contains("more than the 3 neurons"), e.getMessage());
    }
}
