/**
 * Injected currents as pure functions of (t, step), composable: constants, windows with open or closed
 * ends, if / else-if chains, linear segments, pulse trains, sines, counter-based Gaussian noise,
 * piecewise-linear tables from CSV, and sums. Invalid parameters throw
 * {@link org.izhsim.core.InputException}.
 */
package org.izhsim.core.stimulus;
