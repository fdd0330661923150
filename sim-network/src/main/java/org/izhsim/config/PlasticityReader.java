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
    static final List<String> RULES = List.of("spnet2006", "stdp", "dastdp2007");
    static final List<String> DA_KEYS = List.of("rule", "a_plus", "a_minus", "decay", "w_min", "w_max", "baseline",
        "eligibility_decay", "period_ms", "dopamine_decay", "reward");
    static final List<String> REWARD_KEYS = List.of("pre", "post", "synapse", "window_ms", "delay_min_ms", "delay_max_ms", "pulse",
        "initial_weight");
    static final List<String> STDP_KEYS = List.of("rule", "a_plus", "a_minus", "tau_plus_ms", "tau_minus_ms", "w_min",
        "w_max", "weight_dependence", "pairing", "period_ms");
    static final List<String> KEYS = List.of("rule", "w_min", "w_max", "a_plus", "a_minus", "decay_plus", "decay_minus",
        "tau_plus_ms", "tau_minus_ms", "drift", "derivative_decay", "period_ms");

    private PlasticityReader()
    {
    }

    static PlasticityRule read(final ConfigMapping projection)
    {
        final org.snakeyaml.engine.v2.nodes.Node node = projection.value("plasticity");
        final String rule = node instanceof org.snakeyaml.engine.v2.nodes.MappingNode ?
            new ConfigMapping(projection.document(), (org.snakeyaml.engine.v2.nodes.MappingNode)node,
                "plasticity of " + projection.context(), null).oneOf("rule", RULES, "plasticity rule") : null;
        if ("dastdp2007".equals(rule))
        {
            return dastdp(projection.mapping("plasticity", "plasticity of " + projection.context(), DA_KEYS));
        }
        if ("stdp".equals(rule))
        {
            return stdp(projection.mapping("plasticity", "plasticity of " + projection.context(), STDP_KEYS));
        }
        final ConfigMapping m = projection.mapping("plasticity", "plasticity of " + projection.context(), KEYS);
        final YamlDocument document = m.document();
        m.oneOf("rule", RULES, "plasticity rule");
        final PlasticityRule d = PlasticityRule.spnet2006();
        final double wMin = floatValue(m, "w_min", m.nonNegativeNumber("w_min", d.wMin()));
        final double wMax = floatValue(m, "w_max", m.number("w_max", d.wMax()));
        if (!Double.isFinite(wMax) || wMax < wMin)
        {
            throw document.error(m.has("w_max") ? m.value("w_max") : m.value("w_min"), "'w_max' (" + wMax +
                ") must be >= 'w_min' (" + wMin + ") in " + m.context());
        }
        final double aPlus = floatValue(m, "a_plus", m.nonNegativeNumber("a_plus", d.aPlus()));
        final double aMinus = floatValue(m, "a_minus", m.nonNegativeNumber("a_minus", d.aMinus()));
        final double decayPlus = decay(m, "decay_plus", "tau_plus_ms", d.decayPlus());
        final double decayMinus = decay(m, "decay_minus", "tau_minus_ms", d.decayMinus());
        // A current added to every weight each period, as a_plus is (1e39 pinned every weight at w_max unrefused).
        final double drift = floatValue(m, "drift", m.number("drift", d.drift()));
        final double derivativeDecay = factor(m, "derivative_decay", d.derivativeDecay());
        final long period = period(m, d.periodMs());
        return PlasticityRule.of(wMin, wMax, aPlus, aMinus, decayPlus, decayMinus, drift, derivativeDecay, period);
    }

    /** Pair STDP (Song, Miller and Abbott 2000): amplitudes, time constants, bounds, dependence, pairing. */
    private static PlasticityRule stdp(final ConfigMapping m)
    {
        final double aPlus = floatValue(m, "a_plus", m.nonNegativeNumber("a_plus", 0.01));
        final double aMinus = floatValue(m, "a_minus", m.nonNegativeNumber("a_minus", 0.0105));
        final double tauPlus = tau(m, "tau_plus_ms", 20.0);
        final double tauMinus = tau(m, "tau_minus_ms", 20.0);
        final double wMin = floatValue(m, "w_min", m.nonNegativeNumber("w_min", 0.0));
        final double wMax = floatValue(m, "w_max", m.number("w_max"));
        if (!Double.isFinite(wMax) || wMax < wMin)
        {
            throw m.document().error(m.value("w_max"), "'w_max' (" + wMax + ") must be >= 'w_min' (" + wMin + ") in " +
                m.context());
        }
        final boolean multiplicative = m.has("weight_dependence") &&
            "multiplicative".equals(m.oneOf("weight_dependence", List.of("additive", "multiplicative"), "weight dependence"));
        final boolean nearest = m.has("pairing") &&
            "nearest".equals(m.oneOf("pairing", List.of("all_to_all", "nearest"), "pairing"));
        final long period = period(m, 1);
        return PlasticityRule.stdp(aPlus, aMinus, tauPlus, tauMinus, wMin, wMax, multiplicative, nearest, period);
    }

    /** Dopamine-modulated STDP (Izhikevich 2007, daspnet.m); defaults are the program's constants. */
    private static PlasticityRule dastdp(final ConfigMapping m)
    {
        final double aPlus = floatValue(m, "a_plus", m.nonNegativeNumber("a_plus", 0.1));
        final double aMinus = floatValue(m, "a_minus", m.nonNegativeNumber("a_minus", 0.15));
        final double decay = factor(m, "decay", 0.95);
        final double wMin = floatValue(m, "w_min", m.nonNegativeNumber("w_min", 0.0));
        final double wMax = floatValue(m, "w_max", m.number("w_max", 4.0));
        if (!Double.isFinite(wMax) || wMax < wMin)
        {
            throw m.document().error(m.has("w_max") ? m.value("w_max") : m.value("w_min"), "'w_max' (" + wMax +
                ") must be >= 'w_min' (" + wMin + ") in " + m.context());
        }
        // A tonic dopamine concentration (daspnet.m line 83: 0.002), so >= 0 as a concentration is; pulse is too.
        // Within a float's range, as a_plus is: the level (a double) then stays finite whatever the rewards (at most
        // one a step, 2^31 steps: 7e47), and so does its product with an eligibility; a pulse of 1e308 made it
        // Infinity, and the run completed and saved a checkpoint that --resume refused.
        final double baseline = floatValue(m, "baseline", m.nonNegativeNumber("baseline", 0.002));
        final double eligibilityDecay = factor(m, "eligibility_decay", 0.99);
        final long period = period(m, 10);
        final double dopamineDecay = factor(m, "dopamine_decay", 0.995);
        if (!m.has("reward"))
        {
            // Another plastic projection of the network names it (NetworkPlan checks that exactly one does).
            return PlasticityRule.dastdp2007(aPlus, aMinus, decay, wMin, wMax, baseline, eligibilityDecay, period,
                dopamineDecay, null);
        }
        final ConfigMapping r = m.mapping("reward", "reward of " + m.context(), REWARD_KEYS);
        final int pre = nonNegativeInt(r, "pre");
        // The pair by its post neuron, or as pre's k-th synapse (daspnet.m: post(n1,syn)), whatever the seed makes.
        if (r.has("post") == r.has("synapse"))
        {
            throw m.document().error(r.has("post") ? r.value("synapse") : r.node(), "the reward names its synapse by " +
                "'post' (a neuron) or by 'synapse' (pre's k-th synapse, from 1), " + (r.has("post") ? "not both" :
                "and has neither") + ", in " + r.context());
        }
        final int post = r.has("post") ? nonNegativeInt(r, "post") : -1;
        final int synapse = r.has("synapse") ? r.positiveInteger("synapse") : 0;
        final int window = r.has("window_ms") ? r.positiveInteger("window_ms") : 20;
        final int delayMin = r.has("delay_min_ms") ? r.positiveInteger("delay_min_ms") : 1001;
        if (r.has("delay_max_ms") && r.number("delay_max_ms") > PlasticityRule.MAX_REWARD_DELAY_MS)
        {
            // Before the integer's own range, which named 2147483647 for 1e39.
            throw m.document().error(r.value("delay_max_ms"), "'delay_max_ms' (" + r.text("delay_max_ms") +
                ") must be at most " + PlasticityRule.MAX_REWARD_DELAY_MS + " ms in " + r.context());
        }
        final int delayMax = r.has("delay_max_ms") ? r.positiveInteger("delay_max_ms") : 3000;
        if (delayMax < delayMin)
        {
            throw m.document().error(r.has("delay_max_ms") ? r.value("delay_max_ms") : r.value("delay_min_ms"),
                "'delay_max_ms' (" + delayMax + ") must be >= 'delay_min_ms' (" + delayMin + ") in " + r.context());
        }
        if (delayMax > PlasticityRule.MAX_REWARD_DELAY_MS)
        {
            // Up to one reward a step may be pending for delay_max_ms steps: the engine keeps room for them all.
            throw m.document().error(r.value("delay_max_ms"), "'delay_max_ms' (" + delayMax + ") must be at most " +
                PlasticityRule.MAX_REWARD_DELAY_MS + " ms in " + r.context());
        }
        final double pulse = floatValue(r, "pulse", r.nonNegativeNumber("pulse", 0.5));
        final double initial = r.has("initial_weight") ?
            floatValue(r, "initial_weight", r.nonNegativeNumber("initial_weight")) : Double.NaN;
        if (initial < wMin || initial > wMax)
        {
            // The first weight update would clip it without a word: the experiment would not start where it says.
            throw m.document().error(r.value("initial_weight"), "'initial_weight' (" + r.text("initial_weight") +
                ") must lie in [w_min, w_max] = [" + wMin + ", " + wMax + "] in " + r.context());
        }
        return PlasticityRule.dastdp2007(aPlus, aMinus, decay, wMin, wMax, baseline, eligibilityDecay, period,
            dopamineDecay, synapse > 0 ? PlasticityRule.Reward.ofSynapse(pre, synapse, window, delayMin, delayMax, pulse,
            initial) : new PlasticityRule.Reward(pre, post, window, delayMin, delayMax, pulse, initial));
    }

    /** A rule's {@code period_ms}: a whole number of ms > 0 that the step counter's int range holds. */
    private static long period(final ConfigMapping m, final double defaultValue)
    {
        final double period = m.positiveNumber("period_ms", defaultValue);
        if (period != Math.rint(period) || period > Integer.MAX_VALUE)
        {
            // Beyond the int range it was called "not a whole number" (1e12 is one).
            throw m.document().error(m.value("period_ms"), "'period_ms' must be a whole number of ms, at most " +
                Integer.MAX_VALUE + ", in " + m.context() + ", got " + m.text("period_ms"));
        }
        return (long)period;
    }

    /**
     * A value the engine keeps as a float (the weight bounds, the trace amplitudes, a weight): beyond a float's range
     * it would become infinity without a word (w_max 1e39 was no bound at all; a_plus 1e39 drove every weight to
     * w_max and the network to 460 Hz), so it is refused as a weight of 1e39 is.
     */
    private static double floatValue(final ConfigMapping m, final String key, final double value)
    {
        if (Math.abs(value) > YamlDocument.FLOAT_MAX)
        {
            throw m.document().error(m.value(key), YamlDocument.outsideFloat("'" + key + "' " + m.text(key)) + " in " +
                m.context());
        }
        return value;
    }

    private static int nonNegativeInt(final ConfigMapping m, final String key)
    {
        final int value = m.integer(key);
        if (value < 0)
        {
            throw m.document().error(m.value(key), "'" + key + "' must be a neuron id >= 0 in " + m.context() +
                ", got " + m.text(key));
        }
        return value;
    }

    private static double tau(final ConfigMapping m, final String key, final double dflt)
    {
        final double tau = m.number(key, dflt);
        if (m.has(key))
        {
            positiveTau(m, key, tau);
        }
        return tau;
    }

    /**
     * A trace's time constant: > 0 and at most {@link org.izhsim.network.build.SynapseModel#MAX_TAU_MS}, as the synapses'
     * and STP's are bounded (1e39 ran as a trace that never decays, unrefused).
     */
    private static void positiveTau(final ConfigMapping m, final String key, final double tau)
    {
        if (!(tau > 0) || !(tau <= org.izhsim.network.build.SynapseModel.MAX_TAU_MS))
        {
            throw m.document().error(m.value(key), "'" + key + "' must be a time constant > 0 ms and at most 1e9 ms " +
                "in " + m.context() + ", got " + m.text(key));
        }
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
            positiveTau(m, tauKey, tau);
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
