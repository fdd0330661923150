package org.izhsim.config;

import java.nio.file.Path;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of config mistake is one line naming the file as given, the 1-based line and column of the
 * offending key or value, and what is wrong.
 */
class ExperimentErrorsTest
{
    static final String FILE = "configs/x.yaml";
    private static final Path ERRORS = Path.of("src", "test", "resources", "config-errors");
    /** A valid population on line 2: {@code exc} of 10 neurons. */
    static final String EXC = "populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n";

    static String errorOf(final String yaml)
    {
        // Through the network plan, as sim validate and sim run read a file.
        return assertThrows(InputException.class, () -> NetworkAssembler.plan(ExperimentLoader.parse(yaml, FILE)))
            .getMessage();
    }

    static String errorOfProjection(final String flowMapping)
    {
        return errorOf(EXC + "projections:\n  - " + flowMapping + "\n");
    }

    @Test
    void misspeltKeySuggestsTheNearestValidKey()
    {
        final String message = assertThrows(InputException.class,
            () -> ExperimentLoader.load(ERRORS.resolve("unknown-key.yaml"))).getMessage();
        assertEquals(ERRORS.resolve("unknown-key.yaml") + ":12:5: unknown key 'weigth' in projection 'exc->inh', " +
            "did you mean 'weight'?", message);
    }

    @Test
    void unknownKeyWithNothingCloseListsTheValidKeys()
    {
        assertEquals("configs/x.yaml:4:44: unknown key 'strength' in projection 'exc->exc' " +
                "(valid keys: name, from, to, rule, k, p, autapses, weight, delay_ms, synapse, stp, plasticity, connections)",
            errorOfProjection("{from: exc, to: exc, rule: all_to_all, strength: 1}"));
    }

    /**
     * Found by a hostile tester: a merge key (YAML 1.1's {@code <<}) was "unknown key '<<'" or, first in a mapping,
     * "missing required key 'rule'"; {@code traces: {neurons: []}} ran and wrote no traces.csv; a negative tonic
     * dopamine ran; a projection name with a line break was taken; random_input's unknown population had no hint.
     */
    @Test
    void inputsATesterFoundAcceptedOrMisnamedAreLocated()
    {
        assertEquals("configs/x.yaml:4:6: merge keys ('<<') are not supported: write the keys out (an alias of a " +
            "whole value, 'plasticity: *rule', works)",
            errorOf(EXC + "projections:\n  - {<<: {from: exc, to: exc}, rule: all_to_all, weight: 1}\n"));
        assertEquals("configs/x.yaml:3:28: 'neurons' of record.traces lists no neuron: give at least one global id, " +
            "or leave 'traces' out", errorOf(EXC + "record: {traces: {neurons: []}}\n"));
        assertEquals("configs/x.yaml:4:96: 'baseline' must be >= 0 in plasticity of projection 'exc->exc', got -1",
            errorOfProjection("{from: exc, to: exc, rule: all_to_all, weight: 1, plasticity: {rule: dastdp2007, " +
                "baseline: -1, reward: {pre: 0, post: 1}}}"));
        assertTrue(errorOfProjection("{name: \"a\\nb\", from: exc, to: exc, rule: all_to_all, weight: 1}")
            .startsWith("configs/x.yaml:4:12: 'name' of projection "), "a line break in a projection's name");
        assertTrue(errorOfProjection("{name: \"a\\u2028b\", from: exc, to: exc, rule: all_to_all, weight: 1}")
            .contains("without control characters or line breaks"), "a line separator in a projection's name");
        assertTrue(errorOfProjection("{name: \"  \", from: exc, to: exc, rule: all_to_all, weight: 1}")
            .contains("must be more than blanks"), "a blank projection name");
        assertEquals("configs/x.yaml:3:21: unknown population 'exd' in 'to' of random_input, did you mean 'exc'?",
            errorOf(EXC + "random_input: {to: [exd]}\n"));
        // A reset at or above the cutoff fires its neurons every step.
        assertEquals("configs/x.yaml:2:48: 'c', the reset, must be below the spike cutoff of 30 mV in params of " +
            "population 'exc', got 30.01953125 at r = 0.9501953125", errorOf(
            "populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65 + 100*r, d: 8}}\n"));
    }

