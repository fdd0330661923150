package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.core.integrate.Method;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.record.NumericalBlowUp;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A neuron whose state overflows ends the run at the step it happened, names itself, and leaves the spikes
 * of the steps before; the same step and neuron for any thread count.
 */
class NumericalBlowUpTest
{
    /** The first spike of any neuron arrives with weight 1e30 and overflows v of its targets in that step. */
    private static NetworkBuilder hugeWeights(final int threads, final SpikeDelivery delivery)
    {
        return new NetworkBuilder()
            .seed(4)
            .threads(threads)
            .delivery(delivery)
            .population(PopulationSpec.of("exc", 240))
            .population(PopulationSpec.of("inh", 60).a(r -> 0.1).d(r -> 2))
            .projection(ProjectionSpec.from("inh", "exc").rule(ConnectionRule.fixedOutdegree(10))
                .weight(WeightRule.constant(1e30)).delay(DelayRule.uniform(2, 7)))
            .input(InputSpec.noise("exc", 5))
            .input(InputSpec.noise("inh", 8));
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void hugeWeightsStopTheRunAtTheSameStepAndNeuronForOneToThreeThreads(final SpikeDelivery delivery)
    {
        final SimulationResult reference = Network.build(hugeWeights(1, delivery)).run(1000);
        final NumericalBlowUp blowUp = reference.blowUp();
        assertNotNull(blowUp, "the run must blow up");
        assertEquals(SimulationResult.StopReason.BLOW_UP, reference.stopReason());
        assertEquals("exc", blowUp.population());
        assertEquals(blowUp.neuron(), blowUp.indexInPopulation());
        assertTrue(Float.isNaN(blowUp.v()) || Float.isInfinite(blowUp.v()), "v = " + blowUp.v());
        assertTrue(blowUp.step() > 2, "the first inhibitory spikes come after a few steps, not at " + blowUp.step());
        assertEquals(blowUp.step(), reference.steps(), "the blow-up's step is not part of the result");
        assertEquals(1000, reference.requestedSteps());
        final int[] steps = reference.spikeSteps();
        assertTrue(steps.length > 0 && steps[steps.length - 1] < blowUp.step(), "spikes up to the step before");

        final String message = blowUp.message();
        assertTrue(message.contains("t = " + blowUp.step() + " ms"), message);
        assertTrue(message.contains("neuron " + blowUp.neuron() + " (exc[" + blowUp.indexInPopulation() + "])"),
            message);
        assertTrue(message.contains("too large"), message);

        for (final int threads : new int[] {2, 3})
        {
            final SimulationResult result = Network.build(hugeWeights(threads, delivery)).run(1000);
            assertEquals(blowUp, result.blowUp(), threads + " threads");
            assertArrayEquals(reference.spikeSteps(), result.spikeSteps(), threads + " threads");
            assertArrayEquals(reference.spikeNeurons(), result.spikeNeurons(), threads + " threads");
        }
    }

    /** Not late: up to the step before the reported one, every neuron is finite; at it, the reported one is not. */
    @Test
    void theReportedStepIsTheFirstWithANonFiniteNeuron()
    {
        final NumericalBlowUp blowUp = Network.build(hugeWeights(3, SpikeDelivery.AUTO)).run(1000).blowUp();
        final Network network = Network.build(hugeWeights(3, SpikeDelivery.AUTO));
        final SimulationResult before = network.run((int)blowUp.step());
        assertEquals(SimulationResult.StopReason.COMPLETED, before.stopReason());
        assertNull(before.blowUp());
        final NeuronArrays state = network.state();
        for (int n = 0; n < state.size(); n++)
        {
            assertTrue(Float.isFinite(state.v(n)) && Float.isFinite(state.u(n)), "neuron " + n);
        }
        final SimulationResult last = network.run(1);
        assertEquals(blowUp, last.blowUp());
        assertEquals(0, last.steps());
        assertEquals(0, last.spikeCount());
        for (int n = 0; n < blowUp.neuron(); n++)
        {
            assertTrue(Float.isFinite(state.v(n)) || state.v(n) == Float.NEGATIVE_INFINITY,
                "the reported neuron is the lowest with v NaN or +infinity, but " + n + " has v = " + state.v(n));
        }
    }

    @Test
    void aBlownUpNetworkRefusesToRunOn()
    {
        final Network network = Network.build(hugeWeights(2, SpikeDelivery.AUTO));
        final SimulationResult result = network.run(1000);
        assertEquals(SimulationResult.StopReason.BLOW_UP, result.stopReason());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> network.run(1));
        assertTrue(ex.getMessage().contains(result.blowUp().message()), ex.getMessage());
    }

    /** A current of 1e38 overflows v in the very first step: a result of 0 steps, no spikes. */
    @Test
    void anInputOverflowingInTheFirstStepLeavesAnEmptyResult()
    {
        final SimulationResult result = Network.build(new NetworkBuilder().threads(2)
            .population(PopulationSpec.of("quiet", 10))
            .population(PopulationSpec.of("hot", 5))
            .input(InputSpec.dc("hot", 1e38))).run(50);
        assertEquals(SimulationResult.StopReason.BLOW_UP, result.stopReason());
        assertEquals(new NumericalBlowUp(10, "hot", 0, 0, result.blowUp().v(), result.blowUp().u()), result.blowUp());
        assertEquals(0, result.steps());
        assertEquals(0, result.spikeCount());
        assertTrue(!Float.isFinite(result.blowUp().v()), "v = " + result.blowUp().v());
    }

