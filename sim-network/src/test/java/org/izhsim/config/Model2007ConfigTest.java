package org.izhsim.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.izhsim.core.InputException;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code model: izhikevich2007} in an experiment file: a cell class of the book (params: RS), the class with values
 * replaced, or all nine written out are the same network; every bad value is refused at its key.
 */
class Model2007ConfigTest
{
    private static final String HEAD = "name: m7\nseed: 3\nduration_ms: 300\npopulations:\n";
    private static final String TAIL = "projections:\n" +
        "  - {from: exc, to: [exc, inh], rule: fixed_outdegree, k: 10, weight: 20}\n" +
        "  - {from: inh, to: exc, rule: fixed_outdegree, k: 10, weight: -2}\n";
    /** The running network's projections: one per target model (pA into exc, the 2003 model's units into inh). */
    private static final String RUN_TAIL = "projections:\n" +
        "  - {from: exc, to: exc, rule: fixed_outdegree, k: 10, weight: 20}\n" +
        "  - {from: exc, to: inh, rule: fixed_outdegree, k: 10, weight: 0.5}\n" +
        "  - {from: inh, to: exc, rule: fixed_outdegree, k: 10, weight: -2}\n";
    private static final String INH = "  inh: {size: 20, params: FS, input: {noise_sd: 3}}\n";

    private static int[] spikes(final String exc)
    {
        try (Network network = Network.build(NetworkAssembler.builder(
            ExperimentLoader.parse(HEAD + exc + INH + RUN_TAIL, "m7.yaml")).threads(1)))
        {
            final SimulationResult result = network.run(300);
            final int[] out = Arrays.copyOf(result.spikeNeurons(), result.spikeCount() + 1);
            out[result.spikeCount()] = result.spikeCount();
            return out;
        }
    }

    @Test
    void aCellClassIsItsNineNumbersAndAGivenOneReplacesItsOwn()
    {
        final int[] named = spikes("  exc: {size: 80, model: izhikevich2007, params: RS, input: {noise_sd: 40, dc: 60}}\n");
        final int[] written = spikes("  exc: {size: 80, model: izhikevich2007, params: {C: 100, k: 0.7, vr: -60, " +
            "vt: -40, vpeak: 35, a: 0.03, b: -2, c: -50, d: 100}, steps_per_ms: 4, v0: -60, " +
            "input: {noise_sd: 40, dc: 60}}\n");
        assertTrue(named[named.length - 1] > 50, "the network fires: " + named[named.length - 1]);
        assertArrayEquals(written, named);
        final int[] other = spikes("  exc: {size: 80, model: izhikevich2007, params: {type: RS, d: \"50 + 50*r\"}, " +
            "input: {noise_sd: 40, dc: 60}}\n");
        assertTrue(!Arrays.equals(named, other), "another d, other spikes");
        final int[] coarse = spikes("  exc: {size: 80, model: izhikevich2007, params: RS, steps_per_ms: 1, " +
            "input: {noise_sd: 40, dc: 60}}\n");
        assertTrue(!Arrays.equals(named, coarse), "other sub-steps, other spikes");
    }

