package org.izhsim.network.build;

import java.util.Objects;

/**
 * How a projection's spikes act on its targets: {@link Type#CURRENT} (the weight is added to the input in the
 * arrival step, net.m), {@link Type#EXPONENTIAL} (a current that jumps by the weight and decays with
 * {@link #tauMs()}) or {@link Type#CONDUCTANCE} (the four receptors of Izhikevich &amp; Edelman 2008 as CARLsim
 * implements them, see {@link Receptors}). Immutable; checked where it is made.
 */
public final class SynapseModel
{
    /** The synapse types of the {@code synapse:} key. */
    public enum Type
    {
        CURRENT, EXPONENTIAL, CONDUCTANCE
    }

    /**
     * How a decaying variable x (exponential current, conductance) shrinks per 1 ms step. {@link #CARLSIM}:
     * x *= 1 - 1/tau, as CARLsim does (snn_manager.cpp, SNN::setConductances: {@code dAMPA = 1.0-1.0/tdAMPA},
     * applied in snn_cpu_module.cpp, doSTPUpdateAndDecayCond_CPU: {@code gAMPA[lNId] *= dAMPA}), the forward Euler
     * step of dx/dt = -x/tau. {@link #EXACT}: x *= exp(-1/tau), the exact solution over 1 ms.
     */
    public enum Decay
    {
        CARLSIM, EXACT;

        /** The factor per 1 ms step, computed in double and rounded to float as CARLsim's network-level setter does. */
        public float factor(final double tauMs)
        {
            return this == CARLSIM ? (float)(1.0 - 1.0 / tauMs) : (float)StrictMath.exp(-1.0 / tauMs);
        }
    }

