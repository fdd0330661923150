package org.izhsim.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;

import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.NetworkPlan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Valid configs: defaults, every rule, weight and delay form, recording and command-line overrides.
 */
class ExperimentLoaderTest
{
    private static final String MINIMAL = "populations:\n  exc: {size: 10, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n";

    @Test
    void minimalConfigTakesTheDocumentedDefaults()
    {
        final ExperimentConfig config = ExperimentLoader.parse(MINIMAL, "runs/tiny-net.yaml");
        assertEquals("tiny-net", config.name());
        assertEquals("", config.description());
        assertEquals(1L, config.seed());
        assertEquals(1000.0, config.durationMs());
        assertEquals(1.0, config.dtMs());
        assertEquals(OptionalInt.empty(), config.threads());
        assertEquals(Method.HALFSTEP, config.integration());
        assertEquals(List.of(), config.projections());
        assertSame(RecordConfig.SPIKES_ONLY, config.recording());

        final PopulationConfig exc = config.populations().get(0);
        assertEquals(NeuronModel.IZHIKEVICH2003, exc.model());
        assertEquals(-65.0, exc.v0().at(0.5));
        assertEquals(InputConfig.NONE, exc.input());
        assertEquals(0.02, exc.params().a().at(0.7));
        assertEquals("-65", exc.params().c().source());
    }

    @Test
    void populationsAreNumberedContiguouslyInFileOrder()
    {
        final ExperimentConfig config = ExperimentLoader.parse("populations:\n" +
            "  b: {size: 3, params: {a: 1, b: 1, c: 1, d: 1}}\n" +
            "  a: {size: 1e3, params: {a: 1, b: 1, c: 1, d: 1}}\n" +
            "  c: {size: 7, params: {a: 1, b: 1, c: 1, d: 1}}\n", "x.yaml");
        assertEquals(List.of("b", "a", "c"), config.populations().stream().map(PopulationConfig::name).toList());
        assertEquals(List.of(0, 3, 1003), config.populations().stream().map(PopulationConfig::firstNeuron).toList());
        assertEquals(List.of(0, 1, 2), config.populations().stream().map(PopulationConfig::index).toList());
        assertEquals(1010, config.neuronCount());
        assertEquals(1003, config.population("a").orElseThrow().endNeuron());
        assertEquals(Optional.empty(), config.population("d"));
    }

    /**
     * The seed takes any integer-valued number, as the int keys do (size: 1e5 was taken, seed: 1e3 refused), and one
     * beyond 64 bits is out of range, not "not an integer".
     */
    @Test
    void aSeedIsAnyIntegerValuedNumberWithinSixtyFourBits()
    {
        assertEquals(1000L, ExperimentLoader.parse("seed: 1e3\n" + MINIMAL, "x.yaml").seed());
        assertEquals(1500L, ExperimentLoader.parse("seed: 1.5e3\n" + MINIMAL, "x.yaml").seed());
        assertEquals(Long.MIN_VALUE, ExperimentLoader.parse("seed: -9223372036854775808\n" + MINIMAL, "x.yaml").seed());
        for (final String big : new String[] {"18446744073709551616", "1e999999999"})
        {
            assertEquals("x.yaml:1:7: 'seed' = " + big + " is out of range (a 64-bit integer, from " +
                "-9223372036854775808 to 9223372036854775807)", assertThrows(InputException.class,
                () -> ExperimentLoader.parse("seed: " + big + "\n" + MINIMAL, "x.yaml")).getMessage());
        }
        assertEquals("x.yaml:1:7: expected an integer for 'seed', got '1.5'", assertThrows(InputException.class,
            () -> ExperimentLoader.parse("seed: 1.5\n" + MINIMAL, "x.yaml")).getMessage());
    }

    @Test
    void everyTopLevelKeyIsRead()
    {
        final ExperimentConfig config = ExperimentLoader.parse(
            "name: trial\ndescription: two words\nseed: 12345678901\nduration_ms: 250\ndt_ms: 1\nthreads: 4\n" +
            "integration: euler\n" + MINIMAL, "x.yaml");
        assertEquals("trial", config.name());
        assertEquals("two words", config.description());
        assertEquals(12345678901L, config.seed());
        assertEquals(250L, config.steps());
        assertEquals(OptionalInt.of(4), config.threads());
        assertEquals(Method.SEMI_IMPLICIT_EULER, config.integration());
        assertEquals(OptionalInt.empty(), ExperimentLoader.parse("threads: auto\n" + MINIMAL, "x.yaml").threads());
    }

