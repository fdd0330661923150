package org.izhsim.config;

import org.izhsim.network.build.DelayRule;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.build.ProjectionSpec;
import org.izhsim.network.build.WeightRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps a read experiment onto the engine's Java builder API: the YAML layer adds nothing the Java API
 * cannot say, so a config and the equivalent builder calls give the same network, bit for bit. Each spec
 * carries where it was written, so that the rules the {@link NetworkPlan} checks (the only place they are
 * checked) are reported at {@code file:line:column}.
 */
public final class NetworkAssembler
{
    private NetworkAssembler()
    {
    }

    /**
     * The plan every command builds from: {@code sim validate} and {@code sim run} both call this, so they
     * accept and refuse the same files.
     *
     * @throws org.izhsim.core.InputException on a broken rule, located in the file.
     */
    public static NetworkPlan plan(final ExperimentConfig config)
    {
        return builder(config).plan();
    }

    /**
     * @return a builder holding every population, projection, input and recording choice of {@code config}.
     */
    public static NetworkBuilder builder(final ExperimentConfig config)
    {
        Objects.requireNonNull(config, "config");
        final NetworkBuilder builder = new NetworkBuilder()
            .seed(config.seed())
            .scheme(config.integration())
            .threads(config.threads().orElse(0), config.threadsOrigin());
        if (config.noiseSeed() != null)
        {
            // Only when given: a network without one restores a checkpoint run under another noise seed only if told
            // (Network.restoreState), as the file's noise_seed or --noise-seed tells sim run.
            builder.noiseSeed(config.noiseSeed());
        }
        for (final PopulationConfig population : config.populations())
        {
            if (population.model() == NeuronModel.POISSON)
            {
                builder.population(PopulationSpec.of(population.name(), population.size())
                    .poisson(population.rateHz()).origin(population.origin()));
                continue;
            }
            if (population.model() == NeuronModel.SPIKE_TIMES)
            {
                builder.population(PopulationSpec.of(population.name(), population.size())
                    .spikeTimes(population.spikeTimesMs(), population.repeatEveryMs()).origin(population.origin()));
                continue;
            }
            final NeuronParameters params = population.params();
            final PopulationSpec spec = PopulationSpec.of(population.name(), population.size());
            if (population.model2007() != null)
            {
                spec.izhikevich2007(population.model2007());
            }
            builder.population(spec
                .a(params.a().ofR()).b(params.b().ofR()).c(params.c().ofR()).d(params.d().ofR())
                .initialV(population.v0().ofR()).origin(population.origin()));
            addInputs(builder, population);
        }
        for (final ProjectionConfig projection : config.projections())
        {
            builder.projection(projection(projection));
        }
        config.networkInputs().forEach(builder::input);
        final List<Integer> traced = config.recording().traceNeurons();
        if (!traced.isEmpty())
        {
            builder.recordTraces(traced.stream().mapToInt(Integer::intValue).toArray(),
                config.recording().traceOrigins());
        }
        if (config.recording().weightsEveryMs() > 0)
        {
            builder.weightSnapshots(new TimeGrid(config.dtMs()).steps(config.recording().weightsEveryMs()),
                config.recording().weightsEveryOrigin());
        }
        return builder;
    }

    private static void addInputs(final NetworkBuilder builder, final PopulationConfig population)
    {
        final InputConfig input = population.input();
        if (input.noiseSd() > 0.0)
        {
            builder.input(InputSpec.noise(population.name(), input.noiseSd()).at(population.origin()));
        }
        if (input.uniformWidth() > 0.0)
        {
            builder.input(InputSpec.uniform(population.name(), input.uniformWidth()).at(population.origin()));
        }
        if (input.dc() != 0.0)
        {
            builder.input(InputSpec.dc(population.name(), input.dc()).at(population.origin()));
        }
        input.poisson().ifPresent(poisson ->
            builder.input(InputSpec.poisson(population.name(), poisson.rateHz(), poisson.weight(), poisson.sources())
                .at(population.origin())));
    }

    private static ProjectionSpec projection(final ProjectionConfig projection)
    {
        final List<String> targets = new ArrayList<>();
        for (final PopulationConfig target : projection.to())
        {
            targets.add(target.name());
        }
        final ProjectionSpec spec = ProjectionSpec.from(projection.from().name(), targets)
            .rule(projection.rule())
            .weight(weight(projection.weight()))
            .delay(delay(projection.delay()))
            .autapses(projection.autapses())
            .synapse(projection.synapse())
            .stp(projection.stp())
            .plasticity(projection.plasticity())
            .name("projection " + YamlDocument.quoted(projection.name()));
        projection.origins().forEach(spec::origin);
        return spec;
    }

    private static WeightRule weight(final WeightSpec weight)
    {
        if (weight instanceof WeightSpec.Constant)
        {
            return WeightRule.constant(((WeightSpec.Constant)weight).value());
        }
        if (weight instanceof WeightSpec.Expression)
        {
            return WeightRule.ofRandom(((WeightSpec.Expression)weight).ofRand());
        }
        if (weight instanceof WeightSpec.Uniform)
        {
            final WeightSpec.Uniform uniform = (WeightSpec.Uniform)weight;
            return WeightRule.uniform(uniform.low(), uniform.high());
        }
        if (weight instanceof WeightSpec.Normal)
        {
            final WeightSpec.Normal normal = (WeightSpec.Normal)weight;
            return WeightRule.normal(normal.mean(), normal.sd());
        }
        final WeightSpec.Lognormal lognormal = (WeightSpec.Lognormal)weight;
        return WeightRule.lognormal(lognormal.mu(), lognormal.sigma());
    }

    private static DelayRule delay(final DelaySpec delay)
    {
        if (delay instanceof DelaySpec.EvenSplit)
        {
            return DelayRule.splitEvenly(delay.minSteps(), delay.maxSteps());
        }
        if (delay instanceof DelaySpec.UniformInt)
        {
            return DelayRule.uniform(delay.minSteps(), delay.maxSteps());
        }
        return DelayRule.constant(delay.minSteps());
    }
}
