package org.izhsim.network.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