    /** A null file name reached SnakeYAML, whose "label cannot be null" said nothing to the caller. */
    @Test
    void nullArgumentsAreNamed()
    {
        assertEquals("fileNameForMessages",
            assertThrows(NullPointerException.class, () -> ExperimentLoader.parse(MINIMAL, null)).getMessage());
        assertEquals("yamlText",
            assertThrows(NullPointerException.class, () -> ExperimentLoader.parse(null, "x.yaml")).getMessage());
        assertEquals("file", assertThrows(NullPointerException.class, () -> ExperimentLoader.load(null)).getMessage());
    }

    @Test
    void inputAndInitialState()
    {
        final PopulationConfig exc = ExperimentLoader.parse("populations:\n  exc:\n    size: 4\n" +
            "    params: {a: 0.02, b: 0.2, c: -65, d: 8}\n    v0: -70\n" +
            "    input: {noise_sd: 5, dc: 1.5, poisson: {rate_hz: 20, weight: 0.8, sources: 100}}\n", "x.yaml")
            .populations().get(0);
        assertEquals(-70.0, exc.v0().at(0.5));
        assertEquals(new InputConfig(5.0, 1.5, Optional.of(new PoissonInput(20.0, 0.8, 100))), exc.input());
    }

    @Test
    void everyRuleImpliesItsSynapseCountAndAutapseDefault()
    {
        final ExperimentConfig config = ExperimentLoader.parse("populations:\n" +
            "  exc: {size: 80, params: {a: 0.02, b: 0.2, c: -65, d: 8}}\n" +
            "  inh: {size: 20, params: {a: 0.1, b: 0.2, c: -65, d: 2}}\n" +
            "projections:\n" +
            "  - {name: all, from: exc, to: [exc, inh], rule: all_to_all, weight: 1}\n" +
            "  - {name: all_no_self, from: exc, to: [inh, exc], rule: all_to_all, autapses: false, weight: 1}\n" +
            "  - {name: out, from: inh, to: exc, rule: fixed_outdegree, k: 80, weight: -1}\n" +
            "  - {name: in, from: exc, to: inh, rule: fixed_indegree, k: 80, weight: 1}\n" +
            "  - {name: pairs, from: exc, to: exc, rule: pairwise, p: 0.25, weight: 1}\n" +
            "  - {name: same, from: inh, to: inh, rule: one_to_one, weight: 1}\n", "x.yaml");
        final List<ProjectionConfig> projections = config.projections();
        assertEquals(List.of(true, false, false, false, false, true),
            projections.stream().map(ProjectionConfig::autapses).toList());
        final NetworkPlan plan = NetworkAssembler.plan(config);
        assertEquals(List.of(8000.0, 7920.0, 1600.0, 1600.0, 0.25 * (6400 - 80), 20.0),
            IntStream.range(0, projections.size()).mapToObj(plan::expectedSynapses).toList());
        assertEquals(100, plan.projections().get(1).targetSize());
        assertEquals(List.of("inh", "exc"), projections.get(1).to().stream().map(PopulationConfig::name).toList());
        assertEquals(ConnectionRule.pairwiseProbability(0.25), projections.get(4).rule());
        assertEquals(ConnectionRule.fixedIndegree(80), projections.get(3).rule());
    }