    /**
     * A positive time shorter than a step was 0 steps within the grid's tolerance: a run of no step and a delay of 0 ms
     * were refused without their key, and a rate bin of 0 steps ended a whole run in a stack trace.
     */
    @Test
    void aTimeShorterThanAStepIsRefusedAtItsKey()
    {
        assertEquals("configs/x.yaml:3:14: 'duration_ms' must be a multiple of dt_ms = 1, got 1e-10",
            errorOf(EXC + "duration_ms: 1e-10\n"));
        assertEquals("configs/x.yaml:4:65: 'delay_ms' must be a multiple of dt_ms = 1 in projection 'exc->exc', got 1e-320",
            errorOfProjection("{from: exc, to: exc, rule: all_to_all, weight: 1, delay_ms: 1e-320}"));
        assertEquals("configs/x.yaml:3:24: 'rates_bin_ms' must be a multiple of dt_ms = 1, got 1e-10",
            errorOf(EXC + "record: {rates_bin_ms: 1e-10}\n"));
        assertEquals("--duration must be a multiple of dt_ms = 1, got 1.0E-10", assertThrows(InputException.class,
            () -> ExperimentLoader.parse(EXC, FILE).withDurationMs(1e-10)).getMessage());
    }

    /** Far from 0 the grid's relative slack was more than half a step: 2000000000.5 ms ran as 2000000001 steps. */
    @Test
    void aLongDurationOffTheGridIsRefusedToo()
    {
        assertEquals("configs/x.yaml:3:14: 'duration_ms' must be a multiple of dt_ms = 1, got 2000000000.5",
            errorOf(EXC + "duration_ms: 2000000000.5\n"));
        assertEquals("--duration must be a multiple of dt_ms = 1, got 2.0000000004E9", assertThrows(InputException.class,
            () -> ExperimentLoader.parse(EXC, FILE).withDurationMs(2000000000.4)).getMessage());
        assertEquals(2_000_000_000L, ExperimentLoader.parse(EXC + "duration_ms: 2e9\n", FILE).steps());
    }

    /** One population beyond the engine's neurons was refused by the network builder, without its key. */
    @Test
    void aPopulationLargerThanTheEngineHoldsIsRefusedAtItsSize()
    {
        assertEquals("configs/x.yaml:2:15: population 'exc' has size 1073741824, more than the engine's maximum of " +
            "1073741823 neurons", errorOf(EXC.replace("size: 10", "size: 1073741824")));
    }

    @Test
    void duplicateKeyPointsAtTheSecondOccurrence()
    {
        final String message = assertThrows(InputException.class,
            () -> ExperimentLoader.load(ERRORS.resolve("duplicate-key.yaml"))).getMessage();
        assertEquals(ERRORS.resolve("duplicate-key.yaml") + ":6:5: duplicate key 'size' in population 'exc'", message);
    }

    @Test
    void yamlSyntaxErrorsAreOneLocatedLine()
    {
        final String unclosed = assertThrows(InputException.class,
            () -> ExperimentLoader.load(ERRORS.resolve("syntax-error.yaml"))).getMessage();
        assertTrue(unclosed.startsWith(ERRORS.resolve("syntax-error.yaml") + ":6:7: YAML syntax error: expected ',' or '}'"), unclosed);

        final String tab = assertThrows(InputException.class,
            () -> ExperimentLoader.load(ERRORS.resolve("tab-indent.yaml"))).getMessage();
        assertTrue(tab.startsWith(ERRORS.resolve("tab-indent.yaml") + ":3:1: YAML syntax error: found character '\\t(TAB)'"), tab);
        assertFalse(tab.contains("\n") || unclosed.contains("\n"));
    }

    @Test
    void streamLevelProblemsAreLocatedToo()
    {
        // The character named (it was invisible where the line points).
        assertEquals("configs/x.yaml:3:9: YAML syntax error: special characters are not allowed (U+0001 START OF " +
            "HEADING)", errorOf(EXC + "name: ab\u0001c\n"));
        assertEquals("configs/x.yaml:3:1: YAML syntax error: expected a single document in the stream but found another document",
            errorOf("---\nseed: 1\n---\nseed: 2\n"));
        assertEquals("configs/x.yaml:2:5: expected a plain name as key in 'populations', got a list",
            errorOf("populations:\n  ? [a, b]\n  : {size: 1}\n"));
        assertEquals("configs/x.yaml:1:1: expected a mapping of keys at the top level, got a list",
            errorOf("- seed: 1\n"));
    }

    @Test
    void expressionErrorPointsAtTheColumnInsideTheQuotedValue()
    {
        final String message = assertThrows(InputException.class,
            () -> ExperimentLoader.load(ERRORS.resolve("bad-expression.yaml"))).getMessage();
        assertEquals(ERRORS.resolve("bad-expression.yaml") + ":8:20: unknown variable 'rr' in expression (allowed: r) in 'c' = " +
            "'-65 + 15*rr^2'", message);
    }

