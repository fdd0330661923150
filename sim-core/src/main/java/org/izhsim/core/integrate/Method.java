package org.izhsim.core.integrate;

import java.util.Objects;
import java.util.StringJoiner;

import org.izhsim.core.InputException;

/**
 * The integration schemes a run can select by name ({@code --method}).
 */
public enum Method
{
    /** {@link ForwardEuler}. */
    EULER("euler", new ForwardEuler()),

    /** {@link SemiImplicitEuler}, the scheme of the published figure code. */
    SEMI_IMPLICIT_EULER("semi_implicit_euler", new SemiImplicitEuler()),

    /** {@link HalfStepEuler}, the scheme of the 2003 network code. */
    HALFSTEP("halfstep", new HalfStepEuler()),

    /** {@link RungeKutta4}. */
    RK4("rk4", new RungeKutta4());

    private final String cliName;
    private final Integrator integrator;

    Method(final String cliName, final Integrator integrator)
    {
        this.cliName = cliName;
        this.integrator = integrator;
    }

    /**
     * @return the name used on the command line and in outputs, e.g. {@code semi_implicit_euler}.
     */
    public String cliName()
    {
        return cliName;
    }

    public Integrator integrator()
    {
        return integrator;
    }

    /**
     * @param name a CLI name, case-insensitive.
     * @return the method.
     * @throws InputException naming {@code --method} and the accepted names.
     */
    public static Method byName(final String name)
    {
        Objects.requireNonNull(name, "name");
        for (final Method method : values())
        {
            if (method.cliName.equalsIgnoreCase(name))
            {
                return method;
            }
        }
        throw new InputException("--method: unknown method " + InputException.quoted(name) + "; expected one of " +
            names());
    }

    /**
     * @return the CLI names, comma separated.
     */
    public static String names()
    {
        final StringJoiner joiner = new StringJoiner(", ");
        for (final Method method : values())
        {
            joiner.add(method.cliName);
        }
        return joiner.toString();
    }

    @Override
    public String toString()
    {
        return cliName;
    }
}
