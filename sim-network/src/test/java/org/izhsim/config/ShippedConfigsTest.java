package org.izhsim.config;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.izhsim.core.integrate.Method;
import org.izhsim.network.build.ConnectionRule;
import org.izhsim.network.build.NetworkPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The experiments shipped in configs/ load, and encode the published networks.
 */
class ShippedConfigsTest
{
    // Surefire runs in the module directory; configs/ sits at the repository root.
    private static final Path CONFIGS = Path.of("..", "configs");

    private static ExperimentConfig load(final String file)
    {
        return ExperimentLoader.load(CONFIGS.resolve(file));
    }

    @Test
    void cortex2003IsTheNetworkOfNetM()
    {
        final ExperimentConfig config = load("cortex2003.yaml");
        assertEquals("cortex2003", config.name());
        assertEquals(1000, config.neuronCount());
        assertEquals(1000.0, config.durationMs());
        assertEquals(1000L, config.steps());
        assertEquals(1.0, config.dtMs());
        assertEquals(Method.HALFSTEP, config.integration());
        assertEquals(OptionalInt.of(1), config.threads(), "one thread: faster than two on 2 cores (BENCHMARKS.md)");

        final PopulationConfig exc = config.populations().get(0);
        final PopulationConfig inh = config.populations().get(1);
        assertEquals(List.of("exc", 800, 0), List.of(exc.name(), exc.size(), exc.firstNeuron()));
        assertEquals(List.of("inh", 200, 800), List.of(inh.name(), inh.size(), inh.firstNeuron()));

        // net.m: c = -65 + 15 re^2, d = 8 - 6 re^2 spans RS (r = 0) to CH (r = 1).
        assertParameterRange(exc.params().a(), 0.02, 0.02);
        assertParameterRange(exc.params().b(), 0.2, 0.2);
        assertParameterRange(exc.params().c(), -65.0, -50.0);
        assertParameterRange(exc.params().d(), 8.0, 2.0);
        // net.m: a = 0.02 + 0.08 ri, b = 0.25 - 0.05 ri spans LTS (r = 0) to FS (r = 1).
        assertParameterRange(inh.params().a(), 0.02, 0.10);
        assertParameterRange(inh.params().b(), 0.25, 0.20);
        assertParameterRange(inh.params().c(), -65.0, -65.0);
        assertParameterRange(inh.params().d(), 2.0, 2.0);
        assertTrue(exc.params().a().constant());
        assertFalse(exc.params().c().constant());
        assertEquals(-65.0, exc.v0().at(0.5));
        assertEquals(5.0, exc.input().noiseSd());
        assertEquals(2.0, inh.input().noiseSd());

        assertEquals(1_000_000.0, NetworkAssembler.plan(config).expectedSynapses());
        for (final ProjectionConfig projection : config.projections())
        {
            assertEquals(ConnectionRule.allToAll(), projection.rule());
            assertTrue(projection.autapses());
            assertEquals(List.of(exc, inh), projection.to());
            assertEquals(new DelaySpec.Constant(1.0, 1), projection.delay());
        }
        final WeightSpec.Expression excitatory = (WeightSpec.Expression)config.projections().get(0).weight();
        final WeightSpec.Expression inhibitory = (WeightSpec.Expression)config.projections().get(1).weight();
        assertEquals("0.5*rand", excitatory.source());
        assertEquals(0.25, excitatory.at(0.5));
        assertEquals(-0.75, inhibitory.at(0.75));
        assertEquals("exc->exc+inh", config.projections().get(0).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sparse10k.yaml", "sparse100k.yaml"})
    void sparseNetworksHaveAThousandDistinctTargetsPerNeuron(final String file)
    {
        final ExperimentConfig config = load(file);
        final int n = file.equals("sparse10k.yaml") ? 10_000 : 100_000;
        assertEquals(n, config.neuronCount());
        assertEquals(n * 8 / 10, config.populations().get(0).size());
        final NetworkPlan plan = NetworkAssembler.plan(config);
        assertEquals(1000.0 * n, plan.expectedSynapses());

        final ProjectionConfig fromExc = config.projections().get(0);
        final ProjectionConfig fromInh = config.projections().get(1);
        assertEquals(ConnectionRule.fixedOutdegree(1000), fromExc.rule());
        assertEquals(n, plan.projections().get(0).targetSize());
        assertFalse(fromExc.autapses());
        assertFalse(fromInh.autapses());
        assertEquals(new DelaySpec.UniformInt(1.0, 20.0, 1, 20), fromExc.delay());
        assertEquals(20, fromExc.delay().maxSteps());
        assertEquals(new DelaySpec.Constant(1.0, 1), fromInh.delay());
        assertParameterRange(config.populations().get(0).params().c(), -65.0, -50.0);
        assertEquals(-1.0, ((WeightSpec.Expression)fromInh.weight()).at(1.0));
    }

    /**
     * The descriptions (shown by sim explore and GET /api/configs) said "delays 1-20 ms" while the inhibitory
     * projection's delays are all 1 ms: they name both, as the projections have them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sparse10k.yaml", "sparse100k.yaml", "sparse1m.yaml"})
    void sparseDescriptionsGiveTheDelaysOfBothProjections(final String file)
    {
        final ExperimentConfig config = load(file);
        assertTrue(config.description().endsWith(", excitatory delays 1-20 ms, inhibitory 1 ms"), config.description());
        assertEquals(List.of("exc", "inh"), config.projections().stream().map(p -> p.from().name()).toList());
        assertEquals(new DelaySpec.UniformInt(1.0, 20.0, 1, 20), config.projections().get(0).delay());
        assertEquals(new DelaySpec.Constant(1.0, 1), config.projections().get(1).delay());
    }

    private static void assertParameterRange(final ParameterValue value, final double atZero, final double atOne)
    {
        assertEquals(atZero, value.at(0.0), 1e-12, value.source());
        assertEquals(atOne, value.at(1.0), 1e-12, value.source());
    }
}
