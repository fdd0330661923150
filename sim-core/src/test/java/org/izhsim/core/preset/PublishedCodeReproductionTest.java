package org.izhsim.core.preset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import org.izhsim.core.run.RunResult;
import org.izhsim.core.run.SingleNeuronRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each Fig. 2 type and each Fig. 1 feature against a straight transcription of its block in the
 * published figure1.m: plain doubles, the MATLAB conditions written literally, the MATLAB operation
 * order. The preset, run with no overrides, must give the very same spike times and the same trace.
 * A second, external reference: the spike times GNU Octave computes for the same loops (with MATLAB's
 * own colon ranges and {@code V^2}), committed as data in {@code figure1-octave-spike-times.csv}.
 */
class PublishedCodeReproductionTest
{
    /** Which v' and u' the block uses. */
    private enum Equations
    {
        STANDARD, CLASS_1, ACCOMMODATION
    }

    private record Block(
        String name, double a, double b, double c, double d, double v0, double u0, double tau, double tEnd,
        Equations equations, DoubleUnaryOperator input)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    private static Block block(
        final String name, final double a, final double b, final double c, final double d, final double v0,
        final double tau, final double tEnd, final DoubleUnaryOperator input)
    {
        return new Block(name, a, b, c, d, v0, b * v0, tau, tEnd, Equations.STANDARD, input);
    }