    /**
     * Receptor constants of a conductance synapse. Defaults: CARLsim (carlsim.cpp, CARLsim::CARLsimInit:
     * {@code setDefaultConductanceTimeConstants(5, 0, 150, 6, 0, 150)}, the decays of AMPA, NMDA, GABA_A and GABA_B
     * with no rise times, which {@code setConductances(true)} passes to snn_manager.cpp, SNN::setConductances as
     * {@code dAMPA = 1.0-1.0/tdAMPA ...}; and the reversal potentials written into
     * snn_cpu_module.cpp, globalStateUpdate_CPU: {@code I_sum = -(gAMPA*(v-0) + gNMDA*NMDAtmp/(1+NMDAtmp)*(v-0) +
     * gGABAa*(v+70) + gGABAb*(v+90))}); Izhikevich &amp; Edelman (2008) use the same values.
     *
     * @param tauAmpaMs  AMPA decay time constant, ms (5).
     * @param tauNmdaMs  NMDA decay time constant, ms (150).
     * @param tauGabaAMs GABA_A decay time constant, ms (6).
     * @param tauGabaBMs GABA_B decay time constant, ms (150).
     * @param eAmpa      AMPA reversal potential, mV (0).
     * @param eNmda      NMDA reversal potential, mV (0).
     * @param eGabaA     GABA_A reversal potential, mV (-70).
     * @param eGabaB     GABA_B reversal potential, mV (-90).
     * @param decay      decay arithmetic.
     */
    public record Receptors(double tauAmpaMs, double tauNmdaMs, double tauGabaAMs, double tauGabaBMs, double eAmpa,
        double eNmda, double eGabaA, double eGabaB, Decay decay)
    {
        public static final Receptors CARLSIM = new Receptors(5, 150, 6, 150, 0, 0, -70, -90, Decay.CARLSIM);
        /** The largest reversal potential taken, in magnitude (mV). */
        public static final double MAX_REVERSAL_MV = 1000;

        public Receptors
        {
            positive("tau_ampa_ms", tauAmpaMs);
            positive("tau_nmda_ms", tauNmdaMs);
            positive("tau_gaba_a_ms", tauGabaAMs);
            positive("tau_gaba_b_ms", tauGabaBMs);
            for (final double e : new double[] {eAmpa, eNmda, eGabaA, eGabaB})
            {
                // 1e300 was taken and blew the network up, and so did 1e30 within a float's range: a driving force
                // (E - v) of 1e30 mV overflows the step. Real receptors' lie within about +-100 mV.
                if (!(Math.abs(e) <= MAX_REVERSAL_MV))
                {
                    throw new org.izhsim.core.InputException("a reversal potential must lie within +-" +
                        (int)MAX_REVERSAL_MV + " mV (real receptors' lie within about +-100 mV), got " + e);
                }
            }
            Objects.requireNonNull(decay, "decay");
        }

        @Override
        public String toString()
        {
            return "tau AMPA " + tauAmpaMs + ", NMDA " + tauNmdaMs + ", GABA_A " + tauGabaAMs + ", GABA_B " + tauGabaBMs +
                " ms; E " + eAmpa + ", " + eNmda + ", " + eGabaA + ", " + eGabaB + " mV; decay " +
                decay.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final SynapseModel CURRENT = new SynapseModel(Type.CURRENT, 0, null, 1, 1, Decay.CARLSIM);

    private final Type type;
    private final double tauMs;
    private final Receptors receptors;
    private final double fast;
    private final double slow;
    private final Decay decay;

    private SynapseModel(final Type type, final double tauMs, final Receptors receptors, final double fast,
        final double slow, final Decay decay)
    {
        this.type = type;
        this.tauMs = tauMs;
        this.receptors = receptors;
        this.fast = fast;
        this.slow = slow;
        this.decay = decay;
    }

    /** The longest time constant, ms (11.6 days), of synapses, receptors and STP: the configs' bound. */
    public static final double MAX_TAU_MS = 1e9;

    /** Today's behaviour: the weight is added to the target's input in the arrival step. */
    public static SynapseModel current()
    {
        return CURRENT;
    }

    /** A current I that jumps by the weight at each arrival and decays with {@code tauMs}: I *= factor per ms. */
    public static SynapseModel exponential(final double tauMs, final Decay decay)
    {
        positive("tau_ms", tauMs);
        return new SynapseModel(Type.EXPONENTIAL, tauMs, null, 1, 1, Objects.requireNonNull(decay, "decay"));
    }

    /**
     * Conductances: a spike of weight w >= 0 adds w * fast to g_AMPA and w * slow to g_NMDA of its target, one of
     * weight {@code w < 0} adds -w * fast to g_GABA_A and -w * slow to g_GABA_B (CARLsim's mulSynFast and mulSynSlow,
     * snn_cpu_module.cpp, generatePostSynapticSpike: {@code gGABAa[postNId] -= change * mulSynFast[mulIndex]},
     * "wt should be negative for GABAa and GABAb").
     */
    public static SynapseModel conductance(final Receptors receptors, final double fast, final double slow)
    {
        nonNegative("fast", fast);
        nonNegative("slow", slow);
        return new SynapseModel(Type.CONDUCTANCE, 0, Objects.requireNonNull(receptors, "receptors"), fast, slow,
            receptors.decay());
    }

    private static void positive(final String what, final double value)
    {
        if (!(value >= 1) || !(value <= MAX_TAU_MS))
        {
            // Below 1 ms (the step) CARLsim's decay factor 1 - 1/tau is negative; the config's bound above.
            throw new org.izhsim.core.InputException("'" + what + "' must be a time constant from 1 ms (the step) to " +
                "1e9 ms, got " + value);
        }
    }

    private static void nonNegative(final String what, final double value)
    {
        if (!(value >= 0) || !(value <= Float.MAX_VALUE))
        {
            // A float's range, as the config's: 1e300 was taken and blew the network up.
            throw new org.izhsim.core.InputException("'" + what + "' must be a number >= 0 within a float's range " +
                "(3.4e38), got " + value);
        }
    }

    public Type type()
    {
        return type;
    }

    /** EXPONENTIAL: the current's time constant, ms. */
    public double tauMs()
    {
        return tauMs;
    }

    /** CONDUCTANCE: the receptor constants; null otherwise. */
    public Receptors receptors()
    {
        return receptors;
    }

    /** CONDUCTANCE: multiplier of the fast receptors (AMPA, GABA_A). */
    public double fast()
    {
        return fast;
    }

    /** CONDUCTANCE: multiplier of the slow receptors (NMDA, GABA_B). */
    public double slow()
    {
        return slow;
    }

    public Decay decay()
    {
        return decay;
    }

    /** What the target's state must agree on with other projections into it (taus, reversal potentials). */
    boolean sameTargetState(final SynapseModel other)
    {
        return type == other.type && tauMs == other.tauMs && decay == other.decay &&
            Objects.equals(receptors, other.receptors);
    }

    /**
     * The config keys in which the target state of {@code other} differs from this one's, each with this model's
     * value then the other's ("tau_ampa_ms 5.0 against 1.0"); empty when {@link #sameTargetState} holds.
     */
    String targetStateDifference(final SynapseModel other)
    {
        if (type != other.type)
        {
            return "type " + name(type) + " against " + name(other.type);
        }
        final java.util.List<String> out = new java.util.ArrayList<>();
        if (tauMs != other.tauMs)
        {
            out.add("tau_ms " + tauMs + " against " + other.tauMs);
        }
        if (decay != other.decay)
        {
            out.add("decay " + name(decay) + " against " + name(other.decay));
        }
        if (receptors != null && other.receptors != null)
        {
            final Receptors a = receptors;
            final Receptors b = other.receptors;
            final String[] keys = {"tau_ampa_ms", "tau_nmda_ms", "tau_gaba_a_ms", "tau_gaba_b_ms", "e_ampa_mv",
                "e_nmda_mv", "e_gaba_a_mv", "e_gaba_b_mv"};
            final double[] mine = {a.tauAmpaMs(), a.tauNmdaMs(), a.tauGabaAMs(), a.tauGabaBMs(), a.eAmpa(), a.eNmda(),
                a.eGabaA(), a.eGabaB()};
            final double[] theirs = {b.tauAmpaMs(), b.tauNmdaMs(), b.tauGabaAMs(), b.tauGabaBMs(), b.eAmpa(),
                b.eNmda(), b.eGabaA(), b.eGabaB()};
            for (int k = 0; k < keys.length; k++)
            {
                if (Double.compare(mine[k], theirs[k]) != 0)
                {
                    out.add(keys[k] + " " + mine[k] + " against " + theirs[k]);
                }
            }
            if (a.decay() != b.decay() && decay == other.decay)
            {
                out.add("decay " + name(a.decay()) + " against " + name(b.decay()));
            }
        }
        return String.join(", ", out);
    }

    private static String name(final Enum<?> value)
    {
        return value == null ? "none" : value.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString()
    {
        switch (type)
        {
            case CURRENT:
                return "current";
            case EXPONENTIAL:
                return "exponential (tau " + tauMs + " ms, decay " + decay.name().toLowerCase(java.util.Locale.ROOT) + ")";
            default:
                return "conductance (" + receptors + ")";
        }
    }
}
