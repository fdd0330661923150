package org.izhsim.network.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.izhsim.core.InputException;

/**
 * The long-term plasticity of a projection's synapses: the spike-timing-dependent rule of Izhikevich (2006),
 * "Polychronization: computation with spikes", Neural Comput 18:245-282, as its program poly_spnet.cpp does it
 * (INM-6/reproducing-polychronization, code/original_model/poly_spnet.cpp). Immutable; the defaults are that
 * program's constants.
 * <ul>
 * <li>each neuron has a presynaptic trace LTP, set to {@code a_plus} when it fires (line 804) and multiplied by
 * {@code decay_plus} every ms (line 865), and a postsynaptic trace LTD, set to {@code a_minus} (807) and
 * multiplied by {@code decay_minus} every ms (868);</li>
 * <li>when a spike of the source arrives at the target, the synapse's derivative sd decreases by the target's
 * LTD (line 844);</li>
 * <li>when the target fires, sd of each of its plastic synapses increases by the source's LTP at time t + 1 - d
 * for a synapse of delay d (the target fired at the end of step t), so that a source spike that arrived in step t
 * or before counts, decayed once per ms since its arrival (line 812:
 * {@code LTP[I_pre[i][j]][t+D-D_pre[i][j]-1]}, with the program's step t one later than ours and D_pre = d - 1,
 * the 0-based delay index);</li>
 * <li>every {@code period_ms}: sd *= derivative_decay, then w += drift + sd, then w is clipped to
 * [w_min, w_max] (lines 931-934; the 2004 spnet.cpp adds before it decays).</li>
 * </ul>
 * A decay factor may also be given as a time constant tau (ms): factor = exp(-1 / tau). The program's 0.95 is
 * tau = 19.5 ms (its comment says "tau = 20 ms").
 * <p>
 * The same machinery runs pair-based STDP ({@link #stdp}; Song, Miller and Abbott 2000, Nat Neurosci 3:919;
 * the trace formulation of Brian2's STDP example, whose traces add; nearest-spike pairing is what CARLsim's E-STDP
 * computes from the last spike times): traces of amplitude A+ and A-
 * decaying with tau+ and tau-, added at every spike (all-to-all pairing) or reset to the amplitude (nearest
 * spike), depression by the postsynaptic trace at arrival and potentiation by the delayed presynaptic trace
 * at the postsynaptic spike, each additive or multiplicative (scaled by w - w_min, w_max - w), summed into sd
 * and applied every {@code period_ms} as w += sd, clipped, sd = 0.
 */
public final class PlasticityRule
{
    /** The kinds of rule. */
    public enum Kind
    {
        SPNET2006, STDP, DASTDP2007
    }

    /**
     * Dopamine-modulated STDP's reward: a dopamine pulse {@code delayMin..delayMax} ms (uniform, drawn per reward)
     * after {@code post} fires within {@code windowMs} after {@code pre} (daspnet.m lines 86-97); the synapse
     * pre -> post starts at {@code initialWeight} (line 49, {@code s(n1,syn)=0}), NaN to keep its weight rule's.
     */
    public record Reward(int pre, int post, int windowMs, int delayMinMs, int delayMaxMs, double pulse,
        double initialWeight, int synapse)
    {
        /** The pair named by its neurons. */
        public Reward(final int pre, final int post, final int windowMs, final int delayMinMs, final int delayMaxMs,
            final double pulse, final double initialWeight)
        {
            this(pre, post, windowMs, delayMinMs, delayMaxMs, pulse, initialWeight, 0);
        }

        /**
         * The pair named as pre's {@code synapse}-th synapse (from 1, in ascending target order), as daspnet.m
         * rewards {@code post(n1,syn)} with syn = 1 whatever the random connectivity: its post neuron is -1 until
         * the plan draws pre's targets ({@link #withPost}).
         */
        public static Reward ofSynapse(final int pre, final int synapse, final int windowMs, final int delayMinMs,
            final int delayMaxMs, final double pulse, final double initialWeight)
        {
            return new Reward(pre, -1, windowMs, delayMinMs, delayMaxMs, pulse, initialWeight, synapse);
        }

        /** This reward with its post neuron found. */
        public Reward withPost(final int neuron)
        {
            return new Reward(pre, neuron, windowMs, delayMinMs, delayMaxMs, pulse, initialWeight, synapse);
        }
    }

    /**
     * The longest reward delay: a reward may be scheduled in every step (whenever post fires in the window), so up
     * to delay_max + 1 are pending at once, and the engine keeps room for them all (8 bytes each per thread).
     */
    public static final int MAX_REWARD_DELAY_MS = 100_000;

    private double dopamineDecay;
    private Reward reward;

