package org.izhsim.core.run;

import org.izhsim.core.InputException;

/**
 * A single-neuron run whose v or u became infinite or NaN: a numerical blow-up, which the command line reports as a
 * network's (exit code 3), not as an option it cannot read (2). It is still an {@link InputException}, one line,
 * for the callers that answer bad input (the explorer's neuron requests): what blew up is the user's choice of dt,
 * method, parameters, start state or current.
 */
public class StateDiverged extends InputException
{
    private static final long serialVersionUID = 1L;

    StateDiverged(final String message)
    {
        super(message);
    }
}