    static Stream<Block> blocks()
    {
        final double fig2T1 = 150.0 / 10;
        final List<Block> blocks = new ArrayList<>(List.of(
            block("RS", 0.02, 0.2, -65, 8, -63, 0.25, 150, t -> t > fig2T1 ? 14 : 0),
            block("IB", 0.02, 0.2, -55, 4, -70, 0.25, 150, t -> t > fig2T1 ? 11 : 0),
            block("CH", 0.02, 0.2, -50, 2, -70, 0.25, 150, t -> t > fig2T1 ? 10 : 0),
            block("FS", 0.1, 0.2, -65, 2, -70, 0.25, 150, t -> t > fig2T1 ? 10 : 0),
            block("TC", 0.02, 0.25, -65, 0.05, -63, 0.25, 150, t -> t > 2 * 150.0 / 10 ? 1.5 : 0),
            block("TC_burst", 0.02, 0.25, -65, 0.05, -87, 0.25, 150, t -> t > 3 * 150.0 / 10 ? 0.0 : -25),
            block("RZ", 0.1, 0.26, -65, 2, -70, 0.25, 100, t ->
            {
                final double t1 = 100.0 / 10;
                final double t2 = t1 + 50;
                if ((t > t2) & (t < t2 + 5))
                {
                    return 10;
                }
                return t > t1 ? -0.5 : -2;
            }),
            block("LTS", 0.02, 0.25, -65, 2, -63, 0.25, 250, t -> t > 1 * 250.0 / 10 ? 10.0 : 0),

            block("tonic_spiking", 0.02, 0.2, -65, 6, -70, 0.25, 100, t -> t > 100.0 / 10 ? 14 : 0),
            block("phasic_spiking", 0.02, 0.25, -65, 6, -64, 0.25, 200, t -> t > 20 ? 0.5 : 0),
            block("tonic_bursting", 0.02, 0.2, -50, 2, -70, 0.25, 220, t -> t > 22 ? 15 : 0),
            block("phasic_bursting", 0.02, 0.25, -55, 0.05, -64, 0.2, 200, t -> t > 20 ? 0.6 : 0),
            block("mixed_mode", 0.02, 0.2, -55, 4, -70, 0.25, 160, t -> t > 160.0 / 10 ? 10 : 0),
            block("spike_frequency_adaptation", 0.01, 0.2, -65, 8, -70, 0.25, 85, t -> t > 85.0 / 10 ? 30 : 0),
            new Block("class_1_excitable", 0.02, -0.1, -55, 6, -60, -0.1 * -60, 0.25, 300, Equations.CLASS_1,
                t -> t > 30 ? (0.075 * (t - 30)) : 0),
            block("class_2_excitable", 0.2, 0.26, -65, 0, -64, 0.25, 300, t -> t > 30 ? -0.5 + (0.015 * (t - 30)) : -0.5),
            block("spike_latency", 0.02, 0.2, -65, 6, -70, 0.2, 100, t ->
            {
                final double t1 = 100.0 / 10;
                return t > t1 & t < t1 + 3 ? 7.04 : 0;
            }),
            block("subthreshold_oscillations", 0.05, 0.26, -60, 0, -62, 0.25, 200, t ->
            {
                final double t1 = 200.0 / 10;
                return (t > t1) & (t < t1 + 5) ? 2 : 0;
            }),
            block("resonator", 0.1, 0.26, -60, -1, -62, 0.25, 400, t ->
            {
                final double t1 = 400.0 / 10;
                final double t2 = t1 + 20;
                final double t3 = 0.7 * 400.0;
                final double t4 = t3 + 40;
                return ((t > t1) & (t < t1 + 4)) | ((t > t2) & (t < t2 + 4)) | ((t > t3) & (t < t3 + 4)) |
                    ((t > t4) & (t < t4 + 4)) ? 0.65 : 0;
            }),
            new Block("integrator", 0.02, -0.1, -55, 6, -60, -0.1 * -60, 0.25, 100, Equations.CLASS_1, t ->
            {
                final double t1 = 100.0 / 11;
                final double t2 = t1 + 5;
                final double t3 = 0.7 * 100.0;
                final double t4 = t3 + 10;
                return ((t > t1) & (t < t1 + 2)) | ((t > t2) & (t < t2 + 2)) | ((t > t3) & (t < t3 + 2)) |
                    ((t > t4) & (t < t4 + 2)) ? 9 : 0;
            }),
            block("rebound_spike", 0.03, 0.25, -60, 4, -64, 0.2, 200, t -> (t > 20) & (t < 20 + 5) ? -15 : 0),
            block("rebound_burst", 0.03, 0.25, -52, 0, -64, 0.2, 200, t -> (t > 20) & (t < 20 + 5) ? -15 : 0),
            block("threshold_variability", 0.03, 0.25, -60, 4, -64, 0.25, 100, t ->
            {
                if (((t > 10) & (t < 15)) | ((t > 80) & (t < 85)))
                {
                    return 1;
                }
                return (t > 70) & (t < 75) ? -6 : 0;
            }),
            block("bistability", 0.1, 0.26, -60, 0, -61, 0.25, 300, t ->
            {
                final double t1 = 300.0 / 8;
                final double t2 = 216;
                return ((t > t1) & (t < t1 + 5)) | ((t > t2) & (t < t2 + 5)) ? 1.24 : 0.24;
            }),
            block("depolarizing_after_potential", 1, 0.2, -60, -21, -70, 0.1, 50, t -> Math.abs(t - 10) < 1 ? 20 : 0),
            new Block("accommodation", 0.02, 1, -55, 4, -65, -16, 0.5, 400, Equations.ACCOMMODATION, t ->
            {
                if (t < 200)
                {
                    return t / 25;
                }
                else if (t < 300)
                {
                    return 0;
                }
                else if (t < 312.5)
                {
                    return (t - 300) / 12.5 * 4;
                }
                return 0;
            }),
            block("inhibition_induced_spiking", -0.02, -1, -60, 8, -63.8, 0.5, 350, t -> (t < 50) | (t > 250) ? 80 : 75),
            block("inhibition_induced_bursting", -0.026, -1, -45, -2, -63.8, 0.5, 350, t -> (t < 50) | (t > 250) ? 80 : 75)));
        return blocks.stream();
    }

