package org.izhsim.core.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.izhsim.core.run.RunResult;
import org.izhsim.core.run.SingleNeuronRun;
import org.izhsim.core.stimulus.Stimuli;
import org.junit.jupiter.api.Test;

/**
 * The firing patterns a neuroscientist expects from each published preset (Izhikevich 2003 Fig. 2,
 * 2004 Fig. 1), checked on spike times and traces rather than on remembered numbers.
 */
class FeatureBehaviourTest
{
    private static RunResult run(final String name)
    {
        return SingleNeuronRun.run(Presets.byName(name).runSpec());
    }

    private static double[] spikes(final String name)
    {
        return run(name).spikeTimes();
    }

    private static int count(final double[] values, final java.util.function.DoublePredicate test)
    {
        return (int)Arrays.stream(values).filter(test).count();
    }

    private static double[] isi(final double[] spikes)
    {
        final double[] intervals = new double[Math.max(0, spikes.length - 1)];
        for (int k = 0; k < intervals.length; k++)
        {
            intervals[k] = spikes[k + 1] - spikes[k];
        }
        return intervals;
    }

    private static double steadyRateHz(final RunResult result)
    {
        final double[] s = result.spikeTimes();
        return s.length < 2 ? 0.0 : 1000.0 / (s[s.length - 1] - s[s.length - 2]);
    }

    // ---- 2003 Fig. 2 -------------------------------------------------------------------------------

    @Test
    void regularSpikingAdapts()
    {
        final double[] intervals = isi(spikes("RS"));
        assertTrue(intervals.length >= 3);
        assertTrue(intervals[intervals.length - 1] > 3 * intervals[0], Arrays.toString(intervals));
        for (int k = 1; k < intervals.length; k++)
        {
            assertTrue(intervals[k] >= intervals[k - 1] - 0.25, "ISIs must not shorten: " + Arrays.toString(intervals));
        }
    }

    @Test
    void regularSpikingBelowRheobaseIsSilentAndAboveFires()
    {
        // RS rest disappears at I = (5 - b)^2/0.16 - 140 = 4 (saddle-node of 0.04v^2 + (5-b)v + 140 + I).
        final Preset rs = Presets.byName("RS");
        final RunResult below = SingleNeuronRun.run(rs.runSpec().withDuration(1000).withStimulus(Stimuli.dc(3.5, 0, Double.POSITIVE_INFINITY)));
        final RunResult above = SingleNeuronRun.run(rs.runSpec().withDuration(1000).withStimulus(Stimuli.dc(5.0, 0, Double.POSITIVE_INFINITY)));
        assertEquals(0, below.spikeCount());
        assertTrue(above.spikeCount() >= 3);
    }

    @Test
    void fastSpikingFiresFastWithoutAdaptation()
    {
        final double[] intervals = isi(spikes("FS"));
        final double[] late = Arrays.copyOfRange(intervals, 3, intervals.length);
        final double min = Arrays.stream(late).min().orElseThrow();
        final double max = Arrays.stream(late).max().orElseThrow();
        assertTrue(max < 1.15 * min, "steady ISIs " + Arrays.toString(late));
        assertTrue(max < 12.0, "FS fires above 80 Hz: " + Arrays.toString(late));
        assertTrue(run("FS").rateHz(15, 150) > 2 * run("RS").rateHz(15, 150));
    }

    @Test
    void intrinsicallyBurstingStartsWithABurstThenSpikesSingly()
    {
        final double[] intervals = isi(spikes("IB"));
        assertTrue(intervals[0] < 5 && intervals[1] < 5, Arrays.toString(intervals));
        for (int k = 2; k < intervals.length; k++)
        {
            assertTrue(intervals[k] > 25, Arrays.toString(intervals));
        }
    }

    @Test
    void chatteringRepeatsBursts()
    {
        assertBimodalBursts(isi(spikes("CH")), 5, 30, 2);
    }

