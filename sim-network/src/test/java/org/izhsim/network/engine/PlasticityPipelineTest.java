package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.izhsim.config.ExperimentConfig;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plastic network at two threads runs its dynamics on one and its plasticity on the other, a few steps behind
 * ({@link PlasticityPipeline}): its spikes, weights and derivatives are one thread's, bit for bit, however its runs
 * are cut, across the weight updates and a stop; a failure on the dynamics' side ends the plasticity thread too.
 */
class PlasticityPipelineTest
{
    private static final Path SPNET = Path.of("..", "configs", "spnet2006.yaml");
    private static final Path DASTDP = Path.of("..", "configs", "dastdp2007.yaml");

    private static NetworkBuilder spnet(final int threads)
    {
        return network(SPNET, threads);
    }

    private static NetworkBuilder network(final Path config, final int threads)
    {
        return NetworkAssembler.builder(ExperimentLoader.load(config)).seed(1).threads(threads);
    }

    /** One thread's run of a network and its plastic weights after it: the reference. */
    private record OneThread(SimulationResult result, PlasticWeights weights)
    {
    }

    private static OneThread oneThread(final int steps)
    {
        return oneThread(SPNET, steps);
    }

    private static OneThread oneThread(final Path config, final int steps)
    {
        try (Network one = Network.build(network(config, 1)))
        {
            assertFalse(one.pipelinesPlasticity());
            final SimulationResult result = one.run(steps);
            return new OneThread(result, PlasticWeights.of(one.synapses(), one.plasticity()));
        }
    }

    @Test
    void spnet2006AtTwoThreadsCutIntoRunsAnywhereGivesOneThreadsSpikesWeightsAndDerivatives()
    {
        final int total = 3000;
        final OneThread one = oneThread(total);
        final SimulationResult whole = one.result();
        final PlasticWeights reference = one.weights();
        final List<int[]> steps = new ArrayList<>();
        final List<int[]> neurons = new ArrayList<>();
        try (Network two = Network.build(spnet(2)))
        {
            assertTrue(two.pipelinesPlasticity());
            assertEquals(2, two.threads());
            // The plasticity made to lag by whole milliseconds now and then, most before the updates at steps 999
            // and 1999: the dynamics must not run more than the ring's lead ahead of it, nor past an update it has
            // not made yet (the next step's delivery reads the new weights).
            final PlasticityPipeline pipeline = two.pipeline();
            pipeline.forceMode(1);
            final List<String> overtaken = new ArrayList<>();
            pipeline.beforePlasticStep(step ->
            {
                final long ahead = pipeline.dynamicsDone();
                if ((ahead > step + NetworkPlan.PIPELINE_LEAD || two.plasticity().updatesAfter(step) && ahead > step) &&
                    overtaken.size() < 5)
                {
                    overtaken.add("dynamics at " + ahead + " before the plasticity's step " + step);
                }
                if (step % 97 == 0 || step >= 980 && step < 1000 || step >= 1990 && step < 2000)
                {
                    LockSupport.parkNanos(1_000_000);
                }
            });
            // Ends of runs before, at and after the updates that end steps 999 and 1999, and a stop at 1500.
            for (final int length : new int[] {999, 1, 1, 498})
            {
                final SimulationResult part = two.run(length);
                steps.add(part.spikeSteps());
                neurons.add(part.spikeNeurons());
            }
            final SimulationResult stopped = two.run(total, (done, all, nanos) ->
            {
                if (done < all)
                {
                    two.requestStop();
                }
            });
            assertEquals(SimulationResult.StopReason.INTERRUPTED, stopped.stopReason());
            assertTrue(stopped.steps() < total - 1499, "steps " + stopped.steps());
            steps.add(stopped.spikeSteps());
            neurons.add(stopped.spikeNeurons());
            final SimulationResult rest = two.run(total - (int)two.currentStep());
            steps.add(rest.spikeSteps());
            neurons.add(rest.spikeNeurons());
            assertEquals(total, two.currentStep());
            assertEquals(List.of(), overtaken);
            final PlasticWeights weights = PlasticWeights.of(two.synapses(), two.plasticity());
            assertArrayEquals(reference.weights(), weights.weights());
            assertArrayEquals(reference.derivatives(), weights.derivatives());
        }
        assertTrue(whole.spikeCount() > 5000, "spikes " + whole.spikeCount());
        assertArrayEquals(whole.spikeSteps(), concat(steps));
        assertArrayEquals(whole.spikeNeurons(), concat(neurons));
    }

