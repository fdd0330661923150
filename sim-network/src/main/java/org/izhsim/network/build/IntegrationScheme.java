package org.izhsim.network.build;

/** How the 1 ms step integrates the 2003 model. */
public enum IntegrationScheme
{
    /**
     * net.m's scheme: two forward-Euler half steps of 0.5 ms for v "for numerical stability", then one
     * 1 ms step of u with the new v (Izhikevich 2003, Fig. 3 code).
     */
    HALFSTEP,
    /** One forward-Euler step of 1 ms for v and then u. */
    EULER
}