    @Test
    void expressionErrorPointsAtTheColumnInsideAPlainValue()
    {
        assertEquals("configs/x.yaml:2:57: unknown variable 'x' in expression (allowed: r) in 'c' = '-65 + 15*x^2'",
            errorOf("populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65 + 15*x^2, d: 8}}\n"));
        assertEquals("configs/x.yaml:4:57: unknown variable 'r' in expression (allowed: rand) in 'weight' = '0.5*r'",
            errorOfProjection("{from: exc, to: exc, rule: all_to_all, weight: '0.5*r'}"));
    }

    @Test
    void expressionThatIsNotFiniteOverRIsRejected()
    {
        assertEquals("configs/x.yaml:2:56: expression 'log(r)' for 'd' is -Infinity at r = 0; it must be finite for every r in [0, 1)",
            errorOf("populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65, d: log(r)}}\n"));
    }

    @Test
    void kLargerThanTheTargetPopulationCannotBeDrawnWithoutReplacement()
    {
        final String message = assertThrows(InputException.class,
            () -> NetworkAssembler.plan(ExperimentLoader.load(ERRORS.resolve("k-too-large.yaml")))).getMessage();
        assertEquals(ERRORS.resolve("k-too-large.yaml") + ":13:8: fixed_outdegree k=1000 exceeds the 200 candidates " +
            "in population 'inh' (partners are drawn without replacement) in projection 'exc->inh'", message);
    }

    @Test
    void withoutAutapsesANeuronCannotDrawItself()
    {
        assertEquals("configs/x.yaml:4:52: fixed_outdegree k=10 exceeds the 9 candidates in population 'exc' " +
                "(partners are drawn without replacement) in projection 'exc->exc'",
            errorOfProjection("{from: exc, to: exc, rule: fixed_outdegree, k: 10, weight: 1}"));
        assertEquals(90.0, NetworkAssembler.plan(ExperimentLoader.parse(EXC + "projections:\n  - {from: exc, to: exc, " +
            "rule: fixed_outdegree, k: 9, weight: 1}\n", FILE)).expectedSynapses());
    }

    @Test
    void unknownPopulationSuggestsTheNearestName()
    {
        assertEquals("configs/x.yaml:4:21: unknown population 'exd' in 'to' of projection 'exc->exd', did you mean 'exc'?",
            errorOfProjection("{from: exc, to: exd, rule: all_to_all, weight: 1}"));
    }

    /**
     * Found by a hostile tester: a 300 kB expression anchored once and aliased in every population was compiled and
     * checked per alias (16 minutes for 1 MB); a 625,000-character misspelt population among thousands built a
     * (length + 1)^2 table per candidate (4 minutes; here 100,000 characters, 40 GB of tables); threads 2.0 and 1e1
     * were "must be a whole number", which they are.
     */
    @Test
    void filesBuiltToExhaustTheLoaderAreAnsweredAtOnce()
    {
        final String ones = "1+".repeat(3000) + "1";
        assertEquals("configs/x.yaml:1:14: the expression for 'a' is 6009 characters long, more than the 4096 an " +
            "expression may have (line 1 is in the value anchored as &x, reused by *x at line 3)",
            errorOf("description: &x \"r*0 + (" + ones + ")\"\npopulations:\n  exc: {size: 1, " +
            "params: {a: *x, b: 0.2, c: -65, d: 8}}\n"));
        final StringBuilder many = new StringBuilder("description: &x \"0.02 + r*0*(" + "1+".repeat(1000) + "1)\"\n" +
            "populations:\n");
        for (int p = 0; p < 300; p++)
        {
            many.append("  p").append(p).append(": {size: 1, params: {a: *x, b: 0.2, c: -65, d: 8}}\n");
        }
        assertEquals(300, ExperimentLoader.parse(many.toString(), FILE).populations().size(), "aliases of one expression");
        final String longName = "q".repeat(100_000);
        assertTrue(errorOfProjection("{from: exc, to: " + longName + ", rule: all_to_all, weight: 1}")
            .contains("unknown population 'q"), "no suggestion, and no 40 GB of tables");
        for (final String whole : new String[] {"2.0", "1e1", "+2"})
        {
            assertTrue(ExperimentLoader.parse(EXC + "threads: " + whole + "\n", FILE).threads().isPresent(), whole);
        }
        assertEquals("configs/x.yaml:3:10: 'threads' must be a whole number >= 1 or auto (one per free core), got 2.5",
            errorOf(EXC + "threads: 2.5\n"));
    }

