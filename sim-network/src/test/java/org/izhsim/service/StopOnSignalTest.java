package org.izhsim.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Two signals close together: the first stops the run, the second does what it would have done without us. A second
 * one that came before the first had handed the signals back (5-50 ms apart) was taken for a first one and ignored
 * (a concurrency tester's runs went on to write their outputs). A handler of the test's own sits under ours, so that
 * no signal reaches the JVM's.
 */
class StopOnSignalTest
{
    @Test
    void aSecondSignalRightAfterTheFirstIsNotTakenForAFirst() throws Exception
    {
        final AtomicInteger reachedBelow = new AtomicInteger();
        final SignalHandler original = Signal.handle(new Signal("TERM"), signal -> reachedBelow.incrementAndGet());
        try
        {
            for (int round = 0; round < 50; round++)
            {
                final AtomicInteger stops = new AtomicInteger();
                final int below = reachedBelow.get();
                try (StopOnSignal signals = new StopOnSignal(stops::incrementAndGet))
                {
                    Signal.raise(new Signal("TERM"));
                    Signal.raise(new Signal("TERM"));
                    final long deadline = System.nanoTime() + 5_000_000_000L;
                    while (stops.get() + reachedBelow.get() - below < 2 && System.nanoTime() < deadline)
                    {
                        Thread.sleep(1);
                    }
                }
                assertEquals(1, stops.get(), "round " + round + ": the run is stopped once");
                assertEquals(below + 1, reachedBelow.get(), "round " + round + ": the second signal goes on");
            }
        }
        finally
        {
            Signal.handle(new Signal("TERM"), original);
        }
        assertTrue(reachedBelow.get() == 50);
    }
}
