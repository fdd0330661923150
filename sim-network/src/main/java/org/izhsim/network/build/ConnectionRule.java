package org.izhsim.network.build;

/**
 * How a projection chooses its (source, target) pairs. Random rules draw without replacement, so a pair is
 * connected at most once. Immutable. The names follow NEST's connection rules; the config file spells them
 * {@code all_to_all}, {@code fixed_outdegree}, {@code fixed_indegree}, {@code pairwise} and {@code one_to_one}.
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
        ONE_TO_ONE,
        /** The synapses of a {@link ConnectionTable}: given, not drawn (the config's {@code connections:}). */
        TABLE
    }

    private final Kind kind;
    private final int k;
    private final double p;
    private final ConnectionTable table;

    private ConnectionRule(final Kind kind, final int k, final double p)
    {
        this(kind, k, p, null);
    }

    private ConnectionRule(final Kind kind, final int k, final double p, final ConnectionTable table)
    {
        this.kind = kind;
        this.k = k;
        this.p = p;
        this.table = table;
    }

    /** The synapses of {@code table}, each with its own target, delay and weight. */
    public static ConnectionRule table(final ConnectionTable table)
    {
        return new ConnectionRule(Kind.TABLE, 0, 0.0, java.util.Objects.requireNonNull(table, "table"));
    }

    /** The table of a {@link Kind#TABLE} rule, else null. */
    public ConnectionTable connections()
    {
        return table;
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

    /**
     * Whether a neuron may connect to itself when the projection does not say. All-to-all is the full matrix
     * S of Izhikevich (2003) net.m, which includes the diagonal, and one-to-one onto the same population
     * means self-connections; random rules leave them out: in a sparse random graph they are an artefact, not
     * a design.
     */
    public boolean autapsesByDefault()
    {
        return kind == Kind.ALL_TO_ALL || kind == Kind.ONE_TO_ONE || kind == Kind.TABLE;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof ConnectionRule && ((ConnectionRule)other).kind == kind &&
            ((ConnectionRule)other).k == k && Double.compare(((ConnectionRule)other).p, p) == 0 &&
            (table == null ? ((ConnectionRule)other).table == null : ((ConnectionRule)other).table != null &&
                ((ConnectionRule)other).table.checksum() == table.checksum() &&
                ((ConnectionRule)other).table.size() == table.size());
    }

    @Override
    public int hashCode()
    {
        // The kind's ordinal, not its identity hash: the same rule hashes alike in every JVM (MPI ranks compare the
        // networks they built by such hashes).
        return ((kind.ordinal() * 31 + Long.hashCode(k)) * 31 + Double.hashCode(p)) * 31 +
            (table == null ? 0 : Long.hashCode(table.checksum()));
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
            case TABLE:
                return table.toString();
            default:
                return "all_to_all";
        }
    }
}
