package org.izhsim.core.run;

import org.izhsim.core.InputException;

/**
 * A single-neuron run whose v or u became infinite or NaN: a numerical blow-up, which the command line reports as a
 * network's (exit code 3), not as an option it cannot read (2). It is still an {@link InputException}, one line,
 * for the callers that answer bad input (the explorer's neuron requests): what blew up is the user's choice of dt,
 * method, parameters, start state or current.
 */
public final class StateDiverged extends InputException
{
    private static final long serialVersionUID = 1L;
    private final double atMs;

    StateDiverged(final String message)
    {
        this(message, Double.NaN);
    }

    StateDiverged(final String message, final double atMs)
    {
        super(message);
        this.atMs = atMs;
    }

    /** The start of the step that blew up, ms; NaN where not known. */
    public double atMs()
    {
        return atMs;
    }
}