    /**
     * The book's LTS, FS, TC and RTN bring their rules (Izhikevich 2007, ch. 8), with values replaced or all nine given:
     * the network integrates them, as its Java API's {@code izhikevich2007(CellType2007, steps)} does.
     */
    @Test
    void aCellClassWithRulesBringsThemWhateverValuesItsParamsGive() throws Exception
    {
        final ExperimentConfig named = ExperimentLoader.parse(HEAD + "  exc: {size: 80, model: izhikevich2007, params: FS}\n" +
            INH + TAIL, "m7.yaml");
        final org.izhsim.network.build.Izhikevich2007 fs = named.populations().get(0).model2007();
        assertEquals(org.izhsim.network.build.Izhikevich2007.Rules.of(
            org.izhsim.core.model.CellType2007.FS.model()), fs.rules());
        final ExperimentConfig allNine = ExperimentLoader.parse(HEAD + "  exc: {size: 80, model: izhikevich2007, params: " +
            "{type: FS, C: 20, k: 1, vr: -55, vt: -40, vpeak: 25, a: 0.2, b: 0.025, c: -45, d: 0}}\n" + INH + TAIL,
            "m7.yaml");
        assertEquals(fs, allNine.populations().get(0).model2007(), "type FS sets its rules though all nine are given");
        final ExperimentConfig lts = ExperimentLoader.parse(HEAD + "  exc: {size: 80, model: izhikevich2007, params: " +
            "{type: LTS, d: 30}}\n" + INH + TAIL, "m7.yaml");
        assertEquals(-0.1, lts.populations().get(0).model2007().rules().peakSlope());
        assertEquals(670.0, lts.populations().get(0).model2007().rules().uMax());
        final ExperimentConfig nine = ExperimentLoader.parse(HEAD + "  exc: {size: 80, model: izhikevich2007, params: " +
            "{C: 20, k: 1, vr: -55, vt: -40, vpeak: 25, a: 0.2, b: 0.025, c: -45, d: 0}}\n" + INH + TAIL, "m7.yaml");
        assertTrue(nine.populations().get(0).model2007().rules().none(), "nine values without a type: no rules");
        // The initial u is U(v0): 0 below vb for FS, 0 above -65 mV for TC (b = 0 there), however far v0 is. A bound
        // of both branches refused these, citing u = 2.5e88 and 1.5e39.
        ExperimentLoader.parse(HEAD + "  exc: {size: 80, model: izhikevich2007, params: FS, v0: -1e30}\n" + INH + TAIL,
            "m7.yaml");
        ExperimentLoader.parse(HEAD + "  exc: {size: 80, model: izhikevich2007, params: TC, v0: 1e38}\n" + INH + TAIL,
            "m7.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown class | params: RZ | 5:50: unknown cell class of the 2007 model 'RZ' in population 'exc' (valid: RS, " +
            "IB, CH, LTS, FS, TC, RTN)",
        "reset at vpeak | params: {type: CH, c: 25} | 5:64: 'c', the reset, must be below vpeak = 25 mV in params of " +
            "population 'exc', got 25",
        "vpeak under the reset | params: {type: RS, vr: -70, vt: -60, vpeak: -55} | 5:86: 'c', the reset, must be below vpeak = -55 mV " +
            "in params of population 'exc', got -50",
        "missing value | params: {C: 100, k: 0.7} | 5:50: missing required key 'vr' in params of population 'exc': " +
            "give all of C, k, vr, vt, vpeak, a, b, c and d, or 'type', a cell class of the 2007 model (RS, IB, CH, LTS, " +
            "FS, TC, RTN), and the values that differ",
        "zero capacitance | params: {type: RS, C: 0} | 5:64: 'C', the capacitance, must be > 0 pF in params of " +
            "population 'exc', got 0",
        "no params | steps_per_ms: 2 | 5:8: missing required key 'params' in population 'exc': a cell class of the " +
            "2007 model (RS, IB, CH, LTS, FS, TC, RTN) or {C, k, vr, vt, vpeak, a, b, c, d}",
        "steps zero | params: RS, steps_per_ms: 0 | 5:68: 'steps_per_ms' must be 1..100 in population 'exc', got 0",
        "tiny C | params: {type: RS, C: 1e-50} | 5:64: 'C', the capacitance, must be > 0 pF in params of population " +
            "'exc' and at least the smallest normal float, 1.2e-38 pF, got 1e-50",
        "steps too many | params: RS, steps_per_ms: 101 | 5:68: 'steps_per_ms' must be 1..100 in population 'exc', " +
            "got 101",
        "steps beyond an int | params: RS, steps_per_ms: 1e39 | 5:68: 'steps_per_ms' must be 1..100 in population " +
            "'exc', got 1e39",
        "steps not whole | params: RS, steps_per_ms: 2.5 | 5:68: expected an integer for 'steps_per_ms', got '2.5'",
        "class with all | params: {type: IB, C: 1, k: 1, vr: 1, vt: 1, vpeak: 1, a: 1, b: 1, c: 0, d: 1} | 5:57: 'type' " +
            "IB in params of population 'exc' sets nothing: C, k, vr, vt, vpeak, a, b, c and d are all given; drop " +
            "'type', or the values it should set",
        "2003 keys | params: {a: 0.02, b: 0.2, c: -65, d: 8} | 5:50: missing required key 'C' in params of population " +
            "'exc': give all of C, k, vr, vt, vpeak, a, b, c and d, or 'type', a cell class of the 2007 model (RS, IB, " +
            "CH, LTS, FS, TC, RTN), and the values that differ",
        "negative k | params: {type: RS, k: -0.7} | 5:64: 'k' must be > 0 nS/mV in params of population 'exc', " +
            "got -0.7",
        "huge v0 | params: RS, v0: 3e38 | 5:58: the initial u = b (v0 - vr) of population 'exc' reaches 6.00e+38, " +
            "beyond a float (+-3.4e38): 'v0' or 'b' is out of the model's range",
        "huge v0 above vb | params: FS, v0: 1e30 | 5:58: the initial u = b (v0 - vb)^3 of population 'exc' reaches " +
            "2.50e+88, beyond a float (+-3.4e38): 'v0' or 'b' is out of the model's range",
        "huge v0 below the switch | params: TC, v0: -1e38 | 5:58: the initial u = b (v0 - vr) of population 'exc' " +
            "reaches 1.50e+39, beyond a float (+-3.4e38): 'v0' or 'b' is out of the model's range",
        "vt at vr | params: {type: RS, vt: -60} | 5:65: 'vt' (-60 mV) must be above 'vr' (-60 mV) in params of " +
            "population 'exc': the threshold above the resting potential",
        "vpeak at vt | params: {type: RS, vpeak: -40} | 5:68: 'vpeak' (-40 mV) must be above 'vt' (-40 mV) in params " +
            "of population 'exc': the spike's upstroke starts at vt and is cut at vpeak",
        "a rate | params: RS, rate_hz: 5 | 5:54: 'rate_hz' in population 'exc': the rate of a Poisson source " +
            "population (model: poisson); these neurons integrate the 2007 equations: for Poisson spikes into them " +
            "give 'input: {poisson: {rate_hz: ..., weight: ...}}'",
    })
    void aBadValueIsRefusedAtItsKey(final String what, final String body, final String message)
    {
        final String exc = "  exc: {size: 80, model: izhikevich2007, " + body + "}\n";
        assertEquals("m7.yaml:" + message, assertThrows(InputException.class,
            () -> ExperimentLoader.parse(HEAD + exc + INH + TAIL, "m7.yaml")).getMessage(), what);
    }