    private static void assertBimodalBursts(final double[] intervals, final double intraMax, final double interMin, final int minGaps)
    {
        final int shortOnes = count(intervals, x -> x < intraMax);
        final int longOnes = count(intervals, x -> x > interMin);
        assertEquals(intervals.length, shortOnes + longOnes, "ISIs must be bimodal: " + Arrays.toString(intervals));
        assertTrue(longOnes >= minGaps && shortOnes >= 2 * longOnes, Arrays.toString(intervals));
    }

    @Test
    void thalamocorticalFiresTonicallyAtSmallCurrentAndBurstsOnRebound()
    {
        final double[] tonic = spikes("TC");
        assertTrue(tonic.length >= 3 && tonic[0] > 30, Arrays.toString(tonic));
        assertTrue(Arrays.stream(isi(tonic)).allMatch(x -> x > 10), "single spikes: " + Arrays.toString(tonic));

        final double[] rebound = spikes("TC_burst");
        final double release = 3 * 150.0 / 10;
        assertTrue(rebound.length >= 3 && rebound[0] > release, Arrays.toString(rebound));
        assertTrue(isi(rebound)[0] < 7, "a burst, not single spikes: " + Arrays.toString(rebound));
    }

    @Test
    void resonatorFiresOnlyOnTheBriefPulse()
    {
        final double[] s = spikes("RZ");
        assertTrue(s.length >= 1);
        assertTrue(Arrays.stream(s).allMatch(t -> t > 60 && t < 75), Arrays.toString(s));
    }

    @Test
    void lowThresholdSpikingFiresFastAndAdapts()
    {
        final double[] intervals = isi(spikes("LTS"));
        assertTrue(intervals.length >= 10);
        assertTrue(intervals[0] < 5 && intervals[intervals.length - 1] > 2 * intervals[0], Arrays.toString(intervals));
    }

    // ---- 2004 Fig. 1 -------------------------------------------------------------------------------

    @Test
    void tonicSpikingFiresRegularlyWhileTheStepLasts()
    {
        final double[] s = spikes("tonic_spiking");
        final double[] intervals = isi(s);
        assertTrue(s[0] > 10 && s.length >= 4);
        final double last = intervals[intervals.length - 1];
        assertEquals(last, intervals[intervals.length - 2], 0.1 * last);
    }

    @Test
    void phasicSpikingFiresExactlyOnceAfterOnset()
    {
        final double[] s = spikes("phasic_spiking");
        assertEquals(1, s.length);
        assertTrue(s[0] > 20);
    }

    @Test
    void tonicBurstingRepeatsBursts()
    {
        final double[] s = spikes("tonic_bursting");
        assertTrue(s[0] > 22);
        assertBimodalBursts(isi(s), 8, 30, 3);
    }

    @Test
    void phasicBurstingFiresOneBurstAtOnset()
    {
        final double[] s = spikes("phasic_bursting");
        assertTrue(s.length >= 3 && s[0] > 20);
        assertTrue(s[s.length - 1] - s[0] < 40, "one burst only: " + Arrays.toString(s));
        assertTrue(isi(s)[0] < 5);
    }

    @Test
    void mixedModeFiresABurstThenSingleSpikes()
    {
        final double[] intervals = isi(spikes("mixed_mode"));
        // A burst (two short intervals) then at least two single spikes, so the loop below checks something.
        assertTrue(intervals.length >= 4, Arrays.toString(intervals));
        assertTrue(intervals[0] < 6 && intervals[1] < 6, Arrays.toString(intervals));
        for (int k = 2; k < intervals.length; k++)
        {
            assertTrue(intervals[k] > 25, Arrays.toString(intervals));
        }
    }

    @Test
    void spikeFrequencyAdaptationLengthensEveryInterval()
    {
        final double[] intervals = isi(spikes("spike_frequency_adaptation"));
        assertTrue(intervals.length >= 4);
        for (int k = 1; k < intervals.length; k++)
        {
            assertTrue(intervals[k] > intervals[k - 1], Arrays.toString(intervals));
        }
    }

