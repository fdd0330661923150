package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.build.ReferenceNetworks;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints of dastdp2007 networks keep the dopamine level and the pending rewards: 400 ms, a checkpoint and
 * 200 resumed ms equal 600 unbroken ms, spikes, weights and eligibility traces byte for byte, from 1 to 2 threads
 * and from 2 to 1.
 */
class DopamineCheckpointTest
{
    @TempDir
    Path dir;

    /**
     * The shipped dastdp2007 network with rewards 100..200 ms after a pre-post pairing within 100 ms (the shipped
     * delay is 1..3 s), so that a reward is pending at the checkpoint and delivered after it: with seed 1 the
     * pre neuron fires at 249 ms and the post neuron at 331 ms.
     */
    static ExperimentConfig shortRewards() throws Exception
    {
        final String yaml = Files.readString(Path.of("..", "configs", "dastdp2007.yaml"));
        final String changed = yaml.replace("window_ms: 20, delay_min_ms: 1001, delay_max_ms: 3000",
            "window_ms: 100, delay_min_ms: 100, delay_max_ms: 200");
        assertTrue(!changed.equals(yaml), "configs/dastdp2007.yaml no longer has the reward this test shortens");
        return ExperimentLoader.parse(changed, "dastdp2007.yaml");
    }

    private record Run(SimulationResult tail, PlasticWeights weights, double level, long[] pending, double end)
    {
    }

    /** 600 ms unbroken with {@code threads}, keeping the last 200 ms; the checkpoint at 400 ms goes to file. */
    private static Run unbroken(final ExperimentConfig config, final int threads, final Path file)
    {
        try (Network net = Network.build(NetworkAssembler.builder(config).threads(threads).plan()))
        {
            net.run(400);
            net.saveState(file);
            final double level = net.dopamine().level();
            final long[] pending = net.dopamine().pending();
            final SimulationResult tail = net.run(200);
            return new Run(tail, PlasticWeights.of(net.synapses(), net.plasticity()), level, pending,
                net.dopamine().level());
        }
    }

    @Test
    void resumedDopamineRunIsBitIdenticalToAnUnbrokenOneAcrossThreadCounts() throws Exception
    {
        final ExperimentConfig config = shortRewards();
        final Run one = unbroken(config, 1, dir.resolve("one.ckpt"));
        final Run two = unbroken(config, 2, dir.resolve("two.ckpt"));
        assertTrue(one.pending().length > 0, "no reward pending at 400 ms: the test would not check them");
        assertArrayEquals(Files.readAllBytes(dir.resolve("one.ckpt")), Files.readAllBytes(dir.resolve("two.ckpt")),
            "the checkpoint at 400 ms is the same file for 1 and 2 threads");
        assertArrayEquals(one.weights().weights(), two.weights().weights());
        for (final String[] resume : new String[][] {{"one.ckpt", "2"}, {"two.ckpt", "1"}})
        {
            try (Network net = Network.build(NetworkAssembler.builder(config).threads(Integer.parseInt(resume[1]))
                .plan()))
            {
                net.restoreState(dir.resolve(resume[0]));
                assertEquals(one.level(), net.dopamine().level(), 0.0);
                assertArrayEquals(one.pending(), net.dopamine().pending());
                final SimulationResult resumed = net.run(200);
                final PlasticWeights after = PlasticWeights.of(net.synapses(), net.plasticity());
                assertTrue(one.end() > one.level(), "the pending reward was delivered after the checkpoint");
                assertEquals(one.end(), net.dopamine().level(), 0.0);
                final String what = resume[0] + " resumed with " + resume[1] + " threads";
                assertTrue(one.tail().spikeSteps().length > 100);
                assertArrayEquals(one.tail().spikeSteps(), resumed.spikeSteps(), what);
                assertArrayEquals(one.tail().spikeNeurons(), resumed.spikeNeurons(), what);
                assertArrayEquals(one.weights().weights(), after.weights(), what);
                assertArrayEquals(one.weights().derivatives(), after.derivatives(), what + ": eligibility traces");
            }
        }
    }

    @Test
    void aDopamineCheckpointIsRefusedByANetworkWithoutDopamine() throws Exception
    {
        final ExperimentConfig config = shortRewards();
        try (Network net = Network.build(NetworkAssembler.builder(config).threads(1).plan()))
        {
            net.run(5);
            net.saveState(dir.resolve("da.ckpt"));
        }
        try (Network net = Network.build(ReferenceNetworks.spnet2006().seed(9).threads(1)))
        {
            net.run(5);
            net.saveState(dir.resolve("spnet.ckpt"));
            final InputException e = assertThrows(InputException.class, () -> net.restoreState(dir.resolve("da.ckpt")));
            assertTrue(e.getMessage().contains("made with"), e.getMessage());
        }
    }

