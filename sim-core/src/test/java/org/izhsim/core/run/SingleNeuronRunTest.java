package org.izhsim.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;
import org.izhsim.core.model.NeuronState;
import org.izhsim.core.model.SimpleModel;
import org.izhsim.core.stimulus.Constant;
import org.izhsim.core.stimulus.Stimuli;
import org.izhsim.core.stimulus.Stimulus;
import org.junit.jupiter.api.Test;

class SingleNeuronRunTest
{
    private static final SimpleModel RS = SimpleModel.of(0.02, 0.2, -65, 8);
    private static final Stimulus STEP = Stimuli.dc(10, 20, Double.POSITIVE_INFINITY);

    private static String rejection(final double dt, final double duration)
    {
        return assertThrows(InputException.class, () -> RunSpec.of(RS, Method.EULER, dt, duration, STEP)).getMessage();
    }

    @Test
    void impossibleStepsAndDurationsAreRejectedNamingTheOption()
    {
        assertEquals("--dt must be a positive number of ms, got 0", rejection(0, 100));
        assertEquals("--dt must be a positive number of ms, got -0.1", rejection(-0.1, 100));
        assertEquals("--dt must be a positive number of ms, got NaN", rejection(Double.NaN, 100));
        assertEquals("--duration must be a positive number of ms, got 0", rejection(0.1, 0));
        assertEquals("--duration must be a positive number of ms, got NaN", rejection(0.1, Double.NaN));
        assertEquals("--duration must be a positive number of ms, got Infinity", rejection(0.1, Double.POSITIVE_INFINITY));
        assertEquals("--dt (5.0 ms) must not exceed --duration (2.0 ms)", rejection(5, 2));
        assertEquals("--v0 must be a finite number of mV, got NaN", assertThrows(InputException.class,
            () -> RunSpec.of(RS, Method.EULER, 0.1, 10, STEP).withInitialState(Double.NaN, 0)).getMessage());
    }

    @Test
    void defaultStartIsTheNetworkCodes()
    {
        final RunSpec spec = RunSpec.of(RS, Method.EULER, 0.5, 100, STEP);
        assertEquals(-65.0, spec.v0());
        assertEquals(0.2 * -65, spec.u0());
    }