    /** 80 neurons with STDP of amplitudes {@code a} (potentiation) and {@code a} x 1.2 (depression), and {@code input}. */
    private static NetworkBuilder stdpNetwork(final int threads, final double a, final InputSpec input)
    {
        return new NetworkBuilder().seed(6).threads(threads)
            .population(PopulationSpec.of("exc", 80))
            .projection(ProjectionSpec.from("exc", "exc").rule(ConnectionRule.fixedOutdegree(20))
                .weight(WeightRule.constant(5)).delay(DelayRule.uniform(1, 5))
                .plasticity(PlasticityRule.stdp(a, Math.min(a * 1.2, 3e38), 20, 20, 0, 10, false, false, 1)))
            .input(input);
    }

    /**
     * STDP amplitudes of 3e38 (each below the float range, which the config checks) sum two traces to infinity, whose
     * difference makes NaN weights and then NaN potentials: the report names the plasticity, not the input, for 1
     * and 2 threads. It blamed "its input is too large (check the weights and input currents)".
     */
    @Test
    void amplitudesOverflowingFloatAreNamedAsTheCauseOfTheBlowUp()
    {
        for (final int threads : new int[] {1, 2})
        {
            final NumericalBlowUp blowUp = Network.build(stdpNetwork(threads, 3e38, InputSpec.noise("exc", 6)))
                .run(2000).blowUp();
            assertNotNull(blowUp, threads + " threads: the run must blow up");
            assertTrue(blowUp.plasticity(), threads + " threads: " + blowUp);
            assertTrue(blowUp.message().contains("amplitudes (a_plus, a_minus) are too large"), blowUp.message());
        }
        // The same network with amplitudes of 0.01 runs to its end: the flag is not set by plasticity as such.
        final SimulationResult calm = Network.build(stdpNetwork(1, 0.01, InputSpec.noise("exc", 6))).run(2000);
        assertEquals(SimulationResult.StopReason.COMPLETED, calm.stopReason());
        assertTrue(calm.spikeCount() > 0);
    }

    /** A blow-up with finite plasticity still blames the input. */
    @Test
    void aBlowUpWithFinitePlasticityBlamesTheInput()
    {
        final SimulationResult result = Network.build(stdpNetwork(2, 0.01, InputSpec.dc("exc", 1e30))).run(50);
        assertNotNull(result.blowUp());
        assertTrue(!result.blowUp().plasticity() && result.blowUp().message().contains("input is too large"),
            result.blowUp().message());
    }

    /**
     * Forward Euler turns an input of -infinity into v = u = -infinity, and a reset by d = 3e38 into u = -infinity
     * with v finite: neither is NaN or v >= 30, which was all the threshold pass looked at, so the run went on a step
     * and the traces held -Infinity for the step before the reported one. Both are found in the step they appear,
     * with the values of that step, and no trace of the kept steps holds a non-finite value.
     */
    @Test
    void eulerCatchesVMinusInfinityAndANonFiniteUInTheStepTheyAppear()
    {
        // neginf: ten drivers fire at step 2 (dc 20); their weights of -3e38 sum to -infinity at the targets in step 3.
        final SimulationResult negative = Network.build(new NetworkBuilder().scheme(Method.SEMI_IMPLICIT_EULER)
            .population(PopulationSpec.of("drv", 10))
            .population(PopulationSpec.of("tgt", 2))
            .projection(ProjectionSpec.from("drv", "tgt").rule(ConnectionRule.allToAll())
                .weight(WeightRule.constant(-3e38)).delay(DelayRule.constant(1)))
            .input(InputSpec.dc("drv", 20))
            .recordTraces(10, 11)).run(50);
        assertEquals(SimulationResult.StopReason.BLOW_UP, negative.stopReason());
        final NumericalBlowUp atTarget = negative.blowUp();
        assertEquals(10, atTarget.neuron());
        assertEquals(Float.NEGATIVE_INFINITY, atTarget.v());
        assertEquals(Float.NEGATIVE_INFINITY, atTarget.u());
        assertEquals(3, atTarget.step(), atTarget.message());
        assertTrue(atTarget.message().contains("v = -Infinity, u = -Infinity"), atTarget.message());
        assertFiniteTraces(negative);

        // bigde: a reset by d = 3e38 makes u = 3e38; the next Euler step then takes it to -infinity, v staying finite.
        final SimulationResult reset = Network.build(new NetworkBuilder().scheme(Method.SEMI_IMPLICIT_EULER)
            .population(PopulationSpec.of("exc", 10).d(r -> 3e38))
            .input(InputSpec.dc("exc", 20))
            .recordTraces(0, 1)).run(50);
        assertEquals(SimulationResult.StopReason.BLOW_UP, reset.stopReason());
        final NumericalBlowUp inU = reset.blowUp();
        assertEquals(0, inU.neuron());
        assertTrue(Float.isFinite(inU.v()) && !Float.isFinite(inU.u()), inU.message());
        assertEquals(inU.step(), reset.steps());
        assertFiniteTraces(reset);
    }

    private static void assertFiniteTraces(final SimulationResult result)
    {
        final org.izhsim.network.record.Traces traces = result.traces();
        assertTrue(traces.steps() > 0);
        for (int k = 0; k < traces.count(); k++)
        {
            for (int t = 0; t < traces.steps(); t++)
            {
                assertTrue(Float.isFinite(traces.v(k)[t]) && Float.isFinite(traces.u(k)[t]) &&
                    Float.isFinite(traces.input(k)[t]), "trace " + k + " at step " + t + ": v = " + traces.v(k)[t] +
                    ", u = " + traces.u(k)[t] + ", input = " + traces.input(k)[t]);
            }
        }
    }
}
