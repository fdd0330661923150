package org.izhsim.core.stimulus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;

class StimulusTest
{
    @Test
    void intervalsHonourOpenAndClosedEnds()
    {
        assertFalse(Interval.open(10, 15).contains(10));
        assertTrue(Interval.open(10, 15).contains(10.25));
        assertFalse(Interval.open(10, 15).contains(15));
        assertTrue(Interval.closedOpen(10, 15).contains(10));
        assertFalse(Interval.closedOpen(10, 15).contains(15));
        assertTrue(Interval.closed(10, 15).contains(15));
        assertFalse(Interval.after(10).contains(10));
        assertTrue(Interval.from(10).contains(10));
        assertTrue(Interval.before(200).contains(199.5));
        assertFalse(Interval.before(200).contains(200));
        assertTrue(Interval.all().contains(-1e300));
        assertEquals("interval end 1.0 ms is before its start 2.0 ms",
            assertThrows(InputException.class, () -> Interval.open(2, 1)).getMessage());
    }

    @Test
    void directCurrentStartsOnItsOnsetAndStopsBeforeItsOffset()
    {
        final Stimulus step = Stimuli.dc(5, 10, 20);
        assertEquals(0.0, step.current(9.75, 39));
        assertEquals(5.0, step.current(10.0, 40));
        assertEquals(5.0, step.current(19.75, 79));
        assertEquals(0.0, step.current(20.0, 80));
        assertEquals("DC offset 10.0 ms must be after its onset 10.0 ms",
            assertThrows(InputException.class, () -> Stimuli.dc(5, 10, 10)).getMessage());
        assertEquals("DC onset must be a finite number, got NaN",
            assertThrows(InputException.class, () -> Stimuli.dc(5, Double.NaN, 10)).getMessage());
        assertEquals("constant current must be a finite number, got NaN",
            assertThrows(InputException.class, () -> Stimuli.dc(Double.NaN, 0, 10)).getMessage());
    }

    @Test
    void piecewiseTakesTheFirstMatchingCaseLikeAnElseIfChain()
    {
        // 2003 Fig. 2 RZ: if (t>T2)&(t<T2+5) 10; elseif t>T1 -0.5; else -2; T1 = 10, T2 = 60.
        final Stimulus rz = Piecewise.when(Interval.open(60, 65), 10).orWhen(Interval.after(10), -0.5).otherwise(-2);
        assertEquals(-2.0, rz.current(10, 0));
        assertEquals(-0.5, rz.current(10.25, 0));
        assertEquals(-0.5, rz.current(60, 0));
        assertEquals(10.0, rz.current(60.25, 0));
        assertEquals(-0.5, rz.current(65, 0));
    }

    @Test
    void linearSegmentsReproduceThePublishedRampArithmeticExactly()
    {
        final Linear slow = new Linear(0, 0, 25, 1);
        final Linear fast = new Linear(300, 0, 12.5, 4);
        final Linear classOne = Linear.withSlope(30, 0, 0.075);
        final Linear classTwo = Linear.withSlope(30, -0.5, 0.015);
        for (int k = 0; k <= 1600; k++)
        {
            final double t = k * 0.25;
            assertEquals(t / 25, slow.current(t, k));
            assertEquals((t - 300) / 12.5 * 4, fast.current(t, k));
            assertEquals(0.075 * (t - 30), classOne.current(t, k));
            assertEquals(-0.5 + (0.015 * (t - 30)), classTwo.current(t, k));
        }
    }

    @Test
    void rampRunsFromItsStartValueTowardsItsEndValueAndIsZeroOutside()
    {
        final Stimulus ramp = Stimuli.ramp(100, 200, 2, 12);
        assertEquals(0.0, ramp.current(99.5, 0));
        assertEquals(2.0, ramp.current(100, 0));
        assertEquals(7.0, ramp.current(150, 0), 1e-12);
        assertEquals(0.0, ramp.current(200, 0));
        assertEquals("ramp end 100.0 ms must be a finite time after its start 100.0 ms",
            assertThrows(InputException.class, () -> Stimuli.ramp(100, 100, 0, 1)).getMessage());
    }

    @Test
    void pulseTrainGivesCountPulsesOfWidthEveryPeriod()
    {
        final PulseTrain train = new PulseTrain(3, 10, 2, 5, 3);
        assertEquals(0.0, train.current(9.9, 0));
        assertEquals(3.0, train.current(10, 0));
        assertEquals(3.0, train.current(11.9, 0));
        assertEquals(0.0, train.current(12, 0));
        assertEquals(3.0, train.current(15, 0));
        assertEquals(3.0, train.current(21, 0));
        assertEquals(0.0, train.current(25, 0), "only three pulses");
        assertEquals(3.0, PulseTrain.single(3, 0, 1).current(0.5, 0));
        assertEquals("pulse width must be a positive number, got -1",
            assertThrows(InputException.class, () -> new PulseTrain(1, 0, -1, 5, 2)).getMessage());
        assertEquals("pulse count must be at least 1, got 0",
            assertThrows(InputException.class, () -> new PulseTrain(1, 0, 1, 5, 0)).getMessage());
        assertEquals("pulse period 1.0 ms is shorter than the pulse width 2.0 ms",
            assertThrows(InputException.class, () -> new PulseTrain(1, 0, 2, 1, 2)).getMessage());
    }

