package org.izhsim.config;

import java.util.List;

import org.izhsim.network.build.ShortTermPlasticity;
import org.izhsim.network.build.SynapseModel;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a projection's {@code synapse} (type and constants) and {@code stp} (short-term plasticity) keys; every
 * wrong value is reported where it was written. docs/config.md lists the keys, their equations and defaults.
 */
final class SynapseModelReader
{
    static final List<String> TYPES = List.of("current", "exponential", "conductance");
    static final List<String> DECAYS = List.of("carlsim", "exact");
    static final List<String> SOURCES = List.of("excitatory", "inhibitory");
    private static final List<String> EXPONENTIAL_KEYS = List.of("type", "tau_ms", "decay");
    private static final List<String> CONDUCTANCE_KEYS = List.of("type", "fast", "slow", "tau_ampa_ms", "tau_nmda_ms",
        "tau_gaba_a_ms", "tau_gaba_b_ms", "e_ampa_mv", "e_nmda_mv", "e_gaba_a_mv", "e_gaba_b_mv", "decay");
    private static final List<String> ALL_KEYS = List.of("type", "tau_ms", "fast", "slow", "tau_ampa_ms",
        "tau_nmda_ms", "tau_gaba_a_ms", "tau_gaba_b_ms", "e_ampa_mv", "e_nmda_mv", "e_gaba_a_mv", "e_gaba_b_mv", "decay");
    private static final List<String> STP_KEYS = List.of("defaults", "U", "tau_u_ms", "tau_x_ms");
    /** About the smallest U whose 1/U, computed from the float U as the engine does, a float holds. */
    static final String MIN_U = "2.94e-39";

    private SynapseModelReader()
    {
    }

    /** A reversal potential, located when beyond {@link SynapseModel.Receptors#MAX_REVERSAL_MV} (1e30 blew up). */
    private static double reversal(final ConfigMapping m, final String key, final double defaultMv)
    {
        final double mv = m.floatNumber(key, defaultMv);
        if (Math.abs(mv) > SynapseModel.Receptors.MAX_REVERSAL_MV)
        {
            throw m.document().error(m.value(key), "'" + key + "' must lie within +-" +
                (int)SynapseModel.Receptors.MAX_REVERSAL_MV + " mV (real receptors' lie within about +-100 mV) in " +
                m.context() + ", got " + m.text(key));
        }
        return mv;
    }

    /** The {@code synapse} key: a type name, or a mapping with {@code type} and its constants; current if absent. */
    static SynapseModel synapse(final ConfigMapping projection)
    {
        if (!projection.has("synapse"))
        {
            return SynapseModel.current();
        }
        final String context = "'synapse' of " + projection.context();
        final Node value = projection.value("synapse");
        if (value instanceof ScalarNode)
        {
            final String type = projection.oneOf("synapse", TYPES, "synapse type");
            if (type.equals("exponential"))
            {
                throw projection.document().error(value, "synapse type 'exponential' needs its time constant: " +
                    "synapse: {type: exponential, tau_ms: 5} in " + projection.context());
            }
            return type.equals("current") ? SynapseModel.current() :
                SynapseModel.conductance(SynapseModel.Receptors.CARLSIM, 1, 1);
        }
        // The type first, then the keys it takes: 'tau' of a conductance synapse was told "did you mean 'tau_ms'?",
        // which the next run refused as not applying to conductance synapses.
        final org.snakeyaml.engine.v2.nodes.MappingNode node = projection.document().mapping(value, "synapse");
        final ConfigMapping any = new ConfigMapping(projection.document(), node, context, null);
        final String type = any.has("type") ? any.oneOf("type", TYPES, "synapse type") : "";
        final List<String> valid = type.equals("exponential") ? EXPONENTIAL_KEYS :
            type.equals("conductance") ? CONDUCTANCE_KEYS : type.equals("current") ? List.of("type") : ALL_KEYS;
        for (final String key : ALL_KEYS)
        {
            if (any.has(key) && !valid.contains(key))
            {
                throw projection.document().error(any.keyNode(key), "'" + key + "' does not apply to synapse type '" +
                    type + "' in " + projection.context());
            }
        }
        final ConfigMapping m = projection.mapping("synapse", context, valid);
        m.oneOf("type", TYPES, "synapse type");
        final SynapseModel.Decay decay = m.has("decay") && m.oneOf("decay", DECAYS, "decay").equals("exact") ?
            SynapseModel.Decay.EXACT : SynapseModel.Decay.CARLSIM;
        switch (type)
        {
            case "current":
                return SynapseModel.current();
            case "exponential":
                return SynapseModel.exponential(tau(m, "tau_ms", Double.NaN), decay);
            default:
                final SynapseModel.Receptors d = SynapseModel.Receptors.CARLSIM;
                final SynapseModel.Receptors receptors = new SynapseModel.Receptors(
                    tau(m, "tau_ampa_ms", d.tauAmpaMs()), tau(m, "tau_nmda_ms", d.tauNmdaMs()),
                    tau(m, "tau_gaba_a_ms", d.tauGabaAMs()), tau(m, "tau_gaba_b_ms", d.tauGabaBMs()),
                    reversal(m, "e_ampa_mv", d.eAmpa()), reversal(m, "e_nmda_mv", d.eNmda()),
                    reversal(m, "e_gaba_a_mv", d.eGabaA()), reversal(m, "e_gaba_b_mv", d.eGabaB()), decay);
                return SynapseModel.conductance(receptors, m.nonNegativeFloat("fast", 1), m.nonNegativeFloat("slow", 1));
        }
    }

