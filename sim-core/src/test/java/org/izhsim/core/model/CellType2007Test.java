package org.izhsim.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.Presets;
import org.izhsim.core.run.RunResult;
import org.izhsim.core.run.SingleNeuronRun;
import org.izhsim.core.stimulus.Stimuli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The 2007 book types: each fires at its default current, and each shows its own rule.
 */
class CellType2007Test
{
    private static RunResult run(final CellType2007 type, final double currentPa)
    {
        final Preset preset = Presets.byName("izh2007_" + type.name().toLowerCase(java.util.Locale.ROOT));
        return SingleNeuronRun.run(preset.runSpec().withStimulus(Stimuli.dc(currentPa, 0, Double.POSITIVE_INFINITY)));
    }

    @ParameterizedTest
    @EnumSource(CellType2007.class)
    void firesRepeatedlyAtItsDefaultCurrent(final CellType2007 type)
    {
        final Preset preset = Presets.byName("izh2007_" + type.name().toLowerCase(java.util.Locale.ROOT));
        assertEquals(type.defaultCurrentPa(), preset.defaultCurrent());
        assertEquals(type.model().vr(), preset.v0(), "starts at rest as in izhi2007.m");
        assertEquals(0.0, preset.u0(), "u = 0 at v = vr as in izhi2007.m");
        final RunResult result = SingleNeuronRun.run(preset.runSpec());
        assertTrue(result.spikeCount() >= 4, type + " fired " + result.spikeCount());
        assertEquals(0, run(type, 0.0).spikeCount(), type + " is silent at rest");
    }

    private static Map<String, double[]> octaveSpikeTimes() throws IOException
    {
        final Map<String, double[]> rows = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            CellType2007Test.class.getResourceAsStream("izhi2007-octave-spike-times.csv"), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (!line.startsWith("#"))
                {
                    final String[] fields = line.split(",", -1);
                    rows.put(fields[0], Arrays.stream(fields[1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray());
                }
            }
        }
        return rows;
    }

    /**
     * izhi2007.m takes n - 1 = round(T/tau) - 1 steps, we take round(T/tau) + 1, so only spikes in the
     * script's range are compared. The linear types and the LTS, TC and RTN rules agree spike for spike;
     * FS agrees on its first four spikes, then drifts (under 2 ms by 100 ms) because the script evaluates
     * the cubic at v(i) but picks its branch from v(i+1).
     */
    @ParameterizedTest
    @EnumSource(CellType2007.class)
    void agreesWithTheBookScriptRunUnderOctave(final CellType2007 type) throws IOException
    {
        final String name = "izh2007_" + type.name().toLowerCase(java.util.Locale.ROOT);
        final double[] script = octaveSpikeTimes().get(name);
        final Preset preset = Presets.byName(name);
        final double lastStepStart = (Math.round(preset.durationMs() / preset.dtMs()) - 2) * preset.dtMs();
        final double[] ours = Arrays.stream(SingleNeuronRun.run(preset.runSpec()).spikeTimes())
            .filter(t -> t <= lastStepStart).toArray();
        if (type == CellType2007.FS)
        {
            assertEquals(script.length, ours.length);
            for (int k = 0; k < ours.length; k++)
            {
                assertEquals(script[k], ours[k], k < 4 ? 0.0 : 2.0, "FS spike " + k);
            }
        }
        else
        {
            assertArrayEquals(script, ours, 0.0, name);
        }
    }

    @Test
    void regularSpikingAdapts()
    {
        final double[] isi = run(CellType2007.RS, 300).interSpikeIntervals();
        assertTrue(isi[isi.length - 1] > 1.3 * isi[0], Arrays.toString(isi));
    }

    @Test
    void fastSpikingDoesNotAdaptAndKeepsUAtTheSpike()
    {
        final double[] isi = run(CellType2007.FS, 200).interSpikeIntervals();
        final double late = (isi[isi.length - 1] + isi[isi.length - 2] + isi[isi.length - 3]) / 3;
        assertTrue(late < 1.15 * isi[0], Arrays.toString(isi));
        assertTrue(1000 / late > 50, "fast: " + Arrays.toString(isi));

        final Izhikevich2007Model fs = CellType2007.FS.model();
        assertEquals(37.5, fs.resetU(37.5), "d = 0: no jump of u");
        assertEquals(0.0, fs.uNullclineU(-60), "U(v) = 0 below vb = -55");
        assertEquals(0.025 * 10 * 10 * 10, fs.uNullclineU(-45), 1e-12, "U(v) = b(v - vb)^3 above vb");
    }