    /** Taken within the rounding tolerance, they kept the typed value: rates.csv's bins at 0.9999999999, 1.9999999998. */
    @Test
    void valuesTakenAsWholeStepsAreThoseSteps()
    {
        final ExperimentConfig config = ExperimentLoader.parse(EXC + "duration_ms: 100.0000000001\n" +
            "record: {rates_bin_ms: 0.9999999999}\n", FILE);
        assertEquals(100.0, config.durationMs());
        assertEquals(1.0, config.recording().ratesBinMs());
        assertEquals("", ExperimentLoader.parse(EXC + "description: \"\"\n", FILE).description(), "the default, quoted");
    }

    @Test
    void missingKeyPointsAtTheEnclosingMapping()
    {
        assertEquals("configs/x.yaml:3:5: missing required key 'params' in population 'exc'",
            errorOf("populations:\n  exc:\n    size: 10\n    v0: -70\n"));
        assertEquals("configs/x.yaml:1:1: missing required key 'populations' in the experiment",
            errorOf("seed: 3\n"));
    }

    @Test
    void wrongTypeNamesExpectedAndFound()
    {
        assertEquals("configs/x.yaml:3:11: expected an integer for 'size', got 'abc'",
            errorOf("populations:\n  exc:\n    size: abc\n    params: {a: 0.02, b: 0.2, c: -65, d: 8}\n"));
        assertEquals("configs/x.yaml:1:14: expected a number for 'duration_ms', got 'long'",
            errorOf("duration_ms: long\n" + EXC));
        assertEquals("configs/x.yaml:1:14: expected a mapping for 'populations', got a list",
            errorOf("populations: [exc, inh]\n"));
        // A projection that is not a mapping: "expected a mapping for 'projections'" named the list, which is one.
        assertEquals("configs/x.yaml:4:5: projection #1 of 'projections' must be a mapping (from, to, rule, weight, " +
            "...), got a list", errorOf(EXC + "projections:\n  - [1]\n"));
    }

