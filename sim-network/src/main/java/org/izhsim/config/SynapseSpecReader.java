package org.izhsim.config;

import java.util.List;

import org.izhsim.expr.Expression;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code weight} and {@code delay_ms} of a projection: a number, an expression of the
 * per-synapse {@code rand}, or a distribution; delays are converted to whole steps of dt.
 */
final class SynapseSpecReader
{
    static final List<String> WEIGHT_DISTRIBUTIONS = List.of("uniform", "normal", "lognormal");
    static final List<String> DELAY_DISTRIBUTIONS = List.of("uniform_int", "even_split");

    /** The per-synapse random number of weight expressions: net.m's rand in {@code 0.5*rand(Ne+Ni,Ne)}. */
    private static final String SYNAPSE_RANDOM = "rand";
    /** Izhikevich (2003) net.m delivers every spike in the next 1 ms step. */
    private static final double DEFAULT_DELAY_MS = 1.0;

    /**
     * Normal variates reach at most this many sd (NormalTable truncates at +-4.325 sigma): the bound to
     * which a normal or lognormal weight must stay a finite float.
     */
    private static final double NORMAL_TRUNCATION = 4.33;

    private final YamlDocument document;
    private final TimeGrid grid;

    SynapseSpecReader(final YamlDocument document, final TimeGrid grid)
    {
        this.document = document;
        this.grid = grid;
    }

    WeightSpec weight(final ConfigMapping projection)
    {
        final Node value = projection.value("weight");
        if (!(value instanceof MappingNode))
        {
            final Expression expression = document.numberOrExpression(value, "weight", SYNAPSE_RANDOM);
            return expression.isConstant() ?
                new WeightSpec.Constant(expression.applyAsDouble(0.0)) :
                new WeightSpec.Expression(expression.source(), expression);
        }
        final String context = "weight of " + projection.context();
        final String distribution = distribution((MappingNode)value, context, WEIGHT_DISTRIBUTIONS);
        switch (distribution)
        {
            case "uniform":
            {
                final ConfigMapping uniform = new ConfigMapping(document, (MappingNode)value, context,
                    List.of("distribution", "low", "high"));
                final double low = uniform.floatNumber("low");
                final double high = uniform.floatNumber("high");
                requireOrdered(uniform, low, high);
                return new WeightSpec.Uniform(low, high);
            }
            case "normal":
            {
                final ConfigMapping normal = new ConfigMapping(document, (MappingNode)value, context,
                    List.of("distribution", "mean", "sd"));
                final double mean = normal.floatNumber("mean");
                final double sd = normal.nonNegativeNumber("sd");
                final double extreme = Math.abs(mean) + NORMAL_TRUNCATION * sd;
                if (extreme > YamlDocument.FLOAT_MAX)
                {
                    throw document.error(normal.value("sd"), YamlDocument.outsideFloat("a weight of |mean| + " +
                        NORMAL_TRUNCATION + " sd = " + extreme + ", the largest this normal draws,"));
                }
                return new WeightSpec.Normal(mean, sd);
            }
            default:
            {
                final ConfigMapping lognormal = new ConfigMapping(document, (MappingNode)value, context,
                    List.of("distribution", "mu", "sigma"));
                final double mu = lognormal.number("mu");
                final double sigma = lognormal.nonNegativeNumber("sigma");
                final double exponent = mu + NORMAL_TRUNCATION * sigma;
                if (exponent > StrictMath.log(YamlDocument.FLOAT_MAX))
                {
                    throw document.error(lognormal.value(lognormal.has("sigma") && sigma > 0 ? "sigma" : "mu"),
                        YamlDocument.outsideFloat("a weight of exp(mu + " + NORMAL_TRUNCATION + " sigma) = exp(" +
                            exponent + "), the largest this lognormal draws,"));
                }
                return new WeightSpec.Lognormal(mu, sigma);
            }
        }
    }

    DelaySpec delay(final ConfigMapping projection)
    {
        if (!projection.has("delay_ms"))
        {
            // dt divides 1 ms (checked at the top level), so the default is on the grid.
            return new DelaySpec.Constant(DEFAULT_DELAY_MS, (int)grid.steps(DEFAULT_DELAY_MS));
        }
        final Node value = projection.value("delay_ms");
        if (!(value instanceof MappingNode))
        {
            final double ms = document.number(value, "delay_ms");
            return new DelaySpec.Constant(ms, delaySteps(value, "'delay_ms'", ms, projection.context()));
        }
        final String context = "delay_ms of " + projection.context();
        final String kind = distribution((MappingNode)value, context, DELAY_DISTRIBUTIONS);
        final ConfigMapping uniform = new ConfigMapping(document, (MappingNode)value, context,
            List.of("distribution", "low", "high"));
        final double low = uniform.number("low");
        final double high = uniform.number("high");
        final int lowSteps = delaySteps(uniform.value("low"), "'low'", low, context);
        final int highSteps = delaySteps(uniform.value("high"), "'high'", high, context);
        requireOrdered(uniform, low, high);
        return kind.equals("even_split") ? new DelaySpec.EvenSplit(low, high, lowSteps, highSteps) :
            new DelaySpec.UniformInt(low, high, lowSteps, highSteps);
    }

    private int delaySteps(final Node value, final String label, final double ms, final String context)
    {
        if (ms <= 0.0)
        {
            throw document.error(value, label + " must be > 0 ms in " + context + ", got " + document.string(value, label));
        }
        final long steps = grid.steps(ms);
        if (steps > Integer.MAX_VALUE)
        {
            // A whole number of steps beyond the int range was called "not a multiple of dt_ms"; the plan refuses
            // anything above its 1000 ms maximum in any case.
            throw document.error(value, "delay " + document.string(value, label) + " ms exceeds the engine's maximum " +
                "of " + org.izhsim.network.build.Checks.MAX_DELAY + " ms in " + context);
        }
        if (steps < 0)
        {
            throw document.error(value, label + " must be a multiple of dt_ms = " + grid.dtText() + " in " + context +
                ", got " + document.string(value, label));
        }
        return (int)steps;
    }

    private String distribution(final MappingNode value, final String context, final List<String> distributions)
    {
        // The distribution decides which other keys are valid, so it is read before the keys are checked.
        final ConfigMapping raw = new ConfigMapping(document, value, context, null);
        return raw.oneOf("distribution", distributions, "distribution");
    }

    private static void requireOrdered(final ConfigMapping range, final double low, final double high)
    {
        if (high < low)
        {
            throw range.document().error(range.value("high"), "'high' (" + range.text("high") + ") must be >= 'low' (" +
                range.text("low") + ") in " + range.context());
        }
    }
}
