package org.izhsim.network.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.izhsim.core.InputException;
import org.izhsim.core.integrate.Method;
import org.izhsim.network.engine.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Impossible networks are refused with one line that says what is wrong. */
class NetworkBuilderValidationTest
{
    private static String message(final Executable executable)
    {
        final String message = assertThrows(InputException.class, executable).getMessage();
        assertEquals(-1, message.indexOf('\n'), "one line");
        return message;
    }

    private static NetworkBuilder twoPopulations()
    {
        return new NetworkBuilder().population(PopulationSpec.of("exc", 80)).population(PopulationSpec.of("inh", 20));
    }

    @Test
    void populationOfSizeZero()
    {
        assertEquals("population 'exc' has size 0, it needs at least 1 neuron",
            message(() -> PopulationSpec.of("exc", 0)));
    }

    @Test
    void populationDefinedTwice()
    {
        assertEquals("population 'exc' is defined twice",
            message(() -> twoPopulations().population(PopulationSpec.of("exc", 5))));
    }

    @Test
    void zeroAndNegativeDelays()
    {
        assertEquals("delay 0 ms is not allowed: delays are whole steps of 1 ms, at least 1",
            message(() -> DelayRule.constant(0)));
        assertEquals("delay -2 ms is not allowed: delays are whole steps of 1 ms, at least 1",
            message(() -> DelayRule.uniform(-2, 5)));
        assertEquals("delay range 5..2 ms has low > high", message(() -> DelayRule.uniform(5, 2)));
        assertEquals("delay 1.5 ms is not a whole number of 1 ms steps", message(() -> Checks.delayMillis(1.5)));
    }

    @Test
    void schemesTheEngineDoesNotImplementAreRefused()
    {
        assertEquals("the network engine integrates with halfstep or semi_implicit_euler, not rk4",
            message(() -> new NetworkBuilder().scheme(Method.RK4)));
        assertEquals("the network engine integrates with halfstep or semi_implicit_euler, not euler",
            message(() -> new NetworkBuilder().scheme(Method.EULER)));
    }

    @Test
    void probabilityOutsideTheUnitInterval()
    {
        assertEquals("connection probability 1.5 is outside [0, 1]",
            message(() -> ConnectionRule.pairwiseProbability(1.5)));
        assertEquals("connection probability NaN is outside [0, 1]",
            message(() -> ConnectionRule.pairwiseProbability(Double.NaN)));
    }

    @Test
    void outdegreeLargerThanTheTargetPopulation()
    {
        assertEquals("projection exc -> inh: fixed_outdegree k=21 exceeds the 20 candidates in population 'inh' (partners are drawn " +
            "without replacement)", message(() -> Network.build(twoPopulations()
                .projection(ProjectionSpec.from("exc", "inh").rule(ConnectionRule.fixedOutdegree(21))))));
    }

    @Test
    void indegreeThatNeedsAnAutapseWhenAutapsesAreOff()
    {
        assertEquals("projection inh -> inh: fixed_indegree k=20 exceeds the 19 candidates in population 'inh' (partners are drawn " +
            "without replacement)", message(() -> Network.build(twoPopulations()
                .projection(ProjectionSpec.from("inh", "inh").rule(ConnectionRule.fixedIndegree(20)).autapses(false)))));
    }

    @Test
    void unknownPopulations()
    {
        assertEquals("projection exc -> pyr: unknown population 'pyr'",
            message(() -> Network.build(twoPopulations().projection(ProjectionSpec.from("exc", "pyr")))));
        assertEquals("noise input: unknown population 'thalamus'",
            message(() -> Network.build(twoPopulations().input(InputSpec.noise("thalamus", 5)))));
    }

    @Test
    void targetsThatAreNotConsecutive()
    {
        assertEquals("projection exc -> [inh, inh]: population 'inh' is listed twice as a target",
            message(() -> Network.build(twoPopulations().projection(ProjectionSpec.from("exc", List.of("inh", "inh"))))));
        assertEquals("projection exc -> [exc, mid]: target populations [exc, mid] are not consecutive in declaration " +
            "order: a projection's targets must be one range of neurons", message(() -> twoPopulations()
                .population(PopulationSpec.of("mid", 5))
                .projection(ProjectionSpec.from("exc", List.of("exc", "mid"))).plan()));
    }

    @Test
    void oneToOneBetweenUnequalPopulations()
    {
        assertEquals("projection exc -> inh: one_to_one needs as many targets as sources, got 80 sources and 20 targets",
            message(() -> Network.build(twoPopulations().projection(ProjectionSpec.from("exc", "inh")
                .rule(ConnectionRule.oneToOne())))));
    }

    @Test
    void inputsAndWeightsOutOfRange()
    {
        assertEquals("noise sd must be a finite number >= 0, got -1.0", message(() -> InputSpec.noise("exc", -1)));
        assertEquals("poisson sources must be between 1 and 2147483647, got 0",
            message(() -> InputSpec.poisson("exc", 10, 1, 0)));
        assertEquals("uniform weight range [2.0, 1.0] has low > high", message(() -> WeightRule.uniform(2, 1)));
        assertEquals("normal weight sd must be a finite number >= 0, got -0.5",
            message(() -> WeightRule.normal(1, -0.5)));
    }

