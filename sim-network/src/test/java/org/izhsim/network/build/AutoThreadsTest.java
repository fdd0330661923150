package org.izhsim.network.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code threads: auto} never asks for more threads than free cores, nor a second thread for a small network. */
class AutoThreadsTest
{
    @ParameterizedTest(name = "{0} neurons, {1} cores, load {2}: {3} threads")
    @CsvSource({
        "1000,    2, 0.1, 1",   // cortex2003: a step of ~9 us gains too little from a second thread
        "10000,   2, 0.1, 2",   // sparse10k on a quiet 2-core machine
        "10000,   2, 1.2, 1",   // one core kept busy by another program
        "10000,   2, 0.6, 1",   // rounded: about one busy core
        "10000,   2, 0.4, 2",
        "100000,  2, 7.5, 1",   // an oversubscribed machine: one thread, never zero
        "100000,  8, 3.0, 5",
        "100000,  8, -1.0, 8",  // load average unknown (Windows)
        "20000,   8, 0.0, 4",   // at most one thread per 4096 neurons
        "8191,    4, 0.0, 1",
        "8192,    4, 0.0, 2"})
    void autoIsTheFreeCoresCappedByNetworkSize(final int neurons, final int cores, final double load,
        final int expected)
    {
        assertEquals(expected, AutoThreads.choose(neurons, cores, load));
    }

    @Test
    void theCpuLineOfProcStatGivesAllTicksAndTheIdleOnes()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice (guest already counted in user)
        assertArrayEquals(new long[] {2404764 + 2456 + 182761 + 720983 + 3482 + 0 + 2726 + 4638, 720983 + 3482},
            AutoThreads.parseCpuLine("cpu  2404764 2456 182761 720983 3482 0 2726 4638 0 0"));
    }

    @Test
    void ownTicksAreUserPlusSystemTimeEvenWhenTheCommandNameHasSpacesAndParentheses()
    {
        final String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 0 0 20 0 30 0 999";
        assertEquals(1234 + 56, AutoThreads.parseOwnTicks(stat));
    }

    @Test
    void busyCoresAreTheMachinesNonIdleTicksLessOurOwn()
    {
        // 2 cores, 40 ticks in 200 ms: 10 idle, 30 busy, 10 of them ours -> 20 of 40 ticks = 1 core of others.
        assertEquals(1.0, AutoThreads.otherBusyCores(new long[] {1000, 500}, new long[] {1040, 510}, 10, 2), 1e-12);
        // everything busy was ours: no other program.
        assertEquals(0.0, AutoThreads.otherBusyCores(new long[] {0, 0}, new long[] {40, 20}, 20, 2), 1e-12);
        // no tick passed: unknown.
        assertTrue(AutoThreads.otherBusyCores(new long[] {7, 3}, new long[] {7, 3}, 0, 2) < 0);
    }

    @Test
    void onLinuxTheMachineIsReadNotGuessed()
    {
        if (Files.isReadable(Path.of("/proc/stat")))
        {
            final int cores = Runtime.getRuntime().availableProcessors();
            final double busy = AutoThreads.busyCoresNow(cores);
            assertTrue(busy >= 0 && busy <= cores, "busy cores " + busy + " of " + cores);
        }
    }
}
