package org.izhsim.core.stimulus;

import java.util.StringJoiner;

/**
 * The sum of stimuli, added left to right.
 */
public final class Sum implements Stimulus
{
    private final Stimulus[] terms;

    public Sum(final Stimulus... terms)
    {
        this.terms = terms.clone();
    }

    @Override
    public double current(final double tMs, final long step)
    {
        double total = 0.0;
        for (final Stimulus term : terms)
        {
            total += term.current(tMs, step);
        }
        return total;
    }

    @Override
    public String toString()
    {
        final StringJoiner joiner = new StringJoiner(" + ");
        for (final Stimulus term : terms)
        {
            joiner.add(term.toString());
        }
        return joiner.toString();
    }
}