    @Test
    void intrinsicallyBurstingFiresADoubletThenTonicSpikes()
    {
        final double[] isi = run(CellType2007.IB, 500).interSpikeIntervals();
        // A doublet, then at least two tonic intervals for the allMatch below to judge.
        assertTrue(isi.length >= 3, Arrays.toString(isi));
        assertTrue(isi[0] < 25, Arrays.toString(isi));
        assertTrue(Arrays.stream(isi, 1, isi.length).allMatch(x -> x > 3 * isi[0]), Arrays.toString(isi));
    }

    @Test
    void chatteringRepeatsBursts()
    {
        final double[] isi = run(CellType2007.CH, 400).interSpikeIntervals();
        final long intra = Arrays.stream(isi).filter(x -> x < 12).count();
        final long inter = Arrays.stream(isi).filter(x -> x > 25).count();
        assertEquals(isi.length, intra + inter, Arrays.toString(isi));
        assertTrue(inter >= 3 && intra >= inter, Arrays.toString(isi));
    }

    @Test
    void lowThresholdSpikingCutoffFallsAsRecoveryBuildsUp()
    {
        final Izhikevich2007Model lts = CellType2007.LTS.model();
        assertEquals(40 - 0.1 * 100, lts.peak(100), 1e-12);
        assertEquals(-53 + 0.04 * 100, lts.resetV(100), 1e-12);
        assertEquals(120, lts.resetU(100), 1e-12);
        assertEquals(670, lts.resetU(660), "u is capped at 670 after a spike");

        final RunResult result = run(CellType2007.LTS, 200);
        final double[] peaks = new double[result.spikeCount()];
        int n = 0;
        for (int k = 0; k < result.steps(); k++)
        {
            if (n < peaks.length && result.t()[k] == result.spikeTimes()[n])
            {
                peaks[n++] = result.v()[k];
            }
        }
        assertTrue(peaks[0] < 40, "u > 0 at the first spike lowers the cutoff: " + peaks[0]);
        for (int k = 1; k < 3; k++)
        {
            assertTrue(peaks[k] < peaks[k - 1], "u accumulates over the first spikes: " + Arrays.toString(peaks));
        }
    }

    @Test
    void thalamocorticalSwitchesRecoveryAtMinus65AndReboundsIntoABurst()
    {
        final Izhikevich2007Model tc = CellType2007.TC.model();
        assertEquals(15, tc.b(-70));
        assertEquals(0, tc.b(-60));
        assertEquals(35 + 0.1 * 50, tc.peak(50), 1e-12);
        assertEquals(-60 - 0.1 * 50, tc.resetV(50), 1e-12);

        final double[] tonic = run(CellType2007.TC, 100).interSpikeIntervals();
        // allMatch holds on no interval at all: tonic firing is several spikes.
        assertTrue(tonic.length >= 3, "tonic firing at 100 pA: " + Arrays.toString(tonic));
        assertTrue(Arrays.stream(tonic).allMatch(x -> x > 40), "tonic single spikes: " + Arrays.toString(tonic));

        final RunResult rebound = SingleNeuronRun.run(Presets.byName("izh2007_tc_burst").runSpec());
        final double[] isi = rebound.interSpikeIntervals();
        assertTrue(rebound.firstSpikeMs() > 120, "no spike while hyperpolarized");
        assertTrue(rebound.spikeCount() >= 3 && isi[0] < 15, "rebound burst: " + Arrays.toString(rebound.spikeTimes()));
        assertTrue(rebound.countSpikes(400, Double.POSITIVE_INFINITY) == 0, "silent at 0 pA once the burst is over");
    }

    @Test
    void reticularThalamicBurstsAfterHyperpolarizationButSpikesTonicallyFromRest()
    {
        final Izhikevich2007Model rtn = CellType2007.RTN.model();
        assertEquals(10, rtn.b(-70));
        assertEquals(2, rtn.b(-60));

        final double tonicIsi = run(CellType2007.RTN, 50).interSpikeIntervals()[0];
        final RunResult rebound = SingleNeuronRun.run(Presets.byName("izh2007_rtn_burst").runSpec());
        assertTrue(rebound.firstSpikeMs() > 120);
        assertTrue(rebound.interSpikeIntervals()[0] < 0.2 * tonicIsi,
            "burst ISI " + rebound.interSpikeIntervals()[0] + " vs tonic " + tonicIsi);
    }
}