    @Test
    void classOneRampRaisesTheRateGradually()
    {
        final double[] intervals = isi(spikes("class_1_excitable"));
        // Enough spikes on the ramp that the loop below compares something, the first interval long (a low
        // rate where the ramp crosses rheobase) and the rate rising every spike after it.
        assertTrue(intervals.length >= 5, "spikes on the ramp: " + Arrays.toString(intervals));
        assertTrue(intervals[0] > 2 * intervals[intervals.length - 1], Arrays.toString(intervals));
        for (int k = 1; k < intervals.length; k++)
        {
            assertTrue(intervals[k] < intervals[k - 1], Arrays.toString(intervals));
        }
    }

    @Test
    void classOneRateRisesContinuouslyFromZeroWithDirectCurrent()
    {
        // Saddle-node at I = 2.25 for v' = 0.04v^2 + 4.1v + 108 - u + I with u = -0.1v.
        final Preset preset = Presets.byName("class_1_excitable");
        final double[] currents = {2.0, 2.3, 2.5, 3.0, 4.0, 6.0, 10.0};
        final double[] rates = new double[currents.length];
        for (int k = 0; k < currents.length; k++)
        {
            rates[k] = steadyRateHz(SingleNeuronRun.run(preset.runSpec().withDuration(3000)
                .withStimulus(Stimuli.dc(currents[k], 0, Double.POSITIVE_INFINITY))));
        }
        assertEquals(0.0, rates[0], "silent below the saddle-node");
        assertTrue(rates[1] > 0 && rates[1] < 5, "arbitrarily low rate near rheobase: " + Arrays.toString(rates));
        for (int k = 2; k < rates.length; k++)
        {
            assertTrue(rates[k] > rates[k - 1], "monotone f-I curve: " + Arrays.toString(rates));
        }
    }

    @Test
    void classTwoStartsFiringAtANonZeroRate()
    {
        final Preset preset = Presets.byName("class_2_excitable");
        double lowest = Double.POSITIVE_INFINITY;
        int firing = 0;
        for (int k = 0; k <= 50; k++)
        {
            final double rate = steadyRateHz(SingleNeuronRun.run(preset.runSpec().withDuration(1500)
                .withStimulus(Stimuli.dc(0.01 * k, 0, Double.POSITIVE_INFINITY))));
            if (rate > 0)
            {
                firing++;
                lowest = Math.min(lowest, rate);
            }
        }
        assertTrue(firing > 5 && firing < 51, "the sweep must cross the onset, firing at " + firing + " of 51 levels");
        assertTrue(lowest > 20, "class 2 onset jumps to a finite rate, lowest " + lowest + " Hz");
    }

    @Test
    void spikeLatencyFiresLongAfterThePulse()
    {
        final double[] s = spikes("spike_latency");
        assertEquals(1, s.length);
        assertTrue(s[0] > 13 + 10, "pulse ends at 13 ms, spike at " + s[0]);
    }

    @Test
    void subthresholdOscillationsRingAfterThePulse()
    {
        final RunResult result = run("subthreshold_oscillations");
        assertEquals(1, result.spikeCount());
        // Alternating extrema of v after the spike, with shrinking swings: a damped oscillation.
        final double[] v = result.v();
        final double[] extrema = new double[16];
        int n = 0;
        for (int k = (int)(30 / 0.25); k + 1 < v.length && n < extrema.length; k++)
        {
            if ((v[k] > v[k - 1] && v[k] >= v[k + 1]) || (v[k] < v[k - 1] && v[k] <= v[k + 1]))
            {
                extrema[n++] = v[k];
            }
        }
        assertTrue(n >= 4, "at least two periods, got " + n + " extrema");
        for (int k = 2; k < n; k++)
        {
            assertTrue(Math.abs(extrema[k] - extrema[k - 1]) < Math.abs(extrema[k - 1] - extrema[k - 2]),
                "damped: " + Arrays.toString(Arrays.copyOf(extrema, n)));
        }
    }

