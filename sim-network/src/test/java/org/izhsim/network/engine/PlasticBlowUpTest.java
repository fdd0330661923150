package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.record.NumericalBlowUp;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.synapse.PlasticWeights;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plasticity amplitudes near the float range (the config accepts up to 3.4e38) overflow the rule's traces,
 * derivatives and weights: the weight update that finds one ends the run there, naming the synapse (or neuron), the
 * quantity and the rule's amplitudes, the same for any thread count; the steps before are finite.
 */
class PlasticBlowUpTest
{
    @TempDir
    Path dir;

    /** configs/NAME.yaml with its plasticity line's {@code from} replaced by {@code to}. */
    private NetworkBuilderSource config(final String name, final String from, final String to) throws IOException
    {
        final String text = Files.readString(Path.of("..", "configs", name + ".yaml"));
        assertTrue(text.contains(from), from);
        final Path file = dir.resolve(name + "-huge.yaml");
        Files.writeString(file, text.replace(from, to));
        return threads -> Network.build(NetworkAssembler.builder(ExperimentLoader.load(file)).seed(1).threads(threads));
    }

    private interface NetworkBuilderSource
    {
        Network build(int threads);
    }

    /** Every plastic weight of the network is finite. */
    private static boolean finiteWeights(final Network network)
    {
        for (final float w : PlasticWeights.of(network.synapses(), network.plasticity()).weights())
        {
            if (!Float.isFinite(w))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Multiplicative STDP with a_plus 3e38 (the tester's stdpmul.yaml): two spikes overflow a trace, whose changes
     * of infinity clipped weights to w_max silently, until infinity x (w_max - w) at w = w_max made NaN weights from
     * t = 170 ms, and the run of 190 ms completed with 18 NaN weights (they reached a neuron at 198). Now the
     * update that applies the first infinite change (t = 7 ms) ends the run, with the synapse in the message.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aNonFinitePlasticWeightOrChangeEndsTheRunAtTheUpdateThatMadeIt(final int threads) throws IOException
    {
        final NetworkBuilderSource source = config("spnet2006", "plasticity: {rule: spnet2006, w_max: 10}",
            "plasticity: {rule: stdp, w_max: 10, a_plus: 3e38, weight_dependence: multiplicative}");
        assertBlowsUpInThePlasticity(source, threads, 190, "rule stdp, a_plus 3.0E38");
    }

    /**
     * spnet2006 with a_plus (or a_minus) 3e38, dastdp2007 with a_plus 3e38 (the tester's hugeplus.yaml and its
     * kin): infinite traces make infinite derivatives (eligibilities), whose weights clip to a bound, so the runs
     * completed and saved a checkpoint that --resume then refused as corrupt ("its weight derivative 0 is
     * Infinity"). Now the update that finds one ends the run, which is then not saved.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void anInfinitePlasticityDerivativeOrTraceEndsTheRunAtTheUpdateThatFoundIt(final int threads) throws IOException
    {
        assertBlowsUpInThePlasticity(config("spnet2006", "plasticity: {rule: spnet2006, w_max: 10}",
            "plasticity: {rule: spnet2006, w_max: 10, a_plus: 3e38}"), threads, 3000, "a_plus 3.0E38");
        assertBlowsUpInThePlasticity(config("spnet2006", "plasticity: {rule: spnet2006, w_max: 10}",
            "plasticity: {rule: spnet2006, w_max: 10, a_minus: 3e38}"), threads, 3000, "a_minus 3.0E38");
        assertBlowsUpInThePlasticity(config("dastdp2007", "rule: dastdp2007", "rule: dastdp2007\n      a_plus: 3e38"),
            threads, 3000, "rule dastdp2007");
    }

    private static void assertBlowsUpInThePlasticity(final NetworkBuilderSource source, final int threads,
        final int steps, final String named)
    {
        final NumericalBlowUp blowUp;
        try (Network network = source.build(threads))
        {
            final SimulationResult result = network.run(steps);
            assertEquals(SimulationResult.StopReason.BLOW_UP, result.stopReason(), threads + " threads");
            blowUp = result.blowUp();
            final String message = blowUp.message();
            assertTrue(message.contains("amplitudes (a_plus, a_minus) are too large"), message);
            assertTrue(message.contains(named), message);
            assertTrue(message.contains("plastic synapse") || message.contains("plasticity traces"), message);
            assertTrue(blowUp.plasticity(), message);
            assertEquals(blowUp.step(), result.steps(), message);
        }
        // Not late, and never a run that completes with a non-finite state: the run up to the step before either
        // completes with every weight, derivative and trace finite, or finds at its end what its last step's spikes
        // made (after that step's update), and ends there.
        try (Network network = source.build(threads))
        {
            final int period = network.plasticity().rule().periodMs();
            assertEquals(0, (blowUp.step() + 1) % period, "an update step: " + blowUp.step());
            final SimulationResult before = network.run((int)blowUp.step());
            if (before.stopReason() == SimulationResult.StopReason.COMPLETED)
            {
                assertTrue(finiteWeights(network) && !network.plasticity().anyNonFinite(), "finite before the update");
            }
            else
            {
                assertEquals(SimulationResult.StopReason.BLOW_UP, before.stopReason());
                assertEquals(blowUp.step() - 1, before.blowUp().step(), before.blowUp().message());
            }
        }
        // The same blow-up at one thread (the reference) for any thread count.
        if (threads != 1)
        {
            try (Network one = source.build(1))
            {
                assertEquals(blowUp, one.run(steps).blowUp());
            }
        }
        assertNotNull(blowUp);
    }
}
