package org.izhsim.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.izhsim.core.InputException;
import org.izhsim.network.build.MemoryEstimate;
import org.izhsim.output.HeapAdvice;
import org.izhsim.network.build.MachineMemory;
import org.junit.jupiter.api.Test;

/**
 * Under MPI each rank checks its own share, and what it prints or refuses names the rank; the machine's memory (fake
 * values here) refuses what it cannot hold whatever the heap, and what it does not have available now is warned of.
 */
class MemoryCheckTest
{
    @Test
    void aRanksShareThatDoesNotFitIsRefusedNamingTheRank()
    {
        final long tooMuch = Runtime.getRuntime().maxMemory() * 2;
        final MemoryEstimate share = new MemoryEstimate(1, tooMuch, 0, 0, 0, 0, 0, 0, 0);
        final StringWriter printed = new StringWriter();
        final InputException e = assertThrows(InputException.class,
            () -> MemoryCheck.require("big", share, 1, new PrintWriter(printed, true), "rank 2 of 4", 0, null));
        assertTrue(printed.toString().startsWith("big: memory estimate (rank 2 of 4's share) about "), printed.toString());
        assertTrue(e.getMessage().startsWith("big needs on rank 2 of 4 about "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", or more ranks"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aSingleProcessRefusalSaysNothingOfRanks()
    {
        final MemoryEstimate whole = new MemoryEstimate(1, Runtime.getRuntime().maxMemory() * 2, 0, 0, 0, 0, 0, 0, 0);
        final InputException e = assertThrows(InputException.class, () -> MemoryCheck.require("big", whole, 1, null));
        assertTrue(e.getMessage().startsWith("big needs about "), e.getMessage());
        assertTrue(!e.getMessage().contains("rank"), e.getMessage());
    }

    private static final long MB = 1_000_000;

    /** A machine of {@code total} bytes with {@code available} of them available. */
    private static MachineMemory machine(final long total, final long available)
    {
        return new MachineMemory(total, available);
    }

    /** An estimate of {@code bytes} of synapses. */
    private static MemoryEstimate of(final long bytes)
    {
        return new MemoryEstimate(1, bytes, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * 10 MB fits any test heap: on a machine of 8 MB it is refused, one line, naming the machine's memory and
     * no -Xmx (-Xmx40g on a 24 GB machine accepted 30 GB, which the kernel kills while it is built).
     */
    @Test
    void aNetworkLargerThanTheMachinesMemoryIsRefusedWhateverTheHeap()
    {
        final StringWriter warned = new StringWriter();
        final InputException e = assertThrows(InputException.class, () -> MemoryCheck.require("big", of(10 * MB), 1,
            null, null, 0, new PrintWriter(warned, true), machine(8 * MB, 8 * MB)));
        assertTrue(e.getMessage().startsWith("big needs about 10 MB (synapses 10 MB for 1 synapses, "), e.getMessage());
        assertTrue(e.getMessage().matches(".*\\), and the heap that takes \\(-Xmx\\d+m, \\d+ MB with the launcher's " +
            "collector\\) is more than the 8 MB of memory \\(RAM\\) this machine has, whatever the heap: use fewer neurons " +
            "or synapses, a machine with more memory, or MPI ranks on several machines \\(README, \"MPI ranks\"\\)"),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals("", warned.toString());
        // The warm-up copy counts: 2 x 5 MB on the same machine.
        assertThrows(InputException.class, () -> MemoryCheck.require("big", of(5 * MB), 2, null, null, 0, null,
            machine(8 * MB, 8 * MB)));
    }

    /** Each rank compares its own share with its own machine's memory, and the refusal names the rank. */
    @Test
    void aRanksShareLargerThanItsMachinesMemoryIsRefusedNamingTheRank()
    {
        final InputException e = assertThrows(InputException.class, () -> MemoryCheck.require("big", of(10 * MB), 1,
            null, "rank 1 of 2", 0, null, machine(8 * MB, 8 * MB)));
        assertTrue(e.getMessage().startsWith("big needs on rank 1 of 2 about 10 MB ("), e.getMessage());
        assertTrue(e.getMessage().endsWith(" of memory (RAM) this machine has, whatever the heap: use fewer neurons or " +
            "synapses, a machine with more memory, or more ranks"), e.getMessage());
        assertTrue(e.getMessage().contains(", and the heap that takes (-Xmx"), e.getMessage());
    }

    /**
     * The heap's refusal said -Xmx30g on a 24 GB machine: a network whose heap, with the collector's headroom, is more
     * than the machine's memory is refused for the machine, with no -Xmx (a 25.3 GB network on a 25.3 GB machine
     * passed under -Xmx40g with a warning, the bare estimate against the RAM); on a machine that holds it, the -Xmx
     * with the launcher's options.
     */
    @Test
    void theHeapRefusalSuggestsNoHeapLargerThanTheMachinesMemory()
    {
        final long needed = Runtime.getRuntime().maxMemory() * 2;
        final InputException small = assertThrows(InputException.class, () -> MemoryCheck.require("big", of(needed),
            1, null, null, 0, null, machine(needed + needed / 100, needed)));
        assertTrue(small.getMessage().matches(".*\\), and the heap that takes \\(-Xmx\\d+[mg], [0-9.]+ [MG]B with the " +
            "launcher's collector\\) is more than the " + MemoryEstimate.bytes(needed + needed / 100).replace(".", "\\.") +
            " of memory \\(RAM\\) this machine has, whatever the heap: use fewer neurons or synapses, a machine with " +
            "more memory, or MPI ranks on several machines \\(README, \"MPI ranks\"\\)"), small.getMessage());
        assertFalse(small.getMessage().contains("SIM_JAVA_OPTS"), small.getMessage());

        final InputException large = assertThrows(InputException.class, () -> MemoryCheck.require("big", of(needed),
            1, null, null, 0, null, machine(needed * 4, needed * 4)));
        assertTrue(large.getMessage().matches(".*: give Java more heap if the machine has the memory \\(SIM_JAVA_OPTS=" +
            "'-Xmx\\d+[mg] -Xmn64m -XX:\\+UseParallelGC' for \\./sim\\), or use fewer neurons or synapses"),
            large.getMessage());
    }

    /**
     * The machine's refusal and the heap's advice disagreed: a 23.6 GB network on a 25.3 GB machine passed the machine
     * (the estimate and 5 %) while the advice named -Xmx24g, 25.8 GB, more than the machine, and under exactly that
     * -Xmx it ran; under G1 the machine's check took 20 % and refused what the launcher's collector runs. The machine
     * is now judged by the advice's own -Xmx, whatever this JVM's collector.
     */
    @Test
    void theMachinesRefusalAndTheHeapsAdviceAgree()
    {
        final InputException e = assertThrows(InputException.class, () -> MemoryCheck.require("big",
            of(23_600_000_000L), 1, null, null, 0, null, machine(25_300_000_000L, 25_300_000_000L)));
        assertTrue(e.getMessage().contains(", and the heap that takes (-Xmx24g, 25.8 GB with the launcher's collector) " +
            "is more than the 25.3 GB of memory (RAM) this machine has, whatever the heap: "), e.getMessage());
        // 21.1 GB: -Xmx23g (24.7 GB) fits the machine, which does not refuse it whatever this JVM's collector.
        final InputException heap = assertThrows(InputException.class, () -> MemoryCheck.require("big",
            of(21_100_000_000L), 1, null, null, 0, null, machine(25_300_000_000L, 25_300_000_000L)));
        assertTrue(heap.getMessage().contains("this JVM may use (heap limit ") &&
            heap.getMessage().contains("SIM_JAVA_OPTS='-Xmx"), heap.getMessage());
    }

    /**
     * With 8 GB held by other programs the launcher's heap (75 % of the RAM) accepted a 15 GB network on a 24 GB
     * machine, silently: one warning line, and the check goes on.
     */
    @Test
    void aNetworkLargerThanTheMemoryAvailableNowIsWarnedOfAndGoesOn()
    {
        final StringWriter warned = new StringWriter();
        MemoryCheck.require("big", of(10 * MB), 1, null, "rank 0 of 2", 0, new PrintWriter(warned, true),
            machine(1000 * MB, 6 * MB));
        assertEquals("sim: warning: big needs about 10 MB on rank 0 of 2, more than the 6 MB of this machine's " +
            "1.0 GB of memory that is available now: other programs hold 994 MB: the run may be killed or swap\n",
            warned.toString().replace(System.lineSeparator(), "\n"));

        final StringWriter quiet = new StringWriter();
        MemoryCheck.require("big", of(10 * MB), 1, null, null, 0, new PrintWriter(quiet, true),
            machine(1000 * MB, 11 * MB));
        MemoryCheck.require("big", of(10 * MB), 1, null, null, 0, new PrintWriter(quiet, true), MachineMemory.UNKNOWN);
        assertEquals("", quiet.toString(), "enough available, or a machine whose memory is not known");
    }

    /** The advice of the out-of-heap hints (spikes.h5, a connections or spike_times file) is the refusal's. */
    @Test
    void theOutOfHeapHintsGiveTheLaunchersOptionsAndNoHeapLargerThanTheMachine()
    {
        assertEquals("give Java more heap if the machine has the memory (SIM_JAVA_OPTS='-Xmx100m -Xmn64m " +
            "-XX:+UseParallelGC' for ./sim)", HeapAdvice.moreHeap(96L << 20, machine(1L << 30, 1L << 30)));
        assertEquals("the heap that takes (-Xmx100m, 105 MB) is more than the 67 MB of memory (RAM) this machine has",
            HeapAdvice.moreHeap(96L << 20, machine(64L << 20, 64L << 20)));
    }

    /** A rank's warm-up copy lives beside its share: the refusal names the way out that needs no more heap. */
    @Test
    void aRefusalCountingTheWarmupCopyNamesWarmupZero()
    {
        final MemoryEstimate share = new MemoryEstimate(1, Runtime.getRuntime().maxMemory() / 3 * 2, 0, 0, 0, 0, 0, 0, 0);
        final InputException e = assertThrows(InputException.class,
            () -> MemoryCheck.require("big", share, 2, null, "rank 0 of 2", 0, null, MachineMemory.UNKNOWN));
        assertTrue(e.getMessage().contains(" twice (the warm-up copy; --warmup 0 builds none)"), e.getMessage());
    }
}
