package org.izhsim.config;

/**
 * The four dimensionless parameters of the Izhikevich (2003) model, eqs. (1)-(3): a is the recovery time
 * scale, b the sensitivity of u to v, c the after-spike reset of v (mV), d the after-spike increment of u.
 */
public record NeuronParameters(ParameterValue a, ParameterValue b, ParameterValue c, ParameterValue d)
{
}
