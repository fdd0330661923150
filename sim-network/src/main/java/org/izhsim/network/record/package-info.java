/**
 * What a run records: spikes, traces and the result that holds them with the run's counts and timings.
 */
package org.izhsim.network.record;
