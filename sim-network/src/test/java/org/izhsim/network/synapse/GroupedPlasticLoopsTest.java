package org.izhsim.network.synapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.network.build.PlasticityRule;
import org.izhsim.network.engine.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trace decay and the periodic weight updates run four or eight neurons or synapses at a time (a JDK 17
 * code-generation workaround, PlasticSynapses.decayLtd): each value must still be the one-at-a-time formula's, bit
 * for bit, for ranges of every tail length and for the values a run reaches rarely (subnormal, zero, -0.0, out of the
 * bounds, infinite, NaN), in the decay of a rank's own neurons and of other ranks' sources (LTP only). The expected values are computed here, one at a time, from poly_spnet.cpp's and
 * daspnet.m's expressions as docs/config.md gives them.
 */
class GroupedPlasticLoopsTest
{
    private static final int[] BITS = {0, 0x80000000, 1, 10, 0x007fffff, 0x00800000, 0x7f7fffff, 0x7f800000,
        0xff800000, 0x7fc00000, 0x3dcccccd};

    /** Mostly ordinary values of either sign and size, one in four from {@link #BITS}. */
    private static float sample(final SplittableRandom random, final float scale)
    {
        if (random.nextInt(4) == 0)
        {
            return Float.intBitsToFloat(BITS[random.nextInt(BITS.length)]);
        }
        return (float)((random.nextDouble() * 2 - 1) * scale);
    }

    private static Network build(final String config, final int threads) throws IOException
    {
        return Network.build(NetworkAssembler.builder(ExperimentLoader.load(Path.of("..", "configs", config)))
            .seed(5).threads(threads));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"spnet2006.yaml", "dastdp2007.yaml"})
    void theTraceDecayOfEveryRangeIsTheOneNeuronAtATimeDecay(final String config) throws IOException
    {
        try (Network network = build(config, 1))
        {
            final PlasticSynapses plastic = network.plasticity();
            final PlasticityRule rule = plastic.rule();
            final int n = network.neurons();
            final int slots = plastic.ltpHistory().length;
            final int width = plastic.ltpHistory()[0].length;
            final SplittableRandom random = new SplittableRandom(11);
            int checked = 0;
            for (int from = 0; from < 9; from++)
            {
                for (final int to : new int[] {from, from + 1, from + 2, from + 3, from + 4, from + 5, from + 7, from + 9,
                    width + from, n - 1, n})
                {
                    final boolean others = random.nextInt(3) == 0;
                    final long step = random.nextInt(1 << 20);
                    for (int s = 0; s < slots; s++)
                    {
                        final float[] values = new float[width];
                        for (int i = 0; i < width; i++)
                        {
                            values[i] = sample(random, 0.2f);
                        }
                        plastic.restoreLtp(s, values);
                    }
                    final float[] ltd = plastic.ltd();
                    for (int i = 0; i < ltd.length; i++)
                    {
                        ltd[i] = sample(random, 0.2f);
                    }
                    final float[][] ltpBefore = plastic.ltpHistory();
                    final float[] ltdBefore = ltd.clone();
                    if (others)
                    {
                        // Under MPI: other ranks' sources, LTP only.
                        plastic.decayOtherSources(from, to, step);
                    }
                    else
                    {
                        plastic.decayTraces(from, to, step);
                    }
                    final float[][] ltpAfter = plastic.ltpHistory();
                    final int now = (int)(step % slots);
                    final int next = (int)((step + 1) % slots);
                    for (int i = 0; i < width; i++)
                    {
                        final float want = i >= from && i < to ?
                            (float)(rule.decayPlus() * ltpBefore[now][i]) : ltpBefore[next][i];
                        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(ltpAfter[next][i]),
                            "LTP of neuron " + i + " decayed over " + from + ".." + to);
                    }
                    for (int i = 0; i < ltd.length; i++)
                    {
                        final float want = i >= from && i < to && !others ?
                            (float)(ltdBefore[i] * rule.decayMinus()) : ltdBefore[i];
                        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(ltd[i]),
                            "LTD of neuron " + i + " decayed over " + from + ".." + to);
                    }
                    checked += Math.max(0, to - from);
                }
            }
            assertTrue(checked > 9 * n, "neurons decayed " + checked);
        }
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @CsvSource({"spnet2006.yaml, 1", "spnet2006.yaml, 3", "dastdp2007.yaml, 1", "dastdp2007.yaml, 2"})
    void theWeightUpdateIsTheOneSynapseAtATimeUpdate(final String config, final int threads) throws IOException
    {
        try (Network network = build(config, threads))
        {
            final PlasticSynapses plastic = network.plasticity();
            final SynapseMatrix matrix = network.synapses();
            final PlasticityRule rule = plastic.rule();
            final boolean dopamine = rule.reward() != null;
            final float wMin = (float)rule.wMin();
            final float wMax = (float)rule.wMax();
            // dastdp2007: the update's gain is baseline + DA, summed as the engine sums it.
            final double da = 0.37;
            final double gain = rule.drift() + da;
            final SplittableRandom random = new SplittableRandom(13);
            final List<int[]> synapses = new ArrayList<>();
            matrix.forEachInSourceOrder(plastic::isPlasticSource, (b, j, s, d) -> synapses.add(new int[] {b, j}));
            final float[] w = new float[synapses.size()];
            final float[] sd = new float[synapses.size()];
            for (int k = 0; k < w.length; k++)
            {
                final int[] at = synapses.get(k);
                w[k] = sample(random, 15f);
                sd[k] = sample(random, 3f);
                matrix.weights(at[0])[at[1]] = w[k];
                plastic.setDerivative(at[0], at[1], sd[k]);
            }
            for (int b = 0; b < matrix.partition().blocks(); b++)
            {
                if (dopamine)
                {
                    plastic.updateWeights(b, da);
                }
                else
                {
                    plastic.updateWeights(b);
                }
            }
            int nonFinite = 0;
            for (int k = 0; k < w.length; k++)
            {
                final int[] at = synapses.get(k);
                final float wantW;
                final float wantSd;
                if (dopamine)
                {
                    // daspnet.m lines 83-84: w = min(w_max, max(w_min, w + (baseline + DA) c)); c *= decay.
                    wantW = (float)Math.min(wMax, Math.max(wMin, w[k] + gain * sd[k]));
                    wantSd = (float)(sd[k] * rule.derivativeDecay());
                }
                else
                {
                    // poly_spnet.cpp lines 880-884: sd *= 0.9; w += 0.01 + sd; clipped to [0, w_max].
                    wantSd = (float)(sd[k] * rule.derivativeDecay());
                    wantW = PlasticSynapses.clipByComparison((float)(w[k] + (rule.drift() + wantSd)), wMin, wMax);
                }
                assertEquals(Float.floatToRawIntBits(wantW), Float.floatToRawIntBits(matrix.weights(at[0])[at[1]]),
                    "weight " + k + " from " + w[k] + " with derivative " + sd[k]);
                assertEquals(Float.floatToRawIntBits(wantSd), Float.floatToRawIntBits(plastic.derivative(at[0], at[1])),
                    "derivative " + k + " from " + sd[k]);
                nonFinite += Float.isFinite(wantW) && Float.isFinite(wantSd) ? 0 : 1;
            }
            assertTrue(w.length > 50_000 && nonFinite > 0, w.length + " synapses, " + nonFinite + " non-finite");
        }
    }
}
