package org.izhsim.network.build;

/**
 * How a projection chooses its (source, target) pairs. Immutable. The names follow NEST's connection rules.
 */
public final class ConnectionRule
{
    /** The kinds of rule. */
    public enum Kind
    {
        /** Every source to every target. */
        ALL_TO_ALL,
        /** Each source to exactly k distinct targets drawn uniformly. */
        FIXED_OUTDEGREE,
        /** Each target from exactly k distinct sources drawn uniformly. */
        FIXED_INDEGREE,
        /** Each pair independently with probability p. */
        PAIRWISE_PROBABILITY,
        /** Source i to target i; populations of equal size. */
        ONE_TO_ONE
    }

    private final Kind kind;
    private final int k;
    private final double p;

    private ConnectionRule(final Kind kind, final int k, final double p)
    {
        this.kind = kind;
        this.k = k;
        this.p = p;
    }

    public static ConnectionRule allToAll()
    {
        return new ConnectionRule(Kind.ALL_TO_ALL, 0, 1.0);
    }

    /** Each source connects to k distinct targets, drawn uniformly without replacement. */
    public static ConnectionRule fixedOutdegree(final long k)
    {
        Checks.degree("fixed_outdegree", k);
        return new ConnectionRule(Kind.FIXED_OUTDEGREE, (int)Math.min(k, Integer.MAX_VALUE), 0.0);
    }

    /** Each target receives from k distinct sources, drawn uniformly without replacement. */
    public static ConnectionRule fixedIndegree(final long k)
    {
        Checks.degree("fixed_indegree", k);
        return new ConnectionRule(Kind.FIXED_INDEGREE, (int)Math.min(k, Integer.MAX_VALUE), 0.0);
    }

    public static ConnectionRule pairwiseProbability(final double p)
    {
        Checks.probability(p);
        return new ConnectionRule(Kind.PAIRWISE_PROBABILITY, 0, p);
    }

    public static ConnectionRule oneToOne()
    {
        return new ConnectionRule(Kind.ONE_TO_ONE, 0, 1.0);
    }

    public Kind kind()
    {
        return kind;
    }

    /** Degree of the fixed_outdegree and fixed_indegree rules. */
    public int k()
    {
        return k;
    }

    /** Probability of the pairwise rule. */
    public double p()
    {
        return p;
    }

    @Override
    public String toString()
    {
        switch (kind)
        {
            case FIXED_OUTDEGREE:
                return "fixed_outdegree(" + k + ")";
            case FIXED_INDEGREE:
                return "fixed_indegree(" + k + ")";
            case PAIRWISE_PROBABILITY:
                return "pairwise_probability(" + p + ")";
            case ONE_TO_ONE:
                return "one_to_one";
            default:
                return "all_to_all";
        }
    }
}