    private Kind kind = Kind.SPNET2006;
    private boolean nearest = true;
    private boolean multiplicative;
    private final double wMin;
    private final double wMax;
    private final double aPlus;
    private final double aMinus;
    private final double decayPlus;
    private final double decayMinus;
    private final double drift;
    private final double derivativeDecay;
    private final int periodMs;

    private PlasticityRule(final double wMin, final double wMax, final double aPlus, final double aMinus,
        final double decayPlus, final double decayMinus, final double drift, final double derivativeDecay,
        final int periodMs)
    {
        this.wMin = wMin;
        this.wMax = wMax;
        this.aPlus = aPlus;
        this.aMinus = aMinus;
        this.decayPlus = decayPlus;
        this.decayMinus = decayMinus;
        this.drift = drift;
        this.derivativeDecay = derivativeDecay;
        this.periodMs = periodMs;
    }

    /** poly_spnet.cpp's constants: w in [0, 10] (C_max, line 33), 0.1, 0.12, 0.95, 0.95, 0.01, 0.9, 1000 ms. */
    public static PlasticityRule spnet2006()
    {
        return new PlasticityRule(0.0, 10.0, 0.1, 0.12, 0.95, 0.95, 0.01, 0.9, 1000);
    }

    /**
     * A rule with every value checked: weights finite with {@code w_min <= w_max} and {@code w_min >= 0} (plastic synapses are
     * excitatory), amplitudes >= 0, decay factors in [0, 1], period >= 1 ms.
     */
    public static PlasticityRule of(final double wMin, final double wMax, final double aPlus, final double aMinus,
        final double decayPlus, final double decayMinus, final double drift, final double derivativeDecay,
        final long periodMs)
    {
        // The engine keeps bounds and amplitudes as floats: 1e39 would be infinity (the config refuses it too).
        Checks.floatValue("w_min", wMin);
        Checks.floatValue("w_max", wMax);
        Checks.nonNegative("w_min", wMin);
        if (wMax < wMin)
        {
            throw new InputException("w_max " + wMax + " is below w_min " + wMin);
        }
        Checks.nonNegative("a_plus", aPlus);
        Checks.nonNegative("a_minus", aMinus);
        Checks.floatValue("a_plus", aPlus);
        Checks.floatValue("a_minus", aMinus);
        factor("decay_plus", decayPlus);
        factor("decay_minus", decayMinus);
        // A current as a_plus is (dastdp2007's baseline sits here too): 1e39 pinned every weight at w_max.
        Checks.floatValue("drift", drift);
        factor("derivative_decay", derivativeDecay);
        if (periodMs < 1 || periodMs > Integer.MAX_VALUE)
        {
            throw new InputException("period_ms must be a whole number of ms >= 1, got " + periodMs);
        }
        return new PlasticityRule(wMin, wMax, aPlus, aMinus, decayPlus, decayMinus, drift, derivativeDecay,
            (int)periodMs);
    }

    /**
     * Pair-based STDP: {@code aPlus}, {@code aMinus} >= 0, time constants > 0 ms, w_max >= w_min, applied every
     * {@code periodMs} steps (1: every step).
     */
    public static PlasticityRule stdp(final double aPlus, final double aMinus, final double tauPlusMs,
        final double tauMinusMs, final double wMin, final double wMax, final boolean multiplicative,
        final boolean nearest, final long periodMs)
    {
        Checks.finite("w_min", wMin);
        final PlasticityRule r = of(Math.max(0, wMin), wMax, aPlus, aMinus, factorOfTau("tau_plus_ms", tauPlusMs),
            factorOfTau("tau_minus_ms", tauMinusMs), 0.0, 0.0, periodMs);
        if (wMin < 0)
        {
            throw new InputException("w_min must be >= 0 (plastic synapses are excitatory), got " + wMin);
        }
        r.kind = Kind.STDP;
        r.multiplicative = multiplicative;
        r.nearest = nearest;
        return r;
    }

