package org.izhsim.config;

import java.util.List;

import org.izhsim.network.build.PlasticityRule;

/**
 * Reads a projection's {@code plasticity} mapping into a {@link PlasticityRule}, every value located: numbers
 * where numbers belong, time constants > 0, factors in [0, 1], w_max >= w_min >= 0. Whether the projection may
 * be plastic (excitatory weights, one rule per network, every projection of its source plastic) is the network
 * plan's check, reported at this key.
 */
final class PlasticityReader
{
    static final List<String> RULES = List.of("spnet2006");
    static final List<String> KEYS = List.of("rule", "w_min", "w_max", "a_plus", "a_minus", "decay_plus", "decay_minus",
        "tau_plus_ms", "tau_minus_ms", "drift", "derivative_decay", "period_ms");

    private PlasticityReader()
    {
    }

    static PlasticityRule read(final ConfigMapping projection)
    {
        final ConfigMapping m = projection.mapping("plasticity", "plasticity of " + projection.context(), KEYS);
        final YamlDocument document = m.document();
        m.oneOf("rule", RULES, "plasticity rule");
        final PlasticityRule d = PlasticityRule.spnet2006();
        final double wMin = m.nonNegativeNumber("w_min", d.wMin());
        final double wMax = m.number("w_max", d.wMax());
        if (!Double.isFinite(wMax) || wMax < wMin)
        {
            throw document.error(m.has("w_max") ? m.value("w_max") : m.value("w_min"), "'w_max' (" + wMax +
                ") must be >= 'w_min' (" + wMin + ") in " + m.context());
        }
        final double aPlus = m.nonNegativeNumber("a_plus", d.aPlus());
        final double aMinus = m.nonNegativeNumber("a_minus", d.aMinus());
        final double decayPlus = decay(m, "decay_plus", "tau_plus_ms", d.decayPlus());
        final double decayMinus = decay(m, "decay_minus", "tau_minus_ms", d.decayMinus());
        final double drift = m.number("drift", d.drift());
        final double derivativeDecay = factor(m, "derivative_decay", d.derivativeDecay());
        final double period = m.positiveNumber("period_ms", d.periodMs());
        if (period != Math.rint(period) || period > Integer.MAX_VALUE)
        {
            throw document.error(m.value("period_ms"), "'period_ms' must be a whole number of ms in " + m.context() +
                ", got " + m.text("period_ms"));
        }
        return PlasticityRule.of(wMin, wMax, aPlus, aMinus, decayPlus, decayMinus, drift, derivativeDecay, (long)period);
    }

    /** A per-ms factor, given as the factor itself or as a time constant (factor exp(-1/tau)), not both. */
    private static double decay(final ConfigMapping m, final String factorKey, final String tauKey, final double dflt)
    {
        if (m.has(tauKey))
        {
            if (m.has(factorKey))
            {
                throw m.document().error(m.keyNode(tauKey), "give '" + factorKey + "' or '" + tauKey + "', not both, in " +
                    m.context());
            }
            final double tau = m.number(tauKey);
            if (!(tau > 0))
            {
                throw m.document().error(m.value(tauKey), "'" + tauKey + "' must be a time constant > 0 ms in " +
                    m.context() + ", got " + m.text(tauKey));
            }
            return PlasticityRule.factorOfTau(tauKey, tau);
        }
        return factor(m, factorKey, dflt);
    }

    private static double factor(final ConfigMapping m, final String key, final double dflt)
    {
        final double f = m.number(key, dflt);
        if (!(f >= 0 && f <= 1))
        {
            throw m.document().error(m.value(key), "'" + key + "' must be a factor per step in [0, 1] in " +
                m.context() + ", got " + m.text(key));
        }
        return f;
    }
}