    @Test
    void weightForms()
    {
        final List<ProjectionConfig> projections = ExperimentLoader.parse(MINIMAL + "projections:\n" +
            "  - {name: w1, from: exc, to: exc, rule: all_to_all, weight: 0.5}\n" +
            "  - {name: w2, from: exc, to: exc, rule: all_to_all, weight: 2*(1+1)}\n" +
            "  - {name: w3, from: exc, to: exc, rule: all_to_all, weight: \"-sqrt(rand)\"}\n" +
            "  - {name: w4, from: exc, to: exc, rule: all_to_all, weight: {distribution: uniform, low: -1, high: 1}}\n" +
            "  - {name: w5, from: exc, to: exc, rule: all_to_all, weight: {distribution: normal, mean: 0.5, sd: 0.1}}\n" +
            "  - {name: w6, from: exc, to: exc, rule: all_to_all, weight: {distribution: lognormal, mu: -1, sigma: 0.5}}\n",
            "x.yaml").projections();
        assertEquals(new WeightSpec.Constant(0.5), projections.get(0).weight());
        assertEquals(new WeightSpec.Constant(4.0), projections.get(1).weight());
        final WeightSpec.Expression expression = (WeightSpec.Expression)projections.get(2).weight();
        assertEquals("-sqrt(rand)", expression.source());
        assertEquals(-0.5, expression.at(0.25));
        assertEquals(new WeightSpec.Uniform(-1.0, 1.0), projections.get(3).weight());
        assertEquals(new WeightSpec.Normal(0.5, 0.1), projections.get(4).weight());
        assertEquals(new WeightSpec.Lognormal(-1.0, 0.5), projections.get(5).weight());
    }

    @Test
    void delaysAreConvertedToStepsOfDt()
    {
        final List<ProjectionConfig> projections = ExperimentLoader.parse("dt_ms: 1\n" + MINIMAL + "projections:\n" +
            "  - {name: d1, from: exc, to: exc, rule: all_to_all, weight: 1}\n" +
            "  - {name: d2, from: exc, to: exc, rule: all_to_all, weight: 1, delay_ms: 3}\n" +
            "  - {name: d3, from: exc, to: exc, rule: all_to_all, weight: 1, delay_ms: {distribution: uniform_int, low: 2, high: 20}}\n",
            "x.yaml").projections();
        assertEquals(new DelaySpec.Constant(1.0, 1), projections.get(0).delay());
        assertEquals(new DelaySpec.Constant(3.0, 3), projections.get(1).delay());
        assertEquals(new DelaySpec.UniformInt(2.0, 20.0, 2, 20), projections.get(2).delay());
        assertEquals(2, projections.get(2).delay().minSteps());
        assertEquals(20, projections.get(2).delay().maxSteps());
    }

    @Test
    void traces()
    {
        final RecordConfig recording = ExperimentLoader.parse(MINIMAL +
            "record:\n  traces: {neurons: [9, 0, 4], variables: [input, v]}\n  rates_bin_ms: 5\n", "x.yaml").recording();
        assertEquals(List.of(9, 0, 4), recording.traceNeurons());
        assertEquals(List.of(TraceVariable.V, TraceVariable.INPUT), List.copyOf(recording.traceVariables()));
        assertEquals(5.0, recording.ratesBinMs());
        assertEquals(Set.of(TraceVariable.V),
            ExperimentLoader.parse(MINIMAL + "record: {traces: {neurons: [1]}}\n", "x.yaml").recording().traceVariables());
    }

    @Test
    void commandLineOverridesReplaceOneFieldAndAreValidated()
    {
        final ExperimentConfig config = ExperimentLoader.parse("dt_ms: 1\n" + MINIMAL, "x.yaml");
        final ExperimentConfig overridden = config.withSeed(7).withDurationMs(20).withThreads(OptionalInt.of(2));
        assertEquals(7L, overridden.seed());
        assertEquals(20L, overridden.steps());
        assertEquals(OptionalInt.of(2), overridden.threads());
        assertEquals(config.populations(), overridden.populations());
        assertEquals(1L, config.seed());

        assertEquals("--duration must be a finite number of ms > 0, got 0",
            assertThrows(InputException.class, () -> config.withDurationMs(0.0)).getMessage());
        assertEquals("--duration must be a multiple of dt_ms = 1, got 20.2",
            assertThrows(InputException.class, () -> config.withDurationMs(20.2)).getMessage());
        assertEquals("--threads must be a whole number >= 1 or auto (one per free core), got 0",
            assertThrows(InputException.class, () -> config.withThreads(OptionalInt.of(0))).getMessage());
    }

    @Test
    void configsAreImmutable()
    {
        final ExperimentConfig config = ExperimentLoader.parse(MINIMAL, "x.yaml");
        assertThrows(UnsupportedOperationException.class, () -> config.populations().clear());
        assertThrows(UnsupportedOperationException.class, () -> config.projections().clear());
    }
}