    /**
     * Dopamine-modulated STDP, Izhikevich (2007), "Solving the distal reward problem through linkage of STDP and
     * dopamine signaling", Cereb Cortex 17:2443, as its program daspnet.m does it (ModelDB 84167; GitHub
     * tartavull/snn-rl at 09909fe, izhikevich/daspnet.m): spnet's traces with LTP set to {@code aPlus} and LTD
     * to {@code aMinus} (1.5 x 0.1, line 73), decaying by {@code decay} per ms (line 79), feed the synapse's
     * eligibility trace c (the derivative sd) as spnet feeds sd; dopamine DA decays by {@code dopamineDecay}
     * per ms (line 81) and jumps by the reward's pulse (line 96); every {@code periodMs}, w += (baseline + DA) c,
     * clipped to [w_min, w_max], then c *= {@code eligibilityDecay} (lines 82-85).
     */
    public static PlasticityRule dastdp2007(final double aPlus, final double aMinus, final double decay,
        final double wMin, final double wMax, final double baseline, final double eligibilityDecay,
        final long periodMs, final double dopamineDecay, final Reward reward)
    {
        // Named as itself before of() takes it for its drift.
        Checks.floatValue("baseline", baseline);
        final PlasticityRule r = of(wMin, wMax, aPlus, aMinus, decay, decay, baseline, eligibilityDecay, periodMs);
        factor("dopamine_decay", dopamineDecay);
        // A tonic dopamine concentration (daspnet.m line 83: 0.002), >= 0 as the config requires.
        Checks.nonNegative("baseline", baseline);
        if (reward != null && !Double.isNaN(reward.initialWeight()) &&
            !(reward.initialWeight() >= wMin && reward.initialWeight() <= wMax))
        {
            // The first weight update would clip it without a word (infinity blew the network up).
            throw new InputException("the reward's initial_weight " + reward.initialWeight() + " must lie in " +
                "[w_min, w_max] = [" + wMin + ", " + wMax + "] (or be NaN for its weight rule's)");
        }
        if (reward != null && (reward.windowMs() < 1 || reward.delayMinMs() < 1 || reward.delayMaxMs() < reward.delayMinMs() ||
            !(reward.pulse() >= 0) || reward.pulse() > Checks.FLOAT_LIMIT || reward.pre() < 0 ||
            (reward.post() < 0) == (reward.synapse() < 1) || reward.delayMaxMs() > MAX_REWARD_DELAY_MS))
        {
            throw new InputException("reward needs neurons >= 0 (a post neuron or pre's synapse >= 1, not both), " +
                "window >= 1 ms, 1 <= delay_min <= delay_max <= " + MAX_REWARD_DELAY_MS + " ms and a pulse in [0, 3.4e38] " +
                "(a float's range, so that the dopamine level stays finite), got " +
                reward);
        }
        r.kind = Kind.DASTDP2007;
        r.dopamineDecay = dopamineDecay;
        r.reward = reward;
        return r;
    }

    /**
     * This rule with {@code given} as its reward: a network's dastdp2007 rule takes the reward that one of its plastic
     * projections names (the others give the same rule without one).
     */
    public PlasticityRule withReward(final Reward given)
    {
        final PlasticityRule r = new PlasticityRule(wMin, wMax, aPlus, aMinus, decayPlus, decayMinus, drift,
            derivativeDecay, periodMs);
        r.kind = kind;
        r.nearest = nearest;
        r.multiplicative = multiplicative;
        r.dopamineDecay = dopamineDecay;
        r.reward = given;
        return r;
    }

    /** dastdp2007: this rule with its reward's post neuron found (the plan's, for a reward named by synapse). */
    public PlasticityRule withRewardPost(final int post)
    {
        return withReward(reward.withPost(post));
    }

    /** dastdp2007: the factor of dopamine per ms. */
    public double dopamineDecay()
    {
        return dopamineDecay;
    }

    /** dastdp2007: the rewarded pairing, null for the other rules. */
    public Reward reward()
    {
        return reward;
    }

    public Kind kind()
    {
        return kind;
    }

    /** Traces reset to their amplitude at a spike (nearest spike) instead of adding it (all-to-all). */
    public boolean nearest()
    {
        return nearest;
    }

    /** STDP only: changes scaled by w - w_min (depression) and w_max - w (potentiation). */
    public boolean multiplicative()
    {
        return multiplicative;
    }

    /** exp(-1 / tau): the per-ms factor of a trace with time constant tau (ms, > 0). */
    public static double factorOfTau(final String what, final double tauMs)
    {
        if (!(tauMs > 0.0) || Double.isInfinite(tauMs))
        {
            throw new InputException(what + " must be a time constant > 0 ms, got " + tauMs);
        }
        return StrictMath.exp(-1.0 / tauMs);
    }

    private static void factor(final String what, final double f)
    {
        if (!(f >= 0.0 && f <= 1.0))
        {
            throw new InputException(what + " must be a factor per ms in [0, 1], got " + f);
        }
    }

    public double wMin()
    {
        return wMin;
    }

    public double wMax()
    {
        return wMax;
    }

    public double aPlus()
    {
        return aPlus;
    }

    public double aMinus()
    {
        return aMinus;
    }

    public double decayPlus()
    {
        return decayPlus;
    }

    public double decayMinus()
    {
        return decayMinus;
    }

    public double drift()
    {
        return drift;
    }

    public double derivativeDecay()
    {
        return derivativeDecay;
    }

    public int periodMs()
    {
        return periodMs;
    }