    @Test
    void resonatorAnswersOnlyThePairAtItsResonantInterval()
    {
        final double[] s = spikes("resonator");
        final double t3 = 0.7 * 400;
        assertEquals(0, count(s, t -> t < t3), "the 20 ms pair is off resonance: " + Arrays.toString(s));
        assertEquals(1, count(s, t -> t > t3 + 40), "the 40 ms pair fires: " + Arrays.toString(s));
    }

    @Test
    void integratorSumsOnlyCloselySpacedPulses()
    {
        final double[] s = spikes("integrator");
        final double t2 = 100.0 / 11 + 5;
        assertEquals(1, count(s, t -> t > t2 && t < 70), "the 5 ms pair summates: " + Arrays.toString(s));
        assertEquals(0, count(s, t -> t >= 70), "the 10 ms pair does not: " + Arrays.toString(s));
    }

    @Test
    void reboundSpikeFollowsReleaseAndNotBefore()
    {
        final double[] s = spikes("rebound_spike");
        assertEquals(1, s.length);
        assertTrue(s[0] > 25);
    }

    @Test
    void reboundBurstFollowsRelease()
    {
        final double[] s = spikes("rebound_burst");
        assertTrue(s.length >= 3 && s[0] > 25, Arrays.toString(s));
        assertTrue(isi(s)[0] < 5, Arrays.toString(s));
    }

    @Test
    void thresholdDependsOnThePrecedingInhibition()
    {
        final double[] s = spikes("threshold_variability");
        assertEquals(0, count(s, t -> t < 80), "the first excitatory pulse alone is subthreshold");
        assertEquals(1, count(s, t -> t > 80), "the same pulse after inhibition fires");
    }

    @Test
    void bistabilityPulsesSwitchTonicFiringOnThenOff()
    {
        final double[] s = spikes("bistability");
        final double on = 300.0 / 8;
        final double off = 216;
        assertEquals(0, count(s, t -> t < on));
        assertTrue(count(s, t -> t > on && t < off) >= 3, Arrays.toString(s));
        assertEquals(0, count(s, t -> t > off + 5), "the second pulse stops firing: " + Arrays.toString(s));
    }

    @Test
    void depolarizingAfterPotentialFollowsTheSpike()
    {
        final Preset preset = Presets.byName("depolarizing_after_potential");
        final RunResult result = SingleNeuronRun.run(preset.runSpec());
        assertEquals(1, result.spikeCount());
        final double spike = result.firstSpikeMs();
        double highest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < result.steps(); k++)
        {
            if (result.t()[k] > spike + 1 && result.t()[k] < spike + 8)
            {
                assertEquals(0.0, result.i()[k], "the pulse is over");
                highest = Math.max(highest, result.v()[k]);
            }
        }
        assertTrue(highest > -60 + 5, "v climbs well above the reset -60 after the spike, max " + highest);
    }

    @Test
    void accommodationIgnoresTheSlowRampAndFiresOnTheFastOne()
    {
        final double[] s = spikes("accommodation");
        assertEquals(0, count(s, t -> t < 300), "slow ramp to 8 gives no spike");
        assertEquals(1, count(s, t -> t >= 300 && t < 320), "fast ramp to 4 gives one");
    }

    @Test
    void inhibitionInducedSpikingFiresOnlyWhileTheCurrentIsLowered()
    {
        final double[] s = spikes("inhibition_induced_spiking");
        assertTrue(s.length >= 2);
        assertTrue(Arrays.stream(s).allMatch(t -> t >= 50 && t <= 250), Arrays.toString(s));
    }

    @Test
    void inhibitionInducedBurstingBurstsOnlyWhileTheCurrentIsLowered()
    {
        final double[] s = spikes("inhibition_induced_bursting");
        assertTrue(Arrays.stream(s).allMatch(t -> t >= 50 && t <= 250), Arrays.toString(s));
        assertBimodalBursts(isi(s), 6, 40, 1);
    }
}
