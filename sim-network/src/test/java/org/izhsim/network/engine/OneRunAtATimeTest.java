package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One run of a network at a time: a second run() from another thread stepped the same state (NaN after 45 steps,
 * then "input too large") or, with 2 threads, never returned; saveState and restoreState during a run wrote a
 * checkpoint of mixed steps or changed the run under way (restoreState from a stream was the last to be checked).
 * Each is refused now while a run is in progress, and the run under way ends as if alone.
 */
class OneRunAtATimeTest
{
    private static final int STEPS = 3000;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void aSecondRunACheckpointOrAWeightReadDuringARunAreRefusedAndTheRunEndsAsIfAlone(final int threads)
        throws Exception
    {
        final SimulationResult alone;
        final byte[] checkpoint;
        try (Network reference = Network.build(NetworkChecksumTest.smallDelayed().threads(threads)))
        {
            alone = reference.run(STEPS);
            final ByteArrayOutputStream saved = new ByteArrayOutputStream();
            reference.saveState(saved);
            checkpoint = saved.toByteArray();
        }
        try (Network network = Network.build(NetworkChecksumTest.smallDelayed().threads(threads)))
        {
            final CountDownLatch started = new CountDownLatch(1);
            final CountDownLatch checked = new CountDownLatch(1);
            final CompletableFuture<SimulationResult> first = CompletableFuture.supplyAsync(() ->
                network.run(STEPS, (done, total, nanos) ->
                {
                    if (done == 100)
                    {
                        started.countDown();
                        try
                        {
                            // Hold the run here while the other thread tries its calls.
                            assertTrue(checked.await(30, TimeUnit.SECONDS));
                        }
                        catch (final InterruptedException ex)
                        {
                            Thread.currentThread().interrupt();
                        }
                    }
                }));
            assertTrue(started.await(30, TimeUnit.SECONDS), "the first run reached step 100");
            try
            {
                assertTrue(assertThrows(IllegalStateException.class, () -> network.run(10)).getMessage()
                    .startsWith("this network is running"));
                assertTrue(assertThrows(IllegalStateException.class, () -> network.saveState(tmp.resolve("s.ckpt")))
                    .getMessage().startsWith("cannot save the state while this network is running"));
                assertThrows(IllegalStateException.class, () -> network.saveState(new ByteArrayOutputStream()));
                assertThrows(IllegalStateException.class, () -> network.restoreState(tmp.resolve("s.ckpt")));
                // From a stream too: it replaced the state under the run, which then ended "completed" at step 3000.
                assertTrue(assertThrows(IllegalStateException.class, () -> network.restoreState(
                    new ByteArrayInputStream(checkpoint), "stream")).getMessage()
                    .startsWith("cannot restore a state while this network is running"));
                assertThrows(IllegalStateException.class, network::plasticWeights);
            }
            finally
            {
                checked.countDown();
            }
            final SimulationResult result = first.get(60, TimeUnit.SECONDS);
            assertEquals(SimulationResult.StopReason.COMPLETED, result.stopReason());
            assertArrayEquals(alone.spikeSteps(), result.spikeSteps(), "spike times");
            assertArrayEquals(alone.spikeNeurons(), result.spikeNeurons(), "spike neurons");
            // And between runs everything works again.
            network.saveState(tmp.resolve("after.ckpt"));
            assertEquals(10, network.run(10).steps());
        }
    }

    /**
     * streamSpikesTo and discardSpikes say "later runs", but a call during a run changed the run under way: its end
     * merged in-memory records as files ("this recorder does not spill", the run's spikes lost) or dropped every
     * spike it had recorded (a result of 0 spikes). The run under way keeps its spikes; the next run follows the call.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void changingHowSpikesAreKeptDuringARunTakesEffectAtTheNextRun(final int threads) throws Exception
    {
        final SimulationResult alone;
        try (Network reference = Network.build(NetworkChecksumTest.smallDelayed().threads(threads)))
        {
            alone = reference.run(STEPS);
        }
        try (Network network = Network.build(NetworkChecksumTest.smallDelayed().threads(threads)))
        {
            final SimulationResult streamedLate = runWhile(network, () -> network.streamSpikesTo(tmp));
            assertArrayEquals(alone.spikeSteps(), streamedLate.spikeSteps(), "spike times");
            assertArrayEquals(alone.spikeNeurons(), streamedLate.spikeNeurons(), "spike neurons");
            final SimulationResult streamed = network.run(10);
            assertTrue(streamed.spikeFile() != null, "the next run streams its spikes");

            final SimulationResult discardedLate = runWhile(network, network::discardSpikes);
            assertTrue(discardedLate.spikeFile() != null, "the run under way still streams");
            assertTrue(discardedLate.spikeCount() > 0, "and keeps its spikes");
            assertEquals(0, network.run(100).spikeCount(), "the next run keeps none");
        }
    }

    /**
     * A progress listener runs on the run's own thread, where a checkpoint "every 100 steps" is a natural idea: it is
     * refused as a call from another thread is, but the message said the run was on another thread.
     */
    @Test
    void callsFromTheRunsOwnProgressListenerAreRefusedAndSaySo()
    {
        try (Network network = Network.build(NetworkChecksumTest.smallDelayed().threads(1)))
        {
            final List<String> refusals = new ArrayList<>();
            final SimulationResult result = network.run(200, (done, total, nanos) ->
            {
                refusals.add(assertThrows(IllegalStateException.class, () -> network.saveState(tmp.resolve("s.ckpt")))
                    .getMessage());
                refusals.add(assertThrows(IllegalStateException.class, () -> network.run(5)).getMessage());
            });
            assertEquals(200, result.steps());
            assertEquals("cannot save the state while this network is running (a run on another thread, or this call " +
                "from the run's progress listener) or busy (a save, restore or weight read on another thread): call it " +
                "between runs", refusals.get(0));
            assertEquals("this network is running (a run on another thread, or this call from the run's progress " +
                "listener) or busy (a save, restore or weight read on another thread): one at a time", refusals.get(1));
        }
    }

