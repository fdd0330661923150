/**
 * Fixed-step schemes over (v, u), selected by {@link org.izhsim.core.integrate.Method} name: forward Euler,
 * the semi-implicit Euler of the published figure code, the half-step scheme of the 2003 network code, and
 * classic RK4. Stateless and allocation-free.
 */
package org.izhsim.core.integrate;
