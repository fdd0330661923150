package org.izhsim.mpi;

import org.izhsim.network.engine.SpikeExchange;
import org.izhsim.network.engine.SpikeExchanges;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The program every rank runs in {@link MpiLaunchTest}: opens the {@code mpi} exchange through ServiceLoader, calls
 * each bound MPI function with values whose result every rank can predict, and exchanges spikes with and without
 * overflow. Prints {@code rank r/n: ok} or the mismatches, and exits 1 on any. With {@code --latency STEPS IDS} it
 * instead times STEPS exchanges of IDS ids per rank and rank 0 prints the p50/p99.
 */
public final class MpiCheck
{
    private MpiCheck()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length == 3 && args[0].equals("--latency"))
        {
            latency(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        final SpikeExchange exchange = SpikeExchanges.open("mpi", 4, 1000, Runtime.version().feature());
        final Mpi mpi = ((MpiSpikeExchange) exchange).mpi();
        final int rank = mpi.rank();
        final int size = mpi.size();
        if (args.length == 2 && args[0].equals("--fail"))
        {
            failOn(Integer.parseInt(args[1]), exchange);
            return;
        }
        final List<String> errors = new ArrayList<>();
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment one = arena.allocate(JAVA_INT, 2);
            final MemorySegment all = arena.allocate(JAVA_INT, 2L * size);
            one.setAtIndex(JAVA_INT, 0, rank * 10);
            one.setAtIndex(JAVA_INT, 1, rank * 10 + 1);
            mpi.allgather(one, 2, Mpi.Datatype.INT, all);
            for (int r = 0; r < size; r++)
            {
                expect(errors, "Allgather[" + r + "]", r * 10, all.getAtIndex(JAVA_INT, 2L * r));
                expect(errors, "Allgather[" + r + "]+1", r * 10 + 1, all.getAtIndex(JAVA_INT, 2L * r + 1));
            }

            final MemorySegment in = arena.allocate(JAVA_INT);
            final MemorySegment out = arena.allocate(JAVA_INT);
            in.set(JAVA_INT, 0, rank + 1);
            mpi.allreduce(in, out, 1, Mpi.Datatype.INT, Mpi.Op.SUM);
            expect(errors, "Allreduce SUM", size * (size + 1) / 2, out.get(JAVA_INT, 0));
            mpi.allreduce(in, out, 1, Mpi.Datatype.INT, Mpi.Op.MAX);
            expect(errors, "Allreduce MAX", size, out.get(JAVA_INT, 0));
            final MemorySegment d = arena.allocate(JAVA_DOUBLE);
            final MemorySegment dSum = arena.allocate(JAVA_DOUBLE);
            d.set(JAVA_DOUBLE, 0, 0.5 * rank);
            mpi.allreduce(d, dSum, 1, Mpi.Datatype.DOUBLE, Mpi.Op.SUM);
            expect(errors, "Allreduce DOUBLE SUM x4", size * (size - 1), (int) (4 * dSum.get(JAVA_DOUBLE, 0)));

            final MemorySegment b = arena.allocate(JAVA_INT);
            b.set(JAVA_INT, 0, rank == size - 1 ? 4242 : -1);
            mpi.bcast(b, 1, Mpi.Datatype.INT, size - 1);
            expect(errors, "Bcast", 4242, b.get(JAVA_INT, 0));

            // Rank r contributes r + 1 values 100 r + i.
            final MemorySegment counts = arena.allocate(JAVA_INT, size);
            final MemorySegment displacements = arena.allocate(JAVA_INT, size);
            int total = 0;
            for (int r = 0; r < size; r++)
            {
                counts.setAtIndex(JAVA_INT, r, r + 1);
                displacements.setAtIndex(JAVA_INT, r, total);
                total += r + 1;
            }
            final MemorySegment mine = arena.allocate(JAVA_INT, rank + 1);
            for (int i = 0; i <= rank; i++)
            {
                mine.setAtIndex(JAVA_INT, i, 100 * rank + i);
            }
            final MemorySegment gathered = arena.allocate(JAVA_INT, total);
            mpi.allgatherv(mine, rank + 1, Mpi.Datatype.INT, gathered, counts, displacements);
            checkRagged(errors, "Allgatherv", gathered, size);
            final MemorySegment rooted = arena.allocate(JAVA_INT, total);
            mpi.gatherv(mine, rank + 1, Mpi.Datatype.INT, rooted, counts, displacements, 0);
            if (rank == 0)
            {
                checkRagged(errors, "Gatherv", rooted, size);
            }

            // Rank s sends d + 1 values 1000 s + d to rank d, so rank r receives r + 1 values from each rank.
            final MemorySegment sendCounts = arena.allocate(JAVA_INT, size);
            final MemorySegment sendDisplacements = arena.allocate(JAVA_INT, size);
            final MemorySegment receiveCounts = arena.allocate(JAVA_INT, size);
            final MemorySegment receiveDisplacements = arena.allocate(JAVA_INT, size);
            final MemorySegment sendBuffer = arena.allocate(JAVA_INT, total);
            final MemorySegment receiveBuffer = arena.allocate(JAVA_INT, (long) size * (rank + 1));
            int at = 0;
            for (int dest = 0; dest < size; dest++)
            {
                sendCounts.setAtIndex(JAVA_INT, dest, dest + 1);
                sendDisplacements.setAtIndex(JAVA_INT, dest, at);
                for (int i = 0; i <= dest; i++)
                {
                    sendBuffer.setAtIndex(JAVA_INT, at++, 1000 * rank + dest);
                }
                receiveCounts.setAtIndex(JAVA_INT, dest, rank + 1);
                receiveDisplacements.setAtIndex(JAVA_INT, dest, dest * (rank + 1));
            }
            mpi.alltoallv(sendBuffer, sendCounts, sendDisplacements, receiveBuffer, receiveCounts,
                receiveDisplacements, Mpi.Datatype.INT);
            for (int source = 0; source < size; source++)
            {
                for (int i = 0; i <= rank; i++)
                {
                    expect(errors, "Alltoallv from " + source, 1000 * source + rank,
                        receiveBuffer.getAtIndex(JAVA_INT, (long) source * (rank + 1) + i));
                }
            }
            mpi.barrier();
        }

        // Spikes: capacity 4 per rank; the second step overflows on every rank but rank 0.
        final int[] received = new int[1000];
        for (int step = 0; step < 2; step++)
        {
            final int[] fired = fired(rank, step);
            final int n = exchange.exchange(fired, fired.length, received);
            int[] want = new int[0];
            for (int r = 0; r < size; r++)
            {
                final int[] theirs = fired(r, step);
                final int[] joined = Arrays.copyOf(want, want.length + theirs.length);
                System.arraycopy(theirs, 0, joined, want.length, theirs.length);
                want = joined;
            }
            if (!Arrays.equals(want, Arrays.copyOf(received, n)))
            {
                errors.add("exchange step " + step + ": expected " + Arrays.toString(want) + ", got " +
                    Arrays.toString(Arrays.copyOf(received, n)));
            }
        }
        expect(errors, "overflow rounds", size > 1 ? 1 : 0, (int) ((MpiSpikeExchange) exchange).overflows());
        exchange.close();
        if (errors.isEmpty())
        {
            System.out.println("rank " + rank + "/" + size + ": ok (" + mpi.flavour() + ", " + mpi.library() + ")");
        }
        else
        {
            System.out.println("rank " + rank + "/" + size + ": " + String.join("; ", errors));
            System.exit(1);
        }
    }

    /**
     * Rank {@code failing} reports a failure and aborts; every other rank waits in exchanges that can never
     * complete, so only MPI_Abort ends the job.
     */
    private static void failOn(final int failing, final SpikeExchange exchange)
    {
        final int[] all = new int[1000];
        if (exchange.rank() == failing)
        {
            System.out.println("rank " + failing + ": failing on purpose");
            System.out.flush();
            exchange.abort(3);
        }
        for (int step = 0; ; step++)
        {
            exchange.exchange(new int[] {step}, 1, all);
        }
    }

    /** Step 0: r + 1 ids; step 1: 2 r + 3 ids (more than the capacity of 4 from rank 1 on). */
    private static int[] fired(final int rank, final int step)
    {
        final int n = step == 0 ? rank + 1 : 2 * rank + 3;
        final int[] ids = new int[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = 100 * rank + 7 * i + step;
        }
        return ids;
    }

    private static void checkRagged(final List<String> errors, final String call, final MemorySegment values,
        final int size)
    {
        int at = 0;
        for (int r = 0; r < size; r++)
        {
            for (int i = 0; i <= r; i++)
            {
                expect(errors, call + "[" + at + "]", 100 * r + i, values.getAtIndex(JAVA_INT, at++));
            }
        }
    }

    private static void expect(final List<String> errors, final String what, final int expected, final int actual)
    {
        if (expected != actual)
        {
            errors.add(what + ": expected " + expected + ", got " + actual);
        }
    }

    /**
     * Times exchanges of {@code ids} ids per rank (after as many warm-up exchanges): the fixed-size block of
     * {@link MpiSpikeExchange}, then the counts-then-ids alternative (MPI_Allgather of one count, MPI_Allgatherv of
     * the ids) on the same native buffers.
     */
    private static void latency(final int steps, final int ids)
    {
        try (MpiSpikeExchange exchange = new MpiSpikeExchange(Mpi.init(), ids, ids * 64);
             Arena arena = Arena.ofConfined())
        {
            final Mpi mpi = exchange.mpi();
            final int size = mpi.size();
            final int[] fired = new int[ids];
            for (int i = 0; i < ids; i++)
            {
                fired[i] = exchange.rank() * 1_000_000 + i;
            }
            final int[] all = new int[ids * 64];
            final long[] block = new long[steps];
            for (int s = -steps; s < steps; s++)
            {
                final long start = System.nanoTime();
                exchange.exchange(fired, ids, all);
                if (s >= 0)
                {
                    block[s] = System.nanoTime() - start;
                }
            }
            final MemorySegment count = arena.allocate(JAVA_INT);
            final MemorySegment counts = arena.allocate(JAVA_INT, size);
            final MemorySegment displacements = arena.allocate(JAVA_INT, size);
            final MemorySegment send = arena.allocate(JAVA_INT, ids);
            final MemorySegment received = arena.allocate(JAVA_INT, (long) ids * size);
            final long[] twoRounds = new long[steps];
            for (int s = -steps; s < steps; s++)
            {
                final long start = System.nanoTime();
                count.set(JAVA_INT, 0, ids);
                MemorySegment.copy(fired, 0, send, JAVA_INT, 0, ids);
                mpi.allgather(count, 1, Mpi.Datatype.INT, counts);
                int total = 0;
                for (int r = 0; r < size; r++)
                {
                    displacements.setAtIndex(JAVA_INT, r, total);
                    total += counts.getAtIndex(JAVA_INT, r);
                }
                mpi.allgatherv(send, ids, Mpi.Datatype.INT, received, counts, displacements);
                MemorySegment.copy(received, JAVA_INT, 0, all, 0, total);
                if (s >= 0)
                {
                    twoRounds[s] = System.nanoTime() - start;
                }
            }
            Arrays.sort(block);
            Arrays.sort(twoRounds);
            if (exchange.rank() == 0)
            {
                System.out.printf(Locale.ROOT, "%d ids per rank, %d ranks, %s: fixed block p50 %.2f us, p99 %.2f us; " +
                        "counts then Allgatherv p50 %.2f us, p99 %.2f us%n", ids, size, mpi.flavour(),
                    block[steps / 2] * 1e-3, block[(int) (steps * 0.99)] * 1e-3, twoRounds[steps / 2] * 1e-3,
                    twoRounds[(int) (steps * 0.99)] * 1e-3);
            }
        }
    }
}