    @Test
    void strongestCurrentKeepsItsSign()
    {
        final Stimulus hyperpolarizing = Stimuli.dc(-15, 20, 40);
        assertEquals(-15.0, SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 0.5, 100, hyperpolarizing))
            .strongestCurrent());
        assertEquals(10.0, SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 0.5, 100, STEP)).strongestCurrent());
    }

    /**
     * The trace's spike row holds u after the reset, as figure1.m's uu does; the model undoes the reset for the
     * phase plane: RS's u before each spike is its row's u less d, within rounding.
     */
    @Test
    void theModelUndoesTheResetOfEachSpikeRow()
    {
        final RunResult run = SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 0.5, 200, STEP));
        assertTrue(run.spikeCount() >= 3, "spikes: " + run.spikeCount());
        for (final double time : run.spikeTimes())
        {
            final int row = java.util.Arrays.binarySearch(run.t(), time);
            assertEquals(30.0, run.v()[row], 0.0);
            // RS: d = 8, u <- u + d.
            assertEquals(run.u()[row] - 8, RS.uBeforeReset(run.u()[row]), 1e-12);
            assertEquals(run.u()[row], RS.resetU(RS.uBeforeReset(run.u()[row])), 1e-12);
        }
    }

    /** The current of most of the run: 0 between the resonator's pulses, the step's own for RS, none for a ramp. */
    @Test
    void heldCurrentIsTheRestingCurrentOfAPulseProtocol()
    {
        final RunResult resonator = SingleNeuronRun.run(org.izhsim.core.preset.Presets.byName("resonator").runSpec());
        assertEquals(0.0, resonator.heldCurrent());
        assertEquals(0.0, resonator.secondNullclineCurrent(), "the resonator's rest between pulses gets a nullcline");
        assertTrue(resonator.strongestCurrent() > 0.5, "pulses: " + resonator.strongestCurrent());
        final RunResult step = SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 0.5, 100, STEP));
        assertEquals(10.0, step.heldCurrent());
        assertTrue(Double.isNaN(step.secondNullclineCurrent()), "a held current that is the strongest: one nullcline");
        // A ramp holds no value for more than a quarter of the steps (its first 20 ms are 4 % of 500).
        assertTrue(Double.isNaN(SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 0.5, 500,
            Stimuli.ramp(20, 500, 0, 10))).heldCurrent()));
        // Exactly a quarter is not more than a quarter: 0 for 25 of 100 ms, then 3 values of 25 ms each.
        final Stimulus quarters = (t, k) -> Math.floor(t / 25);
        assertTrue(Double.isNaN(SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 1, 99, quarters)).heldCurrent()));
        final Stimulus mostlyTwo = (t, k) -> t < 40 ? Math.floor(t / 10) : 2;
        assertEquals(2.0, SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 1, 99, mostlyTwo)).heldCurrent());
    }

    /** A stop request is seen before the first step and every 65,536 steps; the run is given up with how far it got. */
    @Test
    void aStopRequestGivesTheRunUpAtItsNextCheckWithHowFarItGot()
    {
        final RunSpec spec = RunSpec.of(RS, Method.EULER, 0.5, 100_000, STEP);
        final int[] asked = new int[1];
        final RunStopped stopped = assertThrows(RunStopped.class, () -> SingleNeuronRun.run(spec, () -> ++asked[0] == 3));
        assertEquals(3, asked[0]);
        assertEquals(2 * 65_536 * 0.5, stopped.stoppedAtMs());
        assertEquals(100_000.0, stopped.durationMs());
        assertEquals(0.0, assertThrows(RunStopped.class, () -> SingleNeuronRun.run(spec, () -> true)).stoppedAtMs());
        assertEquals(SingleNeuronRun.run(spec).spikeCount(), SingleNeuronRun.run(spec, () -> false).spikeCount());
    }

    /** round(T/dt) ran --dt 0.6 --duration 1 to 1.2 ms: the times stop at T, as MATLAB's 0:dt:T. */
    @Test
    void theTimesNeverPassTheDuration()
    {
        assertEquals(2, RunSpec.of(RS, Method.EULER, 0.6, 1, STEP).steps());
        assertEquals(4, RunSpec.of(RS, Method.EULER, 0.1, 0.3, STEP).steps());
        assertEquals(215, RunSpec.of(RS, Method.EULER, 0.7, 150, STEP).steps());
        assertEquals(21, RunSpec.of(RS, Method.EULER, 0.5, 10.25, STEP).steps());
        final RunResult result = SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 0.6, 1, STEP));
        assertTrue(result.t()[result.t().length - 1] <= 1.0, "last time " + result.t()[result.t().length - 1]);
    }

    /**
     * The slack for T/dt just below a whole number was 1e-9 of T/dt: from 10^9 steps on it was a whole step or more,
     * and --duration 1e9 --dt 1 ran to t = 10^9 + 1 ms (3e9 to 3e9 + 3). It is a rounding error's, at most 1e-6.
     */
    @Test
    void theTimesNeverPassTheDurationOfALongRunEither()
    {
        assertEquals(1_000_000_001, RunSpec.of(RS, Method.EULER, 1, 1e9, STEP).steps());
        assertEquals(2_000_000_001, RunSpec.of(RS, Method.EULER, 0.5, 1e9, STEP).steps());
        assertEquals(1_000_000_000, RunSpec.of(RS, Method.EULER, 1, 1e9 - 0.5, STEP).steps());
        assertEquals(11, RunSpec.of(RS, Method.EULER, 0.1, 1, STEP).steps(), "1/0.1 is 9.999999999999998");
    }

    @Test
    void stepsRunFromZeroToTheDurationInclusive()
    {
        final RunResult result = SingleNeuronRun.run(RunSpec.of(RS, Method.SEMI_IMPLICIT_EULER, 0.25, 150, STEP));
        assertEquals(601, result.steps(), "MATLAB's 0:0.25:150");
        for (int k = 0; k < result.steps(); k++)
        {
            assertEquals(k * 0.25, result.t()[k]);
            assertEquals(STEP.current(k * 0.25, k), result.i()[k]);
        }
        assertEquals(150.0, result.t()[600]);
    }

    @Test
    void spikeIsStampedAtTheStartOfItsStepWithThePeakDrawnAndTheResetApplied()
    {
        final double dt = 0.25;
        final RunResult result = SingleNeuronRun.run(RunSpec.of(RS, Method.SEMI_IMPLICIT_EULER, dt, 200, STEP));
        assertTrue(result.spikeCount() >= 3);
        int seen = 0;
        for (int k = 1; k < result.steps(); k++)
        {
            if (seen < result.spikeCount() && result.t()[k] == result.spikeTimes()[seen])
            {
                seen++;
                assertEquals(SimpleModel.PEAK, result.v()[k], "the trace is clipped to the cutoff");
                // Re-do the step from the previous row: it must cross, and its u plus d is the row's u.
                final NeuronState state = new NeuronState(result.v()[k - 1], result.u()[k - 1]);
                Method.SEMI_IMPLICIT_EULER.integrator().step(RS, state, result.i()[k], dt);
                assertTrue(state.v >= SimpleModel.PEAK);
                assertEquals(state.u + 8, result.u()[k], 1e-12);
                assertEquals(k * dt, result.spikeTimes()[seen - 1], "a multiple of dt: the step's start");
            }
            else
            {
                assertTrue(result.v()[k] < SimpleModel.PEAK);
            }
        }
        assertEquals(result.spikeCount(), seen);
        assertEquals(result.spikeTimes()[0], result.firstSpikeMs());
    }

    @Test
    void ratesCountSpikesPerSecond()
    {
        final RunResult result = SingleNeuronRun.run(RunSpec.of(RS, Method.SEMI_IMPLICIT_EULER, 0.25, 1000, STEP));
        assertEquals(result.spikeCount() * 1000.0 / 1000.0, result.meanRateHz());
        assertEquals(0.0, result.rateHz(0, 20), "nothing before the step");
        // Counted here from the spike times, not with countSpikes (which rateHz uses): [500, 1000) ms.
        final double[] times = result.spikeTimes();
        assertTrue(times.length >= 10, "RS fires tonically at I = 10: " + times.length + " spikes");
        int late = 0;
        for (final double t : times)
        {
            late += t >= 500 && t < 1000 ? 1 : 0;
        }
        assertTrue(late > 0);
        assertEquals(late * 1000.0 / 500.0, result.rateHz(500, 1000));
        assertEquals(result.spikeCount(), result.countSpikes(0, 1000.5));
        // Windows are half-open: a spike at the start counts, one at the end does not.
        assertEquals(1, result.countSpikes(times[2], times[3]));
        assertEquals(3, result.countSpikes(times[2], times[5]));
        assertEquals(1000.0 / (times[3] - times[2]), result.rateHz(times[2], times[3]), 1e-9);
        assertEquals(result.spikeCount() - 1, result.interSpikeIntervals().length);
        final RunResult silent = SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 0.25, 100, Stimuli.none()));
        assertTrue(Double.isNaN(silent.firstSpikeMs()));
        assertEquals(0.0, silent.meanRateHz());
    }

    /**
     * A neuron firing in every step fires at 1/dt: the run's steps are t = 0 .. T, and the one at T starts the
     * interval after the run (a tester's 601 spikes in 150 ms at dt 0.25 were "4006.67 Hz" beside a warning of 4000).
     */
    /** A forward-Euler step from below vr - C / (dt k) overshoots the rest point: the run says where it first did. */
    @Test
    void theFirstEulerStepThatOvershootsTheRestPointIsKept()
    {
        final org.izhsim.core.model.Izhikevich2007Model fs = org.izhsim.core.model.CellType2007.FS.model();
        assertEquals(-75.0, fs.eulerOvershootBelow(1), 1e-12, "vr - C / (dt k) = -55 - 20");
        final RunResult coarse = SingleNeuronRun.run(RunSpec.of(fs, Method.EULER, 1, 50, new Constant(200)));
        assertEquals(6.0, coarse.overshootAtMs());
        assertTrue(coarse.overshootV() < -75, "v " + coarse.overshootV());
        assertTrue(Double.isNaN(SingleNeuronRun.run(RunSpec.of(fs, Method.EULER, 0.25, 50, new Constant(200)))
            .overshootAtMs()), "the book's 0.25 ms");
        assertTrue(Double.isNaN(SingleNeuronRun.run(RunSpec.of(RS, Method.EULER, 1, 50, new Constant(10)))
            .overshootAtMs()), "no bound known for the 2003 model");
    }

    @Test
    void theMeanRateOfANeuronFiringInEveryStepIsOneOverDt()
    {
        final RunResult result = SingleNeuronRun.run(RunSpec.of(RS, Method.SEMI_IMPLICIT_EULER, 0.25, 150,
            new Constant(1e30)));
        assertEquals(601, result.spikeCount(), "a spike in each of the steps t = 0, 0.25, ..., 150");
        assertEquals(4000.0, result.meanRateHz(), 1e-9);
    }

    @Test
    void divergenceIsReportedWithTheStateAndCurrentItSteppedFrom()
    {
        final RunSpec spec = RunSpec.of(RS, Method.EULER, 10, 100, new Constant(-1e308));
        assertEquals("numerical blow-up at t = 0.0 ms: the state diverged stepping from v = -65.0, u = -13.0 with " +
                "I = -1.0E308 to v = -Infinity, u = -13.0; --dt 10.0 ms is too large for --method euler, or a " +
                "parameter, the start state or the current is beyond the model's range",
            assertThrows(StateDiverged.class, () -> SingleNeuronRun.run(spec)).getMessage());
    }

    /**
     * A v that overflowed to infinity in a step was taken for a spike and reset to c: the book's RS cell from v0 =
     * -1e300 ran on (exit 0). It is a blow-up, as the network reports it.
     */
    @Test
    void aVThatOverflowsIsABlowUpNotASpike()
    {
        final RunSpec spec = org.izhsim.core.preset.Presets.byName("izh2007_rs").runSpec().withInitialState(-1e300, 0);
        assertTrue(assertThrows(StateDiverged.class, () -> SingleNeuronRun.run(spec)).getMessage()
            .startsWith("numerical blow-up at t = 0.0 ms: the start state (v = -1e300, u = 0)"));
        // A start u out of range overflows a step later, and is named as the start state too.
        final RunSpec u = org.izhsim.core.preset.Presets.byName("RS").runSpec().withInitialState(-65, 1e300);
        assertTrue(assertThrows(StateDiverged.class, () -> SingleNeuronRun.run(u)).getMessage()
            .matches("numerical blow-up at t = [0-9.]+ ms: the start state \\(v = -65, u = 1e300\\) is beyond the " +
                "model's range, or a parameter is"));
    }

    /**
     * A current of 1e30 for 100 ms took the state far out of range, and it overflowed after the step had ended: the
     * message named that step's I = 0 and blamed dt first. It says now that the state had left the range before.
     */
    @Test
    void aStateFarOutOfRangeBeforeItsLastStepIsSaidSoNotBlamedOnDt()
    {
        final StateDiverged diverged = assertThrows(StateDiverged.class, () -> SingleNeuronRun.run(
            org.izhsim.core.preset.Presets.byName("RS").runSpec().withStimulus(
                org.izhsim.core.stimulus.Stimuli.dc(1e30, 0, 100))));
        assertTrue(diverged.getMessage().matches("numerical blow-up at t = [0-9.]+ ms: the state had left the model's " +
            "range before this step \\(v = \\S+, u = \\S+\\), at t = 0 ms stepping from v = -63, u = \\S+ with I = " +
            "1e30: the current is beyond the model's range \\(the largest \\|I\\| so far 1e30\\)"),
            diverged.getMessage());
    }

    /** RunSpec.of without a model named it as the constructor does, not with the JVM's text of the dereference. */
    @Test
    void aRunSpecOfNoModelIsRefusedNamingTheModel()
    {
        assertEquals("model", assertThrows(NullPointerException.class,
            () -> RunSpec.of(null, Method.EULER, 0.25, 100, new Constant(10))).getMessage());
    }

    /**
     * An unstable dt grows u over many steps while v is reset in each: by the step that overflows, the state had left
     * the range long before, and the message blamed "the current, a parameter or the start state" for the RS cell
     * under rk4 at dt 2 with I = 10 (dt 1 runs). It names the step that left the range and dt.
     */
    @Test
    void aStateThatLeftTheRangeUnderAnUnstableDtNamesDt()
    {
        final RunSpec spec = org.izhsim.core.preset.Presets.byName("RS").runSpec().withMethod(Method.RK4)
            .withTiming(2, 1000).withStimulus(new Constant(10));
        final StateDiverged diverged = assertThrows(StateDiverged.class, () -> SingleNeuronRun.run(spec));
        assertTrue(diverged.getMessage().matches("numerical blow-up at t = [0-9.]+ ms: the state had left the model's " +
            "range before this step \\(v = \\S+, u = \\S+\\), at t = [0-9.]+ ms stepping from v = \\S+, u = \\S+ with " +
            "I = 10: --dt 2 ms is too large for --method rk4, or a parameter, the start state or the current is " +
            "beyond the model's range"), diverged.getMessage());
        assertEquals(45, SingleNeuronRun.run(spec.withTiming(1, 1000).withStimulus(new Constant(20))).spikeCount(),
            "dt 1 runs, as the tester's control");
    }

    /**
     * A Java caller's run longer than the heap can trace was an OutOfMemoryError after the allocation; it is refused
     * first, with the bytes. A run of 2^30 steps (2^31 - 1 is the most RunSpec takes) needs 32 GB of trace.
     */
    @Test
    void aRunWhoseTraceCannotFitInTheHeapIsRefusedBeforeAllocating()
    {
        final String message = assertThrows(InputException.class,
            () -> SingleNeuronRun.requireTraceFits(1L << 30, 1L << 30)).getMessage();
        assertTrue(message.startsWith("a run of 1073741824 steps records a trace of 3.436e+04 MB"), message);
        SingleNeuronRun.requireTraceFits((1L << 30) / 64, 1L << 30);
        final RunSpec huge = RunSpec.of(RS, Method.EULER, 0.001, 2_000_000, STEP);
        if ((double)huge.steps() * SingleNeuronRun.TRACE_BYTES_PER_STEP > Runtime.getRuntime().maxMemory() / 2.0)
        {
            assertThrows(InputException.class, () -> SingleNeuronRun.run(huge));
        }
    }
}
