package org.izhsim.config;

/**
 * Which (source, target) pairs of a projection get a synapse. Random rules draw without replacement, so
 * a pair is connected at most once.
 */
public sealed interface ConnectionRule
    permits ConnectionRule.AllToAll, ConnectionRule.FixedOutdegree, ConnectionRule.FixedIndegree,
    ConnectionRule.Pairwise, ConnectionRule.OneToOne
{
    /**
     * @return the rule's spelling in the config file.
     */
    String yamlName();

    /**
     * @return whether a neuron may connect to itself when the rule's {@code autapses} key is absent.
     */
    boolean autapsesByDefault();

    /**
     * Every source to every target: the full matrix S of Izhikevich (2003) net.m, which includes the
     * diagonal, hence autapses by default.
     */
    record AllToAll() implements ConnectionRule
    {
        @Override
        public String yamlName()
        {
            return "all_to_all";
        }

        @Override
        public boolean autapsesByDefault()
        {
            return true;
        }
    }

    /**
     * Each source neuron connects to exactly k distinct targets drawn uniformly: the scheme of
     * Izhikevich (2006) spnet.m ({@code p=randperm(N); post(i,:)=p(1:M)}). Random rules leave
     * self-connections out by default: in a sparse random graph they are an artefact, not a design.
     */
    record FixedOutdegree(int k) implements ConnectionRule
    {
        @Override
        public String yamlName()
        {
            return "fixed_outdegree";
        }

        @Override
        public boolean autapsesByDefault()
        {
            return false;
        }
    }

    /**
     * Each target neuron receives from exactly k distinct sources drawn uniformly.
     */
    record FixedIndegree(int k) implements ConnectionRule
    {
        @Override
        public String yamlName()
        {
            return "fixed_indegree";
        }

        @Override
        public boolean autapsesByDefault()
        {
            return false;
        }
    }

    /**
     * Each (source, target) pair independently with probability p (Erdos-Renyi).
     */
    record Pairwise(double p) implements ConnectionRule
    {
        @Override
        public String yamlName()
        {
            return "pairwise";
        }

        @Override
        public boolean autapsesByDefault()
        {
            return false;
        }
    }

    /**
     * Source i to target i; source and target sets have equal sizes.
     */
    record OneToOne() implements ConnectionRule
    {
        @Override
        public String yamlName()
        {
            return "one_to_one";
        }

        @Override
        public boolean autapsesByDefault()
        {
            return true;
        }
    }
}
