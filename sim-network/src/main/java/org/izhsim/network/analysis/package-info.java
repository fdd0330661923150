/**
 * Analyses of a run's spikes: rates, statistics, power spectra.
 */
package org.izhsim.network.analysis;
