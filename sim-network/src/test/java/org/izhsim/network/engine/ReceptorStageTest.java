package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.izhsim.core.integrate.Method;
import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.ShortTermPlasticity;
import org.izhsim.network.build.SpikeDelivery;
import org.izhsim.network.build.SynapseModel;
import org.izhsim.network.build.WeightRule;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The receptor stage against hand-computed sequences of CARLsim's equations (snn_cpu_module.cpp): STP factors
 * of a regular train, conductance decay, the sign of single PSPs and the NMDA gate; and its state under
 * threads and checkpoints.
 */
class ReceptorStageTest
{
    private static final SynapseModel COBA = SynapseModel.conductance(SynapseModel.Receptors.CARLSIM, 1, 0.5);

    /** One "pre" neuron onto one "post" neuron through {@code synapse} with delay 1 and weight w. */
    private static NetworkBuilder pair(final SynapseModel synapse, final ShortTermPlasticity stp, final double w)
    {
        return new NetworkBuilder().seed(1).threads(1)
            .population(PopulationSpec.of("pre", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .population(PopulationSpec.of("post", 1).a(r -> 0.02).b(r -> 0.2).c(r -> -65).d(r -> 8))
            .projection(ProjectionSpec.from("pre", "post").weight(WeightRule.constant(w)).synapse(synapse).stp(stp));
    }

    /** Makes neuron 0 fire in the next step: v above threshold after its integration. */
    private static void kick(final Network net)
    {
        net.state().v[0] = 35.0f;
    }

    @Test
    void stpFactorsOfA50HzTrainFollowCarlsimsEquations()
    {
        // U 0.2, tau_u 20 ms, tau_x 700 ms; spikes at steps 0, 20, 40, ... Hand computation, per 1 ms step:
        // u = u-(1 - 1/20), x = x- + (1 - x-)/700; at a spike u += 0.2(1 - u-), x -= u x-; factor (1/0.2) u x-.
        // Spike 1: u- = 0, x- = 1: u+ = 0.2, factor 1, x = 0.8.
        // Spike 2: u- = 0.2 * 0.95^19, u+ = 0.2 * 0.95^20 + 0.2(1 - u-), x- = 1 - 0.2 * (699/700)^19: factor 1.03329.
        final double[] expected = {1.0, 1.0332882727619268, 0.8311249850809201, 0.6360123692602393,
            0.48784294086833013, 0.38163623984549566};
        try (Network net = Network.build(pair(SynapseModel.current(), new ShortTermPlasticity(0.2, 20, 700), 1)))
        {
            final ReceptorStage stage = net.receptors();
            final SpikeRing ring = new SpikeRing(1, 1, new int[] {0}, new int[][] {{0, 1}}, 0);
            for (int step = 0; step <= 100; step++)
            {
                final int slot = ring.slotOf(step);
                ring.fired(slot)[0] = 0;
                ring.setCount(slot, 0, step % 20 == 0 ? 1 : 0);
                stage.afterSpikes(step, ring, 0, 0, 2);
                if (step % 20 == 0)
                {
                    assertEquals(expected[step / 20], stage.stpFactor(0, step, 0), 1e-6 * expected[step / 20],
                        "spike " + (step / 20 + 1));
                }
            }
        }
    }

    @Test
    void stpScalesTheDeliveredWeightOfEachSpikeOfARealTrain()
    {
        // pre fires regularly under a DC drive; post's input (no drive) is w * factor in the step after each spike.
        final double w = 2.0;
        final ShortTermPlasticity stp = ShortTermPlasticity.EXCITATORY;
        try (Network net = Network.build(pair(SynapseModel.current(), stp, w).input(InputSpec.dc("pre", 15))
            .recordTraces(1)))
        {
            final SimulationResult r = net.run(400);
            final float[] input = r.traces().input(0);
            double u = 0;
            double x = 1;
            int spikes = 0;
            int k = 0;
            double first = 0;
            double last = 0;
            for (int step = 0; step < 399; step++)
            {
                final double uPrev = u;
                final double xPrev = x;
                u = uPrev * (1 - 1 / stp.tauUMs());
                x = xPrev + (1 - xPrev) / stp.tauXMs();
                final boolean fired = k < r.spikeCount() && r.spikeSteps()[k] == step && r.spikeNeurons()[k] == 0;
                if (fired)
                {
                    k++;
                    u += stp.u() * (1 - uPrev);
                    x -= u * xPrev;
                    final double expected = w * (1 / stp.u()) * u * xPrev;
                    assertEquals(expected, input[step + 1], 1e-5 * expected, "arrival at step " + (step + 1));
                    first = spikes == 0 ? expected : first;
                    last = expected;
                    spikes++;
                }
                else
                {
                    assertEquals(0.0f, input[step + 1], "no arrival at step " + (step + 1));
                }
            }
            assertTrue(spikes >= 5, spikes + " spikes");
            assertTrue(last < 0.7 * first, "depression: " + first + " -> " + last);
        }
    }

    @Test
    void conductancesJumpByTheWeightTimesTheMultiplierAndDecayByOneMinusOneOverTau()
    {
        try (Network net = Network.build(pair(COBA, null, 0.5)))
        {
            kick(net);
            net.run(2); // fires in step 0, arrives in step 1
            final float dAmpa = (float)(1.0 - 1.0 / 5);
            final float dNmda = (float)(1.0 - 1.0 / 150);
            float ampa = 0.5f;
            float nmda = 0.5f * 0.5f;
            for (int step = 1; step < 8; step++)
            {
                final float[] g = net.receptors().conductances(1);
                assertEquals(ampa, g[0], 0.0f, "g_AMPA after step " + step);
                assertEquals(nmda, g[1], 0.0f, "g_NMDA after step " + step);
                assertEquals(0.0f, g[2]);
                assertEquals(0.0f, g[3]);
                net.run(1);
                ampa *= dAmpa;
                nmda *= dNmda;
            }
            assertEquals(0.5 * Math.pow(0.8, 7), ampa, 1e-6); // the hand-computed value of the last check
        }
    }

    @Test
    void exactDecayIsAnOption()
    {
        final SynapseModel.Receptors exact = new SynapseModel.Receptors(5, 150, 6, 150, 0, 0, -70, -90,
            SynapseModel.Decay.EXACT);
        try (Network net = Network.build(pair(SynapseModel.conductance(exact, 1, 1), null, -0.5)))
        {
            kick(net);
            net.run(2);
            assertArrayEquals(new float[] {0, 0, 0.5f, 0.5f}, net.receptors().conductances(1), 0.0f);
            net.run(1);
            assertEquals(0.5f * (float)Math.exp(-1.0 / 6), net.receptors().conductances(1)[2], 0.0f);
            assertEquals(0.5f * (float)Math.exp(-1.0 / 150), net.receptors().conductances(1)[3], 0.0f);
        }
    }

    @Test
    void exponentialCurrentJumpsByTheWeightAndDecays()
    {
        try (Network net = Network.build(pair(SynapseModel.exponential(10, SynapseModel.Decay.CARLSIM), null, 3).recordTraces(1)))
        {
            kick(net);
            final float[] input = net.run(6).traces().input(0);
            assertEquals(0.0f, input[0]);
            float expected = 3.0f;
            for (int step = 1; step < 6; step++)
            {
                assertEquals(expected, input[step], 0.0f, "step " + step);
                expected *= (float)(1.0 - 1.0 / 10);
            }
        }
    }

    /** v of post over 40 steps after one pre spike of weight w, minus v without the spike. */
    private static double[] psp(final SynapseModel synapse, final double w, final double hold)
    {
        final double[] difference = new double[40];
        for (final boolean spike : new boolean[] {true, false})
        {
            NetworkBuilder b = pair(synapse, null, w).recordTraces(1);
            if (hold != 0)
            {
                b = b.input(InputSpec.dc("post", hold));
            }
            try (Network net = Network.build(b))
            {
                net.run(300); // settle at the resting (or held) potential
                if (spike)
                {
                    kick(net);
                }
                final float[] v = net.run(40).traces().v(0);
                for (int i = 0; i < 40; i++)
                {
                    difference[i] += spike ? v[i] : -v[i];
                }
            }
        }
        return difference;
    }

    @Test
    void ampaDepolarisesAndGabaAHyperpolarisesAboveItsReversal()
    {
        final SynapseModel ampaOnly = SynapseModel.conductance(SynapseModel.Receptors.CARLSIM, 1, 0);
        final double[] epsp = psp(ampaOnly, 0.05, 0);
        final double[] ipsp = psp(ampaOnly, -0.05, 3); // DC 3 holds post above -70 mV
        // The post-synaptic potential itself: after it, the raised u of the 2003 model undershoots a little.
        int peak = 0;
        for (int i = 0; i < 15; i++)
        {
            assertTrue(epsp[i] >= 0, "EPSP step " + i + ": " + epsp[i]);
            assertTrue(ipsp[i] <= 0, "IPSP step " + i + ": " + ipsp[i]);
            peak = epsp[i] > epsp[peak] ? i : peak;
        }
        assertEquals(0.0, epsp[0], 0.0); // the spike arrives in the step after the kick
        assertTrue(epsp[peak] > 0.5, "EPSP peak " + epsp[peak]);
        assertTrue(epsp[14] < 0.2 * epsp[peak], "EPSP decays with g_AMPA (5 ms): " + epsp[14]);
        assertTrue(ipsp[5] < -0.05, "IPSP " + ipsp[5]);
    }

    @Test
    void nmdaIsBlockedByMagnesiumAtRestAndOpenWhenDepolarised()
    {
        // gate ((v+80)/60)^2 / (1 + ((v+80)/60)^2): 0 at -80 mV, 1/2 at -20 mV, 1/5 at -50 mV.
        assertEquals(0.0f, ReceptorStage.synapticCurrent(-80, 0, 1, 0, 0, 0, 0, -70, -90), 0.0f);
        assertEquals(10.0f, ReceptorStage.synapticCurrent(-20, 0, 1, 0, 0, 0, 0, -70, -90), 1e-6f);
        assertEquals(10.0f, ReceptorStage.synapticCurrent(-50, 0, 1, 0, 0, 0, 0, -70, -90), 1e-5f);
        // AMPA: -g (v - 0); GABA_A, GABA_B: -g (v + 70), -g (v + 90).
        assertEquals(65.0f, ReceptorStage.synapticCurrent(-65, 1, 0, 0, 0, 0, 0, -70, -90), 0.0f);
        assertEquals(-5.0f, ReceptorStage.synapticCurrent(-65, 0, 0, 1, 0, 0, 0, -70, -90), 0.0f);
        assertEquals(25.0f, ReceptorStage.synapticCurrent(-65, 0, 0, 0, -1, 0, 0, -70, -90), 0.0f);
    }

    /** The 2003 network with conductance synapses and STP on both projections, delays 1..5 ms. */
    static NetworkBuilder cobaNetwork(final int threads, final SpikeDelivery delivery)
    {
        final SynapseModel exc = SynapseModel.conductance(SynapseModel.Receptors.CARLSIM, 1, 0.3);
        final SynapseModel inh = SynapseModel.conductance(SynapseModel.Receptors.CARLSIM, 1, 0.02);
        return new NetworkBuilder().seed(7).threads(threads).delivery(delivery)
            .population(PopulationSpec.of("exc", 400).a(r -> 0.02).b(r -> 0.2).c(r -> -65 + 15 * r * r).d(r -> 8 - 6 * r * r))
            .population(PopulationSpec.of("inh", 100).a(r -> 0.02 + 0.08 * r).b(r -> 0.25 - 0.05 * r).c(r -> -65).d(r -> 2))
            .projection(ProjectionSpec.from("exc", List.of("exc", "inh")).weight(WeightRule.ofRandom(r -> 0.004 * r))
                .delay(DelayRule.uniform(1, 5)).synapse(exc).stp(ShortTermPlasticity.EXCITATORY))
            .projection(ProjectionSpec.from("inh", List.of("exc", "inh")).weight(WeightRule.ofRandom(r -> -0.05 * r))
                .synapse(inh).stp(ShortTermPlasticity.INHIBITORY))
            .input(InputSpec.noise("exc", 5)).input(InputSpec.noise("inh", 2));
    }

    private static List<float[]> finalState(final Network net)
    {
        final List<float[]> arrays = new ArrayList<>();
        for (final float[] a : net.receptors().state())
        {
            arrays.add(a.clone());
        }
        arrays.add(net.state().v.clone());
        return arrays;
    }

    @ParameterizedTest
    @EnumSource(value = SpikeDelivery.class, names = {"DELAY_ROWS", "ARRIVAL_RING"})
    void conductancesAndStpAreBitIdenticalForOneToFourThreads(final SpikeDelivery delivery)
    {
        SimulationResult reference = null;
        List<float[]> referenceState = null;
        for (int threads = 1; threads <= 4; threads++)
        {
            try (Network net = Network.build(cobaNetwork(threads, delivery)))
            {
                final SimulationResult r = net.run(500);
                final List<float[]> state = finalState(net);
                if (reference == null)
                {
                    reference = r;
                    referenceState = state;
                    assertTrue(r.spikeCount() > 500, r.spikeCount() + " spikes");
                    continue;
                }
                assertArrayEquals(reference.spikeSteps(), r.spikeSteps(), threads + " threads");
                assertArrayEquals(reference.spikeNeurons(), r.spikeNeurons(), threads + " threads");
                for (int k = 0; k < state.size(); k++)
                {
                    assertArrayEquals(referenceState.get(k), state.get(k), 0.0f, "state array " + k);
                }
            }
        }
    }

    @Test
    void theMemoryEstimateCountsTheReceptorStageExactly()
    {
        final org.izhsim.network.build.MemoryEstimate with = cobaNetwork(2, SpikeDelivery.DELAY_ROWS).plan().memory(0);
        final NetworkBuilder plain = cobaNetwork(2, SpikeDelivery.DELAY_ROWS);
        final NetworkBuilder without = new NetworkBuilder().seed(7).threads(2).delivery(SpikeDelivery.DELAY_ROWS);
        plain.populations().forEach(without::population);
        final long receptorBytes = with.neuronBytes() - without.plan().memory(0).neuronBytes();
        try (Network net = Network.build(plain))
        {
            assertTrue(receptorBytes > 16 * 500, receptorBytes + " bytes");
            assertEquals(net.synapseBytes(), with.synapseBytes() + with.rowIndexBytes() + receptorBytes);
        }
    }

    /** Six floats per neuron are allocated for conductances (four g's, the NMDA term, the synaptic current): 16 B were counted. */
    @Test
    void theMemoryEstimateCountsSixFloatsPerNeuronForConductances()
    {
        final NetworkBuilder cond = cobaNetwork(1, SpikeDelivery.DELAY_ROWS);
        final NetworkBuilder noStp = new NetworkBuilder().seed(7).threads(1).delivery(SpikeDelivery.DELAY_ROWS);
        cond.populations().forEach(noStp::population);
        noStp.projection(ProjectionSpec.from("exc", List.of("exc", "inh")).weight(WeightRule.ofRandom(r -> 0.004 * r))
            .synapse(SynapseModel.conductance(SynapseModel.Receptors.CARLSIM, 1, 0.3)));
        final NetworkBuilder plain = new NetworkBuilder().seed(7).threads(1).delivery(SpikeDelivery.DELAY_ROWS);
        cond.populations().forEach(plain::population);
        plain.projection(ProjectionSpec.from("exc", List.of("exc", "inh")).weight(WeightRule.ofRandom(r -> 0.004 * r)));
        final long stateBytes = noStp.plan().memory(0).neuronBytes() - plain.plan().memory(0).neuronBytes();
        // The stage's own matrix adds its row offsets: 400 sources x 1 delay, 4 (rows + 1) + 8 ceil(rows / 64).
        assertEquals(6L * Float.BYTES * 500 + 4 * 401 + 8 * 7, stateBytes);
    }

    @Test
    void checkpointResumesConductancesAndStpExactly() throws IOException
    {
        final SimulationResult whole;
        final byte[] endOfWhole;
        try (Network net = Network.build(cobaNetwork(2, SpikeDelivery.DELAY_ROWS)))
        {
            net.run(300);
            whole = net.run(300);
            endOfWhole = save(net);
        }
        final byte[] middle;
        try (Network net = Network.build(cobaNetwork(1, SpikeDelivery.DELAY_ROWS)))
        {
            net.run(300);
            middle = save(net);
        }
        try (Network net = Network.build(cobaNetwork(3, SpikeDelivery.DELAY_ROWS)))
        {
            net.restoreState(new ByteArrayInputStream(middle), "middle");
            final SimulationResult resumed = net.run(300);
            assertArrayEquals(whole.spikeSteps(), resumed.spikeSteps());
            assertArrayEquals(whole.spikeNeurons(), resumed.spikeNeurons());
            assertArrayEquals(endOfWhole, save(net), "checkpoints after the whole and the resumed run");
        }
    }

    @Test
    void aCheckpointWithoutReceptorStateIsRefusedByAConductanceNetwork() throws IOException
    {
        final byte[] plain;
        try (Network net = Network.build(pair(SynapseModel.current(), null, 1)))
        {
            plain = save(net);
        }
        try (Network net = Network.build(pair(COBA, null, 1)))
        {
            final String message = org.junit.jupiter.api.Assertions.assertThrows(org.izhsim.core.InputException.class,
                () -> net.restoreState(new ByteArrayInputStream(plain), "plain")).getMessage();
            assertTrue(message.startsWith("checkpoint plain "), message);
        }
    }

    private static byte[] save(final Network net) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        net.saveState(out);
        return out.toByteArray();
    }

    /**
     * 100 Poisson sources at 20 Hz into 2003 RS cells through inhibitory conductances of -0.02 (GABA_A and GABA_B at 1):
     * GABA_B sums to g of about 2, where each 0.5 ms half-step carries v past the reversal potentials (a tester's run:
     * 808 spikes from inhibition alone, then a blow-up at 352 ms). Now a blow-up as soon as dt g reaches 1, its line
     * saying why; at -0.002 the same cells stay silent and the run completes.
     */
    @Test
    void aConductanceThatMakesTheEulerStepUnstableIsABlowUpNotSpikes()
    {
        aConductanceThatMakesTheEulerStepUnstableIsABlowUpNotSpikes(Method.HALFSTEP, -0.02, "1 / dt = 2 (integration: " +
            "halfstep, v's sub-steps of 0.5 ms)");
    }

    /**
     * The same under integration: euler, whose 1 ms step is unstable from g = 1: the line said "1 / dt (2 with the
     * half-step's 0.5 ms)" without saying which step the run had, and so which limit it reached.
     */
    @Test
    void aConductanceBlowUpUnderEulerNamesItsLimitOfOne()
    {
        aConductanceThatMakesTheEulerStepUnstableIsABlowUpNotSpikes(Method.SEMI_IMPLICIT_EULER, -0.02, "1 / dt = 1 " +
            "(integration: euler, dt 1 ms)");
    }

    private static void aConductanceThatMakesTheEulerStepUnstableIsABlowUpNotSpikes(final Method scheme,
        final double strongWeight, final String limit)
    {
        final java.util.function.DoubleFunction<SimulationResult> run = weight ->
        {
            try (Network net = Network.build(new NetworkBuilder().threads(1).seed(4).scheme(scheme)
                .population(PopulationSpec.of("in", 100).poisson(20))
                .population(PopulationSpec.of("n", 4).parameters(0.02, 0.2, -65, 8))
                .projection(ProjectionSpec.from("in", "n").rule(org.izhsim.network.build.ConnectionRule.allToAll())
                    .weight(WeightRule.constant(weight)).synapse(SynapseModel.conductance(SynapseModel.Receptors.CARLSIM,
                        1, 1)))))
            {
                return net.run(1000);
            }
        };
        final SimulationResult strong = run.apply(strongWeight);
        org.junit.jupiter.api.Assertions.assertNotNull(strong.blowUp());
        assertEquals("n", strong.blowUp().population());
        assertTrue(strong.blowUp().message().contains("its synaptic conductance reached " + limit),
            strong.blowUp().message());
        assertEquals(0, java.util.stream.IntStream.range(0, strong.spikeCount())
            .filter(k -> strong.spikeNeurons()[k] >= 100).count(), "no spike of n from inhibition alone");
        final SimulationResult weak = run.apply(-0.002);
        assertEquals(null, weak.blowUp());
        assertEquals(0, java.util.stream.IntStream.range(0, weak.spikeCount())
            .filter(k -> weak.spikeNeurons()[k] >= 100).count(), "inhibition holds n silent");
    }
}