    /**
     * Every time on the dt grid, yet pulses began a step late or lasted a step more or less: (18.0 - 1.1) / 1.3 is
     * 12.999999999999998 in binary. At dt 0.1 (t = k * dt, as the run computes it) each of 30 pulses of 0.4 ms every
     * 1.3 ms from 1.1 ms is exactly the 4 steps from 1.1 + 1.3 i; the same for other trains at dt 0.1 and 0.25.
     */
    @Test
    void pulsesOnTheStepGridCoverExactlyTheirSteps()
    {
        assertPulseSteps(new PulseTrain(1, 1.1, 0.4, 1.3, 30), 0.1, 500, 11, 13, 4, 30);
        assertPulseSteps(new PulseTrain(1, 0.2, 0.3, 0.9, 40), 0.1, 400, 2, 9, 3, 40);
        assertPulseSteps(new PulseTrain(1, 5, 0.7, 3.3, 12), 0.1, 500, 50, 33, 7, 12);
        assertPulseSteps(new PulseTrain(1, 0.25, 0.5, 1.25, 60), 0.25, 400, 1, 5, 2, 60);
    }

    /** Steps k = 0 .. steps - 1 at t = k dt: pulse i < count on exactly the steps first + i period .. + width - 1. */
    private static void assertPulseSteps(final PulseTrain train, final double dt, final int steps, final int first,
        final int period, final int width, final int count)
    {
        for (int k = 0; k < steps; k++)
        {
            final int from = k - first;
            final boolean on = from >= 0 && from % period < width && from / period < count;
            assertEquals(on ? 1.0 : 0.0, train.current(k * dt, k), "step " + k + " (t = " + k * dt + ")");
        }
    }

    @Test
    void sineHasItsFrequencyInHertzAndIsZeroOutsideItsWindow()
    {
        final Sine sine = new Sine(2, 10, 0, 100, 300);
        assertEquals(0.0, sine.current(99, 0));
        assertEquals(2.0, sine.current(125, 0), 1e-12, "a quarter of a 100 ms period after onset");
        assertEquals(0.0, sine.current(150, 0), 1e-12);
        assertEquals(0.0, sine.current(300, 0));
        assertEquals("sine frequency must be a positive number, got 0",
            assertThrows(InputException.class, () -> new Sine(1, 0, 0, 0, 10)).getMessage());
    }

    /** A phase of 1e308 radians was taken: one turn either way is the range, as in stimulus files. */
    @Test
    void sinePhaseBeyondOneTurnIsRefused()
    {
        assertEquals("sine phase must be between -2 pi and 2 pi (one turn either way), got 1e308",
            assertThrows(InputException.class, () -> new Sine(1, 8, 1e308, 0, 10)).getMessage());
        assertEquals("sine phase must be between -2 pi and 2 pi (one turn either way), got NaN",
            assertThrows(InputException.class, () -> new Sine(1, 8, Double.NaN, 0, 10)).getMessage());
        assertEquals(0.0, new Sine(1, 8, -2 * Math.PI, 0, 10).current(0, 0), 1e-15);
    }

    @Test
    void noiseIsAPureFunctionOfSeedAndStep()
    {
        final WhiteNoise noise = WhiteNoise.always(2.0, 7);
        final double later = noise.current(500, 1000);
        final double first = noise.current(0, 0);
        assertEquals(first, new WhiteNoise(2.0, 7, 0, 1000).current(0, 0));
        assertEquals(later, noise.current(500, 1000), "no hidden generator state");
        assertNotEquals(first, WhiteNoise.always(2.0, 8).current(0, 0));
        assertEquals(0.0, new WhiteNoise(2.0, 7, 10, 20).current(20, 80));
    }

    @Test
    void noiseSamplesAreStandardGaussianScaledBySd()
    {
        final int n = 200_000;
        double sum = 0;
        double squares = 0;
        int beyondTwoSd = 0;
        for (int k = 0; k < n; k++)
        {
            final double x = WhiteNoise.gaussian(12345, k);
            sum += x;
            squares += x * x;
            beyondTwoSd += Math.abs(x) > 2 ? 1 : 0;
        }
        final double mean = sum / n;
        assertEquals(0.0, mean, 0.01);
        assertEquals(1.0, squares / n - mean * mean, 0.01);
        assertEquals(0.0455, (double)beyondTwoSd / n, 0.002, "Gaussian tails");
        assertEquals("noise standard deviation must be a finite number >= 0, got -1",
            assertThrows(InputException.class, () -> WhiteNoise.always(-1, 1)).getMessage());
    }

    @Test
    void sumAddsItsTerms()
    {
        final Stimulus sum = Stimuli.dc(1, 0, 10).plus(Stimuli.dc(2, 5, 15));
        assertEquals(1.0, sum.current(0, 0));
        assertEquals(3.0, sum.current(5, 0));
        assertEquals(2.0, sum.current(10, 0));
    }
}