    /**
     * The Java API took what the experiment files refuse: weights, currents and parameters beyond a float's range
     * (infinity in the engine's float arrays), functions of r giving NaN (a "numerical blow-up" blaming the input a
     * few steps into the run), and k = 0 (a projection of no synapse).
     */
    @Test
    void valuesTheEngineCannotHoldAreRefusedAsTheFilesRefuseThem()
    {
        assertEquals("weight 1e39 is outside the range a float holds (+-3.4e38)",
            message(() -> WeightRule.constant(1e39)));
        assertEquals("the weight function is NaN at r = 0.0; it must be a finite float (within +-3.4e38) for every r " +
            "in [0, 1)", message(() -> WeightRule.ofRandom(r -> Double.NaN)));
        assertEquals("the weight function is 1.0E39 at r = 0.5; it must be a finite float (within +-3.4e38) for " +
            "every r in [0, 1)", message(() -> WeightRule.ofRandom(r -> r >= 0.5 ? 1e39 : 1)));
        assertEquals("the weight function is Infinity at r = 0.0; it must be a finite float (within +-3.4e38) for " +
            "every r in [0, 1)", message(() -> WeightRule.ofRandom(r -> 1 / r)));
        assertEquals("normal weight mean + 4.325 sd 4.325e38 is outside the range a float holds (+-3.4e38)",
            message(() -> WeightRule.normal(0, 1e38)));
        assertEquals("dc current 1e39 is outside the range a float holds (+-3.4e38)",
            message(() -> InputSpec.dc("exc", 1e39)));
        assertEquals("parameter c of population 'exc' is NaN at r = 0.0; it must be a finite float (within +-3.4e38) " +
            "for every r in [0, 1)", message(() -> PopulationSpec.of("exc", 10).c(r -> Double.NaN)));
        assertEquals("parameter c of population 'exc' is 35.0 at r = 0.0; the reset must be below the spike cutoff of " +
            "30 mV", message(() -> PopulationSpec.of("exc", 10).parameters(0.02, 0.2, 35, 8)));
        assertEquals("fixed_outdegree k=0 must be at least 1", message(() -> ConnectionRule.fixedOutdegree(0)));
        // It was kept as 2147483647 and refused later naming that, not the k given.
        assertEquals("fixed_indegree k=1000000000000 exceeds the candidates of any population (at most 2147483647 " +
            "neurons)", message(() -> ConnectionRule.fixedIndegree(1_000_000_000_000L)));
        assertEquals("population name 'a,b' must start with an ASCII letter and hold only ASCII letters (A-Z, a-z), " +
            "digits and '_'",
            message(() -> PopulationSpec.of("a,b", 10)));
        // Declared, but an unquoted 'from: null' is no value in YAML: it could not be connected.
        assertEquals("population name 'NULL' is what YAML reads as no value where it is unquoted (from: NULL): name it " +
            "otherwise", message(() -> PopulationSpec.of("NULL", 10)));
        assertEquals("p: duplicate projection name 'p'; give one of them a distinct name",
            message(() -> planOf(twoPopulations()
                .projection(ProjectionSpec.from("exc", List.of("inh")).rule(ConnectionRule.allToAll()).name("p"))
                .projection(ProjectionSpec.from("inh", List.of("exc")).rule(ConnectionRule.allToAll()).name("p")))));
        // Still taken: values within range, and a function finite on [0, 1).
        WeightRule.ofRandom(r -> -r);
        PopulationSpec.of("exc", 10).c(r -> -65 + 15 * r * r);
    }

    /**
     * The experiment files cap rate_hz x sources at 10^9 Hz; the Java API took any rate, and above 2^31 spikes per
     * step the int count wrapped: 1e300 Hz of excitatory input became -1 spike per step, and the neurons fell silent.
     */
    @Test
    void poissonRatesWhoseCountsOverflowAnIntAreRefusedAsTheFilesRefuseThem()
    {
        assertEquals("poisson rate x sources = 1.000e+300 Hz exceeds 1e+09 Hz (the per-step spike count is an int)",
            message(() -> InputSpec.poisson("exc", 1e300, 1, 1)));
        assertEquals("poisson rate x sources = 2.147e+12 Hz exceeds 1e+09 Hz (the per-step spike count is an int)",
            message(() -> InputSpec.poisson("exc", 1000, 1, Integer.MAX_VALUE)));
        // The limit itself is taken: 10^6 spikes per step into each neuron.
        InputSpec.poisson("exc", 1e8, 1, 10);
    }

    @Test
    void networkWithoutPopulationsAndTracesOfMissingNeurons()
    {
        assertEquals("the network has no population", message(() -> Network.build(new NetworkBuilder())));
        assertEquals("traced neuron 100 does not exist: neurons are 0..99",
            message(() -> Network.build(twoPopulations().recordTraces(5, 100))));
    }

    private static NetworkPlan planOf(final NetworkBuilder builder)
    {
        return builder.plan();
    }
}