    /** spnet2006 (an update every 1000 steps) and dastdp2007 (every 10, with the dopamine the updates read). */
    @ParameterizedTest
    @ValueSource(strings = {"spnet2006", "dastdp2007"})
    void switchingBetweenThePipelineAndTheDynamicsAloneEvery100StepsGivesOneThreadsRun(final String name)
    {
        final Path config = Path.of("..", "configs", name + ".yaml");
        final int total = 3100;
        final OneThread one = oneThread(config, total);
        final SimulationResult whole = one.result();
        final PlasticWeights reference = one.weights();
        try (Network two = Network.build(network(config, 2)))
        {
            assertTrue(two.pipelinesPlasticity());
            final PlasticityPipeline pipeline = two.pipeline();
            pipeline.forceMode(1);
            // The listener runs on the dynamics thread every 100 steps: alone from step 100, 300, ...; the weight
            // updates at steps 999, 1999 and 2999 fall once in each mode.
            final SimulationResult result = two.run(total, (done, all, nanos) ->
                pipeline.forceMode(done / 100 % 2 == 1 ? 2 : 1));
            assertTrue(pipeline.pipelinedSteps() > 1000 && pipeline.aloneSteps() > 1000,
                pipeline.pipelinedSteps() + " steps in the pipeline, " + pipeline.aloneSteps() + " alone");
            assertArrayEquals(whole.spikeSteps(), result.spikeSteps());
            assertArrayEquals(whole.spikeNeurons(), result.spikeNeurons());
            final PlasticWeights weights = PlasticWeights.of(two.synapses(), two.plasticity());
            assertArrayEquals(reference.weights(), weights.weights());
            assertArrayEquals(reference.derivatives(), weights.derivatives());
        }
    }