    /**
     * The other way round: a run begun on another thread while saveState or restoreState was at work was accepted
     * (only a run in progress was checked), and both reported success: the checkpoint held neurons of step 300 and of
     * later steps (refused on restore as "its v 78 is 164.4, above 30"; a tear below 30 mV would have passed), and the
     * restore left a state that neither order gives. A run, a close, a second save or a weight read during a save or
     * a restore are refused now, and the checkpoint is the one an undisturbed save writes.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2})
    void aRunOrCloseBegunDuringASaveOrARestoreIsRefusedAndTheCheckpointIsWhole(final int threads) throws Exception
    {
        try (Network network = Network.build(NetworkChecksumTest.smallDelayed().threads(threads)))
        {
            network.run(300);
            final ByteArrayOutputStream undisturbed = new ByteArrayOutputStream();
            network.saveState(undisturbed);
            final List<String> refusals = new ArrayList<>();
            final Runnable tryEverything = () ->
            {
                refusals.add(assertThrows(IllegalStateException.class, () -> network.run(10)).getMessage());
                refusals.add(assertThrows(IllegalStateException.class, network::close).getMessage());
                refusals.add(assertThrows(IllegalStateException.class, () -> network.saveState(tmp.resolve("x.ckpt")))
                    .getMessage());
                refusals.add(assertThrows(IllegalStateException.class, network::plasticWeights).getMessage());
            };
            // A save whose stream holds its first write until another thread has tried each call.
            final ByteArrayOutputStream saved = new ByteArrayOutputStream();
            network.saveState(new java.io.FilterOutputStream(saved)
            {
                private boolean tried;

                @Override
                public void write(final byte[] b, final int off, final int len) throws java.io.IOException
                {
                    tryOnce();
                    out.write(b, off, len);
                }

                @Override
                public void write(final int b) throws java.io.IOException
                {
                    tryOnce();
                    out.write(b);
                }

                private void tryOnce()
                {
                    if (!tried)
                    {
                        tried = true;
                        CompletableFuture.runAsync(tryEverything).join();
                    }
                }
            });
            assertArrayEquals(undisturbed.toByteArray(), saved.toByteArray(), "the checkpoint of step 300");
            // A restore whose stream holds its first read likewise.
            final byte[] bytes = saved.toByteArray();
            network.restoreState(new java.io.FilterInputStream(new ByteArrayInputStream(bytes))
            {
                private boolean tried;

                @Override
                public int read() throws java.io.IOException
                {
                    tryOnce();
                    return super.read();
                }

                @Override
                public int read(final byte[] b, final int off, final int len) throws java.io.IOException
                {
                    tryOnce();
                    return super.read(b, off, len);
                }

                private void tryOnce()
                {
                    if (!tried)
                    {
                        tried = true;
                        CompletableFuture.runAsync(tryEverything).join();
                    }
                }
            }, "held stream");
            assertEquals(8, refusals.size());
            for (final String refusal : refusals)
            {
                assertTrue(refusal.contains("busy (a save, restore or weight read on another thread)"), refusal);
            }
            // Still whole: the restored state is step 300's, and it saves and runs again.
            final ByteArrayOutputStream again = new ByteArrayOutputStream();
            network.saveState(again);
            assertArrayEquals(bytes, again.toByteArray(), "the restored state");
            assertEquals(10, network.run(10).steps());
        }
    }

    /** A run of {@link #STEPS} steps of {@code network} during which another thread does {@code action}. */
    private static SimulationResult runWhile(final Network network, final Runnable action) throws Exception
    {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch acted = new CountDownLatch(1);
        final CompletableFuture<SimulationResult> run = CompletableFuture.supplyAsync(() ->
            network.run(STEPS, (done, total, nanos) ->
            {
                if (done == 100)
                {
                    started.countDown();
                    try
                    {
                        assertTrue(acted.await(30, TimeUnit.SECONDS));
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
        assertTrue(started.await(30, TimeUnit.SECONDS), "the run reached step 100");
        try
        {
            action.run();
        }
        finally
        {
            acted.countDown();
        }
        final SimulationResult result = run.get(60, TimeUnit.SECONDS);
        assertEquals(SimulationResult.StopReason.COMPLETED, result.stopReason());
        return result;
    }
}