    /** spikes.h5 lost a population named with 255 or more characters; at most 200 are taken, located at the name. */
    @Test
    void aPopulationNameOverTwoHundredCharactersIsRefusedAtTheName()
    {
        final String name = "p" + "x".repeat(200);
        assertEquals(FILE + ":2:3: population name 'pxxxxxxxxxxxxxxxxxxx...' has 201 characters, at most 200",
            errorOf("populations:\n  " + name + ": {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}\n"));
        assertTrue(errorOf("populations:\n  " + name.substring(1) + ": {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}\n" +
            "duration_ms: 0\n").contains("'duration_ms' must be > 0"), "200 characters are taken");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what                 | yaml (\n as newline)                                                                                           | location and start of the message
        "size 0                 | populations:\\n  exc: {size: 0, params: {a: 0.02, b: 0.2, c: -65, d: 8}}                                       | 2:15: 'size' must be > 0 in population 'exc'",
        "negative size          | populations:\\n  exc: {size: -5, params: {a: 0.02, b: 0.2, c: -65, d: 8}}                                      | 2:15: 'size' must be > 0 in population 'exc'",
        "non-integer size       | populations:\\n  exc: {size: 2.5, params: {a: 0.02, b: 0.2, c: -65, d: 8}}                                     | 2:15: expected an integer for 'size'",
        "non-finite number      | populations:\\n  exc: {size: 10, params: {a: .nan, b: 0.2, c: -65, d: 8}}                                     | 2:31: expected a finite number for 'a', got '.nan'",
        "infinite duration      | duration_ms: .inf\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                             | 1:14: expected a finite number for 'duration_ms'",
        "zero duration          | duration_ms: 0\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                                | 1:14: 'duration_ms' must be > 0",
        "duration off the grid  | dt_ms: 1\\nduration_ms: 10.2\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                  | 2:14: 'duration_ms' must be a multiple of dt_ms = 1, got 10.2",
        "dt the engine lacks     | dt_ms: 0.5\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                                    | 1:8: 'dt_ms' must be 1: the network engine steps 1 ms, as the 2003 network does, got 0.5",
        "dt not dividing 1 ms   | dt_ms: 0.3\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                                    | 1:8: 'dt_ms' must divide 1 ms into whole steps",
        "threads 0              | threads: 0\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                                    | 1:10: 'threads' must be a whole number >= 1 or auto (one per free core), got 0",
        "threads not a number   | threads: many\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                                 | 1:10: 'threads' must be a whole number >= 1 or auto (one per free core), got many",
        "unknown integration    | integration: eulr\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                             | 1:14: unknown integration 'eulr' in the experiment, did you mean 'euler'?",
        "unknown model          | populations: {e: {size: 1, model: izh, params: {a: 1, b: 1, c: 1, d: 1}}}                                      | 1:35: unknown model 'izh' in population 'e' (valid: izhikevich2003, izhikevich2007, poisson, spike_times)",
        "negative noise sd      | populations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}, input: {noise_sd: -1}}}                          | 1:80: 'noise_sd' must be >= 0 in input of population 'e'",
        "negative poisson rate  | populations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}, input: {poisson: {rate_hz: -3, weight: 1}}}}     | 1:89: 'rate_hz' must be >= 0 in poisson input of population 'e'",
        "size out of range      | populations:\\n  exc: {size: 3e9, params: {a: 0.02, b: 0.2, c: -65, d: 8}}                                     | 2:15: 'size' = 3e9 is out of range (at most 2147483647)",
        "network too large      | populations:\\n  a: {size: 1e9, params: {a: 1, b: 1, c: 1, d: 1}}\\n  b: {size: 1e9, params: {a: 1, b: 1, c: 1, d: 1}} | 3:13: the populations up to 'b' hold 2000000000 neurons, more than the engine's maximum of 1073741823",
        "population twice       | populations:\\n  a: {size: 2, params: {a: 1, b: 1, c: 1, d: 1}}\\n  a: {size: 2, params: {a: 1, b: 1, c: 1, d: 1}} | 3:3: duplicate key 'a' in 'populations'",
        "population name        | populations: {2e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                                                | 1:15: population name '2e' must start with an ASCII letter",
        "empty file             |                                                                                                                | 1:1: the file is empty",
        "trace neuron too large | record: {traces: {neurons: [0, 10]}}\\npopulations: {e: {size: 10, params: {a: 1, b: 1, c: 1, d: 1}}}         | 1:32: traced neuron 10 does not exist: neurons are 0..9",
        "unknown trace variable | record: {traces: {neurons: [0], variables: [v, uu]}}\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}} | 1:48: unknown trace variable 'uu' in record.traces, did you mean 'u'?",
        "rate bin off the grid  | record: {rates_bin_ms: 2.5}\\npopulations: {e: {size: 1, params: {a: 1, b: 1, c: 1, d: 1}}}                   | 1:24: 'rates_bin_ms' must be a multiple of dt_ms = 1, got 2.5",
    })
    void experimentErrors(final String what, final String yaml, final String expected)
    {
        final String message = errorOf(yaml == null ? "" : yaml.replace("\\n", "\n"));
        assertTrue(message.startsWith(FILE + ":" + expected), () -> what + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero delay               | {from: exc, to: exc, rule: all_to_all, weight: 1, delay_ms: 0}                                      | 4:65: 'delay_ms' must be > 0 ms in projection 'exc->exc', got 0",
        "negative delay           | {from: exc, to: exc, rule: all_to_all, weight: 1, delay_ms: -2}                                     | 4:65: 'delay_ms' must be > 0 ms",
        "delay off the grid       | {from: exc, to: exc, rule: all_to_all, weight: 1, delay_ms: 1.5}                                    | 4:65: 'delay_ms' must be a multiple of dt_ms = 1 in projection 'exc->exc', got 1.5",
        "delay range inverted     | {from: exc, to: exc, rule: all_to_all, weight: 1, delay_ms: {distribution: uniform_int, low: 5, high: 2}} | 4:107: 'high' (2) must be >= 'low' (5) in delay_ms of projection 'exc->exc'",
        "delay low off the grid   | {from: exc, to: exc, rule: all_to_all, weight: 1, delay_ms: {distribution: uniform_int, low: 0.5, high: 2}} | 4:98: 'low' must be a multiple of dt_ms = 1",
        "p above 1                | {from: exc, to: exc, rule: pairwise, p: 1.5, weight: 1}                                             | 4:45: 'p' must be within [0, 1] in projection 'exc->exc', got 1.5",
        "p negative               | {from: exc, to: exc, rule: pairwise, p: -0.1, weight: 1}                                            | 4:45: 'p' must be within [0, 1]",
        "unknown rule             | {from: exc, to: exc, rule: fixed_outdgree, k: 3, weight: 1}                                         | 4:32: unknown rule 'fixed_outdgree' in projection 'exc->exc', did you mean 'fixed_outdegree'?",
        "unknown distribution     | {from: exc, to: exc, rule: all_to_all, weight: {distribution: gaussian, mean: 1, sd: 1}}            | 4:67: unknown distribution 'gaussian' in weight of projection 'exc->exc' (valid: uniform, normal, lognormal)",
        "misspelt distribution    | {from: exc, to: exc, rule: all_to_all, weight: {distribution: lognorml, mu: 1, sigma: 1}}           | 4:67: unknown distribution 'lognorml' in weight of projection 'exc->exc', did you mean 'lognormal'?",
        "negative sd              | {from: exc, to: exc, rule: all_to_all, weight: {distribution: normal, mean: 1, sd: -1}}             | 4:88: 'sd' must be >= 0 in weight of projection 'exc->exc', got -1",
        "negative sigma           | {from: exc, to: exc, rule: all_to_all, weight: {distribution: lognormal, mu: 0, sigma: -1}}         | 4:92: 'sigma' must be >= 0",
        "key of another distribution | {from: exc, to: exc, rule: all_to_all, weight: {distribution: normal, mean: 1, sigma: 1}}        | 4:84: unknown key 'sigma' in weight of projection 'exc->exc' (valid keys: distribution, mean, sd)",
        "missing k                | {from: exc, to: exc, rule: fixed_indegree, weight: 1}                                               | 4:5: missing required key 'k' in projection 'exc->exc'",
        "k for all_to_all         | {from: exc, to: exc, rule: all_to_all, k: 3, weight: 1}                                             | 4:44: 'k' does not apply to rule 'all_to_all' in projection 'exc->exc'",
        "indegree k too large     | {from: exc, to: exc, rule: fixed_indegree, k: 11, autapses: true, weight: 1}                        | 4:51: fixed_indegree k=11 exceeds the 10 candidates in population 'exc'",
        "unknown source           | {from: inh, to: exc, rule: all_to_all, weight: 1}                                                   | 4:12: unknown population 'inh' in 'from' of projection 'inh->exc' (populations: exc)",
        "target listed twice      | {from: exc, to: [exc, exc], rule: all_to_all, weight: 1}                                            | 4:27: population 'exc' is listed twice as a target",
        "one_to_one onto itself   | {from: exc, to: exc, rule: one_to_one, autapses: false, weight: 1}                                  | 4:54: one_to_one onto the same population connects each neuron to itself",
        "unknown weight variable  | {from: exc, to: exc, rule: all_to_all, weight: 0.5*rnd}                                             | 4:56: unknown variable 'rnd' in expression (allowed: rand)",
        "weight expression syntax | {from: exc, to: exc, rule: all_to_all, weight: \"0.5*(rand\"}                                         | 4:62: expected ')' but found the end of the expression",
        "autapses not a boolean   | {from: exc, to: exc, rule: all_to_all, autapses: maybe, weight: 1}                                  | 4:54: expected true or false for 'autapses', got 'maybe'",
    })
    void projectionErrors(final String what, final String projection, final String expected)
    {
        final String message = errorOfProjection(projection);
        assertTrue(message.startsWith(FILE + ":" + expected), () -> what + ": " + message);
    }

    @Test
    void oneToOneNeedsEqualSizes()
    {
        assertEquals("configs/x.yaml:5:32: one_to_one needs as many targets as sources, got 10 sources and 5 targets " +
                "in projection 'exc->inh'",
            errorOf(EXC + "  inh: {size: 5, params: {a: 0.1, b: 0.2, c: -65, d: 2}}\nprojections:\n" +
                "  - {from: exc, to: inh, rule: one_to_one, weight: 1}\n"));
    }

    @Test
    void projectionNamesAreUnique()
    {
        assertEquals("configs/x.yaml:5:5: duplicate projection name 'exc->exc'; give one of them a distinct 'name'",
            errorOf(EXC + "projections:\n  - {from: exc, to: exc, rule: all_to_all, weight: 1}\n" +
                "  - {from: exc, to: exc, rule: pairwise, p: 0.1, weight: 2}\n"));
        assertEquals(2, ExperimentLoader.parse(EXC + "projections:\n  - {from: exc, to: exc, rule: all_to_all, weight: 1}\n" +
            "  - {name: sparse, from: exc, to: exc, rule: pairwise, p: 0.1, weight: 2}\n", FILE).projections().size());
    }

    /**
     * The copies of the plastic weights hold them in one array: a network of more plastic synapses than an array holds
     * (2,147,483,631) passed validate and would have failed once built. Refused by the plan at the 'plasticity' key of
     * the largest plastic projection, with what to do; one just below the limit is planned.
     */
    @Test
    void morePlasticSynapsesThanOneArrayHoldsAreRefusedAtThePlasticityKey()
    {
        final String big = "populations:\n  big: {size: %d, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
            "  inh: {size: 10, params: {a: 0.1, b: 0.2, c: -65, d: 2}}\nprojections:\n" +
            "  - {from: big, to: inh, rule: fixed_outdegree, k: %d, weight: 1, plasticity: {rule: spnet2006}}\n";
        assertEquals("configs/x.yaml:5:79: this projection makes about 2,147,483,640 plastic synapses, more than the " +
            "2,147,483,631 that the copies of the plastic weights (their outputs, snapshots and checkpoints) hold in " +
            "one array: make fewer synapses plastic (fewer sources or targets, a smaller k or p) in projection " +
            "'big->inh'", errorOf(String.format(big, 214_748_364, 10)));
        NetworkAssembler.plan(ExperimentLoader.parse(String.format(big, 214_748_363, 10), FILE));
        assertEquals("configs/x.yaml:6:79: the network's plastic projections make about 2,520,000,000 plastic " +
            "synapses, this one 1,320,000,000, more than the 2,147,483,631 that the copies of the plastic weights " +
            "(their outputs, snapshots and checkpoints) hold in one array: make fewer synapses plastic (fewer sources " +
            "or targets, a smaller k or p, fewer plastic projections) in projection 'big->big'", errorOf(String.format(
                big, 120_000_000, 10) + "  - {from: big, to: big, rule: fixed_outdegree, k: 11, weight: 1, " +
                "plasticity: {rule: spnet2006}}\n"));
    }

    /**
     * The engine's limits per target block: 1,073,741,823 neurons all-to-all at 1024 threads were told to "use more
     * threads" (none can help) and that they need "about 6917619368.6 GB"; too many rows per block got no remedy. Each
     * refusal now says what helps: fewer synapses, the thread count that fits, or the longest delay that fits.
     */
    @Test
    void aBlockLimitRefusalSaysWhatHelps()
    {
        final String allToAll = "threads: %d\npopulations:\n  p: {size: %d, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
            "projections:\n  - {from: p, to: p, rule: all_to_all, weight: 0.1}\n";
        final String huge = errorOf(String.format(allToAll, 1024, 1_073_741_823));
        assertTrue(huge.startsWith("configs/x.yaml:5:28: about 7.04e+13 synapses end in one block of 65535 neurons, " +
            "more than the engine's limit of 2147483631 per block, and no thread count up to 1024 makes the blocks " +
            "small enough (with "), huge);
        assertTrue(huge.endsWith("): use fewer synapses (fewer neurons, a smaller k or p, fewer projections onto the " +
            "same neurons; projection 'p->p' makes about 7.04e+13 of them); the network needs about 6.9 EB"), huge);
        assertEquals("configs/x.yaml:1:10: about 2.15e+09 synapses end in one block of 46341 neurons, more than the " +
            "engine's limit of 2147483631 per block: use 2 threads or more (each thread has its own blocks, which more " +
            "threads make smaller) or fewer synapses; the network needs about 12.9 GB",
            errorOf(String.format(allToAll, 1, 46_341)));
        assertEquals("configs/x.yaml:5:116: the 3000000 sources reaching one block of 65217 neurons with delays up to " +
            "1000 ms need 3000000000 rows (one per source and delay step), more than the engine's 2147483646 per " +
            "block: make the longest delay (projection 'p->p') at most 715 ms, or have fewer source neurons project " +
            "onto the same neurons; the network needs about 593.4 GB", errorOf("threads: 1\npopulations:\n" +
            "  p: {size: 3000000, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\nprojections:\n" +
            "  - {from: p, to: p, rule: fixed_outdegree, k: 1, weight: 0.1, delay_ms: {distribution: uniform_int, " +
            "low: 1, high: 1000}}\n"));
    }

    @Test
    void unreadableFileNamesTheFile()
    {
        final String message = assertThrows(InputException.class,
            () -> ExperimentLoader.load(Path.of("no-such-dir", "missing.yaml"))).getMessage();
        assertEquals(Path.of("no-such-dir", "missing.yaml") + ": no such file", message);
    }

    /**
     * Found by a config fuzzer: {@code seed: |} and an indented 5 gave "got '5\n'" with a raw line break, which the
     * command line escaped but the Java API's message, said to be sim validate's line, kept.
     */
    @Test
    void quotedValuesInMessagesHaveTheirControlCharactersEscaped()
    {
        final String message = errorOf("seed: |\n  5\n" + EXC);
        assertEquals(FILE + ":1:7: expected an integer for 'seed', got '5\\u000a'", message);
    }

    /**
     * Found by a config fuzzer: a long name or key was joined raw into the message and the whole message then cut in
     * its middle, so "unknown population 'xxx ... xxx->exc'" lost "in 'from' of projection" and fused the projection's
     * name into the population's, and "unknown key 'xxx ... ion, seed, ...)" lost the key's end and the context. Each
     * is quoted as values are, cut to 80 characters with its length, and the rest of the message stays.
     */
    @Test
    void longNamesAndKeysAreQuotedShortAndTheRestOfTheMessageStays()
    {
        final String x = "x".repeat(250);
        assertEquals(FILE + ":4:12: unknown population " + InputException.quoted(x) + " in 'from' of projection " +
            InputException.quoted(x + "->exc") + " (populations: exc)",
            errorOfProjection("{from: " + x + ", to: exc, rule: all_to_all, weight: 1}"));
        assertEquals(FILE + ":4:22: unknown population " + InputException.quoted(x) + " in 'to' of projection " +
            InputException.quoted("exc->" + x) + " (populations: exc)",
            errorOfProjection("{from: exc, to: [" + x + "], rule: all_to_all, weight: 1}"));
        assertEquals(FILE + ":1:1: unknown key " + InputException.quoted(x) + " in the experiment (valid keys: name, " +
            "description, seed, noise_seed, duration_ms, dt_ms, threads, integration, populations, projections, record, " +
            "random_input)",
            errorOf(x + ": 1\n" + EXC));
        assertEquals(FILE + ":4:44: unknown key " + InputException.quoted(x) + " in projection 'exc->exc' (valid keys: " +
            "name, from, to, rule, k, p, autapses, weight, delay_ms, synapse, stp, plasticity, connections)",
            errorOfProjection("{from: exc, to: exc, rule: all_to_all, " + x + ": 1}"));
        assertEquals(FILE + ":1:10: 'threads' must be a whole number >= 1 or auto (one per free core), got " +
            InputException.quoted("1" + x), errorOf("threads: 1" + x + "\n" + EXC));
        assertEquals(FILE + ":3:21: unknown population " + InputException.quoted(x) + " in 'to' of random_input " +
            "(populations: exc)", errorOf(EXC + "random_input: {to: [" + x + "], amplitude: 1}\n"));
    }

    /**
     * Found by a config fuzzer: a block no thread count makes small enough (300 million sources, 10 targets) was
     * refused without a place; it is located at the projection that ends the most synapses in that block, its k.
     */
    @Test
    void aBlockNoThreadCountHelpsIsLocatedAtTheProjectionThatFillsIt()
    {
        final String message = errorOf("populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
            "  inh: {size: 300000000, params: {a: 0.1, b: 0.2, c: -65, d: 2}}\nprojections:\n" +
            "  - {from: exc, to: exc, rule: all_to_all, weight: 1}\n" +
            "  - {from: inh, to: exc, rule: fixed_outdegree, k: 10, weight: -1}\n");
        assertTrue(message.startsWith(FILE + ":6:52: about 3.00e+09 synapses end in one block of "), message);
        assertTrue(message.contains("no thread count up to 1024 makes the blocks small enough"), message);
        assertTrue(message.contains("projection 'inh->exc' makes about 3.00e+09 of them"), message);
    }

    /**
     * Found by a config fuzzer: threads: auto resolved the thread count by the free cores before the block check, so
     * 60,000 neurons all-to-all passed sim validate on an idle machine and were refused ("use 2 threads or more") on a
     * busy one. Auto takes at least the threads the blocks need: the check no longer depends on the machine's load.
     */
    @Test
    void threadsAutoTakesTheThreadsTheBlocksNeed()
    {
        final String allToAll = "populations:\n  p: {size: 100000, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
            "projections:\n  - {from: p, to: p, rule: all_to_all, weight: 0.1}\n";
        assertEquals(5, NetworkAssembler.plan(ExperimentLoader.parse(allToAll, FILE)).threads());
        assertEquals(5, NetworkAssembler.plan(ExperimentLoader.parse("threads: auto\n" + allToAll, FILE)).threads());
        assertTrue(errorOf("threads: 4\n" + allToAll).startsWith(FILE + ":1:10: about 2.50e+09 synapses end in " +
            "one block of 25000 neurons"));
    }

    /** As a quoted value: the character an expression stops at is escaped when it is a control character. */
    @Test
    void anExpressionsStrayControlCharacterIsEscapedInTheMessage()
    {
        final String message = errorOf("populations:\n  exc: {size: 10, params: {a: \"1 \\x01\", b: 0.2, c: -65, " +
            "d: 8}}\n");
        assertFalse(message.chars().anyMatch(Character::isISOControl), message);
        assertTrue(message.contains("'\\u0001'"), message);
    }
}