    /**
     * The rule as the config names it, one "key value" term each, in a fixed order (checkpoints store them and name
     * the terms that differ when a run resumes under another rule): the kind, the bounds, amplitudes, decays (pair
     * STDP's as time constants), the period, and dastdp2007's dopamine and reward. Not the reward's initial weight,
     * which only sets the start.
     */
    public List<String> terms()
    {
        final List<String> terms = new ArrayList<>();
        terms.add("rule " + kind.name().toLowerCase(Locale.ROOT));
        terms.add("w_min " + term(wMin));
        terms.add("w_max " + term(wMax));
        terms.add("a_plus " + term(aPlus));
        terms.add("a_minus " + term(aMinus));
        switch (kind)
        {
            case STDP ->
            {
                // The config gives time constants; the factors exp(-1/tau) are what the rule keeps.
                terms.add(String.format(Locale.ROOT, "tau_plus_ms %.6g", -1 / StrictMath.log(decayPlus)));
                terms.add(String.format(Locale.ROOT, "tau_minus_ms %.6g", -1 / StrictMath.log(decayMinus)));
                // And exactly: taus alike to 6 digits (19.999999 and 19.99999 ms) give other factors, and a resume under
                // the other was accepted (checkpoints made before these two terms are compared by the taus alone).
                terms.add("decay_plus " + term(decayPlus));
                terms.add("decay_minus " + term(decayMinus));
                terms.add("weight_dependence " + (multiplicative ? "multiplicative" : "additive"));
                terms.add("pairing " + (nearest ? "nearest" : "all_to_all"));
            }
            case DASTDP2007 ->
            {
                terms.add("decay " + term(decayPlus));
                terms.add("baseline " + term(drift));
                terms.add("eligibility_decay " + term(derivativeDecay));
                terms.add("dopamine_decay " + term(dopamineDecay));
                if (reward != null)
                {
                    terms.add("reward pre " + reward.pre());
                    terms.add("reward post " + reward.post());
                    terms.add("reward window_ms " + reward.windowMs());
                    terms.add("reward delay_min_ms " + reward.delayMinMs());
                    terms.add("reward delay_max_ms " + reward.delayMaxMs());
                    terms.add("reward pulse " + term(reward.pulse()));
                }
            }
            default ->
            {
                terms.add("decay_plus " + term(decayPlus));
                terms.add("decay_minus " + term(decayMinus));
                terms.add("drift " + term(drift));
                terms.add("derivative_decay " + term(derivativeDecay));
            }
        }
        terms.add("period_ms " + periodMs);
        return terms;
    }

    /** A value as written: 10, not 10.0. */
    private static String term(final double value)
    {
        // The same text on every JDK: a checkpoint's rule text made by JDK 17 was refused by JDK 25 for some values.
        final String text = org.izhsim.core.ShortestDecimal.of(value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof PlasticityRule && sameButReward((PlasticityRule)o) &&
            java.util.Objects.equals(reward, ((PlasticityRule)o).reward);
    }

    /** Equal but for the reward: the rule of another plastic projection of the same network. */
    public boolean sameButReward(final PlasticityRule r)
    {
        return wMin == r.wMin && wMax == r.wMax && aPlus == r.aPlus && aMinus == r.aMinus && decayPlus == r.decayPlus &&
            decayMinus == r.decayMinus && drift == r.drift && derivativeDecay == r.derivativeDecay &&
            periodMs == r.periodMs && kind == r.kind && nearest == r.nearest && multiplicative == r.multiplicative &&
            dopamineDecay == r.dopamineDecay;
    }

    @Override
    public int hashCode()
    {
        return java.util.Objects.hash(wMin, wMax, aPlus, aMinus, decayPlus, decayMinus, drift, derivativeDecay, periodMs,
            kind, nearest, multiplicative);
    }

    @Override
    public String toString()
    {
        if (kind == Kind.DASTDP2007)
        {
            return "dastdp2007(w " + wMin + ".." + wMax + ", a+ " + aPlus + ", a- " + aMinus + ", decay " + decayPlus +
                ", baseline " + drift + ", c decay " + derivativeDecay + ", every " + periodMs + " ms, DA decay " +
                dopamineDecay + (reward == null ? "" : ", reward " + reward.pre() + " -> " +
                (reward.post() >= 0 ? String.valueOf(reward.post()) : "its synapse " + reward.synapse())) + ")";
        }
        if (kind == Kind.STDP)
        {
            return "stdp(w " + wMin + ".." + wMax + ", a+ " + aPlus + ", a- " + aMinus + ", decay " + decayPlus + "/" +
                decayMinus + (multiplicative ? ", multiplicative" : ", additive") + (nearest ? ", nearest" : ", all-to-all") +
                ", every " + periodMs + " ms)";
        }
        return "spnet2006(w " + wMin + ".." + wMax + ", a+ " + aPlus + ", a- " + aMinus + ", decay " + decayPlus + "/" +
            decayMinus + ", drift " + drift + ", sd decay " + derivativeDecay + ", every " + periodMs + " ms)";
    }
}