    /** The reward is a term of the rule: a checkpoint resumed with another rewarded synapse is refused naming it. */
    @Test
    void aDopamineCheckpointResumedWithAnotherRewardIsRefusedNamingIt() throws Exception
    {
        try (Network net = Network.build(NetworkAssembler.builder(shortRewards()).threads(1).plan()))
        {
            net.run(5);
            net.saveState(dir.resolve("da.ckpt"));
        }
        final String yaml = Files.readString(Path.of("..", "configs", "dastdp2007.yaml"));
        final String otherWindow = yaml.replace("window_ms: 20, delay_min_ms: 1001, delay_max_ms: 3000",
            "window_ms: 50, delay_min_ms: 100, delay_max_ms: 200");
        try (Network net = Network.build(NetworkAssembler.builder(ExperimentLoader.parse(otherWindow, "dastdp2007.yaml"))
            .threads(2).plan()))
        {
            assertEquals("checkpoint " + dir.resolve("da.ckpt") + " was made with plasticity reward window_ms 100, " +
                "this network has reward window_ms 50",
                assertThrows(InputException.class, () -> net.restoreState(dir.resolve("da.ckpt"))).getMessage());
        }
    }

    /**
     * A file of format 4 names no rule, and its run may have had a longer delay_max than the network resuming it:
     * 3,000 rewards pending (delay_max 3000) restored into a rule of delay_max 200 ended the run with an
     * IllegalArgumentException. They are kept, delivered when due, beside the rule's own.
     */
    @Test
    void rewardsPendingFromALongerDelayMaxAreKeptAndDeliveredWhenDue() throws Exception
    {
        try (Network net = Network.build(NetworkAssembler.builder(shortRewards()).threads(2).plan()))
        {
            final long[] pending = new long[3000];
            java.util.Arrays.setAll(pending, k -> 1 + k);
            net.restoreDopamine(new Dopamine.State(0, Long.MIN_VALUE / 2, pending));
            net.run(10);
            assertEquals(2991, net.dopamine().pending().length, "the rewards due in steps 1 to 9 were delivered");
            assertTrue(net.dopamine().level() > 0);
            net.run(3000);
            assertTrue(net.dopamine().pending().length <= 201, "only the rule's own rewards are left: " +
                net.dopamine().pending().length);
        }
    }

    /**
     * A post neuron that fires in the window every step schedules a reward every step: with 9 s delays 9,000 are
     * pending at once, and a fixed room for 4096 ended the run with an IllegalStateException, a stack trace and no
     * outputs. Room for delay_max + 1, and a delay_max above 100 s is refused in the config.
     */
    @Test
    void aRewardScheduledEveryStepForNineSecondsKeepsThemAllPending() throws Exception
    {
        final String yaml = String.join("\n",
            "duration_ms: 10000",
            "populations:",
            "  pre:  {size: 1, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 10}}",
            "  post: {size: 1, params: {a: 0.02, b: 0.2, c: -65, d: 8}, input: {dc: 1000}}",
            "projections:",
            "  - from: pre",
            "    to: post",
            "    rule: all_to_all",
            "    weight: 0",
            "    plasticity: {rule: dastdp2007, reward: {pre: 0, post: 1, window_ms: 100, delay_min_ms: 9000, " +
                "delay_max_ms: 9000}}",
            "  - {from: post, to: pre, rule: all_to_all, weight: 0}", "");
        try (Network net = Network.build(NetworkAssembler.builder(ExperimentLoader.parse(yaml, "pending.yaml"))
            .threads(1).plan()))
        {
            net.run(9500);
            assertTrue(net.dopamine().pending().length > 4096, "pending: " + net.dopamine().pending().length);
            assertTrue(net.dopamine().level() > 0, "the first rewards arrived after 9 s");
        }
        final String tooLong = yaml.replace("delay_max_ms: 9000", "delay_max_ms: 100001");
        final InputException e = assertThrows(InputException.class, () -> ExperimentLoader.parse(tooLong, "long.yaml"));
        assertTrue(e.getMessage().startsWith("long.yaml:10:") &&
            e.getMessage().contains("'delay_max_ms' (100001) must be at most 100000 ms"), e.getMessage());
    }
}