    @Test
    void stepsPerMsOfA2003PopulationIsRefused()
    {
        // A 2007 cell's constants written under the 2003 model were "unknown key 'C' ..., did you mean 'c'?".
        assertEquals("m7.yaml:5:28: 'C' in params of population 'exc' is a constant of the 2007 model: add 'model: " +
            "izhikevich2007' to the population (its params are C, k, vr, vt, vpeak, a, b, c and d); the 2003 model's " +
            "are a, b, c and d", assertThrows(InputException.class, () -> ExperimentLoader.parse(HEAD +
                "  exc: {size: 80, params: {C: 100, k: 0.7, vr: -60, vt: -40, vpeak: 35, a: 0.03, b: -2, c: -50, " +
                "d: 100}}\n" + INH + TAIL, "m7.yaml")).getMessage());
        // The 2003 model's u = b v0 beyond a float: refused at the build, unlocated, after validate had passed it.
        assertEquals("m7.yaml:5:41: the initial u = b v0 of population 'exc' reaches 6.50e+38, beyond a float " +
            "(+-3.4e38): 'v0' or 'b' is out of the model's range", assertThrows(InputException.class,
                () -> ExperimentLoader.parse(HEAD + "  exc: {size: 80, params: {type: RS, b: 1e37}}\n" + INH + TAIL,
                    "m7.yaml")).getMessage());
        // One projection into both models: its one weight rule cannot be pA and the 2003 model's units at once.
        final InputException mixed = assertThrows(InputException.class, () -> NetworkAssembler.plan(
            ExperimentLoader.parse(HEAD + "  exc: {size: 80, model: izhikevich2007, params: RS}\n" + INH + TAIL,
                "m7.yaml")));
        assertEquals("m7.yaml:8:27: projection 'exc->exc+inh' ends in population 'exc' of the 2007 model and 'inh' of " +
            "the 2003 model: its weights are in each target's units (pA into the 2007 model, about 100 times the 2003 " +
            "model's for a 100 pF cell); give one projection per model", mixed.getMessage());
        assertEquals("m7.yaml:5:31: 'steps_per_ms' in population 'exc': the Euler steps per ms of the 2007 model " +
            "(model: izhikevich2007); these neurons integrate the 2003 equations, by the experiment's 'integration'",
            assertThrows(InputException.class, () -> ExperimentLoader.parse(HEAD +
                "  exc: {size: 80, params: RS, steps_per_ms: 2}\n" + INH + TAIL, "m7.yaml")).getMessage());
    }
}
