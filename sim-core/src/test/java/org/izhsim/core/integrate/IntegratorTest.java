package org.izhsim.core.integrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.core.InputException;
import org.izhsim.core.model.NeuronState;
import org.izhsim.core.model.SimpleModel;
import org.izhsim.core.run.RunResult;
import org.izhsim.core.run.RunSpec;
import org.izhsim.core.run.SingleNeuronRun;
import org.izhsim.core.stimulus.Stimuli;
import org.izhsim.core.stimulus.Stimulus;
import org.izhsim.core.stimulus.WhiteNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each scheme does what its published source does in one step, and the orders of convergence are the
 * honest ones: fourth order between spikes for RK4, first order for the Euler variants and across resets.
 */
class IntegratorTest
{
    private static final SimpleModel RS = SimpleModel.of(0.02, 0.2, -65, 8);
    private static final Stimulus DC10 = Stimuli.dc(10, 0, Double.POSITIVE_INFINITY);

    @Test
    void eulerUsesTheOldVoltageForU()
    {
        final NeuronState state = new NeuronState(-60, -12);
        Method.EULER.integrator().step(RS, state, 5, 0.5);
        assertEquals(-60 + 0.5 * (0.04 * 3600 - 300 + 140 + 12 + 5), state.v, 1e-12);
        assertEquals(-12 + 0.5 * 0.02 * (0.2 * -60 + 12), state.u, 1e-12);
    }

    @Test
    void semiImplicitEulerUsesTheNewVoltageForU()
    {
        final NeuronState state = new NeuronState(-60, -10);
        Method.SEMI_IMPLICIT_EULER.integrator().step(RS, state, 5, 0.5);
        final double v = -60 + 0.5 * (0.04 * 3600 - 300 + 140 + 10 + 5);
        assertEquals(v, state.v, 1e-12);
        assertEquals(-10 + 0.5 * 0.02 * (0.2 * v + 10), state.u, 1e-12);
    }

    @Test
    void halfStepAdvancesVoltageTwiceByHalfAStepThenUOnce()
    {
        // net.m with dt = 1: v=v+0.5*(0.04*v.^2+5*v+140-u+I) twice; u=u+a.*(b.*v-u).
        final NeuronState state = new NeuronState(-60, -10);
        Method.HALFSTEP.integrator().step(RS, state, 5, 1.0);
        double v = -60;
        v = v + 0.5 * (0.04 * v * v + 5 * v + 140 + 10 + 5);
        v = v + 0.5 * (0.04 * v * v + 5 * v + 140 + 10 + 5);
        assertEquals(v, state.v, 1e-12);
        assertEquals(-10 + 0.02 * (0.2 * v + 10), state.u, 1e-12);
    }

    @Test
    void methodsAreFoundByTheirCliNames()
    {
        for (final Method method : Method.values())
        {
            assertSame(method, Method.byName(method.cliName()));
        }
        assertSame(Method.RK4, Method.byName("RK4"));
        final InputException ex = assertThrows(InputException.class, () -> Method.byName("leapfrog"));
        assertEquals("--method: unknown method 'leapfrog'; expected one of euler, semi_implicit_euler, halfstep, rk4",
            ex.getMessage());
    }

    /** v at the end of the step that starts at 40 - dt (row k holds the state at t_k + dt), relaxing without a spike from (-65, -14) towards the RS rest (-70, -14) at I = 0. */
    private static double subthresholdV(final Method method, final double dt)
    {
        final RunSpec spec = RunSpec.of(RS, method, dt, 40, Stimuli.none()).withInitialState(-65, 0.2 * -70);
        final RunResult result = SingleNeuronRun.run(spec);
        assertEquals(0, result.spikeCount());
        return result.v()[result.steps() - 2];
    }

    @Test
    void rungeKuttaConvergesAtFourthOrderBetweenSpikes()
    {
        final double reference = subthresholdV(Method.RK4, 0.001);
        final double coarse = Math.abs(subthresholdV(Method.RK4, 0.4) - reference);
        final double fine = Math.abs(subthresholdV(Method.RK4, 0.2) - reference);
        assertTrue(coarse / fine > 12 && coarse / fine < 20, "halving dt divides the error by ~16: " + coarse / fine);
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"EULER", "SEMI_IMPLICIT_EULER", "HALFSTEP"})
    void eulerVariantsConvergeAtFirstOrderBetweenSpikes(final Method method)
    {
        final double reference = subthresholdV(Method.RK4, 0.001);
        final double coarse = Math.abs(subthresholdV(method, 0.1) - reference);
        final double fine = Math.abs(subthresholdV(method, 0.05) - reference);
        assertTrue(coarse / fine > 1.7 && coarse / fine < 2.3, method + ": halving dt halves the error: " + coarse / fine);
    }

    @Test
    void rungeKuttaFirstSpikeIsStampedInTheStepThatContainsTheTrueCrossing()
    {
        // Before the first reset the RK4 trajectory is accurate to O(dt^4), so the stamped step start lies
        // within one step before the true crossing: the first spike time converges like the grid, |error| <= dt.
        final double fineDt = 0.0001;
        final double crossing = SingleNeuronRun.run(RunSpec.of(RS, Method.RK4, fineDt, 20, DC10)).firstSpikeMs();
        for (final double dt : new double[] {0.1, 0.05, 0.025, 0.0125})
        {
            final double first = SingleNeuronRun.run(RunSpec.of(RS, Method.RK4, dt, 20, DC10)).firstSpikeMs();
            assertTrue(first <= crossing + fineDt && first > crossing - dt - fineDt,
                "dt " + dt + ": stamped " + first + ", crossing in [" + crossing + ", " + (crossing + fineDt) + ")");
        }
    }

    @Test
    void laterSpikesConvergeAtLeastAtFirstOrder()
    {
        final double reference = SingleNeuronRun.run(RunSpec.of(RS, Method.RK4, 0.0005, 200, DC10)).spikeTimes()[4];
        final double[] dts = {0.1, 0.05, 0.025, 0.0125};
        final double[] errors = new double[dts.length];
        for (int k = 0; k < dts.length; k++)
        {
            final double[] spikes = SingleNeuronRun.run(RunSpec.of(RS, Method.RK4, dts[k], 200, DC10)).spikeTimes();
            errors[k] = Math.abs(spikes[4] - reference);
            assertTrue(errors[k] <= 8 * dts[k], "fifth spike off by " + errors[k] + " ms at dt " + dts[k]);
        }
        assertTrue(errors[3] < errors[0] / 4, "an eightfold smaller dt gains at least 4x: " + java.util.Arrays.toString(errors));
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void sameInputsGiveBitIdenticalOutput(final Method method)
    {
        final Stimulus stimulus = DC10.plus(WhiteNoise.always(3.0, 42));
        final RunSpec spec = RunSpec.of(RS, method, 0.1, 300, stimulus);
        final RunResult first = SingleNeuronRun.run(spec);
        final RunResult second = SingleNeuronRun.run(spec);
        assertTrue(first.spikeCount() > 3);
        assertArrayEquals(first.t(), second.t(), 0.0);
        assertArrayEquals(first.v(), second.v(), 0.0);
        assertArrayEquals(first.u(), second.u(), 0.0);
        assertArrayEquals(first.i(), second.i(), 0.0);
        assertArrayEquals(first.spikeTimes(), second.spikeTimes(), 0.0);
    }
}