    /**
     * Spike times agree when they are the same step: the published loop's t = k*tau is a binary product
     * (42.800000000000004 at tau 0.2, as Octave prints it), ours the decimal k x tau (42.8, StepTimes); the steps
     * are at least 0.01 ms apart.
     */
    private static final double SAME_STEP_MS = 1e-9;

    /** The published loop: V first, u from the new V, {@code if V > 30} after both. */
    private static double[][] publishedLoop(final Block block)
    {
        final double a = block.a;
        final double b = block.b;
        final double tau = block.tau;
        final int n = (int)Math.round(block.tEnd / tau);
        double vm = block.v0;
        double u = block.u0;
        final double[] vv = new double[n + 1];
        final List<Double> spikes = new ArrayList<>();
        for (int k = 0; k <= n; k++)
        {
            final double t = k * tau;
            final double current = block.input.applyAsDouble(t);
            switch (block.equations)
            {
                case CLASS_1 -> vm = vm + tau * (0.04 * (vm * vm) + 4.1 * vm + 108 - u + current);
                default -> vm = vm + tau * (0.04 * (vm * vm) + 5 * vm + 140 - u + current);
            }
            switch (block.equations)
            {
                case ACCOMMODATION -> u = u + tau * a * (b * (vm + 65));
                default -> u = u + tau * a * (b * vm - u);
            }
            if (vm > 30)
            {
                vv[k] = 30;
                spikes.add(t);
                vm = block.c;
                u = u + block.d;
            }
            else
            {
                vv[k] = vm;
            }
        }
        return new double[][] {spikes.stream().mapToDouble(Double::doubleValue).toArray(), vv};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void presetGivesThePublishedSpikeTimes(final Block block)
    {
        final double[][] expected = publishedLoop(block);
        final RunResult result = SingleNeuronRun.run(Presets.byName(block.name).runSpec());

        assertArrayEquals(expected[0], result.spikeTimes(), SAME_STEP_MS, block.name + " spike times");
        assertEquals(expected[1].length, result.steps());
        double worst = 0;
        for (int k = 0; k < expected[1].length; k++)
        {
            worst = Math.max(worst, Math.abs(expected[1][k] - result.v()[k]));
        }
        assertTrue(worst < 1e-9, block.name + " trace differs from the published loop by " + worst + " mV");
    }

    static Stream<String[]> octaveSpikeTimes() throws IOException
    {
        final List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            PublishedCodeReproductionTest.class.getResourceAsStream("figure1-octave-spike-times.csv"), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (!line.startsWith("#"))
                {
                    rows.add(line.split(",", -1));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("octaveSpikeTimes")
    void presetGivesTheSpikeTimesOctaveComputesForThePublishedLoop(final String name, final String times)
    {
        final double[] expected = times.isBlank() ? new double[0] :
            Arrays.stream(times.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(expected, SingleNeuronRun.run(Presets.byName(name).runSpec()).spikeTimes(), SAME_STEP_MS, name);
    }

    @Test
    void octaveReferenceCoversEveryPublishedBlock() throws IOException
    {
        assertEquals(blocks().map(Block::name).sorted().toList(), octaveSpikeTimes().map(row -> row[0]).sorted().toList());
    }

    @Test
    void everyPublishedBlockHasAPreset()
    {
        final List<String> transcribed = blocks().map(Block::name).sorted().toList();
        final List<String> published = Stream.concat(
                Presets.group(PresetGroup.IZHIKEVICH_2003_FIG2).stream(),
                Presets.group(PresetGroup.IZHIKEVICH_2004_FIG1).stream())
            .map(Preset::name).sorted().toList();
        assertEquals(published, transcribed);
        assertEquals(20, Presets.group(PresetGroup.IZHIKEVICH_2004_FIG1).size());
        assertTrue(Arrays.asList("RS", "IB", "CH", "FS", "TC", "RZ", "LTS").stream()
            .allMatch(name -> Presets.byName(name).group() == PresetGroup.IZHIKEVICH_2003_FIG2));
    }
}
