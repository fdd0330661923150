package org.izhsim.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.izhsim.core.InputException;
import org.izhsim.core.preset.Presets;
import org.junit.jupiter.api.Test;

/**
 * The f-I curve: the window's counts exactly, and the two excitability classes of Izhikevich (2004), Fig. 1 (G, H)
 * as their presets' DC steps show them (Hodgkin's classes: class 1 fires at arbitrarily low rates just above its
 * threshold current, class 2 starts at a rate well above zero).
 */
class FiCurveTest
{
    /** A neuron firing in every step is at 1/dt, as its single run's mean rate (the step at T is not counted). */
    @Test
    void aCurveOfANeuronFiringInEveryStepIsAtOneOverDt()
    {
        final java.util.List<FiCurve.Point> points = FiCurve.run(org.izhsim.core.run.RunSpec.of(
            org.izhsim.core.model.CellType2007.RS.model(), org.izhsim.core.integrate.Method.EULER, 1, 10,
            org.izhsim.core.stimulus.Stimuli.none()), new double[] {1e6}, 0, Double.POSITIVE_INFINITY, () -> false);
        assertEquals(1000.0, points.get(0).rateHz(), 1e-9, "a spike in each 1 ms step of 10 ms");
    }

    /** Currents in any order: the first firing point of {20, 0, 5} was 20, though 5 fired too (the Java API's). */
    @Test
    void theFirstFiringCurrentIsTheLowestThatFiredWhateverTheOrder()
    {
        final List<FiCurve.Point> points = FiCurve.run(Presets.byName("RS").runSpec().withDuration(300),
            new double[] {20, 0, 5}, 0, Double.POSITIVE_INFINITY, () -> false);
        assertEquals(List.of(20.0, 0.0, 5.0), points.stream().map(FiCurve.Point::current).toList(), "kept in order");
        assertTrue(points.get(2).spikes() > 0 && points.get(1).spikes() == 0, points.toString());
        assertEquals(5.0, FiCurve.firstFiringCurrent(points));
        assertEquals("stop", assertThrows(NullPointerException.class, () -> FiCurve.run(Presets.byName("RS").runSpec(),
            new double[] {5}, 0, Double.POSITIVE_INFINITY, null)).getMessage());
    }

    @Test
    void aPointCountsTheSpikesInItsWindowAndTheLastInterval()
    {
        final double[] spikes = {1, 10, 20, 35, 1000};
        final FiCurve.Point window = FiCurve.point(5, spikes, 10, 1000);
        assertEquals(3, window.spikes(), "10, 20 and 35: the end, an offset or T, is exclusive");
        assertEquals(3 * 1000.0 / 990, window.rateHz());
        assertEquals(0.0, window.latencyMs());
        assertEquals(1000.0 / 15, window.lastIsiRateHz());
        final FiCurve.Point one = FiCurve.point(5, new double[] {1, 12}, 10, 100);
        assertEquals(1, one.spikes());
        assertEquals(2.0, one.latencyMs());
        assertTrue(Double.isNaN(one.lastIsiRateHz()), "one spike has no interval");
        final FiCurve.Point none = FiCurve.point(5, new double[0], 10, 100);
        assertEquals(0.0, none.rateHz());
        assertTrue(Double.isNaN(none.latencyMs()));
    }

    @Test
    void classOneFiresAtLowRatesJustAboveItsThresholdAndClassTwoDoesNot()
    {
        final RunSpec classOne = Presets.byName("class_1_excitable").runSpec().withTiming(0.25, 4000);
        final List<FiCurve.Point> one = FiCurve.run(classOne, new double[] {2.2, 2.25, 2.3, 2.35, 2.4, 3, 4}, 0,
            Double.POSITIVE_INFINITY, () -> false);
        assertEquals(0, one.get(0).spikes(), "silent below its threshold current");
        final double lowest = one.stream().filter(p -> p.spikes() >= 2).mapToDouble(FiCurve.Point::lastIsiRateHz)
            .min().orElseThrow();
        assertTrue(lowest > 0 && lowest < 2.5, "class 1: a rate of " + lowest + " Hz just above threshold");
        for (int k = 1; k < one.size(); k++)
        {
            assertTrue(one.get(k).rateHz() >= one.get(k - 1).rateHz(), "the rate grows with the current");
        }

        final RunSpec classTwo = Presets.byName("class_2_excitable").runSpec().withTiming(0.25, 4000);
        final double[] currents = new double[21];
        for (int k = 0; k < currents.length; k++)
        {
            currents[k] = 0.25 + 0.005 * k;
        }
        final List<FiCurve.Point> two = FiCurve.run(classTwo, currents, 0, Double.POSITIVE_INFINITY, () -> false);
        assertEquals(0, two.get(0).spikes(), "silent below its threshold current");
        assertTrue(two.get(two.size() - 1).spikes() > 50, "and firing above it");
        for (final FiCurve.Point p : two)
        {
            assertTrue(!(p.lastIsiRateHz() < 20), "class 2: no repetitive firing below 20 Hz, got " +
                p.lastIsiRateHz() + " Hz at " + p.current());
        }
    }

    /**
     * An f-I curve's runs keep their spikes alone (a 2e7 ms run held 2.6 GB of trace it never wrote): the same spike
     * times as a traced run, no trace.
     */
    @Test
    void aSpikesOnlyRunHasTheSpikesOfATracedRunAndNoTrace()
    {
        final RunSpec rs = Presets.byName("RS").runSpec().withTiming(0.25, 2000)
            .withStimulus(org.izhsim.core.stimulus.Stimuli.dc(7, 10, 1500));
        final RunResult traced = SingleNeuronRun.run(rs);
        final RunResult spikes = SingleNeuronRun.spikesOnly(rs, () -> false);
        assertTrue(traced.spikeCount() > 10);
        org.junit.jupiter.api.Assertions.assertArrayEquals(traced.spikeTimes(), spikes.spikeTimes());
        assertEquals(0, spikes.v().length);
        assertEquals(0, spikes.t().length);
    }

    @Test
    void aBlowUpNamesItsCurrentAndAnEmptyWindowIsRefused()
    {
        final RunSpec rs = Presets.byName("RS").runSpec().withTiming(0.25, 100);
        assertEquals("the f-I step's window [100.0, 100.0) ms is empty: its onset must be >= 0 and before both its " +
            "offset and the run's end, 100.0 ms", assertThrows(InputException.class,
            () -> FiCurve.run(rs, new double[] {1}, 100, Double.POSITIVE_INFINITY, () -> false)).getMessage());
        assertEquals("an f-I curve takes 1 to 1000 currents, got 0", assertThrows(InputException.class,
            () -> FiCurve.run(rs, new double[0], 0, Double.POSITIVE_INFINITY, () -> false)).getMessage());
        final List<FiCurve.Point> points = FiCurve.run(rs.withMethod(org.izhsim.core.integrate.Method.byName("rk4")),
            new double[] {-1e30, 1, 1e30}, 0, Double.POSITIVE_INFINITY, () -> false);
        assertEquals(3, points.size(), "each current runs on its own");
        assertTrue(points.get(0).blewUp() && !points.get(1).blewUp() && points.get(2).blewUp());
        assertTrue(Double.isNaN(points.get(2).rateHz()) && points.get(2).blowUpMs() == 0.25);
        final StateDiverged line = FiCurve.blownUp(points, "; note");
        assertTrue(line.getMessage().startsWith("at current -1e30: numerical blow-up at t = ") &&
            line.getMessage().endsWith("; 1 more current blew up (1e30); note"), line.getMessage());
    }
}