    /**
     * A time constant of at least 1 ms: the decay (1 - 1/tau) per 1 ms step of CARLsim is negative below, and
     * the exact decay as well as the step are meaningless there; and at most 1e9 ms.
     */
    private static double tau(final ConfigMapping m, final String key, final double defaultValue)
    {
        if (!m.has(key) && !Double.isNaN(defaultValue))
        {
            return defaultValue;
        }
        final double tau = m.number(key);
        if (!(tau >= 1.0) || !Double.isFinite(tau) || tau > 1e9)
        {
            // Above 1e9 ms (11.6 days) the value was reported as "at least 1 ms", which it is.
            throw m.document().error(m.value(key), "'" + key + "' must be a time constant from 1 ms (the step) to " +
                "1e9 ms in " + m.context() + ", got " + m.text(key));
        }
        return tau;
    }

    /** The {@code stp} key: {@code excitatory} or {@code inhibitory} (CARLsim's defaults), or a mapping; null if absent. */
    static ShortTermPlasticity stp(final ConfigMapping projection)
    {
        if (!projection.has("stp"))
        {
            return null;
        }
        if (projection.value("stp") instanceof ScalarNode)
        {
            return defaults(projection.oneOf("stp", SOURCES, "STP defaults"));
        }
        final ConfigMapping m = projection.mapping("stp", "'stp' of " + projection.context(), STP_KEYS);
        final ShortTermPlasticity base = m.has("defaults") ? defaults(m.oneOf("defaults", SOURCES, "STP defaults")) : null;
        if (base == null)
        {
            for (final String key : List.of("U", "tau_u_ms", "tau_x_ms"))
            {
                if (!m.has(key))
                {
                    throw m.document().error(m.node(), "missing key '" + key + "' in 'stp' of " + projection.context() +
                        " (or give 'defaults: excitatory' or 'defaults: inhibitory' for CARLsim's values)");
                }
            }
        }
        final double u = m.has("U") ? m.number("U") : base.u();
        if (!(u > 0.0 && u <= 1.0))
        {
            throw m.document().error(m.value("U"), "'U' must be within (0, 1] in 'stp' of " + projection.context() +
                ", got " + m.text("U"));
        }
        if (!Float.isFinite((float)(1.0 / (float)u)))
        {
            // CARLsim's STP_A = 1/U is kept as a float: with U = 1e-39 it was infinite, and the first spike blew
            // its targets up.
            throw m.document().error(m.value("U"), "'U' must be at least " + MIN_U + " (1/U, CARLsim's STP_A, is " +
                "kept as a float) in 'stp' of " + projection.context() + ", got " + m.text("U"));
        }
        return new ShortTermPlasticity(u, tau(m, "tau_u_ms", base == null ? Double.NaN : base.tauUMs()),
            tau(m, "tau_x_ms", base == null ? Double.NaN : base.tauXMs()));
    }

    private static ShortTermPlasticity defaults(final String source)
    {
        return source.equals("excitatory") ? ShortTermPlasticity.EXCITATORY : ShortTermPlasticity.INHIBITORY;
    }
}