    @Test
    void aPlasticityThreadWithoutACoreLeavesTheDynamicsToRunAloneMostOfTheTime()
    {
        try (Network two = Network.build(spnet(2)))
        {
            final PlasticityPipeline pipeline = two.pipeline();
            pipeline.warmSteps(100);
            // As if another program held the plasticity thread's core: a millisecond lost in each of its steps.
            pipeline.beforePlasticStep(step -> LockSupport.parkNanos(1_000_000));
            final SimulationResult result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> two.run(3000));
            assertEquals(3000, result.steps());
            assertTrue(pipeline.aloneSteps() > 4 * pipeline.pipelinedSteps(),
                pipeline.pipelinedSteps() + " steps in the pipeline, " + pipeline.aloneSteps() + " alone");
        }
    }

    /**
     * The pipeline's time per step is measured from the woken plasticity thread's first step, not from the switch: a
     * slow wake-up (a parked thread on a VM) is the switch's cost. Counted in, it made the pipeline's trials after a
     * stay alone look 1.5 times slower within 5 steps, and the dynamics stayed alone for whole runs (the probe
     * Trap.java: 53,000-60,000 of 60,000 steps alone in half its runs, none after the fix). Here every wake-up takes
     * 200 ms: measured in, no window of the pipeline would be under 4 ms per step (200 ms in at most 50 steps); measured
     * from the woken thread's first step, a pipelined step takes microseconds, and under 1 ms even on a machine whose
     * other core is kept busy (284 us seen with a busy loop beside the test when the wake-up took 20 ms and the
     * threshold was 100 us).
     */
    @Test
    void theWakeUpOfTheParkedPlasticityThreadIsNotThePipelinesTime()
    {
        try (Network two = Network.build(spnet(2)))
        {
            final PlasticityPipeline pipeline = two.pipeline();
            pipeline.warmSteps(0);
            // Alone first: the plasticity thread parks.
            pipeline.forceMode(2);
            two.run(500);
            pipeline.forceMode(0);
            // A step that does not follow the thread's last one is its first after a wake-up.
            final long[] last = {Long.MIN_VALUE};
            final int[] wakeUps = {0};
            pipeline.beforePlasticStep(step ->
            {
                if (step != last[0] + 1)
                {
                    wakeUps[0]++;
                    LockSupport.parkNanos(200_000_000);
                }
                last[0] = step;
            });
            final SimulationResult result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> two.run(3000));
            assertEquals(3000, result.steps());
            assertTrue(wakeUps[0] > 0, "the plasticity thread was woken");
            final double team = pipeline.chooser().nanosPerStep(true);
            assertTrue(team > 0 && team < 1_000_000, team + " ns per pipelined step measured, after " + wakeUps[0] +
                " wake-ups; " + pipeline.pipelinedSteps() + " steps in the pipeline, " + pipeline.aloneSteps() + " alone");
        }
    }

    @Test
    void aFailureOnTheDynamicsSideEndsTheRunAndThePlasticityThread()
    {
        // A drive that throws in step 1200: the dynamics' own failure (a listener's exception is not one any more).
        final Network network = Network.build(spnet(2), new org.izhsim.network.input.InputDrive(0, 1)
        {
            @Override
            protected void add(final float[] input, final int from, final int to, final long step,
                final long[] scratch)
            {
                if (step >= 1200)
                {
                    throw new IllegalStateException("drive gave up");
                }
            }
        });
        assertTrue(network.pipelinesPlasticity());
        final IllegalStateException thrown = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
            assertThrows(IllegalStateException.class, () -> network.run(5000)));
        assertEquals("drive gave up", thrown.getMessage());
        // The network is broken, and says so, rather than hanging on the plasticity thread.
        assertThrows(IllegalStateException.class, () -> network.run(10));
        network.close();
    }

    /** A listener's exception ends a pipelined run at its step boundary too, with the plasticity caught up. */
    @Test
    void aListenerThatThrowsEndsAPipelinedRunAndTheNetworkRunsOn()
    {
        try (Network network = Network.build(spnet(2)))
        {
            assertTrue(network.pipelinesPlasticity());
            final IllegalStateException thrown = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                assertThrows(IllegalStateException.class, () -> network.run(5000, (done, all, nanos) ->
                {
                    if (done >= 1200)
                    {
                        throw new IllegalStateException("listener gave up");
                    }
                })));
            assertEquals("listener gave up", thrown.getMessage());
            assertEquals(1200, network.currentStep());
            assertEquals(SimulationResult.StopReason.COMPLETED, network.run(100).stopReason());
        }
    }

    /**
     * A pipelined network whose receptor stage the dynamics run: spnet2006 with exc -> exc plastic, exc -> inh fixed
     * with depressing stp (beside the plastic synapses of its sources) and inh -> exc conductances. Forced into the
     * pipeline, with the plasticity made to lag, it fires one thread's spikes and learns its weights (such networks
     * split their neurons over two threads before, slower than one).
     */
    @Test
    void aPipelinedNetworkWithAReceptorStageGivesOneThreadsSpikesAndWeights() throws IOException
    {
        final String yaml = Files.readString(SPNET);
        final String one = "  - from: exc\n    to: [exc, inh]\n    rule: fixed_outdegree\n    k: 100\n";
        final String inh = "  - {from: inh, to: exc, rule: fixed_outdegree, k: 100, weight: -5, delay_ms: 1}";
        assertTrue(yaml.contains(one) && yaml.contains(inh), "the shipped spnet2006.yaml changed");
        final String mixed = yaml.replace(one, "  - {from: exc, to: inh, rule: fixed_outdegree, k: 20, weight: 6, " +
            "delay_ms: {distribution: even_split, low: 1, high: 20}, stp: excitatory}\n" +
            "  - from: exc\n    to: exc\n    rule: fixed_outdegree\n    k: 80\n")
            .replace(inh, "  - {from: inh, to: exc, rule: fixed_outdegree, k: 100, weight: -0.5, delay_ms: 1, " +
                "synapse: {type: conductance, fast: 1, slow: 0.02}}");
        final ExperimentConfig config = ExperimentLoader.parse(mixed, "mixed.yaml");
        final int total = 2500;
        final SimulationResult whole;
        final PlasticWeights reference;
        try (Network single = Network.build(NetworkAssembler.builder(config).seed(1).threads(1)))
        {
            whole = single.run(total);
            reference = PlasticWeights.of(single.synapses(), single.plasticity());
        }
        assertTrue(whole.spikeSteps().length > 1000, "the network fires: " + whole.spikeSteps().length);
        boolean learnt = false;
        for (final float w : reference.weights())
        {
            learnt |= w != 6f;
        }
        assertTrue(learnt, "two weight updates changed weights");
        try (Network two = Network.build(NetworkAssembler.builder(config).seed(1).threads(2)))
        {
            assertTrue(two.pipelinesPlasticity());
            final PlasticityPipeline pipeline = two.pipeline();
            pipeline.forceMode(1);
            pipeline.beforePlasticStep(step ->
            {
                if (step % 89 == 0 || step >= 985 && step < 1000)
                {
                    LockSupport.parkNanos(500_000);
                }
            });
            final SimulationResult result = two.run(total);
            assertArrayEquals(whole.spikeSteps(), result.spikeSteps());
            assertArrayEquals(whole.spikeNeurons(), result.spikeNeurons());
            final PlasticWeights weights = PlasticWeights.of(two.synapses(), two.plasticity());
            assertArrayEquals(reference.weights(), weights.weights());
            assertArrayEquals(reference.derivatives(), weights.derivatives());
        }
    }

    @Test
    void onlyTwoThreadsOfAOneBlockNetworkUpdatingEvery10StepsOrLessOftenArePipelined() throws IOException
    {
        assertFalse(spnet(1).plan().pipelinesPlasticity());
        assertTrue(spnet(2).plan().pipelinesPlasticity());
        assertEquals(1, spnet(2).plan().slices());
        assertFalse(spnet(3).plan().pipelinesPlasticity());
        assertEquals(3, spnet(3).plan().slices());
        // dastdp2007's dopamine reads the spikes of every step, but only its weight updates read the dopamine.
        assertTrue(NetworkAssembler.builder(ExperimentLoader.load(DASTDP)).threads(2).plan().pipelinesPlasticity());
        final String yaml = Files.readString(SPNET);
        final String period = yaml.replace("plasticity: {rule: spnet2006, w_max: 10}",
            "plasticity: {rule: spnet2006, w_max: 10, period_ms: " + (NetworkPlan.PIPELINE_MIN_PERIOD - 1) + "}");
        assertTrue(period.contains("period_ms"), "the shipped config's plasticity line changed");
        assertFalse(NetworkAssembler.builder(ExperimentLoader.parse(period, "period.yaml")).threads(2).plan()
            .pipelinesPlasticity());
        final String big = yaml.replace("size: 800", "size: " + NetworkPlan.PIPELINE_MAX_NEURONS);
        assertFalse(NetworkAssembler.builder(ExperimentLoader.parse(big, "big.yaml")).threads(2).plan()
            .pipelinesPlasticity());
        final String fits = yaml.replace("size: 800", "size: " + (NetworkPlan.PIPELINE_MAX_NEURONS - 200));
        assertTrue(NetworkAssembler.builder(ExperimentLoader.parse(fits, "fits.yaml")).threads(2).plan()
            .pipelinesPlasticity());
    }

    @Test
    void threadsAutoGivesASmallPlasticNetworkOneThreadOrTwoPipelinedOnes()
    {
        final NetworkPlan auto = NetworkAssembler.builder(ExperimentLoader.load(SPNET)).plan();
        // 2 when two cores are free at the moment the plan is made, else 1; never two slices of 500 neurons.
        assertTrue(auto.threads() == 1 && !auto.pipelinesPlasticity() || auto.threads() == 2 && auto.pipelinesPlasticity(),
            auto.threads() + " threads");
        final NetworkPlan dastdp = NetworkAssembler.builder(ExperimentLoader.load(DASTDP)).plan();
        assertTrue(dastdp.threads() == 1 && !dastdp.pipelinesPlasticity() ||
            dastdp.threads() == 2 && dastdp.pipelinesPlasticity(), dastdp.threads() + " threads");
        // A small network that cannot pipeline (no plasticity): under 8,192 neurons, auto is one thread.
        assertEquals(1, NetworkAssembler.builder(ExperimentLoader.load(Path.of("..", "configs", "cortex2003.yaml")))
            .plan().threads());
    }

    private static int[] concat(final List<int[]> parts)
    {
        int n = 0;
        for (final int[] p : parts)
        {
            n += p.length;
        }
        final int[] all = new int[n];
        int at = 0;
        for (final int[] p : parts)
        {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
